package ifx

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
)

// TestLargeObjectDroppedIsClosed: a LargeObject dropped without Close has
// its descriptor closed on the server by the connection's next
// OpenLargeObject or CreateLargeObject (closing it again then gives
// -9810); one closed by Close is not closed twice.
func TestLargeObjectDroppedIsClosed(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	srv := ifxtest.NewServer(t)
	c, err := Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
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
	srv := ifxtest.NewServer(t)
	c, err := Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
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
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CallRoutine(ctx, sigLOClose, leaked); SQLCode(err) != -9810 {
		t.Fatalf("the dropped descriptor %d is still open after Reset (close: %v)", leaked, err)
	}
}
