package ifxconn

import (
	"net"
	"sync"

	"github.com/ifxgo/ifx/internal/testhook"
	"github.com/ifxgo/ifx/sqli"
)

// An LO_WRITE's data goes to a TCP socket without being copied into the
// write buffer: the group (queued cleanups, the request, each chunk's
// length and pad, SQ_EOT) is built in the write buffer around the data,
// and one writev sends the pieces in order (net.Buffers). Other streams
// (TLS, which would make a record of each piece, or a DialFunc's own
// connection) take the copying path of loSend.

// loWriteVecs keeps the piece lists between writes (about 70 pieces for
// a 1 MiB write).
var loWriteVecs = sync.Pool{New: func() any { return new(net.Buffers) }}

// loSendWrite sends the queued cleanup groups and the LO_WRITE group of
// req with the data p.
func (c *Conn) loSendWrite(op string, req *sqli.LOData, p []byte) error {
	if _, ok := c.nc.(*net.TCPConn); !ok {
		return c.loSend(op, func(b []byte) []byte {
			b = req.Encode(b, c.feat)
			for rest := p; len(rest) > 0; {
				k := min(len(rest), loChunk)
				b = sqli.AppendLOChunk(b, rest[:k])
				rest = rest[k:]
			}
			return sqli.EOT{}.Encode(b, c.feat)
		})
	}
	if err := c.checkNoStray(op); err != nil {
		return err
	}
	// The bytes around the data, in order: what precedes each chunk's
	// data ends at ends[i]; the last piece (pad, SQ_EOT) ends the buffer.
	buf, pending := c.appendPending(c.wbuf[:0])
	buf = req.Encode(buf, c.feat)
	nChunks := (len(p) + loChunk - 1) / loChunk
	vp := loWriteVecs.Get().(*net.Buffers)
	defer loWriteVecs.Put(vp)
	ends := make([]int, 0, 64)
	prev := 0 // the previous chunk's length, for its pad
	for i := range nChunks {
		k := min(len(p)-i*loChunk, loChunk)
		buf = sqli.AppendPad(buf, prev)
		buf = sqli.AppendInt16(buf, int16(k))
		ends = append(ends, len(buf))
		prev = k
	}
	buf = sqli.AppendPad(buf, prev)
	buf = sqli.EOT{}.Encode(buf, c.feat)
	c.wbuf = buf[:0]
	v := (*vp)[:0]
	start := 0
	for i, end := range ends {
		v = append(v, buf[start:end], p[i*loChunk:min(len(p), (i+1)*loChunk)])
		start = end
	}
	v = append(v, buf[start:])
	*vp = v[:0]
	defer clear(v[:cap(v)]) // the pool keeps no caller's bytes alive
	if _, err := (watchedIO{c}).writeBuffers(&v); err != nil {
		c.closeNow()
		return c.lostErr(op, err)
	}
	return c.readPendingReplies(pending)
}

// writeBuffers is watchedIO.Write for the pieces of v, in one writev.
func (w watchedIO) writeBuffers(v *net.Buffers) (int64, error) {
	c := w.c
	if !c.watching {
		return v.WriteTo(c.nc)
	}
	stop := testhook.WatchContext(c.wCtx, c.interrupt)
	n, err := v.WriteTo(c.nc)
	stop()
	return n, err
}
