package ifx

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/testhook"
)

// TestInterruptWhenWatcherIsLate: the context watcher runs on a timer
// goroutine, which a starved machine can start later than the socket's
// backstop deadline (the context's deadline + InterruptWait + 100 ms).
// The read then times out although no interrupt was ever sent, and the
// statement still runs on the server. The driver must send the
// interrupt itself at that point and wait for the server's -213, so the
// call ends with the deadline error and the connection stays usable —
// not cut with the statement left running. A watcher that never runs
// stands in for the late one. Without the interrupt in ifxconn's watchedIO.Read
// the call fails as a lost connection and the Conn is closed.
func TestInterruptWhenWatcherIsLate(t *testing.T) {
	if os.Getenv("IFX_TEST_DSN") != "" {
		t.Skip("needs ifxtest's row generator")
	}
	srv := ifxtest.NewServer(t)
	cfg, err := ParseConfig(srv.DSN("testdb") + "&interrupt_wait=500ms")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())

	testhook.WatchContext = func(context.Context, func()) func() bool { return func() bool { return true } }
	defer func() { testhook.WatchContext = context.AfterFunc }()
	qctx, qcancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer qcancel()
	start := time.Now()
	var n int64
	err = c.QueryRow(qctx, "SELECT COUNT(*) FROM TABLE(ifx_generate(2000000000)) AS g(value)").Scan(&n)
	el := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) || !IsInterrupted(err) {
		t.Fatalf("after %v: %v, want the deadline error wrapping -213", el, err)
	}
	if c.IsClosed() {
		t.Fatal("the connection was cut instead of interrupting the statement")
	}
	// Deadline 200 ms + InterruptWait + 100 ms, then the interrupt.
	if el < 700*time.Millisecond || el > 10*time.Second {
		t.Errorf("the call took %v, want the backstop (800 ms) plus the interrupt's reply", el)
	}
	var one int
	if err := c.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("next query: %d %v", one, err)
	}
}
