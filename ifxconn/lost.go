package ifxconn

import "errors"

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

// LostInFlight reports whether err is the error of a call during which
// the server or the network ended the connection (the case Lost
// records): the request may have been sent and run, or not. It is false
// for ErrConnClosed itself (the call sent nothing: SafeToRetry), a
// cancellation and a protocol error. ifx.RetryableOnAnotherConn retries
// such a statement only when the caller marked it idempotent.
func LostInFlight(err error) bool {
	var cl *connLostError
	return errors.As(err, &cl)
}
