package stdlib_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/stdlib"
)

// copyInRows queues ids from..to-1 (name "n<id>", price id/100) on stmt.
func copyInRows(t *testing.T, ctx context.Context, stmt *sql.Stmt, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		if _, err := stmt.ExecContext(ctx, i, fmt.Sprintf("n%d", i), fmt.Sprintf("%d.%02d", i/100, i%100)); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
}

const itemsTable = "(id INTEGER PRIMARY KEY, name VARCHAR(20), price DECIMAL(10,2))"

func TestCopyInInsertsInFewRequestGroups(t *testing.T) {
	db, srv := newDB(t)
	table(t, db, "items", itemsTable)
	ctx := ctxT(t)
	const rows = 10000
	before := sum(groupsOf(srv))
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
	if err != nil {
		t.Fatal(err)
	}
	copyInRows(t, ctx, stmt, 0, rows)
	res, err := stmt.ExecContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != rows {
		t.Fatalf("flush reports %d rows, want %d", n, rows)
	}
	if err := stmt.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if !realServer() {
		// BEGIN, PREPARE, the batches, the release, COMMIT: rows/100 at most.
		if g := sum(groupsOf(srv)) - before; g > rows/100 {
			t.Fatalf("%d request groups for %d rows, want at most %d", g, rows, rows/100)
		} else {
			t.Logf("%d request groups for %d rows", g, rows)
		}
	}
	if n := count(t, db, "items"); n != rows {
		t.Fatalf("%d rows in the table, want %d", n, rows)
	}
	var name, price string
	if err := db.QueryRowContext(ctx, "SELECT name, price FROM items WHERE id = 1234").Scan(&name, &price); err != nil || name != "n1234" || price != "12.34" {
		t.Fatalf("row 1234: %q %q %v", name, price, err)
	}
}

func TestCopyInErrorNamesTheFailingRow(t *testing.T) {
	db, _ := newDB(t)
	table(t, db, "items", itemsTable)
	ctx := ctxT(t)
	for _, tc := range []struct{ rows, dup int }{
		{1000, 500},  // in the one queue sent by the flush
		{5000, 4500}, // in the second queue: the index counts every row
		{5000, 100},  // in the first queue, sent while rows are queued
	} {
		t.Run(fmt.Sprintf("row %d of %d", tc.dup, tc.rows), func(t *testing.T) {
			if _, err := db.ExecContext(ctx, "DELETE FROM items"); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecContext(ctx, "INSERT INTO items (id) VALUES (?)", tc.dup); err != nil {
				t.Fatal(err)
			}
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
			if err != nil {
				t.Fatal(err)
			}
			var flushErr error
			for i := 0; i < tc.rows && flushErr == nil; i++ {
				_, flushErr = stmt.ExecContext(ctx, i, "x", 1)
			}
			if flushErr == nil {
				_, flushErr = stmt.ExecContext(ctx)
			}
			var be *ifx.BatchError
			if !errors.As(flushErr, &be) || be.Index != tc.dup {
				t.Fatalf("want a *ifx.BatchError at row %d, got %v", tc.dup, flushErr)
			}
			var ie *ifx.Error
			if !errors.As(flushErr, &ie) {
				t.Fatalf("the cause is no *ifx.Error: %v", flushErr)
			}
			// The statement keeps failing with the same error, Close too.
			if _, err := stmt.ExecContext(ctx, 1, "x", 1); err != flushErr {
				t.Fatalf("Exec after the failure: %v", err)
			}
			if err := stmt.Close(); err != flushErr {
				t.Fatalf("Close after the failure: %v", err)
			}
			// The rows before the failing one are in the transaction.
			if n := count(t, tx, "items"); n != tc.dup+1 {
				t.Fatalf("%d rows in the transaction, want %d", n, tc.dup+1)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			if n := count(t, db, "items"); n != 1 {
				t.Fatalf("%d rows after the rollback, want 1", n)
			}
		})
	}
}

func TestCopyInCloseAndCommitFlush(t *testing.T) {
	db, srv := newDB(t)
	table(t, db, "items", itemsTable)
	ctx := ctxT(t)

	t.Run("Close", func(t *testing.T) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
		if err != nil {
			t.Fatal(err)
		}
		copyInRows(t, ctx, stmt, 0, 10)
		if n := count(t, tx, "items"); n != 0 {
			t.Fatalf("%d rows before the flush: Exec sent rows it should queue", n)
		}
		if err := stmt.Close(); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "items"); n != 10 {
			t.Fatalf("%d rows, want 10", n)
		}
	})
	t.Run("Commit", func(t *testing.T) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
		if err != nil {
			t.Fatal(err)
		}
		copyInRows(t, ctx, stmt, 10, 20)
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "items"); n != 20 {
			t.Fatalf("%d rows, want 20", n)
		}
	})
	t.Run("a failing Commit flush rolls back", func(t *testing.T) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
		if err != nil {
			t.Fatal(err)
		}
		copyInRows(t, ctx, stmt, 100, 103)
		copyInRows(t, ctx, stmt, 5, 6) // a duplicate
		var be *ifx.BatchError
		if err := tx.Commit(); !errors.As(err, &be) || be.Index != 3 {
			t.Fatalf("Commit: %v", err)
		}
		if n := count(t, db, "items"); n != 20 {
			t.Fatalf("%d rows, want 20", n)
		}
	})
	t.Run("Rollback drops the queue", func(t *testing.T) {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
		if err != nil {
			t.Fatal(err)
		}
		copyInRows(t, ctx, stmt, 200, 210)
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "items"); n != 20 {
			t.Fatalf("%d rows, want 20", n)
		}
	})
	t.Run("an empty flush sends nothing", func(t *testing.T) {
		sc, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer sc.Close()
		tx, err := sc.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
		if err != nil {
			t.Fatal(err)
		}
		before := sum(groupsOf(srv))
		res, err := stmt.ExecContext(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 0 {
			t.Fatalf("empty flush: %d rows", n)
		}
		if !realServer() {
			if g := sum(groupsOf(srv)) - before; g != 0 {
				t.Fatalf("empty flush: %d request groups", g)
			}
		}
		if err := stmt.Close(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCopyInRefuses(t *testing.T) {
	db, _ := newDB(t)
	table(t, db, "items", itemsTable)
	ctx := ctxT(t)
	if _, err := db.PrepareContext(ctx, stdlib.CopyIn("items", "id")); !errors.Is(err, stdlib.ErrCopyInNeedsTx) {
		t.Fatalf("outside a transaction: %v", err)
	}
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sc.ExecContext(ctx, "BEGIN WORK"); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.PrepareContext(ctx, stdlib.CopyIn("items", "id")); !errors.Is(err, stdlib.ErrCopyInNeedsTx) {
		t.Fatalf("in a transaction begun as SQL: %v", err)
	}
	if _, err := sc.ExecContext(ctx, "ROLLBACK WORK"); err != nil {
		t.Fatal(err)
	}
	sc.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		stdlib.CopyIn("items; DROP TABLE items", "id"),
		stdlib.CopyIn("items", "id) VALUES (1); DROP TABLE items; --"),
		stdlib.CopyIn("items", "id, name"),
		stdlib.CopyIn("items"),
		stdlib.CopyIn("", "id"),
		stdlib.CopyIn("testdb:items", "id"),
		stdlib.CopyIn(`"items"`, "id"),
		"COPYIN {not json",
	} {
		if st, err := tx.PrepareContext(ctx, q); err == nil {
			st.Close()
			t.Errorf("%q prepared", q)
		}
	}
	stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("informix.items", "id", "name"))
	if err != nil {
		t.Fatalf("owner.table: %v", err)
	}
	if _, err := stmt.ExecContext(ctx, 1); err == nil {
		t.Error("a row of 1 value for 2 columns was queued")
	}
	if _, err := stmt.QueryContext(ctx); err == nil {
		t.Error("Query of a CopyIn statement succeeded")
	}
	if _, err := stmt.ExecContext(ctx, 1, "a"); err != nil {
		t.Fatalf("a good row after a refused one: %v", err)
	}
	if err := stmt.Close(); err != nil {
		t.Fatal(err)
	}
	if n := count(t, tx, "items"); n != 1 {
		t.Fatalf("%d rows, want 1", n)
	}
}

func TestCopyInScalarTypesAndNulls(t *testing.T) {
	db, _ := newDB(t)
	table(t, db, "ct", `(c_small SMALLINT, c_int INTEGER, c_big BIGINT, c_int8 INT8,
		c_real SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(12,3), c_money MONEY(10,2),
		c_char CHAR(5), c_vc VARCHAR(20), c_nvc NVARCHAR(20), c_lvc LVARCHAR(100),
		c_date DATE, c_dt DATETIME YEAR TO SECOND, c_idf INTERVAL DAY TO SECOND,
		c_iym INTERVAL YEAR TO MONTH, c_bool BOOLEAN)`)
	ctx := ctxT(t)
	cols := []string{"c_small", "c_int", "c_big", "c_int8", "c_real", "c_float", "c_dec", "c_money",
		"c_char", "c_vc", "c_nvc", "c_lvc", "c_date", "c_dt", "c_idf", "c_iym", "c_bool"}
	day := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	dec, _ := ifxtype.ParseDecimal("-123456789.125")
	buf := []byte("bytes")
	row := []any{int16(-7), int32(1 << 30), int64(1) << 60, int64(-5), float32(1.5), 2.25, &dec, "12.34",
		"ab", buf, "ünï", "long text", day, day.Add(13*time.Hour + 4*time.Minute + 5*time.Second),
		26*time.Hour + 3*time.Second, "1-02", true}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("ct", cols...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stmt.ExecContext(ctx, row...); err != nil {
		t.Fatal(err)
	}
	// The values were taken at Exec: changing them now changes nothing.
	buf[0] = 'X'
	dec, _ = ifxtype.ParseDecimal("0")
	nulls := make([]any, len(cols))
	if _, err := stmt.ExecContext(ctx, nulls...); err != nil {
		t.Fatal(err)
	}
	if err := stmt.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var (
		small, i32, i64, i8 int64
		real, fl            float64
		d, m, ch, vc, nvc   string
		lvc                 string
		date, dt            time.Time
		idf                 time.Duration
		iym                 ifxtype.IntervalYM
		b                   bool
	)
	err = db.QueryRowContext(ctx, "SELECT "+join(cols)+" FROM ct WHERE c_int IS NOT NULL").Scan(
		&small, &i32, &i64, &i8, &real, &fl, &d, &m, &ch, &vc, &nvc, &lvc, &date, &dt, &idf, &iym, &b)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(small, i32, i64, i8, real, fl, d, m, ch, vc, nvc, lvc, date.Format(time.DateOnly), dt.Format(time.DateTime), idf, iym.Months(), b)
	want := fmt.Sprint(-7, 1<<30, int64(1)<<60, -5, 1.5, 2.25, "-123456789.125", "12.34", "ab   ", "bytes", "ünï", "long text",
		"2026-12-06", "2026-12-06 13:04:05", 26*time.Hour+3*time.Second, 14, true)
	if got != want {
		t.Fatalf("row\n got %s\nwant %s", got, want)
	}
	var nullCount int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM ct WHERE c_small IS NULL AND c_int IS NULL AND c_dec IS NULL AND c_vc IS NULL AND c_date IS NULL AND c_dt IS NULL AND c_idf IS NULL AND c_bool IS NULL AND c_lvc IS NULL").Scan(&nullCount); err != nil || nullCount != 1 {
		t.Fatalf("NULL row: %d %v", nullCount, err)
	}
}

func join(cols []string) string {
	s := ""
	for i, c := range cols {
		if i > 0 {
			s += ", "
		}
		s += c
	}
	return s
}

func TestCopyInCancelledFlushLeavesConnectionUsable(t *testing.T) {
	db, _ := newDB(t)
	table(t, db, "items", itemsTable)
	ctx := ctxT(t)
	// A context that ends while the server executes a queue's rows is
	// interrupted (-213) and the connection goes on. One that ends as a
	// reply completes leaves an interrupt the server may still act on,
	// and ifx closes the connection instead (package ifx's choice): then
	// database/sql discards it and nothing is committed. Several tries,
	// so that the first outcome is seen whatever the machine's timing.
	usable := 0
	for try := 0; try < 6 && usable < 2; try++ {
		if copyInCancelOnce(t, ctx, db) {
			usable++
		}
		if n := count(t, db, "items"); n != 0 {
			t.Fatalf("try %d: %d rows committed", try, n)
		}
	}
	if usable == 0 {
		t.Fatal("no cancelled CopyIn left its connection usable")
	}
}

// copyInCancelOnce queues rows on a CopyIn statement until a deadline
// cancels the sending of a queue, and reports whether the connection
// stayed usable; it fails the test on any other outcome.
func copyInCancelOnce(t *testing.T, ctx context.Context, db *sql.DB) (usable bool) {
	t.Helper()
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
	stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	defer cancel()
	var cancelErr error
	queued := 0
	for ; cancelErr == nil && queued < 1_000_000; queued++ {
		_, cancelErr = stmt.ExecContext(cctx, queued, "x", 1)
	}
	if !errors.Is(cancelErr, context.DeadlineExceeded) {
		t.Fatalf("after %d rows: %v", queued, cancelErr)
	}
	// database/sql itself refuses an Exec whose context has ended; the
	// driver's error is an *ifx.BatchError at a row not yet sent, or
	// the context's error if no group of the queue went out.
	if be := (*ifx.BatchError)(nil); errors.As(cancelErr, &be) {
		if be.Index < 0 || be.Index >= queued {
			t.Fatalf("the error names row %d of %d queued", be.Index, queued)
		}
		if _, err := stmt.ExecContext(ctx); err != cancelErr {
			t.Fatalf("Exec after the cancel: %v", err)
		}
	}
	var closed bool
	sc.Raw(func(dc any) error {
		closed = dc.(*stdlib.Conn).Conn().IsClosed()
		return nil
	})
	t.Logf("cancelled after %d rows queued (connection closed: %v): %v", queued, closed, cancelErr)
	stmt.Close()
	if closed {
		if err := tx.Rollback(); !errors.Is(err, driver.ErrBadConn) {
			t.Fatalf("rollback on the closed connection: %v", err)
		}
		return false
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("rollback after the cancel: %v", err)
	}
	var n int
	if err := sc.QueryRowContext(ctx, "SELECT COUNT(*) FROM items").Scan(&n); err != nil || n != 0 {
		t.Fatalf("after the cancel: %d rows, %v", n, err)
	}
	return true
}

// priceValuer is an application's driver.Valuer with a value receiver:
// calling Value through a nil *priceValuer panics.
type priceValuer struct{ cents int64 }

func (p priceValuer) Value() (driver.Value, error) {
	return fmt.Sprintf("%d.%02d", p.cents/100, p.cents%100), nil
}

// TestCopyInNilPointerValuesAreNull: a nil *ifxtype.Decimal, or a nil
// pointer to a driver.Valuer, is NULL in a CopyIn row as in any other
// Exec, not a call of its Value method through the nil pointer (which
// panicked inside Exec); a non-nil Valuer's value is taken at Exec.
func TestCopyInNilPointerValuesAreNull(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	tx, stmt := beginItemsCopyIn(t, ctx, db)
	p := &priceValuer{cents: 1234}
	rows := [][]any{
		{1, "nil decimal", (*ifxtype.Decimal)(nil)},
		{2, "nil valuer", (*priceValuer)(nil)},
		{3, "valuer", p},
	}
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			t.Fatalf("row %v: %v", r[0], err)
		}
	}
	p.cents = 1 // taken at Exec: no change
	if err := stmt.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := db.QueryContext(ctx, "SELECT id, price FROM items ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	var out []string
	for got.Next() {
		var id int
		var price sql.NullString
		if err := got.Scan(&id, &price); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d:%v:%s", id, price.Valid, price.String))
	}
	if err := got.Err(); err != nil {
		t.Fatal(err)
	}
	if want := "[1:false: 2:false: 3:true:12.34]"; fmt.Sprint(out) != want {
		t.Fatalf("rows %v, want %s", out, want)
	}
}

// TestCopyInRowThatCannotBeEncodedIsRefusedByItsExec: a row is encoded
// when its Exec queues it, so a value that cannot be sent (a NaN) fails
// that Exec, naming the row, and the statement goes on with the next
// rows. Before, the row was queued as Go values and its error came from
// a later flush, which failed the statement and every row after it.
func TestCopyInRowThatCannotBeEncodedIsRefusedByItsExec(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	tx, stmt := beginItemsCopyIn(t, ctx, db)
	if _, err := stmt.ExecContext(ctx, 1, "a", 1.5); err != nil {
		t.Fatal(err)
	}
	_, err := stmt.ExecContext(ctx, 2, "b", math.NaN())
	if !errors.Is(err, ifx.ErrNaN) || !strings.Contains(err.Error(), "row 1") {
		t.Fatalf("a NaN row: %v, want ifx.ErrNaN naming row 1", err)
	}
	if _, err := stmt.ExecContext(ctx, 3, "c", 2.5); err != nil {
		t.Fatalf("the row after a refused one: %v", err)
	}
	if res, err := stmt.ExecContext(ctx); err != nil {
		t.Fatalf("flush: %v", err)
	} else if n, _ := res.RowsAffected(); n != 2 {
		t.Fatalf("%d rows inserted, want 2", n)
	}
	if err := stmt.Close(); err != nil {
		t.Fatal(err)
	}
	if n := count(t, tx, "items"); n != 2 {
		t.Fatalf("%d rows, want 2", n)
	}
}

// beginItemsCopyIn makes a fresh items table and returns a transaction on
// db, rolled back when the test ends, with a CopyIn of its id, name and
// price prepared in it.
func beginItemsCopyIn(t *testing.T, ctx context.Context, db *sql.DB) (*sql.Tx, *sql.Stmt) {
	t.Helper()
	table(t, db, "items", itemsTable)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback() })
	stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
	if err != nil {
		t.Fatal(err)
	}
	return tx, stmt
}
