package ifxconn

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// TestLOWriteOverTCPSendsTheCopyingPathsBytes: over a TCP socket LOWrite
// sends the data by writev around the group's own bytes; the server must
// receive exactly what the copying path builds (queued cleanup groups,
// the request, 32000-byte chunks with the last one's pad, SQ_EOT).
func TestLOWriteOverTCPSendsTheCopyingPathsBytes(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	data := make([]byte, 2*loChunk+1001) // three chunks, the last odd
	for i := range data {
		data[i] = byte(i * 7)
	}
	c, _ := fuzzWireConn(t, nil)
	feat := c.feat
	// What the copying path sends: a queued RELEASE, then the group.
	want := sqli.AppendGroup(nil, feat, sqli.Release{})
	pendingLen := len(want)
	want = (&sqli.LOData{Op: sqli.LOWrite, FD: 3, Length: int32(len(data)), BufSize: loChunk}).Encode(want, feat)
	for rest := data; len(rest) > 0; rest = rest[min(len(rest), loChunk):] {
		want = sqli.AppendLOChunk(want, rest[:min(len(rest), loChunk)])
	}
	want = sqli.EOT{}.Encode(want, feat)

	got := make(chan []byte, 1)
	go func() {
		s, err := ln.Accept()
		if err != nil {
			got <- nil
			return
		}
		defer s.Close()
		s.SetDeadline(time.Now().Add(2 * time.Second))
		b := make([]byte, len(want)+1)
		n, _ := io.ReadFull(s, b[:len(want)])
		if n == len(want) {
			// Nothing more may come before the reply.
			s.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
			k, _ := s.Read(b[n:])
			n += k
		}
		got <- b[:n]
		// The RELEASE's reply, then the LO_WRITE's.
		reply := sqli.EOT{}.Encode(nil, feat)
		reply = sqli.EOT{}.Encode(sqli.AppendLODataReply(reply, sqli.LODataReply{Op: sqli.LOWrite, Length: int32(len(data))}), feat)
		s.Write(reply)
	}()
	nc, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c, err = Construct(&HijackedConn{Conn: nc, Config: c.cfg, Features: feat, Database: c.db, Server: c.server})
	if err != nil {
		t.Fatal(err)
	}
	defer c.closeNow()
	nc.SetDeadline(time.Now().Add(2 * time.Second))
	c.pending = want[:pendingLen:pendingLen]
	c.pendingN = 1
	n, err := c.LOWrite(3, data)
	if b := <-got; !bytes.Equal(b, want) {
		t.Fatalf("the server received %d bytes that differ from the copying path's %d", len(b), len(want))
	}
	if err != nil || n != len(data) {
		t.Fatalf("LOWrite = %d, %v", n, err)
	}
}
