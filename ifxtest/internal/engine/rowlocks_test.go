package engine

import (
	"context"
	"errors"
	"testing"
)

// rowLockEngine is an engine without the readers' NOT WAIT grace, so
// that every lock conflict shows at once.
func rowLockEngine(t *testing.T) *Engine {
	t.Helper()
	e, err := Open(Config{LockWaitMillis: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// waitSignal makes e report on the returned channel each session that
// begins to wait for a lock.
func waitSignal(e *Engine) <-chan int64 {
	ch := make(chan int64, 16)
	e.locks.onWait = func(id, _ int64) { ch <- id }
	return ch
}

// rowLockPair is the row-lock tests' setup: sessions a and b in testdb
// on one rowLockEngine, and waiting, on which the engine reports each
// session that begins to wait for a lock.
type rowLockPair struct {
	e       *Engine
	a, b    *Session
	waiting <-chan int64
}

func newRowLockPair(t *testing.T) rowLockPair {
	t.Helper()
	e := rowLockEngine(t)
	waiting := waitSignal(e)
	return rowLockPair{e: e, a: newSession(t, e, "testdb"), b: newSession(t, e, "testdb"), waiting: waiting}
}

// startWaiting runs q on s in a goroutine and returns once s waits for a
// lock; the statement's error comes on the returned channel when it
// ends. A statement that ends without waiting, or another session
// waiting, fails the test.
func (p rowLockPair) startWaiting(t *testing.T, s *Session, q string) <-chan error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, _, _, err := run(s, q)
		done <- err
	}()
	select {
	case id := <-p.waiting:
		if id != s.ID() {
			t.Fatalf("session %d waits, want %d", id, s.ID())
		}
	case err := <-done:
		t.Fatalf("%q ended (%v) without waiting for a lock", q, err)
	}
	return done
}

// wantLockErr checks a lock error's SQL and ISAM codes.
func wantLockErr(t *testing.T, what string, err error, code, isam int) {
	t.Helper()
	var ie *Error
	if !errors.As(err, &ie) || ie.SQLCode != code || ie.ISAMCode != isam {
		t.Fatalf("%s: want %d/%d, got %v", what, code, isam, err)
	}
}

// TestWritersOfDifferentRowsProceed: two transactions writing different
// rows of one table both proceed under NOT WAIT, as under IDS's row
// locks; the engine used to let one transaction write a database at a
// time, and the second writer failed with -271/-346/ISAM -107.
func TestWritersOfDifferentRowsProceed(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table dr (id int primary key, v int)")
	for i := 1; i <= 4; i++ {
		exec(t, a, "insert into dr values (?, ?)", int64(i), int64(0))
	}
	exec(t, a, "begin work")
	exec(t, b, "begin work")
	exec(t, a, "update dr set v = 1 where id = 1")
	exec(t, b, "update dr set v = 2 where id = 2")
	exec(t, a, "insert into dr values (5, 1)")
	exec(t, b, "insert into dr values (6, 2)")
	exec(t, a, "delete from dr where id = 3")
	exec(t, b, "delete from dr where id = 4")
	exec(t, a, "commit work")
	exec(t, b, "rollback work")
	eq(t, "rows", query(t, a, "select id, v from dr order by id"), [][]Value{
		{int64(1), int64(1)}, {int64(2), int64(0)}, {int64(4), int64(0)}, {int64(5), int64(1)},
	})
}

// TestWriterMeetsLockedRow: a row that another transaction wrote is
// locked until that transaction ends: under NOT WAIT an UPDATE, DELETE
// or autocommit statement that meets it fails at once with IDS's codes
// (-346, -240, ISAM -107), changing nothing; under WAIT it waits for the
// COMMIT and then sees the committed row.
func TestWriterMeetsLockedRow(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table lr (id int, v int)")
	exec(t, a, "insert into lr values (1, 0)")
	exec(t, a, "insert into lr values (2, 0)")
	exec(t, a, "begin work")
	exec(t, a, "update lr set v = 10 where id = 1")
	_, _, _, err := run(b, "update lr set v = v + 1")
	wantLockErr(t, "autocommit UPDATE", err, -346, -107)
	exec(t, b, "begin work")
	_, _, _, err = run(b, "delete from lr where id = 1")
	wantLockErr(t, "DELETE", err, -240, -107)
	// The failed UPDATE changed no row, the one it could reach included.
	eq(t, "row 2", one(t, a, "select v from lr where id = 2"), int64(0))

	exec(t, b, "set lock mode to wait")
	done := p.startWaiting(t, b, "update lr set v = v + 1 where id = 1")
	exec(t, a, "commit work")
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	exec(t, b, "commit work")
	eq(t, "row 1", one(t, a, "select v from lr where id = 1"), int64(11))
}

// TestDeadlockIsReported: two transactions that each wait for the
// other's row get IDS's deadlock error (ISAM -143) on the second wait,
// instead of hanging; the first goes on when the second rolls back.
func TestDeadlockIsReported(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table dl (id int, v int)")
	exec(t, a, "insert into dl values (1, 0)")
	exec(t, a, "insert into dl values (2, 0)")
	exec(t, a, "set lock mode to wait")
	exec(t, b, "set lock mode to wait")
	exec(t, a, "begin work")
	exec(t, b, "begin work")
	exec(t, a, "update dl set v = 1 where id = 1")
	exec(t, b, "update dl set v = 2 where id = 2")
	done := p.startWaiting(t, b, "update dl set v = 2 where id = 1")
	_, _, _, err := run(a, "update dl set v = 1 where id = 2")
	wantLockErr(t, "deadlock", err, -346, -143)
	exec(t, a, "rollback work")
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	exec(t, b, "commit work")
	eq(t, "rows", query(t, a, "select v from dl order by id"), [][]Value{{int64(2)}, {int64(2)}})
}

// TestRollbackWritesBackRows: ROLLBACK WORK restores every row the
// transaction inserted, updated or deleted, with the rows a cascading
// delete took, while another session's committed rows stay.
func TestRollbackWritesBackRows(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table par (id int primary key, name varchar(10))")
	exec(t, a, "create table kid (id int, pid int references par on delete cascade)")
	exec(t, a, "insert into par values (1, 'one')")
	exec(t, a, "insert into par values (2, 'two')")
	exec(t, a, "insert into kid values (10, 1)")
	exec(t, a, "insert into kid values (20, 2)")
	before := query(t, a, "select rowid, id, name from par order by id")
	exec(t, a, "begin work")
	exec(t, a, "update par set name = 'uno' where id = 1")
	exec(t, a, "delete from par where id = 2")
	exec(t, a, "insert into par values (3, 'three')")
	exec(t, a, "update par set name = 'tres' where id = 3")
	exec(t, b, "insert into kid values (30, 1)")
	exec(t, a, "rollback work")
	eq(t, "par", query(t, b, "select rowid, id, name from par order by id"), before)
	eq(t, "kid", query(t, b, "select id, pid from kid order by id"), [][]Value{
		{int64(10), int64(1)}, {int64(20), int64(2)}, {int64(30), int64(1)},
	})
}

// TestUniqueKeyValueLock: a key value that an open transaction deleted
// or inserted is locked: another session's INSERT of it fails with
// -271/ISAM -144 under NOT WAIT, where SQLite let it in (and the
// deleting transaction's ROLLBACK would then have failed); after the
// owner ends, the INSERT gets the duplicate-key error or succeeds.
func TestUniqueKeyValueLock(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table uk (id int, code int unique)")
	exec(t, a, "insert into uk values (1, 5)")
	exec(t, a, "begin work")
	exec(t, a, "delete from uk where code = 5")
	exec(t, a, "insert into uk values (2, 7)")
	_, _, _, err := run(b, "insert into uk values (3, 5)")
	wantLockErr(t, "deleted key", err, -271, -144)
	_, _, _, err = run(b, "insert into uk values (4, 7)")
	wantLockErr(t, "inserted key", err, -271, -144)
	exec(t, a, "rollback work")
	wantErr(t, b, -268, "insert into uk values (3, 5)")
	exec(t, b, "insert into uk values (4, 7)")
	eq(t, "rows", query(t, b, "select id, code from uk order by id"), [][]Value{{int64(1), int64(5)}, {int64(4), int64(7)}})
}

// TestReadersOfLockedRows: under COMMITTED READ a reader of a table with
// locked rows fails under NOT WAIT (-244/ISAM -107); under LAST
// COMMITTED it reads the rows' committed images (updated, deleted and
// inserted rows alike) without waiting; under DIRTY READ it reads them
// as they are.
func TestReadersOfLockedRows(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table rd (id int, v varchar(5))")
	exec(t, a, "insert into rd values (1, 'a')")
	exec(t, a, "insert into rd values (2, 'b')")
	exec(t, a, "begin work")
	exec(t, a, "update rd set v = 'A' where id = 1")
	exec(t, a, "delete from rd where id = 2")
	exec(t, a, "insert into rd values (3, 'c')")
	ie := wantErr(t, b, -244, "select * from rd")
	eq(t, "isam", ie.ISAMCode, -107)
	exec(t, b, "set isolation to committed read last committed")
	committed := [][]Value{{int64(1), "a"}, {int64(2), "b"}}
	eq(t, "last committed", query(t, b, "select id, v from rd order by id"), committed)
	exec(t, b, "set isolation to dirty read")
	eq(t, "dirty read", query(t, b, "select id, v from rd order by id"), [][]Value{{int64(1), "A"}, {int64(3), "c"}})
	// The LAST COMMITTED read left a's rows as they were.
	eq(t, "writer", query(t, a, "select id, v from rd order by id"), [][]Value{{int64(1), "A"}, {int64(3), "c"}})
	exec(t, a, "commit work")
	exec(t, b, "set isolation to committed read")
	eq(t, "after commit", query(t, b, "select id, v from rd order by id"), [][]Value{{int64(1), "A"}, {int64(3), "c"}})
}

// TestHeldTransactionWaitsForRowLocks: a transaction that runs DDL holds
// SQLite's write lock to its end; it takes it only when no other
// transaction holds row locks in the database (whose ROLLBACK needs
// it), failing under NOT WAIT and waiting under WAIT.
func TestHeldTransactionWaitsForRowLocks(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table hl (id int)")
	exec(t, a, "insert into hl values (1)")
	exec(t, a, "begin work")
	exec(t, a, "update hl set id = 2")
	exec(t, b, "begin work")
	_, _, _, err := run(b, "create table hl2 (id int)")
	wantLockErr(t, "DDL under NOT WAIT", err, -244, -107)
	exec(t, b, "set lock mode to wait")
	done := p.startWaiting(t, b, "create table hl3 (id int)")
	exec(t, a, "rollback work")
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	exec(t, b, "rollback work")
	eq(t, "row", one(t, a, "select id from hl"), int64(1))
	wantErr(t, a, -206, "select * from hl3")
}

// TestRowLocksReleasedOnClose: a session closed inside a transaction
// rolls its rows back and releases their locks.
func TestRowLocksReleasedOnClose(t *testing.T) {
	e := rowLockEngine(t)
	a := newSession(t, e, "testdb")
	b := e.NewSession("tester")
	if _, err := b.OpenDatabase(context.Background(), "testdb"); err != nil {
		t.Fatal(err)
	}
	exec(t, a, "create table cl (id int)")
	exec(t, a, "insert into cl values (1)")
	exec(t, b, "begin work")
	exec(t, b, "update cl set id = 2")
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	exec(t, a, "update cl set id = id + 10")
	eq(t, "row", one(t, a, "select id from cl"), int64(11))
}

// TestRollbackOfDeleteWithoutWhere: a DELETE without WHERE prepared
// before the transaction began is rolled back too. SQLite empties such
// a table without visiting its rows when the statement was prepared with
// no pre-update hook registered, so the undo log missed its rows.
func TestRollbackOfDeleteWithoutWhere(t *testing.T) {
	e := rowLockEngine(t)
	a := newSession(t, e, "testdb")
	exec(t, a, "create table dw (id int)")
	exec(t, a, "insert into dw values (1)")
	exec(t, a, "insert into dw values (2)")
	del := describe(t, a, "delete from dw")
	if _, err := del.Exec(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	exec(t, a, "insert into dw values (1)")
	exec(t, a, "insert into dw values (2)")
	exec(t, a, "begin work")
	if _, err := del.Exec(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	eq(t, "in tx", one(t, a, "select count(*) from dw"), Decimal("0"))
	exec(t, a, "rollback work")
	eq(t, "after rollback", one(t, a, "select count(*) from dw"), Decimal("2"))
}

// TestReaderRechecksLocksTakenBeforeItsSnapshot: a transaction that
// locks and writes a row between a COMMITTED READ reader's lock check
// and the start of its read does not show the reader its uncommitted
// row: the reader sees that a lock was taken meanwhile, checks again and
// meets the lock (-244 under NOT WAIT).
func TestReaderRechecksLocksTakenBeforeItsSnapshot(t *testing.T) {
	p := newRowLockPair(t)
	e, a, b := p.e, p.a, p.b
	exec(t, a, "create table rc (v int)")
	exec(t, a, "insert into rc values (1)")
	once := false
	e.locks.onRead = func() {
		if !once {
			once = true
			exec(t, a, "begin work")
			exec(t, a, "update rc set v = 2")
		}
	}
	ie := wantErr(t, b, -244, "select v from rc")
	eq(t, "isam", ie.ISAMCode, -107)
	e.locks.onRead = nil
	exec(t, a, "rollback work")
	eq(t, "after rollback", one(t, b, "select v from rc"), int64(1))
}
