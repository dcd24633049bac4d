package stdlib_test

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/stdlib"
)

// The benchmarks compare database/sql through this package with the
// native API on the same server and query:
//
//	go test -run XXX -bench . -benchmem ./stdlib
//
// The server is ifxtest (or the real one IFX_TEST_DSN names) in a child
// process — this test binary run again — so that -benchmem and the
// client-cpu-ns metrics count the client alone.

const serveEnv = "IFX_STDLIB_BENCH_SERVE"

// serveForBenchmarks runs the child: an ifxtest server whose DSN goes to
// stdout, until stdin closes.
func serveForBenchmarks() bool {
	if os.Getenv(serveEnv) == "" {
		return false
	}
	srv, err := ifxtest.Start(ifxtest.Config{})
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString(srv.DSN("testdb") + "\n")
	io.Copy(io.Discard, os.Stdin)
	srv.Close()
	return true
}

var benchSrv struct {
	once  sync.Once
	dsn   string
	err   error
	cmd   *exec.Cmd
	stdin io.Closer
}

func benchDSN(b *testing.B) string {
	if dsn, _ := os.LookupEnv("IFX_TEST_DSN"); dsn != "" {
		return dsn
	}
	benchSrv.once.Do(func() {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
		cmd.Env = append(os.Environ(), serveEnv+"=1")
		cmd.Stderr = os.Stderr
		stdin, err := cmd.StdinPipe()
		if err != nil {
			benchSrv.err = err
			return
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			benchSrv.err = err
			return
		}
		if err := cmd.Start(); err != nil {
			benchSrv.err = err
			return
		}
		benchSrv.cmd, benchSrv.stdin = cmd, stdin
		line, err := bufio.NewReader(stdout).ReadString('\n')
		benchSrv.dsn, benchSrv.err = strings.TrimSpace(line), err
	})
	if benchSrv.err != nil {
		b.Fatalf("benchmark server: %v", benchSrv.err)
	}
	return benchSrv.dsn
}

func stopBenchServer() {
	if benchSrv.cmd != nil {
		benchSrv.stdin.Close()
		benchSrv.cmd.Wait()
	}
}

// scan100kSQL is bench/'s fetch100k query: 100,000 rows of INTEGER,
// BIGINT, VARCHAR(32), DECIMAL(12,2) and DATETIME YEAR TO SECOND.
const scan100kSQL = "SELECT value AS id, CAST(value AS BIGINT) * 1000000000 AS b, " +
	"CAST('name' || value AS VARCHAR(32)) AS name, CAST(value * 1234 / 100 AS DECIMAL(12,2)) AS amount, " +
	"DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND AS ts " +
	"FROM TABLE(ifx_generate(100000)) AS g(value)"

const scanRows = 100_000

type row5 struct {
	id     int32
	b      int64
	name   string
	amount ifxtype.Decimal
	ts     time.Time
}

func (r *row5) dest() []any { return []any{&r.id, &r.b, &r.name, &r.amount, &r.ts} }

// reportScan adds per-row wall time and the client's CPU per operation.
func reportScan(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*scanRows), "ns/row")
	if cpu := processCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "client-cpu-ns/op")
	}
}

// rowScanner is what *sql.Rows and *ifx.Rows have in common.
type rowScanner interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// benchScan is one scan benchmark: each op runs query and scans its
// scanRows rows into a row5, checking the last one.
func benchScan(b *testing.B, query func() (rowScanner, error)) {
	var r row5
	dest := r.dest()
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		rows, err := query()
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
		if err := rows.Err(); err != nil || k != scanRows {
			b.Fatal(k, err)
		}
		checkRow(b, k, &r)
	}
	reportScan(b, cpu0)
}

func checkRow(b *testing.B, k int, r *row5) {
	if int(r.id) != k || r.b != int64(k)*1_000_000_000 {
		b.Fatalf("row %d: %+v", k, r)
	}
}

// BenchmarkScan100k: one op = the query + 100,000 × (Next, Scan into
// int32, int64, string, ifxtype.Decimal, time.Time) + Close.
func BenchmarkScan100k(b *testing.B) {
	dsn := benchDSN(b)
	ctx := context.Background()
	if realServer() {
		b.Skip("the query needs ifxtest's ifx_generate")
	}

	b.Run("native", func(b *testing.B) {
		c, err := ifx.Connect(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close(ctx)
		benchScan(b, func() (rowScanner, error) { return c.Query(ctx, scan100kSQL) })
	})

	b.Run("database-sql", func(b *testing.B) {
		db, err := sql.Open("informix", dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		benchScan(b, func() (rowScanner, error) { return db.QueryContext(ctx, scan100kSQL) })
	})

	// The driver alone, without database/sql's Scan conversions: what
	// Rows.Next(dest []driver.Value) costs.
	b.Run("driver-Next", func(b *testing.B) {
		db, err := sql.Open("informix", dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		sc, err := db.Conn(ctx)
		if err != nil {
			b.Fatal(err)
		}
		defer sc.Close()
		b.ReportAllocs()
		cpu0 := processCPU()
		err = sc.Raw(func(dc any) error {
			qc := dc.(driver.QueryerContext)
			dest := make([]driver.Value, 5)
			for b.Loop() {
				rows, err := qc.QueryContext(ctx, scan100kSQL, nil)
				if err != nil {
					return err
				}
				k := 0
				for rows.Next(dest) == nil {
					k++
				}
				rows.Close()
				if k != scanRows || dest[0].(int64) != scanRows {
					b.Fatal(k, dest)
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		reportScan(b, cpu0)
	})
}

// BenchmarkSelectRow: latency of a one-row query (PREPARE, OPEN+FETCH),
// the per-statement overhead of database/sql and the adapter.
func BenchmarkSelectRow(b *testing.B) {
	dsn := benchDSN(b)
	ctx := context.Background()
	const q = "SELECT tabid, tabname FROM systables WHERE tabid = ?"
	b.Run("native", func(b *testing.B) {
		c, err := ifx.Connect(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close(ctx)
		var id int
		var name string
		b.ReportAllocs()
		for b.Loop() {
			rows, err := c.Query(ctx, q, 1)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				rows.Scan(&id, &name)
			}
			if err := rows.Err(); err != nil || id != 1 {
				b.Fatal(id, err)
			}
		}
	})
	b.Run("native-prepared", func(b *testing.B) {
		c, err := ifx.Connect(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close(ctx)
		st, err := c.Prepare(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		var id int
		var name string
		b.ReportAllocs()
		for b.Loop() {
			rows, err := st.Query(ctx, 1)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				rows.Scan(&id, &name)
			}
			if err := rows.Err(); err != nil || id != 1 {
				b.Fatal(id, err)
			}
		}
	})
	b.Run("database-sql", func(b *testing.B) {
		db, err := sql.Open("informix", dsn)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		var id int
		var name string
		b.ReportAllocs()
		for b.Loop() {
			if err := db.QueryRowContext(ctx, q, 1).Scan(&id, &name); err != nil || id != 1 {
				b.Fatal(id, err)
			}
		}
	})
	b.Run("database-sql-prepared", func(b *testing.B) {
		db := stdlib.OpenDB(mustConfig(b, dsn))
		defer db.Close()
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		var id int
		var name string
		b.ReportAllocs()
		for b.Loop() {
			if err := st.QueryRowContext(ctx, 1).Scan(&id, &name); err != nil || id != 1 {
				b.Fatal(id, err)
			}
		}
	})
}

func mustConfig(b *testing.B, dsn string) ifx.Config {
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		b.Fatal(err)
	}
	return *cfg
}
