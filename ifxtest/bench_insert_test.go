package ifxtest

import (
	"fmt"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// BenchmarkServerInsert10k is ifxtestd's side of bench/'s insert
// workload: one op inserts 10,000 rows of the five column types into a
// fresh table with a primary key inside one transaction, in request
// groups of about 64 KiB (SQ_ID, then SQ_BIND and SQ_EXECUTE per row,
// as Stmt.ExecBatch sends them, a time as DATETIME YEAR TO FRACTION(5)),
// and commits. The groups are encoded before the timer starts, so nearly
// all the CPU is the server's.
func BenchmarkServerInsert10k(b *testing.B) {
	const rows = 10000
	srv := NewServer(b)
	c := dialWire(b, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var groups [][]byte
	var g []byte
	for i := 1; i <= rows; i++ {
		if g == nil {
			g = (&sqli.ID{StatementID: 0}).Encode(nil, c.feat) // the id is patched below
		}
		v := int64(i)
		bind := &sqli.Bind{Values: []sqli.BindValue{
			bindInt(int32(v)), bindBigInt(v * 1_000_000_000), bindString(fmt.Sprintf("name%d", v)),
			bindDecimal(b, fmt.Sprintf("%d.%02d", v*1234/100, v*1234%100)),
			bindDateTime(b, base.Add(time.Duration(v)*time.Second).Format("2006-01-02 15:04:05.00000"), "YEAR TO FRACTION(5)"),
		}}
		g = sqli.Execute{}.Encode(bind.Encode(g, c.feat), c.feat)
		if len(g) >= 64<<10 || i == rows {
			groups = append(groups, sqli.EOT{}.Encode(g, c.feat))
			g = nil
		}
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++
		table := fmt.Sprintf("bins%d", n)
		c.exec("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY, b BIGINT, name VARCHAR(32), amount DECIMAL(12,2), ts DATETIME YEAR TO SECOND)")
		c.exec("BEGIN WORK")
		r := c.roundTrip(&sqli.Prepare{NumParams: 5, SQL: "INSERT INTO " + table + " (id, b, name, amount, ts) VALUES (?, ?, ?, ?, ?)"}, sqli.NDescribe{}, sqli.WantDone{})
		if r.err != nil {
			b.Fatal(r.err.SQLCode)
		}
		id := r.describe.StmtID
		done := 0
		for _, grp := range groups {
			grp[2], grp[3] = byte(id>>8), byte(id) // SQ_ID's tag, then the id
			c.write(grp)
			r, err := c.read()
			if err != nil || r.err != nil {
				b.Fatal(err, r.err)
			}
			done += dones(r)
		}
		if done != rows {
			b.Fatalf("%d SQ_DONE, want %d", done, rows)
		}
		c.roundTrip(&sqli.ID{StatementID: id}, sqli.Release{})
		c.exec("COMMIT WORK")
		c.exec("DROP TABLE " + table)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}
