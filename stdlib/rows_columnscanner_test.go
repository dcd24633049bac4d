//go:build go1.27

package stdlib_test

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/stdlib"
)

// scanDests makes one fresh destination of each type an application may
// hand to Rows.Scan, each holding a non-zero sentinel so that a
// destination left alone can be told from one that was written.
var scanDests = []func() any{
	func() any { s := "sentinel"; return &s },
	func() any { return &[]byte{'x'} },
	func() any { n := int64(-77); return &n },
	func() any { n := int32(-77); return &n },
	func() any { n := int16(-77); return &n },
	func() any { n := int8(-77); return &n },
	func() any { n := -77; return &n },
	func() any { n := uint8(77); return &n },
	func() any { n := uint32(77); return &n },
	func() any { n := uint64(77); return &n },
	func() any { f := -77.5; return &f },
	func() any { f := float32(-77.5); return &f },
	func() any { b := true; return &b },
	func() any { t := time.Unix(77, 0).UTC(); return &t },
	func() any { d := 77 * time.Second; return &d },
	func() any { d := ifxtype.DecimalFromInt64(-77); return &d },
	func() any { var x any = "sentinel"; return &x },
	func() any { return &sql.NullString{String: "sentinel"} },
	func() any { return &sql.NullInt64{Int64: -77} },
	func() any { return &sql.NullInt32{Int32: -77} },
	func() any { return &sql.NullInt16{Int16: -77} },
	func() any { return &sql.NullFloat64{Float64: -77.5} },
	func() any { return &sql.NullBool{Bool: true} },
	func() any { return &sql.NullTime{Time: time.Unix(77, 0).UTC()} },
	func() any { return &sql.Null[ifxtype.Decimal]{V: ifxtype.DecimalFromInt64(-77)} },
	func() any { return &sql.Null[string]{V: "sentinel"} },
	func() any { return &sql.Null[int64]{V: -77} },
	func() any { return &sql.Null[int32]{V: -77} },
	func() any { return &sql.Null[time.Time]{V: time.Unix(77, 0).UTC()} },
	func() any { c := celsius(-77); return &c },
}

// TestScanDriverColumnMatchesConvertAssign holds Rows.ScanColumn (Go
// 1.27's driver.RowsColumnScanner, which stores most values straight from
// the fetched bytes) to what database/sql did before it: convert the
// column's driver.Value with sql.ConvertAssign. For every column type,
// ordinary and extreme values and NULL, and every destination type, both
// must fail alike or store equal values, and a failed scan must leave
// the destination as it was.
func TestScanDriverColumnMatchesConvertAssign(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "scan_diff", `(id INTEGER,
		c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT, c_int8 INT8,
		c_smallfloat SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(12,2), c_fdec DECIMAL(16), c_money MONEY(8,2),
		c_char CHAR(10), c_varchar VARCHAR(20), c_lvarchar LVARCHAR(100), c_bool BOOLEAN,
		c_date DATE, c_dts DATETIME YEAR TO SECOND, c_dtf DATETIME YEAR TO FRACTION(5),
		c_hm DATETIME HOUR TO MINUTE, c_ids INTERVAL DAY(3) TO SECOND, c_iym INTERVAL YEAR(4) TO MONTH,
		c_byte BYTE, c_text TEXT)`)
	hm, err := ifxtype.ParseDateTime("12:34", mustQual(t, "HOUR TO MINUTE", false))
	if err != nil {
		t.Fatal(err)
	}
	iym, err := ifxtype.ParseIntervalYM("2-06", mustQual(t, "YEAR(4) TO MONTH", true))
	if err != nil {
		t.Fatal(err)
	}
	ins := "INSERT INTO scan_diff VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	rows := [][]any{
		{1, int16(7), int32(7), int64(7), int64(7), float32(1.5), -2.25, mustDec(t, "12.50"), mustDec(t, "0.000123"),
			mustDec(t, "9.99"), "abc", "42", "lvarchar", true, dayVal, tsVal, tsVal, hm, ivDS, iym,
			ifxtype.Byte{0, 1, 2, 0xff}, ifxtype.Text("text 42")},
		// Each narrow integer destination overflows on some column.
		{2, int16(200), int32(40000), int64(3_000_000_000), int64(-9_000_000_000_000_000_000), float32(3.4e38), 1e300,
			mustDec(t, "-9999999999.99"), mustDec(t, "1.5E20"), mustDec(t, "-0.01"), "  x  ", "-7", "", false,
			time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
			time.Date(1899, 12, 31, 0, 0, 0, 10000, time.UTC), hm, -ivDS, iym, ifxtype.Byte{}, ifxtype.Text("")},
		{3, int16(-32767), int32(-2147483647), int64(0), int64(1), float32(0), 0.0, mustDec(t, "0"),
			mustDec(t, "-1"), mustDec(t, "0"), "t", "1e3", "3.25", true, dayVal, tsVal, tsVal, hm, ivDS, iym,
			ifxtype.Byte("12"), ifxtype.Text("-7")},
		{4, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
	}
	for _, r := range rows {
		if _, err := db.ExecContext(ctx, ins, r...); err != nil {
			t.Fatal(err)
		}
	}

	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	fast := map[string]bool{}    // "column → destination" pairs ScanDriverColumn stored itself
	planned := map[string]bool{} // pairs native Scan's planned op stored
	pairs := 0
	// One query per destination type: the first ScanColumn of a column
	// plans its op for that type (as native Scan does), so each type
	// must come first for the planned ops to be compared too. A result
	// with BYTE or TEXT columns plans no ops: the columns without them
	// are queried as well.
	noBlobs := "SELECT id, c_smallint, c_int, c_bigint, c_int8, c_smallfloat, c_float, c_dec, c_fdec, c_money, " +
		"c_char, c_varchar, c_lvarchar, c_bool, c_date, c_dts, c_dtf, c_hm, c_ids, c_iym FROM scan_diff ORDER BY id"
	for _, mk := range scanDests {
		for _, q := range []string{"SELECT * FROM scan_diff ORDER BY id", noBlobs} {
			err = sc.Raw(func(dc any) error {
				dr, err := dc.(driver.QueryerContext).QueryContext(ctx, q, nil)
				if err != nil {
					return err
				}
				defer dr.Close()
				r := dr.(*stdlib.Rows)
				names := r.Columns()
				for row := 1; ; row++ {
					if err := r.NextRow(); err != nil {
						if row != len(rows)+1 {
							return fmt.Errorf("NextRow at row %d: %w", row, err)
						}
						return nil
					}
					for i := range names {
						v, verr := stdlib.DriverValue(r.Native(), i)
						if verr != nil {
							return fmt.Errorf("row %d %s: DriverValue: %w", row, names[i], verr)
						}
						got, want := mk(), mk()
						gotErr := r.ScanColumn(driver.ScanContext{}, i, got)
						wantErr := sql.ConvertAssign(driver.ScanContext{}, want, v)
						where := fmt.Sprintf("row %d %s (%T %v) into %T", row, names[i], v, v, got)
						pairs++
						if intervalIntoString(v, got) {
							// Deliberately different: the direct path stores an
							// INTERVAL's Informix text ("5 01:02:03"), where
							// ConvertAssign gives a Duration's nanoseconds or
							// refuses an IntervalYM (TestIntervalScansIntoString
							// checks the text).
							if gotErr != nil {
								t.Errorf("%s: ScanColumn error %v", where, gotErr)
							}
							continue
						}
						if (gotErr == nil) != (wantErr == nil) {
							t.Errorf("%s: ScanColumn error %v, ConvertAssign error %v", where, gotErr, wantErr)
							continue
						}
						if !sameScan(got, want) {
							t.Errorf("%s: ScanColumn stored %#v, ConvertAssign %#v", where, deref(got), deref(want))
						}
						pair := fmt.Sprintf("%s→%T", names[i], got)
						if stdlib.ScanColumnFast(r.Native(), i, mk()) {
							planned[pair] = true
						}
						if done, _ := stdlib.ScanDriverColumn(r.Native(), i, mk()); done {
							fast[pair] = true
						}
					}
				}
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	// The planned ops must be what stores the typed destinations of the
	// fetch benchmarks, or the comparison above proves nothing about them.
	for _, p := range []string{
		"c_int→*int32", "c_int→*int64", "c_smallint→*int16", "c_bigint→*int64", "c_varchar→*string",
		"c_char→*string", "c_lvarchar→*string", "c_dec→*ifxtype.Decimal", "c_money→*ifxtype.Decimal",
		"c_dts→*time.Time", "c_date→*time.Time", "c_float→*float64", "c_smallfloat→*float32", "c_smallfloat→*float64",
	} {
		if !planned[p] {
			t.Errorf("native Scan's planned op did not store %s", p)
		}
	}
	// The comparison must cover the pairs the fast path exists for, or it
	// proves nothing about them.
	for _, p := range []string{
		"c_int→*int32", "c_bigint→*int64", "c_varchar→*string", "c_dec→*ifxtype.Decimal", "c_fdec→*ifxtype.Decimal",
		"c_dts→*time.Time", "c_date→*time.Time", "c_float→*float64", "c_smallfloat→*float64", "c_bool→*bool",
		"c_smallint→*int8", "c_int8→*sql.NullInt64", "c_char→*sql.NullString", "c_dtf→*sql.NullTime",
		"c_money→*string", "c_int→*string", "c_varchar→*[]uint8", "c_char→*[]uint8",
		"c_dec→*sql.Null[github.com/ifxgo/ifx/ifxtype.Decimal]", "c_byte→*[]uint8", "c_text→*string", "c_text→*[]uint8",
	} {
		if !fast[p] {
			t.Errorf("ScanDriverColumn did not store %s itself", p)
		}
	}
	t.Logf("%d scans compared; %d column→destination pairs take a planned op, %d the direct path", pairs, len(planned), len(fast))
}

// sameScan compares two destinations after a scan: decimals by value and
// text (their digits may be held differently), everything else deeply.
func sameScan(a, b any) bool {
	switch x := a.(type) {
	case *ifxtype.Decimal:
		y := b.(*ifxtype.Decimal)
		return x.Cmp(*y) == 0 && x.String() == y.String()
	case *sql.Null[ifxtype.Decimal]:
		y := b.(*sql.Null[ifxtype.Decimal])
		return x.Valid == y.Valid && x.V.Cmp(y.V) == 0 && x.V.String() == y.V.String()
	}
	return reflect.DeepEqual(a, b)
}

func deref(p any) any { return reflect.ValueOf(p).Elem().Interface() }

// intervalIntoString reports an INTERVAL value bound for a string
// destination.
func intervalIntoString(v any, dest any) bool {
	switch v.(type) {
	case time.Duration, ifxtype.IntervalYM, ifxtype.IntervalDF:
	default:
		return false
	}
	switch dest.(type) {
	case *string, *sql.NullString, *sql.Null[string]:
		return true
	}
	return false
}

// TestScanColumnOutsideARow: ScanColumn reads the row NextRow made
// current, so before the first NextRow, after the last and after Close
// it must fail rather than store a value from a row that is gone.
func TestScanColumnOutsideARow(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	err = sc.Raw(func(dc any) error {
		query := func() *stdlib.Rows {
			dr, err := dc.(driver.QueryerContext).QueryContext(ctx, "SELECT tabid FROM systables WHERE tabid <= 2 ORDER BY tabid", nil)
			if err != nil {
				t.Fatal(err)
			}
			return dr.(*stdlib.Rows)
		}
		var n int64 = -1
		r := query()
		if err := r.ScanColumn(driver.ScanContext{}, 0, &n); err == nil || n != -1 {
			t.Errorf("before NextRow: stored %d, error %v", n, err)
		}
		for r.NextRow() == nil {
		}
		if err := r.ScanColumn(driver.ScanContext{}, 0, &n); err == nil || n != -1 {
			t.Errorf("after the last row: stored %d, error %v", n, err)
		}
		r.Close()

		r = query()
		if err := r.NextRow(); err != nil {
			t.Fatal(err)
		}
		if err := r.ScanColumn(driver.ScanContext{}, 0, &n); err != nil || n != 1 {
			t.Fatalf("first row: stored %d, error %v", n, err)
		}
		n = -1
		r.Close()
		if err := r.ScanColumn(driver.ScanContext{}, 0, &n); err == nil || n != -1 {
			t.Errorf("after Close: stored %d, error %v", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
