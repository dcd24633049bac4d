package ifx_test

// Regression tests for the audit of informix-driver (the Python driver),
// item C2 "unsynchronised wire": two threads on one connection could
// interleave packets, giving garbled results or hangs.

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// TestAuditC2ConcurrentCallsNeverInterleave calls one Conn from a second
// goroutine while a first one waits for its reply: the second call must
// fail at once with ErrConnBusy, before writing anything, and the first
// must get its own result. Then eight goroutines hammer one Conn with
// queries and a Rows iteration: every call either returns exactly its
// own result or ErrConnBusy, the strict server sees only well-formed
// groups, and the connection is still in sync at the end.
//
// Protection: Conn.enter's compare-and-swap of the busy flag (conn.go),
// taken by every call, Rows.Next and Rows.Close. Without it the second
// goroutine's group goes out while the first waits, each reads the
// other's reply, and this test reports a wrong value or a protocol error
// (and -race reports the data race on the write buffer).
func TestAuditC2ConcurrentCallsNeverInterleave(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest faults")
	}
	srv := ifxtest.NewServer(t, ifxtest.Config{Faults: ifxtest.Faults{Delay: 40 * time.Millisecond}})
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)

	// Deterministic part: B calls while A's request is at the server.
	before := groups(srv)
	aDone := make(chan error, 1)
	go func() {
		var n int
		err := c.QueryRow(ctx, "SELECT tabid FROM systables WHERE tabid = ?", 7).Scan(&n)
		if err == nil && n != 7 {
			err = errors.New("A got the wrong row")
		}
		aDone <- err
	}()
	for groups(srv) == before {
		time.Sleep(time.Millisecond)
	}
	sent := groups(srv)
	start := time.Now()
	_, err = c.Exec(ctx, "DELETE FROM systables WHERE tabid = 7")
	if !errors.Is(err, ifx.ErrConnBusy) {
		t.Fatalf("concurrent Exec: %v, want ErrConnBusy", err)
	}
	if el := time.Since(start); el > 20*time.Millisecond {
		t.Errorf("ErrConnBusy took %v: the call waited instead of failing", el)
	}
	if g := groups(srv); g != sent {
		t.Errorf("the busy call reached the server (%d groups, want %d)", g, sent)
	}
	if err := <-aDone; err != nil {
		t.Fatalf("A: %v", err)
	}

	// Hammer: queries from 8 goroutines, plus one iterating a Rows.
	var wg sync.WaitGroup
	var mu sync.Mutex
	busy, ok := 0, 0
	report := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ifx.ErrConnBusy):
			busy++
		default:
			t.Errorf("concurrent call: %v", err)
		}
	}
	for g := 1; g <= 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for range 15 {
				var n int
				err := c.QueryRow(ctx, "SELECT tabid FROM systables WHERE tabid = ?", g).Scan(&n)
				if err == nil && n != g {
					t.Errorf("goroutine %d read tabid %d", g, n)
				}
				report(err)
			}
		}(g)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 5 {
			rows, err := c.Query(ctx, "SELECT tabid FROM systables WHERE tabid <= ? ORDER BY tabid", 20)
			if err != nil {
				report(err)
				continue
			}
			want := 1
			for rows.Next() {
				var n int
				if err := rows.Scan(&n); err != nil {
					t.Errorf("scan: %v", err)
				}
				if n != want {
					t.Errorf("rows out of order: %d, want %d", n, want)
				}
				want++
			}
			err = rows.Err()
			if errors.Is(err, ifx.ErrRowsClosed) {
				// Another goroutine's statement closed the abandoned
				// Rows (after a busy Next): that is the documented
				// outcome, not interleaving.
				err = ifx.ErrConnBusy
			}
			report(err)
			rows.Close()
		}
	}()
	wg.Wait()
	t.Logf("%d calls succeeded, %d were refused with ErrConnBusy", ok, busy)
	if busy == 0 {
		t.Log("no call overlapped another (scheduling); the deterministic part above still ran")
	}
	if c.IsClosed() {
		t.Fatal("the connection broke")
	}
	var n int
	if err := c.QueryRow(context.Background(), "SELECT COUNT(*) FROM systables WHERE tabid = 7").Scan(&n); err != nil || n != 1 {
		t.Fatalf("after the hammer: %d %v (the busy DELETE must not have run)", n, err)
	}
}
