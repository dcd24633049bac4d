package ifxpool

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ifxgo/ifx"
)

// Why a connection was closed; the index into Stat's counters.
type destroyReason int

const (
	destroyLifetime    destroyReason = iota // MaxConnLifetime reached
	destroyIdleTime                         // MaxConnIdleTime reached
	destroyHealthCheck                      // found dead (socket check, ping)
	destroyBroken                           // released closed or broken
	destroyResetFailed                      // Reset on release failed
	destroyHookRefused                      // BeforeAcquire or AfterRelease said no
	destroyPoolClosed                       // the pool closed
	destroyLeaked                           // its holder was garbage collected inside a transaction (leak.go)
	numDestroyReasons
)

// Where a connection is; guarded by Pool.mu.
type connState int8

const (
	stateIdle     connState = iota // on the idle list
	stateAcquired                  // handed out (or on its way to a waiter)
	stateChecking                  // pinged by the health check
	stateGone                      // destroyed or hijacked
)

// connRes is one pooled connection.
type connRes struct {
	conn      *ifx.Conn
	createdAt time.Time
	expiresAt time.Time // zero: no lifetime limit
	idleSince time.Time // when it was last released (or opened)
	state     connState
	// endFailed: a pool Tx's COMMIT or ROLLBACK failed, so the server may
	// still hold the transaction although the driver thinks it ended
	// (set and read by the connection's holder).
	endFailed bool
	resetCtx  deadlineCtx // the context of the reset on release (holder only)
	// holding counts the releases: a Stmt prepared through the pool
	// belongs to the holding it was prepared in (stmt.go).
	holding atomic.Uint64
	stmts   map[*ifx.Stmt]struct{} // prepared in the current holding (holder only)
	host    string                 // the server's address (failover.go)
	// The connection's leak counts already added to the pool's
	// (noteConnLeaks).
	seenStmtLeaks, seenRowsLeaks atomic.Int64
}

// deadlineCtx is a context with a deadline and no cancellation, for the
// reset on release: the driver turns the deadline into socket deadlines
// (a reset that overruns fails and the connection is closed), and with no
// Done channel it arms no interrupt watcher. Kept in the connRes, it costs
// no allocation, unlike context.WithTimeout on every release.
type deadlineCtx struct{ deadline time.Time }

func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.deadline, true }
func (c *deadlineCtx) Done() <-chan struct{}       { return nil }
func (c *deadlineCtx) Err() error                  { return nil }
func (c *deadlineCtx) Value(any) any               { return nil }

// grant is what a waiting Acquire receives: a connection (just released
// and reset, just opened, or just checked), or an error (a failed
// connection attempt, the pool's closing).
type grant struct {
	res *connRes
	err error
}

type waiter struct{ ch chan grant }

// Pool is a pool of connections, safe for concurrent use. Acquire hands
// out an idle connection or, when there is none, queues the caller; while
// fewer than MaxConns connections exist, one is opened for each queued
// caller. Released, opened and checked connections go to the queued
// callers in arrival order, or to the idle list. No goroutine runs per
// Acquire: a waiting caller blocks on a channel of its own. A connection
// is opened by a goroutine of its own, under the pool's context rather
// than the caller's: a caller that gives up does not abort it, and the
// connection serves the next caller (under load, callers with short
// deadlines would otherwise keep aborting each other's attempts and the
// pool would never grow).
type Pool struct {
	cfg *Config

	mu           sync.Mutex
	idle         []*connRes // a stack: the most recently released on top
	all          map[*connRes]struct{}
	waiters      []*waiter // FIFO
	total        int32     // idle + acquired + checking + constructing
	acquired     int32
	constructing int32
	checking     int32
	closed       bool
	drained      chan struct{} // closed once closed and nothing is out
	newConns     int64
	failedConns  int64
	destroyed    [numDestroyReasons]int64
	hijacked     int64

	isClosed     atomic.Bool
	acquireCount atomic.Int64
	acquireNanos atomic.Int64
	emptyCount   atomic.Int64
	emptyNanos   atomic.Int64
	canceled     atomic.Int64
	timedOut     atomic.Int64
	failed       atomic.Int64

	bgCtx     context.Context // ends with Close: background work
	bgCancel  context.CancelFunc
	wake      chan struct{} // asks the background loop to top up MinConns
	wg        sync.WaitGroup
	closeOnce sync.Once

	hostFail map[string]time.Time // per server: connections made before are presumed dead (failover.go); Pool.mu

	leaks  leakQueue                  // handles found unreachable (leak.go)
	leaked [numLeakKinds]atomic.Int64 // reclaimed, by kind
	// The native handles of pooled connections the driver reclaimed
	// (leak.go, noteConnLeaks).
	connStmtLeaks, connRowsLeaks atomic.Int64
}

// New creates a pool from a DSN (see ParseConfig) and opens MinConns
// connections.
func New(ctx context.Context, dsn string) (*Pool, error) {
	cfg, err := ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return NewWithConfig(ctx, cfg)
}

// NewWithConfig creates a pool from cfg, which must come from ParseConfig,
// and opens cfg.MinConns connections before it returns; if one of them
// fails, the pool is closed and the error returned. With MinConns 0 no
// connection is made until the first Acquire (use Ping to check the
// server is reachable).
func NewWithConfig(ctx context.Context, cfg *Config) (*Pool, error) {
	if cfg == nil || !cfg.createdByParseConfig {
		return nil, errors.New("ifxpool: config must be created by ParseConfig")
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	p := &Pool{
		cfg:     cfg.Copy(),
		all:     make(map[*connRes]struct{}),
		drained: make(chan struct{}),
		wake:    make(chan struct{}, 1),
	}
	p.bgCtx, p.bgCancel = context.WithCancel(context.Background())
	if err := p.openMinConns(ctx); err != nil {
		p.Close()
		return nil, err
	}
	if p.cfg.HealthCheckPeriod > 0 || p.cfg.MinConns > 0 {
		p.wg.Add(1)
		go p.backgroundLoop()
	}
	return p, nil
}

// openMinConns opens MinConns connections in parallel.
func (p *Pool) openMinConns(ctx context.Context) error {
	n := int(p.cfg.MinConns)
	if n == 0 {
		return nil
	}
	p.mu.Lock()
	p.total += int32(n)
	p.constructing += int32(n)
	p.mu.Unlock()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = p.constructed(p.connect(ctx))
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Config returns a copy of the pool's configuration.
func (p *Pool) Config() *Config { return p.cfg.Copy() }

// ---------------------------------------------------------------- acquire

// Acquire returns a connection; Release it when done. It waits while
// MaxConns connections are in use, until ctx ends or AcquireTimeout passes
// (an error matching ErrAcquireTimeout). An idle connection unused for
// PingIdleThreshold is pinged first, and one found dead is closed and
// replaced without the caller seeing an error.
func (p *Pool) Acquire(ctx context.Context) (*Conn, error) {
	res, err := p.acquire(ctx)
	if err != nil {
		return nil, err
	}
	c := &Conn{p: p}
	c.res.Store(res)
	c.cleanup = track(p, c, res, leakedConn, "")
	return c, nil
}

// acquire is Acquire without the wrapper, with the statistics.
func (p *Pool) acquire(ctx context.Context) (*connRes, error) {
	start := time.Now()
	res, waited, err := p.acquireRes(ctx, start)
	if err != nil {
		switch {
		case errors.Is(err, ErrAcquireTimeout):
			p.timedOut.Add(1)
		case ctx.Err() != nil:
			p.canceled.Add(1)
		default:
			p.failed.Add(1)
		}
		return nil, err
	}
	d := int64(time.Since(start))
	p.acquireCount.Add(1)
	p.acquireNanos.Add(d)
	if waited {
		p.emptyCount.Add(1)
		p.emptyNanos.Add(d)
	}
	return res, nil
}

func (p *Pool) acquireRes(ctx context.Context, start time.Time) (res *connRes, waited bool, err error) {
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	var deadline time.Time
	if p.cfg.AcquireTimeout > 0 {
		deadline = start.Add(p.cfg.AcquireTimeout)
	}
	for {
		if !deadline.IsZero() && !time.Now().Before(deadline) {
			p.mu.Lock()
			err := p.timeoutErrorLocked()
			p.mu.Unlock()
			return nil, waited, err
		}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return nil, waited, ErrClosedPool
		}
		if n := len(p.idle); n > 0 {
			res := p.idle[n-1]
			p.idle[n-1] = nil
			p.idle = p.idle[:n-1]
			res.state = stateAcquired
			p.acquired++
			p.mu.Unlock()
			ok, err := p.checkIdle(ctx, res, deadline)
			if err != nil {
				return nil, waited, err
			}
			if ok && p.beforeAcquire(ctx, res) {
				return res, waited, nil
			}
			continue
		}
		waited = true
		w := &waiter{ch: make(chan grant, 1)}
		p.waiters = append(p.waiters, w)
		p.fillLocked()
		p.mu.Unlock()
		g, err := p.wait(ctx, w, deadline)
		if err != nil {
			return nil, waited, err
		}
		if g.err != nil {
			return nil, waited, g.err
		}
		// Just released (and reset), opened or checked: no liveness check.
		if p.beforeAcquire(ctx, g.res) {
			return g.res, waited, nil
		}
	}
}

// wait blocks until w is granted something, ctx ends or the deadline
// passes. A grant that races with giving up is handed on.
func (p *Pool) wait(ctx context.Context, w *waiter, deadline time.Time) (grant, error) {
	var timeout <-chan time.Time
	if !deadline.IsZero() {
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		timeout = t.C
	}
	var err error
	select {
	case g := <-w.ch:
		return g, nil
	case <-ctx.Done():
		err = ctx.Err()
	case <-timeout:
		err = nil
	}
	p.mu.Lock()
	if err == nil {
		err = p.timeoutErrorLocked()
	}
	for i, x := range p.waiters {
		if x == w {
			p.waiters = append(p.waiters[:i], p.waiters[i+1:]...)
			p.mu.Unlock()
			return grant{}, err
		}
	}
	p.mu.Unlock()
	// Already granted: pass it on.
	if g := <-w.ch; g.res != nil {
		p.releaseClean(g.res)
	}
	return grant{}, err
}

// timeoutErrorLocked is the AcquireTimeout error, with what the pool was
// doing at that moment.
func (p *Pool) timeoutErrorLocked() error {
	return &acquireTimeoutError{timeout: p.cfg.AcquireTimeout, max: p.cfg.MaxConns, acquired: p.acquired, constructing: p.constructing}
}

// connChecker is implemented by *ifx.Conn (CheckConn: a non-blocking peek
// at the socket, no round trip). It is asserted rather than called
// directly so that the pool keeps building if the method moves; the tests
// check that *ifx.Conn still has it.
type connChecker interface{ CheckConn() error }

// checkIdle decides whether a connection taken off the idle list can be
// handed out. A dead one is destroyed (false, nil); an error means the
// caller's context ended or the AcquireTimeout passed during the ping.
func (p *Pool) checkIdle(ctx context.Context, res *connRes, deadline time.Time) (bool, error) {
	conn := res.conn
	if conn.IsClosed() {
		p.destroyAcquired(res, destroyHealthCheck)
		p.noteLost(res)
		return false, nil
	}
	if cc, ok := any(conn).(connChecker); ok {
		if err := cc.CheckConn(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
			p.destroyAcquired(res, destroyHealthCheck)
			p.noteLost(res)
			return false, nil
		}
	}
	thr := p.cfg.PingIdleThreshold
	if thr < 0 || time.Since(res.idleSince) < thr {
		return true, nil
	}
	pctx := ctx
	var cancel context.CancelFunc
	if p.cfg.PingTimeout > 0 {
		pctx, cancel = context.WithTimeout(pctx, p.cfg.PingTimeout)
		defer cancel()
	}
	if !deadline.IsZero() {
		pctx, cancel = context.WithDeadlineCause(pctx, deadline, errAcquireDeadline)
		defer cancel()
	}
	err := conn.Ping(pctx)
	if err == nil {
		return true, nil
	}
	var give error
	switch {
	case ctx.Err() != nil:
		give = ctx.Err()
	case errors.Is(context.Cause(pctx), errAcquireDeadline):
		give = &acquireTimeoutError{timeout: p.cfg.AcquireTimeout, max: p.cfg.MaxConns, cause: err}
	}
	if give != nil && !conn.IsClosed() {
		// The ping was interrupted and the server acknowledged it: the
		// connection is fine, only the caller gave up.
		p.releaseClean(res)
		return false, give
	}
	p.destroyAcquired(res, destroyHealthCheck)
	return false, give
}

// beforeAcquire runs the BeforeAcquire hook; a refusal destroys res.
func (p *Pool) beforeAcquire(ctx context.Context, res *connRes) bool {
	if p.cfg.BeforeAcquire == nil || p.cfg.BeforeAcquire(ctx, res.conn) {
		return true
	}
	p.destroyAcquired(res, destroyHookRefused)
	return false
}

// fillLocked starts opening connections while queued callers outnumber
// the connections being opened and MaxConns allows.
func (p *Pool) fillLocked() {
	for !p.closed && int32(len(p.waiters)) > p.constructing && p.total < p.cfg.MaxConns {
		p.startConstructLocked()
	}
}

// startConstructLocked opens a connection in the background, in a new slot.
func (p *Pool) startConstructLocked() {
	p.total++
	p.constructing++
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		p.constructed(p.connect(p.bgCtx))
	}()
}

// connect opens a connection and runs the hooks. The slot it fills is
// already counted in total and constructing.
func (p *Pool) connect(ctx context.Context) (*ifx.Conn, error) {
	cfg := p.cfg.ConnConfig.Copy()
	if p.cfg.BeforeConnect != nil {
		if err := p.cfg.BeforeConnect(ctx, cfg); err != nil {
			return nil, err
		}
	}
	conn, err := ifx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if p.cfg.AfterConnect != nil {
		if err := p.cfg.AfterConnect(ctx, conn); err != nil {
			conn.Close(context.Background())
			return nil, err
		}
	}
	return conn, nil
}

// constructed adds a new connection to the pool (to the first queued
// caller, or the idle list), or accounts for a failed attempt: its error
// goes to the first queued caller not covered by another attempt.
func (p *Pool) constructed(conn *ifx.Conn, err error) error {
	now := time.Now()
	p.mu.Lock()
	p.constructing--
	if err != nil {
		p.failedConns++
		p.total--
		if int32(len(p.waiters)) > p.constructing {
			w := p.waiters[0]
			p.waiters[0] = nil
			p.waiters = p.waiters[1:]
			w.ch <- grant{err: err}
		}
		p.afterSlotFreedLocked()
		p.mu.Unlock()
		return err
	}
	res := &connRes{conn: conn, createdAt: now, idleSince: now, state: stateAcquired}
	if lt := p.cfg.MaxConnLifetime; lt > 0 {
		if j := p.cfg.MaxConnLifetimeJitter; j > 0 {
			lt += time.Duration(rand.Int64N(int64(j)))
		}
		res.expiresAt = now.Add(lt)
	}
	p.all[res] = struct{}{}
	p.stampLocked(res)
	p.newConns++
	if p.closed {
		p.destroyLocked(res, destroyPoolClosed)
		p.mu.Unlock()
		p.closeConn(res, context.Background())
		return ErrClosedPool
	}
	p.offerLocked(res, false)
	p.mu.Unlock()
	return nil
}

// ---------------------------------------------------------------- release

// release resets a connection outside the lock (it is still counted as
// acquired) and puts it back, or destroys it: broken or closed, a failed
// reset, an expired lifetime, a refusing AfterRelease hook, a closed pool.
func (p *Pool) release(res *connRes) {
	conn := res.conn
	res.endHolding()
	reason := destroyReason(-1)
	switch {
	case p.isClosed.Load():
		reason = destroyPoolClosed
	case conn.IsClosed():
		reason = destroyBroken
	default:
		res.resetCtx.deadline = time.Now().Add(p.cfg.ResetTimeout)
		ctx := &res.resetCtx
		err := conn.Reset(ctx)
		if err == nil && res.endFailed {
			res.endFailed = false
			err = rollbackWork(ctx, conn)
		}
		switch {
		case err != nil:
			reason = destroyResetFailed
		case !res.expiresAt.IsZero() && !time.Now().Before(res.expiresAt):
			reason = destroyLifetime
		case p.cfg.AfterRelease != nil && !p.cfg.AfterRelease(conn):
			reason = destroyHookRefused
		}
	}
	p.noteConnLeaks(res)
	now := time.Now()
	p.mu.Lock()
	if res.state == stateGone { // closed by CloseContext meanwhile
		p.mu.Unlock()
		return
	}
	p.acquired--
	if reason < 0 && p.closed {
		reason = destroyPoolClosed
	}
	var gone []*connRes
	switch {
	case reason == destroyBroken && conn.Lost():
		gone = p.hostFailedLocked(res, now)
	case reason < 0 && p.staleLocked(res):
		reason = destroyHealthCheck // its server failed meanwhile
	}
	if reason >= 0 {
		p.destroyLocked(res, reason)
		p.mu.Unlock()
		p.closeConn(res, context.Background())
		p.closeGone(gone)
		return
	}
	res.idleSince = now
	p.offerLocked(res, false)
	p.mu.Unlock()
}

// rollbackWork ends whatever transaction the server may still hold; -255
// (no transaction) and -256 (no logging) mean there was none.
func rollbackWork(ctx context.Context, conn *ifx.Conn) error {
	_, err := conn.Exec(ctx, "ROLLBACK WORK")
	if c := ifx.SQLCode(err); c == -255 || c == -256 {
		return nil
	}
	return err
}

// releaseClean puts back an acquired connection known to be clean.
func (p *Pool) releaseClean(res *connRes) {
	p.mu.Lock()
	if res.state == stateGone {
		p.mu.Unlock()
		return
	}
	p.acquired--
	if p.closed {
		p.destroyLocked(res, destroyPoolClosed)
		p.mu.Unlock()
		p.closeConn(res, context.Background())
		return
	}
	p.offerLocked(res, false)
	p.mu.Unlock()
}

// hijack takes an acquired connection out of the pool.
func (p *Pool) hijack(res *connRes) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if res.state == stateGone {
		return
	}
	p.acquired--
	res.state = stateGone
	delete(p.all, res)
	p.hijacked++
	p.freeSlotLocked()
	p.checkDrainedLocked()
}

// offerLocked hands a usable connection (not counted in any state) to the
// first waiter, or puts it on the idle list: on top, or at the bottom
// (after a health check, so that it keeps its place among the least used).
// The caller has checked that the pool is open.
func (p *Pool) offerLocked(res *connRes, bottom bool) {
	if len(p.waiters) > 0 {
		w := p.waiters[0]
		p.waiters[0] = nil
		p.waiters = p.waiters[1:]
		res.state = stateAcquired
		p.acquired++
		w.ch <- grant{res: res}
		return
	}
	res.state = stateIdle
	if bottom {
		p.idle = append(p.idle, nil)
		copy(p.idle[1:], p.idle)
		p.idle[0] = res
	} else {
		p.idle = append(p.idle, res)
	}
	p.checkDrainedLocked()
}

// freeSlotLocked frees the slot of a connection that left the pool.
func (p *Pool) freeSlotLocked() {
	p.total--
	p.afterSlotFreedLocked()
}

// afterSlotFreedLocked reacts to a free slot: a queued caller gets a
// connection opened for it, MinConns is topped up, Close learns that the
// pool drained.
func (p *Pool) afterSlotFreedLocked() {
	p.fillLocked()
	if !p.closed && p.total < p.cfg.MinConns {
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
	p.checkDrainedLocked()
}

// destroyLocked takes a connection (not counted in any state any more)
// out of the pool; the caller closes it after unlocking.
func (p *Pool) destroyLocked(res *connRes, reason destroyReason) {
	res.state = stateGone
	delete(p.all, res)
	p.destroyed[reason]++
	p.freeSlotLocked()
}

// destroyAcquired destroys a connection counted as acquired.
func (p *Pool) destroyAcquired(res *connRes, reason destroyReason) {
	p.mu.Lock()
	if res.state == stateGone {
		p.mu.Unlock()
		return
	}
	p.acquired--
	p.destroyLocked(res, reason)
	p.mu.Unlock()
	p.closeConn(res, context.Background())
}

// closeConn runs BeforeClose and closes the connection (SQ_EXIT and at most
// a second's wait, or at once if it is already broken).
func (p *Pool) closeConn(res *connRes, ctx context.Context) {
	if p.cfg.BeforeClose != nil {
		p.cfg.BeforeClose(res.conn)
	}
	res.conn.Close(ctx)
	p.noteConnLeaks(res)
}

func (p *Pool) checkDrainedLocked() {
	if p.closed && p.acquired == 0 && p.constructing == 0 && p.checking == 0 {
		select {
		case <-p.drained:
		default:
			close(p.drained)
		}
	}
}

// ---------------------------------------------------------------- background

// backgroundLoop runs the health check every HealthCheckPeriod and tops up
// MinConns when asked (after connections closed).
func (p *Pool) backgroundLoop() {
	defer p.wg.Done()
	var tick <-chan time.Time
	if p.cfg.HealthCheckPeriod > 0 {
		t := time.NewTicker(p.cfg.HealthCheckPeriod)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-p.bgCtx.Done():
			return
		case <-tick:
			p.checkHealth()
			p.topUp()
		case <-p.wake:
			p.topUp()
		}
	}
}

// checkHealth closes idle connections that are broken, past their
// lifetime, or idle too long (while more than MinConns remain), and pings
// those not used since the previous check.
func (p *Pool) checkHealth() {
	now := time.Now()
	var gone []*connRes
	var check []*connRes
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	keep := p.idle[:0]
	left := p.total // connections that remain, for the MinConns floor
	for _, res := range p.idle {
		idleFor := now.Sub(res.idleSince)
		switch {
		case res.conn.IsClosed():
			p.destroyLocked(res, destroyHealthCheck)
		case !res.expiresAt.IsZero() && !now.Before(res.expiresAt):
			p.destroyLocked(res, destroyLifetime)
		case p.cfg.MaxConnIdleTime > 0 && idleFor >= p.cfg.MaxConnIdleTime && left > p.cfg.MinConns:
			p.destroyLocked(res, destroyIdleTime)
		case idleFor >= p.cfg.HealthCheckPeriod:
			res.state = stateChecking
			p.checking++
			check = append(check, res)
			continue
		default:
			keep = append(keep, res)
			continue
		}
		left--
		gone = append(gone, res)
	}
	clear(p.idle[len(keep):])
	p.idle = keep
	p.mu.Unlock()
	for _, res := range gone {
		p.closeConn(res, context.Background())
	}
	for _, res := range check {
		p.pingChecked(res)
	}
}

// pingChecked pings a connection taken off the idle list by the health
// check and puts it back (at the bottom, keeping its idle time) or
// destroys it.
func (p *Pool) pingChecked(res *connRes) {
	conn := res.conn
	var err error
	if cc, ok := any(conn).(connChecker); ok {
		if err = cc.CheckConn(); errors.Is(err, errors.ErrUnsupported) {
			err = nil
		}
	}
	if err == nil {
		ctx := p.bgCtx
		if p.cfg.PingTimeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, p.cfg.PingTimeout)
			defer cancel()
		}
		err = conn.Ping(ctx)
	}
	p.mu.Lock()
	p.checking--
	if err != nil || p.closed || conn.IsClosed() {
		reason := destroyHealthCheck
		var gone []*connRes
		if p.closed {
			reason = destroyPoolClosed // the ping failed because of Close
		} else if conn.Lost() {
			gone = p.hostFailedLocked(res, res.idleSince)
		}
		p.destroyLocked(res, reason)
		p.mu.Unlock()
		p.closeConn(res, context.Background())
		p.closeGone(gone)
		return
	}
	p.offerLocked(res, true)
	p.mu.Unlock()
}

// topUp opens connections until MinConns exist; it stops at the first
// failure (the next health check tries again).
func (p *Pool) topUp() {
	for {
		p.mu.Lock()
		if p.closed || p.total >= p.cfg.MinConns || p.total >= p.cfg.MaxConns {
			p.mu.Unlock()
			return
		}
		p.total++
		p.constructing++
		p.mu.Unlock()
		if err := p.constructed(p.connect(p.bgCtx)); err != nil {
			return
		}
	}
}

// ---------------------------------------------------------------- close

// Close closes the pool: Acquire fails with ErrClosedPool from now on,
// waiting callers get that error, idle connections are closed, and Close
// waits until every acquired connection was released (and then closed).
// Use CloseContext to bound the wait.
func (p *Pool) Close() { p.CloseContext(context.Background()) }

// CloseContext closes the pool like Close, but when ctx ends before every
// acquired connection came back, it closes those too (their holders' next
// calls fail with ifx.ErrConnClosed) and returns ctx's error.
func (p *Pool) CloseContext(ctx context.Context) error {
	p.closeOnce.Do(func() {
		p.mu.Lock()
		p.closed = true
		p.isClosed.Store(true)
		waiters := p.waiters
		p.waiters = nil
		idle := p.idle
		p.idle = nil
		for _, res := range idle {
			p.destroyLocked(res, destroyPoolClosed)
		}
		p.checkDrainedLocked()
		p.mu.Unlock()
		p.bgCancel()
		for _, w := range waiters {
			w.ch <- grant{err: ErrClosedPool}
		}
		for _, res := range idle {
			p.closeConn(res, ctx)
		}
	})
	var err error
	select {
	case <-p.drained:
	case <-ctx.Done():
		err = ctx.Err()
		p.mu.Lock()
		var out []*connRes
		for res := range p.all {
			if res.state == stateAcquired {
				p.acquired--
				p.destroyLocked(res, destroyPoolClosed)
				out = append(out, res)
			}
		}
		p.checkDrainedLocked()
		p.mu.Unlock()
		for _, res := range out {
			p.closeConn(res, ctx)
		}
	}
	p.wg.Wait()
	return err
}
