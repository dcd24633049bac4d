package ifx_test

import (
	"context"
	"crypto/sha256"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

// patternReader yields n bytes of a fixed pattern without holding them.
type patternReader struct{ n, off int64 }

func (p *patternReader) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	b = b[:min(int64(len(b)), p.n-p.off)]
	for i := range b {
		x := p.off + int64(i)
		b[i] = byte(x ^ x>>8 ^ x>>16)
	}
	p.off += int64(len(b))
	return len(b), nil
}

// heapPeak samples the heap until stopped and reports the peaks of
// MemStats.HeapAlloc (garbage included, so it depends on GC pacing) and
// of the heap live after each collection (the /gc/heap/live:bytes metric:
// what the code holds).
func heapPeak() (stop func() (alloc, live uint64)) {
	var peak, peakLive atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peakLive.Load() {
				peakLive.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return func() (uint64, uint64) { close(done); wg.Wait(); return peak.Load(), peakLive.Load() }
}

// TestLargeObjectStreamsInConstantMemory: a BLOB streamed in with
// io.Copy and out again (into an io.Writer destination of Scan) keeps the
// live heap's peak within 16 MiB of where it started, driver and
// in-process ifxtest together (runtime/metrics /gc/heap/live:bytes; the
// peak of MemStats.HeapAlloc, garbage included, is logged). 64 MiB by default;
// IFX_LOB_TEST_BYTES sets the size (1073741824 for issue 13's 1 GiB).
func TestLargeObjectStreamsInConstantMemory(t *testing.T) {
	size := int64(64 << 20)
	if v := os.Getenv("IFX_LOB_TEST_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		size = n
	}
	c, _ := routineServer(t, "")
	// Not ctxT's deadline: a 1 GiB run takes minutes on a loaded machine.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	if _, err := c.Exec(ctx, "CREATE TABLE lo_mem (b BLOB)"); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	baseLive := sample[0].Value.Uint64()
	stop := heapPeak()

	lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
	if err != nil {
		t.Fatal(err)
	}
	in := sha256.New()
	if n, err := io.Copy(lo, io.TeeReader(&patternReader{n: size}, in)); err != nil || n != size {
		t.Fatalf("copy in: %d %v", n, err)
	}
	if err := lo.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO lo_mem VALUES (?)", lo.Locator()); err != nil {
		t.Fatal(err)
	}
	out := &countingHash{h: sha256.New()}
	if err := c.QueryRow(ctx, "SELECT b FROM lo_mem").Scan(io.Writer(out)); err != nil {
		t.Fatal(err)
	}
	peak, peakLive := stop()
	if out.n != size || string(out.h.Sum(nil)) != string(in.Sum(nil)) {
		t.Fatalf("read back %d of %d bytes, or different ones", out.n, size)
	}
	grew := int64(peak) - int64(base)
	grewLive := int64(peakLive) - int64(baseLive)
	t.Logf("%d bytes in and out; peaks above the start: live heap %.1f MiB, HeapAlloc %.1f MiB (garbage included)",
		size, float64(grewLive)/(1<<20), float64(grew)/(1<<20))
	if grewLive > 16<<20 {
		t.Fatalf("the live heap grew by %.1f MiB moving %d bytes", float64(grewLive)/(1<<20), size)
	}
	_ = ifx.LOReadOnly
}

type countingHash struct {
	h interface {
		io.Writer
		Sum([]byte) []byte
	}
	n int64
}

func (c *countingHash) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.h.Write(p)
}
