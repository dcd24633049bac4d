package stdlib_test

import (
	"context"
	"database/sql"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/testenv"
	"github.com/ifxgo/ifx/stdlib"
)

// The tests run against a fresh ifxtest server each, or against the real
// Informix named by IFX_TEST_DSN (its database replaced by the one a test
// asks for); tests that need the fake server's fault injection or
// statistics skip there.

// testServer returns the DSN of the test server for database and the
// ifxtest server (nil against a real server).
func testServer(t testing.TB, database string, cfgs ...ifxtest.Config) (string, *ifxtest.Server) {
	t.Helper()
	return testenv.Server(t, database, cfgs...)
}

func realServer() bool { return testenv.Real() }

// needFake skips a test that needs ifxtest's faults or statistics.
func needFake(t testing.TB) {
	t.Helper()
	if realServer() {
		t.Skip("needs the ifxtest server (fault injection, statistics)")
	}
}

func ctxT(t testing.TB) context.Context { return testenv.Context(t, 30*time.Second) }

// openDB opens dsn with database/sql and closes it when the test ends.
func openDB(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("informix", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// newDB is openDB on a fresh test server's testdb.
func newDB(t testing.TB) (*sql.DB, *ifxtest.Server) {
	t.Helper()
	dsn, srv := testServer(t, "testdb")
	return openDB(t, dsn), srv
}

// table creates table name (dropping a leftover first) and drops it when
// the test ends.
func table(t testing.TB, db *sql.DB, name, columns string) {
	t.Helper()
	ctx := ctxT(t)
	if _, err := db.ExecContext(ctx, "DROP TABLE IF EXISTS "+name); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE "+name+" "+columns); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		db.ExecContext(ctx, "DROP TABLE IF EXISTS "+name)
	})
}

// groupsOf returns the request groups (round trips) each server
// connection received so far, in accept order.
func groupsOf(srv *ifxtest.Server) []int {
	var out []int
	for _, st := range srv.Stats() {
		out = append(out, st.RequestGroups)
	}
	return out
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// waitClosed waits until the server has closed connection id (1-based).
func waitClosed(t testing.TB, srv *ifxtest.Server, id int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		st := srv.Stats()
		if len(st) >= id && st[id-1].Closed {
			time.Sleep(10 * time.Millisecond) // let the FIN reach the client socket
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("server connection %d still open", id)
}

func count(t testing.TB, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, tbl string) int {
	t.Helper()
	var n int
	if err := q.QueryRowContext(ctxT(t), "SELECT COUNT(*) FROM "+tbl).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", tbl, err)
	}
	return n
}

func contains(err error, s string) bool { return err != nil && strings.Contains(err.Error(), s) }

// writeCounter counts the writes of every connection a *sql.DB makes:
// each exchange with the server (a round trip) is one write.
type writeCounter struct{ n atomic.Int64 }

// countingConn counts writes; its embedded *net.TCPConn keeps
// SyscallConn, so ifx.Conn.CheckConn can still peek at the socket.
type countingConn struct {
	*net.TCPConn
	wc *writeCounter
}

func (c countingConn) Write(b []byte) (int, error) {
	c.wc.n.Add(1)
	return c.TCPConn.Write(b)
}

// opaqueConn hides the socket: CheckConn cannot peek through it.
type opaqueConn struct{ net.Conn }

// dbWithDialer opens dsn with wrap applied to every connection dialled.
func dbWithDialer(t testing.TB, dsn string, wrap func(*net.TCPConn) net.Conn) *sql.DB {
	t.Helper()
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return wrap(nc.(*net.TCPConn)), nil
	}
	db := stdlib.OpenDB(*cfg)
	t.Cleanup(func() { db.Close() })
	return db
}

// countingDB opens dsn with a dialer that counts writes.
func countingDB(t testing.TB, dsn string) (*sql.DB, *writeCounter) {
	t.Helper()
	wc := &writeCounter{}
	db := dbWithDialer(t, dsn, func(tc *net.TCPConn) net.Conn { return countingConn{TCPConn: tc, wc: wc} })
	return db, wc
}

// loginCost returns the request groups and reply bytes of a connection's
// login after the association (SQ_PROTOCOLS, SQ_INFO, SQ_DBOPEN of
// testdb), which ifxtest's Faults and Stats count like any other.
func loginCost(t testing.TB) (groups int, bytesOut int64) {
	t.Helper()
	srv := ifxtest.NewServer(t)
	c, err := ifx.Connect(ctxT(t), srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	// The server counts a reply's bytes right after writing it: wait
	// until the numbers settle.
	var last ifxtest.ConnStats
	for stable := 0; stable < 5; {
		time.Sleep(5 * time.Millisecond)
		st := srv.Stats()[0]
		if st == last {
			stable++
		} else {
			stable, last = 0, st
		}
	}
	return last.RequestGroups, last.BytesOut
}
