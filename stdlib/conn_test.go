package stdlib_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
	"github.com/ifxgo/ifx/stdlib"
)

// proxied returns a DSN that reaches the test server through a fault
// proxy.
func proxied(t *testing.T, dsn string) (string, *faultproxy.Proxy) {
	t.Helper()
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p, err := faultproxy.New(cfg.Hosts[0].String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return strings.Replace(dsn, cfg.Hosts[0].String(), p.Addr(), 1), p
}

// TestKilledConnectionDiscarded: the server side of an idle pooled
// connection goes away (a server restart, a network reset); the next
// statement runs on a new connection without the application noticing.
func TestKilledConnectionDiscarded(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	pdsn, proxy := proxied(t, dsn)
	db := openDB(t, pdsn)
	db.SetMaxOpenConns(2)
	ctx := ctxT(t)
	table(t, db, "sql_kill", "(a INTEGER)")
	for round := range 3 {
		// Two idle connections in the pool.
		c1, _ := db.Conn(ctx)
		c2, _ := db.Conn(ctx)
		for _, c := range []*sql.Conn{c1, c2} {
			if err := c.PingContext(ctx); err != nil {
				t.Fatal(err)
			}
			c.Close()
		}
		before := proxy.Connections()
		proxy.KillAll()
		time.Sleep(50 * time.Millisecond) // the FINs reach the client sockets
		if _, err := db.ExecContext(ctx, "INSERT INTO sql_kill VALUES (?)", round); err != nil {
			t.Fatalf("round %d: statement after the kill: %v", round, err)
		}
		if got := proxy.Connections() - before; got != 1 {
			t.Errorf("round %d: %d new connections, want 1", round, got)
		}
		if n := count(t, db, "sql_kill"); n != round+1 {
			t.Fatalf("round %d: %d rows", round, n)
		}
	}
	if st := db.Stats(); st.OpenConnections > 2 {
		t.Errorf("%d open connections", st.OpenConnections)
	}
}

// TestServerDropsConnection: ifxtest closes every connection after its
// third request group after login; database/sql discards the dead connection and
// reconnects for the next statement, which runs exactly once.
func TestServerDropsConnection(t *testing.T) {
	needFake(t)
	login, _ := loginCost(t)
	dsn, srv := testServer(t, "testdb", ifxtest.Config{Faults: ifxtest.Faults{DropAfterGroups: login + 3}})
	db := openDB(t, dsn)
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	for i := range 3 { // one request group each, nothing left pending
		if _, err := db.ExecContext(ctx, "SET LOCK MODE TO NOT WAIT"); err != nil {
			t.Fatalf("exec %d: %v", i, err)
		}
	}
	waitClosed(t, srv, 1)
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM systables WHERE tabid = ?", 1).Scan(&n); err != nil || n != 1 {
		t.Fatalf("after the drop: %d %v (groups %v, login %d)", n, err, groupsOf(srv), login)
	}
	// Login, three statements; login, PREPARE, OPEN+FETCH.
	g := groupsOf(srv)
	if len(g) != 2 || g[0] != login+3 || g[1] != login+2 {
		t.Errorf("request groups per connection %v, want [%d %d]: the query ran once, on the new connection", g, login+3, login+2)
	}

	// The server going away altogether and coming back.
	addr := srv.Addr()
	srv.Close()
	if err := db.PingContext(ctx); err == nil {
		t.Fatal("ping with the server down succeeded")
	}
	srv2, err := ifxtest.Start(ifxtest.Config{Addr: addr})
	if err != nil {
		t.Skipf("cannot restart on %s: %v", addr, err)
	}
	defer srv2.Close()
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM systables WHERE tabid = 1").Scan(&n); err != nil {
		t.Fatalf("after the restart: %v", err)
	}
}

// TestNoRetryAfterSend: a statement whose request reached the server is
// never retried, even though the connection broke before the answer:
// database/sql would otherwise run it again on a new connection.
func TestNoRetryAfterSend(t *testing.T) {
	needFake(t)
	login, loginBytes := loginCost(t)
	for _, tc := range []struct {
		name   string
		groups int // request groups the statement sends
		run    func(ctx context.Context, db *sql.DB) error
	}{
		{"Exec", 1, func(ctx context.Context, db *sql.DB) error {
			_, err := db.ExecContext(ctx, "INSERT INTO t VALUES (1)")
			return err
		}},
		{"Exec with args", 1, func(ctx context.Context, db *sql.DB) error {
			_, err := db.ExecContext(ctx, "INSERT INTO t VALUES (?)", 1)
			return err
		}},
		{"Query", 1, func(ctx context.Context, db *sql.DB) error {
			rows, err := db.QueryContext(ctx, "SELECT tabid FROM systables")
			if err == nil {
				rows.Close()
			}
			return err
		}},
		// BEGIN is the exception: TestBeginLostWithItsConnectionIsRetried.
		{"Prepare", 1, func(ctx context.Context, db *sql.DB) error {
			st, err := db.PrepareContext(ctx, "SELECT tabid FROM systables")
			if err == nil {
				st.Close()
			}
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Every connection is cut one byte into the reply to its first
			// request after login.
			dsn, srv := testServer(t, "testdb", ifxtest.Config{Faults: ifxtest.Faults{DropAfterBytes: int(loginBytes) + 1}})
			db := openDB(t, dsn)
			err := tc.run(ctxT(t), db)
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, driver.ErrBadConn) {
				t.Errorf("ErrBadConn after the request was sent: %v", err)
			}
			if !ifx.IsConnectionLost(err) {
				t.Errorf("not a lost connection: %v", err)
			}
			if g := groupsOf(srv); len(g) != 1 || g[0] != login+tc.groups {
				t.Errorf("request groups per connection %v, want [%d]: the statement was retried", g, login+tc.groups)
			}
		})
	}
}

// TestBadConnWhenNothingSent: on a connection that is already closed, a
// statement returns driver.ErrBadConn without writing anything, and
// database/sql runs it on another connection.
func TestBadConnWhenNothingSent(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	ctx := ctxT(t)

	// The driver level, counting what is written.
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	wc := &writeCounter{}
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{TCPConn: nc.(*net.TCPConn), wc: wc}, nil
	}
	dc, err := stdlib.GetConnector(*cfg).Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := dc.(*stdlib.Conn)
	c.Conn().Close(ctx)
	written := wc.n.Load()
	if c.IsValid() {
		t.Error("IsValid on a closed connection")
	}
	if err := c.ResetSession(ctx); !errors.Is(err, driver.ErrBadConn) {
		t.Errorf("ResetSession: %v", err)
	}
	for name, f := range map[string]func() error{
		"Exec":    func() error { _, err := c.ExecContext(ctx, "DELETE FROM x", nil); return err },
		"Query":   func() error { _, err := c.QueryContext(ctx, "SELECT 1 FROM x", nil); return err },
		"Prepare": func() error { _, err := c.PrepareContext(ctx, "SELECT 1 FROM x"); return err },
		"BeginTx": func() error { _, err := c.BeginTx(ctx, driver.TxOptions{}); return err },
		"Ping":    func() error { return c.Ping(ctx) },
	} {
		err := f()
		if !errors.Is(err, driver.ErrBadConn) || !errors.Is(err, ifx.ErrConnClosed) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if got := wc.n.Load() - written; got != 0 {
		t.Errorf("%d writes on a closed connection", got)
	}

	// Through database/sql: a connection whose native Conn was closed
	// (through AcquireConn) is not put back, and a prepared statement
	// bound to it is re-prepared elsewhere.
	db := openDB(t, dsn)
	db.SetMaxOpenConns(1)
	st, err := db.PrepareContext(ctx, "SELECT COUNT(*) FROM systables WHERE tabid = ?")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ic, release, err := stdlib.AcquireConn(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ic.Close(ctx)
	release()
	var n int
	if err := st.QueryRowContext(ctx, 1).Scan(&n); err != nil || n != 1 {
		t.Fatalf("after the close: %d %v", n, err)
	}
	if st := db.Stats(); st.OpenConnections != 1 {
		t.Errorf("%d open connections", st.OpenConnections)
	}
}

// TestContextCancel: a cancelled context through database/sql returns
// context.Canceled, and the pool stays healthy: the connection survives an
// acknowledged interrupt and is reused.
func TestContextCancel(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	db := openDB(t, dsn)
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	table(t, db, "sql_big", "(id INTEGER)")
	if _, err := db.ExecContext(ctx, "INSERT INTO sql_big SELECT value FROM TABLE(ifx_generate(200)) AS g(value)"); err != nil {
		// A real server has no ifx_generate: insert the rows one by one.
		st, err := db.PrepareContext(ctx, "INSERT INTO sql_big VALUES (?)")
		if err != nil {
			t.Fatal(err)
		}
		for i := range 200 {
			if _, err := st.ExecContext(ctx, i); err != nil {
				t.Fatal(err)
			}
		}
		st.Close()
	}
	long := "SELECT COUNT(*) FROM sql_big a, sql_big b, sql_big c, sql_big d WHERE a.id + b.id + c.id + d.id > 0"

	// Already cancelled: nothing is sent.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.QueryContext(cctx, "SELECT 1 FROM systables"); !errors.Is(err, context.Canceled) {
		t.Errorf("pre-cancelled Query: %v", err)
	}
	if _, err := db.ExecContext(cctx, "DELETE FROM sql_big"); !errors.Is(err, context.Canceled) {
		t.Errorf("pre-cancelled Exec: %v", err)
	}

	// Cancelled while the server works.
	cctx, cancel = context.WithCancel(ctx)
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	var n int
	err := db.QueryRowContext(cctx, long).Scan(&n)
	if !errors.Is(err, context.Canceled) || !ifx.IsInterrupted(err) {
		t.Fatalf("cancelled query: %v", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("the interrupt took %v", el)
	}
	cctx, cancel = context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if _, err := db.ExecContext(cctx, "UPDATE sql_big SET id = id WHERE id IN (SELECT a.id FROM sql_big a, sql_big b, sql_big c, sql_big d WHERE a.id + b.id + c.id + d.id < 0)"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("timed-out Exec: %v", err)
	}

	// Cancelled while the application iterates: database/sql closes the
	// Rows; the connection stays.
	cctx, cancel = context.WithCancel(ctx)
	rows, err := db.QueryContext(cctx, "SELECT a.id FROM sql_big a, sql_big b")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next()
	cancel()
	for rows.Next() {
	}
	if err := rows.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("iteration after cancel: %v", err)
	}
	rows.Close()

	// The pool is healthy, on the same connection.
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sql_big").Scan(&n); err != nil || n != 200 {
		t.Fatalf("after the cancellations: %d %v", n, err)
	}
	if srv != nil && len(srv.Stats()) != 1 {
		t.Errorf("%d connections: a cancellation cost the connection", len(srv.Stats()))
	}
	if st := db.Stats(); st.OpenConnections != 1 {
		t.Errorf("%d open connections", st.OpenConnections)
	}
}

func TestNamedArgumentsRejected(t *testing.T) {
	db, srv := newDB(t)
	ctx := ctxT(t)
	before := 0
	if srv != nil {
		db.PingContext(ctx)
		before = sum(groupsOf(srv))
	}
	_, err := db.ExecContext(ctx, "SELECT tabid FROM systables WHERE tabid = ?", sql.Named("id", 1))
	if !contains(err, "sql.Named is not supported") || !contains(err, `"id"`) {
		t.Errorf("sql.Named: %v", err)
	}
	_, err = db.QueryContext(ctx, "SELECT tabid FROM systables WHERE tabid = ?", sql.Named("id", 1))
	if !contains(err, "sql.Named is not supported") {
		t.Errorf("sql.Named in Query: %v", err)
	}
	var out int
	_, err = db.ExecContext(ctx, "EXECUTE PROCEDURE p(?)", sql.Out{Dest: &out})
	if !contains(err, "output parameters are not supported") {
		t.Errorf("sql.Out: %v", err)
	}
	// Types neither the driver nor database/sql can send (a slice or a
	// struct with exported fields binds as a collection or ROW; these
	// cannot).
	_, err = db.ExecContext(ctx, "SELECT tabid FROM systables WHERE tabid = ?", struct{ x int }{1})
	if err == nil {
		t.Error("a struct argument without exported fields was accepted")
	}
	_, err = db.ExecContext(ctx, "SELECT tabid FROM systables WHERE tabid = ?", []chan int{make(chan int)})
	if !contains(err, "cannot be a composite element") {
		t.Errorf("a []chan int argument: %v", err)
	}
	if srv != nil {
		if got := sum(groupsOf(srv)) - before; got != 0 {
			t.Errorf("%d request groups for rejected arguments", got)
		}
	}
}

func TestRawAndAcquireConn(t *testing.T) {
	db, _ := newDB(t)
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	table(t, db, "sql_raw", "(a INTEGER)")
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = sc.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		if info := c.DatabaseInfo(); info.Name != "testdb" && !realServer() {
			t.Errorf("DatabaseInfo %+v", info)
		}
		tag, err := c.Exec(ctx, "INSERT INTO sql_raw VALUES (?)", 7)
		if err != nil {
			return err
		}
		if !tag.Insert() || tag.RowsAffected() != 1 {
			t.Errorf("tag %v", tag)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The driver's Result and Rows give the native values too.
	sc.Raw(func(dc any) error {
		res, err := dc.(driver.ExecerContext).ExecContext(ctx, "UPDATE sql_raw SET a = 8", nil)
		if err != nil {
			t.Fatal(err)
		}
		if tag := res.(stdlib.Result).CommandTag(); !tag.Update() || tag.RowsAffected() != 1 {
			t.Errorf("Result.CommandTag %v", tag)
		}
		rows, err := dc.(driver.QueryerContext).QueryContext(ctx, "SELECT a FROM sql_raw", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		if cols := rows.(*stdlib.Rows).Native().Columns(); len(cols) != 1 || cols[0].TypeName != "INTEGER" {
			t.Errorf("native columns %+v", cols)
		}
		return nil
	})
	sc.Close()

	c, release, err := stdlib.AcquireConn(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var a int
	if err := c.QueryRow(ctx, "SELECT a FROM sql_raw").Scan(&a); err != nil || a != 8 {
		t.Fatalf("%d %v", a, err)
	}
	// While it is out, the pool (MaxOpenConns 1) has nothing to give.
	tctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := db.PingContext(tctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("pool while the connection is acquired: %v", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, _, err := stdlib.AcquireConn(ctx, db); err == nil {
		t.Error("AcquireConn on a closed DB")
	}
}

// TestRowsStreaming reads a result many batches long, abandons one half
// way and checks that the connection serves the next statement.
func TestRowsStreaming(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	cfg, _ := ifx.ParseConfig(dsn)
	cfg.FetchBufferSize = 512
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	table(t, db, "sql_stream", "(id INTEGER, name VARCHAR(40))")
	tx, _ := db.BeginTx(ctx, nil)
	st, err := tx.PrepareContext(ctx, "INSERT INTO sql_stream VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	for i := range n {
		if _, err := st.ExecContext(ctx, i, strings.Repeat("x", i%40)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, "SELECT id, name FROM sql_stream ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	var id int
	var name sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&id, &name); err != nil {
			t.Fatal(err)
		}
		if id != k || len(name) != k%40 {
			t.Fatalf("row %d: %d %q", k, id, name)
		}
		k++
	}
	if err := rows.Err(); err != nil || k != n {
		t.Fatalf("%d rows, %v", k, err)
	}
	// Abandoned half way.
	rows, err = db.QueryContext(ctx, "SELECT id FROM sql_stream ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n/2 && rows.Next(); i++ {
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if c := count(t, db, "sql_stream"); c != n {
		t.Fatal(c)
	}
	// A statement on the same connection while a Rows is open closes it.
	sc, _ := db.Conn(ctx)
	defer sc.Close()
	rows, err = sc.QueryContext(ctx, "SELECT id FROM sql_stream")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next()
	if _, err := sc.ExecContext(ctx, "UPDATE sql_stream SET id = id WHERE id = 0"); err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	if err := rows.Err(); !errors.Is(err, ifx.ErrRowsClosed) {
		t.Errorf("the abandoned Rows: %v", err)
	}
	rows.Close()
	// A query that returns no rows, and a statement that is not a query.
	rows, err = sc.QueryContext(ctx, "SELECT id FROM sql_stream WHERE id < 0")
	if err != nil || rows.Next() || rows.Err() != nil {
		t.Fatalf("empty result: %v %v", err, rows.Err())
	}
	rows.Close()
	rows, err = sc.QueryContext(ctx, "UPDATE sql_stream SET id = id WHERE id = 1")
	if err != nil || rows.Next() {
		t.Fatalf("UPDATE through Query: %v", err)
	}
	if cols, _ := rows.Columns(); len(cols) != 0 {
		t.Errorf("columns %v", cols)
	}
	rows.Close()
}

// TestPingFallback: where the socket cannot be peeked at (here a dialer
// that hides it), ResetSession pings a connection that sat idle, and
// discards it when the ping fails.
func TestPingFallback(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	pdsn, proxy := proxied(t, dsn)
	db := dbWithDialer(t, pdsn, func(tc *net.TCPConn) net.Conn { return opaqueConn{tc} })
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	defer stdlib.SetPingIdle(0)()
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	before := proxy.Connections()
	proxy.KillAll()
	time.Sleep(20 * time.Millisecond)
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM systables WHERE tabid = 1").Scan(&n); err != nil {
		t.Fatalf("after the kill: %v", err)
	}
	if got := proxy.Connections() - before; got != 1 {
		t.Errorf("%d new connections", got)
	}
}

// TestNamedArgs: one ifx.NamedArgs binds @name placeholders through
// database/sql as it does natively.
func TestNamedArgs(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	var name string
	err := db.QueryRowContext(ctx, "SELECT tabname FROM systables WHERE tabid = @id AND tabid < @id + 1", ifx.NamedArgs{"id": 1}).Scan(&name)
	if err != nil || name != "systables" {
		t.Fatalf("%q, %v", name, err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE named (id INTEGER, note VARCHAR(20))"); err != nil {
		t.Fatal(err)
	}
	res, err := db.ExecContext(ctx, "INSERT INTO named VALUES (@id, @note)", ifx.StrictNamedArgs{"id": 7, "note": "@id stays"})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("%d rows", n)
	}
	if err := db.QueryRowContext(ctx, "SELECT note FROM named WHERE id = @id", ifx.NamedArgs{"id": 7}).Scan(&name); err != nil || name != "@id stays" {
		t.Fatalf("%q, %v", name, err)
	}
	_, err = db.ExecContext(ctx, "INSERT INTO named VALUES (@id, @note)", ifx.StrictNamedArgs{"id": 8})
	if !errors.Is(err, ifx.ErrNamedArgs) || !contains(err, "no value for @note") {
		t.Fatalf("a missing strict name: %v", err)
	}
}
