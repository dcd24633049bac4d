//go:build go1.27

package stdlib

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"reflect"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
	"github.com/ifxgo/ifx/internal/testutil"
	"github.com/ifxgo/ifx/sqli"
)

// FuzzScanDriverColumn holds scanDriverColumn, the direct path of
// ScanColumn (Go 1.27), to database/sql's conversion of the same
// column's driverValue with sql.ConvertAssign, for any bytes a server may
// send as a value of any column type and every common destination: both
// fail, or both store equal values. TestScanDriverColumnMatchesConvertAssign does the same
// over real rows of ifxtest; this one reaches values no SQL produces.
func FuzzScanDriverColumn(f *testing.F) {
	for i, ct := range testutil.FuzzColumnTypes {
		_, cols := ifxtype.PlanColumns(&sqli.Describe{Columns: []sqli.ColumnDesc{ct}}, sqli.ModernFeatures())
		w := cols[0].Length
		switch {
		case ct.Type == sqli.TypeVarChar || ct.Type == sqli.TypeNVarChar:
			f.Add(byte(i), append([]byte{3}, "-12"...))
		case w > 0 && ct.Type.Base() != sqli.TypeLVarChar && ct.Type.Base() < sqli.TypeSet:
			f.Add(byte(i), bytes.Repeat([]byte{0x41}, w))
			f.Add(byte(i), append([]byte{0x7f}, bytes.Repeat([]byte{0xff}, w-1)...))
		default:
			f.Add(byte(i), []byte{0, 0, 0, 0, 3, '4', '2', ' '})
		}
	}
	f.Fuzz(func(t *testing.T, typ byte, data []byte) {
		ct := testutil.FuzzColumnTypes[int(typ)%len(testutil.FuzzColumnTypes)]
		ct.Name = "c"
		cols, columns := ifxtype.PlanColumns(&sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{ct}}, sqli.ModernFeatures())
		vals, err := ifxtype.SplitRow(make([][]byte, 0, 1), cols, data)
		if err != nil {
			return
		}
		r := &adapter.Row{Have: true, Plans: cols, Columns: columns, Vals: vals, Dec: &ifxtype.ColumnDecoder{Location: time.UTC, Codec: fuzzCodec}}
		v, verr := rowDriverValue(r, 0)
		for _, mk := range fuzzScanDests {
			got, want := mk(), mk()
			if isIntervalKind(cols[0].Kind) && isStringDest(got) {
				// Deliberately different: the direct path stores an
				// INTERVAL's Informix text, database/sql a Duration's
				// nanoseconds or nothing (TestIntervalScansIntoString).
				continue
			}
			gotErr := scanAsStdlib(r, got)
			var wantErr error = verr
			if verr == nil {
				wantErr = sql.ConvertAssign(driver.ScanContext{}, want, v)
			}
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%s value %x into %T: direct path error %v, database/sql's %v", columns[0].TypeName, data, got, gotErr, wantErr)
			}
			if gotErr == nil && !sameDest(got, want) {
				t.Fatalf("%s value %x into %T: direct path stored %#v, database/sql %#v", columns[0].TypeName, data, got,
					reflect.ValueOf(got).Elem().Interface(), reflect.ValueOf(want).Elem().Interface())
			}
		}
	})
}

// fuzzCodec is the default client locale's (en_US.8859-1), as a
// connection from ParseConfig's defaults has.
var fuzzCodec, _ = ifxconn.CodecFor(ifxconn.DefaultClientLocale)

// scanAsStdlib is Rows.ScanColumn on a row.
func scanAsStdlib(r *adapter.Row, dest any) error {
	if done, err := scanRowColumn(r, 0, dest); done {
		return err
	}
	v, err := rowDriverValue(r, 0)
	if err != nil {
		return err
	}
	return sql.ConvertAssign(driver.ScanContext{}, dest, v)
}

var fuzzScanDests = []func() any{
	func() any { return new(string) },
	func() any { return new(int64) },
	func() any { return new(int32) },
	func() any { return new(int16) },
	func() any { return new(int8) },
	func() any { return new(int) },
	func() any { return new(float64) },
	func() any { return new(bool) },
	func() any { return new(time.Time) },
	func() any { return new(ifxtype.Decimal) },
	func() any { return new(sql.NullString) },
	func() any { return new(sql.NullInt64) },
	func() any { return new(sql.NullInt32) },
	func() any { return new(sql.NullInt16) },
	func() any { return new(sql.NullFloat64) },
	func() any { return new(sql.NullBool) },
	func() any { return new(sql.NullTime) },
	func() any { return new([]byte) },
	func() any { return new(sql.Null[ifxtype.Decimal]) },
	func() any { return new(sql.Null[string]) },
	func() any { return new(sql.Null[int64]) },
	func() any { return new(sql.Null[int32]) },
	func() any { return new(sql.Null[time.Time]) },
}

// sameDest compares decimals by value and text (their digits may be held
// differently), everything else deeply; NaN equals NaN.
func sameDest(a, b any) bool {
	switch x := a.(type) {
	case *ifxtype.Decimal:
		y := b.(*ifxtype.Decimal)
		return x.Cmp(*y) == 0 && x.String() == y.String()
	case *sql.Null[ifxtype.Decimal]:
		y := b.(*sql.Null[ifxtype.Decimal])
		return x.Valid == y.Valid && x.V.Cmp(y.V) == 0 && x.V.String() == y.V.String()
	case *float64:
		y := b.(*float64)
		return *x == *y || *x != *x && *y != *y
	case *sql.NullFloat64:
		y := b.(*sql.NullFloat64)
		return x.Valid == y.Valid && (x.Float64 == y.Float64 || x.Float64 != x.Float64 && y.Float64 != y.Float64)
	}
	return reflect.DeepEqual(a, b)
}

func isIntervalKind(k ifxtype.ColumnKind) bool {
	return k == ifxtype.ColIntervalDF || k == ifxtype.ColIntervalYM
}

// isStringDest reports a string destination.
func isStringDest(dest any) bool {
	switch dest.(type) {
	case *string, *sql.NullString, *sql.Null[string]:
		return true
	}
	return false
}
