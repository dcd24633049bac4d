package ifx_test

// Regression tests for the audit of informix-driver, item H3 "async
// cancellation": a cancelled task left its work running on a connection
// that went back to the pool. Here: after a context ends a call, the
// connection is either confirmed clean (the server acknowledged the
// interrupt, and the next statement gets its own reply) or closed. The
// pool's side (a cancelled connection is not recycled) is ifxpool's
// TestAuditH3CancelledWorkNotRecycled.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/sqli"
)

// TestAuditH3CancelAcknowledgedLeavesConnClean cancels a long statement
// that the server interrupts (-213): the connection stays open, and the
// statements after it get their own results — never the cancelled
// statement's late reply — and the server counts exactly one group for
// each.
func TestAuditH3CancelAcknowledgedLeavesConnClean(t *testing.T) {
	// A generous interrupt wait: a loaded machine may take a while to
	// answer, and a missed -213 would close the connection. (The socket
	// must be the driver's own *net.TCPConn: through a wrapped conn the
	// interrupt cannot be sent and the driver cuts the connection.)
	dsn, srv := testServer(t, "testdb")
	c, err := ifx.Connect(ctxT(t), dsn+"&interrupt_wait=5s")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	fill(t, c, 150)
	// About 1.5 s (3,375,000 rows took 150 ms, as long as the deadline,
	// and sometimes finished first): ten times the deadline, yet bounded
	// should the interrupt be lost.
	long := "SELECT COUNT(*) FROM big a, big b, big c, big d WHERE d.id < 10 AND a.id + b.id + c.id + d.id > 0"
	probe := func(i int) int {
		t.Helper()
		before := groups(srv)
		var id int
		var name string
		if err := c.QueryRow(ctxT(t), "SELECT id, name FROM big WHERE id = ?", 42+i).Scan(&id, &name); err != nil || id != 42+i || name != fmt.Sprintf("name-%d", 42+i) {
			t.Fatalf("round %d: the query got %d %q %v", i, id, name, err)
		}
		return groups(srv) - before
	}
	probe(-2) // the statement cache now holds the probe
	clean := probe(-1)
	for i := range 3 {
		ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
		var n int64
		err := c.QueryRow(ctx, long).Scan(&n)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || !ifx.IsInterrupted(err) {
			t.Fatalf("round %d: %v (count %d), want a deadline error wrapping -213", i, err, n)
		}
		if c.IsClosed() {
			t.Fatalf("round %d: an acknowledged interrupt closed the connection", i)
		}
		// The server sees the query's own groups, plus at most the
		// RELEASE of the interrupted statement pipelined ahead of them.
		if g := probe(i); srv != nil && g != clean && g != clean+1 {
			t.Errorf("round %d: the next query sent %d request groups, %d on a clean connection", i, g, clean)
		}
	}
}

// TestAuditH3CancelUnacknowledgedClosesConn cancels statements on a
// server that never answers the interrupt: the connection must be
// closed, since the server may still be running the statement.
func TestAuditH3CancelUnacknowledgedClosesConn(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest faults")
	}
	// Group 4 is the first statement after the login's three.
	srv := ifxtest.NewServer(t, ifxtest.Config{Faults: ifxtest.Faults{StallAfterGroups: 4}})
	c, err := ifx.Connect(ctxT(t), srv.DSN("testdb")+"&interrupt_wait=100ms")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.Exec(ctx, "CREATE TABLE x (id INTEGER)")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Exec: %v, want context.Canceled", err)
	}
	if el := time.Since(start); el > 100*time.Millisecond+100*time.Millisecond+2*time.Second {
		t.Errorf("returned after %v", el)
	}
	if !c.IsClosed() {
		t.Fatal("connection open after an unacknowledged interrupt")
	}
	if _, err := c.Exec(ctxT(t), "SELECT 1 FROM systables"); !errors.Is(err, ifx.ErrConnClosed) {
		t.Fatalf("next call: %v, want ErrConnClosed", err)
	}
}

// TestAuditH3LateInterruptClosesConn covers the race the Python driver
// lost: the context ends, the interrupt goes out, but the statement had
// already completed and its normal reply arrives. The server will act on
// the interrupt later — Informix fails the session's next statement with
// -213 — so the connection cannot be trusted: the driver must close it.
// The fake server here does exactly that.
//
// Protection: Conn.finish (conn.go) closes the connection when the
// watcher fired but the exchange ended without an error. Without it the
// connection stays open and the next Exec fails with the stale -213,
// which this test reports.
func TestAuditH3LateInterruptClosesConn(t *testing.T) {
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group() // the statement: answered after the client gave up
		time.Sleep(300 * time.Millisecond)
		fc.reply(&sqli.Done{Rows: 1})
		// The interrupt arrived after the statement ended: the next
		// statement is the one interrupted.
		for {
			_, tags := fc.group()
			if tags[0] == sqli.TagExit.String() {
				fc.raw(sqli.Exit{}.Encode(nil, fc.feat))
				return
			}
			fc.reply(&sqli.Err{SQLCode: -213, ISAMCode: -157})
		}
	})
	c := fakeConnect(t, fs, "&interrupt_wait=2s")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	tag, err := c.Exec(ctx, "UPDATE t SET a = 1")
	if err == nil && tag.RowsAffected() != 1 {
		t.Fatalf("the completed statement reported %v", tag)
	}
	if c.IsClosed() {
		return // closed: the stale interrupt cannot hurt anyone
	}
	if _, err := c.Exec(ctxT(t), "UPDATE t SET a = 2"); err != nil {
		t.Fatalf("the connection was kept after a late interrupt, and the next statement failed: %v", err)
	}
}

// TestAuditH3CancelBetweenBatchesLeavesConnClean cancels a Rows while the
// application iterates: nothing is sent for the cancelled Rows, its
// cursor is closed with the next request, and that request's reply is
// its own.
func TestAuditH3CancelBetweenBatchesLeavesConnClean(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	c, err := ifx.Connect(ctxT(t), dsn+"&fetch_buffer=512")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	fill(t, c, 200)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := c.Query(ctx, "SELECT id FROM big ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
		if n == 3 {
			cancel()
		}
	}
	if !errors.Is(rows.Err(), context.Canceled) {
		t.Fatalf("after %d rows: %v", n, rows.Err())
	}
	rows.Close()
	if c.IsClosed() {
		return
	}
	var id int
	if err := c.QueryRow(ctxT(t), "SELECT id FROM big WHERE id = ?", 77).Scan(&id); err != nil || id != 77 {
		t.Fatalf("next query: %d %v", id, err)
	}
}
