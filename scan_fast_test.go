package ifx_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// scanOpsDesc has a column of every kind Scan stores through a planned op.
func scanOpsDesc() *sqli.Describe {
	return &sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{
		{Type: sqli.TypeSmallInt, EncodedLength: 2, Name: "si"},
		{Type: sqli.TypeInt, EncodedLength: 4, Name: "i"},
		{Type: sqli.TypeBigInt, EncodedLength: 8, Name: "b"},
		{Type: sqli.TypeFloat, EncodedLength: 8, Name: "f"},
		{Type: sqli.TypeSmallFloat, EncodedLength: 4, Name: "sf"},
		{Type: sqli.TypeChar, EncodedLength: 4, Name: "c"},
		{Type: sqli.TypeVarChar, EncodedLength: 10, Name: "vc"},
		{Type: sqli.TypeDecimal, EncodedLength: 12<<8 | 2, Name: "d"},
		{Type: sqli.TypeDate, EncodedLength: 4, Name: "day"},
		{Type: sqli.TypeDateTime, EncodedLength: int32(ifxtype.QualYearToSecond), Name: "ts"},
	}}
}

// scanOpsRow is row i: every column NULL when i is a multiple of 3,
// values that change with i otherwise (negative ones for odd i).
func scanOpsRow(i int) []byte {
	var row []byte
	if i%3 == 0 {
		row = append(row, 0x80, 0)
		row = append(row, 0x80, 0, 0, 0)
		row = append(row, 0x80, 0, 0, 0, 0, 0, 0, 0)
		row = append(row, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
		row = append(row, 0xff, 0xff, 0xff, 0xff)
		row = append(row, 0, 0, 0, 0)
		row = append(row, 1, 0)
		row = append(row, make([]byte, 7)...)
		row = append(row, 0x80, 0, 0, 0)
		return append(row, make([]byte, 8)...)
	}
	sign := 1
	if i%2 == 1 {
		sign = -1
	}
	n := sign * i
	row = append(row, byte(uint16(int16(n))>>8), byte(int16(n)))
	row = sqli.AppendInt32(row, int32(n*1000))
	row = sqli.AppendInt64(row, int64(n)*1e12)
	row = sqli.AppendInt64(row, int64(math.Float64bits(float64(n)/8)))
	row = sqli.AppendInt32(row, int32(math.Float32bits(float32(n)/4)))
	row = append(row, 'a'+byte(i%26), 'b', ' ', ' ')
	s := []byte("v" + string(rune('a'+i%26)))
	row = append(row, byte(len(s)))
	row = append(row, s...)
	d := ifxtype.DecimalFromInt64(int64(n) * 1001)
	row, _ = ifxtype.AppendDecimalWire(row, d, 12, 2)
	row = sqli.AppendInt32(row, int32(45000+n))
	dt := ifxtype.DateTimeFromTime(time.Date(2026, 1, 1, 0, 0, i*7919%86400, 0, time.UTC), ifxtype.QualYearToSecond)
	return ifxtype.AppendDateTimeWire(row, dt)
}

// TestScanOpsMatchValues: the planned per-column ops of Scan store what
// the general decoder (Values) gives, hand NULL to the general path (an
// error for a plain destination, nil through a pointer to pointer), and
// follow a destination whose type changes between rows.
func TestScanOpsMatchValues(t *testing.T) {
	const n = 600
	fs := streamServer(t, scanOpsDesc(), scanOpsRow, n)
	c := fakeConnect(t, fs, "")
	rows, err := c.Query(context.Background(), "SELECT * FROM t")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var (
		si  int16
		i   int32
		b   int64
		f   float64
		sf  float32
		ch  string
		vc  string
		d   ifxtype.Decimal
		day time.Time
		ts  time.Time
	)
	typed := []any{&si, &i, &b, &f, &sf, &ch, &vc, &d, &day, &ts}
	k := 0
	for rows.Next() {
		k++
		want, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		if k%3 == 0 {
			err := rows.Scan(typed...)
			var se *ifx.ScanError
			if !errors.As(err, &se) || se.Index != 0 {
				t.Fatalf("row %d (NULL): Scan into plain destinations: %v, want a ScanError for column 0", k, err)
			}
			ptrs := make([]any, len(typed))
			for j, p := range typed {
				ptrs[j] = reflect.New(reflect.TypeOf(p)).Interface()
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("row %d (NULL): %v", k, err)
			}
			for j, p := range ptrs {
				if !reflect.ValueOf(p).Elem().IsNil() {
					t.Errorf("row %d column %d: NULL scanned as %v", k, j, reflect.ValueOf(p).Elem().Elem())
				}
			}
			continue
		}
		if k%5 == 0 {
			// Other destination types for the same columns.
			var (
				si64 int64
				ii   int
				bi   int
				sf64 float64
			)
			if err := rows.Scan(&si64, &ii, &bi, nil, &sf64, nil, nil, nil, nil, nil); err != nil {
				t.Fatalf("row %d: %v", k, err)
			}
			if si64 != int64(want[0].(int16)) || ii != int(want[1].(int32)) || bi != int(want[2].(int64)) || sf64 != float64(want[4].(float32)) {
				t.Fatalf("row %d: got %d %d %d %v, want %v", k, si64, ii, bi, sf64, want[:5])
			}
			continue
		}
		if err := rows.Scan(typed...); err != nil {
			t.Fatalf("row %d: %v", k, err)
		}
		if k == 1 {
			// The comparison below proves nothing if every column fell
			// back to the general decoder.
			if g := ifx.GeneralScanOps(rows); g != 0 {
				t.Fatalf("%d of %d typed columns planned on the general path", g, len(typed))
			}
		}
		got := []any{si, i, b, f, sf, ch, vc, d, day, ts}
		for j := range got {
			if got[j] != want[j] {
				t.Errorf("row %d column %d: Scan %#v, Values %#v", k, j, got[j], want[j])
			}
		}
	}
	if err := rows.Err(); err != nil || k != n {
		t.Fatal(k, err)
	}
}
