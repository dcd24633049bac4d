package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestSetIsolation: the IDS forms of SET ISOLATION
// are accepted and recorded; anything else is a syntax error, where the
// engine used to accept any words after SET ISOLATION.
func TestSetIsolation(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")

	for q, want := range map[string]string{
		"set isolation to dirty read":                         "dirty read",
		"set isolation dirty read with warning":               "dirty read",
		"set isolation to committed read":                     "committed read",
		"set isolation to committed read last committed":      "last committed",
		"set isolation to cursor stability":                   "cursor stability",
		"set isolation to repeatable read":                    "repeatable read",
		"set isolation to committed read retain update locks": "committed read",
	} {
		exec(t, s, "set isolation to cursor stability")
		exec(t, s, "set isolation to dirty read")
		exec(t, s, q)
		eq(t, q, s.Isolation(), want)
		eq(t, q+": type", describe(t, s, q).Type, StmtSetIsolation)
	}
	for _, q := range []string{
		"set isolation to garbage",
		"set isolation to committed",
		"set isolation to dirty read committed",
	} {
		wantErr(t, s, -201, q)
	}
	fresh := e.NewSession("x")
	defer fresh.Close()
	if _, err := fresh.Prepare(context.Background(), "set isolation to dirty read"); err != nil {
		t.Fatalf("SET ISOLATION without a database: %v", err)
	}
}

// TestLockWaitTimeoutISAMCode: a statement that waited SET LOCK MODE TO
// WAIT n seconds for a row lock and gave up reports ISAM -154 (Lock
// Timeout Expired), as IDS does; under NOT WAIT the ISAM code is -107
// (record is locked). The engine used to give -107 for both.
func TestLockWaitTimeoutISAMCode(t *testing.T) {
	e, err := Open(Config{LockWaitMillis: 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	a := newSession(t, e, "testdb")
	b := newSession(t, e, "testdb")
	exec(t, a, "create table lk (i int)")
	exec(t, a, "insert into lk values (1)")
	upd := describe(t, b, "update lk set i = i + 10")
	exec(t, b, "set lock mode to not wait")
	exec(t, a, "begin work")
	exec(t, a, "update lk set i = 2")
	exec(t, b, "begin work")
	_, err = upd.Exec(context.Background(), nil)
	var ie *Error
	if !errors.As(err, &ie) || ie.SQLCode != -346 || ie.ISAMCode != -107 {
		t.Fatalf("NOT WAIT: want -346/-107, got %v", err)
	}
	exec(t, b, "set lock mode to wait 1")
	start := time.Now()
	_, err = upd.Exec(context.Background(), nil)
	if !errors.As(err, &ie) || ie.SQLCode != -346 || ie.ISAMCode != -154 {
		t.Fatalf("WAIT 1: want -346/-154, got %v", err)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("WAIT 1 gave up after %v", d)
	}
	exec(t, a, "commit work")
	if _, err := upd.Exec(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	exec(t, b, "commit work")
	eq(t, "row", one(t, a, "select i from lk"), int64(12))
}

// TestReadersAndOpenWriteTransactions: while a transaction holds
// uncommitted writes to a table, a reader of another table proceeds (in
// SQLite's memdb store every read of the database failed); a COMMITTED
// READ reader of that table meets the lock (-244/ISAM -107 under NOT
// WAIT, or waits under WAIT and then sees the committed rows); a
// COMMITTED READ LAST COMMITTED reader reads the last committed rows
// without waiting, and a DIRTY READ reader the uncommitted ones.
func TestReadersAndOpenWriteTransactions(t *testing.T) {
	e, err := Open(Config{LockWaitMillis: 50})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	a := newSession(t, e, "testdb")
	b := newSession(t, e, "testdb")
	exec(t, a, "create table wr (i int)")
	exec(t, a, "create table other (i int)")
	exec(t, a, "insert into wr values (1)")
	exec(t, a, "insert into other values (1)")
	exec(t, a, "begin work")
	exec(t, a, "insert into wr values (2)")
	eq(t, "other table", one(t, b, "select count(*) from other"), Decimal("1"))
	ie := wantErr(t, b, -244, "select count(*) from wr")
	eq(t, "isam", ie.ISAMCode, -107)
	exec(t, b, "set isolation to committed read last committed")
	eq(t, "last committed", one(t, b, "select count(*) from wr"), Decimal("1"))
	exec(t, b, "set isolation to dirty read")
	eq(t, "dirty read", one(t, b, "select count(*) from wr"), Decimal("2"))
	exec(t, b, "set isolation to committed read")
	exec(t, b, "set lock mode to wait 10")
	waiting := waitSignal(e)
	type result struct {
		rows [][]Value
		err  error
	}
	done := make(chan result, 1)
	go func() {
		_, _, rows, err := run(b, "select count(*) from wr")
		done <- result{rows, err}
	}()
	<-waiting // b waits for a's lock
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	eq(t, "after waiting", r.rows, [][]Value{{Decimal("2")}})
}

// TestCommittedReadSeesLaterCommits: under COMMITTED READ a transaction
// that has only read sees what other sessions commit meanwhile (its
// reads are not repeatable), as on IDS; a SQLite read transaction would
// keep reading its first snapshot.
func TestCommittedReadSeesLaterCommits(t *testing.T) {
	e := newEngine(t)
	a := newSession(t, e, "testdb")
	b := newSession(t, e, "testdb")
	exec(t, a, "create table cr (i int)")
	exec(t, b, "begin work")
	eq(t, "before", one(t, b, "select count(*) from cr"), Decimal("0"))
	exec(t, a, "insert into cr values (1)")
	eq(t, "after", one(t, b, "select count(*) from cr"), Decimal("1"))
	exec(t, b, "insert into cr values (2)")
	exec(t, b, "commit work")
	eq(t, "rows", one(t, a, "select count(*) from cr"), Decimal("2"))
}
