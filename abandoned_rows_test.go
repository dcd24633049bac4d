package ifx_test

// Regression tests for the audit of informix-driver, item H5 "no cursor
// finalizers": an exception mid-fetch or a cursor dropped without close()
// leaked the server-side cursor. Here: a Rows abandoned in any state has
// its cursor closed (CLOSE) and its statement released (RELEASE) before
// the connection's next statement is prepared; checked on the bytes the
// server received (ifxtest's transcript), message by message.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/hexdump"
	"github.com/ifxgo/ifx/sqli"
)

// serverLedger replays what the server received on one connection and
// tracks the statements and cursors the client left open.
type serverLedger struct {
	prepares, releases, opens, closes int
	// worst is the largest number of statements/cursors held open at
	// the moment another statement was prepared.
	worstStmts, worstCursors int
	implicitCloses           int // cursors freed by RELEASE without CLOSE
	n                        int
	trail                    string // the last messages, for failure reports
}

func readLedger(t *testing.T, dir string) serverLedger {
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
	var l serverLedger
	var cur int16
	open := map[int16]bool{}
	for {
		m, err := rd.ReadFrontend()
		if err != nil {
			break
		}
		l.n++
		l.trail += " " + m.Tag().String()
		if len(l.trail) > 400 {
			l.trail = l.trail[len(l.trail)-400:]
		}
		switch m.Tag() {
		case sqli.TagPrepare, sqli.TagCommand:
			if l.opens != l.closes {
				t.Logf("%v after %d messages: %d statements, %d cursors open; %s", m.Tag(), l.n, l.prepares-l.releases, l.opens-l.closes, l.trail)
			}
			l.worstStmts = max(l.worstStmts, l.prepares-l.releases)
			l.worstCursors = max(l.worstCursors, l.opens-l.closes)
			// SQ_COMMAND allocates a statement too; its group releases
			// it.
			l.prepares++
		case sqli.TagID:
			cur = m.(*sqli.ID).StatementID
		case sqli.TagRelease:
			l.releases++
			if open[cur] {
				// Released with its cursor open: the server frees the
				// cursor with the statement (ifxtest does). The driver
				// does this only after an OPEN or first fetch failed.
				delete(open, cur)
				l.closes++
				l.implicitCloses++
			}
		case sqli.TagOpen:
			l.opens++
			open[cur] = true
		case sqli.TagClose:
			l.closes++
			delete(open, cur)
		}
	}
	return l
}

// TestAuditH5AbandonedRowsReleasedBeforeNextStatement abandons Rows in
// every state — unread, partly read inside the first batch, partly read
// after several batches, read to the end without Close, failed with a
// statement error — on a connection fetching 256-byte batches, and runs
// the next statement each time. The transcript must show that whenever
// the client prepared or executed a statement, no earlier statement or
// cursor was still open on the server, and that the counts match at the
// end.
//
// Protection: Conn.begin → detachRows (query.go/rows.go), which drains
// the abandoned batch and queues CLOSE+RELEASE ahead of the next request,
// and Rows.queueCleanup. Without detachRows the abandoned cursors stay
// open (worstCursors > 0 here) — or, when the abandoned batch was still
// arriving, the next statement reads its tuples and fails.
//
// With the statement cache, statements stay prepared for reuse, at most
// its capacity of them; cursors must still all be closed.
func TestAuditH5AbandonedRowsReleasedBeforeNextStatement(t *testing.T) {
	if realServer() {
		t.Skip("reads ifxtest's transcript")
	}
	t.Run("no statement cache", func(t *testing.T) { auditH5(t, 0) })
	t.Run("statement cache of 2", func(t *testing.T) { auditH5(t, 2) })
}

func auditH5(t *testing.T, cacheCap int) {
	dir := t.TempDir()
	srv := ifxtest.NewServer(t, ifxtest.Config{RecordDir: dir})
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, srv.DSN("testdb")+"&fetch_buffer=256"+fmt.Sprintf("&statement_cache_capacity=%d", cacheCap))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "CREATE TABLE tt (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	const q = "SELECT tabid, tabname FROM systables WHERE tabid > ? ORDER BY tabid"
	abandon := []struct {
		name string
		read int // rows read before abandoning; -1: all, without Close
	}{{"unread", 0}, {"one row", 1}, {"inside batch", 3}, {"after batches", 25}, {"to the end", -1}}
	next := []func() error{
		func() error { _, err := c.Exec(ctx, "UPDATE tt SET id = id + 1"); return err },
		func() error { _, err := c.Exec(ctx, "INSERT INTO tt VALUES (?)", 1); return err },
		func() error {
			var n int
			return c.QueryRow(ctx, "SELECT COUNT(*) FROM tt").Scan(&n)
		},
		func() error { return c.Ping(ctx) },
		func() error {
			st, err := c.Prepare(ctx, "SELECT id FROM tt")
			if err != nil {
				return err
			}
			return st.Close(ctx)
		},
		func() error {
			tx, err := c.Begin(ctx)
			if err != nil {
				return err
			}
			return tx.Rollback(ctx)
		},
	}
	var held []*ifx.Rows
	for _, a := range abandon {
		for j, f := range next {
			rows, err := c.Query(ctx, q, 0)
			if err != nil {
				t.Fatal(err)
			}
			for n := 0; (a.read < 0 || n < a.read) && rows.Next(); n++ {
			}
			held = append(held, rows) // never closed by the test
			if err := f(); err != nil {
				t.Fatalf("%s, next statement %d: %v", a.name, j, err)
			}
		}
	}
	// A statement error, abandoned.
	rows, err := c.Query(ctx, "SELECT tabid / 0 FROM systables WHERE tabid > ?", 0)
	if err == nil {
		for rows.Next() {
		}
		held = append(held, rows)
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	// Every abandoned Rows reports that it was closed under it.
	for i, r := range held {
		if r.Next() {
			t.Errorf("abandoned Rows %d still yields rows", i)
		}
		if err := r.Err(); err != nil && !errors.Is(err, ifx.ErrRowsClosed) && ifx.SQLCode(err) == 0 {
			t.Errorf("abandoned Rows %d: %v", i, err)
		}
	}
	// The transcript must be complete before it is read: Reset sends the
	// queued cleanup now, and Close ends the session.
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	c.Close(context.Background())
	srv.Close()
	l := readLedger(t, dir)
	t.Logf("server received %d PREPARE/COMMAND, %d RELEASE, %d OPEN, %d CLOSE (+%d cursors freed by RELEASE)", l.prepares, l.releases, l.opens, l.closes-l.implicitCloses, l.implicitCloses)
	if l.worstStmts > cacheCap || l.worstCursors != 0 {
		t.Errorf("a statement was prepared while %d statements and %d cursors of abandoned Rows were open (statement cache %d)", l.worstStmts, l.worstCursors, cacheCap)
	}
	if l.prepares-l.releases > cacheCap {
		t.Errorf("%d statements prepared, %d released (statement cache %d)", l.prepares, l.releases, cacheCap)
	}
	if l.opens != l.closes {
		// A cursor the server closed itself (end of data under OPTOFC,
		// or a one-shot QueryRow) needs no CLOSE; ifxtest closes none
		// itself, so every OPEN needs one.
		t.Errorf("%d cursors opened, %d closed", l.opens, l.closes)
	}
}
