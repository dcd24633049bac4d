package ifx_test

import (
	"testing"
)

func TestSmokeSelect(t *testing.T) { eachPersona(t, testSmokeSelect) }

func testSmokeSelect(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	var n int
	if err := c.QueryRow(ctx, "SELECT tabid FROM systables WHERE tabid = 1").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("got %d", n)
	}
	if _, err := c.Exec(ctx, "CREATE TABLE t1 (id SERIAL, name VARCHAR(20), amount DECIMAL(12,2))"); err != nil {
		t.Fatal(err)
	}
	tag, err := c.Exec(ctx, "INSERT INTO t1 (name, amount) VALUES (?, ?)", "alice", 12.5)
	if err != nil {
		t.Fatal(err)
	}
	id, ok := tag.LastInsertID()
	t.Logf("tag %v id %d %v", tag, id, ok)
	rows, err := c.Query(ctx, "SELECT id, name, amount FROM t1")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		v, err := rows.Values()
		t.Logf("%v %v", v, err)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, col := range rows.Columns() {
		t.Logf("%+v", col)
	}
}
