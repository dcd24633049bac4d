package ifxpool

import (
	"context"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"
)

// A handle the pool gives out (a Conn from Acquire, the Rows of
// Pool.Query, the Tx of Pool.Begin) holds one connection. Dropped without
// Release, Close, Commit or Rollback, it would keep that connection out of
// the pool for good: Acquire then times out with every connection
// "acquired" by nobody. Each such handle carries a runtime.AddCleanup
// (informix-driver's cursor finalizers, its Phases 28–29, are the model):
// once the garbage collector finds the handle unreachable, the cleanup
// queues the connection for the pool's reclaimer goroutine. The cleanup
// itself never touches the socket: it runs on the runtime's cleanup
// goroutine and only appends to a list. The reclaimer resets the
// connection (closing the abandoned cursor and sending the queued
// CLOSE/RELEASE ahead of anything else, ifx.Conn.Reset) and puts it back,
// or destroys it when it is in a transaction or busy: work left
// uncommitted by a forgotten holder must neither be committed nor reach
// the next holder.

// leakKind names what leaked, in reports and statistics.
type leakKind int

const (
	leakedConn leakKind = iota
	leakedRows
	leakedTx
	leakedRow // counted with leakedRows
	numLeakKinds
)

func (k leakKind) String() string {
	return [...]string{"ifxpool.Conn", "ifxpool.Rows", "ifxpool.Tx", "ifxpool.Row"}[k]
}

// leak is a cleanup's argument. It must not point to the handle (the
// handle would never become unreachable), only to what reclaiming needs.
type leak struct {
	p     *Pool
	res   *connRes
	kind  leakKind
	sql   string // the query's text, never its arguments
	stack []byte // where the handle was made, under Config.DebugLeaks
}

// leakQueue holds the leaks the cleanups found, for the reclaimer.
type leakQueue struct {
	mu    sync.Mutex
	found []*leak
	wake  chan struct{}
	once  sync.Once
}

// track attaches the reclaiming cleanup to handle h, which holds res.
func track[T any](p *Pool, h *T, res *connRes, kind leakKind, sql string) runtime.Cleanup {
	l := &leak{p: p, res: res, kind: kind, sql: sql}
	if p.cfg.DebugLeaks {
		l.stack = debug.Stack()
	}
	p.startReclaimer()
	return runtime.AddCleanup(h, (*leak).found, l)
}

// found runs on the runtime's cleanup goroutine: it only queues the leak.
func (l *leak) found() {
	q := &l.p.leaks
	q.mu.Lock()
	q.found = append(q.found, l)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// startReclaimer starts the reclaimer with the first tracked handle: a
// pool that never hands one out runs no extra goroutine.
func (p *Pool) startReclaimer() {
	p.leaks.once.Do(func() {
		p.leaks.wake = make(chan struct{}, 1)
		p.wg.Add(1)
		go p.reclaimLoop()
	})
}

// reclaimLoop runs until the pool is closed and every connection came
// back (a leaked one comes back only through it).
func (p *Pool) reclaimLoop() {
	defer p.wg.Done()
	for {
		select {
		case <-p.drained:
			return
		case <-p.leaks.wake:
			q := &p.leaks
			q.mu.Lock()
			found := q.found
			q.found = nil
			q.mu.Unlock()
			for _, l := range found {
				p.reclaim(l)
			}
		}
	}
}

// reclaim gives a leaked holding's connection back to the pool, or
// destroys it when a transaction is open on it.
func (p *Pool) reclaim(l *leak) {
	p.leaked[l.kind].Add(1)
	p.reportLeak(l)
	res := l.res
	if res.conn.InTransaction() && !res.conn.IsClosed() {
		res.endHolding()
		p.destroyAcquired(res, destroyLeaked)
		return
	}
	p.release(res)
}

// noteConnLeaks adds to the pool's statistics the native handles
// (*ifx.Stmt, *ifx.Rows) of res's connection that the driver reclaimed
// since the last call: the driver reports each through the connection's
// own LeakLogger (ConnConfig.LeakLogger) when the connection's next call,
// a reset on release among them, releases what the handle held.
func (p *Pool) noteConnLeaks(res *connRes) {
	if n := res.conn.LeakedStmtsReclaimed(); n != res.seenStmtLeaks.Load() {
		p.connStmtLeaks.Add(n - res.seenStmtLeaks.Swap(n))
	}
	if n := res.conn.LeakedRowsReclaimed(); n != res.seenRowsLeaks.Load() {
		p.connRowsLeaks.Add(n - res.seenRowsLeaks.Swap(n))
	}
}

// reportLeak logs what leaked, through Config.LeakLogger.
func (p *Pool) reportLeak(l *leak) {
	lg := p.cfg.LeakLogger
	if lg == nil {
		lg = slog.Default()
	}
	attrs := []slog.Attr{slog.String("handle", l.kind.String())}
	if l.sql != "" {
		attrs = append(attrs, slog.String("sql", l.sql))
	}
	if l.stack != nil {
		attrs = append(attrs, slog.String("created", string(l.stack)))
	}
	lg.LogAttrs(context.Background(), slog.LevelWarn, "ifxpool: reclaimed a handle dropped without Close or Release", attrs...)
}
