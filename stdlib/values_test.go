package stdlib_test

// Tests of the conversions in values.go, run on rows of the native API
// (ifx.Rows): what Rows.Next stores (driverValues) and what the direct
// path of Go 1.27's column scanning stores (scanDriverColumn).

import (
	"context"
	"database/sql/driver"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/stdlib"
)

// nativeAllTypesDDL is a table of every scalar type, as the root
// package's tests make it.
const nativeAllTypesDDL = `CREATE TABLE alltypes (
	id INTEGER,
	c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT, c_int8 INT8,
	c_smallfloat SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(12,2), c_money MONEY(8,2),
	c_char CHAR(10), c_nchar NCHAR(10), c_varchar VARCHAR(20), c_nvarchar NVARCHAR(20), c_lvarchar LVARCHAR(100),
	c_bool BOOLEAN, c_date DATE, c_dt DATETIME YEAR TO FRACTION(5), c_dts DATETIME YEAR TO SECOND,
	c_hm DATETIME HOUR TO MINUTE, c_ids INTERVAL DAY(3) TO SECOND, c_iym INTERVAL YEAR TO MONTH)`

// nativeConn opens a native connection to a fresh test database and
// closes it at the end of the test.
func nativeConn(t testing.TB, database string) *ifx.Conn {
	t.Helper()
	dsn, _ := testServer(t, database)
	c, err := ifx.Connect(ctxT(t), dsn)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func TestDriverValues(t *testing.T) {
	c := nativeConn(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, nativeAllTypesDDL); err != nil {
		t.Fatal(err)
	}
	dec := mustDec(t, "-1234567890.12")
	ts := time.Date(2026, 5, 4, 12, 34, 56, 789010000, time.UTC)
	hm, _ := ifxtype.ParseDateTime("12:34", mustQual(t, "HOUR TO MINUTE", false))
	iym, _ := ifxtype.ParseIntervalYM("2-06", mustQual(t, "YEAR(4) TO MONTH", true))
	ins := `INSERT INTO alltypes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	ids := 5*24*time.Hour + time.Hour + 2*time.Minute + 3*time.Second
	if _, err := c.Exec(ctx, ins, 1,
		int16(-12345), int32(-2147483647), int64(math.MaxInt64), int64(-9223372036854775807),
		float32(1.5), -2.25, dec, mustDec(t, "123456.78"),
		"abc", "nch", "varchar", "nvc", "lvarchar",
		true, time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), ts, ts,
		hm, ids, iym); err != nil {
		t.Fatal(err)
	}
	nulls := make([]any, 21)
	nulls[0] = 2
	if _, err := c.Exec(ctx, ins, nulls...); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, "SELECT * FROM alltypes ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	dest := make([]driver.Value, 21)
	if err := stdlib.DriverValues(rows, dest); err == nil {
		t.Error("DriverValues before Next succeeded")
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if err := stdlib.DriverValues(rows, dest[:3]); err == nil {
		t.Error("DriverValues with too few destinations succeeded")
	}
	if err := stdlib.DriverValues(rows, dest); err != nil {
		t.Fatal(err)
	}
	want := []driver.Value{int64(1),
		int64(-12345), int64(-2147483647), int64(math.MaxInt64), int64(-9223372036854775807),
		float64(1.5), -2.25, "-1234567890.12", "123456.78",
		"abc       ", "nch       ", "varchar", "nvc", "lvarchar",
		true, time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), ts, ts.Truncate(time.Second),
		time.Date(1, 1, 1, 12, 34, 0, 0, time.UTC), ids, iym}
	for i := range want {
		if dest[i] != want[i] {
			t.Errorf("column %d (%s): %#v, want %#v", i, rows.Columns()[i].Name, dest[i], want[i])
		}
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if err := stdlib.DriverValues(rows, dest); err != nil {
		t.Fatal(err)
	}
	for i, v := range dest[1:] {
		if v != nil {
			t.Errorf("NULL column %d: %#v", i+1, v)
		}
	}
	if rows.Next() {
		t.Fatal("a third row")
	}
	if err := stdlib.DriverValues(rows, dest); !errors.Is(err, ifx.ErrRowsClosed) {
		t.Errorf("after the end: %v", err)
	}

	// Fixed-width values cost only database/sql's boxing: nothing for
	// small integers, one allocation for others.
	rows, err = c.Query(ctx, "SELECT c_smallint, c_float, c_bool FROM alltypes WHERE id = 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	d3 := make([]driver.Value, 3)
	if n := testing.AllocsPerRun(100, func() { stdlib.DriverValues(rows, d3) }); n > 2 {
		t.Errorf("%v allocations for SMALLINT, FLOAT, BOOLEAN", n)
	}
}

// TestScanDriverColumn: the direct path of Go 1.27's column scanning
// (package stdlib compares its results with database/sql's conversions);
// here, what it declines and what it costs.
func TestScanDriverColumn(t *testing.T) {
	c := nativeConn(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE scancol (i INTEGER, v VARCHAR(20), d DECIMAL(12,2), ts DATETIME YEAR TO SECOND, hm DATETIME HOUR TO MINUTE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO scancol VALUES (123456, 'text', 12.5, DATETIME(2026-05-04 12:34:56) YEAR TO SECOND, DATETIME(12:34) HOUR TO MINUTE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO scancol VALUES (NULL, NULL, NULL, NULL, NULL)"); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, "SELECT * FROM scancol ORDER BY i NULLS LAST")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int64
	if done, err := stdlib.ScanDriverColumn(rows, 0, &n); done || err != nil {
		t.Errorf("before Next: %v %v", done, err)
	}
	if _, err := stdlib.DriverValue(rows, 0); err == nil {
		t.Error("DriverValue before Next succeeded")
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	for _, i := range []int{-1, 5} {
		if done, _ := stdlib.ScanDriverColumn(rows, i, &n); done {
			t.Errorf("column %d: taken", i)
		}
		if _, err := stdlib.DriverValue(rows, i); err == nil {
			t.Errorf("DriverValue(%d) succeeded", i)
		}
	}
	var (
		i32 int32
		s   string
		dec ifxtype.Decimal
		ts  time.Time
		f   float64
		buf []byte
	)
	for _, tc := range []struct {
		col  int
		dest any
		done bool
	}{
		{0, &i32, true}, {1, &s, true}, {2, &dec, true}, {3, &ts, true}, {2, &s, true},
		{0, &f, false},   // INTEGER into float64: database/sql's own conversion
		{1, &buf, true},  // []byte: a copy of its own, as database/sql makes
		{0, &buf, false}, // an INTEGER as text bytes: database/sql's own conversion
		{4, &s, false},   // a DATETIME as text: database/sql formats the time.Time
	} {
		done, err := stdlib.ScanDriverColumn(rows, tc.col, tc.dest)
		if done != tc.done || err != nil {
			t.Errorf("column %d into %T: done %v err %v, want done %v", tc.col, tc.dest, done, err, tc.done)
		}
	}
	if i32 != 123456 || s != "12.50" || dec.String() != "12.50" || ts != time.Date(2026, 5, 4, 12, 34, 56, 0, time.UTC) || string(buf) != "text" {
		t.Errorf("stored %v %q %v %v %q", i32, s, dec, ts, buf)
	}
	// Fixed-width values are stored with no allocation at all.
	if a := testing.AllocsPerRun(100, func() {
		stdlib.ScanDriverColumn(rows, 0, &i32)
		stdlib.ScanDriverColumn(rows, 2, &dec)
		stdlib.ScanDriverColumn(rows, 3, &ts)
	}); a != 0 {
		t.Errorf("%v allocations for INTEGER, DECIMAL, DATETIME", a)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if done, _ := stdlib.ScanDriverColumn(rows, 0, &i32); done {
		t.Error("NULL taken: database/sql decides what NULL means for a destination")
	}
	if v, err := stdlib.DriverValue(rows, 1); v != nil || err != nil {
		t.Errorf("NULL DriverValue: %#v %v", v, err)
	}
}

// TestIntervalScansIntoString: scanDriverColumn, database/sql's direct
// path (Go 1.27's RowsColumnScanner), stores every INTERVAL into a
// *string in its Informix text form, as it does for every other type.
// Before, it left them to database/sql's conversion, which fails for an
// INTERVAL beyond time.Duration ("unsupported Scan, storing driver.Value
// type ifxtype.IntervalDF into type *string") and for YEAR TO MONTH, and
// gave a count of nanoseconds for the others.
func TestIntervalScansIntoString(t *testing.T) {
	c := nativeConn(t, "testdb")
	ctx := ctxT(t)
	for _, tc := range []struct{ sql, want string }{
		{"SELECT INTERVAL(99999999 12:00:00) DAY(9) TO SECOND FROM systables WHERE tabid = 1", "99999999 12:00:00"},
		{"SELECT INTERVAL(1 12:00:00) DAY(3) TO SECOND FROM systables WHERE tabid = 1", "1 12:00:00"},
		{"SELECT INTERVAL(5-03) YEAR TO MONTH FROM systables WHERE tabid = 1", "5-03"},
	} {
		rows, err := c.Query(ctx, tc.sql)
		if err != nil {
			t.Fatal(err)
		}
		if !rows.Next() {
			t.Fatal(rows.Err())
		}
		var s string
		done, err := stdlib.ScanDriverColumn(rows, 0, &s)
		rows.Close()
		if !done || err != nil || s == "" {
			t.Errorf("%s: done=%v %q %v", tc.sql, done, s, err)
			continue
		}
		if strings.TrimSpace(s) != tc.want {
			t.Errorf("%s: %q, want the text form %q", tc.sql, s, tc.want)
		}
	}
}

// TestEmptyBytesDriverValues: an empty BYTE value is an empty []byte, not
// NULL, in database/sql's values too (the root package's
// TestEmptyBytesAreNotNull checks Scan and Values).
func TestEmptyBytesDriverValues(t *testing.T) {
	c := nativeConn(t, "testdb")
	ctx := ctxT(t)
	c.Exec(ctx, "DROP TABLE blobs_empty")
	if _, err := c.Exec(ctx, "CREATE TABLE blobs_empty (id INTEGER, b BYTE)"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Exec(context.Background(), "DROP TABLE blobs_empty") })
	for i, v := range []any{ifxtype.Byte{}, ifxtype.Byte(nil)} {
		if _, err := c.Exec(ctx, "INSERT INTO blobs_empty VALUES (?, ?)", i, v); err != nil {
			t.Fatal(err)
		}
	}
	r, err := c.Query(ctx, "SELECT b FROM blobs_empty ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i := 0; r.Next(); i++ {
		dv := make([]driver.Value, 1)
		if err := stdlib.DriverValues(r, dv); err != nil {
			t.Fatal(err)
		}
		db, _ := dv[0].([]byte)
		if empty := i == 0; (db != nil) != empty || len(db) != 0 {
			t.Errorf("row %d: DriverValues %#v", i, dv[0])
		}
	}
}
