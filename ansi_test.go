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
	if err := a.QueryRow(ctx, "SELECT COUNT(*) FROM t").Scan(&n); err != nil || n != 1 {
		t.Fatalf("after rollback %d rows (%v)", n, err)
	}
}
