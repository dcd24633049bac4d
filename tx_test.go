package ifx_test

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

func TestTransactions(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE acct (id INTEGER, bal INTEGER)"); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var n int
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM acct").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO acct VALUES (?, ?)", 1, 100); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Fatalf("after rollback: %d rows", n)
	}
	if err := tx.Commit(ctx); !errors.Is(err, ifx.ErrTxClosed) {
		t.Errorf("Commit after Rollback: %v", err)
	}

	for _, lvl := range []ifx.TxIsoLevel{ifx.ReadCommitted, ifx.Serializable, ifx.CursorStability, ifx.DirtyRead, ifx.LastCommitted} {
		tx, err = c.BeginTx(ctx, ifx.TxOptions{IsoLevel: lvl})
		if err != nil {
			t.Fatalf("%s: %v", lvl, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO acct VALUES (?, ?)", 2, 50); err != nil {
			t.Fatal(err)
		}
		rows, err := tx.Query(ctx, "SELECT id FROM acct")
		if err != nil {
			t.Fatal(err)
		}
		rows.Next() // left open: commit must still work
		if err := tx.Commit(ctx); err != nil {
			t.Fatalf("%s commit: %v", lvl, err)
		}
		if err := tx.Rollback(ctx); !errors.Is(err, ifx.ErrTxClosed) {
			t.Errorf("Rollback after Commit: %v", err)
		}
	}
	if n := count(); n != 5 {
		t.Fatalf("after commits: %d rows", n)
	}
	if _, err := c.BeginTx(ctx, ifx.TxOptions{IsoLevel: "BOGUS"}); err == nil {
		t.Error("bogus isolation accepted")
	}
	// A failed statement inside a transaction keeps it open.
	tx, err = c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO nosuch VALUES (1)"); !ifx.IsNoSuchTable(err) {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO acct VALUES (3, 1)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 6 {
		t.Fatalf("%d rows", n)
	}
}

func TestPreparedStatements(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE ps (id SERIAL, v VARCHAR(10))"); err != nil {
		t.Fatal(err)
	}
	ins, err := c.Prepare(ctx, "INSERT INTO ps (v) VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		tag, err := ins.Exec(ctx, string(rune('a'+i)))
		if err != nil {
			t.Fatal(err)
		}
		if id, ok := tag.LastInsertID(); !ok || id != int64(i+1) || tag.RowsAffected() != 1 || !tag.Insert() {
			t.Fatalf("insert %d: %v id=%d ok=%v", i, tag, id, ok)
		}
	}
	if _, err := ins.Exec(ctx); err == nil {
		t.Error("missing argument accepted")
	}
	sel, err := c.Prepare(ctx, "SELECT id, v FROM ps WHERE id > ? ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumParams() != 1 || len(sel.Columns()) != 2 {
		t.Fatalf("%d params, %d columns", sel.NumParams(), len(sel.Columns()))
	}
	for _, from := range []int{0, 5, 9, 10} {
		rows, err := sel.Query(ctx, from)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		if rows.Err() != nil || n != 10-from {
			t.Fatalf("from %d: %d rows %v", from, n, rows.Err())
		}
	}
	var v string
	if err := sel.QueryRow(ctx, 9).Scan(nil, &v); err != nil || v != "j" {
		t.Fatalf("QueryRow: %q %v", v, err)
	}
	if err := ins.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := sel.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := sel.Query(ctx, 1); !errors.Is(err, ifx.ErrStmtClosed) {
		t.Fatal(err)
	}
	// SERIAL8 and BIGSERIAL values come back too.
	for _, typ := range []string{"SERIAL8", "BIGSERIAL"} {
		if _, err := c.Exec(ctx, "CREATE TABLE s_"+typ+" (id "+typ+", v INTEGER)"); err != nil {
			t.Fatal(err)
		}
		c.Exec(ctx, "INSERT INTO s_"+typ+" (v) VALUES (1)")
		tag, err := c.Exec(ctx, "INSERT INTO s_"+typ+" (v) VALUES (?)", 2)
		if err != nil {
			t.Fatal(err)
		}
		if id, ok := tag.LastInsertID(); !ok || id != 2 {
			t.Errorf("%s: LastInsertID %d %v", typ, id, ok)
		}
	}
}
