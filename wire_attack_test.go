package ifx_test

// Replies that do not fit their request, from a broken server or a
// hostile middlebox (internal/faultproxy at the message level, driven by
// /*fault:…*/ markers in the SQL): the driver must never report a stale
// or wrong result as a success. It closes the connection with a
// ProtocolError instead.

import (
	"context"
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
	"github.com/ifxgo/ifx/sqli"
)

// attackConn connects to a fresh ifxtest server through a message-level
// fault proxy that applies the markers in the SQL, and creates table t.
func attackConn(t *testing.T) (*ifx.Conn, *faultproxy.Proxy) {
	t.Helper()
	if realServer() {
		t.Skip("uses ifxtest behind the fault proxy")
	}
	srv := ifxtest.NewServer(t)
	p := newFaultProxy(t, srv.Addr())
	p.SetMessageRule(&faultproxy.MessageRule{})
	c, err := ifx.Connect(ctxT(t), faultProxyDSN(srv, p, "testdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	if _, err := c.Exec(ctxT(t), "CREATE TABLE t (id INTEGER, name VARCHAR(10))"); err != nil {
		t.Fatal(err)
	}
	return c, p
}

// wantProtocolError checks that err is a ProtocolError and that it
// closed the connection.
func wantProtocolError(t *testing.T, what string, c *ifx.Conn, err error) {
	t.Helper()
	var pe *ifx.ProtocolError
	if !errors.As(err, &pe) {
		t.Fatalf("%s: %v, want a ProtocolError", what, err)
	}
	if !c.IsClosed() {
		t.Fatalf("%s: the connection is still open after %v", what, err)
	}
}

// wantAttacked checks that the proxy changed n replies: an attack that
// did not happen tests nothing.
func wantAttacked(t *testing.T, p *faultproxy.Proxy, n int64) {
	t.Helper()
	if got := p.Attacked(); got != n {
		t.Fatalf("the proxy attacked %d replies, want %d", got, n)
	}
}

// TestSurplusReplyFailsNextStatement: one SQ_EOT too many after a
// reply, or the whole reply twice. Without the check at the start of
// each request, every later statement read its predecessor's reply: the
// UPDATE reported the INSERT's tag, and a query of 111 returned no row.
// (A surplus SQ_EOT alone is also caught by the reply's shape; a
// duplicated reply is well-formed, only the stray bytes give it away.)
func TestSurplusReplyFailsNextStatement(t *testing.T) {
	for _, tc := range []struct{ attack, next string }{
		{"dup-eot", "exec"}, {"dup-eot", "query"}, {"dup-group", "exec"}, {"dup-group", "query"},
	} {
		attack, next := tc.attack, tc.next
		t.Run(attack+"/"+next, func(t *testing.T) {
			c, p := attackConn(t)
			ctx := ctxT(t)
			tag, err := c.Exec(ctx, "INSERT INTO t VALUES (1, 'a') /*fault:"+attack+"*/")
			if err != nil || tag.RowsAffected() != 1 {
				t.Fatalf("INSERT: %v %v", tag, err)
			}
			wantAttacked(t, p, 1)
			if next == "exec" {
				tag, err = c.Exec(ctx, "UPDATE t SET id = 2 WHERE id = 5")
				if err == nil {
					t.Fatalf("UPDATE succeeded with tag %q after a surplus SQ_EOT", tag)
				}
				wantProtocolError(t, "UPDATE", c, err)
				return
			}
			var n int
			err = c.QueryRow(ctx, "SELECT 111 FROM systables WHERE tabid = 1").Scan(&n)
			wantProtocolError(t, "SELECT 111", c, err)
		})
	}
}

// TestSurplusReplyNeverCommits: a COMMIT is answered by a bare SQ_EOT,
// which a surplus one impersonates. Commit must fail, never succeed
// from the stale reply.
func TestSurplusReplyNeverCommits(t *testing.T) {
	for _, attack := range []string{"dup-eot", "dup-group", "extra-done"} {
		t.Run(attack, func(t *testing.T) {
			c, p := attackConn(t)
			ctx := ctxT(t)
			tx, err := c.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (1, 'a') /*fault:"+attack+"*/"); err != nil {
				t.Fatal(err)
			}
			wantAttacked(t, p, 1)
			wantProtocolError(t, "Commit", c, tx.Commit(ctx))
		})
	}
}

// TestReplyShapeMismatch: replies that lack what their request must get,
// or hold it in the wrong order. Each used to be taken for a success
// (or, for a fetch, for the end of the rows).
func TestReplyShapeMismatch(t *testing.T) {
	cases := []struct {
		name string
		run  func(ctx context.Context, c *ifx.Conn) error
	}{
		{"PREPARE without DESCRIBE", func(ctx context.Context, c *ifx.Conn) error {
			_, err := c.Prepare(ctx, "SELECT id FROM t /*fault:drop-describe*/")
			return err
		}},
		{"COMMAND EXECUTE without DESCRIBE", func(ctx context.Context, c *ifx.Conn) error {
			_, err := c.Exec(ctx, "INSERT INTO t VALUES (1, 'a') /*fault:drop-describe*/")
			return err
		}},
		{"COMMAND EXECUTE without DONE", func(ctx context.Context, c *ifx.Conn) error {
			_, err := c.Exec(ctx, "INSERT INTO t VALUES (1, 'a') /*fault:drop-done*/")
			return err
		}},
		{"EXECUTE without DONE", func(ctx context.Context, c *ifx.Conn) error {
			// @1: the reply to BIND EXECUTE, after the PREPARE's.
			_, err := c.Exec(ctx, "INSERT INTO t VALUES (?, 'a') /*fault:drop-done@1*/", 1)
			return err
		}},
		{"SET of BeginTx without DESCRIBE", func(ctx context.Context, c *ifx.Conn) error {
			// @2: BeginTx sends BEGIN WORK and the SET in one write, the
			// SET's group second.
			if _, err := c.Exec(ctx, "INSERT INTO t VALUES (1, 'a') /*fault:drop-describe@2*/"); err != nil {
				return err
			}
			_, err := c.BeginTx(ctx, ifx.TxOptions{IsoLevel: ifx.DirtyRead})
			return err
		}},
		{"batch without DONE", func(ctx context.Context, c *ifx.Conn) error {
			b := &ifx.Batch{}
			for i := range 3 {
				b.Queue("INSERT INTO t VALUES (?, 'a') /*fault:drop-done@1*/", i)
			}
			return c.SendBatch(ctx, b).Close()
		}},
		{"empty reply, the real one after it", func(ctx context.Context, c *ifx.Conn) error {
			_, err := c.Exec(ctx, "INSERT INTO t VALUES (1, 'a') /*fault:eot-first*/")
			return err
		}},
		{"fetch reply with DONE before the rows", func(ctx context.Context, c *ifx.Conn) error {
			rows, err := c.Query(ctx, "SELECT tabid FROM systables WHERE tabid < 5 ORDER BY tabid /*fault:done-first@1*/")
			if err != nil {
				return err
			}
			defer rows.Close()
			n := 0
			for rows.Next() {
				n++
			}
			if rows.Err() == nil {
				return errors.New("no error after " + string(rune('0'+n)) + " rows")
			}
			return rows.Err()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, p := attackConn(t)
			err := tc.run(ctxT(t), c)
			wantAttacked(t, p, 1)
			wantProtocolError(t, tc.name, c, err)
		})
	}
}

// TestDuplicateStatementID: the server hands out, for a new PREPARE, the
// id of a statement that is still live (here the cached statement of the
// previous query). Before the check the query for 'BBBB' ran the
// statement of 'AAAA' and returned "AAAA".
func TestDuplicateStatementID(t *testing.T) {
	c, p := attackConn(t)
	ctx := ctxT(t)
	var s string
	if err := c.QueryRow(ctx, "SELECT 'AAAA' FROM systables WHERE tabid = 1").Scan(&s); err != nil || s != "AAAA" {
		t.Fatalf("first query: %q %v", s, err)
	}
	err := c.QueryRow(ctx, "SELECT 'BBBB' FROM systables WHERE tabid = 1 /*fault:same-id*/").Scan(&s)
	wantAttacked(t, p, 1)
	if err == nil {
		t.Fatalf("the query for 'BBBB' returned %q", s)
	}
	wantProtocolError(t, "second query", c, err)
}

// TestNegativeRowCount: an SQ_DONE that counts -5 rows, after an Exec
// with and without arguments and at the end of a fetch. Before the check
// RowsAffected reported -5.
func TestNegativeRowCount(t *testing.T) {
	cases := []struct {
		name string
		run  func(ctx context.Context, c *ifx.Conn) error
	}{
		{"Exec", func(ctx context.Context, c *ifx.Conn) error {
			tag, err := c.Exec(ctx, "INSERT INTO t VALUES (1, 'a') /*fault:neg-count*/")
			if err == nil {
				return errors.New("RowsAffected " + tag.String())
			}
			return err
		}},
		{"Exec with arguments", func(ctx context.Context, c *ifx.Conn) error {
			tag, err := c.Exec(ctx, "INSERT INTO t VALUES (?, 'a') /*fault:neg-count@1*/", 1)
			if err == nil {
				return errors.New("RowsAffected " + tag.String())
			}
			return err
		}},
		{"fetch", func(ctx context.Context, c *ifx.Conn) error {
			rows, err := c.Query(ctx, "SELECT tabid FROM systables WHERE tabid < 3 /*fault:neg-count@1*/")
			if err != nil {
				return err
			}
			for rows.Next() {
			}
			rows.Close()
			return rows.Err()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, p := attackConn(t)
			err := tc.run(ctxT(t), c)
			wantAttacked(t, p, 1)
			wantProtocolError(t, tc.name, c, err)
		})
	}
}

// TestZeroWidthCharColumn: a column described as CHAR(0) (ifxtest's
// description of `SELECT ?`) has values of no bytes. The driver read the
// width 0 as "length-prefixed", found the tuple too short and closed the
// connection with a ProtocolError; it must decode them as "" instead.
func TestZeroWidthCharColumn(t *testing.T) {
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		for {
			_, tags := fc.group()
			switch tags[0] {
			case sqli.TagExit.String():
				fc.raw(sqli.Exit{}.Encode(nil, fc.feat))
				return
			case sqli.TagPrepare.String():
				d := describeInt(sqli.StmtSelect, "n")
				d.Columns = append([]sqli.ColumnDesc{{Type: sqli.TypeChar, EncodedLength: 0, Name: "c"}}, d.Columns...)
				fc.reply(d, &sqli.Done{})
			case sqli.TagID.String():
				if len(tags) > 2 && tags[2] == sqli.TagOpen.String() {
					fc.reply(intTuple(7), intTuple(8), &sqli.Done{Rows: 2})
					continue
				}
				fc.reply()
			default:
				fc.reply()
			}
		}
	})
	c := fakeConnect(t, fs, "")
	ctx := ctxT(t)
	rows, err := c.Query(ctx, "SELECT '', n FROM t")
	if err != nil {
		t.Fatal(err)
	}
	if got := rows.Columns()[0].TypeName; got != "CHAR(0)" {
		t.Errorf("column type %s, want CHAR(0)", got)
	}
	var got []int
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		if s != "" {
			t.Errorf("CHAR(0) value %q", s)
		}
		got = append(got, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("rows: %v", err)
	}
	if len(got) != 2 || got[0] != 7 || got[1] != 8 {
		t.Errorf("rows %v, want [7 8]", got)
	}
	if c.IsClosed() {
		t.Fatal("the connection was closed")
	}
	var one int
	if err := c.QueryRow(ctx, "SELECT '', n FROM t").Scan(new(string), &one); err != nil || one != 7 {
		t.Fatalf("next query: %d %v", one, err)
	}
}
