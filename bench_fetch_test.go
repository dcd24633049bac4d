package ifx_test

import (
	"context"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Client-side fetch benchmarks. streamServer answers every NFETCH with
// pre-encoded 32 KiB batches, so the profile holds the driver's work and
// the socket, not a server's.
//
//	go test -run XXX -bench 'Fetch|Decode|Scan' -benchmem

// fetch5Desc and fetch5Row are one row of bench/'s fetch100k workload:
// INTEGER, BIGINT, VARCHAR(32), DECIMAL(12,2), DATETIME YEAR TO SECOND.
func fetch5Desc() *sqli.Describe {
	return &sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{
		{Type: sqli.TypeInt, EncodedLength: 4, Name: "id"},
		{Type: sqli.TypeBigInt, EncodedLength: 8, Name: "b"},
		{Type: sqli.TypeVarChar, EncodedLength: 32, Name: "name"},
		{Type: sqli.TypeDecimal, EncodedLength: 12<<8 | 2, Name: "amount"},
		{Type: sqli.TypeDateTime, EncodedLength: int32(ifxtype.QualYearToSecond), Name: "ts"},
	}}
}

func fetch5Row(i int) []byte {
	var row []byte
	row = sqli.AppendInt32(row, int32(i))
	row = sqli.AppendInt64(row, int64(i)*1_000_000_000)
	s := "name" + strconv.Itoa(i)
	row = append(row, byte(len(s)))
	row = append(row, s...)
	d, _ := ifxtype.ParseDecimal(strconv.Itoa(i*1234/100) + "." + strconv.Itoa(10+i%90))
	row, _ = ifxtype.AppendDecimalWire(row, d, 12, 2)
	dt := ifxtype.DateTimeFromTime(time.Date(2026, 1, 1, 0, 0, i%86400, 0, time.UTC), ifxtype.QualYearToSecond)
	return ifxtype.AppendDateTimeWire(row, dt)
}

// streamServer serves one query of total rows (made by rowOf, cycling
// through 1000 distinct rows) to any number of connections and cursors,
// batched like ifxtestd: as many tuples as fit the NFETCH buffer.
func streamServer(tb testing.TB, desc *sqli.Describe, rowOf func(i int) []byte, total int) *fakeServer {
	const distinct = 1000
	rows := make([][]byte, distinct)
	for i := range rows {
		rows[i] = rowOf(i + 1)
	}
	return newFakeServer(tb, func(fc *fakeConn) {
		fc.login()
		// After the login, read without fakeConn's copy of every byte.
		fc.rd = sqli.NewReader(fc.nc)
		fc.rd.SetFeatures(fc.feat)
		var (
			sent     int
			batchBuf []byte
		)
		batch := func(bufSize int) []byte {
			b := batchBuf[:0]
			used := 0
			for sent < total {
				data := rows[sent%distinct]
				size := 8 + len(data) + len(data)&1
				if used > 0 && used+size > bufSize {
					break
				}
				used += size
				b = (&sqli.Tuple{Data: data}).Encode(b, fc.feat)
				sent++
			}
			if sent == total {
				b = (&sqli.Done{Rows: int64(total)}).Encode(b, fc.feat)
				b = (&sqli.Cost{}).Encode(b, fc.feat)
			}
			batchBuf = b
			return b
		}
		var out []byte
		for {
			out = out[:0]
			for {
				m, err := fc.rd.ReadFrontend()
				if err != nil {
					panic(fakeStop{})
				}
				switch m := m.(type) {
				case sqli.Exit:
					fc.raw([]byte{0, 0x38})
					panic(fakeStop{})
				case *sqli.Prepare:
					out = desc.Encode(out, fc.feat)
					out = (&sqli.Done{}).Encode(out, fc.feat)
					out = (&sqli.Cost{}).Encode(out, fc.feat)
				case sqli.Open:
					sent = 0
				case *sqli.NFetch:
					out = append(out, batch(int(m.BufSize))...)
				case sqli.Execute:
					out = (&sqli.Done{Rows: 1}).Encode(out, fc.feat)
					out = (&sqli.Cost{}).Encode(out, fc.feat)
				}
				if m.Tag() == sqli.TagEOT {
					break
				}
			}
			out = sqli.EOT{}.Encode(out, fc.feat)
			fc.raw(out)
		}
	})
}

func benchConn(b *testing.B, fs *fakeServer) *ifx.Conn {
	b.Helper()
	c, err := ifx.Connect(context.Background(), fs.dsn(""))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close(context.Background()) })
	return c
}

type fetch5 struct {
	id     int32
	b      int64
	name   string
	amount ifxtype.Decimal
	ts     time.Time
}

// BenchmarkFetch100k is the client side of bench/'s fetch100k workload:
// one op = Query + 100,000 x (Next, Scan into typed destinations) + Close.
func BenchmarkFetch100k(b *testing.B) {
	benchFetch100k(b, func(rows *ifx.Rows, r *fetch5) error {
		return rows.Scan(&r.id, &r.b, &r.name, &r.amount, &r.ts)
	})
}

func benchFetch100k(b *testing.B, scan func(*ifx.Rows, *fetch5) error) {
	const n = 100_000
	c := benchConn(b, streamServer(b, fetch5Desc(), fetch5Row, n))
	ctx := context.Background()
	var r fetch5
	b.ReportAllocs()
	for b.Loop() {
		rows, err := c.Query(ctx, "SELECT id, b, name, amount, ts FROM t")
		if err != nil {
			b.Fatal(err)
		}
		k := 0
		for rows.Next() {
			if err := scan(rows, &r); err != nil {
				b.Fatal(err)
			}
			k++
		}
		if err := rows.Err(); err != nil || k != n {
			b.Fatal(k, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
}

// BenchmarkFetch1M streams 1,000,000 rows and reports the peak of the heap
// in use while it runs: streaming keeps it flat, whatever the row count.
func BenchmarkFetch1M(b *testing.B) {
	const n = 1_000_000
	c := benchConn(b, streamServer(b, fetch5Desc(), fetch5Row, n))
	ctx := context.Background()
	var r fetch5
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		rows, err := c.Query(ctx, "SELECT id, b, name, amount, ts FROM t")
		if err != nil {
			b.Fatal(err)
		}
		k := 0
		for rows.Next() {
			if err := rows.Scan(&r.id, &r.b, &r.name, &r.amount, &r.ts); err != nil {
				b.Fatal(err)
			}
			k++
			if k%50_000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		if err := rows.Err(); err != nil || k != n {
			b.Fatal(k, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(int64(peak)-int64(base))/(1<<20), "heap-growth-MB")
}

// typeCase is one column type: its DESCRIBE entry, a wire value, and
// destinations to scan it into.
type typeCase struct {
	name  string
	col   sqli.ColumnDesc
	value []byte
	dests []any // typed destinations, each benchmarked
}

func typeCases() []typeCase {
	dec, _ := ifxtype.ParseDecimal("12345.67")
	decW, _ := ifxtype.AppendDecimalWire(nil, dec, 12, 2)
	money, _ := ifxtype.AppendDecimalWire(nil, dec, 16, 2)
	dt, _ := ifxtype.ParseDateTime("2026-05-04 12:34:56.12345", ifxtype.QualYearToFraction5)
	ivDF, _ := ifxtype.ParseIntervalDF("3 04:05:06.12345", benchQual(ifxtype.IntervalQualifier(ifxtype.TUDay, ifxtype.TUFraction5, 3)))
	ivDFW, _ := ifxtype.AppendIntervalDFWire(nil, ivDF)
	ivYM, _ := ifxtype.ParseIntervalYM("12-05", benchQual(ifxtype.IntervalQualifier(ifxtype.TUYear, ifxtype.TUMonth, 4)))
	ivYMW, _ := ifxtype.AppendIntervalYMWire(nil, ivYM)
	char := []byte("fixed-width text    ")
	vc := append([]byte{20}, "variable text here!!"...)
	lvc := append([]byte{0, 0, 0, 0, 40}, "a longer lvarchar value of forty bytes.."...)
	return []typeCase{
		{"SMALLINT", sqli.ColumnDesc{Type: sqli.TypeSmallInt, EncodedLength: 2}, sqli.AppendInt16(nil, 1234), []any{new(int16), new(int64), new(int)}},
		{"INTEGER", sqli.ColumnDesc{Type: sqli.TypeInt, EncodedLength: 4}, sqli.AppendInt32(nil, 123456), []any{new(int32), new(int64), new(int), new(float64)}},
		{"BIGINT", sqli.ColumnDesc{Type: sqli.TypeBigInt, EncodedLength: 8}, sqli.AppendInt64(nil, 1<<40), []any{new(int64), new(int)}},
		{"INT8", sqli.ColumnDesc{Type: sqli.TypeInt8, EncodedLength: 10}, sqli.AppendLongInt(nil, 1<<40), []any{new(int64)}},
		{"FLOAT", sqli.ColumnDesc{Type: sqli.TypeFloat, EncodedLength: 8}, sqli.AppendInt64(nil, 0x400921fb54442d18), []any{new(float64)}},
		{"SMALLFLOAT", sqli.ColumnDesc{Type: sqli.TypeSmallFloat, EncodedLength: 4}, sqli.AppendInt32(nil, 0x40490fdb), []any{new(float32), new(float64)}},
		{"DECIMAL(12,2)", sqli.ColumnDesc{Type: sqli.TypeDecimal, EncodedLength: 12<<8 | 2}, decW, []any{new(ifxtype.Decimal), new(float64)}},
		{"MONEY(16,2)", sqli.ColumnDesc{Type: sqli.TypeMoney, EncodedLength: 16<<8 | 2}, money, []any{new(ifxtype.Decimal)}},
		{"DATE", sqli.ColumnDesc{Type: sqli.TypeDate, EncodedLength: 4}, sqli.AppendInt32(nil, 46145), []any{new(time.Time)}},
		{"DATETIME YEAR TO FRACTION(5)", sqli.ColumnDesc{Type: sqli.TypeDateTime, EncodedLength: int32(ifxtype.QualYearToFraction5)}, ifxtype.AppendDateTimeWire(nil, dt), []any{new(time.Time), new(ifxtype.DateTime)}},
		{"INTERVAL DAY(3) TO FRACTION(5)", sqli.ColumnDesc{Type: sqli.TypeInterval, EncodedLength: int32(ivDF.Qualifier())}, ivDFW, []any{new(time.Duration), new(ifxtype.IntervalDF)}},
		{"INTERVAL YEAR(4) TO MONTH", sqli.ColumnDesc{Type: sqli.TypeInterval, EncodedLength: int32(ivYM.Qualifier())}, ivYMW, []any{new(ifxtype.IntervalYM)}},
		{"BOOLEAN", sqli.ColumnDesc{Type: sqli.TypeUDTFixed, ExtendedID: sqli.XIDBoolean, ExtendedName: "boolean", EncodedLength: 1}, []byte{0, 0, 0, 0, 1, 't'}, []any{new(bool)}},
		{"CHAR(20)", sqli.ColumnDesc{Type: sqli.TypeChar, EncodedLength: 20}, char, []any{new(string), new([]byte)}},
		{"VARCHAR(20)", sqli.ColumnDesc{Type: sqli.TypeVarChar, EncodedLength: 20}, vc, []any{new(string), new([]byte)}},
		{"LVARCHAR", sqli.ColumnDesc{Type: sqli.TypeLVarChar, ExtendedName: "lvarchar", EncodedLength: 2048}, lvc, []any{new(string), new([]byte)}},
	}
}

func benchQual(q ifxtype.Qualifier, err error) ifxtype.Qualifier {
	if err != nil {
		panic(err)
	}
	return q
}

func typeName(d any) string {
	switch d.(type) {
	case *int16:
		return "int16"
	case *int32:
		return "int32"
	case *int64:
		return "int64"
	case *int:
		return "int"
	case *float32:
		return "float32"
	case *float64:
		return "float64"
	case *bool:
		return "bool"
	case *string:
		return "string"
	case *[]byte:
		return "bytes"
	case *time.Time:
		return "time.Time"
	case *time.Duration:
		return "time.Duration"
	case *ifxtype.Decimal:
		return "Decimal"
	case *ifxtype.DateTime:
		return "DateTime"
	case *ifxtype.IntervalDF:
		return "IntervalDF"
	case *ifxtype.IntervalYM:
		return "IntervalYM"
	case *any:
		return "any"
	}
	return "?"
}

// BenchmarkDecode measures Next + Scan per row of a one-column result, for
// every column type and typed destination (and *any, the natural Go type).
func BenchmarkDecode(b *testing.B) {
	for _, tc := range typeCases() {
		desc := &sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{tc.col}}
		desc.Columns[0].Name = "v"
		value := tc.value
		fs := streamServer(b, desc, func(int) []byte { return value }, 1<<62)
		for _, d := range append(slices.Clone(tc.dests), new(any)) {
			b.Run(tc.name+"/"+typeName(d), func(b *testing.B) {
				c := benchConn(b, fs)
				rows, err := c.Query(context.Background(), "SELECT v FROM t")
				if err != nil {
					b.Fatal(err)
				}
				defer rows.Close()
				b.ReportAllocs()
				for b.Loop() {
					if !rows.Next() {
						b.Fatal(rows.Err())
					}
					if err := rows.Scan(d); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkFetchWide is the client side of bench/'s fetchwide workload:
// one op = Query + 10,000 x (Next, Scan into 100 typed destinations, the
// five columns of fetch100k repeated) + Close.
func BenchmarkFetchWide(b *testing.B) {
	const n, reps = 10_000, 20
	five := fetch5Desc()
	desc := &sqli.Describe{StmtType: sqli.StmtSelect}
	for k := range reps {
		for _, col := range five.Columns {
			col.Name += strconv.Itoa(k)
			desc.Columns = append(desc.Columns, col)
		}
	}
	rowOf := func(i int) []byte {
		var row []byte
		for k := range reps {
			row = append(row, fetch5Row(i*reps+k)...)
		}
		return row
	}
	c := benchConn(b, streamServer(b, desc, rowOf, n))
	ctx := context.Background()
	rs := make([]fetch5, reps)
	dest := make([]any, 0, 5*reps)
	for k := range rs {
		r := &rs[k]
		dest = append(dest, &r.id, &r.b, &r.name, &r.amount, &r.ts)
	}
	b.ReportAllocs()
	for b.Loop() {
		rows, err := c.Query(ctx, "SELECT * FROM t")
		if err != nil {
			b.Fatal(err)
		}
		k := 0
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				b.Fatal(err)
			}
			k++
		}
		if err := rows.Err(); err != nil || k != n {
			b.Fatal(k, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/row")
}
