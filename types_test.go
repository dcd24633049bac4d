package ifx_test

import (
	"database/sql"
	"math"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

const allTypesDDL = `CREATE TABLE alltypes (
	id INTEGER,
	c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT, c_int8 INT8,
	c_smallfloat SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(12,2), c_money MONEY(8,2),
	c_char CHAR(10), c_nchar NCHAR(10), c_varchar VARCHAR(20), c_nvarchar NVARCHAR(20), c_lvarchar LVARCHAR(100),
	c_bool BOOLEAN, c_date DATE, c_dt DATETIME YEAR TO FRACTION(5), c_dts DATETIME YEAR TO SECOND,
	c_hm DATETIME HOUR TO MINUTE, c_ids INTERVAL DAY(3) TO SECOND, c_iym INTERVAL YEAR TO MONTH)`

func TestTypesRoundTrip(t *testing.T) { eachPersona(t, testTypesRoundTrip) }

func testTypesRoundTrip(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, allTypesDDL); err != nil {
		t.Fatal(err)
	}
	dec := mustDec(t, "-1234567890.12")
	ts := time.Date(2026, 5, 4, 12, 34, 56, 789010000, time.UTC)
	hm, _ := ifxtype.ParseDateTime("12:34", mustQual(t, "HOUR TO MINUTE", false))
	iym, _ := ifxtype.ParseIntervalYM("2-06", mustQual(t, "YEAR(4) TO MONTH", true))
	ins := `INSERT INTO alltypes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	_, err := c.Exec(ctx, ins, 1,
		int16(-12345), int32(-2147483647), int64(math.MaxInt64), int64(-9223372036854775807),
		float32(1.5), -2.25, dec, mustDec(t, "123456.78"),
		"abc", "nch", "varchar", "nvc", "lvarchar",
		true, time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC), ts, ts,
		hm, 5*24*time.Hour+time.Hour+2*time.Minute+3*time.Second, iym)
	if err != nil {
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
	wantTypes := []string{"INTEGER", "SMALLINT", "INTEGER", "BIGINT", "INT8", "SMALLFLOAT", "FLOAT", "DECIMAL(12,2)", "MONEY(8,2)",
		"CHAR(10)", "NCHAR(10)", "VARCHAR(20)", "NVARCHAR(20)", "LVARCHAR(100)", "BOOLEAN", "DATE",
		"DATETIME YEAR TO FRACTION(5)", "DATETIME YEAR TO SECOND", "DATETIME HOUR TO MINUTE", "INTERVAL DAY(3) TO SECOND", "INTERVAL YEAR(4) TO MONTH"}
	for i, col := range rows.Columns() {
		if col.TypeName != wantTypes[i] {
			t.Errorf("column %d %s: type %q, want %q", i, col.Name, col.TypeName, wantTypes[i])
		}
	}
	if !rows.Next() {
		t.Fatal("no first row", rows.Err())
	}
	var (
		id               int
		si               int16
		i32              int32
		bi, i8           int64
		sf               float32
		f                float64
		d, m             ifxtype.Decimal
		ch, nch, vc, nvc string
		lvc              string
		b                bool
		date, dt, dts    time.Time
		hmv              ifxtype.DateTime
		ids              time.Duration
		iymv             ifxtype.IntervalYM
	)
	if err := rows.Scan(&id, &si, &i32, &bi, &i8, &sf, &f, &d, &m, &ch, &nch, &vc, &nvc, &lvc, &b, &date, &dt, &dts, &hmv, &ids, &iymv); err != nil {
		t.Fatal(err)
	}
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %#v, want %#v", name, got, want)
		}
	}
	check("smallint", si, int16(-12345))
	check("int", i32, int32(-2147483647))
	check("bigint", bi, int64(math.MaxInt64))
	check("int8", i8, int64(-9223372036854775807))
	check("smallfloat", sf, float32(1.5))
	check("float", f, -2.25)
	check("decimal", d.String(), "-1234567890.12")
	check("money", m.String(), "123456.78")
	check("char", ch, "abc       ")
	check("nchar", nch, "nch       ")
	check("varchar", vc, "varchar")
	check("nvarchar", nvc, "nvc")
	check("lvarchar", lvc, "lvarchar")
	check("bool", b, true)
	check("date", date, time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC))
	check("datetime f5", dt, ts)
	check("datetime s", dts, ts.Truncate(time.Second))
	check("datetime hm", hmv.String(), "12:34")
	check("interval ds", ids, 5*24*time.Hour+time.Hour+2*time.Minute+3*time.Second)
	check("interval ym", iymv.String(), "2-06")

	// Other destinations for the same row.
	var s string
	var rat big.Rat
	var f64 float64
	var ns sql.NullString
	var pi *int64
	var anyv any
	if err := rows.Scan(nil, nil, nil, &pi, nil, nil, &s, &rat, &f64, &ns, nil, &anyv, nil, nil, nil, nil, nil, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	check("float as string", s, "-2.25")
	check("decimal as rat", rat.FloatString(2), "-1234567890.12")
	check("money as float", f64, 123456.78)
	check("char as NullString", ns, sql.NullString{String: "abc       ", Valid: true})
	if pi == nil || *pi != math.MaxInt64 {
		t.Errorf("bigint into **int64: %v", pi)
	}
	check("varchar as any", anyv, "varchar")

	vals, err := rows.Values()
	if err != nil {
		t.Fatal(err)
	}
	check("values smallint", vals[1], int16(-12345))
	check("values int", vals[2], int32(-2147483647))
	check("values bool", vals[14], true)
	check("values interval", vals[19], 5*24*time.Hour+time.Hour+2*time.Minute+3*time.Second)

	// Overflow is an error.
	var small int8
	if err := rows.Scan(nil, &small, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil); err == nil {
		t.Error("SMALLINT -12345 into int8: no error")
	}

	if !rows.Next() {
		t.Fatal("no NULL row", rows.Err())
	}
	vals, err = rows.Values()
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vals[1:] {
		if v != nil {
			t.Errorf("NULL column %d (%s): got %#v", i+1, wantTypes[i+1], v)
		}
	}
	// NULL into a plain destination fails, into pointers and Null types works.
	var n sql.NullInt64
	var p *string
	if err := rows.Scan(nil, nil, &n, nil, nil, nil, nil, nil, nil, &p, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n.Valid || p != nil {
		t.Errorf("NULL: %v %v", n, p)
	}
	var x int
	if err := rows.Scan(nil, nil, &x, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil); err == nil {
		t.Error("NULL into *int: no error")
	}
	if rows.Next() {
		t.Fatal("a third row")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

func mustDec(t testing.TB, s string) ifxtype.Decimal {
	d, err := ifxtype.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustQual(t testing.TB, s string, interval bool) ifxtype.Qualifier {
	q, err := ifxtype.ParseQualifier(s, interval)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

var _ = ifx.ErrNoRows

// TestScanNarrowIntegers: every narrower integer destination, signed and
// unsigned, takes the values that fit and refuses the others, leaving
// the destination as it was.
func TestScanNarrowIntegers(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	for _, tc := range []struct {
		n    int64
		dest any
		want any // nil: refused
	}{
		{127, new(int8), int8(127)}, {128, new(int8), nil}, {-129, new(int8), nil},
		{32767, new(int16), int16(32767)}, {40000, new(int16), nil},
		{-2147483648, new(int32), int32(-2147483648)}, {3_000_000_000, new(int32), nil},
		{math.MaxInt64, new(int), math.MaxInt},
		{255, new(uint8), uint8(255)}, {256, new(uint8), nil}, {-1, new(uint8), nil},
		{65535, new(uint16), uint16(65535)}, {70000, new(uint16), nil},
		{4294967295, new(uint32), uint32(4294967295)}, {4294967296, new(uint32), nil},
		{math.MaxInt64, new(uint), uint(math.MaxInt64)}, {-1, new(uint), nil},
		{math.MaxInt64, new(uint64), uint64(math.MaxInt64)}, {-1, new(uint64), nil},
	} {
		before := reflect.ValueOf(tc.dest).Elem().Interface()
		err := c.QueryRow(ctx, "SELECT CAST(? AS BIGINT) FROM systables WHERE tabid = 1", tc.n).Scan(tc.dest)
		got := reflect.ValueOf(tc.dest).Elem().Interface()
		switch {
		case tc.want == nil && err == nil:
			t.Errorf("%d into %T: stored %v, want an error", tc.n, tc.dest, got)
		case tc.want == nil && got != before:
			t.Errorf("%d into %T: refused but stored %v", tc.n, tc.dest, got)
		case tc.want != nil && (err != nil || got != tc.want):
			t.Errorf("%d into %T: %v, %v; want %v", tc.n, tc.dest, got, err, tc.want)
		}
	}
}
