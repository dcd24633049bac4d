// Package benchclient is what the Go clients of bench/run.sh (goclient and
// rawreader) share: the flags and JSON lines of the client contract in
// bench/README.md, the timing of a workload's runs with the CPU they cost,
// and the fetch100k query text. Keeping one copy means both report their
// numbers exactly alike, which the harness and the report rely on when they
// put them side by side.
package benchclient

import (
	"flag"
	"math"
	"net"
	"os"
	"strconv"
	"strings"
)

// Options are the flags every client of the contract takes. Each falls back
// to the environment the harness sets, so a client also runs by hand with
// no flags at all.
type Options struct {
	Host, Server, Database, User, Password string
	Port                                   int
	// Scale multiplies every run count (warm-up and timed); see Runs.
	Scale float64
	// ServerPID is ifxtestd's pid; 0 reports no server CPU.
	ServerPID int
	// ClkTck converts /proc/PID/stat's clock ticks to time.
	ClkTck int
}

// Register defines the contract's flags on fs with the environment's values
// as defaults.
func (o *Options) Register(fs *flag.FlagSet) {
	fs.StringVar(&o.Host, "host", EnvOr("IFX_HOST", "127.0.0.1"), "server host")
	fs.IntVar(&o.Port, "port", EnvInt("IFX_PORT", 9088), "server port")
	fs.StringVar(&o.Server, "server", EnvOr("IFX_SERVER", "informix"), "INFORMIXSERVER")
	fs.StringVar(&o.Database, "database", EnvOr("IFX_DATABASE", "testdb"), "database")
	fs.StringVar(&o.User, "user", EnvOr("IFX_USER", "informix"), "user")
	fs.StringVar(&o.Password, "password", EnvOr("IFX_PASSWORD", "in4mix"), "password")
	// A malformed IFX_BENCH_SCALE gives 0, which Runs turns into one run
	// each: the cheapest way to notice.
	scale, _ := strconv.ParseFloat(EnvOr("IFX_BENCH_SCALE", "1"), 64)
	fs.Float64Var(&o.Scale, "scale", scale, "multiplies every run count (warm-up and timed)")
	fs.IntVar(&o.ServerPID, "server-pid", EnvInt("IFX_BENCH_SERVER_PID", 0), "ifxtestd pid: report its CPU per workload")
	fs.IntVar(&o.ClkTck, "clk-tck", EnvInt("IFX_BENCH_CLK_TCK", 100), "clock ticks per second of /proc/PID/stat")
}

// Runs scales a run count, rounding to nearest and keeping at least one run
// so that even a tiny smoke-test scale yields a result line.
func (o *Options) Runs(n int) int { return max(1, int(math.Floor(float64(n)*o.Scale+0.5))) }

// Addr is the server's host:port.
func (o *Options) Addr() string { return net.JoinHostPort(o.Host, strconv.Itoa(o.Port)) }

// EnvOr returns the environment variable name, or def when it is unset or
// empty: the harness passes settings this way rather than as flags.
func EnvOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// EnvInt is EnvOr for integers; a value that does not parse counts as unset.
func EnvInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

// Expr5 are the five generator expressions of the fetch workloads and of
// bench_kv (INTEGER, BIGINT, VARCHAR(32), DECIMAL(12,2), DATETIME YEAR TO
// SECOND). The JDBC and Python clients repeat the text: keep it in sync.
var Expr5 = []string{
	"value",
	"CAST(value AS BIGINT) * 1000000000",
	"CAST('name' || value AS VARCHAR(32))",
	"CAST(value * 1234 / 100 AS DECIMAL(12,2))",
	"DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND",
}

// Names5 are the column names of Fetch5SQL, those of bench_kv.
var Names5 = []string{"id", "b", "name", "amount", "ts"}

// Fetch5SQL is the fetch100k query for n rows.
func Fetch5SQL(n int) string {
	cols := make([]string, len(Expr5))
	for i := range Expr5 {
		cols[i] = Expr5[i] + " AS " + Names5[i]
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM TABLE(ifx_generate(" + strconv.Itoa(n) + ")) AS g(value)"
}

// FetchWideSQL is the fetchwide query: n rows of ncols columns, the five
// expressions of Expr5 repeated (c1 … cN).
func FetchWideSQL(n, ncols int) string {
	cols := make([]string, ncols)
	for i := range cols {
		cols[i] = Expr5[i%5] + " AS c" + strconv.Itoa(i+1)
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM TABLE(ifx_generate(" + strconv.Itoa(n) + ")) AS g(value)"
}

// Wide workload's shape (fetchwide): rows and columns.
const WideRows, WideCols = 10000, 100
