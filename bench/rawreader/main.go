// Command rawreader is the physical limit of the fetch workloads
// (fetch100k, fetchwide): a client built from package sqli alone that logs
// in, prepares the same query as every other client, opens a cursor and
// runs the NFETCH loop, discarding the tuples undecoded. What it costs is
// the floor under any driver's CPU for consuming that byte stream.
//
//	rawreader [-host H] [-port P] [-server S] [-database D] [-user U] [-password W]
//	          [-rows 100000] [-bufsize 4096] [-warmup 3] [-runs 11] [-scale F]
//	          [-server-pid PID] [-clk-tck N] [-name rawreader] [-sql QUERY]
//	          [-workloads fetch100k,fetchwide,lob] [-lob=false] [-lob-exchange N]
//
// It prints one JSON line per workload asked for (-workloads, default
// all three) in the format of bench/README.md, with client "rawreader"
// (or -name), each workload on a connection of its own. lob (lob.go) is
// the lob workload's floor: its SQLI alone, with its parts measured
// apart (lob_socket.go).
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/ifxgo/ifx/bench/internal/benchclient"
	"github.com/ifxgo/ifx/sqli"
)

type client struct {
	nc   net.Conn
	rd   *sqli.Reader
	feat sqli.Features
	out  []byte
	low  *lowatSrc // lob's reads (lob.go), when asked for
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

func login(addr, user, password, server, database string, bufSize int) (_ *client, err error) {
	nc, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			nc.Close()
		}
	}()
	// The read buffer ifx uses for a bufSize fetch buffer (ifxconn/connect.go), so
	// that raw reader and driver make the same read system calls.
	c := &client{nc: nc, rd: sqli.NewReaderSize(nc, bufSize+4096)}
	req := sqli.NewConnRequest(user, password, server)
	req.Env = []sqli.EnvVar{{Name: "DBPATH", Value: "."}, {Name: "CLIENT_LOCALE", Value: "en_US.8859-1"}, {Name: "NODEFDAC", Value: "no"}}
	host, _ := os.Hostname()
	cwd, _ := os.Getwd()
	req.ProcessInfo = &sqli.ProcessInfo{PID: int32(os.Getpid()), ThreadID: 1, Host: host, Cwd: cwd}
	b, err := req.Encode(nil)
	if err != nil {
		return nil, err
	}
	if _, err := nc.Write(b); err != nil {
		return nil, err
	}
	pkt, err := c.rd.ReadPacket()
	if err != nil {
		return nil, err
	}
	var resp sqli.ConnResponse
	if err := resp.Decode(pkt); err != nil {
		return nil, err
	}
	if !resp.Accepted() {
		return nil, fmt.Errorf("login rejected: %d", resp.SvcError)
	}
	if err := c.send(&sqli.Protocols{Features: sqli.NewFeatures(sqli.JDBCOffer)}); err != nil {
		return nil, err
	}
	m, err := c.rd.ReadBackend()
	if err != nil {
		return nil, err
	}
	p, ok := m.(*sqli.Protocols)
	if !ok {
		return nil, fmt.Errorf("want SQ_PROTOCOLS, got %v", m.Tag())
	}
	c.feat = sqli.Negotiate(sqli.JDBCOffer, p.Features.Bytes())
	c.rd.SetFeatures(c.feat)
	if m, err := c.rd.ReadBackend(); err != nil || m.Tag() != sqli.TagEOT {
		return nil, fmt.Errorf("want SQ_EOT after SQ_PROTOCOLS: %v", err)
	}
	if _, _, _, err := c.roundTrip(&sqli.Info{Env: []sqli.EnvVar{{Name: "DBTEMP", Value: "/tmp"}}}); err != nil {
		return nil, err
	}
	if _, _, _, err := c.roundTrip(&sqli.DBOpen{Name: database}); err != nil {
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

func main() {
	var opt benchclient.Options
	opt.Register(flag.CommandLine)
	nrows := flag.Int("rows", 100000, "rows the fetch100k generator yields (with -sql: the query's row count)")
	bufSize := flag.Int("bufsize", 4096, "NFETCH buffer size in bytes (IBM JDBC and informix-driver use 4096)")
	warmup := flag.Int("warmup", 3, "untimed runs first")
	runs := flag.Int("runs", 11, "timed runs")
	name := flag.String("name", "rawreader", "client name in the JSON line")
	query := flag.String("sql", "", "run this query as fetch100k instead of the fetch100k one (-rows must match its row count)")
	wl := flag.String("workloads", benchclient.EnvOr("IFX_BENCH_WORKLOADS", "fetch100k,fetchwide,lob"), "comma-separated workloads; fetch100k, fetchwide and lob are the raw reader's")
	lob := flag.Bool("lob", true, "run the lob workload when asked for (its floor: lob.go)")
	peer := flag.String("lob-peer", "", "internal: be lob's socket peer at this address (lob_socket.go)")
	flag.Parse()
	if *peer != "" {
		if *exchange > 0 {
			rawLOExchange = *exchange
		}
		if err := lobPeer(*peer); err != nil {
			fmt.Fprintln(os.Stderr, "rawreader:", err)
			os.Exit(1)
		}
		return
	}
	asked := strings.Split(*wl, ",")
	w, n := opt.Runs(*warmup), opt.Runs(*runs)
	if *lob && slices.Contains(asked, "lob") {
		// lob's own run counts, as bench/goclient's (1 warm-up, 3 runs).
		line, err := lobWorkload(&opt, *name, opt.Runs(1), opt.Runs(3))
		if err != nil {
			fmt.Fprintln(os.Stderr, "rawreader:", err)
			fmt.Println(benchclient.ErrorLine(*name, "lob", err))
			os.Exit(1)
		}
		fmt.Println(line)
	}
	var todo []workload
	if slices.Contains(asked, "fetch100k") {
		sql := benchclient.Fetch5SQL(*nrows)
		if *query != "" {
			sql = *query
		}
		todo = append(todo, workload{"fetch100k", sql, *nrows})
	}
	if slices.Contains(asked, "fetchwide") {
		todo = append(todo, workload{"fetchwide", benchclient.FetchWideSQL(benchclient.WideRows, benchclient.WideCols), benchclient.WideRows})
	}
	if len(todo) == 0 {
		// Like a client that lacks the workloads asked for: no line.
		return
	}
	for i, q := range todo {
		// The first workload's line also declares a connection that only
		// logs in and out: bench/run.sh subtracts its request groups from
		// the measured connections'.
		line, err := q.run(&opt, *name, *bufSize, w, n, i == 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, "rawreader:", err)
			fmt.Println(benchclient.ErrorLine(*name, q.name, err))
			os.Exit(1)
		}
		fmt.Println(line)
	}
}

// workload is one fetch workload: its name, query and row count.
type workload struct {
	name string
	sql  string
	rows int
}

// run times w warm-up and n timed runs of q on a connection of its own
// (after a login-only connection when baseline is set) and returns the
// JSON line.
func (q workload) run(opt *benchclient.Options, name string, bufSize, w, n int, baseline bool) (string, error) {
	r := benchclient.NewResult(q.name)
	if baseline {
		c, err := login(opt.Addr(), opt.User, opt.Password, opt.Server, opt.Database, bufSize)
		if err != nil {
			return "", err
		}
		c.close()
		r.Conn("connect", 1, 1)
	}
	c, err := login(opt.Addr(), opt.User, opt.Password, opt.Server, opt.Database, bufSize)
	if err != nil {
		return "", err
	}
	defer c.close()
	var fetches int
	var tupleBytes int64
	err = opt.TimeOps(r, w, n, true, func(int) error {
		rows, b, f, err := c.query(q.sql, int32(bufSize))
		if err != nil {
			return err
		}
		if rows != q.rows {
			return fmt.Errorf("%d rows, want %d", rows, q.rows)
		}
		fetches, tupleBytes = f, b
		return nil
	})
	if err != nil {
		return "", err
	}
	r.Rows = int64(q.rows)
	r.Extra["fetch_round_trips"] = fetches
	r.Extra["tuple_bytes"] = tupleBytes
	r.Extra["fetch_buffer"] = bufSize
	r.Conn("measure", 1, w+n)
	return r.JSON(name), nil
}
