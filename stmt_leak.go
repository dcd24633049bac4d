package ifx

import (
	"context"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// A Stmt dropped without Close would keep its statement prepared on the
// server until the session ends: a loop that prepares and forgets runs
// the session into the server's limits (-274, -208). Like
// informix-driver's cursor finalizers (its Phases 28–29), each Stmt
// carries a runtime.AddCleanup. The cleanup runs on the runtime's cleanup
// goroutine while another goroutine may be mid-statement on the
// connection, so it never writes to the socket: it only records the
// statement id. The connection's next call (or Reset, as a pool's release
// runs) queues the RELEASE on the deferred-cleanup queue, which goes out
// ahead of that call's request. A connection never used again releases
// everything when it is closed.

// stmtLeak is a Stmt cleanup's argument: what releasing the statement
// needs, and nothing that points back to the Stmt (which would then
// never be unreachable).
type stmtLeak struct {
	c     *Conn
	id    int16
	sql   string
	stack []byte // where Prepare was called, under Config.DebugLeaks
}

// leakList collects the statements whose Stmt was garbage collected,
// from the cleanup goroutine to the connection's owner.
type leakList struct {
	any   atomic.Bool // a cheap test on every call
	mu    sync.Mutex
	stmts []*stmtLeak
	count atomic.Int64 // statements reclaimed on this connection
}

// trackStmt attaches the releasing cleanup to s.
func (c *Conn) trackStmt(s *Stmt) {
	l := &stmtLeak{c: c, id: s.p.id, sql: s.sql}
	if c.cfg.DebugLeaks {
		l.stack = debug.Stack()
	}
	s.cleanup = runtime.AddCleanup(s, (*stmtLeak).found, l)
}

// found runs on the cleanup goroutine: it only records the leak.
func (l *stmtLeak) found() {
	c := l.c
	if c.isClosed() {
		return // the session, and its statements, are gone
	}
	c.leaks.mu.Lock()
	c.leaks.stmts = append(c.leaks.stmts, l)
	c.leaks.mu.Unlock()
	c.leaks.any.Store(true)
}

// queueLeaked queues the RELEASE of every statement whose Stmt was
// collected, ahead of the next request. The caller holds the connection.
func (c *Conn) queueLeaked() {
	if !c.leaks.any.Load() {
		return
	}
	c.leaks.mu.Lock()
	stmts := c.leaks.stmts
	c.leaks.stmts = nil
	c.leaks.any.Store(false)
	c.leaks.mu.Unlock()
	for _, l := range stmts {
		c.queueRelease(l.id)
		c.leaks.count.Add(1)
		c.reportLeak("ifx.Stmt", l.sql, l.stack)
	}
}

// LeakedStmtsReclaimed counts the statements of this connection whose
// Stmt was garbage collected without Close and that the driver released
// on the server.
func (c *Conn) LeakedStmtsReclaimed() int64 { return c.leaks.count.Load() }

// reportLeak logs a reclaimed handle through Config.LeakLogger.
func (c *Conn) reportLeak(handle, sql string, stack []byte) {
	lg := c.cfg.LeakLogger
	if lg == nil {
		lg = slog.Default()
	}
	attrs := []slog.Attr{slog.String("handle", handle), slog.String("sql", sql)}
	if stack != nil {
		attrs = append(attrs, slog.String("created", string(stack)))
	}
	lg.LogAttrs(context.Background(), slog.LevelWarn, "ifx: released a handle garbage collected without Close", attrs...)
}
