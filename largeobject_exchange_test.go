package ifx_test

import (
	"hash/crc32"
	"io"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
)

// settledGroups returns the request groups the server counted on its
// first connection, once the count stops moving: the server counts a
// group after writing its reply, so the client may be ahead of it.
func settledGroups(t *testing.T, srv *ifxtest.Server) int {
	t.Helper()
	last := -1
	for stable := 0; stable < 5; {
		time.Sleep(5 * time.Millisecond)
		g := srv.Stats()[0].RequestGroups
		if g == last {
			stable++
		} else {
			stable, last = 0, g
		}
	}
	return last
}

// onlyReader and onlyWriter hide every method but Read and Write, so
// that io.Copy goes through LargeObject.ReadFrom and WriteTo, as it does
// for a file or a socket.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

type onlyWriter struct{ w io.Writer }

func (o onlyWriter) Write(p []byte) (int, error) { return o.w.Write(p) }

// TestLargeObjectCopyExchangesPerMiB: io.Copy into and out of a
// LargeObject moves 1 MiB per SQ_LODATA exchange (each a round trip and
// a wait for the server), so 4 MiB take 4 exchanges in and 5 out (the
// last answers the end), with the bytes intact.
func TestLargeObjectCopyExchangesPerMiB(t *testing.T) {
	c, srv := routineServer(t, "")
	ctx := ctxT(t)
	const size = 4 << 20
	lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
	if err != nil {
		t.Fatal(err)
	}
	src := &patternReader{n: size}
	wantSum := crc32.NewIEEE()
	io.Copy(wantSum, &patternReader{n: size})

	before := settledGroups(t, srv)
	if n, err := io.Copy(lo, onlyReader{src}); err != nil || n != size {
		t.Fatalf("copy in: %d %v", n, err)
	}
	in := settledGroups(t, srv) - before
	if _, err := lo.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	sum := crc32.NewIEEE()
	before = settledGroups(t, srv)
	if n, err := io.Copy(onlyWriter{sum}, lo); err != nil || n != size {
		t.Fatalf("copy out: %d %v", n, err)
	}
	out := settledGroups(t, srv) - before
	if err := lo.Close(); err != nil {
		t.Fatal(err)
	}
	if sum.Sum32() != wantSum.Sum32() {
		t.Fatalf("read back CRC-32 %08x, wrote %08x", sum.Sum32(), wantSum.Sum32())
	}
	if in != 4 || out != 5 {
		t.Errorf("%d exchanges in, %d out for %d MiB; want 4 and 5", in, out, size>>20)
	}
}
