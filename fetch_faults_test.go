package ifx_test

// Regression tests for the audit of informix-driver: silent truncation
// of results (Phase 35), a hung server (read deadline), and pipelined
// requests where one fails in the middle (Phase 33 C1).

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
	"github.com/ifxgo/ifx/sqli"
)

// TestAuditPhase35NoTruncation5000Rows reads a 5,000-row result in 4 KiB
// NFETCH batches: every row must come back exactly once, in order, with
// its content — informix-driver's fetchall stopped after two batches
// (about 200 rows) and threw the rest away, unnoticed for 30 phases
// because its tests used small results.
//
// Protection: Rows.Next requests another batch whenever one ends without
// end of data (rows.go requestBatch). If Next stopped after a fixed
// number of batches, this test reports the first missing id and the
// count.
func TestAuditPhase35NoTruncation5000Rows(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, dsn+"&fetch_buffer=4096")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE TABLE digits (n INTEGER)"); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if _, err := c.Exec(ctx, "INSERT INTO digits VALUES (?)", i); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Exec(ctx, "CREATE TABLE p35 (id INTEGER, name VARCHAR(40))"); err != nil {
		t.Fatal(err)
	}
	tag, err := c.Exec(ctx, "INSERT INTO p35 SELECT a.n * 1000 + b.n * 100 + c.n * 10 + d.n, 'row-' || (a.n * 1000 + b.n * 100 + c.n * 10 + d.n) "+
		"FROM digits a, digits b, digits c, digits d WHERE a.n * 1000 + b.n * 100 + c.n * 10 + d.n < 5000")
	if err != nil || tag.RowsAffected() != 5000 {
		t.Fatalf("fill: %v %v", tag, err)
	}
	before := groups(srv)
	rows, err := c.Query(ctx, "SELECT id, name FROM p35 ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id int
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			t.Fatal(err)
		}
		if id != n || name != fmt.Sprintf("row-%d", n) {
			t.Fatalf("row %d is (%d, %q): a row was lost or repeated", n, id, name)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 5000 {
		t.Fatalf("%d rows, want 5000 (first missing id %d)", n, n)
	}
	if tag := rows.CommandTag(); tag.RowsAffected() != 5000 {
		t.Errorf("CommandTag counts %d rows", tag.RowsAffected())
	}
	if srv != nil {
		// About 5000 rows × ~25 bytes in 4 KiB batches: dozens of them.
		if g := groups(srv) - before; g < 20 {
			t.Errorf("%d request groups: the result did not span many batches", g)
		}
		t.Logf("5000 rows in %d request groups", groups(srv)-before)
	}
}

// TestAuditHungServerReadTimeout: a server that stops answering, with no
// context deadline — only Config.ReadTimeout. Every call must return a
// timeout error within ReadTimeout plus slack and close the connection,
// whether the server hangs before a reply (ifxtest StallAfterGroups) or
// in the middle of one (the proxy stalls the stream inside a fetch
// batch). informix-driver's read_timeout test covers the same.
//
// Protection: setDeadlines / refreshReadDeadline (conn.go) put the
// ReadTimeout on every socket read. Without them the call blocks
// forever; this test's watchdog then fails it after 10 s.
func TestAuditHungServerReadTimeout(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest faults")
	}
	const rt = 300 * time.Millisecond
	check := func(name string, c *ifx.Conn, call func() error) {
		t.Helper()
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- call() }()
		var err error
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			c.Close(context.Background())
			t.Fatalf("%s: still blocked after 10 s with a %v read timeout", name, rt)
		}
		el := time.Since(start)
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("%s: %T %v is not a timeout", name, err, err)
		}
		if el > rt+2*time.Second {
			t.Errorf("%s: returned after %v", name, el)
		}
		if !c.IsClosed() {
			t.Errorf("%s: connection open after a read timeout", name)
		}
	}

	// The server stops answering at the first statement.
	srv := ifxtest.NewServer(t, ifxtest.Config{Faults: ifxtest.Faults{StallAfterGroups: 4}})
	c, err := ifx.Connect(ctxT(t), srv.DSN("testdb")+"&read_timeout=300ms")
	if err != nil {
		t.Fatal(err)
	}
	check("stall before the reply", c, func() error {
		_, err := c.Exec(context.Background(), "CREATE TABLE x (id INTEGER)")
		return err
	})

	// The stream stops inside the second fetch batch.
	srv2 := ifxtest.NewServer(t)
	p := newFaultProxy(t, srv2.Addr())
	setup, err := ifx.Connect(ctxT(t), srv2.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	fill(t, setup, 100)
	setup.Close(ctxT(t))
	// The login is 279 bytes and the PREPARE reply about 100: byte 900
	// lies in the second 512-byte batch.
	p.SetRule(&faultproxy.Rule{Dir: faultproxy.ServerToClient, After: 900, Action: faultproxy.Stall})
	c2, err := ifx.Connect(ctxT(t), faultProxyDSN(srv2, p, "testdb")+"&read_timeout=300ms&fetch_buffer=512")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := c2.Query(context.Background(), "SELECT id, name, pad FROM big ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	check("stall inside a fetch batch", c2, func() error {
		for rows.Next() {
			var id int
			var name, pad string
			if err := rows.Scan(&id, &name, &pad); err != nil || id != n+1 {
				return fmt.Errorf("row %d: %d %v", n, id, err)
			}
			n++
		}
		return rows.Err()
	})
	if n == 0 || n >= 100 {
		t.Errorf("%d rows before the stall", n)
	}
}

// TestAuditPipelinedFailureMidway: the driver pipelines request groups —
// cleanup groups (CLOSE, RELEASE) ahead of the next request, and BEGIN
// WORK with the SET statements of BeginTx — and must read exactly one
// reply per group even when a group in the middle fails, or the next
// call would read a stale reply (informix-driver's executemany drain
// deadlocked when a row failed). Batches (Stmt.ExecBatch, SendBatch) are
// TestAuditPipelinedBatchRowFailsMidway's.
//
// Protection: readPendingReplies reads one reply per cleanup group sent
// and BeginTx one per SET, whatever each says. Reading only up to the
// first error leaves the rest on the wire: the next statement then gets
// the cleanup's late reply, and this test fails on the query's rows.
func TestAuditPipelinedFailureMidway(t *testing.T) {
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		var nextID int16 // a fresh statement id per PREPARE: earlier ones may be live
		for {
			_, tags := fc.group()
			switch {
			case tags[0] == sqli.TagExit.String():
				fc.raw(sqli.Exit{}.Encode(nil, fc.feat))
				return
			case tags[0] == sqli.TagBegin.String():
				fc.reply()
			case tags[0] == sqli.TagCommand.String() && len(tags) > 1 && tags[1] == sqli.TagNDescribe.String():
				// The first SET of BeginTx fails, the second succeeds.
				fc.reply(&sqli.Err{SQLCode: -201})
				_, _ = fc.group()
				fc.reply(describeInt(0), &sqli.Done{})
			case tags[0] == sqli.TagRollback.String():
				fc.reply()
			case tags[0] == sqli.TagPrepare.String():
				d := describeInt(sqli.StmtSelect, "a")
				d.StmtID, nextID = nextID, nextID+1
				fc.reply(d, &sqli.Done{})
			case len(tags) > 2 && tags[2] == sqli.TagOpen.String():
				fc.reply(intTuple(1), intTuple(2), &sqli.Err{SQLCode: 100})
			case len(tags) > 1 && tags[1] == sqli.TagClose.String():
				// The cleanup of the previous query fails.
				fc.reply(&sqli.Err{SQLCode: -400})
			case tags[0] == sqli.TagID.String():
				fc.reply()
			default:
				fc.reply(&sqli.Err{SQLCode: -999})
			}
		}
	})
	c := fakeConnect(t, fs, "")
	ctx := ctxT(t)
	_, err := c.BeginTx(ctx, ifx.TxOptions{IsoLevel: ifx.Serializable, ReadOnly: true})
	if ifx.SQLCode(err) != -201 {
		t.Fatalf("BeginTx: %v, want the -201 of the first SET", err)
	}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	for i := range 3 {
		// Two cleanup groups go ahead of each PREPARE: the previous
		// query's CLOSE+RELEASE, which fails, then a statement's RELEASE
		// (Stmt.Close with a finished context defers it). The replies
		// after the failed one must still be read, one per group.
		st, err := c.Prepare(ctx, "SELECT a FROM t")
		if err != nil {
			t.Fatalf("prepare %d: %v", i, err)
		}
		rows, err := c.Query(ctx, "SELECT a FROM t")
		if err != nil {
			t.Fatalf("query %d: %v", i, err)
		}
		var got []int
		for rows.Next() {
			var a int
			rows.Scan(&a)
			got = append(got, a)
		}
		if err := rows.Err(); err != nil || len(got) != 2 || got[0] != 1 || got[1] != 2 {
			t.Fatalf("query %d: %v %v", i, got, err)
		}
		st.Close(done)
	}
	if c.IsClosed() {
		t.Fatal("connection closed")
	}
}

// TestAuditPipelinedBatchRowFailsMidway is informix-driver's Phase 33
// C1: N pipelined BIND+EXECUTE must get exactly the replies the server
// sends even when a row fails, or the drain deadlocks (or, worse, a
// later call reads a stale reply). Stmt.ExecBatch and Conn.SendBatch run
// 1,000 and 100 executions with one duplicate key at row 0, 99, 500 or
// 999 of 1,000 (so in the first and in a later request group) and at 0
// and 99 of 100: the call must return promptly with a *BatchError whose
// Index is the failing row, the rows before it must be in the table and
// none after it, and the connection must answer the next statement with
// its own result. In a Tx a rollback undoes the rows before the failure.
//
// Protection: readBatchReply (batch.go, ifxconn.Conn.ReadExecReplies) reads one reply group per batch
// request group and stops the batch at the first error; the watchdog
// here turns a drain that waits for replies that never come into a
// failure instead of a hang.
func TestAuditPipelinedBatchRowFailsMidway(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	for _, tc := range []struct{ n, bad int }{{1000, 0}, {1000, 99}, {1000, 500}, {1000, 999}, {100, 0}, {100, 99}} {
		for _, api := range []string{"ExecBatch", "SendBatch", "ExecBatch in Tx"} {
			if api == "SendBatch" && tc.n > 100 {
				continue
			}
			name := fmt.Sprintf("%s row %d of %d", api, tc.bad, tc.n)
			if _, err := c.Exec(ctx, "CREATE TABLE pb (id INTEGER NOT NULL, PRIMARY KEY (id))"); err != nil {
				t.Fatal(err)
			}
			// The duplicate of row bad is a key inserted beforehand.
			if _, err := c.Exec(ctx, "INSERT INTO pb VALUES (?)", 100000+tc.bad); err != nil {
				t.Fatal(err)
			}
			args := make([][]any, tc.n)
			for i := range args {
				args[i] = []any{i}
			}
			args[tc.bad] = []any{100000 + tc.bad}
			var tags []ifx.CommandTag
			var tx *ifx.Tx
			err, el := faultWatch(t, name, 5*time.Second, func() error {
				switch api {
				case "SendBatch":
					b := &ifx.Batch{}
					for _, a := range args {
						b.Queue("INSERT INTO pb VALUES (?)", a...)
					}
					br := c.SendBatch(ctx, b)
					for range args {
						tag, err := br.Exec()
						if err != nil {
							break
						}
						tags = append(tags, tag)
					}
					return br.Close()
				default:
					var err error
					if api == "ExecBatch in Tx" {
						if tx, err = c.Begin(ctx); err != nil {
							return err
						}
					}
					st, err := c.Prepare(ctx, "INSERT INTO pb VALUES (?)")
					if err != nil {
						return err
					}
					defer st.Close(ctx)
					tags, err = st.ExecBatch(ctx, args)
					return err
				}
			}, func() { c.Close(context.Background()) })
			var be *ifx.BatchError
			if !errors.As(err, &be) || be.Index != tc.bad || !ifx.IsUniqueViolation(err) {
				t.Fatalf("%s: %v after %v, want a BatchError at %d wrapping a unique violation", name, err, el, tc.bad)
			}
			if len(tags) != tc.bad {
				t.Errorf("%s: %d tags for the %d rows that ran", name, len(tags), tc.bad)
			}
			if c.IsClosed() {
				t.Fatalf("%s: a row error closed the connection", name)
			}
			want := tc.bad
			if tx != nil {
				if err := tx.Rollback(ctx); err != nil {
					t.Fatalf("%s: rollback: %v", name, err)
				}
				want = 0
			}
			var n, maxID int
			if err := c.QueryRow(ctx, "SELECT COUNT(*), NVL(MAX(id), -1) FROM pb WHERE id < 100000").Scan(&n, &maxID); err != nil {
				t.Fatalf("%s: count: %v", name, err)
			}
			if n != want || (want > 0 && maxID != want-1) {
				t.Errorf("%s: %d rows (max id %d) in the table, want the %d before the failure", name, n, maxID, want)
			}
			if _, err := c.Exec(ctx, "DROP TABLE pb"); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
}
