package engine

import (
	"testing"
	"time"
)

// TestTempTablesIgnoreOtherWriters: a session's temp tables are its own,
// and IDS takes no lock on them that another session holds: creating,
// filling, indexing, altering, renaming and dropping one, and SELECT …
// INTO TEMP, proceed at once while another session's transaction holds
// the database's write lock — in autocommit and inside a transaction of
// their own. They used to wait for that lock (BEGIN IMMEDIATE) and fail
// after a second with -244/ISAM -107.
func TestTempTablesIgnoreOtherWriters(t *testing.T) {
	e := newEngine(t)
	a := newSession(t, e, "testdb")
	b := newSession(t, e, "testdb")
	exec(t, a, "create table perm (i int)")
	exec(t, b, "set lock mode to wait 5")
	exec(t, a, "begin work")
	exec(t, a, "insert into perm values (1)")
	steps := []string{
		"create temp table t (i int, s varchar(10))",
		"insert into t values (1, 'a')",
		"update t set s = 'b' where i = 1",
		"create index t_ix on t (s)",
		"alter table t add (j int)",
		"rename column t.j to k",
		"rename table t to u",
		"select tabid from systables where tabid < 3 into temp t2 with no log",
		"delete from u where i = 1",
		"truncate table u",
		"drop index t_ix",
		"drop table u",
		"drop table t2",
	}
	for _, tx := range []bool{false, true} {
		if tx {
			exec(t, b, "begin work")
		}
		for _, q := range steps {
			start := time.Now()
			if _, _, _, err := run(b, q); err != nil {
				t.Fatalf("tx=%v: %s: %v", tx, q, err)
			}
			if d := time.Since(start); d > 500*time.Millisecond {
				t.Fatalf("tx=%v: %s waited %v", tx, q, d)
			}
		}
		if tx {
			exec(t, b, "commit work")
		}
	}
	exec(t, a, "commit work")
}

// TestTempRowsThenSharedWrite: a transaction that wrote temp-table rows
// without the write lock, then writes a shared table while another
// transaction holds the lock, waits for it as SET LOCK MODE says and
// keeps its temp rows; its ROLLBACK still undoes both.
func TestTempRowsThenSharedWrite(t *testing.T) {
	e := newEngine(t)
	a := newSession(t, e, "testdb")
	b := newSession(t, e, "testdb")
	exec(t, a, "create table perm (i int)")
	exec(t, b, "create temp table t (i int)")
	exec(t, b, "set lock mode to wait 5")
	for _, end := range []string{"rollback work", "commit work"} {
		exec(t, a, "begin work")
		exec(t, a, "insert into perm values (1)")
		exec(t, b, "begin work")
		exec(t, b, "insert into t values (7)")
		query(t, b, "select count(*) from systables") // b's snapshot predates a's commit
		done := make(chan struct{})
		go func() {
			defer close(done)
			time.Sleep(200 * time.Millisecond)
			if err := a.Commit(); err != nil {
				t.Error(err)
			}
		}()
		exec(t, b, "insert into perm values (2)")
		<-done
		eq(t, end+": temp rows", one(t, b, "select count(*) from t"), Decimal("1"))
		exec(t, b, end)
		want := Decimal("0")
		if end == "commit work" {
			want = Decimal("1")
		}
		eq(t, end+": temp rows after", one(t, b, "select count(*) from t"), want)
		eq(t, end+": b's shared row", one(t, b, "select count(*) from perm where i = 2"), want)
		exec(t, b, "delete from t")
	}
	eq(t, "a's rows", one(t, a, "select count(*) from perm where i = 1"), Decimal("2"))
}
