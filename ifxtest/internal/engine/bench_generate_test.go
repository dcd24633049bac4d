package engine

import (
	"context"
	"io"
	"testing"
)

// fetch5SQL is bench/'s fetch100k query (bench/README.md).
const fetch5SQL = "SELECT value AS id, CAST(value AS BIGINT) * 1000000000 AS b, CAST('name' || value AS VARCHAR(32)) AS name, CAST(value * 1234 / 100 AS DECIMAL(12,2)) AS amount, DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND AS ts FROM TABLE(ifx_generate(100000)) AS g(value)"

func benchQuery(b *testing.B, q string, wantRows int) {
	e, err := Open(Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	s := e.NewSession("bench")
	defer s.Close()
	ctx := context.Background()
	if _, err := s.OpenDatabase(ctx, "testdb"); err != nil {
		b.Fatal(err)
	}
	st, err := s.Prepare(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ReportAllocs()
	for b.Loop() {
		c, err := st.Query(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := c.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		c.Close()
		if n != wantRows {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*wantRows), "ns/row")
}

// BenchmarkGenerateFetch5 is the engine's part of ifxtestd's CPU per row
// of the fetch100k workload.
func BenchmarkGenerateFetch5(b *testing.B) { benchQuery(b, fetch5SQL, 100000) }

// BenchmarkGenerateValue is the row generator alone.
func BenchmarkGenerateValue(b *testing.B) {
	benchQuery(b, "SELECT value FROM TABLE(ifx_generate(100000)) AS g(value)", 100000)
}
