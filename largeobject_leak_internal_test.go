package ifx

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
)

// connWithDroppedLargeObject connects to a fresh ifxtest, creates a
// LargeObject, drops it without Close and waits (a bounded number of
// collections) until its cleanup has queued the descriptor. It returns
// the connection and the dropped descriptor.
func connWithDroppedLargeObject(t *testing.T, ctx context.Context) (*Conn, int32) {
	t.Helper()
	srv := ifxtest.NewServer(t)
	c, err := Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	var leaked int32
	func() {
		lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
		if err != nil {
			t.Fatal(err)
		}
		leaked = lo.fd
	}()
	for i := 0; i < 50; i++ {
		runtime.GC()
		c.loLeaks.mu.Lock()
		n := len(c.loLeaks.fds)
		c.loLeaks.mu.Unlock()
		if n > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return c, leaked
}

// TestLargeObjectDroppedIsClosed: a LargeObject dropped without Close has
// its descriptor closed on the server by the connection's next
// OpenLargeObject or CreateLargeObject (closing it again then gives
// -9810); one closed by Close is not closed twice.
func TestLargeObjectDroppedIsClosed(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, leaked := connWithDroppedLargeObject(t, ctx)
	kept, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CallRoutine(ctx, sigLOClose, leaked); SQLCode(err) != -9810 {
		t.Fatalf("the dropped descriptor %d is still open (close: %v)", leaked, err)
	}
	if err := kept.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestLargeObjectDroppedIsClosedByReset: the reset a pool runs on release
// closes the descriptors of dropped LargeObjects, so the next holder of
// the connection does not inherit them.
func TestLargeObjectDroppedIsClosedByReset(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, leaked := connWithDroppedLargeObject(t, ctx)
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CallRoutine(ctx, sigLOClose, leaked); SQLCode(err) != -9810 {
		t.Fatalf("the dropped descriptor %d is still open after Reset (close: %v)", leaked, err)
	}
}
