package ifxpool

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

func TestAcquireRelease(t *testing.T) {
	srv := server(t)
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=2", nil)
	ctx := ctxT(t)

	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := c.Conn()
	if _, err := c.Exec(ctx, "CREATE TABLE t (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	if s := p.Stat(); s.AcquiredConns != 1 || s.IdleConns != 0 || s.TotalConns != 1 || s.NewConnsCount != 1 || s.AcquireCount != 1 || s.EmptyAcquireCount != 1 {
		t.Fatalf("while held: %+v", s)
	}
	c.Release()
	c.Release() // idempotent
	if c.Conn() != nil {
		t.Fatal("Conn() after Release")
	}
	if _, err := c.Exec(ctx, "SELECT 1 FROM systables WHERE tabid = 1"); !errors.Is(err, ErrConnReleased) {
		t.Fatalf("Exec after Release: %v", err)
	}
	if err := c.QueryRow(ctx, "SELECT 1").Scan(new(int)); !errors.Is(err, ErrConnReleased) {
		t.Fatalf("QueryRow after Release: %v", err)
	}
	if s := p.Stat(); s.AcquiredConns != 0 || s.IdleConns != 1 || s.TotalConns != 1 {
		t.Fatalf("after release: %+v", s)
	}

	// The idle connection is reused (LIFO), without a new login.
	c, err = p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Conn() != first {
		t.Fatal("a new connection instead of the idle one")
	}
	var one int
	if err := c.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("QueryRow: %d %v", one, err)
	}
	c.Release()
	s := p.Stat()
	if s.AcquireCount != 2 || s.EmptyAcquireCount != 1 || s.NewConnsCount != 1 || s.AcquireDuration <= 0 {
		t.Fatalf("stat %+v", s)
	}
	checkGauges(t, s)
	if n := len(srv.Stats()); n != 1 {
		t.Fatalf("server saw %d connections", n)
	}
}

func TestPoolShortcutsRelease(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	freshTable(t, p, "t", "id INTEGER, name VARCHAR(10)")
	// One row per INSERT: IDS has no multi-row VALUES.
	mustExec(t, p, "INSERT INTO t VALUES (1, 'a')")
	mustExec(t, p, "INSERT INTO t VALUES (2, 'b')")
	mustExec(t, p, "INSERT INTO t VALUES (3, 'c')")
	held := func() int32 { return p.Stat().AcquiredConns }

	// Query: held until the Rows closes (here: Next reaching the end).
	rows, err := p.Query(ctx, "SELECT id, name FROM t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	if held() != 1 {
		t.Fatal("Query's connection not held")
	}
	var ids []int
	for rows.Next() {
		var id int
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil || len(ids) != 3 {
		t.Fatalf("rows: %v %v", ids, err)
	}
	if held() != 0 {
		t.Fatal("Query's connection not released at the end of the rows")
	}
	if rows.CommandTag().RowsAffected() != 3 || len(rows.Columns()) != 2 {
		t.Fatalf("tag %v columns %v", rows.CommandTag(), rows.Columns())
	}
	if err := rows.Scan(new(int), new(string)); !errors.Is(err, ifx.ErrRowsClosed) {
		t.Fatalf("Scan after close: %v", err)
	}
	rows.Close() // idempotent

	// Query closed early.
	rows, err = p.Query(ctx, "SELECT id FROM t")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next()
	rows.Close()
	if held() != 0 {
		t.Fatal("not released by Close")
	}

	// Query failing: released at once.
	if _, err := p.Query(ctx, "SELECT nope FROM t"); err == nil || held() != 0 {
		t.Fatalf("failing Query: %v, held %d", err, held())
	}

	// QueryRow: released by Scan, also for ErrNoRows.
	row := p.QueryRow(ctx, "SELECT name FROM t WHERE id = ?", 2)
	if held() != 1 {
		t.Fatal("QueryRow's connection not held before Scan")
	}
	var name string
	if err := row.Scan(&name); err != nil || name != "b" || held() != 0 {
		t.Fatalf("QueryRow: %q %v held %d", name, err, held())
	}
	if err := p.QueryRow(ctx, "SELECT name FROM t WHERE id = 9").Scan(&name); !errors.Is(err, ifx.ErrNoRows) || held() != 0 {
		t.Fatalf("no rows: %v held %d", err, held())
	}

	// Begin: held until Commit or Rollback; Rollback after Commit is ErrTxClosed.
	tx, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (4, 'd')"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 4 {
		t.Fatalf("in tx: %d %v", n, err)
	}
	if held() != 1 || !tx.Conn().InTransaction() {
		t.Fatal("tx connection")
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); !errors.Is(err, ifx.ErrTxClosed) {
		t.Fatalf("Rollback after Commit: %v", err)
	}
	if held() != 0 || count(t, p, "t") != 4 {
		t.Fatal("after commit")
	}
	tx, err = p.BeginTx(ctx, ifx.TxOptions{IsoLevel: ifx.CommittedRead})
	if err != nil {
		t.Fatal(err)
	}
	tx.Exec(ctx, "DELETE FROM t")
	if err := tx.Rollback(ctx); err != nil || held() != 0 || count(t, p, "t") != 4 {
		t.Fatalf("rollback: %v", err)
	}

	if err := p.Ping(ctx); err != nil || held() != 0 {
		t.Fatalf("Ping: %v", err)
	}
	s := p.Stat()
	checkGauges(t, s)
	if s.NewConnsCount != 1 || s.DestroyedCount() != 0 {
		t.Fatalf("%+v", s)
	}
}

func TestMinConnsOpenedAtStart(t *testing.T) {
	srv := server(t)
	p := newPool(t, srv.DSN("testdb")+"&pool_min_conns=3&pool_max_conns=5", nil)
	s := p.Stat()
	if s.TotalConns != 3 || s.IdleConns != 3 || s.NewConnsCount != 3 {
		t.Fatalf("after New: %+v", s)
	}
	if n := serverConns(srv); n != 3 {
		t.Fatalf("server has %d sessions", n)
	}
	// A connection taken out of the pool is replaced in the background.
	c, err := p.Acquire(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	conn := c.Hijack()
	defer conn.Close(context.Background())
	// TotalConns counts a connection still being dialled: wait for it to
	// be idle.
	eventually(t, 5*time.Second, "MinConns top-up", func() bool {
		s := p.Stat()
		return s.TotalConns == 3 && s.ConstructingConns == 0
	})
	s = p.Stat()
	if s.NewConnsCount != 4 || s.HijackedCount != 1 || s.IdleConns != 3 {
		t.Fatalf("after top-up: %+v", s)
	}
	checkGauges(t, s)
}

func TestNewFailsWhenMinConnsCannotOpen(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	start := time.Now()
	_, err = New(ctxT(t), "informix://u:p@"+addr+"/testdb?pool_min_conns=2")
	var ce *ifx.ConnectError
	if !errors.As(err, &ce) {
		t.Fatalf("New: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("slow failure")
	}
	// MinConns 0: New does not connect.
	p, err := New(ctxT(t), "informix://u:p@"+addr+"/testdb")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Ping(ctxT(t)); !errors.As(err, &ce) {
		t.Fatalf("Ping: %v", err)
	}
	if s := p.Stat(); s.FailedConnsCount != 1 || s.FailedAcquireCount != 1 || s.TotalConns != 0 {
		t.Fatalf("%+v", s)
	}
}

func TestMaxConnsUnderContention(t *testing.T) {
	srv := server(t)
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=3", nil)
	ctx := ctxT(t)
	var inUse, peak atomic.Int32
	var wg sync.WaitGroup
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				c, err := p.Acquire(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				n := inUse.Add(1)
				for {
					m := peak.Load()
					if n <= m || peak.CompareAndSwap(m, n) {
						break
					}
				}
				if tot := p.Stat().TotalConns; tot > 3 {
					t.Errorf("total %d", tot)
				}
				if _, err := c.Exec(ctx, "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
					t.Error(err)
				}
				inUse.Add(-1)
				c.Release()
			}
		}()
	}
	wg.Wait()
	s := p.Stat()
	if peak.Load() != 3 || s.TotalConns != 3 || s.NewConnsCount != 3 || len(srv.Stats()) != 3 {
		t.Fatalf("peak %d, stat %+v, server saw %d", peak.Load(), s, len(srv.Stats()))
	}
	if s.AcquireCount != 200 || s.EmptyAcquireCount < 3 || s.AcquiredConns != 0 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
}

func TestAcquireTimeout(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1&pool_acquire_timeout=150ms", nil)
	ctx := ctxT(t)
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = p.Acquire(ctx)
	el := time.Since(start)
	if !errors.Is(err, ErrAcquireTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	if el < 150*time.Millisecond || el > 2*time.Second {
		t.Fatalf("timed out after %v", el)
	}
	t.Logf("error after %v: %v", el.Round(time.Millisecond), err)
	var te interface{ Timeout() bool }
	if !errors.As(err, &te) || !te.Timeout() {
		t.Fatal("not a Timeout() error")
	}
	// The Pool shortcuts report it too.
	if _, err := p.Exec(ctx, "SELECT 1"); !errors.Is(err, ErrAcquireTimeout) {
		t.Fatalf("Exec: %v", err)
	}
	// A context deadline shorter than AcquireTimeout wins, and is a
	// cancellation, not an AcquireTimeout.
	sctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err = p.Acquire(sctx)
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrAcquireTimeout) || time.Since(start) > 140*time.Millisecond {
		t.Fatalf("ctx deadline: %v after %v", err, time.Since(start))
	}
	c.Release()
	s := p.Stat()
	if s.TimedOutAcquireCount != 2 || s.CanceledAcquireCount != 1 || s.AcquireCount != 1 || s.FailedAcquireCount != 0 {
		t.Fatalf("%+v", s)
	}
	if len(p.waiters) != 0 {
		t.Fatal("waiter left behind")
	}
	// The pool still works.
	if err := p.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	checkGauges(t, p.Stat())
}

// An AcquireTimeout that runs out while a connection is being opened (the
// server accepts TCP but never answers the login).
func TestAcquireTimeoutWhileConnecting(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	defer func() {
		ln.Close()
		<-done
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	}()
	p := newPool(t, "informix://u:p@"+ln.Addr().String()+"/testdb?pool_acquire_timeout=200ms", nil)
	start := time.Now()
	_, err = p.Acquire(ctxT(t))
	el := time.Since(start)
	if !errors.Is(err, ErrAcquireTimeout) || el < 200*time.Millisecond || el > 3*time.Second {
		t.Fatalf("%v after %v", err, el)
	}
	t.Logf("error after %v: %v", el.Round(time.Millisecond), err)
	// The attempt goes on (it would serve the next caller); Close ends it.
	if s := p.Stat(); s.TimedOutAcquireCount != 1 || s.ConstructingConns != 1 || s.TotalConns != 1 {
		t.Fatalf("%+v", s)
	}
	start = time.Now()
	p.Close()
	if s := p.Stat(); s.FailedConnsCount != 1 || s.TotalConns != 0 || s.ConstructingConns != 0 || time.Since(start) > 2*time.Second {
		t.Fatalf("after Close (%v): %+v", time.Since(start), s)
	}
}

func TestAcquireContextCanceled(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err = p.Acquire(cctx)
	if !errors.Is(err, context.Canceled) || time.Since(start) < 40*time.Millisecond {
		t.Fatalf("%v after %v", err, time.Since(start))
	}
	// Already cancelled: fails at once, even with an idle connection.
	c.Release()
	if _, err := p.Acquire(cctx); !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	s := p.Stat()
	if s.CanceledAcquireCount != 2 || s.AcquireCount != 1 || s.IdleConns != 1 || len(p.waiters) != 0 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
}

// Waiters giving up at the moment a connection or a slot is handed to
// them: nothing may be lost.
func TestAcquireCancelRace(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=3", nil)
	ctx := ctxT(t)
	var wg sync.WaitGroup
	var ok, gaveUp atomic.Int64
	for g := 0; g < 12; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 60; i++ {
				actx, cancel := context.WithTimeout(ctx, time.Duration(50+(g*7+i*13)%700)*time.Microsecond)
				c, err := p.Acquire(actx)
				cancel()
				if err != nil {
					if !errors.Is(err, context.DeadlineExceeded) {
						t.Error(err)
					}
					gaveUp.Add(1)
					continue
				}
				ok.Add(1)
				if i%5 == 0 {
					// Now and then a broken connection: its slot goes to a
					// waiter, who opens a new one.
					c.Conn().Close(ctx)
				}
				c.Release()
			}
		}()
	}
	wg.Wait()
	// Connections opened for callers who gave up land on the idle list.
	eventually(t, 10*time.Second, "background connection attempts", func() bool { return p.Stat().ConstructingConns == 0 })
	s := p.Stat()
	t.Logf("acquired %d, gave up %d: %+v", ok.Load(), gaveUp.Load(), s)
	if s.AcquiredConns != 0 || s.ConstructingConns != 0 || len(p.waiters) != 0 {
		t.Fatalf("%+v", s)
	}
	if s.AcquireCount != ok.Load() || s.CanceledAcquireCount != gaveUp.Load() {
		t.Fatalf("counts: %+v", s)
	}
	checkGauges(t, s)
	// Every idle connection works.
	var cs []*Conn
	for range s.IdleConns {
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Ping(ctx); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	for _, c := range cs {
		c.Release()
	}
}

func TestMaxConnLifetime(t *testing.T) {
	srv := server(t)
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=2&pool_max_conn_lifetime=150ms&pool_health_check_period=40ms", nil)
	ctx := ctxT(t)
	// Expired while idle: the health check closes it.
	if err := p.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "lifetime expiry of the idle connection", func() bool { return p.Stat().DestroyedLifetime == 1 })
	if s := p.Stat(); s.TotalConns != 0 {
		t.Fatalf("%+v", s)
	}
	// Expired while in use: closed on release.
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	c.Release()
	s := p.Stat()
	if s.DestroyedLifetime != 2 || s.TotalConns != 0 || s.NewConnsCount != 2 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
	eventually(t, 5*time.Second, "server sessions to end", func() bool { return serverConns(srv) == 0 })
}

func TestMaxConnLifetimeJitter(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=8&pool_min_conns=8&pool_max_conn_lifetime=1h&pool_max_conn_lifetime_jitter=30m", nil)
	p.mu.Lock()
	defer p.mu.Unlock()
	distinct := map[time.Duration]bool{}
	for _, res := range p.idle {
		lt := res.expiresAt.Sub(res.createdAt)
		if lt < time.Hour || lt >= 90*time.Minute {
			t.Fatalf("lifetime %v", lt)
		}
		distinct[lt.Round(time.Second)] = true
	}
	if len(distinct) < 4 {
		t.Fatalf("lifetimes hardly jittered: %v", distinct)
	}
}

func TestMaxConnIdleTime(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=4&pool_min_conns=1&pool_max_conn_idle_time=150ms&pool_health_check_period=40ms", nil)
	ctx := ctxT(t)
	var cs []*Conn
	for range 3 {
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	for _, c := range cs {
		c.Release()
	}
	if s := p.Stat(); s.TotalConns != 3 {
		t.Fatalf("%+v", s)
	}
	// Closed down to MinConns, not below.
	eventually(t, 5*time.Second, "idle expiry", func() bool { return p.Stat().DestroyedIdleTime == 2 })
	time.Sleep(300 * time.Millisecond)
	s := p.Stat()
	if s.TotalConns != 1 || s.DestroyedIdleTime != 2 || s.DestroyedCount() != 2 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
}

// The server closes idle sessions (its own idle timeout); the next
// callers see no error.
func TestServerIdleTimeoutInvisible(t *testing.T) {
	srv := server(t, ifxtest.Config{IdleTimeout: 200 * time.Millisecond})
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=3&pool_min_conns=3&pool_health_check_period=0", nil)
	ctx := ctxT(t)
	eventually(t, 5*time.Second, "the server to close the idle sessions", func() bool { return serverConns(srv) == 0 })
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var n int
			if err := p.QueryRow(ctx, "SELECT COUNT(*) FROM systables WHERE tabid < 3").Scan(&n); err != nil || n != 2 {
				t.Errorf("query after the server's idle timeout: %d %v", n, err)
			}
		}()
	}
	wg.Wait()
	s := p.Stat()
	if s.DestroyedHealthCheck != 3 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
}

// Every idle connection is killed (faultproxy.KillAll: a server restart);
// health checks on Acquire find them dead and replace them, so the callers
// see no error, and the pool is back to full strength.
func TestHealthCheckOnAcquireReplacesDeadIdle(t *testing.T) {
	srv := server(t)
	dsn, px := proxied(t, srv)
	p := newPool(t, dsn+"&pool_max_conns=4&pool_min_conns=4&pool_health_check_period=0", nil)
	ctx := ctxT(t)
	mustExec(t, p, "CREATE TABLE t (id INTEGER)")
	mustExec(t, p, "INSERT INTO t VALUES (1)")
	for round := 1; round <= 3; round++ {
		px.KillAll()
		time.Sleep(20 * time.Millisecond) // let the FINs arrive
		var wg sync.WaitGroup
		for g := 0; g < 16; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 5; i++ {
					var n int
					if err := p.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 1 {
						t.Errorf("count %d: %v", n, err)
					}
				}
			}()
		}
		wg.Wait()
		s := p.Stat()
		if s.DestroyedHealthCheck != int64(4*round) || s.TotalConns != 4 {
			t.Fatalf("round %d: %+v", round, s)
		}
		checkGauges(t, s)
	}
	if got := px.Connections(); got != 16 {
		t.Fatalf("proxy saw %d connections, want 16", got)
	}
}

// The same with the background health check: it finds the dead idle
// connections before any caller does and opens MinConns new ones.
func TestBackgroundHealthCheckReplacesDeadIdle(t *testing.T) {
	srv := server(t)
	dsn, px := proxied(t, srv)
	p := newPool(t, dsn+"&pool_max_conns=4&pool_min_conns=4&pool_health_check_period=50ms&pool_ping_idle_threshold=-1", nil)
	px.KillAll()
	eventually(t, 5*time.Second, "the health check to replace the dead connections", func() bool {
		s := p.Stat()
		return s.DestroyedHealthCheck == 4 && s.NewConnsCount == 8 && s.TotalConns == 4
	})
	// No caller saw any of it.
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := p.Ping(ctxT(t)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	s := p.Stat()
	if s.FailedAcquireCount != 0 || s.DestroyedCount() != 4 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
}

// A connection that is open but no longer answers (the server stalls) is
// caught by the ping with PingTimeout and replaced.
func TestPingTimeoutReplacesStalledConn(t *testing.T) {
	// Groups 1-3 are the login, 4 the caller's statement, 5 the acquire's
	// ping, which the server never answers.
	srv := server(t, ifxtest.Config{Faults: ifxtest.Faults{StallAfterGroups: 5}})
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=1&pool_ping_idle_threshold=0&pool_ping_timeout=200ms&pool_health_check_period=0", nil)
	ctx := ctxT(t)
	if _, err := p.Exec(ctx, "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := p.Exec(ctx, "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
		t.Fatalf("the caller saw the stalled connection: %v", err)
	}
	if el := time.Since(start); el < 200*time.Millisecond || el > 5*time.Second {
		t.Fatalf("took %v", el)
	}
	s := p.Stat()
	if s.DestroyedHealthCheck != 1 || s.NewConnsCount != 2 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
}

// A connection killed in the middle of a transaction is closed, never
// put back, and its writes are gone.
func TestKilledInsideTransactionIsDestroyed(t *testing.T) {
	srv := server(t)
	dsn, px := proxied(t, srv)
	p := newPool(t, dsn+"&pool_max_conns=2&pool_health_check_period=0", nil)
	ctx := ctxT(t)
	mustExec(t, p, "CREATE TABLE t (id INTEGER)")

	// The statement after the kill fails; Rollback too; the release
	// destroys the connection as broken.
	tx, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	dead := tx.Conn()
	px.KillAll()
	if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (2)"); !ifx.IsConnectionLost(err) {
		t.Fatalf("after kill: %v", err)
	}
	if err := tx.Rollback(ctx); err == nil {
		t.Fatal("Rollback on a dead connection succeeded")
	}
	s := p.Stat()
	if s.DestroyedBroken != 1 || s.IdleConns != 0 || s.TotalConns != 0 {
		t.Fatalf("%+v", s)
	}

	// Killed after the last statement: the reset's ROLLBACK fails and the
	// connection is destroyed.
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Conn() == dead {
		t.Fatal("the dead connection came back")
	}
	if _, err := c.Exec(ctx, "BEGIN WORK"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO t VALUES (3)"); err != nil {
		t.Fatal(err)
	}
	px.KillAll()
	time.Sleep(20 * time.Millisecond)
	c.Release()
	s = p.Stat()
	if s.DestroyedResetFailed != 1 || s.IdleConns != 0 || s.TotalConns != 0 {
		t.Fatalf("%+v", s)
	}
	if n := count(t, p, "t"); n != 0 {
		t.Fatalf("%d rows of the killed transactions survived", n)
	}
	checkGauges(t, p.Stat())
}

func TestApplicationErrorsDoNotEvict(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	freshTable(t, p, "t", "id INTEGER PRIMARY KEY, name VARCHAR(5) NOT NULL")
	mustExec(t, p, "INSERT INTO t VALUES (1, 'a')")
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn := c.Conn()
	c.Release()

	checks := []struct {
		name string
		run  func() error
		is   func(error) bool
	}{
		{"unique violation", func() error { _, err := p.Exec(ctx, "INSERT INTO t VALUES (?, ?)", 1, "b"); return err }, ifx.IsUniqueViolation},
		{"not null", func() error { _, err := p.Exec(ctx, "INSERT INTO t VALUES (2, NULL)"); return err }, ifx.IsNotNullViolation},
		{"syntax", func() error { _, err := p.Exec(ctx, "SELEKT 1"); return err }, ifx.IsSyntaxError},
		{"no table", func() error { _, err := p.Query(ctx, "SELECT * FROM nope"); return err }, ifx.IsNoSuchTable},
		{"argument count", func() error { _, err := p.Exec(ctx, "INSERT INTO t VALUES (?, ?)", 3); return err }, nil},
		{"bad argument type", func() error { _, err := p.Exec(ctx, "INSERT INTO t VALUES (?, ?)", struct{}{}, "x"); return err }, nil},
		{"scan type", func() error { var x struct{}; return p.QueryRow(ctx, "SELECT name FROM t WHERE id = 1").Scan(&x) }, nil},
		{"no rows", func() error { return p.QueryRow(ctx, "SELECT name FROM t WHERE id = 99").Scan(new(string)) }, func(err error) bool { return errors.Is(err, ifx.ErrNoRows) }},
		{"copy with a duplicate", func() error {
			_, err := p.CopyFrom(ctx, ifx.Identifier{"t"}, []string{"id", "name"}, ifx.CopyFromRows([][]any{{5, "e"}, {1, "dup"}}))
			return err
		}, ifx.IsUniqueViolation},
		{"batch with a duplicate", func() error {
			b := &ifx.Batch{}
			b.Queue("INSERT INTO t VALUES (?, ?)", 6, "f")
			b.Queue("INSERT INTO t VALUES (?, ?)", 6, "f")
			_, err := p.Exec(ctx, "DELETE FROM t WHERE id = 6")
			if err != nil {
				return err
			}
			return p.SendBatch(ctx, b).Close()
		}, ifx.IsUniqueViolation},
		{"error in tx", func() error {
			tx, err := p.Begin(ctx)
			if err != nil {
				return err
			}
			defer tx.Rollback(ctx)
			_, err = tx.Exec(ctx, "INSERT INTO t VALUES (1, 'dup')")
			return err
		}, ifx.IsUniqueViolation},
	}
	for _, ck := range checks {
		err := ck.run()
		if err == nil || (ck.is != nil && !ck.is(err)) {
			t.Errorf("%s: unexpected %v", ck.name, err)
		}
		if ifx.IsConnectionLost(err) {
			t.Errorf("%s: %v counts as connection lost", ck.name, err)
		}
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Conn() != conn {
			t.Fatalf("%s evicted the connection", ck.name)
		}
		c.Release()
	}
	s := p.Stat()
	if s.NewConnsCount != 1 || s.DestroyedCount() != 0 {
		t.Fatalf("%+v", s)
	}
	// The failed copy was rolled back; the batch's first row stays.
	if n := count(t, p, "t"); n != 2 {
		t.Fatalf("%d rows", n)
	}
}

func TestHooks(t *testing.T) {
	dsn := testDSN(t, "testdb")
	var (
		mu                                               sync.Mutex
		beforeConnect, afterConnect, beforeAcq, afterRel int
		closed                                           = map[*ifx.Conn]bool{}
		refuseAcquire, refuseRelease                     atomic.Bool
		failConnect                                      atomic.Bool
	)
	p := newPool(t, dsn+"&pool_max_conns=2", func(c *Config) {
		c.BeforeConnect = func(ctx context.Context, cfg *ifx.Config) error {
			mu.Lock()
			beforeConnect++
			mu.Unlock()
			cfg.AppName = "pooled"
			return nil
		}
		c.AfterConnect = func(ctx context.Context, conn *ifx.Conn) error {
			mu.Lock()
			afterConnect++
			mu.Unlock()
			if failConnect.Load() {
				return errors.New("refused by AfterConnect")
			}
			_, err := conn.Exec(ctx, "SET LOCK MODE TO WAIT 5")
			return err
		}
		c.BeforeAcquire = func(ctx context.Context, conn *ifx.Conn) bool {
			mu.Lock()
			beforeAcq++
			mu.Unlock()
			return !refuseAcquire.CompareAndSwap(true, false)
		}
		c.AfterRelease = func(conn *ifx.Conn) bool {
			mu.Lock()
			afterRel++
			mu.Unlock()
			if conn.InTransaction() {
				t.Error("AfterRelease saw an open transaction")
			}
			return !refuseRelease.CompareAndSwap(true, false)
		}
		c.BeforeClose = func(conn *ifx.Conn) {
			mu.Lock()
			closed[conn] = true
			mu.Unlock()
		}
	})
	ctx := ctxT(t)
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Conn().Config().AppName != "pooled" {
		t.Fatal("BeforeConnect's change not used")
	}
	first := c.Conn()
	c.Exec(ctx, "BEGIN WORK")
	c.Release()

	// BeforeAcquire refuses once: that connection is closed, a new one is
	// opened, the caller does not notice.
	refuseAcquire.Store(true)
	c, err = p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Conn() == first || !closed[first] {
		t.Fatal("refused connection handed out or not closed")
	}
	second := c.Conn()
	// AfterRelease refuses: closed.
	refuseRelease.Store(true)
	c.Release()
	if !closed[second] {
		t.Fatal("connection refused by AfterRelease not closed")
	}
	// AfterConnect fails: the attempt fails.
	failConnect.Store(true)
	if _, err := p.Acquire(ctx); err == nil || err.Error() != "refused by AfterConnect" {
		t.Fatalf("AfterConnect error: %v", err)
	}
	failConnect.Store(false)
	if err := p.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	s := p.Stat()
	p.Close()
	mu.Lock()
	defer mu.Unlock()
	// Acquires: 1 + (refused + accepted) + Ping's; the connection AfterConnect
	// rejected never joined the pool, so BeforeClose did not see it.
	if beforeConnect != 4 || afterConnect != 4 || beforeAcq != 4 || afterRel != 3 || len(closed) != 3 {
		t.Fatalf("hooks: connect %d/%d acquire %d release %d close %d", beforeConnect, afterConnect, beforeAcq, afterRel, len(closed))
	}
	if s.DestroyedHookRefused != 2 || s.FailedConnsCount != 1 || s.FailedAcquireCount != 1 || s.NewConnsCount != 3 {
		t.Fatalf("%+v", s)
	}
}

// Stat's numbers for a scripted sequence, every field checked. (MinConns
// is 0: a background top-up would race with the script.)
func TestStatAddsUp(t *testing.T) {
	srv := server(t)
	dsn, px := proxied(t, srv)
	p := newPool(t, dsn+"&pool_max_conns=3&pool_acquire_timeout=100ms&pool_health_check_period=0&pool_ping_idle_threshold=-1", nil)
	ctx := ctxT(t)
	want := Stat{MaxConns: 3}
	check := func(step string) {
		t.Helper()
		got := p.Stat()
		if got.AcquireDuration <= 0 && got.AcquireCount > 0 {
			t.Fatalf("%s: no acquire duration", step)
		}
		if got.EmptyAcquireWaitTime > got.AcquireDuration {
			t.Fatalf("%s: wait time %v > acquire time %v", step, got.EmptyAcquireWaitTime, got.AcquireDuration)
		}
		got.AcquireDuration, got.EmptyAcquireWaitTime = 0, 0
		if got != want {
			t.Fatalf("%s:\ngot  %+v\nwant %+v", step, got, want)
		}
		checkGauges(t, got)
	}
	check("start")

	a, _ := p.Acquire(ctx) // opens one
	want.AcquireCount, want.EmptyAcquireCount, want.NewConnsCount, want.AcquiredConns, want.TotalConns = 1, 1, 1, 1, 1
	check("a")
	b, _ := p.Acquire(ctx) // opens one
	c, _ := p.Acquire(ctx) // opens one
	want.AcquireCount, want.EmptyAcquireCount, want.NewConnsCount, want.AcquiredConns, want.TotalConns = 3, 3, 3, 3, 3
	check("a b c")
	if _, err := p.Acquire(ctx); !errors.Is(err, ErrAcquireTimeout) {
		t.Fatal(err)
	}
	want.TimedOutAcquireCount = 1
	check("timeout")
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	p.Acquire(cctx)
	want.CanceledAcquireCount = 1
	check("canceled")

	b.Conn().Close(ctx) // broken
	b.Release()
	want.DestroyedBroken, want.AcquiredConns, want.TotalConns = 1, 2, 2
	check("b broken")
	c.Hijack().Close(ctx)
	want.HijackedCount, want.AcquiredConns, want.TotalConns = 1, 1, 1
	check("c hijacked")
	a.Exec(ctx, "BEGIN WORK")
	px.KillAll()
	time.Sleep(20 * time.Millisecond)
	a.Release() // the reset's rollback fails
	want.DestroyedResetFailed, want.AcquiredConns, want.TotalConns = 1, 0, 0
	check("a reset failed")

	a, _ = p.Acquire(ctx) // opens one
	want.AcquireCount, want.EmptyAcquireCount, want.NewConnsCount, want.AcquiredConns, want.TotalConns = 4, 4, 4, 1, 1
	check("new a")
	a.Release()
	want.AcquiredConns, want.IdleConns = 0, 1
	check("a released")
	b, _ = p.Acquire(ctx) // the idle one
	want.AcquireCount, want.AcquiredConns, want.IdleConns = 5, 1, 0
	check("b from idle")
	b.Release()
	want.AcquiredConns, want.IdleConns = 0, 1
	check("b released")
	px.KillAll()
	time.Sleep(20 * time.Millisecond)
	a, _ = p.Acquire(ctx) // the idle one is dead: replaced
	want.AcquireCount, want.EmptyAcquireCount, want.NewConnsCount, want.DestroyedHealthCheck, want.IdleConns, want.AcquiredConns = 6, 5, 5, 1, 0, 1
	check("dead idle replaced")
	a.Release()
	p.Close()
	want.AcquiredConns, want.IdleConns, want.TotalConns, want.DestroyedPoolClosed = 0, 0, 0, 1
	check("closed")
	if _, err := p.Acquire(ctx); !errors.Is(err, ErrClosedPool) {
		t.Fatal(err)
	}
	want.FailedAcquireCount = 1
	check("acquire after close")
}

// 1,000 acquire/release cycles from 16 goroutines, with a statement on
// most of them: no connection or goroutine leaks (goleak checks the
// goroutines in TestMain), the numbers add up, and every server session
// ends with Close.
func TestAcquireReleaseCycles(t *testing.T) {
	srv := server(t)
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=4", nil)
	ctx := ctxT(t)
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000/16+map[bool]int{true: 1}[g < 1000%16]; i++ {
				c, err := p.Acquire(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				switch i % 4 {
				case 0:
				case 1:
					_, err = c.Exec(ctx, "SELECT 1 FROM systables WHERE tabid = 1")
				case 2:
					var n int
					err = c.QueryRow(ctx, "SELECT COUNT(*) FROM systables WHERE tabid < ?", 4).Scan(&n)
				case 3:
					var rows *ifx.Rows
					if rows, err = c.Query(ctx, "SELECT tabid FROM systables"); err == nil {
						rows.Next() // left open: Release closes it
					}
				}
				if err != nil {
					t.Error(err)
				}
				c.Release()
			}
		}()
	}
	wg.Wait()
	s := p.Stat()
	t.Logf("%+v", s)
	if s.AcquireCount != 1000 || s.AcquiredConns != 0 || s.DestroyedCount() != 0 || s.TotalConns > 4 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
	p.Close()
	s = p.Stat()
	if s.TotalConns != 0 || s.DestroyedPoolClosed != s.NewConnsCount {
		t.Fatalf("after Close: %+v", s)
	}
	eventually(t, 5*time.Second, "every server session to end", func() bool { return serverConns(srv) == 0 })
}

func TestClose(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=2&pool_min_conns=1", nil)
	ctx := ctxT(t)
	held, _ := p.Acquire(ctx)
	held2, _ := p.Acquire(ctx)
	// A waiter is woken by Close with ErrClosedPool.
	waitErr := make(chan error)
	go func() {
		_, err := p.Acquire(ctx)
		waitErr <- err
	}()
	eventually(t, 5*time.Second, "the waiter", func() bool {
		p.mu.Lock()
		defer p.mu.Unlock()
		return len(p.waiters) == 1
	})
	closed := make(chan struct{})
	go func() {
		p.Close()
		close(closed)
	}()
	if err := <-waitErr; !errors.Is(err, ErrClosedPool) {
		t.Fatalf("waiter: %v", err)
	}
	// Close waits for the connections in use.
	select {
	case <-closed:
		t.Fatal("Close returned with connections in use")
	case <-time.After(50 * time.Millisecond):
	}
	if _, err := held.Exec(ctx, "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
		t.Fatal("a held connection stopped working before its release:", err)
	}
	held.Release()
	held2.Release()
	<-closed
	s := p.Stat()
	if s.TotalConns != 0 || s.DestroyedPoolClosed != 2 {
		t.Fatalf("%+v", s)
	}
	if err := p.Ping(ctx); !errors.Is(err, ErrClosedPool) {
		t.Fatal(err)
	}
	p.Close() // idempotent
}

func TestCloseContextForcesInUse(t *testing.T) {
	srv := server(t)
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=2", nil)
	ctx := ctxT(t)
	held, _ := p.Acquire(ctx)
	conn := held.Conn()
	if err := p.Ping(ctx); err != nil { // one idle connection too
		t.Fatal(err)
	}
	cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := p.CloseContext(cctx)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Fatalf("CloseContext: %v after %v", err, time.Since(start))
	}
	if !conn.IsClosed() {
		t.Fatal("the connection in use was not closed")
	}
	if _, err := held.Exec(ctx, "SELECT 1"); !errors.Is(err, ifx.ErrConnClosed) {
		t.Fatalf("holder's next call: %v", err)
	}
	held.Release() // accounted already
	s := p.Stat()
	if s.TotalConns != 0 || s.AcquiredConns != 0 || s.DestroyedPoolClosed != 2 {
		t.Fatalf("%+v", s)
	}
	checkGauges(t, s)
	if err := p.CloseContext(ctx); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "server sessions to end", func() bool { return serverConns(srv) == 0 })
}

func TestHijack(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	c, _ := p.Acquire(ctx)
	conn := c.Hijack()
	defer conn.Close(ctx)
	if c.Conn() != nil {
		t.Fatal("Conn() after Hijack")
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("second Hijack did not panic")
			}
		}()
		c.Hijack()
	}()
	c.Release() // no-op
	// The slot is free: a new connection is opened.
	c2, err := p.Acquire(ctx)
	if err != nil || c2.Conn() == conn {
		t.Fatal("hijacked connection still pooled", err)
	}
	c2.Release()
	if err := conn.Ping(ctx); err != nil {
		t.Fatal("hijacked connection:", err)
	}
	p.Close()
	if conn.IsClosed() {
		t.Fatal("Close closed the hijacked connection")
	}
	s := p.Stat()
	if s.HijackedCount != 1 || s.NewConnsCount != 2 || s.DestroyedPoolClosed != 1 {
		t.Fatalf("%+v", s)
	}
}

// Release resets: an open Rows is closed, a transaction rolled back.
func TestReleaseResets(t *testing.T) {
	srv := server(t)
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=1&fetch_buffer=256", nil)
	ctx := ctxT(t)
	mustExec(t, p, "CREATE TABLE t (id INTEGER, pad CHAR(100))")
	mustExec(t, p, "INSERT INTO t SELECT value, 'x' FROM TABLE(ifx_generate(100)) AS g(value)")
	c, _ := p.Acquire(ctx)
	rows, err := c.Query(ctx, "SELECT id, pad FROM t")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next() // a partly read result, several batches long
	tx, err := c.Conn().Begin(ctx)
	_ = tx
	if err != nil {
		t.Fatal(err)
	}
	c.Release()
	c, _ = p.Acquire(ctx)
	if c.Conn().InTransaction() {
		t.Fatal("transaction still open after Release")
	}
	if rows.Next() || !errors.Is(rows.Err(), ifx.ErrRowsClosed) {
		t.Fatalf("the old Rows still reads: %v", rows.Err())
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 100 {
		t.Fatalf("%d %v", n, err)
	}
	c.Release()
	if s := p.Stat(); s.DestroyedCount() != 0 {
		t.Fatalf("%+v", s)
	}
}

// A reset that the server never answers is bounded by ResetTimeout (plus
// the connection's InterruptWait): the connection is closed, not reused.
func TestResetTimeout(t *testing.T) {
	// Request groups 1-3 are the login, 4 the BEGIN WORK, 5 the release's
	// ROLLBACK, which the server never answers.
	srv := server(t, ifxtest.Config{Faults: ifxtest.Faults{StallAfterGroups: 5}})
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=1&pool_reset_timeout=200ms&interrupt_wait=100ms&pool_health_check_period=0", nil)
	ctx := ctxT(t)
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "BEGIN WORK"); err != nil {
		t.Fatal(err)
	}
	if g := srv.Stats()[0].RequestGroups; g != 4 {
		t.Fatalf("%d request groups so far, the stall expects 4", g)
	}
	start := time.Now()
	c.Release()
	if el := time.Since(start); el < 200*time.Millisecond || el > 3*time.Second {
		t.Fatalf("Release took %v", el)
	}
	s := p.Stat()
	if s.DestroyedResetFailed != 1 || s.TotalConns != 0 {
		t.Fatalf("%+v", s)
	}
	if err := p.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

// A pool Tx whose Commit fails (here: its context was already cancelled,
// so the driver sent nothing and the transaction is still open): the
// release rolls it back, and the usual deferred Rollback must not touch
// the connection, which by then belongs to the next borrower. (The
// driver's Reset also marks the abandoned ifx.Tx closed; the pool's Tx
// does not rely on that.)
func TestTxCommitFailure(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	ctx := ctxT(t)
	freshTable(t, p, "t", "id INTEGER")
	tx, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := tx.Commit(cctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Commit: %v", err)
	}
	// The next borrower (MaxConns 1: the same connection) opens its own
	// transaction; the first Tx's deferred Rollback must not end it.
	next, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); !errors.Is(err, ifx.ErrTxClosed) {
		t.Fatalf("Rollback of the ended Tx: %v", err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (9)"); !errors.Is(err, ifx.ErrTxClosed) {
		t.Fatalf("Exec on the ended Tx: %v", err)
	}
	if tx.Conn() != nil {
		t.Fatal("Conn() of the ended Tx")
	}
	if _, err := next.Exec(ctx, "INSERT INTO t VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	if err := next.Commit(ctx); err != nil {
		t.Fatalf("the next borrower's Commit: %v", err)
	}
	var ids []int
	rows, _ := p.Query(ctx, "SELECT id FROM t")
	for rows.Next() {
		var id int
		rows.Scan(&id)
		ids = append(ids, id)
	}
	if len(ids) != 1 || ids[0] != 2 {
		t.Fatalf("rows %v, want only the second borrower's [2]", ids)
	}
	if s := p.Stat(); s.DestroyedCount() != 0 {
		t.Fatalf("%+v", s)
	}
}
