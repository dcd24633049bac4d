package engine

import "testing"

// TestTriggeredStatementUnderRowLocks: a statement that fires a trigger
// outside a transaction runs with its actions as one unit, and still
// respects another transaction's row locks. B's UPDATE reaches the row
// that A's open transaction changed (a column the trigger does not
// watch): B waits for A (as IDS waits for the row lock), and A's
// ROLLBACK, which writes row 1's before-image back, does not undo B's
// update or leave its audit row describing a value that is gone. Row locks first ran each row statement in a SQLite transaction
// of its own, inside the trigger's: -999 "cannot start a transaction
// within a transaction".
func TestTriggeredStatementUnderRowLocks(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table acct (id int, bal int, note varchar(10))")
	exec(t, a, "create table audit (id int, old_bal int, new_bal int)")
	exec(t, a, `create trigger acct_upd update of bal on acct referencing old as o new as n
		for each row (insert into audit values (o.id, o.bal, n.bal))`)
	exec(t, a, "insert into acct values (1, 10, NULL)")
	exec(t, a, "insert into acct values (2, 20, NULL)")

	exec(t, a, "begin work")
	exec(t, a, "update acct set note = 'a' where id = 1")
	exec(t, b, "set lock mode to wait")
	done := p.startWaiting(t, b, "update acct set bal = bal + 1")
	exec(t, a, "rollback work")
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	eq(t, "acct", query(t, a, "select id, bal, note from acct order by id"), [][]Value{{int64(1), int64(11), nil}, {int64(2), int64(21), nil}})
	eq(t, "audit", query(t, a, "select id, old_bal, new_bal from audit order by id"), [][]Value{
		{int64(1), int64(10), int64(11)}, {int64(2), int64(20), int64(21)},
	})

	// In a transaction, ROLLBACK WORK undoes the triggering statement and
	// its actions, and B is not kept waiting after it.
	exec(t, a, "begin work")
	exec(t, a, "update acct set bal = 0 where id = 2")
	exec(t, a, "rollback work")
	exec(t, b, "update acct set bal = 5 where id = 2")
	eq(t, "acct after", query(t, a, "select id, bal from acct order by id"), [][]Value{{int64(1), int64(11)}, {int64(2), int64(5)}})
	eq(t, "audit rows", len(query(t, a, "select id from audit")), 3)
}
