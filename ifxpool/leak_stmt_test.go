package ifxpool

import (
	"context"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"
)

// nativePrepareAndDrop prepares on the acquired connection's *ifx.Conn
// and drops the Stmt.
//
//go:noinline
func nativePrepareAndDrop(ctx context.Context, c *Conn) error {
	_, err := c.Conn().Prepare(ctx, "SELECT tabid FROM systables WHERE tabid = ?")
	return err
}

// poolPrepareAndDrop prepares through the pool's Conn and drops the Stmt.
//
//go:noinline
func poolPrepareAndDrop(ctx context.Context, c *Conn) error {
	_, err := c.Prepare(ctx, "SELECT tabid FROM systables WHERE tabid = 2")
	return err
}

// TestDroppedNativeStmtOfAcquiredConnIsReleased: an *ifx.Stmt prepared
// on an acquired connection and dropped without Close is collected; the
// reset on release carries its RELEASE to the server, the driver
// reports it through ConnConfig.LeakLogger and the pool counts it in
// Stat.LeakedStmtsReleased, once. A pool Stmt dropped in the same
// holding is the pool's to release (its holding ends with Release) and
// is no leak.
func TestDroppedNativeStmtOfAcquiredConnIsReleased(t *testing.T) {
	srv := server(t)
	var connLogged syncBuffer
	p := newPool(t, srv.DSN("testdb")+"&pool_max_conns=1", func(c *Config) {
		c.ConnConfig.LeakLogger = slog.New(slog.NewTextHandler(&connLogged, nil))
	})
	ctx := ctxT(t)
	openStmts := func() int {
		n := 0
		for _, st := range srv.Stats() {
			if !st.Closed {
				n += st.OpenStatements
			}
		}
		return n
	}
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := openStmts()
	if err := nativePrepareAndDrop(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := poolPrepareAndDrop(ctx, c); err != nil {
		t.Fatal(err)
	}
	// The cleanup that finds the collected Stmt runs after a GC, on its
	// own goroutine: give it the time to.
	for range 5 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	c.Release()
	if s := p.Stat(); s.LeakedStmtsReleased != 1 {
		t.Errorf("LeakedStmtsReleased = %d, want 1 (%+v)", s.LeakedStmtsReleased, s)
	}
	if got := strings.Count(connLogged.String(), "handle=ifx.Stmt"); got != 1 {
		t.Errorf("%d driver reports of a Stmt, want 1: %.300s", got, connLogged.String())
	}
	if n := openStmts(); n > before {
		t.Errorf("the server holds %d statements after the release, %d before the Prepares", n, before)
	}
	// Counted once: later holdings do not count it again.
	mustExec(t, p, "SELECT tabid FROM systables WHERE tabid = 1")
	if s := p.Stat(); s.LeakedStmtsReleased != 1 {
		t.Errorf("LeakedStmtsReleased = %d after another holding, want 1", s.LeakedStmtsReleased)
	}
}
