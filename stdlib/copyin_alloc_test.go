package stdlib_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/stdlib"
)

// execFloorConnector is a driver whose prepared statement's Exec does
// nothing and whose argument check accepts every value as it is: what
// a Stmt.ExecContext costs through it is database/sql's own part, which
// no driver can remove (the floor of a CopyIn row).
type execFloorConnector struct{}

func (execFloorConnector) Connect(context.Context) (driver.Conn, error) { return execFloorConn{}, nil }
func (execFloorConnector) Driver() driver.Driver                        { return nil }

type execFloorConn struct{}

func (execFloorConn) Prepare(string) (driver.Stmt, error)        { return execFloorStmt{}, nil }
func (execFloorConn) Close() error                               { return nil }
func (execFloorConn) Begin() (driver.Tx, error)                  { return execFloorTx{}, nil }
func (execFloorConn) CheckNamedValue(*driver.NamedValue) error   { return nil }
func (execFloorConn) ResetSession(context.Context) error         { return nil }
func (execFloorConn) IsValid() bool                              { return true }
func (execFloorConn) Ping(context.Context) error                 { return nil }
func (execFloorTx) Commit() error                                { return nil }
func (execFloorTx) Rollback() error                              { return nil }
func (execFloorStmt) Close() error                               { return nil }
func (execFloorStmt) NumInput() int                              { return -1 }
func (execFloorStmt) Exec([]driver.Value) (driver.Result, error) { return driver.RowsAffected(0), nil }
func (execFloorStmt) Query([]driver.Value) (driver.Rows, error)  { return nil, driver.ErrSkip }
func (execFloorStmt) CheckNamedValue(*driver.NamedValue) error   { return nil }
func (execFloorStmt) ExecContext(context.Context, []driver.NamedValue) (driver.Result, error) {
	return driver.RowsAffected(0), nil
}

type (
	execFloorTx   struct{}
	execFloorStmt struct{}
)

// copyInRow is a row of the insert benchmark's five types, and a
// DATETIME of its own qualifier.
func copyInRow() []any {
	d, _ := ifxtype.ParseDecimal("12345.67")
	ts := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return []any{int32(1), int64(2) * 1_000_000_000, "name100000", d, ts,
		ifxtype.DateTimeFromTime(ts, ifxtype.QualYearToSecond)}
}

const copyInRowTable = "(id INTEGER, b BIGINT, name VARCHAR(30), amount DECIMAL(12,2), ts DATETIME YEAR TO SECOND, dt DATETIME YEAR TO SECOND)"

var copyInRowCols = []string{"id", "b", "name", "amount", "ts", "dt"}

// execAllocs is the allocations of one stmt.ExecContext(args...).
func execAllocs(t *testing.T, ctx context.Context, stmt *sql.Stmt, args []any) float64 {
	t.Helper()
	return testing.AllocsPerRun(2000, func() {
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCopyInRowAllocatesNothingOfItsOwn: queueing a CopyIn row of
// typed values (integers, a string, an ifxtype.Decimal, a time.Time, an
// ifxtype.DateTime) allocates no more than database/sql's own
// Stmt.ExecContext over a driver that does nothing. Before, each
// ifxtype.Decimal and DateTime went through its Value method, a string
// per value (5 allocations per row of the fetch benchmark's types, the
// floor's 3).
func TestCopyInRowAllocatesNothingOfItsOwn(t *testing.T) {
	ctx := ctxT(t)
	args := copyInRow()

	fst := floorStmt(t, ctx)
	floor := execAllocs(t, ctx, fst, args)

	db, _ := newDB(t)
	table(t, db, "ca", copyInRowTable)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, stdlib.CopyIn("ca", copyInRowCols...))
	if err != nil {
		t.Fatal(err)
	}
	// The first row allocates the queue.
	if _, err := st.ExecContext(ctx, args...); err != nil {
		t.Fatal(err)
	}
	got := execAllocs(t, ctx, st, args)
	if got > floor {
		t.Fatalf("a CopyIn row costs %v allocations, database/sql alone %v", got, floor)
	}
	t.Logf("allocations per row: CopyIn %v, database/sql over a no-op driver %v", got, floor)
}

// allocatedBytes is the heap bytes f allocates.
func allocatedBytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestCopyInQueueMemoryIsSizedOnceAndReused: a CopyIn statement's queue
// is sized for a full queue at its first row and handed to the next
// CopyIn statement of the connection, so queueing rows allocates about
// what database/sql allocates for them over a driver that does nothing.
// Before, each statement allocated its queue again (a slab of values,
// later a buffer grown by steps), garbage beyond database/sql's own
// share, and every collection it caused scanned the caller's rows.
// (Only Execs that queue are measured: the test's server runs in this
// process, and a flush makes it allocate.)
func TestCopyInQueueMemoryIsSizedOnceAndReused(t *testing.T) {
	ctx := ctxT(t)
	args := copyInRow()
	const n = 4000 // fewer than a queue's flush
	execs := func(st *sql.Stmt) func() {
		return func() {
			for range n {
				if _, err := st.ExecContext(ctx, args...); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	fst := floorStmt(t, ctx)
	floor := allocatedBytes(execs(fst))

	db, _ := newDB(t)
	table(t, db, "ca", copyInRowTable)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var got uint64
	for range 2 { // the connection's first CopyIn sizes the queue
		st, err := tx.PrepareContext(ctx, stdlib.CopyIn("ca", copyInRowCols...))
		if err != nil {
			t.Fatal(err)
		}
		got = allocatedBytes(execs(st))
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if got > floor+floor/10 {
		t.Fatalf("queueing %d rows on a second CopyIn allocates %d bytes, database/sql alone %d", n, got, floor)
	}
	t.Logf("bytes for %d rows: CopyIn %d, database/sql over a no-op driver %d", n, got, floor)
}

// TestCopyInKeepsOnlyASmallQueueForTheNextStatement: a closed CopyIn's
// queue stays with its connection for the next CopyIn only while its
// memory is at most 544 KiB. A queue sized for wide rows (about 1 MiB)
// is dropped, or every pooled connection that ever ran a CopyIn would
// hold one.
func TestCopyInKeepsOnlyASmallQueueForTheNextStatement(t *testing.T) {
	ctx := ctxT(t)
	db, _ := newDB(t)
	table(t, db, "ca", copyInRowTable)
	table(t, db, "wide", "(id INTEGER, s LVARCHAR(2000))")
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	spareAfter := func(sqlText string, rows int, args ...any) int {
		t.Helper()
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		st, err := tx.PrepareContext(ctx, sqlText)
		if err != nil {
			t.Fatal(err)
		}
		for range rows {
			if _, err := st.ExecContext(ctx, args...); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		spare := 0
		if err := conn.Raw(func(dc any) error { spare = stdlib.CopyInSpareBytes(dc); return nil }); err != nil {
			t.Fatal(err)
		}
		return spare
	}
	if got := spareAfter(stdlib.CopyIn("ca", copyInRowCols...), 100, copyInRow()...); got <= 0 || got > 544<<10 {
		t.Fatalf("after a CopyIn of short rows the connection keeps %d bytes, want a queue of at most 544 KiB", got)
	}
	if got := spareAfter(stdlib.CopyIn("wide", "id", "s"), 10, 1, strings.Repeat("x", 1500)); got != -1 {
		t.Fatalf("after a CopyIn of 1,500-byte rows the connection keeps a queue of %d bytes, want none", got)
	}
}

// floorStmt is a statement of database/sql over a driver whose Exec
// costs nothing (execFloorConnector), prepared in a transaction as a
// CopyIn is: what database/sql alone costs per Exec. Both end with the
// test.
func floorStmt(t *testing.T, ctx context.Context) *sql.Stmt {
	t.Helper()
	db := sql.OpenDB(execFloorConnector{})
	t.Cleanup(func() { db.Close() })
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	stmt, err := tx.PrepareContext(ctx, "floor")
	if err != nil {
		t.Fatal(err)
	}
	return stmt
}
