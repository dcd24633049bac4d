package ifxconn

import (
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// Result readers: the request groups that read an open cursor's rows and
// the BYTE/TEXT values its tuples describe.

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
