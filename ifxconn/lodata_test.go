package ifxconn

import (
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
	var script []byte
	script = append(script, loScript(8, []byte("hel"), []byte("lo, w"))...)
	script = append(script, loScript(0, nil)...)
	script = append(script, sqli.EOT{}.Encode(sqli.AppendLODataReply(nil, sqli.LODataReply{Op: sqli.LOWrite, Length: 4}), sqli.Features{})...)
	script = append(script, sqli.EOT{}.Encode(sqli.AppendLODataReply(nil, sqli.LODataReply{Op: sqli.LORead, Length: -1}), sqli.Features{})...)
	c, _ := fuzzWireConn(t, script)
	p := make([]byte, 100)
	if n, err := c.LORead(1, p, -1); err != nil || string(p[:n]) != "hello, w" {
		t.Fatalf("LORead = %q, %v", p[:n], err)
	}
	if n, err := c.LORead(1, p, 8); err != nil || n != 0 {
		t.Fatalf("LORead at the end = %d, %v", n, err)
	}
	if n, err := c.LOWrite(1, []byte("abcd")); err != nil || n != 4 {
		t.Fatalf("LOWrite = %d, %v", n, err)
	}
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
