package ifx_test

import (
	"bytes"
	"context"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
)

// lockedBuffer is a bytes.Buffer written by the driver and read by the
// test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// connectLeakLogged connects to a fresh ifxtest server with leak
// reports going to buf.
func connectLeakLogged(t *testing.T, buf *lockedBuffer, debug bool) (*ifx.Conn, func() int) {
	t.Helper()
	dsn, srv := testServer(t, "testdb")
	if srv == nil {
		t.Skip("counts the ifxtest server's open statements")
	}
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.LeakLogger = slog.New(slog.NewTextHandler(buf, nil))
	cfg.DebugLeaks = debug
	c, err := ifx.ConnectConfig(ctxT(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	open := func() int {
		st := srv.Stats()
		return st[len(st)-1].OpenStatements
	}
	return c, open
}

//go:noinline
func prepareAndDrop(ctx context.Context, c *ifx.Conn, sql string) error {
	_, err := c.Prepare(ctx, sql)
	return err
}

func TestDroppedStmtsAreReleased(t *testing.T) {
	var logged lockedBuffer
	c, open := connectLeakLogged(t, &logged, false)
	ctx := ctxT(t)
	// ifxtest refuses a 4,097th statement in a session (-208), as IDS
	// runs out: without the cleanups this fails there.
	for i := range 10000 {
		if i%500 == 499 {
			runtime.GC()
		}
		if err := prepareAndDrop(ctx, c, "SELECT 1 FROM systables WHERE tabid = ?"); err != nil {
			t.Fatalf("prepare %d: %v (%d open)", i, err, open())
		}
	}
	end := time.Now().Add(5 * time.Second)
	for c.LeakedStmtsReclaimed() < 10000 && time.Now().Before(end) {
		runtime.GC()
		if err := c.Ping(ctx); err != nil { // carries the queued RELEASEs
			t.Fatal(err)
		}
	}
	if n := c.LeakedStmtsReclaimed(); n != 10000 {
		t.Fatalf("%d of 10000 dropped Stmts released", n)
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if n := open(); n > 1 {
		t.Errorf("the server holds %d statements after the reclaim", n)
	}
	var one int
	if err := c.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("the connection after the reclaim: %d, %v", one, err)
	}
	out := logged.String()
	if !strings.Contains(out, "handle=ifx.Stmt") || !strings.Contains(out, `sql="SELECT 1 FROM systables WHERE tabid = ?"`) {
		t.Errorf("leak report: %.300s", out)
	}
}

func TestDroppedStmtReportsWhereItWasPrepared(t *testing.T) {
	var logged lockedBuffer
	c, _ := connectLeakLogged(t, &logged, true)
	ctx := ctxT(t)
	if err := prepareAndDrop(ctx, c, "SELECT 2 FROM systables WHERE tabid = 1"); err != nil {
		t.Fatal(err)
	}
	end := time.Now().Add(5 * time.Second)
	for c.LeakedStmtsReclaimed() == 0 && time.Now().Before(end) {
		runtime.GC()
		c.Ping(ctx)
	}
	if out := logged.String(); !strings.Contains(out, "created=") || !strings.Contains(out, "prepareAndDrop") {
		t.Errorf("leak report without the Prepare's stack: %.500s", out)
	}
}

// prepareMany prepares n statements and drops them all at once.
//
//go:noinline
func prepareMany(ctx context.Context, c *ifx.Conn, n int) error {
	sts := make([]*ifx.Stmt, n)
	for i := range sts {
		st, err := c.Prepare(ctx, "SELECT tabid FROM systables WHERE tabid = ?")
		if err != nil {
			return err
		}
		sts[i] = st
	}
	return nil
}

// The cleanups run on the runtime's goroutine while the connection's
// owner is mid-query: they must only record the leak, never write to the
// socket themselves. An interleaved write would break the owner's reply
// (ifxtest answers each group in order, and the driver checks every
// reply's shape); -race checks the hand-over.
func TestStmtCleanupDuringAQueryOnAnotherGoroutine(t *testing.T) {
	var logged lockedBuffer
	c, open := connectLeakLogged(t, &logged, false)
	ctx := ctxT(t)
	const n = 300
	if err := prepareMany(ctx, c, n); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		defer close(errc)
		for {
			select {
			case <-stop:
				return
			default:
			}
			rows, err := c.Query(ctx, "SELECT tabid, tabname FROM systables")
			if err != nil {
				errc <- err
				return
			}
			k := 0
			for rows.Next() {
				k++
			}
			rows.Close()
			if err := rows.Err(); err != nil || k == 0 {
				errc <- err
				return
			}
		}
	}()
	end := time.Now().Add(5 * time.Second)
	for c.LeakedStmtsReclaimed() < n && time.Now().Before(end) {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	close(stop)
	if err := <-errc; err != nil {
		t.Fatalf("the query goroutine: %v", err)
	}
	if got := c.LeakedStmtsReclaimed(); got != n {
		t.Fatalf("%d of %d released", got, n)
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if k := open(); k > 2 {
		t.Errorf("the server holds %d statements", k)
	}
}

func TestDebugLeaksOption(t *testing.T) {
	cfg, err := ifx.ParseConfig("informix://u:p@h:9088/db?server=s&debug_leaks=true")
	if err != nil || !cfg.DebugLeaks {
		t.Fatalf("debug_leaks=true: %v, %v", cfg, err)
	}
	if _, err := ifx.ParseConfig("informix://u:p@h:9088/db?server=s&debug_leaks=perhaps"); err == nil {
		t.Error("debug_leaks=perhaps accepted")
	}
}
