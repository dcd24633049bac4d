package ifxpool

import (
	"errors"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
)

// TestANSIAutocommitThroughPool: in an ANSI database a write made through
// the pool outside a transaction survives the release's reset, whichever
// API made it (Pool.Query, Pool.QueryRow, a pooled Conn's Stmt.ExecBatch).
// Before, only Exec-like paths committed and the reset rolled the others
// back.
func TestANSIAutocommitThroughPool(t *testing.T) {
	srv := server(t)
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE DATABASE pool_ansi WITH LOG MODE ANSI"); err != nil {
		t.Fatal(err)
	}
	dsn := strings.Replace(srv.DSN("testdb"), "/testdb?", "/pool_ansi?", 1)
	p := newPool(t, dsn+"&pool_max_conns=1", nil)
	mustExec(t, p, "CREATE TABLE t (id INTEGER)")
	other, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	paths := []struct {
		name string
		run  func(id int) error
	}{
		{"Pool.Query", func(id int) error {
			rows, err := p.Query(ctx, "INSERT INTO t VALUES (?)", id)
			if err != nil {
				return err
			}
			rows.Close()
			return rows.Err()
		}},
		{"Pool.QueryRow", func(id int) error {
			if err := p.QueryRow(ctx, "INSERT INTO t VALUES (?)", id).Scan(); !errors.Is(err, ifx.ErrNoRows) {
				return err
			}
			return nil
		}},
		{"Conn.Query", func(id int) error {
			pc, err := p.Acquire(ctx)
			if err != nil {
				return err
			}
			defer pc.Release()
			rows, err := pc.Query(ctx, "INSERT INTO t VALUES (?)", id)
			if err != nil {
				return err
			}
			rows.Close()
			return rows.Err()
		}},
		{"Stmt.ExecBatch", func(id int) error {
			pc, err := p.Acquire(ctx)
			if err != nil {
				return err
			}
			defer pc.Release()
			st, err := pc.Prepare(ctx, "INSERT INTO t VALUES (?)")
			if err != nil {
				return err
			}
			defer st.Close(ctx)
			_, err = st.ExecBatch(ctx, [][]any{{id}})
			return err
		}},
	}
	for i, pt := range paths {
		id := 10 + i
		if err := pt.run(id); err != nil {
			t.Fatalf("%s: %v", pt.name, err)
		}
		// The connection was released (and reset) by now.
		var n int
		if err := other.QueryRow(ctx, "SELECT COUNT(*) FROM t WHERE id = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if err := other.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%s: another session sees %d rows, want 1", pt.name, n)
		}
	}
}
