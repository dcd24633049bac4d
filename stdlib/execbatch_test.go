package stdlib_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/stdlib"
)

func TestExecBatchThroughSQLConn(t *testing.T) {
	db, srv := newDB(t)
	table(t, db, "items", itemsTable)
	ctx := ctxT(t)
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	const n = 1000
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{i, "x", "1.5"}
	}
	before := sum(groupsOf(srv))
	tags, err := stdlib.ExecBatch(ctx, sc, "INSERT INTO items (id, name, price) VALUES (?, ?, ?)", rows)
	if err != nil || len(tags) != n || tags[n-1].RowsAffected() != 1 {
		t.Fatalf("%d tags, %v", len(tags), err)
	}
	if !realServer() {
		if g := sum(groupsOf(srv)) - before; g > n/100 {
			t.Fatalf("%d request groups for %d rows", g, n)
		}
	}
	if tags, err := stdlib.ExecBatch(ctx, sc, "INSERT INTO items (id) VALUES (?)", nil); err != nil || len(tags) != 0 {
		t.Fatalf("empty batch: %v %v", tags, err)
	}

	// In a transaction begun on the same *sql.Conn: a duplicate at row
	// 500 stops the batch there, and the rollback undoes the rows before.
	tx, err := sc.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for i := range rows {
		rows[i] = []any{n + i, "y", 2}
	}
	rows[500][0] = 3
	tags, err = stdlib.ExecBatch(ctx, sc, "INSERT INTO items (id, name, price) VALUES (?, ?, ?)", rows)
	var be *ifx.BatchError
	if !errors.As(err, &be) || be.Index != 500 || len(tags) != 500 {
		t.Fatalf("%d tags, %v", len(tags), err)
	}
	if got := count(t, tx, "items"); got != n+500 {
		t.Fatalf("%d rows in the transaction, want %d", got, n+500)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got := count(t, sc, "items"); got != n {
		t.Fatalf("%d rows after the rollback, want %d", got, n)
	}
}

func TestExecBatchCancelLeavesConnectionUsable(t *testing.T) {
	db, _ := newDB(t)
	table(t, db, "items", itemsTable)
	ctx := ctxT(t)
	// As with CopyIn (TestCopyInCancelledFlushLeavesConnectionUsable): a
	// context that ends while the server executes the rows interrupts
	// them and the connection goes on; one that ends as a reply
	// completes makes ifx close the connection. The deadline doubles
	// from try to try until one ends the batch midway, whatever the
	// machine's load (one that ends before the first group goes out
	// interrupts nothing).
	midway := 0
	for try, d := 0, 50*time.Millisecond; try < 8 && midway < 2; try, d = try+1, 2*d {
		if execBatchCancelOnce(t, ctx, db, d) {
			midway++
		}
		if n := count(t, db, "items"); n != 0 {
			t.Fatalf("try %d: %d rows committed", try, n)
		}
	}
	if midway == 0 {
		t.Fatal("no ExecBatch cancelled midway left its connection usable")
	}
}

// execBatchCancelOnce runs a batch in a transaction until a deadline d
// cancels it, and reports whether it was cancelled midway (some rows ran)
// and the connection stayed usable; it fails the test on any other
// outcome.
func execBatchCancelOnce(t *testing.T, ctx context.Context, db *sql.DB, d time.Duration) (midway bool) {
	t.Helper()
	const insert = "INSERT INTO items (id, name, price) VALUES (?, ?, ?)"
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	tx, err := sc.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() // before sc.Close, which waits for the Tx
	rows := make([][]any, 100_000)
	for i := range rows {
		rows[i] = []any{i, "x", 1}
	}
	cctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	tags, cancelErr := stdlib.ExecBatch(cctx, sc, insert, rows)
	if !errors.Is(cancelErr, context.DeadlineExceeded) {
		t.Fatalf("%d rows ran: %v", len(tags), cancelErr)
	}
	// The error names the first row that did not run; the rows before
	// it have their tags.
	be := (*ifx.BatchError)(nil)
	if errors.As(cancelErr, &be) {
		if be.Index != len(tags) || be.Index >= len(rows) {
			t.Fatalf("the error names row %d, %d tags", be.Index, len(tags))
		}
	}
	var closed bool
	sc.Raw(func(dc any) error {
		closed = dc.(*stdlib.Conn).Conn().IsClosed()
		return nil
	})
	t.Logf("deadline %v: cancelled after %d rows (connection closed: %v): %v", d, len(tags), closed, cancelErr)
	if closed {
		if err := tx.Rollback(); !errors.Is(err, driver.ErrBadConn) {
			t.Fatalf("rollback on the closed connection: %v", err)
		}
		return false
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("rollback after the cancel: %v", err)
	}
	// The same connection runs the next batch in full.
	again, err := stdlib.ExecBatch(ctx, sc, insert, rows[:10])
	if err != nil || len(again) != 10 {
		t.Fatalf("ExecBatch after the cancel: %d tags, %v", len(again), err)
	}
	if _, err := sc.ExecContext(ctx, "DELETE FROM items"); err != nil {
		t.Fatal(err)
	}
	return be != nil && len(tags) > 0
}
