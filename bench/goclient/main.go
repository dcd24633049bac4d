// Command goclient is the ifx client of bench/run.sh: the same workloads as
// bench/jdbc and bench/python, through the native API (-mode native, client
// name "ifx") or through database/sql (-mode sql, client name "ifx-sql").
// -mode sqlcopyin (client "ifx-sql-copyin", sqlcopyin.go) runs only insert,
// through stdlib.CopyIn. -mode sqlfloor (client "ifx-sql-floor", floor.go) runs only fetch100k and
// fetchwide, through database/sql over an in-process driver that costs
// nothing: database/sql's own share, no server involved.
//
// CLI contract (shared with the JDBC and Python clients; see bench/README.md):
//
//	goclient -mode native|sql|sqlcopyin|sqlfloor [-host H] [-port P] [-server S] [-database D]
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
	"flag"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ifxgo/ifx/bench/internal/benchclient"
)

// ---------------------------------------------------------------- options

type options struct {
	benchclient.Options
	mode        string
	fetchBuffer int
	workloads   []string
}

var opt options

// dsn is the URL form of ParseConfig.
func (o *options) dsn() string {
	u := "informix://" + url.PathEscape(o.User) + ":" + url.PathEscape(o.Password) + "@" +
		o.Addr() + "/" + url.PathEscape(o.Database) + "?server=" + url.QueryEscape(o.Server)
	if o.fetchBuffer > 0 {
		u += "&fetch_buffer=" + strconv.Itoa(o.fetchBuffer)
	}
	return u
}

// ---------------------------------------------------------------- the modes

// workload runs one workload on connections of its own and declares them
// with Result.Conn in the order it opened them.
type workload = func(ctx context.Context) (*benchclient.Result, error)

// client is one way of using the driver.
type client interface {
	name() string
	setup(ctx context.Context) (*benchclient.Result, error)
	// workloads leaves out those that do not apply to the mode.
	workloads() map[string]workload
}

// modes maps -mode to a constructor (native.go, sql.go, floor.go); a constructor
// that fails makes the client exit 3, "not available".
var modes = map[string]func() (client, error){}

var order = []string{"connect", "select1", "lookup", "fetch100k", "fetchwide", "insert", "pool", "lob"}

func main() {
	opt.Register(flag.CommandLine)
	flag.StringVar(&opt.mode, "mode", "native", "native (ifx API, client \"ifx\"), sql (database/sql, client \"ifx-sql\"), sqlcopyin (database/sql's stdlib.CopyIn, client \"ifx-sql-copyin\", insert only) or sqlfloor (database/sql over a no-cost fake driver, client \"ifx-sql-floor\")")
	wl := flag.String("workloads", benchclient.EnvOr("IFX_BENCH_WORKLOADS", strings.Join(order, ",")), "comma-separated workloads")
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
		fmt.Println(benchclient.ErrorLine(c.name(), w, err))
	}
	r, err := c.setup(ctx)
	if err != nil {
		fail("_setup", err)
		os.Exit(1)
	}
	fmt.Println(r.JSON(c.name()))
	all := c.workloads()
	failed := 0
	for _, w := range order {
		if !slices.Contains(opt.workloads, w) {
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
		fmt.Println(r.JSON(c.name()))
	}
	if failed > 0 {
		os.Exit(1)
	}
}
