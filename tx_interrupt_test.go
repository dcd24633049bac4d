package ifx_test

import (
	"context"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
)

// TestTxSurvivesCancelledStatement is issue 18's finding 3 end to end:
// inside a Tx, a long INSERT … SELECT is cancelled (the driver sends the
// interrupt, the server answers -213); the Tx goes on, and its Rollback
// or Commit covers exactly the statements that succeeded — on IDS and on
// ifxtest, which used to lose the transaction to SQLite's rollback.
func TestTxSurvivesCancelledStatement(t *testing.T) {
	if realServer() {
		t.Skip("ifx_generate is ifxtest's")
	}
	dsn, _ := testServer(t, "testdb")
	c, err := ifx.Connect(ctxT(t), dsn+"&interrupt_wait=5s")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	other, err := ifx.Connect(ctxT(t), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(context.Background())
	freshTable(t, c, "txint", "v VARCHAR(10)")
	for _, commit := range []bool{false, true} {
		ctx := ctxT(t)
		if _, err := c.Exec(ctx, "DELETE FROM txint"); err != nil {
			t.Fatal(err)
		}
		tx, err := c.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO txint VALUES ('first')"); err != nil {
			t.Fatal(err)
		}
		cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		_, err = tx.Exec(cctx, "INSERT INTO txint SELECT 'x' FROM TABLE(ifx_generate(2000000000))")
		cancel()
		if err == nil {
			t.Fatal("the cancelled INSERT succeeded")
		}
		if _, err := tx.Exec(ctx, "INSERT INTO txint VALUES ('third')"); err != nil {
			t.Fatalf("the Tx after a cancelled statement: %v", err)
		}
		want := 0
		if commit {
			err, want = tx.Commit(ctx), 2
		} else {
			err = tx.Rollback(ctx)
		}
		if err != nil {
			t.Fatalf("commit=%v: %v", commit, err)
		}
		var n int
		if err := other.QueryRow(ctx, "SELECT COUNT(*) FROM txint").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("commit=%v: %d rows, want %d", commit, n, want)
		}
	}
}
