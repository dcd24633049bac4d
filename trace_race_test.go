package ifx_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
)

// countingTracer counts query starts and ends.
type countingTracer struct{ starts, ends atomic.Int64 }

func (t *countingTracer) TraceQueryStart(ctx context.Context, _ *ifx.Conn, _ ifx.TraceQueryStartData) context.Context {
	t.starts.Add(1)
	return ctx
}

func (t *countingTracer) TraceQueryEnd(context.Context, *ifx.Conn, ifx.TraceQueryEndData) {
	t.ends.Add(1)
}

// TestTracerQueryRacesNextCall: a traced Query's Rows is the
// connection's open Rows the moment Query unlocks the connection, so a
// second goroutine's call (refused with ErrConnBusy, or run, closing
// that Rows) may come before Query returns. The trace's end must be the
// Rows' by then: every traced query ends exactly once, and -race sees no
// write to the Rows after the unlock.
func TestTracerQueryRacesNextCall(t *testing.T) {
	tr := &countingTracer{}
	c := tracedConn(t, tr)
	ctx := ctxT(t)
	const rounds = 50
	var ran, busy atomic.Int64
	var stop atomic.Bool
	check := func(err error) bool {
		switch {
		case err == nil:
			ran.Add(1)
		case errors.Is(err, ifx.ErrConnBusy):
			busy.Add(1)
		default:
			t.Error(err)
			return false
		}
		return true
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		// Refused calls return at once: this goroutine tries again and
		// again while the other's Query runs, and so enters the
		// connection the moment Query unlocks it.
		for !stop.Load() {
			_, err := c.Exec(ctx, "SELECT tabid FROM systables WHERE tabid = 1")
			if !check(err) {
				return
			}
		}
	}()
	var queries int
	for end := time.Now().Add(5 * time.Second); queries < rounds && time.Now().Before(end); {
		// The Rows is never touched after Query: the other goroutine's
		// call may close it.
		_, err := c.Query(ctx, "SELECT tabid FROM systables WHERE tabid < 3")
		if !check(err) {
			break
		}
		if err == nil {
			queries++
		}
	}
	stop.Store(true)
	wg.Wait()
	// The last Query's Rows goes with the next call.
	if _, err := c.Exec(ctx, "SELECT tabid FROM systables WHERE tabid = 1"); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d queries and %d other calls ran, %d calls refused", queries, ran.Load()-int64(queries), busy.Load())
	if s, e := tr.starts.Load(), tr.ends.Load(); s != e {
		t.Errorf("%d traced queries started, %d ended ", s, e)
	}
}
