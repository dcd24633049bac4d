package benchclient

import (
	"hash/crc32"
	"testing"
)

// TestLOBPayload: the payload's CRC-32 is the one the JDBC and Python
// clients computed from their own generators in the same run (the three
// must move the same bytes), and reading it in pieces that straddle the
// period gives the same bytes.
func TestLOBPayload(t *testing.T) {
	pat := LOBPattern()
	const want = 0xa5b22e9a // printed by bench/jdbc and bench/python as extra.crc32
	if got := LOBChecksum(pat); got != want {
		t.Fatalf("CRC-32 %08x, want %08x", got, want)
	}
	r := NewLOBReader(pat)
	h := crc32.NewIEEE()
	buf := make([]byte, 99991) // prime, not a divisor of the period
	var n int64
	for {
		k, err := r.Read(buf)
		h.Write(buf[:k])
		n += int64(k)
		if err != nil {
			break
		}
	}
	if n != LOBSize || h.Sum32() != want {
		t.Fatalf("%d bytes, CRC-32 %08x", n, h.Sum32())
	}
}
