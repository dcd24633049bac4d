package ifxtest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// SQ_LODATA (docs/PROTOCOL.md, "Smart large objects"): reads and writes
// through a descriptor of ifx_lo_open. A read answers SQ_LODATA, the
// operation, the byte count, and the bytes in chunks of the client's
// buffer size; a write's chunks follow the request in the same group.

// maxLOTransfer bounds one SQ_LODATA request (its i32 count): ifxtest
// reads or writes it a chunk at a time, so this is not memory.
const maxLOTransfer = 1 << 30

func (c *conn) handleLOData(m *sqli.LOData) {
	req := *m
	if req.Op == sqli.LOWrite {
		c.loWrite(req)
		return
	}
	if c.failed {
		return
	}
	if req.Length > maxLOTransfer {
		c.fail(loErr())
		return
	}
	ctx := context.Background()
	fd := int32(req.FD)
	if req.Op == sqli.LOReadWithSeek {
		if _, err := c.sess.SeekLargeObject(ctx, fd, req.Offset, int(req.Whence)); err != nil {
			c.fail(err)
			return
		}
	}
	chunk := int(req.BufSize)
	if chunk <= 0 || chunk > sqli.LOChunk {
		chunk = 32000
	}
	// The count comes first, so the first piece is read before anything
	// is sent: an error then is an SQ_ERR, not a broken answer.
	size, err := c.sess.LargeObjectSize(ctx, fd)
	if err != nil {
		c.fail(err)
		return
	}
	pos, err := c.sess.TellLargeObject(fd)
	if err != nil {
		c.fail(err)
		return
	}
	n := int64(req.Length)
	if left := size - pos; n > left {
		n = max(left, 0)
	}
	c.out = sqli.AppendLODataReply(c.out, sqli.LODataReply{Op: req.Op, Length: int32(n)})
	if n == 0 {
		// At the end, one empty chunk: JDBC's stream waits for it.
		c.out = sqli.AppendLOChunk(c.out, nil)
	}
	for n > 0 {
		b, err := c.sess.ReadLargeObject(ctx, fd, int(min(n, int64(chunk))), -1)
		if err != nil || len(b) == 0 {
			// The count is already out: the connection cannot go on.
			c.srv.logf("ifxtest conn %d: SQ_LODATA read: %v", c.id, err)
			c.drop()
			return
		}
		c.out = sqli.AppendLOChunk(c.out, b)
		n -= int64(len(b))
		if len(c.out) >= 1<<20 {
			// Large reads go out as they are read: constant memory.
			if err := c.write(c.out); err != nil {
				return
			}
			c.out = c.out[:0]
		}
	}
}

// loWrite takes the chunks of an LO_WRITE and writes them through the
// descriptor as they come.
func (c *conn) loWrite(req sqli.LOData) {
	ctx := context.Background()
	fd := int32(req.FD)
	want := int64(req.Length)
	var werr error
	written := int64(0)
	c.netConn.SetReadDeadline(time.Now().Add(fileReplyTimeout))
	defer c.netConn.SetReadDeadline(time.Time{})
	for done := false; !done; {
		err := c.rd.Decode(func(b []byte) (int, error) {
			data, eot, n, err := sqli.DecodeLOChunk(b, want)
			if err != nil {
				return 0, err
			}
			if eot {
				done = true
				return 0, nil // the group's SQ_EOT: serveGroup reads it
			}
			if werr == nil && !c.failed {
				_, werr = c.sess.WriteLargeObject(ctx, fd, data, -1)
			}
			want -= int64(len(data))
			written += int64(len(data))
			return n, nil
		})
		if err != nil {
			// The connection is gone, or the data cannot be read: either
			// way the rest of the stream is not this request's, so the
			// session ends here. Only a malformed chunk is the client's
			// fault; a closed or reset connection (a client killed
			// mid-write) is not a protocol violation.
			var pe *sqli.ProtocolError
			if errors.As(err, &pe) {
				c.srv.violation("conn %d: SQ_LODATA write: %v", c.id, err)
			} else {
				c.srv.logf("ifxtest conn %d: SQ_LODATA write: %v", c.id, err)
			}
			c.drop()
			c.lost = fmt.Errorf("ifxtest: SQ_LODATA write: %w", err)
			return
		}
	}
	if c.failed {
		return
	}
	if werr != nil {
		c.fail(werr)
		return
	}
	c.out = sqli.AppendLODataReply(c.out, sqli.LODataReply{Op: req.Op, Length: int32(written)})
}
