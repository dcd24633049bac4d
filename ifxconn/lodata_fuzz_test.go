package ifxconn

import (
	"errors"
	"testing"
)

// FuzzLORead feeds arbitrary bytes as the server's answer to an LO_READ
// of 64 bytes: LORead never reports more than it asked for, fails with a
// ProtocolError, an SQL error or a lost connection, and closes the
// connection whenever the stream cannot be trusted. Seeds:
// testdata/fuzz/FuzzLORead/.
func FuzzLORead(f *testing.F) {
	f.Add(loScript(8, []byte("hel"), []byte("lo, w")))
	f.Add(loScript(0, nil))
	f.Add(loScript(3, []byte("ab"), nil, []byte("c")))
	f.Add([]byte{0x00, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x7f, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, _ := fuzzWireConn(t, b)
		p := make([]byte, 64)
		n, err := c.LORead(1, p[:64:64], -1)
		if n < 0 || n > 64 {
			t.Fatalf("LORead = %d bytes for 64 asked", n)
		}
		if err == nil {
			return
		}
		var pe *ProtocolError
		var se *Error
		var lost *connLostError
		if !errors.As(err, &pe) && !errors.As(err, &se) && !errors.As(err, &lost) {
			t.Fatalf("LORead error %T %v", err, err)
		}
		if se == nil && !c.IsClosed() {
			t.Fatalf("LORead failed with %v and left the connection open", err)
		}
	})
}
