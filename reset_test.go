package ifx_test

import (
	"testing"
)

// Reset rolls back whatever transaction the last user left open, however
// it was opened, and leaves no cursor behind.
func TestResetRollsBack(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TEMP TABLE reset_t (a INT)"); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		var n int
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM reset_t").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO reset_t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if !c.InTransaction() {
		t.Fatal("InTransaction false inside a Tx")
	}
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if c.InTransaction() || count() != 0 {
		t.Errorf("after Reset: in transaction %v, %d rows", c.InTransaction(), count())
	}
	if err := tx.Commit(ctx); err == nil {
		t.Error("Commit of a Tx that Reset rolled back succeeded")
	}

	// BEGIN WORK as SQL text, and an abandoned half-read result.
	if _, err := c.Exec(ctx, "BEGIN WORK"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO reset_t VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, "SELECT tabid FROM systables")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next()
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if count() != 0 {
		t.Error("BEGIN WORK as SQL survived Reset")
	}
	if rows.Next() {
		t.Error("a Rows read on after Reset")
	}

	// Nothing open: Reset costs nothing and commits nothing.
	if _, err := c.Exec(ctx, "INSERT INTO reset_t VALUES (3)"); err != nil {
		t.Fatal(err)
	}
	if err := c.Reset(ctx); err != nil || count() != 1 {
		t.Errorf("Reset without a transaction: %v, %d rows", err, count())
	}
}
