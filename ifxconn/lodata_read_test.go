package ifxconn

import (
	"bytes"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// tcpLOConn returns a Conn over a TCP socket whose server writes the
// answer in pieces of at most piece bytes (0: whole), pausing between
// them so that reads end inside chunks and inside chunk lengths.
func tcpLOConn(t *testing.T, answer []byte, piece int) *Conn {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	done := make(chan struct{})
	t.Cleanup(func() { <-done })
	go func() {
		defer close(done)
		s, err := ln.Accept()
		if err != nil {
			return
		}
		defer s.Close()
		s.SetDeadline(time.Now().Add(5 * time.Second))
		// The request first: the answer follows it.
		buf := make([]byte, 64)
		if _, err := s.Read(buf); err != nil {
			return
		}
		for i, rest := 0, answer; len(rest) > 0; i++ {
			k := len(rest)
			if piece > 0 && i < 200 {
				k = min(k, piece)
			}
			if _, err := s.Write(rest[:k]); err != nil {
				return
			}
			rest = rest[k:]
			if piece > 0 {
				time.Sleep(time.Millisecond)
			}
		}
		s.Read(buf) // until the client closes
	}()
	nc, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	nc.SetDeadline(time.Now().Add(5 * time.Second))
	ref, _ := fuzzWireConn(t, nil)
	c, err := Construct(&HijackedConn{Conn: nc, Config: ref.cfg, Features: ref.feat, Database: ref.db, Server: ref.server})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.closeNow)
	return c
}

// TestLOReadVectoredPlacesEveryLayout: over TCP, LORead reads the chunks
// in readv calls that expect chunks of the asked size; chunks of that
// size, of other sizes (odd, tiny, empty) and answers cut into small
// pieces all land whole and in order in p, and the answer is read to its
// end.
func TestLOReadVectoredPlacesEveryLayout(t *testing.T) {
	pattern := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*31 + i>>8)
		}
		return b
	}
	for name, sizes := range map[string][]int{
		"asked size":      {loChunk, loChunk, loChunk, 1001},
		"odd and small":   {7, loChunk, 1, 15, loChunk, 2, 999},
		"empty in middle": {loChunk, 0, loChunk, 5},
		"larger chunks":   {sqli.LOChunk, sqli.LOChunk, 3},
	} {
		for _, piece := range []int{0, 4093, 3} {
			if piece == 3 && name != "odd and small" {
				continue
			}
			t.Run(name, func(t *testing.T) {
				total := 0
				for _, s := range sizes {
					total += s
				}
				want := pattern(total)
				var chunks [][]byte
				for _, s := range sizes {
					chunks = append(chunks, want[:s])
					want = want[s:]
				}
				want = pattern(total)
				c := tcpLOConn(t, loScript(int32(total), chunks...), piece)
				p := make([]byte, total+100)
				n, err := c.LORead(1, p, -1)
				if err != nil || !bytes.Equal(p[:n], want) {
					t.Fatalf("LORead = %d of %d bytes, %v; equal %v", n, total, err, bytes.Equal(p[:n], want))
				}
				if c.IsClosed() || c.rd.Buffered() != 0 {
					t.Fatalf("after the answer: closed %v, %d bytes buffered", c.IsClosed(), c.rd.Buffered())
				}
			})
		}
	}
}

// TestLOReadVectoredRefusesHostileLength: a chunk length beyond the
// bytes still expected, arriving where readv expected the next chunk's
// length, is a ProtocolError that closes the connection.
func TestLOReadVectoredRefusesHostileLength(t *testing.T) {
	first := bytes.Repeat([]byte{'a'}, loChunk)
	answer := sqli.AppendLODataReply(nil, sqli.LODataReply{Op: sqli.LORead, Length: 2 * loChunk})
	answer = sqli.AppendLOChunk(answer, first)
	answer = append(answer, 0x7f, 0xff)
	answer = append(answer, make([]byte, 2*loChunk)...)
	c := tcpLOConn(t, answer, 0)
	_, err := c.LORead(1, make([]byte, 2*loChunk), -1)
	var pe *ProtocolError
	if !errors.As(err, &pe) || !c.IsClosed() {
		t.Fatalf("LORead = %T %v (closed %v), want a ProtocolError closing the connection", err, err, c.IsClosed())
	}
}
