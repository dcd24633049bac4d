// Command rawreader is the physical limit of the fetch100k workload: a
// client built from package sqli alone that logs in, prepares the same
// 100,000-row query as every other client, opens a cursor and runs the
// NFETCH loop, discarding the tuples undecoded. What it costs is the floor
// under any driver's CPU for consuming that byte stream.
//
//	rawreader [-host H] [-port P] [-server S] [-database D] [-user U] [-password W]
//	          [-rows 100000] [-bufsize 4096] [-warmup 2] [-runs 5] [-server-pid PID] [-name rawreader]
//
// It prints one JSON line in the format of bench/README.md with client
// "rawreader" and workload "fetch100k".
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// The query text of the fetch100k workload (same in every client).
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

type client struct {
	nc   net.Conn
	rd   *sqli.Reader
	feat sqli.Features
	out  []byte
}

func (c *client) send(msgs ...sqli.Message) error {
	c.out = sqli.AppendGroup(c.out[:0], c.feat, msgs...)
	_, err := c.nc.Write(c.out)
	return err
}

// reply reads one response group. It returns the last SQ_DESCRIBE's
// statement id, the number of tuples and the tuple bytes.
func (c *client) reply() (stmtID int16, tuples int, bytes int64, err error) {
	for {
		m, err := c.rd.ReadBackend()
		if err != nil {
			return 0, 0, 0, err
		}
		switch m := m.(type) {
		case sqli.EOT:
			return stmtID, tuples, bytes, nil
		case *sqli.Tuple:
			tuples++
			bytes += int64(len(m.Data))
		case *sqli.Describe:
			stmtID = m.StmtID
		case *sqli.Err:
			e := *m
			// drain to SQ_EOT
			for {
				m2, err2 := c.rd.ReadBackend()
				if err2 != nil || m2.Tag() == sqli.TagEOT {
					break
				}
			}
			return 0, 0, 0, fmt.Errorf("SQLCODE %d ISAM %d near %q", e.SQLCode, e.ISAMCode, e.Near)
		}
	}
}

func (c *client) roundTrip(msgs ...sqli.Message) (int16, int, int64, error) {
	if err := c.send(msgs...); err != nil {
		return 0, 0, 0, err
	}
	return c.reply()
}

func login(addr, user, password, server, database string, bufSize int) (*client, error) {
	nc, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	// The read buffer ifx uses for a bufSize fetch buffer (connect.go), so
	// that raw reader and driver make the same read system calls.
	c := &client{nc: nc, rd: sqli.NewReaderSize(nc, bufSize+4096)}
	req := sqli.NewConnRequest(user, password, server)
	req.Env = []sqli.EnvVar{{Name: "DBPATH", Value: "."}, {Name: "CLIENT_LOCALE", Value: "en_US.8859-1"}, {Name: "NODEFDAC", Value: "no"}}
	host, _ := os.Hostname()
	cwd, _ := os.Getwd()
	req.ProcessInfo = &sqli.ProcessInfo{PID: int32(os.Getpid()), ThreadID: 1, Host: host, Cwd: cwd}
	b, err := req.Encode(nil)
	if err != nil {
		nc.Close()
		return nil, err
	}
	if _, err := nc.Write(b); err != nil {
		nc.Close()
		return nil, err
	}
	pkt, err := c.rd.ReadPacket()
	if err != nil {
		nc.Close()
		return nil, err
	}
	var resp sqli.ConnResponse
	if err := resp.Decode(pkt); err != nil {
		nc.Close()
		return nil, err
	}
	if !resp.Accepted() {
		nc.Close()
		return nil, fmt.Errorf("login rejected: %d", resp.SvcError)
	}
	if err := c.send(&sqli.Protocols{Features: sqli.NewFeatures(sqli.JDBCOffer)}); err != nil {
		nc.Close()
		return nil, err
	}
	m, err := c.rd.ReadBackend()
	if err != nil {
		nc.Close()
		return nil, err
	}
	p, ok := m.(*sqli.Protocols)
	if !ok {
		nc.Close()
		return nil, fmt.Errorf("want SQ_PROTOCOLS, got %v", m.Tag())
	}
	c.feat = sqli.Negotiate(sqli.JDBCOffer, p.Features.Bytes())
	c.rd.SetFeatures(c.feat)
	if m, err := c.rd.ReadBackend(); err != nil || m.Tag() != sqli.TagEOT {
		nc.Close()
		return nil, fmt.Errorf("want SQ_EOT after SQ_PROTOCOLS: %v", err)
	}
	if _, _, _, err := c.roundTrip(&sqli.Info{Env: []sqli.EnvVar{{Name: "DBTEMP", Value: "/tmp"}}}); err != nil {
		nc.Close()
		return nil, err
	}
	if _, _, _, err := c.roundTrip(&sqli.DBOpen{Name: database}); err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

// query runs the whole statement: PREPARE, open + first NFETCH, NFETCH
// until a reply brings no tuple, CLOSE, RELEASE.
func (c *client) query(sql string, bufSize int32) (rows int, bytes int64, fetches int, err error) {
	id, _, _, err := c.roundTrip(&sqli.Prepare{SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
	if err != nil {
		return 0, 0, 0, err
	}
	sid := &sqli.ID{StatementID: id}
	nf := &sqli.NFetch{BufSize: bufSize}
	msgs := []sqli.Message{sid, &sqli.CurName{Name: "_ifxraw0000000001"}, sqli.Open{}, sid, nf}
	for {
		fetches++
		_, n, b, err := c.roundTrip(msgs...)
		if err != nil {
			return rows, bytes, fetches, err
		}
		rows += n
		bytes += b
		if n == 0 {
			break
		}
		msgs = []sqli.Message{sid, nf}
	}
	if _, _, _, err := c.roundTrip(sid, sqli.Close{}); err != nil {
		return rows, bytes, fetches, err
	}
	_, _, _, err = c.roundTrip(sid, sqli.Release{})
	return rows, bytes, fetches, err
}

func (c *client) close() {
	c.send(sqli.Exit{})
	c.nc.SetReadDeadline(time.Now().Add(2 * time.Second))
	c.rd.ReadBackend()
	c.nc.Close()
}

func processCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func serverCPU(pid, clkTck int) int64 {
	if pid <= 0 {
		return -1
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return -1
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return (u + st) * (1e9 / int64(clkTck))
}

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

func main() {
	host := flag.String("host", envOr("IFX_HOST", "127.0.0.1"), "server host")
	port := flag.Int("port", envInt("IFX_PORT", 9088), "server port")
	server := flag.String("server", envOr("IFX_SERVER", "informix"), "INFORMIXSERVER")
	database := flag.String("database", envOr("IFX_DATABASE", "testdb"), "database")
	user := flag.String("user", envOr("IFX_USER", "informix"), "user")
	password := flag.String("password", envOr("IFX_PASSWORD", "in4mix"), "password")
	nrows := flag.Int("rows", 100000, "rows the generator yields")
	bufSize := flag.Int("bufsize", 4096, "NFETCH buffer size in bytes (IBM JDBC and informix-driver use 4096)")
	warmup := flag.Int("warmup", 2, "untimed runs first")
	runs := flag.Int("runs", 5, "timed runs")
	scale, _ := strconv.ParseFloat(envOr("IFX_BENCH_SCALE", "1"), 64)
	flag.Float64Var(&scale, "scale", scale, "multiplies -warmup and -runs")
	serverPid := flag.Int("server-pid", envInt("IFX_BENCH_SERVER_PID", 0), "ifxtestd pid: report its CPU")
	clkTck := flag.Int("clk-tck", envInt("IFX_BENCH_CLK_TCK", 100), "clock ticks per second of /proc/PID/stat")
	name := flag.String("name", "rawreader", "client name in the JSON line")
	query := flag.String("sql", "", "run this query instead of the fetch100k one (-rows must match its row count)")
	flag.Parse()
	scaled := func(n int) int { return max(1, int(math.Floor(float64(n)*scale+0.5))) }
	w, n := scaled(*warmup), scaled(*runs)

	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "rawreader:", err)
		json.NewEncoder(os.Stdout).Encode(map[string]any{"client": *name, "workload": "fetch100k", "error": err.Error()})
		os.Exit(1)
	}
	addr := net.JoinHostPort(*host, strconv.Itoa(*port))
	// A connection that only logs in and out: bench/run.sh subtracts its
	// request groups from the measured connection's.
	c, err := login(addr, *user, *password, *server, *database, *bufSize)
	if err != nil {
		fail(err)
	}
	c.close()
	c, err = login(addr, *user, *password, *server, *database, *bufSize)
	if err != nil {
		fail(err)
	}
	sql := fetch5SQL(*nrows)
	if *query != "" {
		sql = *query
	}
	var fetches int
	var tupleBytes int64
	for i := 0; i < w; i++ {
		if _, _, _, err := c.query(sql, int32(*bufSize)); err != nil {
			fail(err)
		}
	}
	wall := make([]int64, n)
	cpuRuns := make([]int64, n)
	s0, c0, t0 := serverCPU(*serverPid, *clkTck), processCPU(), time.Now()
	for i := 0; i < n; i++ {
		c1, a := processCPU(), time.Now()
		rows, b, f, err := c.query(sql, int32(*bufSize))
		wall[i] = int64(time.Since(a))
		cpuRuns[i] = processCPU() - c1
		if err != nil {
			fail(err)
		}
		if rows != *nrows {
			fail(fmt.Errorf("%d rows, want %d", rows, *nrows))
		}
		fetches, tupleBytes = f, b
	}
	total := int64(time.Since(t0))
	cpuNs := processCPU() - c0
	s1 := serverCPU(*serverPid, *clkTck)
	c.close()

	sorted := append([]int64(nil), wall...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	cs := append([]int64(nil), cpuRuns...)
	sort.Slice(cs, func(i, j int) bool { return cs[i] < cs[j] })
	var sum int64
	for _, x := range wall {
		sum += x
	}
	extra := map[string]any{
		"warmup": w, "wall_ns_min": sorted[0], "wall_ns_max": sorted[len(sorted)-1], "wall_ns_sum": sum,
		"wall_ns_total": total, "cpu_ns_per_op": cpuNs / int64(n), "cpu_ns_runs": cpuRuns, "cpu_ns_median": median(cs),
		"fetch_round_trips": fetches, "tuple_bytes": tupleBytes, "fetch_buffer": *bufSize,
		"conns": []map[string]any{{"role": "connect", "n": 1, "ops": 1}, {"role": "measure", "n": 1, "ops": w + n}},
	}
	if s0 >= 0 && s1 >= 0 {
		extra["server_cpu_ns"] = s1 - s0
	}
	out := map[string]any{
		"client": *name, "workload": "fetch100k", "runs": n,
		"wall_ns_median": median(sorted), "wall_ns_p50": rank(sorted, 0.5), "wall_ns_p99": rank(sorted, 0.99),
		"cpu_ns": cpuNs, "rows": *nrows, "extra": extra,
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(errors.New("write: " + err.Error()))
	}
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
