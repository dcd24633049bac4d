package ifxtest

import (
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// BenchmarkServerFetch5 is ifxtestd's side of bench/'s fetch100k
// workload: one op serves the 100,000-row generator query to a client
// built from sqli messages. Profile it with -cpuprofile and look at the
// ifxtest and engine functions (the client's share is small).
func BenchmarkServerFetch5(b *testing.B) {
	const sql = "SELECT value AS id, CAST(value AS BIGINT) * 1000000000 AS b, CAST('name' || value AS VARCHAR(32)) AS name, CAST(value * 1234 / 100 AS DECIMAL(12,2)) AS amount, DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND AS ts FROM TABLE(ifx_generate(100000)) AS g(value)"
	srv := NewServer(b)
	c := dialWire(b, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	b.ReportAllocs()
	for b.Loop() {
		r := c.roundTrip(&sqli.Prepare{SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
		if r.err != nil {
			b.Fatal(r.err)
		}
		id := &sqli.ID{StatementID: r.describe.StmtID}
		c.send(id, &sqli.CurName{Name: "_ifxc0000000000001"}, sqli.Open{}, id, &sqli.NFetch{BufSize: 32767})
		n := 0
		for {
			// A generous deadline per batch: under callgrind a batch of
			// rows takes seconds.
			c.nc.SetReadDeadline(time.Now().Add(2 * time.Minute))
			tuples := 0
			for {
				m, err := c.rd.ReadBackend()
				if err != nil {
					b.Fatal(err)
				}
				if m.Tag() == sqli.TagEOT {
					break
				}
				if m.Tag() == sqli.TagTuple {
					tuples++
				}
			}
			if tuples == 0 {
				break
			}
			n += tuples
			c.send(id, &sqli.NFetch{BufSize: 32767})
		}
		if n != 100000 {
			b.Fatalf("%d rows", n)
		}
		c.roundTrip(id, sqli.Close{}, id, sqli.Release{})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*100000), "ns/row")
}
