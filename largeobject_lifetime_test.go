package ifx_test

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

// TestLargeObjectLocatorAfterItsTransaction: a locator outlives the object
// it names when the transaction that made the object rolls back, or when
// the transaction that deleted its last row commits. Opening it then is
// the server's -9810 ("Smart-large-object error."), a typed *ifx.Error,
// never an empty object read as if it were the value.
func TestLargeObjectLocatorAfterItsTransaction(t *testing.T) {
	c, _ := routineServer(t, "")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE lo_life (id INT, b BLOB)"); err != nil {
		t.Fatal(err)
	}
	write := func(data string) ifxtype.Locator {
		t.Helper()
		lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lo.Write([]byte(data)); err != nil {
			t.Fatal(err)
		}
		if err := lo.Close(); err != nil {
			t.Fatal(err)
		}
		return lo.Locator()
	}
	wantGone := func(what string, loc ifxtype.Locator) {
		t.Helper()
		lo, err := c.OpenLargeObject(ctx, loc, ifx.LOReadOnly)
		if err == nil {
			lo.Close()
			t.Fatalf("%s: the locator still opens", what)
		}
		var e *ifx.Error
		if !errors.As(err, &e) || e.SQLCode != -9810 {
			t.Fatalf("%s: %v, want -9810", what, err)
		}
		// The connection stays usable.
		var n int
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM lo_life").Scan(&n); err != nil {
			t.Fatalf("%s: next statement: %v", what, err)
		}
	}

	// Created inside a transaction that rolls back.
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rolled := write("rolled back")
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	wantGone("after ROLLBACK", rolled)

	// Stored, then its only row deleted in a transaction that commits.
	kept := write("stored")
	if _, err := c.Exec(ctx, "INSERT INTO lo_life VALUES (1, ?)", kept); err != nil {
		t.Fatal(err)
	}
	tx, err = c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM lo_life WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	// Until the COMMIT the object is still there.
	lo, err := c.OpenLargeObject(ctx, kept, ifx.LOReadOnly)
	if err != nil {
		t.Fatalf("before COMMIT: %v", err)
	}
	if err := lo.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	wantGone("after the deleting COMMIT", kept)
}
