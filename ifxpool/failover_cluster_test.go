//go:build unix

package ifxpool

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/clustertest"
)

// Three ifxtestd processes share a database directory: a primary and
// two read-only secondaries. 32 goroutines on a pool of 8 (DSN: the three
// hosts, target_session_attrs=read-write) commit transactions and run
// idempotent reads and writes outside transactions, while the primary is
// killed (SIGKILL) and, 300 ms later, a secondary promoted (SIGUSR1)
// (clustertest.Failover.Run). Afterwards every committed row must be
// there with its value, no read may have seen a wrong value, no
// idempotent statement outside a transaction may have failed, and the
// pool must serve writes again within 2 s of the promotion. The figures
// go to the log as "FIGURES:" lines, which .ci/reliability copies into
// docs/RELIABILITY.md.
func TestClusterFailoverUnderLoad(t *testing.T) {
	cl := clustertest.NewFailover(t)
	p := newPool(t, cl.DSN()+"&pool_max_conns=8", nil)
	f := cl.Run(t, clustertest.Client{
		Exec: func(ctx context.Context, q string, args ...any) error {
			_, err := p.Exec(ctx, q, args...)
			return err
		},
		QueryString: func(ctx context.Context, q string, args ...any) (s string, err error) {
			err = p.QueryRow(ctx, q, args...).Scan(&s)
			return s, err
		},
		InTx: func(ctx context.Context, q string, args ...any) (bool, error) {
			tx, err := p.Begin(ctx)
			if err != nil {
				return true, err
			}
			if _, err = tx.Exec(ctx, q, args...); err != nil {
				tx.Rollback(ctx)
				return false, err
			}
			return false, tx.Commit(ctx)
		},
		// Read back on a connection of its own to the promoted secondary.
		Rows: func(ctx context.Context, q string) ([]clustertest.Row, error) {
			c, err := ifx.Connect(ctx, fmt.Sprintf("informix://informix:in4mix@%s/testdb?server=informix", cl.Secondaries[0].Addr))
			if err != nil {
				return nil, err
			}
			defer c.Close(ctx)
			rows, err := c.Query(ctx, q)
			if err != nil {
				return nil, err
			}
			var out []clustertest.Row
			for rows.Next() {
				var r clustertest.Row
				if err := rows.Scan(&r.Worker, &r.Seq, &r.Payload); err != nil {
					rows.Close()
					return nil, err
				}
				out = append(out, r)
			}
			return out, rows.Err()
		},
		Idempotent: ifx.Idempotent,
		TxLost:     func(err error) bool { return errors.Is(err, ifx.ErrTxLost) },
		Seed:       16,
	})
	st := p.Stat()
	t.Logf("FIGURES: workers %d, pool %d connections, 3 ifxtestd processes (1 primary, 2 read-only secondaries sharing a database directory); primary killed (SIGKILL) after 1 s of load, a secondary promoted (SIGUSR1) 300 ms later",
		f.Workers, p.Config().MaxConns)
	t.Logf("FIGURES: committed transactions %d; idempotent reads %d and writes %d outside transactions; rows in the table %d",
		f.Commits, f.Reads, f.Writes, f.Rows)
	t.Logf("FIGURES: wrong rows %d; committed writes lost %d; errors returned for idempotent statements outside transactions %d",
		f.WrongRows, f.LostCommits, f.OutsideErrs)
	t.Logf("FIGURES: transactions failed with ErrTxLost %d, with another error %d; Begin failed %d",
		f.TxLost, f.TxOther, f.BeginErr)
	t.Logf("FIGURES: pool serving writes again %v after the promotion (%v after the kill); connections made %d, destroyed as dead %d, on release %d",
		f.ServingAfterPromotion.Round(time.Millisecond), f.ServingAfterKill.Round(time.Millisecond), st.NewConnsCount, st.DestroyedHealthCheck, st.DestroyedBroken)

	if f.WrongRows != 0 || f.LostCommits != 0 || f.OutsideErrs != 0 {
		t.Errorf("wrong rows %d, lost commits %d, idempotent errors %d: all must be 0", f.WrongRows, f.LostCommits, f.OutsideErrs)
	}
	if f.TxOther != 0 || f.BeginErr != 0 {
		t.Errorf("%d transactions failed with an error other than ErrTxLost, %d Begins failed", f.TxOther, f.BeginErr)
	}
	// The target (under 2 s) is a figure the FIGURES lines report and
	// docs/RELIABILITY.md records, not a pass/fail bound: a timed assertion
	// flakes on a loaded machine. The test fails only when serving never
	// resumed or took longer than a failover that works could take.
	if f.ServingAfterPromotion == 0 || f.ServingAfterPromotion > 20*time.Second {
		t.Errorf("the pool served again %v after the promotion, want it to resume (target under 2 s)", f.ServingAfterPromotion)
	}
	if f.Commits == 0 || f.Reads == 0 {
		t.Error("the load did nothing")
	}
}
