package ifx

import (
	"context"
	"runtime/debug"
	"sync/atomic"
	"weak"

	"github.com/ifxgo/ifx/ifxtype"
)

// A Rows dropped without Close keeps its cursor open on the server until
// the connection's next call closes it (detachRows). The connection must
// not keep the Rows itself alive for that: a forgotten Rows would then
// never be collected, nor reported. So the Conn refers to its open Rows
// through a weak pointer, and keeps beside it what closing the cursor
// needs when the Rows is gone (openRows). Like informix-driver's cursor
// finalizers (its Phases 28–29), the garbage collector's finding is acted
// on where the bytes may go: the connection's next call (or Reset, or
// Close), never the collector's goroutine, so nothing is written while
// another goroutine owns the wire. That call drains what is left of the
// Rows' fetch reply, queues CLOSE and RELEASE on the deferred-cleanup
// queue ahead of its own request, and reports the leak. The weak pointer
// going nil is the collector's signal: a runtime.AddCleanup would only
// repeat it.

// openRows is what the connection knows of its open Rows, without
// pointing to it.
type openRows struct {
	stmtID  int16
	release bool // the cursor's statement is released with it (Conn.Query)
	oneShot bool // QueryRow: the server closed the cursor in the first group
	// inGroup mirrors the Rows' inGroup: a fetch reply is still arriving
	// and must be read before the next request.
	inGroup   bool
	quiet     bool // a pool's handle wraps the Rows and reports its leak
	cols      []ifxtype.ColumnPlan
	sql       string                  // the query's text, never its arguments
	stack     []byte                  // where the query ran, under Config.DebugLeaks
	traceDone func(CommandTag, error) // the tracer's end of the query
}

// rowsLeakCount counts the Rows of a connection collected with their
// cursor open.
type rowsLeakCount struct{ n atomic.Int64 }

// trackRows makes r the connection's open Rows.
func (c *Conn) trackRows(r *Rows, sql string) {
	r.self = weak.Make(r)
	c.rows = r.self
	c.open = openRows{stmtID: r.stmtID, release: r.release, oneShot: r.oneShot, inGroup: r.inGroup, cols: r.cols, sql: sql}
	if c.cfg.DebugLeaks {
		c.open.stack = debug.Stack()
	}
}

// untrackRows forgets the connection's open Rows.
func (c *Conn) untrackRows() {
	c.rows = weak.Pointer[Rows]{}
	c.open = openRows{}
}

// hasRows reports an open Rows, collected or not.
func (c *Conn) hasRows() bool { return c.rows != weak.Pointer[Rows]{} }

// holds reports whether r is the connection's open Rows.
func (c *Conn) holds(r *Rows) bool { return c.hasRows() && c.rows == r.self }

// openRowsValue returns the connection's open Rows. When the garbage
// collector took it, it returns a Rows rebuilt from openRows, which
// reads the rest of its fetch reply and queues its cleanup as the
// original would have, and reports the leak.
func (c *Conn) openRowsValue() *Rows {
	if !c.hasRows() {
		return nil
	}
	if r := c.rows.Value(); r != nil {
		return r
	}
	o := &c.open
	r := &Rows{c: c, ctx: context.Background(), stmtID: o.stmtID, release: o.release, oneShot: o.oneShot,
		serverClosed: o.oneShot, inGroup: o.inGroup, cols: o.cols, dec: c.decoder(), self: c.rows,
		vals: make([][]byte, 0, len(o.cols)), traceDone: o.traceDone}
	// Between calls the only exchange left armed is the Rows' own,
	// while its reply arrives.
	r.armed = o.inGroup && c.pc.WatchedContext() != nil
	if !o.quiet {
		// A Rows handed over (adapter.HandOverRowsLeak) is its holder's
		// leak, counted and reported there (ifxpool's LeakedRowsReclaimed),
		// not a second time as a native one.
		c.rowsLeaks.n.Add(1)
		c.reportLeak("ifx.Rows", o.sql, o.stack)
	}
	return r
}

// handOverRowsLeak is adapter.HandOverRowsLeak.
func handOverRowsLeak(h any) {
	var r *Rows
	switch h := h.(type) {
	case *Rows:
		r = h
	case *Row:
		r = h.rows
	}
	if r == nil || r.c == nil {
		return
	}
	if c := r.c; c.enter() == nil {
		if c.holds(r) {
			c.open.quiet = true
		}
		c.leave()
	}
}

// LeakedRowsReclaimed counts the Rows of this connection that were
// garbage collected with their cursor open (dropped without Close or
// reading to the end) and whose cursor the driver closed.
func (c *Conn) LeakedRowsReclaimed() int64 { return c.rowsLeaks.n.Load() }
