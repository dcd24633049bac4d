package engine

import (
	"errors"
	"testing"
)

// TestAlterTableAddConstraintWaitsForRowLocks: ALTER TABLE … ADD
// CONSTRAINT checks the rows already there, and under row locks another
// transaction's uncommitted changes are in the table already. B's
// autocommit ALTER waits until A's transaction ends (as IDS's ALTER
// waits for the table lock A's rows hold), and so checks the rows A's
// ROLLBACK restored: a duplicate that A had deleted makes the UNIQUE
// constraint fail (-371), where it used to succeed and A's ROLLBACK then
// could not write the row back.
func TestAlterTableAddConstraintWaitsForRowLocks(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table acu (id int, k int)")
	exec(t, a, "insert into acu values (1, 1)")
	exec(t, a, "insert into acu values (2, 1)")
	exec(t, a, "begin work")
	exec(t, a, "delete from acu where id = 2")
	exec(t, b, "set lock mode to wait")
	done := p.startWaiting(t, b, "alter table acu add constraint unique (k) constraint acu_k")
	exec(t, a, "rollback work")
	var ie *Error
	if err := <-done; !errors.As(err, &ie) || ie.SQLCode != -371 {
		t.Fatalf("ALTER after A's ROLLBACK: want -371, got %v", err)
	}
	eq(t, "rows", len(query(t, a, "select k from acu")), 2)
}
