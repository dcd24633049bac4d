package ifxpool

import (
	"context"
	"errors"
	"time"

	"github.com/ifxgo/ifx"
)

// DefaultRetryTimeout is Config.RetryTimeout's default.
const DefaultRetryTimeout = 5 * time.Second

// The pool's part in a failover (README "Clusters and failover"):
//
//   - A connection found lost (ifx.Conn.Lost: the server or the network
//     went away, not a Close) marks its server failed: every idle
//     connection to that address as old as the lost one's last good use
//     is dropped at once, and every such one in use is dropped when
//     released, instead of each failing one caller.
//     New connections go through the DSN's host list and
//     target_session_attrs, so they come from the new primary.
//   - Pool.Exec, Query, QueryRow and Ping run a statement again on another
//     connection when ifx.RetryableOnAnotherConn says it may (never sent,
//     or marked ifx.Idempotent and lost in flight), until it succeeds,
//     RetryTimeout passes or ctx ends. While no server of a cluster (a
//     ConnConfig with several hosts) accepts connections, acquiring is
//     retried too. Nothing run in a Tx is retried: it fails with
//     ifx.ErrTxLost.

// hostFailedLocked records that res's server failed after before, when
// res was last known to work (its last release, for one found dead in
// the idle list; now, for one that broke in use): every connection to
// that address made before then is presumed dead too. The idle ones are taken out of
// the pool now, the caller closing them after unlocking; the ones in use
// are dropped on release (staleLocked). Connections made later (to a
// server that came back, or after a cut that spared the server) stay.
func (p *Pool) hostFailedLocked(res *connRes, before time.Time) []*connRes {
	if res.host == "" {
		return nil
	}
	if p.hostFail == nil {
		p.hostFail = map[string]time.Time{}
	}
	if !before.After(p.hostFail[res.host]) {
		return nil
	}
	p.hostFail[res.host] = before
	var gone []*connRes
	keep := p.idle[:0]
	for _, r := range p.idle {
		if r.host == res.host && r.createdAt.Before(before) {
			p.destroyLocked(r, destroyHealthCheck)
			gone = append(gone, r)
			continue
		}
		keep = append(keep, r)
	}
	clear(p.idle[len(keep):])
	p.idle = keep
	return gone
}

// stampLocked records the server of a new connection.
func (p *Pool) stampLocked(res *connRes) {
	res.host = res.conn.ServerInfo().Address
}

// staleLocked reports a connection made before its server was last
// found failed.
func (p *Pool) staleLocked(res *connRes) bool {
	return res.createdAt.Before(p.hostFail[res.host])
}

// noteLost is called, without the lock, for a connection found closed: if
// its server went away, the older connections to it go too.
func (p *Pool) noteLost(res *connRes) {
	if !res.conn.Lost() {
		return
	}
	p.mu.Lock()
	gone := p.hostFailedLocked(res, res.idleSince)
	p.mu.Unlock()
	p.closeGone(gone)
}

// closeGone closes connections taken out of the pool. They belong to a
// server that failed: a short deadline keeps a silent one from holding
// the caller up.
func (p *Pool) closeGone(gone []*connRes) {
	if len(gone) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	for _, res := range gone {
		p.closeConn(res, ctx)
	}
}

// retry runs attempt until it succeeds or its error may not be retried:
// attempt reports whether the statement was sent. A statement not sent
// (its connection could not be acquired) is retried while the failure is
// a cluster's server being unreachable; one sent, while
// ifx.RetryableOnAnotherConn holds.
func (p *Pool) retry(ctx context.Context, attempt func() (sent bool, err error)) error {
	sent, err := attempt()
	return p.retryAfter(ctx, sent, err, attempt)
}

// mayRetry reports whether retryAfter would try again after a first
// attempt that failed with err: the shortcuts call it before making the
// closure, so that a call that succeeds allocates nothing for retries.
func (p *Pool) mayRetry(ctx context.Context, sent bool, err error) bool {
	return err != nil && p.cfg.RetryTimeout >= 0 && p.retryable(ctx, sent, err)
}

// retryAfter is retry after a first attempt that returned sent and err.
func (p *Pool) retryAfter(ctx context.Context, sent bool, err error, attempt func() (sent bool, err error)) error {
	if !p.mayRetry(ctx, sent, err) {
		return err
	}
	timeout := p.cfg.RetryTimeout
	if timeout == 0 {
		timeout = DefaultRetryTimeout
	}
	deadline := time.Now().Add(timeout)
	pause := 5 * time.Millisecond
	for {
		if sent {
			// Another connection right away: the failed one is gone.
			sent, err = attempt()
		} else {
			t := time.NewTimer(pause)
			select {
			case <-ctx.Done():
				t.Stop()
				return err
			case <-t.C:
			}
			pause = min(2*pause, 100*time.Millisecond)
			sent, err = attempt()
		}
		if err == nil || !p.retryable(ctx, sent, err) || !time.Now().Before(deadline) {
			return err
		}
	}
}

func (p *Pool) retryable(ctx context.Context, sent bool, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if sent {
		return ifx.RetryableOnAnotherConn(ctx, err)
	}
	if len(p.cfg.ConnConfig.Hosts) < 2 || errors.Is(err, ErrClosedPool) || errors.Is(err, ErrAcquireTimeout) {
		return false
	}
	var wr *ifx.WrongRoleError
	return errors.As(err, &wr) || ifx.IsConnectionLost(err)
}

// scanAgain runs a Pool.QueryRow's query again after it failed with err,
// when it may (see retry).
func (r *Row) scanAgain(sent bool, err error, dest []any) error {
	p, ctx := r.p, r.ctx
	if p.cfg.RetryTimeout < 0 || !p.retryable(ctx, sent, err) {
		return err
	}
	first := true
	return p.retry(ctx, func() (bool, error) {
		if first {
			first = false
			return sent, err
		}
		res, err := p.acquire(ctx)
		if err != nil {
			return false, err
		}
		err = res.conn.QueryRow(ctx, r.sql, r.args...).Scan(dest...)
		p.release(res)
		return true, err
	})
}

// execOnce is one attempt of Pool.Exec.
func (p *Pool) execOnce(ctx context.Context, sql string, args []any) (ifx.CommandTag, bool, error) {
	res, err := p.acquire(ctx)
	if err != nil {
		return ifx.CommandTag{}, false, err
	}
	tag, err := res.conn.Exec(ctx, sql, args...)
	p.release(res)
	return tag, true, err
}

// execAgain retries Pool.Exec after its first attempt failed.
func (p *Pool) execAgain(ctx context.Context, sql string, args []any, sent bool, err error) (ifx.CommandTag, error) {
	var tag ifx.CommandTag
	err = p.retryAfter(ctx, sent, err, func() (bool, error) {
		var sent bool
		var err error
		tag, sent, err = p.execOnce(ctx, sql, args)
		return sent, err
	})
	return tag, err
}

// queryOnce is one attempt of Pool.Query.
func (p *Pool) queryOnce(ctx context.Context, sql string, args []any) (*connRes, *ifx.Rows, bool, error) {
	res, err := p.acquire(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	rows, err := res.conn.Query(ctx, sql, args...)
	if err != nil {
		p.release(res)
		return nil, nil, true, err
	}
	return res, rows, true, nil
}

// queryAgain retries Pool.Query after its first attempt failed.
func (p *Pool) queryAgain(ctx context.Context, sql string, args []any, sent bool, err error) (*connRes, *ifx.Rows, error) {
	var res *connRes
	var rows *ifx.Rows
	err = p.retryAfter(ctx, sent, err, func() (bool, error) {
		var sent bool
		var err error
		res, rows, sent, err = p.queryOnce(ctx, sql, args)
		return sent, err
	})
	return res, rows, err
}

// beginOnce is one attempt of Pool.BeginTx. A BEGIN lost with its
// connection left nothing behind, so it counts as not sent: while a
// cluster fails over it is tried again, as an acquire is.
func (p *Pool) beginOnce(ctx context.Context, opts ifx.TxOptions) (*connRes, *ifx.Tx, bool, error) {
	res, err := p.acquire(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	tx, err := res.conn.BeginTx(ctx, opts)
	if err != nil {
		p.release(res)
		return nil, nil, false, err
	}
	return res, tx, false, nil
}

// beginAgain retries Pool.BeginTx after its first attempt failed.
func (p *Pool) beginAgain(ctx context.Context, opts ifx.TxOptions, err error) (*connRes, *ifx.Tx, error) {
	var res *connRes
	var tx *ifx.Tx
	err = p.retryAfter(ctx, false, err, func() (bool, error) {
		var sent bool
		var err error
		res, tx, sent, err = p.beginOnce(ctx, opts)
		return sent, err
	})
	return res, tx, err
}
