package ifx_test

import (
	"context"
	"runtime"
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

// TestScanAllocationsEveryType scans one column of every type into each
// of its typed destinations (typeCases, bench_fetch_test.go): Next + Scan
// allocate nothing for fixed-width values, one string for a *string, and
// nothing for a reused *[]byte.
func TestScanAllocationsEveryType(t *testing.T) {
	for _, tc := range typeCases() {
		desc := &sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{tc.col}}
		desc.Columns[0].Name = "v"
		value := tc.value
		fs := streamServer(t, desc, func(int) []byte { return value }, 1<<62)
		c := fakeConnect(t, fs, "")
		for _, d := range tc.dests {
			rows, err := c.Query(context.Background(), "SELECT v FROM t")
			if err != nil {
				t.Fatal(err)
			}
			want := 0.0
			if _, ok := d.(*string); ok {
				want = 1
			}
			got := testing.AllocsPerRun(2000, func() {
				if !rows.Next() {
					t.Fatal(rows.Err())
				}
				if err := rows.Scan(d); err != nil {
					t.Fatal(err)
				}
			})
			if got > want {
				t.Errorf("%s into %T: %v allocations per row, want at most %v", tc.name, d, got, want)
			}
			rows.Close()
		}
	}
}

// TestExecBatchAllocations checks that the batch path allocates per
// batch, not per row: encoding a row's arguments reuses the connection's
// buffers (the arguments themselves are the caller's).
func TestExecBatchAllocations(t *testing.T) {
	desc := &sqli.Describe{StmtType: sqli.StmtInsert}
	fs := streamServer(t, desc, func(int) []byte { return nil }, 0)
	c := fakeConnect(t, fs, "")
	st, err := c.Prepare(context.Background(), "INSERT INTO t VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	rows := insertRows(2000)
	if _, err := st.ExecBatch(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := st.ExecBatch(context.Background(), rows); err != nil {
			t.Fatal(err)
		}
	})
	if perRow := allocs / float64(len(rows)); perRow > 0.05 {
		t.Errorf("%v allocations per batch of %d rows (%.3f per row)", allocs, len(rows), perRow)
	}
}

// TestStreamingFlatMemory reads 1,000,000 rows (the fetch100k row shape)
// and checks that the heap in use stays flat: rows are decoded from the
// fetch buffer, one batch at a time, and nothing accumulates.
func TestStreamingFlatMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams a million rows")
	}
	const n = 1_000_000
	fs := streamServer(t, fetch5Desc(), fetch5Row, n)
	c := fakeConnect(t, fs, "")
	rows, err := c.Query(context.Background(), "SELECT id, b, name, amount, ts FROM t")
	if err != nil {
		t.Fatal(err)
	}
	var r fetch5
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, uint64(0)
	k := 0
	for rows.Next() {
		if err := rows.Scan(&r.id, &r.b, &r.name, &r.amount, &r.ts); err != nil {
			t.Fatal(err)
		}
		if k++; k%100_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if err := rows.Err(); err != nil || k != n {
		t.Fatalf("%d rows, %v", k, err)
	}
	// The garbage of the scanned strings comes and goes; 16 MiB is far
	// below what a million retained rows would take (over 100 MiB).
	if growth := int64(peak) - int64(base); growth > 16<<20 {
		t.Errorf("heap in use grew by %.1f MiB while streaming %d rows", float64(growth)/(1<<20), n)
	}
}
