package ifx_test

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

func TestNamedArgs(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "named_t", "id INTEGER, note VARCHAR(20), n INTEGER")

	// Exec, a name used twice, a name without a value (NULL).
	tag, err := c.Exec(ctx, "INSERT INTO named_t VALUES (@id, @note, @id + 1)", ifx.NamedArgs{"id": 1, "note": "one"})
	if err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("%v, %v", tag, err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO named_t VALUES (@id, @missing, 0)", ifx.NamedArgs{"id": 2}); err != nil {
		t.Fatal(err)
	}
	// Query and QueryRow.
	rows, err := c.Query(ctx, "SELECT id, note, n FROM named_t WHERE id >= @low ORDER BY id", ifx.NamedArgs{"low": 1})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID   int32
		Note *string
		N    int32
	}
	got, err := ifx.CollectRows(rows, ifx.RowToStructByPos[row])
	if err != nil || len(got) != 2 || got[0].ID != 1 || *got[0].Note != "one" || got[0].N != 2 || got[1].Note != nil {
		t.Fatalf("%+v, %v", got, err)
	}
	var note string
	if err := c.QueryRow(ctx, "SELECT note FROM named_t WHERE id = @id", ifx.StrictNamedArgs{"id": 1}).Scan(&note); err != nil || note != "one" {
		t.Fatalf("%q, %v", note, err)
	}
	// In a Tx and a Batch.
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := &ifx.Batch{}
	b.Queue("UPDATE named_t SET note = @note WHERE id = @id", ifx.NamedArgs{"id": 2, "note": "two"})
	b.Queue("INSERT INTO named_t VALUES (?, ?, ?)", 3, "three", 3)
	if err := c.SendBatch(ctx, b).Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM named_t WHERE id = @id", ifx.NamedArgs{"id": 1}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM named_t WHERE note IN (@a, @b)", ifx.NamedArgs{"a": "two", "b": "three"}).Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d, %v", n, err)
	}
	// Errors, before anything is sent; the connection goes on.
	_, err = c.Exec(ctx, "UPDATE named_t SET n = @n WHERE id = ?", ifx.NamedArgs{"n": 1})
	if !errors.Is(err, ifx.ErrNamedArgs) {
		t.Errorf("mixed placeholders: %v", err)
	}
	_, err = c.Query(ctx, "SELECT id FROM named_t WHERE id = @id", ifx.StrictNamedArgs{"id": 1, "extra": 2})
	if !errors.Is(err, ifx.ErrNamedArgs) {
		t.Errorf("an unused strict name: %v", err)
	}
	b = &ifx.Batch{}
	b.Queue("DELETE FROM named_t WHERE id = @id", ifx.StrictNamedArgs{})
	var be *ifx.BatchError
	if err := c.SendBatch(ctx, b).Close(); !errors.As(err, &be) || !errors.Is(err, ifx.ErrNamedArgs) {
		t.Errorf("a batch without a strict name: %v", err)
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}
