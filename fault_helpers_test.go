package ifx_test

// Shared pieces of the fault-injection suite (fault_*_test.go): a
// scripted workload that touches every kind of exchange — login, DDL,
// INSERT … SELECT, BEGIN, PREPARE, BIND+EXECUTE, COMMIT, RELEASE, a
// query fetched in several NFETCH batches, SQ_EXIT — and the checks every
// fault case must pass.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// faultRow is one row of the workload's table.
type faultRow struct {
	id   int
	name string
}

// faultRows is what the workload's query must return, in order: the 42
// rows INSERT … SELECT makes from systables (ids a*100+b for tabids a in
// 1..6, b in 1..7), then the row bound by the prepared INSERT.
func faultRows() []faultRow {
	var out []faultRow
	for a := 1; a <= 6; a++ {
		for b := 1; b <= 7; b++ {
			id := a*100 + b
			out = append(out, faultRow{id, fmt.Sprintf("r%d", id)})
		}
	}
	return append(out, faultRow{9999, "bound-9999"})
}

// errWrongResult marks a result that differs from the expected one: the
// one outcome no fault may ever produce.
var errWrongResult = errors.New("WRONG RESULT")

// faultRun records how far the workload got.
type faultRun struct {
	step string
	conn *ifx.Conn
	rows []faultRow // rows read so far, checked one by one
	// openAtReturn: the connection was still open when the workload
	// returned (before its deferred Close).
	openAtReturn bool
}

// faultFetchBuffer makes the 43-row query take several NFETCH batches
// (about 10 rows each).
const faultFetchBuffer = 256

// faultConfig parses dsn with the workload's fetch buffer.
func faultConfig(t testing.TB, dsn string) *ifx.Config {
	t.Helper()
	cfg, err := ifx.ParseConfig(dsn + fmt.Sprintf("&fetch_buffer=%d", faultFetchBuffer))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// runFaultWorkload runs the workload on a new connection made with cfg.
// It returns nil only if every step gave exactly the expected result.
func runFaultWorkload(ctx context.Context, cfg *ifx.Config, run *faultRun) error {
	want := faultRows()
	run.step = "connect"
	c, err := ifx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	run.conn = c
	defer c.Close(context.Background())
	// Runs before the deferred Close: whether the error left the
	// connection open.
	defer func() { run.openAtReturn = !c.IsClosed() }()

	run.step = "create"
	if _, err := c.Exec(ctx, "CREATE TABLE ft (id INTEGER, name VARCHAR(40))"); err != nil {
		return err
	}
	run.step = "insert-select"
	tag, err := c.Exec(ctx, "INSERT INTO ft SELECT a.tabid * 100 + b.tabid, 'r' || (a.tabid * 100 + b.tabid) FROM systables a, systables b WHERE a.tabid <= 6 AND b.tabid <= 7")
	if err != nil {
		return err
	}
	if tag.RowsAffected() != 42 {
		return fmt.Errorf("%w: INSERT … SELECT affected %d rows", errWrongResult, tag.RowsAffected())
	}
	run.step = "begin"
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	run.step = "prepare"
	st, err := tx.Prepare(ctx, "INSERT INTO ft VALUES (?, ?)")
	if err != nil {
		return err
	}
	run.step = "bind-execute"
	tag, err = st.Exec(ctx, 9999, "bound-9999")
	if err != nil {
		return err
	}
	if tag.RowsAffected() != 1 {
		return fmt.Errorf("%w: bound INSERT affected %d rows", errWrongResult, tag.RowsAffected())
	}
	run.step = "commit"
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	run.step = "release"
	if err := st.Close(ctx); err != nil {
		return err
	}
	run.step = "query"
	rows, err := c.Query(ctx, "SELECT id, name FROM ft WHERE id > ? ORDER BY id", 0)
	if err != nil {
		return err
	}
	defer rows.Close()
	run.step = "fetch"
	for rows.Next() {
		var r faultRow
		if err := rows.Scan(&r.id, &r.name); err != nil {
			return err
		}
		i := len(run.rows)
		if i >= len(want) || r != want[i] {
			exp := "nothing"
			if i < len(want) {
				exp = fmt.Sprint(want[i])
			}
			return fmt.Errorf("%w: row %d is %v, want %s", errWrongResult, i, r, exp)
		}
		run.rows = append(run.rows, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(run.rows) != len(want) {
		return fmt.Errorf("%w: %d rows, want %d", errWrongResult, len(run.rows), len(want))
	}
	run.step = "close"
	return c.Close(ctx)
}

// checkFaultOutcome applies the rules every fault case obeys: the call
// returned (no hang) within limit; no wrong result; an error means a
// connection error and a closed connection; rows read before the fault
// are still the expected prefix. It returns whether the workload failed.
func checkFaultOutcome(t *testing.T, name string, run *faultRun, err error, elapsed, limit time.Duration) bool {
	t.Helper()
	if elapsed > limit {
		t.Errorf("%s: returned after %v (limit %v), step %s, err %v", name, elapsed, limit, run.step, err)
	}
	if errors.Is(err, errWrongResult) {
		t.Errorf("%s: %v", name, err)
		return true
	}
	want := faultRows()
	for i, r := range run.rows {
		if r != want[i] {
			t.Errorf("%s: row %d read before the fault changed to %v", name, i, r)
		}
	}
	if err == nil {
		return false
	}
	if !ifx.IsConnectionLost(err) {
		t.Errorf("%s: step %s: error is not a connection error: %T %v", name, run.step, err, err)
	}
	if run.conn != nil && run.openAtReturn {
		t.Errorf("%s: step %s: connection still open after %v", name, run.step, err)
	}
	if strings.Contains(err.Error(), "in4mix") {
		t.Errorf("%s: error shows the password: %v", name, err)
	}
	return true
}

// faultBaseline runs the workload on a healthy server and returns the
// number of request groups it sends after the association (the login's
// three included) and the bytes each way, counted by a dialer wrapper.
func faultBaseline(t *testing.T) (groups int, s2c, c2s int64) {
	t.Helper()
	srv := ifxtest.NewServer(t)
	var cr, cw atomic.Int64
	cfg := faultConfig(t, srv.DSN("testdb"))
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		nc, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &faultByteConn{Conn: nc, r: &cr, w: &cw}, nil
	}
	var run faultRun
	if err := runFaultWorkload(ctxT(t), cfg, &run); err != nil {
		t.Fatalf("baseline: step %s: %v", run.step, err)
	}
	st := srv.Stats()
	return st[len(st)-1].RequestGroups, cr.Load(), cw.Load()
}

type faultByteConn struct {
	net.Conn
	r, w *atomic.Int64
}

func (c *faultByteConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.r.Add(int64(n))
	return n, err
}

func (c *faultByteConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.w.Add(int64(n))
	return n, err
}

// proxyDSN returns srv's DSN for database with the address of p.
func faultProxyDSN(srv *ifxtest.Server, p *faultproxy.Proxy, database string) string {
	return strings.Replace(srv.DSN(database), srv.Addr(), p.Addr(), 1)
}

func newFaultProxy(t *testing.T, target string) *faultproxy.Proxy {
	t.Helper()
	p, err := faultproxy.New(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// faultWatch runs f and returns its error and duration. If f is still
// running after limit + 10 s it reports a hang, calls unblock (which
// must break the connection) and waits for f to return, so a removed
// protection fails the test instead of hanging it.
func faultWatch(t *testing.T, name string, limit time.Duration, f func() error, unblock func()) (error, time.Duration) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err, time.Since(start)
	case <-time.After(limit + 10*time.Second):
		t.Errorf("%s: HUNG: still running after %v (limit %v)", name, time.Since(start), limit)
		unblock()
		return <-done, time.Since(start)
	}
}

// faultParallel runs f(0) … f(n-1) on three workers: each case waits on
// loopback round trips, so a few at once keep two cores busy.
func faultParallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// runFaultServer runs the fault workload against a server of its own
// with faults set, and returns what the workload reached, its error and
// how long it took.
func runFaultServer(t *testing.T, faults ifxtest.Faults) (faultRun, error, time.Duration) {
	srv, stop := startFaultServer(t, faults)
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var run faultRun
	start := time.Now()
	err := runFaultWorkload(ctx, faultConfig(t, srv.DSN("testdb")), &run)
	return run, err, time.Since(start)
}
