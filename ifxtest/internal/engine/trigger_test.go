package engine

import (
	"testing"
)

// The IBM pages the trigger cases follow.
const (
	ibmCreateTrigger = "https://www.ibm.com/docs/en/informix-servers/14.10?topic=statements-create-trigger-statement"
	ibmDropTrigger   = "https://www.ibm.com/docs/en/informix-servers/14.10?topic=statements-drop-trigger-statement"
)

func triggerSession(t *testing.T, logged bool) *Session {
	t.Helper()
	s := newSession(t, newEngine(t), "")
	q := "create database trg"
	if logged {
		q += " with log"
	}
	exec(t, s, q)
	exec(t, s, "create table acct (id serial, owner varchar(20), bal int)")
	exec(t, s, "create table audit (seq serial, what char(1), id int, old_bal int, new_bal int, note varchar(40))")
	return s
}

// FOR EACH ROW actions see each row's OLD and NEW values, for INSERT,
// UPDATE OF and DELETE triggers; BEFORE and AFTER actions run once per
// statement, even when it changes no row. (ibmCreateTrigger)
func TestTriggerActions(t *testing.T) {
	s := triggerSession(t, true)
	exec(t, s, `create trigger acct_ins insert on acct referencing new as n
		for each row (insert into audit (what, id, new_bal) values ('I', n.id, n.bal))`)
	exec(t, s, `create trigger acct_upd update of bal on acct referencing old as o new as n
		for each row when (n.bal <> o.bal) (insert into audit (what, id, old_bal, new_bal) values ('U', o.id, o.bal, n.bal))`)
	exec(t, s, `create trigger acct_del delete on acct referencing old as o
		before (insert into audit (what, note) values ('B', 'before delete'))
		for each row (insert into audit (what, id, old_bal) values ('D', o.id, o.bal))
		after (insert into audit (what, note) values ('A', 'after delete'))`)

	r := exec(t, s, "insert into acct (owner, bal) values ('ann', 10)")
	eq(t, "serial of the triggering INSERT", r.Serial, int32(1))
	exec(t, s, "insert into acct (owner, bal) values ('bob', 20)")
	eq(t, "sqlca.sqlerrd1 after the trigger", one(t, s, "select dbinfo('sqlca.sqlerrd1') from systables where tabid = 1"), Value(int64(2)))
	r = exec(t, s, "update acct set bal = bal + 5")
	eq(t, "rows updated", r.RowsAffected, int64(2))
	exec(t, s, "update acct set owner = 'zed' where id = 1") // not a triggering column
	exec(t, s, "update acct set bal = bal where id = 1")     // WHEN is false
	exec(t, s, "delete from acct where id = 2")
	exec(t, s, "delete from acct where id = 99") // no row: BEFORE and AFTER still run

	eq(t, "audit", query(t, s, "select what, id, old_bal, new_bal, note from audit order by seq"), [][]Value{
		{"I", int64(1), nil, int64(10), nil},
		{"I", int64(2), nil, int64(20), nil},
		{"U", int64(1), int64(10), int64(15), nil},
		{"U", int64(2), int64(20), int64(25), nil},
		{"B", nil, nil, nil, "before delete"},
		{"D", int64(2), int64(25), nil, nil},
		{"A", nil, nil, nil, "after delete"},
		{"B", nil, nil, nil, "before delete"},
		{"A", nil, nil, nil, "after delete"},
	})
}

// A FOR EACH ROW action may EXECUTE PROCEDURE with the correlated values;
// triggers fire for DML run inside SPL too, and cascade. (ibmCreateTrigger)
func TestTriggerExecuteProcedureAndCascade(t *testing.T) {
	s := triggerSession(t, true)
	exec(t, s, "create table audit2 (id int, note varchar(40))")
	exec(t, s, `create procedure log_acct(i int, b int)
		insert into audit (what, id, new_bal) values ('P', i, b);
		end procedure`)
	exec(t, s, `create trigger acct_ins insert on acct referencing new as n
		for each row (execute procedure log_acct(n.id, n.bal))`)
	exec(t, s, `create trigger audit_ins insert on audit referencing new as a
		for each row (insert into audit2 values (a.id, 'cascaded ' || a.what))`)
	exec(t, s, `create procedure open_acct(who varchar(20)) insert into acct (owner, bal) values (who, 7); end procedure`)
	exec(t, s, "execute procedure open_acct('cy')")
	eq(t, "audit", query(t, s, "select what, id, new_bal from audit"), [][]Value{{"P", int64(1), int64(7)}})
	eq(t, "audit2", query(t, s, "select id, note from audit2"), [][]Value{{int64(1), "cascaded P"}})
}

// When a triggered action fails, the triggering statement's changes and
// the actions' are rolled back with it, inside a transaction or not, and
// the error is the action's (RAISE EXCEPTION -746 with its text).
// (ibmCreateTrigger)
func TestTriggerFailureRollsBackTheStatement(t *testing.T) {
	for _, tc := range []struct {
		name   string
		logged bool
		inTx   bool
	}{{"no log", false, false}, {"logged, no transaction", true, false}, {"in a transaction", true, true}} {
		t.Run(tc.name, func(t *testing.T) {
			s := triggerSession(t, tc.logged)
			exec(t, s, `create procedure check_bal(b int)
				if b < 0 then raise exception -746, 0, 'negative balance'; end if;
				end procedure`)
			exec(t, s, `create trigger acct_upd update of bal on acct referencing new as n
				for each row (insert into audit (what, id, new_bal) values ('U', n.id, n.bal), execute procedure check_bal(n.bal))`)
			exec(t, s, "insert into acct (owner, bal) values ('ann', 10)")
			exec(t, s, "insert into acct (owner, bal) values ('bob', 3)")
			if tc.inTx {
				exec(t, s, "begin work")
				exec(t, s, "insert into acct (owner, bal) values ('cy', 50)")
			}
			e := wantErr(t, s, -746, "update acct set bal = bal - 5")
			eq(t, "text", e.Message, "negative balance")
			eq(t, "balances", query(t, s, "select bal from acct order by id"), rowsOf(10, 3, 50)[:2+b2i(tc.inTx)])
			eq(t, "audit", one(t, s, "select count(*) from audit"), Value(Decimal("0")))
			exec(t, s, "update acct set bal = bal - 1") // the statement after succeeds, triggers and all
			if tc.inTx {
				exec(t, s, "commit work")
			}
			eq(t, "balances after", query(t, s, "select bal from acct order by id"), rowsOf(9, 2, 49)[:2+b2i(tc.inTx)])
			eq(t, "audit after", one(t, s, "select count(*) from audit"), Value(Decimal(itoa(2+b2i(tc.inTx)))))
		})
	}
}

func rowsOf(vs ...int64) [][]Value {
	out := make([][]Value, len(vs))
	for i, v := range vs {
		out[i] = []Value{v}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// systriggers and systrigbody hold a trigger; DROP TRIGGER and DROP TABLE
// remove it. (ibmCreateTrigger, ibmDropTrigger)
func TestTriggerCatalogAndDrop(t *testing.T) {
	s := triggerSession(t, true)
	exec(t, s, `create trigger acct_upd update of bal on acct referencing old as o new as n
		for each row (insert into audit (what, id) values ('U', o.id))`)
	eq(t, "systriggers", query(t, s, `select trigname, trim(t.owner), event, old, new from systriggers t, systables s
		where t.tabid = s.tabid and s.tabname = 'acct'`), [][]Value{{"acct_upd", "tester", "U", "o", "n"}})
	eq(t, "systrigbody", query(t, s, "select datakey, seqno from systrigbody order by datakey desc, seqno"),
		[][]Value{{"D", int64(1)}, {"A", int64(1)}})
	wantErr(t, s, -743, "create trigger acct_upd delete on audit for each row (delete from acct)")
	exec(t, s, "drop trigger acct_upd")
	eq(t, "after DROP TRIGGER", one(t, s, "select count(*) from systriggers"), Value(Decimal("0")))
	exec(t, s, "insert into acct (owner, bal) values ('ann', 1)")
	exec(t, s, "update acct set bal = 2")
	eq(t, "no trigger fired", one(t, s, "select count(*) from audit"), Value(Decimal("0")))
	wantErr(t, s, -634, "drop trigger acct_upd")
	exec(t, s, "drop trigger if exists acct_upd")

	exec(t, s, "create trigger acct_del delete on acct before (delete from audit)")
	exec(t, s, "drop table acct")
	eq(t, "after DROP TABLE", query(t, s, "select count(*) from systriggers union all select count(*) from systrigbody"),
		[][]Value{{Decimal("0")}, {Decimal("0")}})
}

// CREATE TRIGGER is as strict as IDS. (ibmCreateTrigger)
func TestTriggerErrors(t *testing.T) {
	s := triggerSession(t, true)
	for _, c := range []struct {
		code int
		q    string
	}{
		{-729, "create trigger t1 insert on acct"},
		{-730, "create trigger t1 insert on acct referencing new as n after (delete from audit)"},
		{-201, "create trigger t1 insert on acct referencing old as o for each row (delete from audit)"},
		{-201, "create trigger t1 delete on acct referencing new as n for each row (delete from audit)"},
		{-744, "create trigger t1 insert on acct after (commit work)"},
		{-747, "create trigger t1 insert on acct for each row (delete from acct)"},
		{-747, "create trigger t1 update of bal on acct for each row (update acct set bal = 0)"},
		{-206, "create trigger t1 insert on nosuch after (delete from audit)"},
		{-217, "create trigger t1 update of nosuch on acct after (delete from audit)"},
		{-542, "create trigger t1 update of bal, bal on acct after (delete from audit)"},
		{-999, "create trigger t1 select on acct after (delete from audit)"},
		{-201, "create trigger t1 insert on acct after (select * from audit)"},
		{-201, "create trigger t1 insert on acct after (delete from audit where id = ?)"},
		// The actions are compiled at CREATE TRIGGER.
		{-206, "create trigger t1 insert on acct after (delete from nosuch)"},
		{-217, "create trigger t1 insert on acct referencing new as n for each row (insert into audit (id) values (n.nosuch))"},
		{-217, "create trigger t1 insert on acct referencing new as n for each row (delete from audit) after (insert into audit (id) values (n.id))"},
		{-217, "create trigger t1 insert on acct for each row when (nosuch > 1) (delete from audit)"},
	} {
		wantErr(t, s, c.code, c.q)
	}
	// An UPDATE of other columns of the triggering table is allowed.
	exec(t, s, "create trigger t2 update of bal on acct referencing new as n for each row (update acct set owner = 'x' where id = n.id)")
}

// A trigger that fires itself forever stops at IDS's cascade limit (-748)
// and leaves nothing behind. ("Cascading Triggers", ibmCreateTrigger)
func TestTriggerCascadeLimit(t *testing.T) {
	s := triggerSession(t, true)
	exec(t, s, "create table ping (n int)")
	exec(t, s, "create table pong (n int)")
	exec(t, s, "create trigger ping_ins insert on ping referencing new as x for each row (insert into pong values (x.n + 1))")
	exec(t, s, "create trigger pong_ins insert on pong referencing new as x for each row (insert into ping values (x.n + 1))")
	wantErr(t, s, -748, "insert into ping values (0)")
	eq(t, "rows left", query(t, s, "select count(*) from ping union all select count(*) from pong"),
		[][]Value{{Decimal("0")}, {Decimal("0")}})
}

const ibmTriggerRoutines = "https://help.hcl-software.com/hclinformix/1410/sqt/ids_sqt_538.html"

// A trigger routine (CREATE PROCEDURE … REFERENCING … FOR table) called
// WITH TRIGGER REFERENCES reads the row and changes the values being
// written with LET n.column; EXECUTE FUNCTION … INTO column sets columns
// of the row. (ibmTriggerRoutines, ibmCreateTrigger)
func TestTriggerRoutinesChangeTheRow(t *testing.T) {
	s := triggerSession(t, true)
	exec(t, s, `create procedure clamp() referencing old as pre new as post for acct;
		if post.bal < 0 then let post.bal = 0; end if;
		if pre.bal is not null and post.bal > pre.bal + 100 then raise exception -746, 0, 'raise too large'; end if;
		end procedure`)
	exec(t, s, "create function shout(v varchar(20)) returning varchar(20); return upper(v); end function")
	exec(t, s, "create trigger acct_upd update of bal on acct for each row (execute procedure clamp() with trigger references)")
	exec(t, s, `create trigger acct_ins insert on acct referencing new as n
		for each row (execute function shout(n.owner) into owner, insert into audit (what, id, new_bal) values ('I', n.id, n.bal))`)
	exec(t, s, "insert into acct (owner, bal) values ('ann', 10)")
	exec(t, s, "insert into acct (owner, bal) values ('bob', 50)")
	exec(t, s, "update acct set bal = bal - 30")
	eq(t, "rows", query(t, s, "select owner, bal from acct order by id"), [][]Value{{"ANN", int64(0)}, {"BOB", int64(20)}})
	eq(t, "audit sees the row", query(t, s, "select id, new_bal from audit order by id"), [][]Value{{int64(1), int64(10)}, {int64(2), int64(50)}})
	e := wantErr(t, s, -746, "update acct set bal = 500 where id = 2")
	eq(t, "text", e.Message, "raise too large")
	eq(t, "unchanged", one(t, s, "select bal from acct where id = 2"), Value(int64(20)))

	wantErr(t, s, -999, "create trigger t9 delete on acct after (execute procedure clamp() with trigger references)")
	wantErr(t, s, -999, "create trigger t9 delete on acct for each row (execute function shout('x') into owner)")
	wantErr(t, s, -217, "create trigger t9 insert on acct for each row (execute function shout('x') into nosuch)")
	exec(t, s, "create procedure plain() end procedure")
	exec(t, s, "create trigger t9 delete on acct for each row (execute procedure plain() with trigger references)")
	wantErr(t, s, -999, "delete from acct where id = 1")
}
