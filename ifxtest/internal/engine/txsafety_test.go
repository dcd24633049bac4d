package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// interruptWrite runs a long INSERT … SELECT in s and cancels it after
// 100 ms, as the server does on a client's interrupt: it must fail with
// -213.
func interruptWrite(t *testing.T, s *Session, table string) {
	t.Helper()
	st := describe(t, s, "insert into "+table+" select 'x' from table(ifx_generate(2000000000))")
	defer st.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := st.Exec(ctx, nil)
	var ie *Error
	if !errors.As(err, &ie) || ie.SQLCode != -213 {
		t.Fatalf("interrupted INSERT … SELECT: want -213, got %v", err)
	}
}

// TestInterruptedStatementKeepsTransaction: IDS fails only the
// interrupted statement, and the transaction goes on. SQLite rolls the
// whole transaction back when a write is interrupted; the engine used to
// carry on as if it were open, so a later ROLLBACK left 'third'
// committed and a COMMIT lost 'first'.
func TestInterruptedStatementKeepsTransaction(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	other := newSession(t, e, "testdb")
	exec(t, s, "create table ti (v varchar(10))")
	for _, verb := range []string{"rollback", "commit"} {
		exec(t, s, "delete from ti")
		exec(t, s, "begin work")
		exec(t, s, "insert into ti values ('first')")
		exec(t, s, "update ti set v = 'first' where v = 'first'")
		interruptWrite(t, s, "ti")
		eq(t, verb+": in tx after interrupt", s.InTransaction(), true)
		eq(t, verb+": own rows after interrupt", query(t, s, "select v from ti order by v"), [][]Value{{"first"}})
		exec(t, s, "insert into ti values ('third')")
		exec(t, s, verb+" work")
		want := [][]Value{{"first"}, {"third"}}
		if verb == "rollback" {
			want = nil
		}
		eq(t, verb+": rows", query(t, other, "select v from ti order by v"), want)
	}
}

// TestInterruptedStatementAfterDDLEndsTransactionHonestly: when the
// transaction cannot be restored (it changed the schema), the engine
// must not claim it is still open: every later statement of it fails,
// COMMIT fails, and nothing of it is committed.
func TestInterruptedStatementAfterDDLEndsTransactionHonestly(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	other := newSession(t, e, "testdb")
	exec(t, s, "create table td (v varchar(10))")
	exec(t, s, "begin work")
	exec(t, s, "insert into td values ('first')")
	exec(t, s, "create table td2 (i int)")
	interruptWrite(t, s, "td")
	_, _, _, err := run(s, "insert into td values ('third')")
	if err == nil {
		t.Fatal("a statement of a lost transaction succeeded")
	}
	if err := s.Commit(); err == nil {
		t.Fatal("COMMIT of a lost transaction reported success")
	}
	eq(t, "in tx", s.InTransaction(), false)
	eq(t, "rows", one(t, other, "select count(*) from td"), Decimal("0"))
	wantErr(t, other, -206, "select * from td2")
	exec(t, s, "begin work")
	exec(t, s, "insert into td values ('again')")
	exec(t, s, "commit work")
	eq(t, "rows after", one(t, other, "select count(*) from td"), Decimal("1"))
}

// TestReaderDoesNotHoldOffCommit: a reader's open cursor does not keep
// a writer from committing, as on IDS. In SQLite's memdb store it did:
// the COMMIT failed with -244 (and then wedged the database, see
// TestFailedCommitEndsTransaction).
func TestReaderDoesNotHoldOffCommit(t *testing.T) {
	e, err := Open(Config{LockWaitMillis: 50})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	w := newSession(t, e, "testdb")
	r := newSession(t, e, "testdb")
	exec(t, w, "create table tr (i int)")
	for i := 0; i < 3; i++ {
		exec(t, w, "insert into tr values (?)", int32(i))
	}
	cur, err := describe(t, r, "select i from tr").Query(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	if _, err := cur.Next(); err != nil {
		t.Fatal(err)
	}
	exec(t, w, "begin work")
	exec(t, w, "insert into tr values (99)")
	if err := w.Commit(); err != nil {
		t.Fatalf("COMMIT under a reader's open cursor: %v", err)
	}
	for {
		if _, err := cur.Next(); err != nil {
			break
		}
	}
	eq(t, "committed", one(t, r, "select count(*) from tr where i = 99"), Decimal("1"))
}

// TestFailedCommitEndsTransaction: a COMMIT that SQLite refuses leaves
// SQLite's transaction open, to be retried. The engine used to forget
// its transaction all the same, so the pooled connection stayed in one
// nobody knew of: the writer still saw its row and could not BEGIN, and
// every other session got -244 for the rest of the server's life. The
// refusal is injected (commitSQL): with WAL storage no reader causes one.
func TestFailedCommitEndsTransaction(t *testing.T) {
	e, err := Open(Config{LockWaitMillis: 50})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	w := newSession(t, e, "testdb")
	other := newSession(t, e, "testdb")
	exec(t, w, "create table tc (i int)")
	for i := 0; i < 3; i++ {
		exec(t, w, "insert into tc values (?)", int32(i))
	}
	exec(t, w, "begin work")
	exec(t, w, "insert into tc values (99)")
	// A savepoint makes the transaction hold a SQLite transaction, whose
	// COMMIT can fail (a transaction of row writes alone commits each
	// statement to SQLite as it ends: rowtx.go).
	exec(t, w, "savepoint sp1")
	exec(t, w, "insert into tc values (98)")
	commitSQL = "SELECT * FROM ifx_injected_commit_failure"
	commitErr := w.Commit()
	commitSQL = "COMMIT"
	var ie *Error
	if !errors.As(commitErr, &ie) || ie.SQLCode >= 0 {
		t.Fatalf("failed COMMIT: %v", commitErr)
	}
	eq(t, "in tx after failed commit", w.InTransaction(), false)
	if err := w.Rollback(); err == nil {
		t.Fatal("ROLLBACK after a failed COMMIT reported success, though no transaction was open")
	}
	eq(t, "writer's rows", one(t, w, "select count(*) from tc where i >= 98"), Decimal("0"))
	eq(t, "other sees", one(t, other, "select count(*) from tc"), Decimal("3"))
	exec(t, other, "insert into tc values (5)")
	exec(t, w, "begin work")
	exec(t, w, "insert into tc values (6)")
	exec(t, w, "commit work")
	fresh := newSession(t, e, "testdb")
	eq(t, "fresh session not in tx", fresh.InTransaction(), false)
	exec(t, fresh, "insert into tc values (7)")
	eq(t, "rows", one(t, other, "select count(*) from tc"), Decimal("6"))
}

// TestTwiceInterruptedTransactionKeepsOneCopy: a transaction rebuilt
// after an interrupt, then interrupted again, still holds each of its
// rows once. The rebuild's own writes went into the redo log next to the
// entries it replayed, so the second rebuild wrote 'first' twice and the
// COMMIT stored both copies.
func TestTwiceInterruptedTransactionKeepsOneCopy(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	other := newSession(t, e, "testdb")
	exec(t, s, "create table ti (v varchar(10))")
	exec(t, s, "begin work")
	exec(t, s, "insert into ti values ('first')")
	interruptWrite(t, s, "ti")
	interruptWrite(t, s, "ti")
	exec(t, s, "commit work")
	eq(t, "rows", query(t, other, "select v from ti order by v"), [][]Value{{"first"}})
}
