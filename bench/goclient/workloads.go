package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/ifxgo/ifx/bench/internal/benchclient"
	"github.com/ifxgo/ifx/ifxtype"
)

// The workloads of bench/README.md as both ifx clients (native.go, sql.go)
// run them: run counts, timing, checks and what each result declares live
// here once, so the two modes measure exactly the same thing. The clients
// pass closures with their own driver calls, which keeps what each API does
// in a workload readable in its own file.

// ---------------------------------------------------------------- workload SQL (same text in every client)

const (
	select1SQL = "SELECT 1 FROM systables WHERE tabid = 1" // IDS requires FROM
	lookupSQL  = "SELECT id, b, name, amount, ts FROM bench_kv WHERE id = ?"
	kvDDL      = "(id INTEGER NOT NULL PRIMARY KEY, b BIGINT, name VARCHAR(32), amount DECIMAL(12,2), ts DATETIME YEAR TO SECOND)"
	insertTag  = "go" // table suffix; the mode is appended
)

func setupSQL() []string {
	return []string{
		"DROP TABLE IF EXISTS bench_kv",
		"CREATE TABLE bench_kv " + kvDDL,
		"INSERT INTO bench_kv SELECT " + strings.Join(benchclient.Expr5, ", ") + " FROM TABLE(ifx_generate(10000)) AS g(value)",
	}
}

func insertSQL(table string) string {
	return "INSERT INTO " + table + " (id, b, name, amount, ts) VALUES (?, ?, ?, ?, ?)"
}

func lookupID(i int) int32 { return int32((int64(i)*7919)%10000) + 1 }

// Run counts at -scale 1 (warm-up, timed).
const (
	connectWarm, connectRuns = 100, 500
	select1Warm, select1Runs = 1000, 2000
	lookupWarm, lookupRuns   = 500, 1000
	bulkWarm, bulkRuns       = 3, 11 // fetch: client and server share 2 CPUs; 11 runs steady the median
	insertWarm, insertRuns   = 1, 5
	poolWarm, poolRuns       = 50, 250 // per thread
	poolThreads, poolSize    = 8, 8
	lobWarm, lobRuns         = 1, 3 // each run moves 64 MiB each way
	kvRows                   = 10000
	insertRows               = 10000
	wideRows, wideCols       = benchclient.WideRows, benchclient.WideCols
)

// kvRow is a row of bench_kv, or 5 columns of a fetch query, in the
// destination types an application would pick.
type kvRow struct {
	id     int32
	b      int64
	name   string
	amount ifxtype.Decimal
	ts     time.Time
}

func (x *kvRow) dest() []any { return []any{&x.id, &x.b, &x.name, &x.amount, &x.ts} }

// admin is a connection for the untimed statements around the workloads
// (creating, checking and dropping tables), where the API used does not
// matter.
type admin interface {
	exec(q string) error
	// count returns the COUNT(*) of q, which Informix types DECIMAL(15,0).
	count(q string) (int64, error)
	close()
}

// ---------------------------------------------------------------- skeletons

// setupKV (re)creates bench_kv, for the lookup and pool workloads.
func setupKV(ctx context.Context, open func(context.Context) (admin, error)) (*benchclient.Result, error) {
	a, err := open(ctx)
	if err != nil {
		return nil, err
	}
	defer a.close()
	for _, q := range setupSQL() {
		if err := a.exec(q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	if n, err := a.count("SELECT COUNT(*) FROM bench_kv"); err != nil {
		return nil, err
	} else if n != kvRows {
		return nil, fmt.Errorf("bench_kv has %d rows", n)
	}
	r := benchclient.NewResult("_setup")
	r.Conn("setup", 1, 0)
	return r, nil
}

// connectWorkload times connectClose, which opens a connection of its own
// every time.
func connectWorkload(connectClose func() error) (*benchclient.Result, error) {
	r := benchclient.NewResult("connect")
	w, k := opt.Runs(connectWarm), opt.Runs(connectRuns)
	err := opt.TimeOps(r, w, k, false, func(int) error { return connectClose() })
	r.Conn("connect", w+k, w+k)
	return r, err
}

// select1Workload times query, SELECT 1 on one connection returning the
// value read.
func select1Workload(query func() (int64, error)) (*benchclient.Result, error) {
	r := benchclient.NewResult("select1")
	w, k := opt.Runs(select1Warm), opt.Runs(select1Runs)
	var sum int64
	err := opt.TimeOps(r, w, k, false, func(int) error {
		v, err := query()
		sum += v
		return err
	})
	// Checked once at the end, to keep the timed loop to the query itself.
	if err == nil && sum != int64(w+k) {
		err = fmt.Errorf("SELECT 1 sum %d", sum)
	}
	r.Rows = 1
	r.Conn("measure", 1, w+k)
	return r, err
}

// lookupWorkload times query, the lookup on one connection scanning the
// row with id into row.
func lookupWorkload(query func(id int32, row *kvRow) error) (*benchclient.Result, error) {
	r := benchclient.NewResult("lookup")
	w, k := opt.Runs(lookupWarm), opt.Runs(lookupRuns)
	err := opt.TimeOps(r, w, k, false, func(i int) error { return checkedLookup(lookupID(i), query) })
	r.Rows = 1
	r.Conn("measure", 1, w+k)
	return r, err
}

// checkedLookup runs query for id and checks that it found that row, so a
// query that silently returns the wrong one cannot pass for a fast one.
func checkedLookup(id int32, query func(id int32, row *kvRow) error) error {
	var row kvRow
	if err := query(id, &row); err != nil {
		return err
	}
	if row.id != id {
		return fmt.Errorf("lookup %d got %d", id, row.id)
	}
	return nil
}

// fetchQuery is one of the two fetch workloads.
type fetchQuery struct {
	name       string
	sql        string
	rows, cols int
}

var (
	fetch100k = fetchQuery{"fetch100k", benchclient.Fetch5SQL(100000), 100000, 5}
	fetchWide = fetchQuery{"fetchwide", benchclient.FetchWideSQL(wideRows, wideCols), wideRows, wideCols}
)

// dest returns destinations for every column of a row, allocated once so
// that the timed loop measures the driver's Scan, not the caller's
// allocations.
func (q fetchQuery) dest() []any {
	rows := make([]kvRow, q.cols/5)
	dest := make([]any, 0, q.cols)
	for i := range rows {
		dest = append(dest, rows[i].dest()...)
	}
	return dest
}

// fetchWorkload times query, which runs q on one connection, scans every
// row into the destinations of q.dest and returns the row count.
func fetchWorkload(q fetchQuery, query func() (int, error)) (*benchclient.Result, error) {
	r := benchclient.NewResult(q.name)
	w, k := opt.Runs(bulkWarm), opt.Runs(bulkRuns)
	err := opt.TimeOps(r, w, k, true, func(int) error {
		n, err := query()
		if err != nil {
			return err
		}
		if n != q.rows {
			return fmt.Errorf("%s: %d rows", q.name, n)
		}
		return nil
	})
	r.Rows = int64(q.rows)
	if q.cols != len(benchclient.Names5) { // fetch100k's 5 columns go without saying
		r.Extra["columns"] = q.cols
	}
	r.Conn("measure", 1, w+k)
	return r, err
}

// insertJob is the insert workload around the timed transactions, which
// each client writes itself: every run (warm-up included) fills a fresh
// table of its own, created before and checked and dropped after on
// connections of their own.
type insertJob struct {
	r      *benchclient.Result
	w, k   int
	tables []string
	args   [][]any // the rows, built before timing
	open   func(context.Context) (admin, error)
}

// newInsertJob creates the tables of the mode's insert workload.
func newInsertJob(ctx context.Context, mode string, open func(context.Context) (admin, error)) (*insertJob, error) {
	j := &insertJob{r: benchclient.NewResult("insert"), w: opt.Runs(insertWarm), k: opt.Runs(insertRuns), open: open}
	j.tables = make([]string, j.w+j.k)
	for i := range j.tables {
		j.tables[i] = fmt.Sprintf("bench_ins_%s_%s_%d", insertTag, mode, i)
	}
	a, err := open(ctx)
	if err != nil {
		return nil, err
	}
	defer a.close()
	for _, t := range j.tables {
		for _, q := range []string{"DROP TABLE IF EXISTS " + t, "CREATE TABLE " + t + " " + kvDDL} {
			if err := a.exec(q); err != nil {
				return nil, err
			}
		}
	}
	j.r.Conn("setup", 1, 0)
	j.args = insertArgs()
	return j, nil
}

// time times fill, which inserts j.args into table in one transaction on
// the client's measured connection, once per table.
func (j *insertJob) time(fill func(table string) error) error {
	err := opt.TimeOps(j.r, j.w, j.k, true, func(i int) error { return fill(j.tables[i]) })
	j.r.Conn("measure", 1, j.w+j.k)
	return err
}

// finish checks that every table got all the rows and drops it.
func (j *insertJob) finish(ctx context.Context, note string) (*benchclient.Result, error) {
	a, err := j.open(ctx)
	if err != nil {
		return nil, err
	}
	defer a.close()
	for _, t := range j.tables {
		n, err := a.count("SELECT COUNT(*) FROM " + t)
		if err != nil {
			return nil, err
		}
		if n != insertRows {
			return nil, fmt.Errorf("%s has %d rows", t, n)
		}
		if err := a.exec("DROP TABLE " + t); err != nil {
			return nil, err
		}
	}
	j.r.Conn("setup", 1, 0)
	j.r.Rows = insertRows
	j.r.Extra["note"] = note
	return j.r, nil
}

// insertArgs builds the rows of the insert workload.
func insertArgs() [][]any {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([][]any, insertRows)
	for i := range out {
		v := int64(i + 1)
		d, err := ifxtype.DecimalFromBigInt(big.NewInt(v*1234), 2)
		if err != nil {
			panic(err)
		}
		out[i] = []any{int32(v), v * 1_000_000_000, fmt.Sprintf("name%d", v), d, base.Add(time.Duration(v) * time.Second)}
	}
	return out
}

// poolWorkload times query, the lookup through a pool (acquire, query,
// release) scanning the row with id into row, from poolThreads goroutines:
// poolWarm warm-up calls each, then poolRuns timed calls each, all threads
// starting the timed calls together. The client declares the connections,
// which only its pool knows.
func poolWorkload(query func(id int32, row *kvRow) error) (*benchclient.Result, error) {
	r := benchclient.NewResult("pool")
	w, n := opt.Runs(poolWarm), opt.Runs(poolRuns)
	lat := make([][]int64, poolThreads)
	errs := make(chan error, poolThreads)
	ready := make(chan struct{}, poolThreads)
	start := make(chan struct{})
	done := make(chan struct{}, poolThreads)
	for t := 0; t < poolThreads; t++ {
		lat[t] = make([]int64, n)
		go func(t int) {
			for i := 0; i < w+n; i++ {
				if i == w {
					ready <- struct{}{}
					<-start
				}
				a := time.Now()
				// Ids spread per thread so that threads do not read the same rows in step.
				if err := checkedLookup(lookupID(t*100003+i), query); err != nil {
					errs <- err
					return
				}
				if i >= w {
					lat[t][i-w] = int64(time.Since(a))
				}
			}
			done <- struct{}{}
		}(t)
	}
	for t := 0; t < poolThreads; t++ {
		select {
		case <-ready:
		case err := <-errs:
			close(start)
			return r, err
		}
	}
	p := opt.StartPhase()
	close(start)
	for t := 0; t < poolThreads; t++ {
		select {
		case <-done:
		case err := <-errs:
			return r, err
		}
	}
	p.End(r)
	r.Warmup = w * poolThreads
	for t := range lat {
		r.Wall = append(r.Wall, lat[t]...)
	}
	r.Rows = 1
	r.Extra["threads"] = poolThreads
	r.Extra["pool_size"] = poolSize
	r.Extra["ops_per_sec"] = math.Round(float64(poolThreads*n)/time.Duration(r.TotalWallNs).Seconds()*10) / 10
	return r, nil
}

// poolOps is the number of lookups poolWorkload runs, warm-up included.
func poolOps() int { return poolThreads * (opt.Runs(poolWarm) + opt.Runs(poolRuns)) }

// lobRoundTrip writes src (the lob payload) into row id of table as a new
// BLOB, reads the row's BLOB back, and returns the bytes read and their
// CRC-32 (IEEE).
type lobRoundTrip func(table string, id int32, src io.Reader) (int64, uint32, error)

// lobWorkload times rt on the connection measure opens (its done closes
// it), with a table of the mode's created before and dropped after on
// connections of their own, and checks every run's length and checksum,
// so that truncated or reordered bytes cannot pass for a fast read.
func lobWorkload(ctx context.Context, mode string, open func(context.Context) (admin, error),
	measure func() (lobRoundTrip, func(), error)) (*benchclient.Result, error) {
	r := benchclient.NewResult("lob")
	table := "bench_lob_" + insertTag + "_" + mode
	pat := benchclient.LOBPattern()
	// Generating and checking the payload once, untimed, costs what each
	// run's own share of that work costs: reported, not subtracted.
	c0 := benchclient.ProcessCPU()
	want := benchclient.LOBChecksum(pat)
	r.Extra["payload_cpu_ns"] = benchclient.ProcessCPU() - c0
	a, err := open(ctx)
	if err != nil {
		return nil, err
	}
	for _, q := range []string{"DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id INTEGER NOT NULL, b BLOB)"} {
		if err = a.exec(q); err != nil {
			break
		}
	}
	a.close()
	if err != nil {
		return nil, err
	}
	r.Conn("setup", 1, 0)
	rt, done, err := measure()
	if err != nil {
		return nil, err
	}
	w, k := opt.Runs(lobWarm), opt.Runs(lobRuns)
	err = opt.TimeOps(r, w, k, true, func(i int) error {
		n, crc, err := rt(table, int32(i+1), benchclient.NewLOBReader(pat))
		if err != nil {
			return err
		}
		if n != benchclient.LOBSize || crc != want {
			return fmt.Errorf("lob run %d: read back %d bytes, CRC-32 %08x; wrote %d, %08x", i, n, crc, benchclient.LOBSize, want)
		}
		return nil
	})
	done()
	r.Conn("measure", 1, w+k)
	if err != nil {
		return r, err
	}
	if a, err = open(ctx); err != nil {
		return nil, err
	}
	err = a.exec("DROP TABLE " + table)
	a.close()
	if err != nil {
		return nil, err
	}
	r.Conn("setup", 1, 0)
	r.Rows = 1
	r.Extra["bytes"] = benchclient.LOBSize
	r.Extra["crc32"] = fmt.Sprintf("%08x", want)
	r.Extra["peak_rss_kib"] = benchclient.PeakRSSKiB()
	return r, nil
}
