// Command goclient is the ifx client of bench/run.sh: the same workloads as
// bench/jdbc and bench/python, through the native API (-mode native, client
// name "ifx") or through database/sql (-mode sql, client name "ifx-sql").
// -mode sqlfloor (client "ifx-sql-floor", floor.go) runs only fetch100k and
// fetchwide, through database/sql over an in-process driver that costs
// nothing: database/sql's own share, no server involved.
//
// CLI contract (shared with the JDBC and Python clients; see bench/README.md):
//
//	goclient -mode native|sql|sqlfloor [-host H] [-port P] [-server S] [-database D]
//	         [-user U] [-password W] [-workloads connect,select1,...]
//	         [-scale F] [-server-pid PID] [-clk-tck N] [-fetch-buffer BYTES]
//
// Every flag falls back to the environment: IFX_HOST IFX_PORT IFX_SERVER
// IFX_DATABASE IFX_USER IFX_PASSWORD IFX_BENCH_WORKLOADS IFX_BENCH_SCALE
// IFX_BENCH_SERVER_PID IFX_BENCH_CLK_TCK.
//
// stdout carries only JSON lines, one per workload (plus a "_setup" line
// first); a failed workload prints {"client","workload","error"} and the run
// goes on. Exit status: 0 all workloads ran, 1 some failed, 3 the mode is
// not available in this build (reason on stderr, nothing on stdout).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"net"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ---------------------------------------------------------------- workload SQL (same text in every client)

const (
	select1SQL = "SELECT 1"
	lookupSQL  = "SELECT id, b, name, amount, ts FROM bench_kv WHERE id = ?"
	kvDDL      = "(id INTEGER NOT NULL PRIMARY KEY, b BIGINT, name VARCHAR(32), amount DECIMAL(12,2), ts DATETIME YEAR TO SECOND)"
	insertTag  = "go" // table suffix; the mode is appended
)

var expr5 = []string{
	"value",
	"CAST(value AS BIGINT) * 1000000000",
	"CAST('name' || value AS VARCHAR(32))",
	"CAST(value * 1234 / 100 AS DECIMAL(12,2))",
	"DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND",
}
var names5 = []string{"id", "b", "name", "amount", "ts"}

func fetch5SQL(n int) string {
	cols := make([]string, len(expr5))
	for i := range expr5 {
		cols[i] = expr5[i] + " AS " + names5[i]
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM TABLE(ifx_generate(" + strconv.Itoa(n) + ")) AS g(value)"
}

func fetchWideSQL(n, ncols int) string {
	cols := make([]string, ncols)
	for i := range cols {
		cols[i] = expr5[i%5] + " AS c" + strconv.Itoa(i+1)
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM TABLE(ifx_generate(" + strconv.Itoa(n) + ")) AS g(value)"
}

func setupSQL() []string {
	return []string{
		"DROP TABLE IF EXISTS bench_kv",
		"CREATE TABLE bench_kv " + kvDDL,
		"INSERT INTO bench_kv SELECT " + strings.Join(expr5, ", ") + " FROM TABLE(ifx_generate(10000)) AS g(value)",
	}
}

func lookupID(i int) int32 { return int32((int64(i)*7919)%10000) + 1 }

// Run counts at -scale 1 (warm-up, timed).
const (
	connectWarm, connectRuns = 100, 500
	select1Warm, select1Runs = 1000, 2000
	lookupWarm, lookupRuns   = 500, 1000
	bulkWarm, bulkRuns       = 2, 5
	insertWarm, insertRuns   = 1, 5
	poolWarm, poolRuns       = 50, 250 // per thread
	poolThreads, poolSize    = 8, 8
	insertRows               = 10000
	wideRows, wideCols       = 10000, 100
)

// ---------------------------------------------------------------- options

type options struct {
	mode, host, server, database, user, password string
	port, serverPid, clkTck, fetchBuffer         int
	scale                                        float64
	workloads                                    []string
}

var opt options

func (o *options) runs(n int) int { return max(1, int(math.Floor(float64(n)*o.scale+0.5))) }

// dsn is the URL form of ParseConfig.
func (o *options) dsn() string {
	u := "informix://" + url.PathEscape(o.user) + ":" + url.PathEscape(o.password) + "@" +
		net.JoinHostPort(o.host, strconv.Itoa(o.port)) + "/" + url.PathEscape(o.database) +
		"?server=" + url.QueryEscape(o.server)
	if o.fetchBuffer > 0 {
		u += "&fetch_buffer=" + strconv.Itoa(o.fetchBuffer)
	}
	return u
}

// ---------------------------------------------------------------- measuring

func processCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// serverCPU returns the server's utime+stime in ns, or -1.
func serverCPU() int64 {
	if opt.serverPid <= 0 {
		return -1
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(opt.serverPid) + "/stat")
	if err != nil {
		return -1
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return (u + st) * (1e9 / int64(opt.clkTck))
}

type connUse struct {
	Role string `json:"role"`
	N    int    `json:"n"`
	Ops  int    `json:"ops"`
}

type result struct {
	workload    string
	wall        []int64
	cpuNs       int64
	cpuRuns     []int64
	rows        int64
	warmup      int
	serverCPUNs int64
	totalWallNs int64
	conns       []connUse
	extra       map[string]any
}

func newResult(w string) *result {
	return &result{workload: w, serverCPUNs: -1, totalWallNs: -1, extra: map[string]any{}}
}

func (r *result) conn(role string, n, ops int) {
	r.conns = append(r.conns, connUse{role, n, ops})
}

func median(s []int64) int64 {
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func rank(s []int64, p float64) int64 {
	if len(s) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(len(s)-1, i))]
}

// orderedJSON writes keys in the given order (the contract's field order).
type kv struct {
	k string
	v any
}
type ordered []kv

func (o ordered) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func (r *result) json(client string) string {
	w := append([]int64(nil), r.wall...)
	sort.Slice(w, func(i, j int) bool { return w[i] < w[j] })
	var sum int64
	for _, x := range w {
		sum += x
	}
	ex := ordered{{"warmup", r.warmup}}
	if len(w) > 0 {
		ex = append(ex, kv{"wall_ns_min", w[0]}, kv{"wall_ns_max", w[len(w)-1]})
	} else {
		ex = append(ex, kv{"wall_ns_min", 0}, kv{"wall_ns_max", 0})
	}
	ex = append(ex, kv{"wall_ns_sum", sum})
	if r.totalWallNs >= 0 {
		ex = append(ex, kv{"wall_ns_total", r.totalWallNs})
	}
	perOp := int64(0)
	if len(w) > 0 {
		perOp = r.cpuNs / int64(len(w))
	}
	ex = append(ex, kv{"cpu_ns_per_op", perOp})
	if r.cpuRuns != nil {
		c := append([]int64(nil), r.cpuRuns...)
		sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
		ex = append(ex, kv{"cpu_ns_runs", r.cpuRuns}, kv{"cpu_ns_median", median(c)})
	}
	if r.serverCPUNs >= 0 {
		ex = append(ex, kv{"server_cpu_ns", r.serverCPUNs})
	}
	keys := make([]string, 0, len(r.extra))
	for k := range r.extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ex = append(ex, kv{k, r.extra[k]})
	}
	conns := r.conns
	if conns == nil {
		conns = []connUse{}
	}
	ex = append(ex, kv{"conns", conns})
	out := ordered{
		{"client", client}, {"workload", r.workload}, {"runs", len(w)},
		{"wall_ns_median", median(w)}, {"wall_ns_p50", rank(w, 0.5)}, {"wall_ns_p99", rank(w, 0.99)},
		{"cpu_ns", r.cpuNs}, {"rows", r.rows}, {"extra", ex},
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// timeOps runs op warmup times, then runs times, timing each call. With
// perRunCPU it also records the process CPU of each run (bulk workloads).
func timeOps(r *result, warmup, runs int, perRunCPU bool, op func(i int) error) error {
	for i := 0; i < warmup; i++ {
		if err := op(i); err != nil {
			return err
		}
	}
	r.warmup = warmup
	r.wall = make([]int64, runs)
	if perRunCPU {
		r.cpuRuns = make([]int64, runs)
	}
	s0, c0, t0 := serverCPU(), processCPU(), time.Now()
	for i := 0; i < runs; i++ {
		var c int64
		if perRunCPU {
			c = processCPU()
		}
		a := time.Now()
		if err := op(warmup + i); err != nil {
			return err
		}
		r.wall[i] = int64(time.Since(a))
		if perRunCPU {
			r.cpuRuns[i] = processCPU() - c
		}
	}
	r.totalWallNs = int64(time.Since(t0))
	r.cpuNs = processCPU() - c0
	if s0 >= 0 {
		if s1 := serverCPU(); s1 >= 0 {
			r.serverCPUNs = s1 - s0
		}
	}
	return nil
}

// timePool runs op from poolThreads goroutines: poolWarm warm-up calls
// each, then poolRuns timed calls each, all threads starting together.
func timePool(r *result, op func(thread, i int) error) error {
	w, n := opt.runs(poolWarm), opt.runs(poolRuns)
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
				if err := op(t, i); err != nil {
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
			return err
		}
	}
	s0, c0, t0 := serverCPU(), processCPU(), time.Now()
	close(start)
	for t := 0; t < poolThreads; t++ {
		select {
		case <-done:
		case err := <-errs:
			return err
		}
	}
	total := time.Since(t0)
	r.cpuNs = processCPU() - c0
	if s0 >= 0 {
		if s1 := serverCPU(); s1 >= 0 {
			r.serverCPUNs = s1 - s0
		}
	}
	r.totalWallNs = int64(total)
	r.warmup = w * poolThreads
	for t := range lat {
		r.wall = append(r.wall, lat[t]...)
	}
	r.rows = 1
	r.extra["threads"] = poolThreads
	r.extra["pool_size"] = poolSize
	r.extra["ops_per_sec"] = math.Round(float64(poolThreads*n)/total.Seconds()*10) / 10
	return nil
}

// ---------------------------------------------------------------- the two modes

// client is one way of using the driver; each method runs one workload on
// its own connections and records them with result.conn in the order it
// opened them.
type client interface {
	name() string
	setup(ctx context.Context) (*result, error)
	workloads() map[string]func(ctx context.Context) (*result, error)
}

// modes maps -mode to a constructor (native.go, sql.go, floor.go); a constructor
// that fails makes the client exit 3, "not available".
var modes = map[string]func() (client, error){}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

var order = []string{"connect", "select1", "lookup", "fetch100k", "fetchwide", "insert", "pool"}

func main() {
	flag.StringVar(&opt.mode, "mode", "native", "native (ifx API, client \"ifx\"), sql (database/sql, client \"ifx-sql\") or sqlfloor (database/sql over a no-cost fake driver, client \"ifx-sql-floor\")")
	flag.StringVar(&opt.host, "host", envOr("IFX_HOST", "127.0.0.1"), "server host")
	flag.IntVar(&opt.port, "port", envInt("IFX_PORT", 9088), "server port")
	flag.StringVar(&opt.server, "server", envOr("IFX_SERVER", "informix"), "INFORMIXSERVER")
	flag.StringVar(&opt.database, "database", envOr("IFX_DATABASE", "testdb"), "database")
	flag.StringVar(&opt.user, "user", envOr("IFX_USER", "informix"), "user")
	flag.StringVar(&opt.password, "password", envOr("IFX_PASSWORD", "in4mix"), "password")
	wl := flag.String("workloads", envOr("IFX_BENCH_WORKLOADS", strings.Join(order, ",")), "comma-separated workloads")
	scale, _ := strconv.ParseFloat(envOr("IFX_BENCH_SCALE", "1"), 64)
	flag.Float64Var(&opt.scale, "scale", scale, "multiplies every run count")
	flag.IntVar(&opt.serverPid, "server-pid", envInt("IFX_BENCH_SERVER_PID", 0), "ifxtestd pid: report its CPU per workload")
	flag.IntVar(&opt.clkTck, "clk-tck", envInt("IFX_BENCH_CLK_TCK", 100), "clock ticks per second in /proc/PID/stat")
	flag.IntVar(&opt.fetchBuffer, "fetch-buffer", 0, "fetch buffer in bytes (0: the driver's default)")
	flag.Parse()
	opt.workloads = strings.Split(*wl, ",")

	mk, ok := modes[opt.mode]
	if !ok {
		fmt.Fprintf(os.Stderr, "goclient: unknown -mode %q\n", opt.mode)
		os.Exit(2)
	}
	c, err := mk()
	if err != nil {
		fmt.Fprintf(os.Stderr, "goclient: mode %s not available: %v\n", opt.mode, err)
		os.Exit(3)
	}
	ctx := context.Background()
	fail := func(w string, err error) {
		fmt.Fprintf(os.Stderr, "goclient %s: %s: %v\n", c.name(), w, err)
		b, _ := json.Marshal(ordered{{"client", c.name()}, {"workload", w}, {"error", err.Error()}})
		fmt.Println(string(b))
	}
	r, err := c.setup(ctx)
	if err != nil {
		fail("_setup", err)
		os.Exit(1)
	}
	fmt.Println(r.json(c.name()))
	all := c.workloads()
	failed := 0
	for _, w := range order {
		if !contains(opt.workloads, w) {
			continue
		}
		run, ok := all[w]
		if !ok { // not applicable to this mode: no line, like a client without the workload
			fmt.Fprintf(os.Stderr, "%s: %s: not applicable, skipped\n", c.name(), w)
			continue
		}
		fmt.Fprintf(os.Stderr, "%s: %s\n", c.name(), w)
		r, err := run(ctx)
		if err != nil {
			failed++
			fail(w, err)
			continue
		}
		fmt.Println(r.json(c.name()))
	}
	if failed > 0 {
		os.Exit(1)
	}
}

func contains(s []string, x string) bool {
	for _, e := range s {
		if e == x {
			return true
		}
	}
	return false
}
