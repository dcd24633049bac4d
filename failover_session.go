package ifx

import (
	"context"
	"errors"
)

// ErrTxLost is matched (errors.Is) by the error of any call that finds
// the connection gone while a transaction is open on it: the server has
// rolled the transaction back, or — for a COMMIT whose answer never came
// — may have committed it; either way the transaction cannot go on, and
// nothing of it is retried. The error also matches ErrConnClosed.
var ErrTxLost = errors.New("ifx: transaction lost with its connection")

// txLostError is a lost connection inside a transaction.
type txLostError struct{ err error }

func (e *txLostError) Error() string {
	return "ifx: transaction lost with its connection (the server rolls it back; a COMMIT without an answer may have committed): " + e.err.Error()
}

func (e *txLostError) Unwrap() []error { return []error{ErrTxLost, e.err} }

// txLost turns the error of a call on a connection that is gone while a
// transaction is open into one that matches ErrTxLost. Such an error is
// never SafeToRetry: a retry elsewhere would run outside the transaction.
func (c *Conn) txLost(err error) error {
	if err == nil || !c.closed.Load() || !(c.txOpen() || c.sqlTx) {
		return err
	}
	var tl *txLostError
	if errors.As(err, &tl) {
		return err
	}
	return &txLostError{err: err}
}

// lostErr records that the server or the network ended the connection
// (the pools then drop the other connections to the same server) and
// returns the error for op.
func (c *Conn) lostErr(op string, err error) error {
	c.lost.Store(true)
	return &connLostError{op: op, err: err}
}

// Lost reports whether the connection was closed because the server or
// the network went away (a reset, an end of stream, a failed write, the
// server's SQ_EXIT), rather than by Close, a cancellation or a protocol
// error. A pool takes it as a sign that the server failed.
func (c *Conn) Lost() bool { return c.lost.Load() }

type idempotentKey struct{}

// Idempotent returns a context that marks the statements run with it as
// safe to run twice. A pool (ifxpool, and database/sql through package
// stdlib) retries such a statement on another connection — another host
// after a failover — when the connection is lost before the answer came,
// outside a transaction. Without the mark only a statement that was
// never sent is retried (SafeToRetry). Inside a transaction nothing is
// retried: the call fails with ErrTxLost.
func Idempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

// IsIdempotent reports whether ctx was marked by Idempotent.
func IsIdempotent(ctx context.Context) bool {
	v, _ := ctx.Value(idempotentKey{}).(bool)
	return v
}

// RetryableOnAnotherConn reports whether a statement that failed with err
// outside a transaction may run again on another connection: it was
// never sent (SafeToRetry), or ctx marks it Idempotent and the
// connection was lost. The pools use it.
func RetryableOnAnotherConn(ctx context.Context, err error) bool {
	if err == nil || errors.Is(err, ErrTxLost) {
		return false
	}
	if SafeToRetry(err) {
		return true
	}
	if !IsIdempotent(ctx) || ctx.Err() != nil {
		return false
	}
	var cl *connLostError
	return errors.As(err, &cl)
}
