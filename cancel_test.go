package ifx_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
)

// TestCancelRunningStatement interrupts a long query: the error matches
// the context's and wraps the server's -213, and the connection stays
// usable.
func TestCancelRunningStatement(t *testing.T) {
	c := connect(t, "testdb")
	fill(t, c, 200)
	long := "SELECT COUNT(*) FROM big a, big b, big c, big d WHERE a.id + b.id + c.id + d.id > 0"

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	var n int64
	err := c.QueryRow(ctx, long).Scan(&n)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	var se *ifx.Error
	if !errors.As(err, &se) || se.SQLCode != -213 || !ifx.IsInterrupted(err) {
		t.Fatalf("no -213 in %v", err)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("interrupt took %v", el)
	}
	if c.IsClosed() {
		t.Fatal("connection closed after an acknowledged interrupt")
	}
	var m int
	if err := c.QueryRow(ctxT(t), "SELECT COUNT(*) FROM big").Scan(&m); err != nil || m != 200 {
		t.Fatalf("after cancel: %d %v", m, err)
	}

	// Explicit cancel of an Exec.
	ctx, cancel = context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err = c.Exec(ctx, "UPDATE big SET name = 'x' WHERE id IN (SELECT a.id FROM big a, big b, big c, big d WHERE a.id + b.id + c.id + d.id < 0)")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Exec: %v", err)
	}
	if err := c.Ping(ctxT(t)); err != nil {
		t.Fatal(err)
	}

	// A context that is already done does not touch the connection.
	_, err = c.Exec(ctx, "DELETE FROM big")
	if !errors.Is(err, context.Canceled) {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctxT(t), "SELECT COUNT(*) FROM big").Scan(&m); err != nil || m != 200 {
		t.Fatalf("after pre-cancelled Exec: %d %v", m, err)
	}
}

// TestCancelBetweenBatches cancels while the application iterates: the
// next fetch fails with the context's error, nothing is sent, and the
// connection stays usable.
func TestCancelBetweenBatches(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	c, err := ifx.Connect(ctxT(t), dsn+"&fetch_buffer=512")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	fill(t, c, 300)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := c.Query(ctx, "SELECT id, name FROM big")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
		if n == 5 {
			cancel()
		}
	}
	if !errors.Is(rows.Err(), context.Canceled) {
		t.Fatalf("after %d rows: %v", n, rows.Err())
	}
	if n >= 300 {
		t.Fatalf("read all %d rows", n)
	}
	rows.Close()
	var m int
	if err := c.QueryRow(ctxT(t), "SELECT COUNT(*) FROM big").Scan(&m); err != nil || m != 300 {
		t.Fatalf("after cancel: %d %v", m, err)
	}
}
