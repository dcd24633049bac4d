package ifxconn

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// loScript is a server's SQ_LODATA answer: the header with count, the
// chunks, SQ_EOT.
func loScript(count int32, chunks ...[]byte) []byte {
	b := sqli.AppendLODataReply(nil, sqli.LODataReply{Op: sqli.LORead, Length: count})
	for _, c := range chunks {
		b = sqli.AppendLOChunk(b, c)
	}
	return sqli.EOT{}.Encode(b, sqli.Features{})
}

// TestLOReadAndWrite: LORead copies the answer's chunks into p and reads
// 0 bytes at the end; LOWrite returns the count the server wrote; an
// answer with a negative count is the server's -9810 and keeps the
// connection.
func TestLOReadAndWrite(t *testing.T) {
	// One connection per answer: a scripted connection hands out the
	// bytes of later answers as soon as they are read for, which a server
	// does not send before their request (LORead reads the data straight
	// into p, in reads that need not end where an answer ends).
	p := make([]byte, 100)
	c, _ := fuzzWireConn(t, loScript(8, []byte("hel"), []byte("lo, w")))
	if n, err := c.LORead(1, p, -1); err != nil || string(p[:n]) != "hello, w" {
		t.Fatalf("LORead = %q, %v", p[:n], err)
	}
	c, _ = fuzzWireConn(t, loScript(0, nil))
	if n, err := c.LORead(1, p, 8); err != nil || n != 0 {
		t.Fatalf("LORead at the end = %d, %v", n, err)
	}
	c, _ = fuzzWireConn(t, sqli.EOT{}.Encode(sqli.AppendLODataReply(nil, sqli.LODataReply{Op: sqli.LOWrite, Length: 4}), sqli.Features{}))
	if n, err := c.LOWrite(1, []byte("abcd")); err != nil || n != 4 {
		t.Fatalf("LOWrite = %d, %v", n, err)
	}
	c, _ = fuzzWireConn(t, sqli.EOT{}.Encode(sqli.AppendLODataReply(nil, sqli.LODataReply{Op: sqli.LORead, Length: -1}), sqli.Features{}))
	_, err := c.LORead(1, p, -1)
	var se *Error
	if !errors.As(err, &se) || se.SQLCode != -9810 || c.IsClosed() {
		t.Fatalf("LORead of a failed answer = %v (closed %v), want -9810 on an open connection", err, c.IsClosed())
	}
	if _, err := c.LORead(1<<16, p, -1); err == nil || c.IsClosed() {
		t.Fatalf("LORead of descriptor 65536 = %v (closed %v), want a refusal before sending", err, c.IsClosed())
	}
}

// TestLOReadRefusesHostileLengths: a count beyond the request, a chunk
// beyond the count or a negative chunk is a ProtocolError that closes
// the connection, before anything is allocated for the claim.
func TestLOReadRefusesHostileLengths(t *testing.T) {
	filler := make([]byte, 1<<20)
	for name, answer := range map[string][]byte{
		"count beyond the request": {0x00, 0x61, 0x00, 0x00, 0x7f, 0xff, 0xff, 0xff},
		"chunk beyond the count":   {0x00, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x7f, 0xff},
		"negative chunk":           {0x00, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0xff, 0xf0},
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := fuzzWireConn(t, append(append([]byte{}, answer...), filler...))
			n, err := c.LORead(1, make([]byte, 100), -1)
			var pe *ProtocolError
			if !errors.As(err, &pe) || n != 0 || !c.IsClosed() {
				t.Fatalf("LORead = %d, %T %v (closed %v), want a ProtocolError closing the connection", n, err, err, c.IsClosed())
			}
		})
	}
}

// TestLOReadChunksStraightIntoP: chunks of odd and even sizes, read a
// few bytes at a time, land whole and in order in p, and the answer's end
// is read to its SQ_EOT (the next call finds no stray byte).
func TestLOReadChunksStraightIntoP(t *testing.T) {
	var want []byte
	var chunks [][]byte
	for i, size := range []int{7, 32000, 1, 15, 32000, 2} {
		c := bytes.Repeat([]byte{byte('a' + i)}, size)
		c[0] = byte(i)
		chunks = append(chunks, c)
		want = append(want, c...)
	}
	script := loScript(int32(len(want)), chunks...)
	c, _ := fuzzWireConn(t, script)
	p := make([]byte, len(want)+10)
	n, err := c.LORead(1, p, -1)
	if err != nil || !bytes.Equal(p[:n], want) {
		t.Fatalf("LORead = %d bytes, %v; equal %v", n, err, bytes.Equal(p[:n], want))
	}
	if c.IsClosed() || c.rd.Buffered() != 0 {
		t.Fatalf("after the answer: closed %v, %d bytes buffered", c.IsClosed(), c.rd.Buffered())
	}
}
