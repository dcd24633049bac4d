package ifxpool

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

func TestCopyFromAndSendBatch(t *testing.T) {
	dsn := testDSN(t, "testdb")
	p := newPool(t, dsn+"&pool_max_conns=2", nil)
	ctx := ctxT(t)
	freshTable(t, p, "items", "id INTEGER PRIMARY KEY, name VARCHAR(20)")
	rows := make([][]any, 3000)
	for i := range rows {
		rows[i] = []any{i, "item"}
	}
	n, err := p.CopyFrom(ctx, ifx.Identifier{"items"}, []string{"id", "name"}, ifx.CopyFromRows(rows))
	if err != nil || n != 3000 {
		t.Fatalf("Pool.CopyFrom: %d, %v", n, err)
	}
	if got := count(t, p, "items"); got != 3000 {
		t.Fatalf("%d rows", got)
	}

	// On an acquired Conn and in a Tx, rolled back.
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := c.CopyFrom(ctx, ifx.Identifier{"items"}, []string{"id", "name"}, ifx.CopyFromRows([][]any{{3000, "x"}})); err != nil || n != 1 {
		t.Fatalf("Conn.CopyFrom: %d, %v", n, err)
	}
	b := &ifx.Batch{}
	b.Queue("UPDATE items SET name = ? WHERE id < ?", "cheap", 10)
	b.Queue("DELETE FROM items WHERE id = ?", 3000)
	br := c.SendBatch(ctx, b)
	if tag, err := br.Exec(); err != nil || tag.RowsAffected() != 10 {
		t.Fatalf("batch UPDATE: %v, %v", tag, err)
	}
	if tag, err := br.Exec(); err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("batch DELETE: %v, %v", tag, err)
	}
	c.Release()
	if _, err := c.CopyFrom(ctx, ifx.Identifier{"items"}, []string{"id"}, ifx.CopyFromRows(nil)); !errors.Is(err, ErrConnReleased) {
		t.Errorf("CopyFrom after Release: %v", err)
	}
	if err := c.SendBatch(ctx, b).Close(); !errors.Is(err, ErrConnReleased) {
		t.Errorf("SendBatch after Release: %v", err)
	}

	tx, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := tx.CopyFrom(ctx, ifx.Identifier{"items"}, []string{"id", "name"}, ifx.CopyFromRows([][]any{{5000, "y"}, {5001, "z"}})); err != nil || n != 2 {
		t.Fatalf("Tx.CopyFrom: %d, %v", n, err)
	}
	b = &ifx.Batch{}
	b.Queue("DELETE FROM items WHERE id < ?", 100)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.CopyFrom(ctx, ifx.Identifier{"items"}, []string{"id"}, ifx.CopyFromRows(nil)); !errors.Is(err, ifx.ErrTxClosed) {
		t.Errorf("CopyFrom after Rollback: %v", err)
	}
	if err := tx.SendBatch(ctx, b).Close(); !errors.Is(err, ifx.ErrTxClosed) {
		t.Errorf("SendBatch after Rollback: %v", err)
	}
	if got := count(t, p, "items"); got != 3000 {
		t.Fatalf("after the rolled back Tx: %d rows", got)
	}
	var name string
	if err := p.QueryRow(ctx, "SELECT name FROM items WHERE id = 5").Scan(&name); err != nil || name != "cheap" {
		t.Fatalf("%q, %v", name, err)
	}
}
