package ifxconn

import (
	"io"
	"net"
	"syscall"
	"time"
)

// CheckConn reports whether an idle connection is still open, without
// sending anything: it peeks at the socket without blocking. A server
// that closed the connection (or sent bytes nobody asked for) makes it
// close the Conn and return an error matching ErrConnClosed; nil means
// the socket looked healthy. Pools call it before handing out an idle
// connection, as package stdlib does in ResetSession. Where the platform
// offers no way to peek (or the connection was not dialled as a socket
// it can reach), it returns an error matching errors.ErrUnsupported and
// leaves the Conn alone.
func (c *Conn) CheckConn() error {
	if err := c.enter(); err != nil {
		return err
	}
	defer c.leave()
	return c.CheckIdle()
}

// CheckIdle is CheckConn for a caller that holds the connection (Lock)
// and knows no reply is arriving.
func (c *Conn) CheckIdle() error {
	if err := c.CheckExhausted(); err != nil {
		return err
	}
	if err := c.checkNoStray("check"); err != nil {
		return err
	}
	p, err := c.socketPeek()
	if err != nil {
		return err
	}
	// A deadline left from the last exchange would fail the peek.
	c.nc.SetReadDeadline(time.Time{})
	if err = p.peek(); err == nil {
		return nil
	}
	c.closeNow()
	if err == errUnsolicited {
		return &ProtocolError{Op: "check", Err: err}
	}
	return c.lostErr("check", err)
}

// syscallConn returns the socket under the connection, if it can be
// reached.
func (c *Conn) syscallConn() syscall.Conn {
	if c.tcp != nil {
		return c.tcp
	}
	nc := c.nc
	if u, ok := nc.(interface{ NetConn() net.Conn }); ok { // *tls.Conn
		nc = u.NetConn()
	}
	if sc, ok := nc.(syscall.Conn); ok {
		return sc
	}
	return nil
}

// peekResult turns the outcome of a non-blocking one-byte peek into
// CheckConn's verdict.
func peekResult(n int, err error) error {
	switch {
	case n > 0:
		return errUnsolicited
	case err == nil:
		return io.EOF // orderly shutdown by the server
	}
	return err
}

// SafeToRetry reports whether err was returned before any byte of the
// failed request was written, so that running the request again, on
// another connection, cannot run it twice. That is the case when the Conn
// was already closed (by Close, or by an earlier failure) when the call
// began: the call returns ErrConnClosed itself. An error that closed the
// connection during the call also matches ErrConnClosed with errors.Is,
// but is a different value and is never safe: the server may have run
// the statement. package stdlib returns driver.ErrBadConn, which makes
// database/sql retry, only when SafeToRetry holds.
func SafeToRetry(err error) bool {
	return err == ErrConnClosed
}
