package ifxpool

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
)

// TestLoad: 64 goroutines share a pool of 8 connections for 50,000
// operations through the Pool's shortcuts (5,000 with -short): selects by
// key, inserts, updates, small transactions (a transfer: two updates and
// an insert) and short range queries. Every operation must succeed and
// return the right data; afterwards the table contents prove that every
// write landed exactly once, and the pool's statistics add up: one acquire
// per operation, no connection closed, none in use, created - destroyed =
// total.
func TestLoad(t *testing.T) {
	ops := 50_000
	if testing.Short() {
		ops = 5_000
	}
	const (
		goroutines = 64
		accounts   = 1000
		start      = 1000 // initial balance
	)
	srv := server(t)
	// Writers queue for the engine's lock instead of failing after the
	// default wait (ifxtest locks a whole database per writer; on a busy
	// machine a transaction can hold it for over a second).
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=8&pool_min_conns=8&pool_health_check_period=0", func(c *Config) {
		c.AfterConnect = func(ctx context.Context, conn *ifx.Conn) error {
			_, err := conn.Exec(ctx, "SET LOCK MODE TO WAIT 30")
			return err
		}
	})
	// The duration is reported, not asserted: a loaded machine makes the
	// test slow, not wrong.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	mustExec(t, p, "CREATE TABLE acct (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL, name VARCHAR(20))")
	mustExec(t, p, fmt.Sprintf("INSERT INTO acct SELECT value, %d, 'acct' || value FROM TABLE(ifx_generate(%d)) AS g(value)", start, accounts))
	mustExec(t, p, "CREATE TABLE ledger (id INTEGER PRIMARY KEY, acct INTEGER NOT NULL, amount INTEGER NOT NULL)")

	// Warm every connection's view of the two tables outside a
	// transaction. ifxtest reads its catalog on a session's first use of a
	// table, on the session's SQLite connection: inside a transaction that
	// read turns the following write into a read-to-write lock upgrade,
	// which SQLite refuses at once (-346) when another writer holds the
	// lock, whatever SET LOCK MODE says. Informix has no such effect.
	var conns []*Conn
	for range 8 {
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		for _, q := range []string{"SELECT balance FROM acct WHERE id = ?", "SELECT amount FROM ledger WHERE id = ?"} {
			if err := c.QueryRow(ctx, q, 1).Scan(new(int)); err != nil && !errors.Is(err, ifx.ErrNoRows) {
				t.Fatal(err)
			}
		}
	}
	for _, c := range conns {
		c.Release()
	}

	var (
		next, ledgerID, delta, failures atomic.Int64
		kinds                           [5]atomic.Int64 // select, insert, update, tx, range
	)
	fail := func(format string, args ...any) {
		if failures.Add(1) <= 10 {
			t.Errorf(format, args...)
		}
	}
	before := p.Stat()
	began := time.Now()
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= ops {
					return
				}
				k := i*7919%accounts + 1
				switch i % 10 {
				case 0, 1, 2, 3:
					kinds[0].Add(1)
					var id, bal int
					var name string
					err := p.QueryRow(ctx, "SELECT id, balance, name FROM acct WHERE id = ?", k).Scan(&id, &bal, &name)
					if err != nil || id != k || name != fmt.Sprintf("acct%d", k) {
						fail("select %d: %d %q %v", k, id, name, err)
					}
				case 4, 5:
					kinds[1].Add(1)
					tag, err := p.Exec(ctx, "INSERT INTO ledger (id, acct, amount) VALUES (?, ?, ?)", ledgerID.Add(1), k, 0)
					if err != nil || tag.RowsAffected() != 1 {
						fail("insert: %v %v", tag, err)
					}
				case 6, 7:
					kinds[2].Add(1)
					d := i%3 - 1
					tag, err := p.Exec(ctx, "UPDATE acct SET balance = balance + ? WHERE id = ?", d, k)
					if err != nil || tag.RowsAffected() != 1 {
						fail("update: %v %v", tag, err)
						continue
					}
					delta.Add(int64(d))
				case 8:
					kinds[3].Add(1)
					if err := transfer(ctx, p, k, k%accounts+1, 5, ledgerID.Add(1)); err != nil {
						fail("transfer: %v", err)
					}
				case 9:
					kinds[4].Add(1)
					lo := min(k, accounts-4)
					rows, err := p.Query(ctx, "SELECT id, name FROM acct WHERE id BETWEEN ? AND ? ORDER BY id", lo, lo+4)
					if err != nil {
						fail("range: %v", err)
						continue
					}
					n := 0
					for rows.Next() {
						var id int
						var name string
						if err := rows.Scan(&id, &name); err != nil || id != lo+n {
							fail("range row %d: %d %v", n, id, err)
						}
						n++
					}
					if err := rows.Err(); err != nil || n != 5 {
						fail("range: %d rows, %v", n, err)
					}
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)
	after := p.Stat()

	var sum, ledgerRows int64
	if err := p.QueryRow(ctx, "SELECT SUM(balance) FROM acct").Scan(&sum); err != nil {
		t.Fatal(err)
	}
	if err := p.QueryRow(ctx, "SELECT COUNT(*) FROM ledger").Scan(&ledgerRows); err != nil {
		t.Fatal(err)
	}
	statements := kinds[0].Load() + kinds[1].Load() + kinds[2].Load() + 5*kinds[3].Load() + kinds[4].Load()
	t.Logf("%d operations (%d SQL statements: %d selects, %d inserts, %d updates, %d transactions of 5, %d range queries) by %d goroutines on %d connections in %v: %.0f operations/s, %.0f statements/s",
		ops, statements, kinds[0].Load(), kinds[1].Load(), kinds[2].Load(), kinds[3].Load(), kinds[4].Load(),
		goroutines, after.MaxConns, elapsed.Round(time.Millisecond), float64(ops)/elapsed.Seconds(), float64(statements)/elapsed.Seconds())
	var groups int
	for _, st := range srv.Stats() {
		groups += st.RequestGroups
	}
	t.Logf("server request groups (pipelined ones counted apart): %d, %.2f per operation", groups, float64(groups)/float64(ops))
	t.Logf("Stat: %+v", after)
	t.Logf("mean acquire %v, mean wait of the %d that waited %v", (after.AcquireDuration-before.AcquireDuration)/time.Duration(ops),
		after.EmptyAcquireCount-before.EmptyAcquireCount,
		(after.EmptyAcquireWaitTime-before.EmptyAcquireWaitTime)/time.Duration(max(1, after.EmptyAcquireCount-before.EmptyAcquireCount)))

	if failures.Load() > 0 {
		t.Fatalf("%d operations failed", failures.Load())
	}
	if want := int64(accounts*start) + delta.Load(); sum != want {
		t.Errorf("balances sum to %d, want %d", sum, want)
	}
	if want := kinds[1].Load() + kinds[3].Load(); ledgerRows != want {
		t.Errorf("ledger has %d rows, want %d", ledgerRows, want)
	}
	if got := after.AcquireCount - before.AcquireCount; got != int64(ops) {
		t.Errorf("%d acquires for %d operations", got, ops)
	}
	if after.CanceledAcquireCount+after.TimedOutAcquireCount+after.FailedAcquireCount != 0 {
		t.Errorf("failed acquires: %+v", after)
	}
	if after.AcquiredConns != 0 || after.TotalConns != 8 || after.NewConnsCount != 8 || after.DestroyedCount() != 0 {
		t.Errorf("pool after the load: %+v", after)
	}
	checkGauges(t, after)
	if n := len(srv.Stats()); n != 8 {
		t.Errorf("the server saw %d connections", n)
	}
}

// transfer moves amount from account a to b and records it, in one
// transaction.
func transfer(ctx context.Context, p *Pool, a, b, amount int, ledgerID int64) error {
	tx, err := p.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	for _, st := range []struct {
		sql  string
		args []any
	}{
		{"UPDATE acct SET balance = balance - ? WHERE id = ?", []any{amount, a}},
		{"UPDATE acct SET balance = balance + ? WHERE id = ?", []any{amount, b}},
		{"INSERT INTO ledger (id, acct, amount) VALUES (?, ?, ?)", []any{ledgerID, a, -amount}},
	} {
		tag, err := tx.Exec(ctx, st.sql, st.args...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("%s: %d rows", st.sql, tag.RowsAffected())
		}
	}
	return tx.Commit(ctx)
}
