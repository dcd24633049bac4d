package ifx_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/hexdump"
	"github.com/ifxgo/ifx/sqli"
)

// A Rows dropped without Close must be collectable although its
// connection still has its cursor open, and the connection's next call
// then closes the cursor and reports the leak (rows_leak.go).

// queryAndDropRows runs a query, reads its first row and drops the Rows
// without Close; a function of its own, so that nothing on the caller's
// stack keeps the Rows alive.
//
//go:noinline
func queryAndDropRows(ctx context.Context, c *ifx.Conn, sql string, args ...any) error {
	rows, err := c.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	rows.Next()
	return rows.Err()
}

// queryOnlyAndDrop runs a query and drops its Rows at once.
//
//go:noinline
func queryOnlyAndDrop(ctx context.Context, c *ifx.Conn, sql string, args ...any) error {
	_, err := c.Query(ctx, sql, args...)
	return err
}

// connectRecorded connects to a fresh ifxtest server that records the
// session into dir, with leak reports going to buf.
func connectRecorded(t *testing.T, dir string, buf *lockedBuffer, debug bool, params string) (*ifx.Conn, *ifxtest.Server) {
	t.Helper()
	if realServer() {
		t.Skip("reads ifxtest's transcript and statistics")
	}
	srv := ifxtest.NewServer(t, ifxtest.Config{RecordDir: dir})
	cfg, err := ifx.ParseConfig(srv.DSN("testdb") + params)
	if err != nil {
		t.Fatal(err)
	}
	cfg.LeakLogger = slog.New(slog.NewTextHandler(buf, nil))
	cfg.DebugLeaks = debug
	c, err := ifx.ConnectConfig(ctxT(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c, srv
}

// openCursors returns the cursors the server holds open for the session.
func openCursors(srv *ifxtest.Server) int {
	st := srv.Stats()
	return st[len(st)-1].OpenCursors
}

func TestDroppedRowsAreClosedAndReported(t *testing.T) {
	var logged lockedBuffer
	c, srv := connectRecorded(t, t.TempDir(), &logged, false, "")
	ctx := ctxT(t)
	const q = "SELECT tabid, tabname FROM systables WHERE tabname <> ?"
	const secret = "argument-never-logged"
	gcs := 0
	for i := range 100 {
		if err := queryAndDropRows(ctx, c, q, secret); err != nil {
			t.Fatalf("query %d: %v", i, err)
		}
		if i%10 == 9 {
			runtime.GC() // the next query finds the Rows collected
			gcs++
		}
		if n := openCursors(srv); n > 1 {
			t.Fatalf("after query %d the server holds %d cursors", i, n)
		}
	}
	// Without the weak reference the connection keeps every dropped Rows
	// alive: none is ever collected, none reported.
	if n := c.LeakedRowsReclaimed(); n < int64(gcs)-1 || n > 100 {
		t.Fatalf("%d dropped Rows reclaimed after %d collections", n, gcs)
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if n := openCursors(srv); n != 0 {
		t.Errorf("the server holds %d cursors after the next call", n)
	}
	var one int
	if err := c.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("the connection after the reclaim: %d, %v", one, err)
	}
	out := logged.String()
	if got := int64(strings.Count(out, "handle=ifx.Rows")); got != c.LeakedRowsReclaimed() {
		t.Errorf("%d reports for %d reclaimed Rows: %.300s", got, c.LeakedRowsReclaimed(), out)
	}
	if !strings.Contains(out, `sql="`+q+`"`) {
		t.Errorf("leak report without the SQL text: %.300s", out)
	}
	if strings.Contains(out, secret) {
		t.Error("a leak report carries the query's argument")
	}
	if strings.Contains(out, "created=") {
		t.Error("a stack was captured without DebugLeaks")
	}
}

func TestDroppedRowsReportWhereTheQueryRan(t *testing.T) {
	var logged lockedBuffer
	c, _ := connectRecorded(t, t.TempDir(), &logged, true, "")
	ctx := ctxT(t)
	if err := queryAndDropRows(ctx, c, "SELECT tabid FROM systables"); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if c.LeakedRowsReclaimed() != 1 {
		t.Fatalf("%d Rows reclaimed, want 1", c.LeakedRowsReclaimed())
	}
	if out := logged.String(); !strings.Contains(out, "created=") || !strings.Contains(out, "queryAndDropRows") {
		t.Errorf("leak report without the Query's stack: %.500s", out)
	}
}

//go:noinline
func queryRowAndDrop(ctx context.Context, c *ifx.Conn, sql string) {
	c.QueryRow(ctx, sql)
}

//go:noinline
func stmtQueryAndDrop(ctx context.Context, st *ifx.Stmt, read int) error {
	rows, err := st.Query(ctx)
	if err != nil {
		return err
	}
	for n := 0; n < read && rows.Next(); n++ {
	}
	return rows.Err()
}

//go:noinline
func queryReadAndDrop(ctx context.Context, c *ifx.Conn, sql string, read int) error {
	rows, err := c.Query(ctx, sql, 0)
	if err != nil {
		return err
	}
	for n := 0; n < read && rows.Next(); n++ {
	}
	return rows.Err()
}

// TestDroppedRowsInEveryStateAreClosedBeforeTheNextStatement drops Rows
// in every state a collected one can be in — its first reply still
// arriving (unread, one row, a few rows), after several batches, an
// empty result whose reply is complete, a QueryRow never scanned, a
// Stmt's — and runs the next statement after each collection. The
// transcript must show every cursor closed (and Query's statements
// released) before the next statement, as for a Rows still reachable
// (TestAuditH5AbandonedRowsReleasedBeforeNextStatement).
func TestDroppedRowsInEveryStateAreClosedBeforeTheNextStatement(t *testing.T) {
	dir := t.TempDir()
	var logged lockedBuffer
	c, srv := connectRecorded(t, dir, &logged, false, "&fetch_buffer=256&statement_cache_capacity=0")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE tt (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	const q = "SELECT tabid, tabname FROM systables WHERE tabid > ? ORDER BY tabid"
	st, err := c.Prepare(ctx, "SELECT tabid, tabname FROM systables ORDER BY tabid")
	if err != nil {
		t.Fatal(err)
	}
	drops := []struct {
		name string
		drop func() error
	}{
		{"unread", func() error { return queryReadAndDrop(ctx, c, q, 0) }},
		{"one row", func() error { return queryReadAndDrop(ctx, c, q, 1) }},
		{"inside the first batch", func() error { return queryReadAndDrop(ctx, c, q, 3) }},
		{"after batches", func() error { return queryReadAndDrop(ctx, c, q, 25) }},
		{"empty result", func() error {
			return queryReadAndDrop(ctx, c, "SELECT tabid FROM systables WHERE tabid < ?", 0)
		}},
		{"QueryRow never scanned", func() error {
			queryRowAndDrop(ctx, c, "SELECT tabname FROM systables WHERE tabid = 1")
			return nil
		}},
		{"Stmt.Query", func() error { return stmtQueryAndDrop(ctx, st, 2) }},
	}
	next := []func() error{
		func() error { _, err := c.Exec(ctx, "INSERT INTO tt VALUES (?)", 1); return err },
		func() error { return c.Ping(ctx) },
		func() error {
			var n int
			return c.QueryRow(ctx, "SELECT COUNT(*) FROM tt").Scan(&n)
		},
	}
	want := int64(0)
	for _, d := range drops {
		for j, f := range next {
			if err := d.drop(); err != nil {
				t.Fatalf("%s: %v", d.name, err)
			}
			runtime.GC()
			if err := f(); err != nil {
				t.Fatalf("%s, next statement %d: %v", d.name, j, err)
			}
			// (An unscanned QueryRow's cursor was closed by its own
			// group, but its reply is still to be read: it counts.)
			want++
			if got := c.LeakedRowsReclaimed(); got != want {
				t.Fatalf("%s, next statement %d: %d Rows reclaimed, want %d", d.name, j, got, want)
			}
			if n := openCursors(srv); n != 0 {
				t.Fatalf("%s, next statement %d: the server holds %d cursors", d.name, j, n)
			}
		}
	}
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	c.Close(context.Background())
	srv.Close()
	l := readLedger(t, dir)
	t.Logf("server received %d PREPARE/COMMAND, %d RELEASE, %d OPEN, %d CLOSE", l.prepares, l.releases, l.opens, l.closes)
	if l.worstCursors != 0 || l.worstStmts > 1 {
		t.Errorf("a statement was prepared while %d cursors and %d statements of dropped Rows were open", l.worstCursors, l.worstStmts)
	}
	if l.opens != l.closes || l.prepares != l.releases {
		t.Errorf("%d cursors opened, %d closed; %d statements prepared, %d released", l.opens, l.closes, l.prepares, l.releases)
	}
}

// readAllFrontend parses every message the client sent in a recorded
// session and fails unless the stream ends exactly at a message
// boundary: bytes of two requests interleaved would not parse.
func readAllFrontend(t *testing.T, dir string) int {
	t.Helper()
	chunks, err := hexdump.ReadFile(filepath.Join(dir, "conn-0001.hex"))
	if err != nil {
		t.Fatal(err)
	}
	var in []byte
	for _, c := range chunks {
		if strings.Contains(c.Comment, "C>S") {
			in = append(in, c.Bytes...)
		}
	}
	rd := sqli.NewReader(bytes.NewReader(in))
	if _, err := rd.ReadPacket(); err != nil {
		t.Fatal(err)
	}
	rd.SetFeatures(sqli.ModernFeatures())
	n := 0
	for {
		m, err := rd.ReadFrontend()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			t.Fatalf("the client's stream breaks after %d messages: %v", n, err)
		}
		n++
		if m.Tag() == sqli.TagExit {
			return n
		}
	}
}

// TestDroppedRowsCollectedWhileAnotherGoroutineRunsStatements drops Rows
// from one goroutine and collects them while another goroutine runs
// statements on the same connection. The collector only clears the
// connection's weak reference: the cursor is closed by whichever call
// enters the connection next, under the connection's lock, so the
// client's byte stream never interleaves two requests (checked on the
// transcript) and -race sees no unsynchronised access.
func TestDroppedRowsCollectedWhileAnotherGoroutineRunsStatements(t *testing.T) {
	dir := t.TempDir()
	var logged lockedBuffer
	c, srv := connectRecorded(t, dir, &logged, false, "&fetch_buffer=256")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE tt (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		defer close(errc)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			// Statements that hold no Rows between calls: a Rows of
			// this goroutine's would be closed under it by the other's
			// Query, by design (the Conn is for one goroutine at a time).
			var err error
			if i%2 == 0 {
				_, err = c.Exec(ctx, "INSERT INTO tt VALUES (?)", i)
			} else {
				err = c.Ping(ctx)
			}
			if err != nil && !errors.Is(err, ifx.ErrConnBusy) {
				errc <- err
				return
			}
			// Gaps of varying length: the other goroutine's Query gets
			// in, and some collections end before this goroutine's next
			// statement finds the dropped Rows, some during it.
			time.Sleep(time.Duration(i%5) * time.Millisecond)
		}
	}()
	end := time.Now().Add(10 * time.Second)
	dropped := 0
	for c.LeakedRowsReclaimed() < 10 && time.Now().Before(end) {
		// The Rows is not touched after Query returns: the other
		// goroutine's next call may close it at any moment.
		err := queryOnlyAndDrop(ctx, c, "SELECT tabid, tabname FROM systables WHERE tabid > ?", 0)
		if err != nil && !errors.Is(err, ifx.ErrConnBusy) {
			t.Errorf("query: %v", err)
			break
		}
		if err == nil {
			dropped++
		}
		runtime.GC()
	}
	close(stop)
	if err := <-errc; err != nil {
		t.Fatalf("the statement goroutine: %v", err)
	}
	t.Logf("%d Rows dropped, %d reclaimed after collection", dropped, c.LeakedRowsReclaimed())
	if c.LeakedRowsReclaimed() == 0 {
		t.Fatal("no dropped Rows was reclaimed")
	}
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if n := openCursors(srv); n != 0 {
		t.Errorf("the server holds %d cursors", n)
	}
	c.Close(context.Background())
	srv.Close()
	if n := readAllFrontend(t, dir); n == 0 {
		t.Fatal("empty transcript")
	}
	l := readLedger(t, dir)
	if l.worstCursors != 0 || l.opens != l.closes {
		t.Errorf("%d cursors opened, %d closed; %d open at a PREPARE", l.opens, l.closes, l.worstCursors)
	}
}
