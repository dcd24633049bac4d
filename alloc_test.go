package ifx_test

import (
	"context"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// endlessRows serves a query whose result never ends: every NFETCH gets
// a batch of 200 rows of (INTEGER, BIGINT, FLOAT, DECIMAL(12,2), DATE,
// DATETIME YEAR TO SECOND, VARCHAR(20)).
func endlessRows(t testing.TB) *fakeServer {
	dt, _ := ifxtype.ParseDateTime("2026-05-04 12:34:56", ifxtype.QualYearToSecond)
	dec, _ := ifxtype.ParseDecimal("1234.56")
	var row []byte
	row = sqli.AppendInt32(row, 42)
	row = sqli.AppendInt64(row, 1<<40)
	row = sqli.AppendInt64(row, 0x400921fb54442d18) // pi
	row, _ = ifxtype.AppendDecimalWire(row, dec, 12, 2)
	row = sqli.AppendInt32(row, 46145)
	row = ifxtype.AppendDateTimeWire(row, dt)
	row = append(row, 5, 'h', 'e', 'l', 'l', 'o')
	desc := &sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{
		{Type: sqli.TypeInt, EncodedLength: 4, Name: "i"},
		{Type: sqli.TypeBigInt, EncodedLength: 8, Name: "b"},
		{Type: sqli.TypeFloat, EncodedLength: 8, Name: "f"},
		{Type: sqli.TypeDecimal, EncodedLength: 12<<8 | 2, Name: "d"},
		{Type: sqli.TypeDate, EncodedLength: 4, Name: "dt"},
		{Type: sqli.TypeDateTime, EncodedLength: int32(ifxtype.QualYearToSecond), Name: "ts"},
		{Type: sqli.TypeVarChar, EncodedLength: 20, Name: "s"},
	}}
	var batch []sqli.Message
	for range 200 {
		batch = append(batch, &sqli.Tuple{Data: row})
	}
	return newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group()
		fc.reply(desc, &sqli.Done{}, &sqli.Cost{})
		for {
			_, tags := fc.group()
			if tags[0] == "SQ_EXIT" {
				fc.raw([]byte{0, 0x38})
				return
			}
			fc.reply(batch...)
		}
	})
}

func TestScanAllocations(t *testing.T) {
	fs := endlessRows(t)
	c := fakeConnect(t, fs, "")
	rows, err := c.Query(context.Background(), "SELECT * FROM endless")
	if err != nil {
		t.Fatal(err)
	}
	var (
		i   int32
		b   int64
		f   float64
		d   ifxtype.Decimal
		day time.Time
		ts  time.Time
		s   string
	)
	fixed := testing.AllocsPerRun(5000, func() {
		if !rows.Next() {
			t.Fatal(rows.Err())
		}
		if err := rows.Scan(&i, &b, &f, &d, &day, &ts, nil); err != nil {
			t.Fatal(err)
		}
	})
	if fixed != 0 {
		t.Errorf("%v allocations per row for fixed-width columns, want 0", fixed)
	}
	withString := testing.AllocsPerRun(5000, func() {
		if !rows.Next() {
			t.Fatal(rows.Err())
		}
		if err := rows.Scan(&i, &b, &f, &d, &day, &ts, &s); err != nil {
			t.Fatal(err)
		}
	})
	if withString > 1 {
		t.Errorf("%v allocations per row with one string column, want at most 1", withString)
	}
	if i != 42 || b != 1<<40 || d.String() != "1234.56" || s != "hello" || day.Format(time.DateOnly) != "2026-05-04" || ts.Format(time.DateTime) != "2026-05-04 12:34:56" {
		t.Errorf("values: %v %v %v %v %v %v %q", i, b, f, d, day, ts, s)
	}
	rows.Close()
	var _ = ifx.ErrNoRows
}

func BenchmarkScanRow(b *testing.B) {
	fs := endlessRows(b)
	c, err := ifx.Connect(context.Background(), fs.dsn(""))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(context.Background())
	rows, err := c.Query(context.Background(), "SELECT * FROM endless")
	if err != nil {
		b.Fatal(err)
	}
	var (
		i   int32
		x   int64
		f   float64
		d   ifxtype.Decimal
		day time.Time
		ts  time.Time
		s   string
	)
	b.ReportAllocs()
	for b.Loop() {
		if !rows.Next() {
			b.Fatal(rows.Err())
		}
		if err := rows.Scan(&i, &x, &f, &d, &day, &ts, &s); err != nil {
			b.Fatal(err)
		}
	}
	rows.Close()
}
