package benchclient

import (
	"hash/crc32"
	"io"
	"os"
	"strconv"
	"strings"
)

// The lob workload's payload (bench/README.md): LOBSize bytes that repeat
// a pseudo-random pattern of LOBPeriod bytes. The period is prime, so a
// chunk lost, repeated or shifted anywhere changes the CRC-32 each client
// checks the bytes it read back against. The JDBC and Python clients build
// the same bytes: keep the generator in sync.
const (
	LOBSize   = 64 << 20
	LOBPeriod = 65521
)

// LOBPattern returns the period: x = x*1103515245 + 12345 (mod 2^32) from
// x = 1, each byte bits 16..23 of the next x.
func LOBPattern() []byte {
	b := make([]byte, LOBPeriod)
	x := uint32(1)
	for i := range b {
		x = x*1103515245 + 12345
		b[i] = byte(x >> 16)
	}
	return b
}

// LOBReader streams the payload without holding it: the client's memory
// then shows what the driver keeps. It has no WriteTo, so io.Copy hands
// it to the destination's ReadFrom, as it would a file or a socket.
type LOBReader struct {
	pat  []byte
	off  int   // position in pat
	left int64 // bytes still to give
}

// NewLOBReader returns a reader of the LOBSize payload over pat
// (LOBPattern).
func NewLOBReader(pat []byte) *LOBReader { return &LOBReader{pat: pat, left: LOBSize} }

// Read copies the next bytes of the payload.
func (r *LOBReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.left {
		p = p[:r.left]
	}
	n := 0
	for n < len(p) {
		k := copy(p[n:], r.pat[r.off:])
		n += k
		r.off = (r.off + k) % len(r.pat)
	}
	r.left -= int64(n)
	return n, nil
}

// LOBChecksum is the CRC-32 (IEEE) of the payload, computed by streaming
// it once before the timing.
func LOBChecksum(pat []byte) uint32 {
	h := crc32.NewIEEE()
	io.Copy(h, NewLOBReader(pat))
	return h.Sum32()
}

// PeakRSSKiB is this process's peak resident set (VmHWM of
// /proc/self/status) in KiB, or -1 when it cannot be read. It is the
// process's peak so far, earlier workloads included.
func PeakRSSKiB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}
