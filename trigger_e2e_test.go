package ifx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

// A trigger that writes an audit row fires for the driver's INSERT and
// UPDATE; when its procedure raises an exception the client gets
// *ifx.Error with the routine's code and text, and the UPDATE's own
// change is rolled back with the trigger's.
func TestTriggerThroughTheDriver(t *testing.T) {
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, testDSN(t, "testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	cleanup := []string{"DROP TABLE IF EXISTS ifx_trg_acct", "DROP TABLE IF EXISTS ifx_trg_audit",
		"DROP PROCEDURE IF EXISTS ifx_trg_check"}
	for _, q := range cleanup {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, q := range cleanup {
			c.Exec(context.Background(), q)
		}
	})
	for _, q := range []string{
		"CREATE TABLE ifx_trg_acct (id SERIAL, bal INT)",
		"CREATE TABLE ifx_trg_audit (id INT, old_bal INT, new_bal INT)",
		`CREATE PROCEDURE ifx_trg_check(b INT)
  IF b < 0 THEN
    RAISE EXCEPTION -746, 0, 'balance below zero: ' || b;
  END IF;
END PROCEDURE`,
		`CREATE TRIGGER ifx_trg_ins INSERT ON ifx_trg_acct REFERENCING NEW AS n
  FOR EACH ROW (INSERT INTO ifx_trg_audit VALUES (n.id, NULL, n.bal))`,
		`CREATE TRIGGER ifx_trg_upd UPDATE OF bal ON ifx_trg_acct REFERENCING OLD AS o NEW AS n
  FOR EACH ROW (INSERT INTO ifx_trg_audit VALUES (o.id, o.bal, n.bal), EXECUTE PROCEDURE ifx_trg_check(n.bal))`,
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := c.Exec(ctx, "INSERT INTO ifx_trg_acct (bal) VALUES (?)", 10); err != nil {
		t.Fatal(err)
	}
	tag, err := c.Exec(ctx, "UPDATE ifx_trg_acct SET bal = bal - ?", 4)
	if err != nil {
		t.Fatal(err)
	}
	if tag.RowsAffected() != 1 {
		t.Fatalf("rows affected %d, want 1 (the triggering statement's)", tag.RowsAffected())
	}
	_, err = c.Exec(ctx, "UPDATE ifx_trg_acct SET bal = bal - ?", 100)
	var ie *ifx.Error
	if !errors.As(err, &ie) || ie.SQLCode != -746 || ie.Near != "balance below zero: -94" {
		t.Fatalf("got %#v, want -746 'balance below zero: -94'", err)
	}
	var bal, audits int
	if err := c.QueryRow(ctx, "SELECT bal FROM ifx_trg_acct").Scan(&bal); err != nil || bal != 6 {
		t.Fatalf("balance %d (%v), want 6: the failed UPDATE is rolled back", bal, err)
	}
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM ifx_trg_audit").Scan(&audits); err != nil || audits != 2 {
		t.Fatalf("audit rows %d (%v), want 2: the failed trigger's row is rolled back", audits, err)
	}
}
