package engine

import (
	"context"
	"fmt"
	"testing"
)

// newStoredLO creates an object holding data and returns its locator.
func newStoredLO(t *testing.T, s *Session, data string) []byte {
	t.Helper()
	ctx := context.Background()
	loc, err := s.CreateLargeObject(ctx, XIDBlob)
	if err != nil {
		t.Fatal(err)
	}
	fd, err := s.OpenLargeObject(ctx, loc, LOReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteLargeObject(ctx, fd, []byte(data), 0); err != nil {
		t.Fatal(err)
	}
	if err := s.CloseLargeObject(fd); err != nil {
		t.Fatal(err)
	}
	return loc
}

func loExists(t *testing.T, s *Session, loc []byte) bool {
	t.Helper()
	_, err := s.LargeObjectSizeOf(context.Background(), loc)
	return err == nil
}

// TestLargeObjectFreedWithItsLastRow: an object goes when the last row
// holding it is deleted or updated away, at the end of the transaction
// (each statement's own outside one); a ROLLBACK keeps it and its row.
func TestLargeObjectFreedWithItsLastRow(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE lobs (n INT, b BLOB)")

	shared := newStoredLO(t, s, "shared")
	exec(t, s, "INSERT INTO lobs VALUES (1, ?)", shared)
	exec(t, s, "INSERT INTO lobs VALUES (2, ?)", shared)
	exec(t, s, "DELETE FROM lobs WHERE n = 1")
	if !loExists(t, s, shared) {
		t.Fatal("an object another row still holds was freed")
	}
	exec(t, s, "DELETE FROM lobs WHERE n = 2")
	if loExists(t, s, shared) {
		t.Fatal("an object no row holds outlived the DELETE of its last row")
	}

	kept := newStoredLO(t, s, "kept")
	exec(t, s, "INSERT INTO lobs VALUES (3, ?)", kept)
	exec(t, s, "BEGIN WORK")
	exec(t, s, "DELETE FROM lobs WHERE n = 3")
	if !loExists(t, s, kept) {
		t.Fatal("freed before the transaction ended")
	}
	exec(t, s, "ROLLBACK WORK")
	if !loExists(t, s, kept) {
		t.Fatal("freed although the DELETE rolled back")
	}
	if got := fmt.Sprint(one(t, s, "SELECT COUNT(*) FROM lobs WHERE b IS NOT NULL")); got != "1" {
		t.Fatalf("rows after ROLLBACK: %v", got)
	}

	next := newStoredLO(t, s, "next")
	exec(t, s, "BEGIN WORK")
	exec(t, s, "UPDATE lobs SET b = ? WHERE n = 3", next)
	exec(t, s, "COMMIT WORK")
	if loExists(t, s, kept) {
		t.Fatal("the object an UPDATE replaced outlived the COMMIT")
	}
	if !loExists(t, s, next) {
		t.Fatal("the object the UPDATE stored was freed")
	}
	exec(t, s, "UPDATE lobs SET n = 4 WHERE n = 3")
	if !loExists(t, s, next) {
		t.Fatal("an UPDATE of another column freed the row's object")
	}
}

// TestLargeObjectFreedWithItsTable: DROP TABLE and TRUNCATE free the
// objects only their rows held; an object open in a session is kept
// until a later end of transaction finds it closed.
func TestLargeObjectFreedWithItsTable(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	ctx := context.Background()
	exec(t, s, "CREATE TABLE a (b BLOB)")
	exec(t, s, "CREATE TABLE keep (b BLOB)")
	onlyA := newStoredLO(t, s, "a")
	both := newStoredLO(t, s, "both")
	exec(t, s, "INSERT INTO a VALUES (?)", onlyA)
	exec(t, s, "INSERT INTO a VALUES (?)", both)
	exec(t, s, "INSERT INTO keep VALUES (?)", both)
	exec(t, s, "DROP TABLE a")
	if loExists(t, s, onlyA) {
		t.Fatal("DROP TABLE left its object")
	}
	if !loExists(t, s, both) {
		t.Fatal("DROP TABLE freed an object another table holds")
	}

	fd, err := s.OpenLargeObject(ctx, both, LOReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	exec(t, s, "TRUNCATE keep")
	if !loExists(t, s, both) {
		t.Fatal("freed an object open through a descriptor")
	}
	s.CloseLargeObject(fd)
	exec(t, s, "CREATE TABLE other (n INT)")
	exec(t, s, "INSERT INTO other VALUES (1)")
	if loExists(t, s, both) {
		t.Fatal("a closed, unreferenced object outlived the next transaction")
	}
}

// TestLargeObjectTransientFreedAtSessionEnd: an object never stored
// lives until its session ends; one stored stays.
func TestLargeObjectTransientFreedAtSessionEnd(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	watcher := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE lobs (b BLOB)")
	transient := newStoredLO(t, s, "transient")
	stored := newStoredLO(t, s, "stored")
	exec(t, s, "INSERT INTO lobs VALUES (?)", stored)
	exec(t, s, "SELECT n FROM (SELECT 1 AS n FROM lobs)")
	if !loExists(t, watcher, transient) {
		t.Fatal("a transient object freed before its session ended")
	}
	s.DropLargeObjectState()
	if loExists(t, watcher, transient) {
		t.Fatal("a transient object outlived its session")
	}
	if !loExists(t, watcher, stored) {
		t.Fatal("a stored object was freed with its session")
	}
}

// TestLargeObjectOtherTransactionsDeleteDecides: an object whose row
// another session deleted in a transaction still open is not freed by
// this session's COMMIT (the other's ROLLBACK brings the row back).
func TestLargeObjectOtherTransactionsDeleteDecides(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	other := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE lobs (n INT, b BLOB)")
	loc := newStoredLO(t, s, "x")
	exec(t, s, "INSERT INTO lobs VALUES (1, ?)", loc)
	exec(t, s, "INSERT INTO lobs VALUES (2, ?)", loc)
	exec(t, other, "BEGIN WORK")
	exec(t, other, "DELETE FROM lobs WHERE n = 2")
	exec(t, s, "DELETE FROM lobs WHERE n = 1")
	if !loExists(t, s, loc) {
		t.Fatal("freed while another transaction's DELETE of its row was open")
	}
	exec(t, other, "ROLLBACK WORK")
	if got := fmt.Sprint(one(t, s, "SELECT COUNT(*) FROM lobs WHERE b IS NOT NULL")); got != "1" || !loExists(t, s, loc) {
		t.Fatalf("after the other's ROLLBACK: %v rows, object kept %v", got, loExists(t, s, loc))
	}
}

// TestLargeObjectFreedManyAtOnce: a DELETE that leaves more objects to
// check than loHeldScanLimit has them checked against one read of the
// columns' locators; what another row still holds stays, the rest goes.
func TestLargeObjectFreedManyAtOnce(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE lobs (n INT, b BLOB)")
	const n = 3 * loHeldScanLimit
	locs := make([][]byte, n)
	for i := range locs {
		locs[i] = newStoredLO(t, s, fmt.Sprint("object ", i))
		exec(t, s, "INSERT INTO lobs VALUES (?, ?)", i, locs[i])
		if i%2 == 0 {
			exec(t, s, "INSERT INTO lobs VALUES (?, ?)", 1000+i, locs[i])
		}
	}
	exec(t, s, "DELETE FROM lobs WHERE n < 1000")
	for i, loc := range locs {
		if got, want := loExists(t, s, loc), i%2 == 0; got != want {
			t.Errorf("object %d: exists %v, want %v", i, got, want)
		}
	}
}

// TestLargeObjectTransientFreedAtDatabaseSwitch: a transient object goes
// when its session leaves the database (DATABASE other, CLOSE DATABASE),
// not at the session's end, which runs in another database by then;
// one the session stored stays.
func TestLargeObjectTransientFreedAtDatabaseSwitch(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE DATABASE otherdb")
	exec(t, s, "DATABASE testdb")
	exec(t, s, "CREATE TABLE lobs (b BLOB)")
	watcher := newSession(t, e, "testdb")

	transient := newStoredLO(t, s, "transient")
	stored := newStoredLO(t, s, "stored")
	exec(t, s, "INSERT INTO lobs VALUES (?)", stored)
	exec(t, s, "DATABASE otherdb")
	s.DropLargeObjectState()
	if loExists(t, watcher, transient) {
		t.Error("a transient object outlived its session's DATABASE switch")
	}
	if !loExists(t, watcher, stored) {
		t.Error("a stored object was freed at the DATABASE switch")
	}

	gone := newStoredLO(t, watcher, "closed with its database")
	exec(t, watcher, "CLOSE DATABASE")
	if loExists(t, newSession(t, e, "testdb"), gone) {
		t.Error("a transient object outlived its session's CLOSE DATABASE")
	}
}
