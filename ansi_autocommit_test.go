package ifx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
)

// ansiConns creates an ANSI database on a fresh ifxtest server with table
// t (id INTEGER), and returns a writer and a second session on it.
func ansiConns(t *testing.T) (w, other *ifx.Conn, dsn string) {
	t.Helper()
	if realServer() {
		t.Skip("creates databases")
	}
	base := testDSN(t, "testdb")
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE DATABASE ansiac WITH LOG MODE ANSI"); err != nil {
		t.Fatal(err)
	}
	dsn = strings.Replace(base, "/testdb?", "/ansiac?", 1)
	open := func() *ifx.Conn {
		c, err := ifx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close(context.Background()) })
		if !c.DatabaseInfo().ANSI {
			t.Fatalf("not ANSI: %+v", c.DatabaseInfo())
		}
		return c
	}
	w, other = open(), open()
	if _, err := w.Exec(ctx, "CREATE TABLE t (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	return w, other, dsn
}

// seen counts the rows with id in the other session, then ends that
// session's own implicit transaction.
func seen(t *testing.T, other *ifx.Conn, id int) int {
	t.Helper()
	ctx := ctxT(t)
	var n int
	if err := other.QueryRow(ctx, "SELECT COUNT(*) FROM t WHERE id = ?", id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if err := other.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestANSIAutocommitEveryAPI: in an ANSI database every statement run
// outside a Tx commits, whichever API runs it: another session sees the
// row at once, and a Reset (as a pool makes on release) does not undo
// it. Before, only Exec, Stmt.Exec and SendBatch committed; a write made
// through Query, QueryRow, a Stmt's Query or ExecBatch was rolled back by
// the next reset.
func TestANSIAutocommitEveryAPI(t *testing.T) {
	w, other, _ := ansiConns(t)
	ctx := ctxT(t)
	paths := []struct {
		name string
		run  func(id int) error
	}{
		{"Conn.Query", func(id int) error {
			rows, err := w.Query(ctx, "INSERT INTO t VALUES (?)", id)
			if err != nil {
				return err
			}
			rows.Close()
			return rows.Err()
		}},
		{"Conn.Query without arguments", func(id int) error {
			rows, err := w.Query(ctx, "INSERT INTO t VALUES ("+itoa(id)+")")
			if err != nil {
				return err
			}
			rows.Close()
			return rows.Err()
		}},
		{"Conn.QueryRow", func(id int) error {
			err := w.QueryRow(ctx, "INSERT INTO t VALUES (?)", id).Scan()
			if errors.Is(err, ifx.ErrNoRows) {
				return nil
			}
			return err
		}},
		{"Stmt.Query", func(id int) error {
			st, err := w.Prepare(ctx, "INSERT INTO t VALUES (?)")
			if err != nil {
				return err
			}
			defer st.Close(ctx)
			rows, err := st.Query(ctx, id)
			if err != nil {
				return err
			}
			rows.Close()
			return rows.Err()
		}},
		{"Stmt.QueryRow", func(id int) error {
			st, err := w.Prepare(ctx, "INSERT INTO t VALUES (?)")
			if err != nil {
				return err
			}
			defer st.Close(ctx)
			if err := st.QueryRow(ctx, id).Scan(); !errors.Is(err, ifx.ErrNoRows) {
				return err
			}
			return nil
		}},
		{"Stmt.ExecBatch", func(id int) error {
			st, err := w.Prepare(ctx, "INSERT INTO t VALUES (?)")
			if err != nil {
				return err
			}
			defer st.Close(ctx)
			_, err = st.ExecBatch(ctx, [][]any{{id}})
			return err
		}},
		{"Stmt.Exec", func(id int) error {
			st, err := w.Prepare(ctx, "INSERT INTO t VALUES (?)")
			if err != nil {
				return err
			}
			defer st.Close(ctx)
			_, err = st.Exec(ctx, id)
			return err
		}},
		{"Conn.Exec", func(id int) error {
			_, err := w.Exec(ctx, "INSERT INTO t VALUES (?)", id)
			return err
		}},
		{"Conn.SendBatch", func(id int) error {
			var b ifx.Batch
			b.Queue("INSERT INTO t VALUES (?)", id)
			return w.SendBatch(ctx, &b).Close()
		}},
	}
	for i, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			id := 100 + i
			if err := p.run(id); err != nil {
				t.Fatal(err)
			}
			if n := seen(t, other, id); n != 1 {
				t.Errorf("another session sees %d rows after %s, want 1", n, p.name)
			}
			if err := w.Reset(ctx); err != nil {
				t.Fatal(err)
			}
			if n := seen(t, other, id); n != 1 {
				t.Errorf("after the writer's Reset another session sees %d rows, want 1", n)
			}
		})
	}
	// Inside a Tx nothing commits before the Tx does.
	tx, err := w.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := tx.Query(ctx, "INSERT INTO t VALUES (?)", 999)
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if n := seen(t, other, 999); n != 0 {
		t.Errorf("a rolled-back Tx's write is seen (%d rows)", n)
	}
}

// TestANSIAutocommitQueryEndsTransaction: a SELECT read through Query in
// an ANSI database commits when its Rows ends, so the session holds no
// transaction (and no locks) afterwards: another session can write.
func TestANSIAutocommitQueryEndsTransaction(t *testing.T) {
	w, other, _ := ansiConns(t)
	ctx := ctxT(t)
	if _, err := w.Exec(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	rows, err := other.Query(ctx, "SELECT id FROM t")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := other.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("count %d %v", n, err)
	}
	wctx, cancel := context.WithTimeout(ctx, 5e9)
	defer cancel()
	if _, err := w.Exec(wctx, "INSERT INTO t VALUES (2)"); err != nil {
		t.Fatalf("a write after another session's reads: %v", err)
	}
	if n := seen(t, other, 2); n != 1 {
		t.Errorf("sees %d", n)
	}
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			return string(b[n:])
		}
	}
}
