package ifx_test

import (
	"testing"

	"github.com/ifxgo/ifx"
)

func TestANSIDatabase(t *testing.T) {
	if realServer() {
		t.Skip("creates databases")
	}
	dsn := testDSN(t, "testdb")
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE DATABASE ansidb WITH LOG MODE ANSI"); err != nil {
		t.Skipf("ifxtest cannot create an ANSI database: %v", err)
	}
	if info := c.DatabaseInfo(); info.Name != "ansidb" || !info.ANSI {
		t.Errorf("after CREATE DATABASE: %+v", info)
	}
	a, err := ifx.Connect(ctx, dsn[:len(dsn)-len("testdb?server=informix")]+"ansidb?server=informix")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close(ctx)
	if info := a.DatabaseInfo(); !info.ANSI || !info.Logged {
		t.Fatalf("%+v", info)
	}
	if _, err := a.Exec(ctx, "CREATE TABLE t (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Exec(ctx, "INSERT INTO t VALUES (?)", 1); err != nil {
		t.Fatal(err)
	}
	// Autocommitted: another session sees the row.
	b, err := ifx.Connect(ctx, dsn[:len(dsn)-len("testdb?server=informix")]+"ansidb?server=informix")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close(ctx)
	var n int
	if err := b.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("other session sees %d rows (%v)", n, err)
	}
	// b's SELECT left its ANSI transaction open (a query does not
	// autocommit); ifxtest's SQLite storage would then lock a's writes.
	if err := b.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	// A prepared statement outside a Tx commits too: a Reset (as a pool
	// does on release) must not roll it back.
	st, err := a.Prepare(ctx, "INSERT INTO t VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Exec(ctx, 3); err != nil {
		t.Fatal(err)
	}
	st.Close(ctx)
	if err := a.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 2 {
		t.Fatalf("prepared insert not committed: other session sees %d rows (%v)", n, err)
	}
	tx, err := a.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO t VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 2 {
		t.Fatalf("after rollback %d rows (%v)", n, err)
	}
}
