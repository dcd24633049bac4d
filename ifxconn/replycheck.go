package ifxconn

import (
	"errors"
	"fmt"
	"net"

	"github.com/ifxgo/ifx/sqli"
)

// The SQLI stream has no framing and no request ids: a reply is known to
// answer a request only by its place in the stream. A surplus message
// (one SQ_EOT too many, a reply group twice) would make every later
// request read its predecessor's reply, so each of the checks here
// closes the connection with a ProtocolError as soon as the stream is
// seen to be out of step, rather than report a stale result.

// errUnsolicited: bytes arrived that no request asked for.
var errUnsolicited = errors.New("the server sent data nobody asked for")

// checkNoStray fails when bytes of a reply are still buffered as a new
// request is about to start (or an idle connection is checked): every
// reply read so far ended at its SQ_EOT, so such bytes belong to no
// request. It closes the connection.
func (c *Conn) checkNoStray(op string) error {
	if c.rd.Buffered() == 0 {
		return nil
	}
	c.closeNow()
	return &ProtocolError{Op: op, Err: fmt.Errorf("%w (%d bytes before the request)", errUnsolicited, c.rd.Buffered())}
}

// checkQuiet is checkNoStray and, where the platform allows a socket
// peek, the same check on bytes that arrived but were not read yet. It
// runs where a stray SQ_EOT would pass for a complete reply: before a
// COMMIT or ROLLBACK (answered by a bare SQ_EOT), and after a fetch
// reply with neither row nor end marker. It returns nil when it cannot
// tell; a broken socket is left for the next request to report.
func (c *Conn) checkQuiet(op string) error {
	if err := c.checkNoStray(op); err != nil {
		return err
	}
	if _, plain := c.nc.(*net.TCPConn); !plain {
		// A TLS stream may carry records of its own (session tickets).
		return nil
	}
	p, err := c.socketPeek()
	if err != nil {
		return nil
	}
	if p.peek() == errUnsolicited {
		c.closeNow()
		return &ProtocolError{Op: op, Err: fmt.Errorf("%w (before the request)", errUnsolicited)}
	}
	return nil
}

// socketPeek returns the connection's peeker, made on first use.
func (c *Conn) socketPeek() (*socketPeek, error) {
	if c.peek != nil {
		return c.peek, nil
	}
	sc := c.syscallConn()
	if sc == nil {
		return nil, fmt.Errorf("ifx: CheckConn: the connection has no socket to peek at: %w", ErrUnsupported)
	}
	p, err := newSocketPeek(sc)
	if err != nil {
		return nil, err
	}
	c.peek = p
	return p, nil
}

const errTupleAfterEnd = "SQ_TUPLE after the end of the rows"

// replyShapeError closes the connection and reports a reply that does
// not fit its request.
func (c *Conn) replyShapeError(op, what string) error {
	c.closeNow()
	return &ProtocolError{Op: op, Err: errors.New(what)}
}

// checkDone vets an SQ_DONE: a row count is never negative.
func (c *Conn) checkDone(op string, m *sqli.Done) error {
	if m.Rows < 0 {
		return c.replyShapeError(op, fmt.Sprintf("SQ_DONE with a negative row count (%d)", m.Rows))
	}
	return nil
}

// adoptStatement records a statement id the server handed out for a
// PREPARE. The server allocates the lowest free id and reuses one only
// after SQ_RELEASE, so an id that is still live here (in the statement
// cache, a Stmt, an open cursor) means the reply belongs to some other
// request, or the server is broken: running it would run the other
// statement.
func (c *Conn) adoptStatement(op string, id int16) error {
	if _, dup := c.liveStmts[id]; dup {
		return c.replyShapeError(op, fmt.Sprintf("the server handed out statement id %d, which is still in use", id))
	}
	if c.liveStmts == nil {
		c.liveStmts = make(map[int16]struct{})
	}
	c.liveStmts[id] = struct{}{}
	return nil
}

// releasing forgets a statement id whose SQ_RELEASE is on its way: the
// server may hand it out again.
func (c *Conn) releasing(id int16) { delete(c.liveStmts, id) }

// appendRelease appends ID RELEASE for statement id (no SQ_EOT).
func (c *Conn) appendRelease(buf []byte, id int16) []byte {
	c.releasing(id)
	buf = (&sqli.ID{StatementID: id}).Encode(buf, c.feat)
	return sqli.Release{}.Encode(buf, c.feat)
}
