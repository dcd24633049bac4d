package ifxconn

import (
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// Result readers: the request groups that read an open cursor's rows and
// the BYTE/TEXT values its tuples describe, and the replies to pipelined
// executions.

// SendFetch sends ID NFETCH for the next batch of statement stmtID's open
// cursor (Config.FetchBufferSize bytes of rows), after the queued cleanup
// groups, and reads the cleanup replies: the fetch reply follows, read
// with BufferedTuple and Recv up to its SQ_EOT. It does not allocate.
func (c *Conn) SendFetch(stmtID int16) error {
	buf, n := c.appendPending(c.wbuf[:0])
	// Encoded message by message: AppendGroup's variadic interfaces would
	// allocate once per batch.
	id := sqli.ID{StatementID: stmtID}
	nf := sqli.NFetch{BufSize: int32(c.cfg.FetchBufferSize)}
	buf = id.Encode(buf, c.feat)
	buf = nf.Encode(buf, c.feat)
	buf = sqli.EOT{}.Encode(buf, c.feat)
	c.wbuf = buf[:0]
	if err := c.write("fetch", buf); err != nil {
		return err
	}
	return c.readPendingReplies(n)
}

// AppendFetchBlob appends the request group ID FETCHBLOB EOT that fetches
// the BYTE or TEXT value desc describes (the descriptor's bytes from a
// tuple of statement stmtID's cursor, which must be open). Its reply is
// read with ReadBlob.
func (c *Conn) AppendFetchBlob(buf []byte, stmtID int16, desc []byte) []byte {
	buf = (&sqli.ID{StatementID: stmtID}).Encode(buf, c.feat)
	buf = (&sqli.FetchBlob{Descriptor: desc}).Encode(buf, c.feat)
	return sqli.EOT{}.Encode(buf, c.feat)
}

// ReadBlob reads the reply to one SQ_FETCHBLOB, appending the value to
// dst. A value beyond Config.MaxMessageSize is refused: a server cannot
// make the client hold more than that per value.
func (c *Conn) ReadBlob(dst []byte) ([]byte, error) {
	start := len(dst)
	var sqlErr *Error
	ended := false
	for {
		m, err := c.recv("fetch blob")
		if err != nil {
			return dst, err
		}
		switch m := m.(type) {
		case *sqli.Blob:
			if len(m.Data) == 0 {
				ended = true
				continue
			}
			if ended {
				c.closeNow()
				return dst, &ProtocolError{Op: "fetch blob", Err: errors.New("SQ_BLOB after the end of the value")}
			}
			if len(dst)-start+len(m.Data) > c.cfg.MaxMessageSize {
				c.closeNow()
				return dst, &ProtocolError{Op: "fetch blob", Err: fmt.Errorf("a BYTE/TEXT value beyond %d bytes (Config.MaxMessageSize)", c.cfg.MaxMessageSize)}
			}
			dst = append(dst, m.Data...)
		case *sqli.Err:
			c.keepFirstErr(&sqlErr, m)
		case *sqli.Done, *sqli.Cost, *sqli.XactStat:
		case sqli.EOT:
			if sqlErr != nil {
				return dst, sqlErr
			}
			return dst, nil
		default:
			c.closeNow()
			return dst, &ProtocolError{Op: "fetch blob", Err: errors.New("unexpected " + m.Tag().String())}
		}
	}
}

// ReadExecReplies reads the reply to a request group of n executions
// (ID [BIND] EXECUTE, repeated, as ExecBatch pipelines them): one SQ_DONE
// per execution (an SQ_INSERTDONE before it for SERIAL8 and BIGSERIAL
// values), each handed to done with its index k (0…n-1), or an SQ_ERR
// where the server stopped. ran counts the executions that completed;
// sqlErr is the statement error that stopped the group (the connection
// stays usable); err means the connection is gone. op names the request
// in errors.
func (c *Conn) ReadExecReplies(op string, n int, done func(k int, r *Reply)) (ran int, sqlErr *Error, err error) {
	var r Reply
	for {
		m, err := c.recv(op)
		if err != nil {
			return ran, nil, err
		}
		switch m := m.(type) {
		case sqli.EOT:
			switch {
			case sqlErr != nil:
				return ran, sqlErr, nil
			case ran != n:
				// Every EXECUTE gets an SQ_DONE, or the group stops at an
				// SQ_ERR: this reply is not the group's.
				return ran, nil, c.replyShapeError(op, fmt.Sprintf("the server answered %d of %d executions of a request group without an error", ran, n))
			}
			return ran, nil, nil
		case *sqli.Done:
			if err := c.checkDone(op, m); err != nil {
				return ran, nil, err
			}
			if ran >= n {
				c.closeNow()
				return ran, nil, &ProtocolError{Op: op, Err: fmt.Errorf("more SQ_DONE than the %d executions sent", n)}
			}
			r.Done, r.DoneMsg = true, *m
			done(ran, &r)
			r = Reply{}
			ran++
		case *sqli.InsertDone:
			r.InsertDone, r.Insert = true, *m
		case *sqli.Err:
			c.keepFirstErr(&sqlErr, m)
		case *sqli.Cost, *sqli.XactStat:
		default:
			c.closeNow()
			return ran, nil, &ProtocolError{Op: op, Err: errors.New("unexpected " + m.Tag().String())}
		}
	}
}
