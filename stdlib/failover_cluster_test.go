//go:build unix

package stdlib_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/clustertest"
)

// TestClusterFailoverUnderLoad through database/sql: three ifxtestd
// processes (a primary, two read-only secondaries sharing its database
// directory), 32 goroutines on a *sql.DB of at most 8 connections; the
// primary is SIGKILLed, a secondary promoted 300 ms later
// (clustertest.Failover.Run). No wrong row, no committed row lost, no
// error for an idempotent statement outside a transaction, writes served
// again within 2 s of the promotion.
func TestClusterFailoverUnderLoadDatabaseSQL(t *testing.T) {
	needFake(t)
	cl := clustertest.NewFailover(t)
	db := openDB(t, cl.DSN())
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	f := cl.Run(t, clustertest.Client{
		Exec: func(ctx context.Context, q string, args ...any) error {
			_, err := db.ExecContext(ctx, q, args...)
			return err
		},
		QueryString: func(ctx context.Context, q string, args ...any) (s string, err error) {
			err = db.QueryRowContext(ctx, q, args...).Scan(&s)
			return s, err
		},
		InTx: func(ctx context.Context, q string, args ...any) (bool, error) {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				return true, err
			}
			if _, err = tx.ExecContext(ctx, q, args...); err != nil {
				tx.Rollback()
				return false, err
			}
			return false, tx.Commit()
		},
		Rows: func(ctx context.Context, q string) ([]clustertest.Row, error) {
			return scanLoadRows(db.QueryContext(ctx, q))
		},
		Idempotent: ifx.Idempotent,
		TxLost:     func(err error) bool { return errors.Is(err, ifx.ErrTxLost) },
		Seed:       17,
	})
	t.Logf("FIGURES: database/sql, 32 goroutines, at most 8 connections, 3 ifxtestd processes; primary SIGKILLed after 1 s, a secondary promoted 300 ms later")
	t.Logf("FIGURES: committed transactions %d, idempotent reads %d, rows %d; wrong rows %d; committed writes lost %d; errors for idempotent statements outside transactions %d; transactions failed with ErrTxLost %d, otherwise %d; writes served again %v after the promotion",
		f.Commits, f.Reads, f.Rows, f.WrongRows, f.LostCommits, f.OutsideErrs, f.TxLost, f.TxOther+f.BeginErr, f.ServingAfterPromotion.Round(time.Millisecond))
	if f.WrongRows != 0 || f.LostCommits != 0 || f.OutsideErrs != 0 || f.TxOther+f.BeginErr != 0 {
		t.Errorf("wrong rows %d, lost commits %d, idempotent errors %d, other transaction errors %d: all must be 0",
			f.WrongRows, f.LostCommits, f.OutsideErrs, f.TxOther+f.BeginErr)
	}
	// The target (under 2 s) is a figure the FIGURES lines report and
	// docs/RELIABILITY.md records, not a pass/fail bound: a timed assertion
	// flakes on a loaded machine. The test fails only when serving never
	// resumed or took longer than a failover that works could take.
	if f.ServingAfterPromotion == 0 || f.ServingAfterPromotion > 20*time.Second {
		t.Errorf("served again %v after the promotion, want it to resume (target under 2 s)", f.ServingAfterPromotion)
	}
	if f.Commits == 0 || f.Reads == 0 {
		t.Error("the load did nothing")
	}
}

func scanLoadRows(rows *sql.Rows, err error) ([]clustertest.Row, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []clustertest.Row
	for rows.Next() {
		var r clustertest.Row
		if err := rows.Scan(&r.Worker, &r.Seq, &r.Payload); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
