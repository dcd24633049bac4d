package ifxpool

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer the reclaimer and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// leakLogged routes the pool's leak reports into a buffer.
func leakLogged(buf *syncBuffer, debug bool) func(*Config) {
	return func(c *Config) {
		c.LeakLogger = slog.New(slog.NewTextHandler(buf, nil))
		c.DebugLeaks = debug
	}
}

// collectUntil runs the garbage collector until cond holds, at most a
// few seconds.
func collectUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
}

// queryAndDrop runs a query and drops its Rows without Close, the bug
// under test; it is a function of its own so that nothing on the
// caller's stack keeps the Rows alive.
//
//go:noinline
func queryAndDrop(ctx context.Context, p *Pool) error {
	rows, err := p.Query(ctx, "SELECT id FROM t WHERE id > ?", 0)
	if err != nil {
		return err
	}
	if !rows.Next() {
		return errors.New("no first row")
	}
	return nil
}

func TestDroppedPoolRowsAreReclaimed(t *testing.T) {
	srv := server(t)
	var logged syncBuffer
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=2&pool_acquire_timeout=5s", leakLogged(&logged, false))
	ctx := ctxT(t)
	mustExec(t, p, "CREATE TABLE t (id INTEGER)")
	for i := 1; i <= 3; i++ {
		mustExec(t, p, "INSERT INTO t VALUES (?)", i)
	}
	for i := range 100 {
		if p.Stat().IdleConns == 0 {
			runtime.GC() // the dropped Rows hold both connections
		}
		if err := queryAndDrop(ctx, p); err != nil {
			t.Fatalf("iteration %d: %v (%+v)", i, err, p.Stat())
		}
	}
	collectUntil(t, "every dropped Rows reclaimed", func() bool { return p.Stat().LeakedRowsReclaimed == 100 })
	s := p.Stat()
	if s.AcquiredConns != 0 || s.TotalConns > 2 || s.DestroyedCount() != 0 {
		t.Errorf("after reclaiming: %+v", s)
	}
	checkGauges(t, s)
	// The reset on reclaim closed the cursors and released what is not
	// in the statement cache: the server holds at most the two cached
	// statements per session (the INSERT and the SELECT).
	for _, st := range srv.Stats() {
		if !st.Closed && (st.OpenStatements > 2 || st.OpenCursors != 0) {
			t.Errorf("session %d holds %d statements and %d cursors", st.ID, st.OpenStatements, st.OpenCursors)
		}
	}
	if n := count(t, p, "t"); n != 3 {
		t.Errorf("count = %d", n)
	}
	out := logged.String()
	if !strings.Contains(out, "handle=ifxpool.Rows") || !strings.Contains(out, `sql="SELECT id FROM t WHERE id > ?"`) {
		t.Errorf("leak report: %.300s", out)
	}
	if strings.Contains(out, "created=") {
		t.Error("a stack was captured without DebugLeaks")
	}
	// The pool's own Rows are its leaks (LeakedRowsReclaimed), not also
	// native ones: closing the pool sums its connections' native counts.
	if err := p.CloseContext(ctx); err != nil {
		t.Fatal(err)
	}
	if n := p.Stat().LeakedCursorsClosed; n != 0 {
		t.Errorf("LeakedCursorsClosed = %d: pool Rows counted as native leaks too", n)
	}
}

//go:noinline
func acquireAndDrop(ctx context.Context, p *Pool) error {
	c, err := p.Acquire(ctx)
	if err != nil {
		return err
	}
	_, err = c.Exec(ctx, "INSERT INTO t VALUES (1)")
	return err
}

func TestDroppedPoolConnIsReclaimedWithItsStack(t *testing.T) {
	dsn := testDSN(t, "testdb")
	var logged syncBuffer
	p := newPool(t, dsn+"&pool_max_conns=1&pool_acquire_timeout=5s", leakLogged(&logged, true))
	ctx := ctxT(t)
	freshTable(t, p, "t", "id INTEGER")
	if err := acquireAndDrop(ctx, p); err != nil {
		t.Fatal(err)
	}
	collectUntil(t, "the dropped Conn reclaimed", func() bool { return p.Stat().LeakedConnsReclaimed == 1 })
	if n := count(t, p, "t"); n != 1 {
		t.Errorf("count = %d, want the autocommitted row", n)
	}
	if s := p.Stat(); s.DestroyedCount() != 0 || s.NewConnsCount != 1 {
		t.Errorf("the connection was not reused: %+v", s)
	}
	out := logged.String()
	if !strings.Contains(out, "handle=ifxpool.Conn") || !strings.Contains(out, "acquireAndDrop") {
		t.Errorf("leak report without the creating stack: %.500s", out)
	}
}

//go:noinline
func beginAndDrop(ctx context.Context, p *Pool) error {
	tx, err := p.Begin(ctx)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "INSERT INTO t VALUES (1)")
	return err
}

func TestDroppedPoolTxDestroysItsConnection(t *testing.T) {
	dsn := testDSN(t, "testdb")
	var logged syncBuffer
	p := newPool(t, dsn+"&pool_max_conns=1&pool_acquire_timeout=5s", leakLogged(&logged, false))
	ctx := ctxT(t)
	freshTable(t, p, "t", "id INTEGER")
	if err := beginAndDrop(ctx, p); err != nil {
		t.Fatal(err)
	}
	collectUntil(t, "the dropped Tx reclaimed", func() bool { return p.Stat().LeakedTxsReclaimed == 1 })
	// Its uncommitted row never reaches the next holder, and is not
	// committed by a reset either.
	if n := count(t, p, "t"); n != 0 {
		t.Errorf("count = %d, want 0", n)
	}
	if s := p.Stat(); s.DestroyedLeaked != 1 {
		t.Errorf("DestroyedLeaked = %d: %+v", s.DestroyedLeaked, s)
	}
}

//go:noinline
func txQueryAndDrop(ctx context.Context, tx *Tx) error {
	rows, err := tx.Query(ctx, "SELECT id FROM t")
	if err != nil {
		return err
	}
	rows.Next()
	return nil
}

func TestLeakedRowsInsideTxKeepsTheConnection(t *testing.T) {
	dsn := testDSN(t, "testdb")
	var connLogged syncBuffer
	p := newPool(t, dsn+"&pool_max_conns=1&pool_acquire_timeout=100ms", func(c *Config) {
		leakLogged(&syncBuffer{}, false)(c)
		c.ConnConfig.LeakLogger = slog.New(slog.NewTextHandler(&connLogged, nil))
	})
	ctx := ctxT(t)
	freshTable(t, p, "t", "id INTEGER")
	mustExec(t, p, "INSERT INTO t VALUES (1)")
	tx, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	if err := txQueryAndDrop(ctx, tx); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		runtime.GC()
	}
	time.Sleep(20 * time.Millisecond)
	if _, err := p.Acquire(ctx); !errors.Is(err, ErrAcquireTimeout) {
		t.Fatalf("acquire during the Tx: %v, want ErrAcquireTimeout", err)
	}
	var n int64
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 2 {
		t.Fatalf("the Tx after its Rows was dropped: %d, %v", n, err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, p, "t"); n != 2 {
		t.Errorf("count = %d", n)
	}
	if s := p.Stat(); s.LeakedRowsReclaimed+s.LeakedTxsReclaimed+s.LeakedConnsReclaimed != 0 || s.DestroyedCount() != 0 {
		t.Errorf("%+v", s)
	}
	// The Tx's own next statement closed the collected Rows' cursor.
	if s := p.Stat(); s.LeakedCursorsClosed != 1 || !strings.Contains(connLogged.String(), "handle=ifx.Rows") {
		t.Errorf("LeakedCursorsClosed = %d, want 1; driver report: %.300s", s.LeakedCursorsClosed, connLogged.String())
	}
}

//go:noinline
func queryRowAndDrop(ctx context.Context, p *Pool) {
	p.QueryRow(ctx, "SELECT COUNT(*) FROM t")
}

func TestUnscannedPoolRowIsReclaimed(t *testing.T) {
	dsn := testDSN(t, "testdb")
	var logged syncBuffer
	p := newPool(t, dsn+"&pool_max_conns=1&pool_acquire_timeout=5s", leakLogged(&logged, false))
	ctx := ctxT(t)
	freshTable(t, p, "t", "id INTEGER")
	queryRowAndDrop(ctx, p)
	collectUntil(t, "the unscanned Row reclaimed", func() bool { return p.Stat().LeakedRowsReclaimed == 1 })
	if n := count(t, p, "t"); n != 0 {
		t.Errorf("count = %d", n)
	}
	if out := logged.String(); !strings.Contains(out, "handle=ifxpool.Row ") {
		t.Errorf("leak report: %.300s", out)
	}
}

// connQueryAndDrop runs a query on an acquired connection and drops the
// *ifx.Rows without Close.
//
//go:noinline
func connQueryAndDrop(ctx context.Context, c *Conn) error {
	rows, err := c.Query(ctx, "SELECT id FROM t WHERE id > ?", 0)
	if err != nil {
		return err
	}
	rows.Next()
	return rows.Err()
}

// acquireQueryAndDrop drops the acquired Conn as well.
//
//go:noinline
func acquireQueryAndDrop(ctx context.Context, p *Pool) error {
	c, err := p.Acquire(ctx)
	if err != nil {
		return err
	}
	return connQueryAndDrop(ctx, c)
}

// The *ifx.Rows of an acquired connection is the driver's, not the
// pool's: dropped, it is collected (the connection holds it weakly) and
// the connection's next call — the reset on release, or the reclaimer's
// reset when the Conn was dropped too — closes its cursor; the pool
// counts it (Stat.LeakedCursorsClosed) and the driver reports it through
// ConnConfig.LeakLogger.
func TestDroppedRowsOfAcquiredConnsAreClosed(t *testing.T) {
	srv := server(t)
	var logged, connLogged syncBuffer
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=2&pool_acquire_timeout=5s", func(c *Config) {
		leakLogged(&logged, false)(c)
		c.ConnConfig.LeakLogger = slog.New(slog.NewTextHandler(&connLogged, nil))
	})
	ctx := ctxT(t)
	mustExec(t, p, "CREATE TABLE t (id INTEGER)")
	for i := 1; i <= 3; i++ {
		mustExec(t, p, "INSERT INTO t VALUES (?)", i)
	}
	released, gcs := 0, 0
	for i := range 100 {
		if p.Stat().IdleConns == 0 {
			runtime.GC() // dropped Conns hold both connections
		}
		if i%2 == 0 {
			c, err := p.Acquire(ctx)
			if err != nil {
				t.Fatalf("iteration %d: %v (%+v)", i, err, p.Stat())
			}
			if err := connQueryAndDrop(ctx, c); err != nil {
				t.Fatalf("iteration %d: %v", i, err)
			}
			if i%10 == 0 {
				runtime.GC() // the reset on release finds the Rows collected
				gcs++
			}
			c.Release()
			released++
			continue
		}
		if err := acquireQueryAndDrop(ctx, p); err != nil {
			t.Fatalf("iteration %d: %v (%+v)", i, err, p.Stat())
		}
	}
	collectUntil(t, "every dropped Conn reclaimed", func() bool { return p.Stat().LeakedConnsReclaimed == 100-int64(released) })
	s := p.Stat()
	t.Logf("%+v", s)
	// Each dropped Conn's Rows went with it; of the released ones, at
	// least those collected before the release.
	if min := int64(100 - released + gcs); s.LeakedCursorsClosed < min || s.LeakedCursorsClosed > 100 {
		t.Errorf("LeakedCursorsClosed = %d, want %d to 100", s.LeakedCursorsClosed, min)
	}
	if got := int64(strings.Count(connLogged.String(), "handle=ifx.Rows")); got != s.LeakedCursorsClosed {
		t.Errorf("%d driver reports for %d closed cursors", got, s.LeakedCursorsClosed)
	}
	if !strings.Contains(connLogged.String(), `sql="SELECT id FROM t WHERE id > ?"`) {
		t.Errorf("driver leak report: %.300s", connLogged.String())
	}
	if s.AcquiredConns != 0 || s.TotalConns > 2 || s.DestroyedCount() != 0 {
		t.Errorf("after reclaiming: %+v", s)
	}
	checkGauges(t, s)
	for _, st := range srv.Stats() {
		if !st.Closed && (st.OpenCursors != 0 || st.OpenStatements > 2) {
			t.Errorf("session %d holds %d cursors and %d statements", st.ID, st.OpenCursors, st.OpenStatements)
		}
	}
	// Both connections serve again.
	a, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Conn{a, b} {
		var n int64
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 3 {
			t.Errorf("count = %d, %v", n, err)
		}
		c.Release()
	}
}
