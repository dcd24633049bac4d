package ifx_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/sqli"
)

// cachePrepares runs f on a connection with a statement cache of
// capacity and returns how many statements the server saw prepared
// (PREPARE or COMMAND) and released.
func cachePrepares(t *testing.T, capacity string, f func(ctx context.Context, c *ifx.Conn)) (prepares, releases int) {
	t.Helper()
	dir := t.TempDir()
	srv := ifxtest.NewServer(t, ifxtest.Config{RecordDir: dir})
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, srv.DSN("testdb")+capacity)
	if err != nil {
		t.Fatal(err)
	}
	f(ctx, c)
	if err := c.Reset(ctx); err != nil { // sends the queued cleanup
		t.Fatal(err)
	}
	c.Close(context.Background())
	srv.Close()
	l := readLedger(t, dir)
	if l.opens != l.closes {
		t.Errorf("%d cursors opened, %d closed", l.opens, l.closes)
	}
	return l.prepares, l.releases
}

func mustQueryRow(t *testing.T, ctx context.Context, c *ifx.Conn, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := c.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// TestStatementCache: the statements of Query, QueryRow and Exec are
// prepared once per connection and SQL text, the least recently used
// released when the cache is full, all of them after DDL; without the
// cache every one is released after use.
func TestStatementCache(t *testing.T) {
	if realServer() {
		t.Skip("reads ifxtest's transcript")
	}
	const (
		q1 = "SELECT COUNT(*) FROM systables WHERE tabid < ?"
		q2 = "SELECT COUNT(*) FROM systables WHERE tabid > ?"
		q3 = "SELECT COUNT(*) FROM systables WHERE tabid = ?"
	)
	// Ten runs of one text: one PREPARE, kept to the end.
	p, r := cachePrepares(t, "", func(ctx context.Context, c *ifx.Conn) {
		for i := range 10 {
			if n := mustQueryRow(t, ctx, c, q1, 3+i%2); n != 2+i%2 {
				t.Fatalf("run %d: %d", i, n)
			}
			rows, err := c.Query(ctx, q1, 3)
			if err != nil {
				t.Fatal(err)
			}
			rows.Close()
		}
	})
	if p != 1 || r != 0 {
		t.Errorf("one text run 20 times: %d prepared, %d released, want 1 and 0", p, r)
	}
	// Capacity 2, texts 1 2 3 1: the third pushes out the first, which
	// is prepared again.
	p, r = cachePrepares(t, "&statement_cache_capacity=2", func(ctx context.Context, c *ifx.Conn) {
		for _, q := range []string{q1, q2, q3, q1, q3} {
			mustQueryRow(t, ctx, c, q, 1)
		}
	})
	if p != 4 || r != 2 {
		t.Errorf("capacity 2, texts 1 2 3 1 3: %d prepared, %d released, want 4 and 2", p, r)
	}
	// DDL empties the cache: the text is prepared again after it.
	p, r = cachePrepares(t, "", func(ctx context.Context, c *ifx.Conn) {
		mustQueryRow(t, ctx, c, q1, 1)
		if _, err := c.Exec(ctx, "INSERT INTO systables (tabname, tabid) SELECT 'x', 999 FROM systables WHERE 1 = 0"); err != nil {
			t.Fatal(err)
		}
		mustQueryRow(t, ctx, c, q1, 1) // still cached after DML
		if _, err := c.Exec(ctx, "CREATE TEMP TABLE sc (id INTEGER)"); err != nil {
			t.Fatal(err)
		}
		mustQueryRow(t, ctx, c, q1, 1)
	})
	// q1, the INSERT (COMMAND), the CREATE (COMMAND), q1 again; the two
	// COMMANDs release themselves, the CREATE released q1.
	if p != 4 || r != 3 {
		t.Errorf("DDL between runs: %d prepared, %d released, want 4 and 3", p, r)
	}
	// Without the cache every statement is released.
	p, r = cachePrepares(t, "&statement_cache_capacity=0", func(ctx context.Context, c *ifx.Conn) {
		for range 3 {
			mustQueryRow(t, ctx, c, q1, 1)
			if _, err := c.Exec(ctx, "UPDATE systables SET tabname = tabname WHERE tabid = ?", 0); err != nil {
				t.Fatal(err)
			}
		}
	})
	if p != 6 || r != 6 {
		t.Errorf("no cache: %d prepared, %d released, want 6 and 6", p, r)
	}
}

// TestStatementCacheStale: a cached statement whose table changed since
// it was prepared gets -710 from the server; nothing ran, so the driver
// releases it, prepares the text again and runs it once more — for a
// query and for an Exec. A second -710 is returned.
func TestStatementCacheStale(t *testing.T) {
	var groups []string
	prepares := 0
	opens, executes := 0, 0
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		for {
			_, tags := fc.group()
			g := strings.Join(tags, " ")
			groups = append(groups, g)
			switch {
			case tags[0] == "SQ_EXIT":
				fc.raw(sqli.Exit{}.Encode(nil, fc.feat))
				return
			case strings.Contains(g, "SQ_PREPARE"):
				prepares++
				st := int16(sqli.StmtSelect)
				if prepares >= 3 {
					st = sqli.StmtUpdate
				}
				d := describeInt(st, "a")
				d.StmtID = int16(prepares) // a fresh id: the cached ones are live
				fc.reply(d, &sqli.Done{})
			case strings.Contains(g, "SQ_OPEN"):
				opens++
				if opens == 2 { // the first reuse: the table changed
					fc.reply(&sqli.Err{SQLCode: -710, Near: "t"})
					continue
				}
				fc.reply(intTuple(int32(opens)), &sqli.Done{Rows: 1})
			case strings.Contains(g, "SQ_EXECUTE"):
				executes++
				if executes == 2 || executes == 4 || executes == 5 {
					fc.reply(&sqli.Err{SQLCode: -710, Near: "t"})
					continue
				}
				fc.reply(&sqli.Done{Rows: 1})
			default:
				fc.reply()
			}
		}
	})
	c := fakeConnect(t, fs, "")
	ctx := ctxT(t)
	for i, want := range []int{1, 3} { // OPEN 2 got the -710
		if n := mustQueryRow(t, ctx, c, "SELECT a FROM t"); n != want {
			t.Fatalf("query %d: %d, want %d", i, n, want)
		}
	}
	for i := range 2 {
		if tag, err := c.Exec(ctx, "UPDATE t SET a = ?", 1); err != nil || tag.RowsAffected() != 1 {
			t.Fatalf("exec %d: %v %v", i, tag, err)
		}
	}
	// -710 twice in a row: the retry's own error is returned.
	if _, err := c.Exec(ctx, "UPDATE t SET a = ?", 1); ifx.SQLCode(err) != -710 {
		t.Fatalf("exec after two -710s: %v", err)
	}
	if c.IsClosed() {
		t.Fatal("closed")
	}
	c.Close(ctx)
	if prepares != 5 {
		t.Errorf("%d PREPAREs, want 5 (query, its retry, exec, its retry, the last exec's retry)\n%s", prepares, strings.Join(groups, "\n"))
	}
}

// TestStatementCacheAfterOtherSessionsDDL: another connection alters the
// table under a cached statement; ifxtest, like IDS, answers -710, and
// the query, prepared again, returns the new columns.
func TestStatementCacheAfterOtherSessionsDDL(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	ctx := ctxT(t)
	a, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(ctx)
	b, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(ctx)
	for _, q := range []string{"CREATE TABLE ddl2 (id INTEGER)", "INSERT INTO ddl2 VALUES (1)"} {
		if _, err := b.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	defer b.Exec(context.Background(), "DROP TABLE ddl2")
	count := func() int {
		rows, err := a.Query(ctx, "SELECT * FROM ddl2 WHERE id > ?", 0)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		return len(rows.Columns())
	}
	if n := count(); n != 1 {
		t.Fatalf("%d columns", n)
	}
	if _, err := b.Exec(ctx, "ALTER TABLE ddl2 ADD (name VARCHAR(10))"); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Errorf("%d columns after the other connection's ALTER, want 2", n)
	}
	if _, err := a.Exec(ctx, "INSERT INTO ddl2 VALUES (?, ?)", 2, "two"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Exec(ctx, "ALTER TABLE ddl2 ADD (more INTEGER)"); err != nil {
		t.Fatal(err)
	}
	// The cached INSERT is stale too: -710, then prepared again it fails
	// for the real reason (three columns now, two values).
	if _, err := a.Exec(ctx, "INSERT INTO ddl2 VALUES (?, ?)", 3, "three"); err == nil || ifx.SQLCode(err) == -710 {
		t.Errorf("insert after the second ALTER: %v", err)
	}
}
