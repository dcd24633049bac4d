package ifx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

// TestRowLocksBetweenConnections: two connections' transactions that
// update different rows of one table both proceed, as IDS's row locks
// allow; an update of a row the other transaction holds fails under SET
// LOCK MODE TO NOT WAIT with -346 and ISAM -107, which IsLockConflict
// reports. ifxtest used to let one transaction write a database at a
// time, so the second writer failed even on another row.
func TestRowLocksBetweenConnections(t *testing.T) {
	dsn := testDSN(t, "testdb")
	ctx := ctxT(t)
	open := func() *ifx.Conn {
		c, err := ifx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close(context.Background()) })
		return c
	}
	a, b := open(), open()
	freshTable(t, a, "rowlk", "id INTEGER PRIMARY KEY, v INTEGER")
	for _, id := range []int{1, 2} {
		if _, err := a.Exec(ctx, "INSERT INTO rowlk VALUES (?, 0)", id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Exec(ctx, "SET LOCK MODE TO NOT WAIT"); err != nil {
		t.Fatal(err)
	}
	ta, err := a.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := b.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ta.Exec(ctx, "UPDATE rowlk SET v = 1 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.Exec(ctx, "UPDATE rowlk SET v = 2 WHERE id = 2"); err != nil {
		t.Fatalf("update of another row: %v", err)
	}
	_, err = tb.Exec(ctx, "UPDATE rowlk SET v = 3 WHERE id = 1")
	var ie *ifx.Error
	if !errors.As(err, &ie) || ie.SQLCode != -346 || ie.ISAMCode != -107 || !ifx.IsLockConflict(err) {
		t.Fatalf("update of a locked row: want -346/-107, got %v", err)
	}
	if err := ta.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tb.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	var sum int
	if err := a.QueryRow(ctx, "SELECT SUM(v) FROM rowlk").Scan(&sum); err != nil || sum != 3 {
		t.Fatalf("sum %d, %v", sum, err)
	}
}
