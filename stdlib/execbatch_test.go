package stdlib_test

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/stdlib"
)

func TestExecBatchThroughSQLConn(t *testing.T) {
	db, srv := newDB(t)
	table(t, db, "items", itemsTable)
	ctx := ctxT(t)
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	const n = 1000
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{i, "x", "1.5"}
	}
	before := sum(groupsOf(srv))
	tags, err := stdlib.ExecBatch(ctx, sc, "INSERT INTO items (id, name, price) VALUES (?, ?, ?)", rows)
	if err != nil || len(tags) != n || tags[n-1].RowsAffected() != 1 {
		t.Fatalf("%d tags, %v", len(tags), err)
	}
	if !realServer() {
		if g := sum(groupsOf(srv)) - before; g > n/100 {
			t.Fatalf("%d request groups for %d rows", g, n)
		}
	}
	if tags, err := stdlib.ExecBatch(ctx, sc, "INSERT INTO items (id) VALUES (?)", nil); err != nil || len(tags) != 0 {
		t.Fatalf("empty batch: %v %v", tags, err)
	}

	// In a transaction begun on the same *sql.Conn: a duplicate at row
	// 500 stops the batch there, and the rollback undoes the rows before.
	tx, err := sc.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for i := range rows {
		rows[i] = []any{n + i, "y", 2}
	}
	rows[500][0] = 3
	tags, err = stdlib.ExecBatch(ctx, sc, "INSERT INTO items (id, name, price) VALUES (?, ?, ?)", rows)
	var be *ifx.BatchError
	if !errors.As(err, &be) || be.Index != 500 || len(tags) != 500 {
		t.Fatalf("%d tags, %v", len(tags), err)
	}
	if got := count(t, tx, "items"); got != n+500 {
		t.Fatalf("%d rows in the transaction, want %d", got, n+500)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if got := count(t, sc, "items"); got != n {
		t.Fatalf("%d rows after the rollback, want %d", got, n)
	}
}
