package ifxconn

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// SQ_LODATA exchanges (docs/PROTOCOL.md, "Smart large objects"): the
// bytes of a smart large object, read and written through a descriptor
// that ifx_lo_open or ifx_lo_create (CallRoutine) gave. They are part of
// an exchange (see Conn), as any round trip. ifx.LargeObject is the API
// over them.

// loChunk is the chunk size asked for and sent (JDBC's 32000).
const loChunk = 32000

// peekTag returns the tag of the next message without consuming it.
func (c *Conn) peekTag(op string) (sqli.Tag, error) {
	var tag sqli.Tag
	err := c.rd.Decode(func(b []byte) (int, error) {
		if len(b) < 2 {
			return 0, sqli.ErrShortMessage
		}
		tag = sqli.Tag(int16(binary.BigEndian.Uint16(b)))
		return 0, nil
	})
	if err != nil {
		return 0, c.loWireErr(op, err)
	}
	return tag, nil
}

// loWireErr closes the connection after a failed read: the stream has
// no framing to resynchronise on.
func (c *Conn) loWireErr(op string, err error) error {
	c.closeNow()
	var pe *sqli.ProtocolError
	if errors.As(err, &pe) || errors.Is(err, sqli.ErrMessageTooLarge) {
		return &ProtocolError{Op: op, Err: err}
	}
	return &connLostError{op: op, err: err}
}

// loFD checks that a descriptor fits SQ_LODATA's i16.
func loFD(fd int32) (int16, error) {
	if fd != int32(int16(fd)) {
		return 0, fmt.Errorf("ifx: large object descriptor %d does not fit SQ_LODATA", fd)
	}
	return int16(fd), nil
}

// loSend writes the queued cleanup groups and one SQ_LODATA group.
func (c *Conn) loSend(op string, group func([]byte) []byte) error {
	buf, pending := c.appendPending(c.wbuf[:0])
	buf = group(buf)
	c.wbuf = buf[:0]
	if err := c.write(op, buf); err != nil {
		return err
	}
	return c.readPendingReplies(pending)
}

// LORead reads up to len(p) bytes into p through descriptor fd, at off
// when off >= 0 (LO_READWITHSEEK), else at its position; 0 bytes is the
// end of the object. A count beyond len(p) is a ProtocolError, before
// anything is allocated for it.
func (c *Conn) LORead(fd int32, p []byte, off int64) (int, error) {
	const op = "read large object"
	sfd, err := loFD(fd)
	if err != nil {
		return 0, err
	}
	req := sqli.LOData{Op: sqli.LORead, FD: sfd, Length: int32(len(p)), BufSize: loChunk}
	if off >= 0 {
		req.Op, req.Offset = sqli.LOReadWithSeek, off
	}
	if err := c.loSend(op, func(b []byte) []byte {
		return sqli.EOT{}.Encode(req.Encode(b, c.feat), c.feat)
	}); err != nil {
		return 0, err
	}
	count, err := c.loReplyHeader(op, int64(len(p)))
	if err != nil {
		return 0, err
	}
	n := 0
	if count == 0 {
		// The end: one empty chunk.
		if err := c.rd.Decode(func(b []byte) (int, error) {
			_, _, used, err := sqli.DecodeLOChunk(b, 0)
			return used, err
		}); err != nil {
			return 0, c.loWireErr(op, err)
		}
	}
	// rem: the bytes of the current chunk still to read, after its
	// length; needPad: a pad byte follows them.
	rc := c.loVecReader()
	rem, needPad := 0, false
	for int64(n) < count {
		if rem == 0 {
			if needPad {
				if err := c.rd.Decode(func(b []byte) (int, error) { return 1, nil }); err != nil {
					return n, c.loWireErr(op, err)
				}
				needPad = false
			}
			if err := c.rd.Decode(func(b []byte) (int, error) {
				k, used, err := sqli.DecodeLOChunkHeader(b, count-int64(n))
				rem = k
				return used, err
			}); err != nil {
				return n, c.loWireErr(op, err)
			}
			needPad = rem&1 == 1
			continue
		}
		if k := min(rem, c.rd.Buffered()); k > 0 && rc != nil {
			// What the reader holds first; then one readv (loReadVec).
			c.rd.ReadDirect(p[n:n+k], k)
			n, rem = n+k, rem-k
			continue
		}
		if rc != nil {
			var err error
			if n, rem, needPad, err = c.loReadVec(rc, p, n, rem, needPad, count); err != nil {
				return n, err
			}
			continue
		}
		// The data goes straight into p (one copy, by the kernel). The
		// read may run on by the pad and the next chunk's length: they
		// land in p where the next chunk's data goes, and ReadDirect
		// moves them back into the reader's buffer.
		end := n + rem
		spare := 0
		if int64(end) < count {
			spare = min(rem&1+2, len(p)-end)
		}
		if err := c.rd.ReadDirect(p[n:end+spare], rem); err != nil {
			return n, c.loWireErr(op, err)
		}
		n, rem = end, 0
	}
	if needPad {
		if err := c.rd.Decode(func(b []byte) (int, error) { return 1, nil }); err != nil {
			return n, c.loWireErr(op, err)
		}
	}
	return n, c.loReplyEnd(op)
}

// LOWrite writes p through descriptor fd in one LO_WRITE, and returns
// the count the server wrote.
func (c *Conn) LOWrite(fd int32, p []byte) (int, error) {
	const op = "write large object"
	sfd, err := loFD(fd)
	if err != nil {
		return 0, err
	}
	req := sqli.LOData{Op: sqli.LOWrite, FD: sfd, Length: int32(len(p)), BufSize: loChunk}
	if err := c.loSendWrite(op, &req, p); err != nil {
		return 0, err
	}
	count, err := c.loReplyHeader(op, int64(len(p)))
	if err != nil {
		return 0, err
	}
	return int(count), c.loReplyEnd(op)
}

// loReplyHeader reads the SQ_LODATA answer's count, at most limit; an
// SQL error instead (SQ_ERR … SQ_EOT) is returned as *Error.
func (c *Conn) loReplyHeader(op string, limit int64) (int64, error) {
	tag, err := c.peekTag(op)
	if err != nil {
		return 0, err
	}
	if tag != sqli.TagLOData {
		return 0, c.loReplyEnd(op)
	}
	var hdr sqli.LODataReply
	if err := c.rd.Decode(func(b []byte) (int, error) {
		if len(b) < 2 {
			return 0, sqli.ErrShortMessage
		}
		h, n, err := sqli.DecodeLODataReply(b[2:])
		hdr = h
		return 2 + n, err
	}); err != nil {
		return 0, c.loWireErr(op, err)
	}
	if hdr.Length < 0 {
		if err := c.loReplyEnd(op); err != nil {
			return 0, err
		}
		return 0, newServerError(-9810, 0, 0, "")
	}
	if int64(hdr.Length) > limit {
		// A server may not send more than was asked: nothing is
		// allocated for it, and the stream cannot be trusted.
		c.closeNow()
		return 0, &ProtocolError{Op: op, Err: fmt.Errorf("SQ_LODATA count %d for %d bytes asked", hdr.Length, limit)}
	}
	return int64(hdr.Length), nil
}

// loReplyEnd reads the rest of an answer up to SQ_EOT and returns its
// SQL error, if any.
func (c *Conn) loReplyEnd(op string) error {
	var first *Error
	for {
		m, err := c.recv(op)
		if err != nil {
			return err
		}
		switch m := m.(type) {
		case sqli.EOT:
			if first != nil {
				return first
			}
			return nil
		case *sqli.Err:
			c.keepFirstErr(&first, m)
		case *sqli.Done, *sqli.Cost, *sqli.XactStat:
		default:
			c.closeNow()
			return &ProtocolError{Op: op, Err: errors.New("unexpected " + m.Tag().String())}
		}
	}
}
