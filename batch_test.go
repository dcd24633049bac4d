package ifx_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/testenv"
)

func batchRows(from, to int) [][]any {
	out := make([][]any, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, []any{i, fmt.Sprintf("name%d", i)})
	}
	return out
}

func TestExecBatch(t *testing.T) { eachPersona(t, testExecBatch) }

func testExecBatch(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	c, writes := connectCounting(t, dsn)
	// A bound against a hang, not a timing: ifxtest commits each row
	// statement under its row locks, and 10,000-row batches under -race on
	// a loaded machine took most of the 30 s ctxT gives (CI ran out of it).
	ctx := testenv.Context(t, 5*time.Minute)
	if _, err := c.Exec(ctx, "CREATE TABLE bt (id INTEGER PRIMARY KEY, name VARCHAR(20))"); err != nil {
		t.Fatal(err)
	}
	st, err := c.Prepare(ctx, "INSERT INTO bt (id, name) VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)

	t.Run("10000 rows in a transaction", func(t *testing.T) {
		tx, err := c.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		g0, w0 := groups(srv), writes.Load()
		tags, err := st.ExecBatch(ctx, batchRows(0, 10000))
		if err != nil {
			t.Fatal(err)
		}
		g, w := groups(srv)-g0, writes.Load()-w0
		if len(tags) != 10000 {
			t.Fatalf("%d tags", len(tags))
		}
		for i, tag := range tags {
			if tag.RowsAffected() != 1 || !tag.Insert() {
				t.Fatalf("tag %d: %v", i, tag)
			}
		}
		if srv != nil && g > 100 {
			t.Errorf("%d request groups for 10,000 rows, want at most 100", g)
		}
		if w != int64(g) && srv != nil {
			t.Errorf("%d writes for %d groups: the groups must be sent one at a time", w, g)
		}
		t.Logf("10,000 rows: %d request groups", g)
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		var n, sum int64
		if err := c.QueryRow(ctx, "SELECT COUNT(*), SUM(id) FROM bt").Scan(&n, &sum); err != nil {
			t.Fatal(err)
		}
		if n != 10000 || sum != 9999*10000/2 {
			t.Fatalf("count %d sum %d", n, sum)
		}
	})

	// Outside a transaction each item commits on its own: a failure
	// leaves the items before it in place and runs nothing after it.
	for _, tc := range []struct {
		name string
		dup  int // index of the duplicate key
	}{
		{"failure in the first group", 5},
		{"failure in a later group", 3000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.Exec(ctx, "DELETE FROM bt"); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Exec(ctx, "INSERT INTO bt VALUES (?, 'taken')", 100000+tc.dup); err != nil {
				t.Fatal(err)
			}
			rows := batchRows(100000, 104000)
			tags, err := st.ExecBatch(ctx, rows)
			var be *ifx.BatchError
			if !errors.As(err, &be) {
				t.Fatalf("got %v, want a *BatchError", err)
			}
			var se *ifx.Error
			if !errors.As(err, &se) {
				t.Fatalf("%v does not wrap the server's *Error", err)
			}
			if be.Index != tc.dup || len(tags) != tc.dup {
				t.Fatalf("failing index %d with %d tags, want %d", be.Index, len(tags), tc.dup)
			}
			var n int64
			if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM bt").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != int64(tc.dup)+1 {
				t.Fatalf("%d rows after the batch, want the %d before the failure and the duplicate", n, tc.dup)
			}
			// The statement and the connection still work.
			tags, err = st.ExecBatch(ctx, rows[tc.dup+1:])
			if err != nil || len(tags) != len(rows)-tc.dup-1 {
				t.Fatalf("rest of the batch: %d tags, %v", len(tags), err)
			}
		})
	}

	t.Run("argument that cannot be encoded", func(t *testing.T) {
		if _, err := c.Exec(ctx, "DELETE FROM bt"); err != nil {
			t.Fatal(err)
		}
		rows := batchRows(0, 10)
		rows[7][1] = struct{}{}
		tags, err := st.ExecBatch(ctx, rows)
		var be *ifx.BatchError
		if !errors.As(err, &be) || be.Index != 7 || len(tags) != 7 || !errors.Is(err, ifx.ErrUnsupported) {
			t.Fatalf("got %d tags, %v", len(tags), err)
		}
		var n int64
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM bt").Scan(&n); err != nil || n != 7 {
			t.Fatalf("%d rows, %v", n, err)
		}
		// The first item itself.
		rows[0][1] = struct{}{}
		if tags, err := st.ExecBatch(ctx, rows); !errors.As(err, &be) || be.Index != 0 || len(tags) != 0 {
			t.Fatalf("got %d tags, %v", len(tags), err)
		}
	})

	t.Run("wrong argument count runs nothing", func(t *testing.T) {
		if _, err := c.Exec(ctx, "DELETE FROM bt"); err != nil {
			t.Fatal(err)
		}
		rows := batchRows(0, 10)
		rows[4] = rows[4][:1]
		_, err := st.ExecBatch(ctx, rows)
		var be *ifx.BatchError
		if !errors.As(err, &be) || be.Index != 4 {
			t.Fatalf("got %v", err)
		}
		var n int64
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM bt").Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d rows, %v", n, err)
		}
	})

	t.Run("rolled back with its transaction", func(t *testing.T) {
		if _, err := c.Exec(ctx, "DELETE FROM bt"); err != nil {
			t.Fatal(err)
		}
		tx, err := c.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ExecBatch(ctx, batchRows(0, 500)); err != nil {
			t.Fatal(err)
		}
		if err := tx.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
		var n int64
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM bt").Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d rows, %v", n, err)
		}
	})

	t.Run("cancelled by its context", func(t *testing.T) {
		// A connection of its own: the counting one cannot send the
		// interrupt (it is no *net.TCPConn).
		c, err := ifx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		st, err := c.Prepare(ctx, "INSERT INTO bt (id, name) VALUES (?, ?)")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, "DELETE FROM bt"); err != nil {
			t.Fatal(err)
		}
		rows := batchRows(0, 300000)
		cctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
		defer cancel()
		tags, err := st.ExecBatch(cctx, rows)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %d tags, %v", len(tags), err)
		}
		t.Logf("%d rows ran before the interrupt; interrupted: %v; connection closed: %v (%v)", len(tags), ifx.IsInterrupted(err), c.IsClosed(), err)
		if c.IsClosed() {
			return // the server did not acknowledge in time: closing is right
		}
		var n int64
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM bt").Scan(&n); err != nil {
			t.Fatal(err)
		}
		// The items that ran are in the table, the interrupted one and the
		// rest are not. (ifxtest can be one off: SQLite under
		// modernc.org/sqlite reports a cancellation that lands as a
		// statement completes as an error, with the row in place; ifxtest
		// holds an interrupt until a statement has run for two polls to
		// make that rare. Informix itself rolls the statement back.)
		if n != int64(len(tags)) && n != int64(len(tags))+1 {
			t.Fatalf("%d rows in the table, %d tags", n, len(tags))
		}
	})

	t.Run("empty and query statements", func(t *testing.T) {
		if tags, err := st.ExecBatch(ctx, nil); err != nil || len(tags) != 0 {
			t.Fatalf("%v %v", tags, err)
		}
		q, err := c.Prepare(ctx, "SELECT id FROM bt WHERE id = ?")
		if err != nil {
			t.Fatal(err)
		}
		defer q.Close(ctx)
		if _, err := q.ExecBatch(ctx, [][]any{{1}}); err == nil {
			t.Fatal("ExecBatch of a SELECT succeeded")
		}
	})
}

func TestSendBatch(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	c, _ := connectCounting(t, dsn)
	ctx := ctxT(t)
	for _, s := range []string{
		"CREATE TABLE sa (id INTEGER PRIMARY KEY, v VARCHAR(10))",
		"CREATE TABLE sb (id INTEGER PRIMARY KEY)",
	} {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	count := func(table string) int64 {
		t.Helper()
		var n int64
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("mixed statements", func(t *testing.T) {
		b := &ifx.Batch{}
		for i := range 100 {
			b.Queue("INSERT INTO sa VALUES (?, ?)", i, "x")
			b.Queue("INSERT INTO sb VALUES (?)", i)
		}
		b.Queue("UPDATE sa SET v = 'y' WHERE id < 10")
		b.Queue("DELETE FROM sb WHERE id >= ?", 90)
		// Start clean: cleanup queued by an earlier call (QueryRow queues
		// none, Exec without arguments neither) would be a group of its own.
		if _, err := c.Exec(ctx, "UPDATE sa SET v = v WHERE id < 0"); err != nil {
			t.Fatal(err)
		}
		g0 := groups(srv)
		br := c.SendBatch(ctx, b)
		g := groups(srv) - g0
		for i := range 200 {
			tag, err := br.Exec()
			if err != nil || tag.RowsAffected() != 1 || !tag.Insert() {
				t.Fatalf("item %d: %v %v", i, tag, err)
			}
		}
		if tag, err := br.Exec(); err != nil || tag.RowsAffected() != 10 || !tag.Update() {
			t.Fatalf("update: %v %v", tag, err)
		}
		if tag, err := br.Exec(); err != nil || tag.RowsAffected() != 10 || !tag.Delete() {
			t.Fatalf("delete: %v %v", tag, err)
		}
		if _, err := br.Exec(); err == nil {
			t.Fatal("Exec past the end succeeded")
		}
		if err := br.Close(); err != nil {
			t.Fatal(err)
		}
		// PREPARE x4; the executions with the RELEASEs: two groups.
		if srv != nil && g != 2 {
			t.Errorf("%d request groups, want 2", g)
		}
		if g0 := groups(srv); count("sa") != 100 || count("sb") != 90 || srv != nil && groups(srv)-g0 != 4 {
			t.Fatalf("counts %d %d, or statements left to release", count("sa"), count("sb"))
		}
	})

	t.Run("failure stops the batch", func(t *testing.T) {
		b := &ifx.Batch{}
		b.Queue("INSERT INTO sb VALUES (?)", 1000)
		b.Queue("INSERT INTO sb VALUES (?)", 5) // duplicate
		b.Queue("INSERT INTO sb VALUES (?)", 1001)
		br := c.SendBatch(ctx, b)
		if _, err := br.Exec(); err != nil {
			t.Fatal(err)
		}
		var be *ifx.BatchError
		for i := 1; i < 3; i++ {
			if _, err := br.Exec(); !errors.As(err, &be) || be.Index != 1 {
				t.Fatalf("item %d: %v", i, err)
			}
		}
		if !errors.As(br.Close(), &be) {
			t.Fatal("Close returned no error")
		}
		if n := count("sb"); n != 91 {
			t.Fatalf("%d rows in sb, want 91", n)
		}
	})

	t.Run("statement errors run nothing", func(t *testing.T) {
		for _, bad := range []string{"INSERT INTO nosuch VALUES (?)", "SELECT id FROM sb WHERE id = ?"} {
			b := &ifx.Batch{}
			b.Queue("INSERT INTO sb VALUES (?)", 2000)
			b.Queue(bad, 1)
			b.Queue("INSERT INTO sb VALUES (?)", 2001)
			err := c.SendBatch(ctx, b).Close()
			var be *ifx.BatchError
			if !errors.As(err, &be) || be.Index != 1 {
				t.Fatalf("%s: %v", bad, err)
			}
			if n := count("sb"); n != 91 {
				t.Fatalf("%s: %d rows in sb, want 91", bad, n)
			}
		}
	})
}
