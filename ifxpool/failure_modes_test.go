package ifxpool

// Regression tests named after the failure modes the audit of the Python
// informix-driver found in its pool (docs/PROTOCOL.md,
// note N13). Each says which protection it guards and how it fails without it;
// each claim was checked by removing the protection in a scratch copy of
// the tree and running the test.

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// TestAuditC1DirtyCheckout: C1, critical. The Python pool returned
// connections with a transaction still open, so the next borrower's
// COMMIT persisted the previous borrower's writes (or its ROLLBACK dropped
// them).
//
// Protection: Pool.release calls ifx.Conn.Reset, which rolls back any
// transaction the driver knows to be open (a Tx, BEGIN WORK run as SQL
// text, an ANSI database's implicit one) before the connection goes back.
//
// Without it (release putting the connection back without Reset), B — on
// the same connection, MaxConns is 1 — fails with "B sees A's uncommitted
// write: 1 rows" and "B starts inside A's transaction" (its own Begin is
// then refused, "a transaction is already open"); the later subtests fail
// too, blocked on the locks the leaked transaction still holds.
func TestAuditC1DirtyCheckout(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	freshTable(t, p, "ledger", "id INTEGER, who VARCHAR(10)")
	outside, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer outside.Close(ctx)
	outsideCount := func() int {
		var n int
		if err := outside.QueryRow(ctx, "SELECT COUNT(*) FROM ledger").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	leaveOpen := map[string]func(c *Conn) error{
		"Tx never ended": func(c *Conn) error {
			tx, err := c.Begin(ctx)
			if err != nil {
				return err
			}
			_, err = tx.Exec(ctx, "INSERT INTO ledger VALUES (1, 'A')")
			return err
		},
		"BEGIN WORK as SQL": func(c *Conn) error {
			if _, err := c.Exec(ctx, "BEGIN WORK"); err != nil {
				return err
			}
			_, err := c.Exec(ctx, "INSERT INTO ledger VALUES (?, ?)", 1, "A")
			return err
		},
		"Tx with an open cursor": func(c *Conn) error {
			tx, err := c.Begin(ctx)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, "INSERT INTO ledger VALUES (1, 'A')"); err != nil {
				return err
			}
			rows, err := tx.Query(ctx, "SELECT id FROM ledger")
			if err != nil {
				return err
			}
			rows.Next() // left open
			return nil
		},
	}
	for name, leave := range leaveOpen {
		t.Run(name, func(t *testing.T) {
			a, err := p.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conn := a.Conn()
			if err := leave(a); err != nil {
				t.Fatal(err)
			}
			a.Release()

			b, err := p.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Release()
			if b.Conn() != conn {
				t.Fatal("B did not get A's connection; the test proves nothing")
			}
			var n int
			if err := b.QueryRow(ctx, "SELECT COUNT(*) FROM ledger").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("B sees A's uncommitted write: %d rows", n)
			}
			if b.Conn().InTransaction() {
				t.Error("B starts inside A's transaction")
			}
			// B's own transaction commits only B's work.
			tx, err := b.Begin(ctx)
			if err != nil {
				t.Fatalf("B's Begin: %v", err)
			}
			if _, err := tx.Exec(ctx, "INSERT INTO ledger VALUES (2, 'B')"); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			if n := outsideCount(); n != 1 {
				t.Errorf("an outside session sees %d rows after B's commit, want B's 1", n)
			}
			if _, err := b.Exec(ctx, "DELETE FROM ledger"); err != nil {
				t.Fatal(err)
			}
		})
	}

	// No over-correction: committed and autocommitted writes survive the
	// release; only the open transaction's are undone.
	t.Run("committed writes survive", func(t *testing.T) {
		a, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tx, _ := a.Begin(ctx)
		tx.Exec(ctx, "INSERT INTO ledger VALUES (1, 'committed')")
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Exec(ctx, "INSERT INTO ledger VALUES (2, 'auto')"); err != nil {
			t.Fatal(err)
		}
		tx, _ = a.Begin(ctx)
		tx.Exec(ctx, "INSERT INTO ledger VALUES (3, 'open')")
		a.Release()
		// And through the Pool's own Tx.
		ptx, err := p.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ptx.Exec(ctx, "INSERT INTO ledger VALUES (4, 'pooltx')")
		if err := ptx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		rows, err := p.Query(ctx, "SELECT who FROM ledger ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var w string
			rows.Scan(&w)
			got = append(got, w)
		}
		if fmt.Sprint(got) != "[committed auto pooltx]" || outsideCount() != 3 {
			t.Fatalf("rows after release: %v", got)
		}
	})
	if s := p.Stat(); s.DestroyedCount() != 0 || s.NewConnsCount != 1 {
		t.Fatalf("the resets closed connections: %+v", s)
	}
}

// TestAuditH3CancelledWorkNotRecycled: H3, high. In the Python driver a
// cancelled task left its worker still running on a connection that went
// back to the pool, so the next borrower shared it with unfinished work.
//
// In Go the statement's own goroutine waits for the interrupt's outcome:
// the driver sends the interrupt and waits InterruptWait for the server's
// -213; if it comes, the connection is in a known state (and the pool's
// reset rolls back what the statement's transaction did); if not, the
// driver closes the connection. Protection in the pool: release never
// puts back a closed connection (IsClosed) or one whose reset failed.
//
// For every cancellation below the invariant is: the connection either
// came back clean (the same *ifx.Conn, no transaction, answering the probe
// correctly) or it was destroyed and replaced, and a closed connection
// never sits on the idle list. The cases also pin which of the two must
// happen. Without the protection (release putting every connection back),
// the two "not confirmed" cases fail with "a closed connection went back to
// the idle list" (the acquire-time IsClosed check would then catch it, so
// callers would be spared, but the pool must not rely on that).
func TestAuditH3CancelledWorkNotRecycled(t *testing.T) {
	// A slow statement that still ends on its own (10 million generated
	// rows: about 0.5 s, 20 s under -race). The 6-way self-join of
	// systables would do as well while the interrupt works, but it never
	// ends (33^6 rows), so a single missed interrupt would leave the
	// server busy and hang the test's cleanup.
	const slow = "SELECT COUNT(*) FROM TABLE(ifx_generate(10000000)) AS g(value)"
	type outcome int
	const (
		reused outcome = iota
		destroyed
		either
	)
	cases := []struct {
		name   string
		silent bool          // the server stops answering at the statement
		delay  time.Duration // every reply this late
		dsn    string
		want   outcome
		run    func(ctx context.Context, p *Pool) error
	}{
		{name: "QueryRow, interrupt confirmed", want: reused, run: func(ctx context.Context, p *Pool) error {
			var n int64
			return p.QueryRow(ctx, slow).Scan(&n)
		}},
		{name: "Exec, interrupt confirmed", want: reused, run: func(ctx context.Context, p *Pool) error {
			_, err := p.Exec(ctx, "INSERT INTO h3 "+slow)
			return err
		}},
		{name: "in a transaction, interrupt confirmed", want: reused, run: func(ctx context.Context, p *Pool) error {
			c, err := p.Acquire(context.Background())
			if err != nil {
				return err
			}
			defer c.Release() // no Rollback: the release must undo the insert
			tx, err := c.Begin(context.Background())
			if err != nil {
				return err
			}
			if _, err := tx.Exec(context.Background(), "INSERT INTO h3 VALUES (1)"); err != nil {
				return err
			}
			var n int64
			return tx.QueryRow(ctx, slow).Scan(&n)
		}},
		// Usually cancelled while the application sleeps between fetches
		// (nothing to interrupt: reused); when the deadline lands while a
		// fetch is on the wire and its reply completes before the
		// interrupt takes effect, the driver cannot know whether the
		// server will still act on the interrupt and closes the
		// connection. Either is right; the invariant is checked.
		{name: "between fetches", dsn: "&fetch_buffer=256", want: either, run: func(ctx context.Context, p *Pool) error {
			rows, err := p.Query(ctx, "SELECT a.tabid, a.tabname FROM systables a, systables b")
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				time.Sleep(time.Millisecond)
			}
			return rows.Err()
		}},
		// The server answers after 400 ms, long after the interrupt wait
		// (100 ms) ran out: no -213 in time, the driver closes.
		{name: "interrupt not confirmed in time", delay: 400 * time.Millisecond, dsn: "&interrupt_wait=100ms", want: destroyed,
			run: func(ctx context.Context, p *Pool) error {
				var n int
				return p.QueryRow(ctx, "SELECT COUNT(*) FROM systables").Scan(&n)
			}},
		// The server stops answering at the statement: the interrupt is
		// never confirmed.
		{name: "server silent, interrupt never confirmed", silent: true, dsn: "&interrupt_wait=150ms", want: destroyed,
			run: func(ctx context.Context, p *Pool) error {
				_, err := p.Exec(ctx, "SELECT 1 FROM systables WHERE tabid = 1")
				return err
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := ctxT(t)
			// PingIdleThreshold -1: no acquire-time check may hide a
			// connection the release should have destroyed.
			opts := "&pool_max_conns=1&pool_min_conns=1&pool_ping_idle_threshold=-1&pool_health_check_period=0" + tc.dsn
			probe := func(c *Conn, arg int) error {
				var v int
				if err := c.QueryRow(ctx, "SELECT tabid + ? FROM systables WHERE tabid = 1", arg).Scan(&v); err != nil {
					return err
				}
				if v != arg+1 {
					return fmt.Errorf("probe answered %d, want %d: a stale reply", v, arg+1)
				}
				return nil
			}
			warmUp := func(p *Pool) *ifx.Conn {
				mustExec(t, p, "CREATE TABLE h3 (id INTEGER)")
				c, _ := p.Acquire(ctx)
				defer c.Release()
				if err := probe(c, 0); err != nil {
					t.Fatal(err)
				}
				return c.Conn()
			}
			faults := ifxtest.Faults{Delay: tc.delay}
			if tc.silent {
				// Count the request groups of the login and warm-up on a
				// plain server; the faulty one stalls at the next.
				cal := server(t)
				warmUp(newPool(t, cal.DSN("testdb")+opts, nil))
				faults.StallAfterGroups = cal.Stats()[0].RequestGroups + 1
			}
			srv := server(t, ifxtest.Config{Faults: faults})
			p := newPool(t, srv.DSN("testdb")+opts, nil)
			before := warmUp(p)

			cctx, cancel := context.WithTimeout(ctx, 60*time.Millisecond)
			err := tc.run(cctx, p)
			cancel()
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("statement: %v (want a cancellation)", err)
			}
			t.Logf("cancelled: %v", err)
			p.mu.Lock()
			for _, res := range p.idle {
				if res.conn.IsClosed() {
					t.Error("a closed connection went back to the idle list")
				}
			}
			p.mu.Unlock()

			s := p.Stat()
			c, err := p.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Release()
			got := reused
			if s.DestroyedCount() > 0 {
				got = destroyed
				if c.Conn() == before {
					t.Fatal("destroyed, yet the same connection came back")
				}
			} else {
				if c.Conn() != before {
					t.Fatal("a new connection, yet none was destroyed")
				}
				if c.Conn().InTransaction() {
					t.Fatal("reused inside the cancelled statement's transaction")
				}
			}
			if !tc.silent && tc.delay == 0 { // (the replacement would stall too)
				if err := probe(c, 41); err != nil {
					t.Fatalf("probe on the next connection: %v", err)
				}
				var n int
				if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM h3").Scan(&n); err != nil || n != 0 {
					t.Fatalf("the cancelled transaction's insert survived: %d %v", n, err)
				}
			}
			if tc.want != either && got != tc.want {
				t.Fatalf("outcome %d, want %d (%+v)", got, tc.want, s)
			}
			if got == destroyed && s.DestroyedBroken+s.DestroyedResetFailed != 1 {
				t.Fatalf("%+v", s)
			}
		})
	}
}

// TestAuditC2ConcurrentUseOfOneConn: C2, critical. Two threads on one
// Python connection could interleave their packets.
//
// Protection in the driver: a Conn serves one goroutine at a time; a
// second concurrent call fails at once with ifx.ErrConnBusy and writes
// nothing. Protections in the pool: Release is idempotent (a connection
// released twice is not on the idle list twice, where two borrowers would
// share it), a released Conn handle refuses calls (ErrConnReleased)
// instead of reaching the next holder's connection, and a connection
// released while a call on it is still running fails its reset (busy) and
// is destroyed, never handed out.
//
// Without the driver's busy check the two goroutines' requests interleave
// on the wire: a reply meant for one is read by the other ("protocol error
// during fetch: unexpected SQ_DESCRIBE") and the connection dies ("conn
// closed"). Without an idempotent Release both later borrowers get the
// same connection ("two borrowers share one connection") and the stale
// handle's statement runs on the next holder's connection ("stale handle:
// <nil>"); without destroying on a failed reset the connection goes back
// while the other goroutine still uses it ("not destroyed").
func TestAuditC2ConcurrentUseOfOneConn(t *testing.T) {
	// Every reply 5 ms late, so that calls overlap.
	srv := server(t, ifxtest.Config{Faults: ifxtest.Faults{Delay: 5 * time.Millisecond}})
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=2&pool_health_check_period=0", nil)
	ctx := ctxT(t)

	t.Run("two goroutines, one connection", func(t *testing.T) {
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Release()
		var ok, busy atomic.Int64
		var wg sync.WaitGroup
		for g := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 40 {
					want := g*1000 + i // each answer identifies its request
					var v int
					err := c.QueryRow(ctx, "SELECT tabid + ? FROM systables WHERE tabid = 1", want).Scan(&v)
					switch {
					case errors.Is(err, ifx.ErrConnBusy):
						busy.Add(1)
					case err != nil:
						t.Errorf("goroutine %d: %v", g, err)
					case v != want+1:
						t.Errorf("goroutine %d: answer %d, want %d", g, v, want+1)
					default:
						ok.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		t.Logf("%d answered, %d refused with ErrConnBusy", ok.Load(), busy.Load())
		if busy.Load() == 0 || ok.Load() == 0 {
			t.Fatal("the calls did not overlap; the test proves nothing")
		}
		if err := c.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("double Release", func(t *testing.T) {
		c, _ := p.Acquire(ctx)
		c.Release()
		c.Release()
		a, _ := p.Acquire(ctx)
		b, _ := p.Acquire(ctx)
		defer a.Release()
		defer b.Release()
		if a.Conn() == b.Conn() {
			t.Fatal("two borrowers share one connection")
		}
	})

	t.Run("stale handle", func(t *testing.T) {
		mustExec(t, p, "CREATE TABLE c2 (id INTEGER)")
		old, _ := p.Acquire(ctx)
		conn := old.Conn()
		old.Release()
		cur, _ := p.Acquire(ctx)
		defer cur.Release()
		if cur.Conn() != conn {
			t.Skip("the next holder got another connection")
		}
		if _, err := old.Exec(ctx, "INSERT INTO c2 VALUES (1)"); !errors.Is(err, ErrConnReleased) {
			t.Fatalf("stale handle: %v", err)
		}
		var n int
		cur.QueryRow(ctx, "SELECT COUNT(*) FROM c2").Scan(&n)
		if n != 0 {
			t.Fatal("stale handle ran a statement on the next holder's connection")
		}
	})

	t.Run("released while in use", func(t *testing.T) {
		before := p.Stat()
		c, _ := p.Acquire(ctx)
		conn := c.Conn()
		started := make(chan struct{})
		done := make(chan error)
		go func() {
			close(started)
			var n int64
			done <- conn.QueryRow(ctx, "SELECT COUNT(*) FROM systables a, systables b, systables c").Scan(&n)
		}()
		<-started
		time.Sleep(2 * time.Millisecond) // inside the call (replies take 5 ms)
		c.Release()
		err := <-done
		t.Logf("the goroutine's call: %v", err)
		s := p.Stat()
		if s.DestroyedResetFailed != before.DestroyedResetFailed+1 {
			t.Fatalf("not destroyed: %+v", s)
		}
		a, _ := p.Acquire(ctx)
		b, _ := p.Acquire(ctx)
		defer a.Release()
		defer b.Release()
		if a.Conn() == conn || b.Conn() == conn {
			t.Fatal("handed out while in use")
		}
	})
}
