package engine

import (
	"context"
	"errors"
	"testing"
	"time"
)

// gatherBatch runs the one-row INSERT q once per id on s, as a batch's
// EXECUTEs, stopping at the first error; it returns how many ran.
func gatherBatch(t *testing.T, s *Session, q string, ids ...int64) (int, error) {
	t.Helper()
	st := describe(t, s, q)
	t.Cleanup(func() { st.Close() })
	for i, id := range ids {
		if _, err := st.Exec(context.Background(), []Value{id}); err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

// TestGatheredDuplicateKeepsEarlierRows: a duplicate key in the middle
// of gathered INSERTs fails that statement alone (-268), as with one
// SQLite transaction per statement: the rows before it stay, in the
// transaction and in the same gathered SQLite transaction, which goes on
// gathering; a ROLLBACK WORK takes them all back, a COMMIT WORK keeps
// them.
func TestGatheredDuplicateKeepsEarlierRows(t *testing.T) {
	for _, verb := range []string{"rollback work", "commit work", ""} {
		e := newEngine(t)
		a, b := newSession(t, e, "testdb"), newSession(t, e, "testdb")
		exec(t, a, "create table gd (id int primary key)")
		a.GatherShortWrites(true)
		if verb != "" {
			exec(t, a, "begin work")
		}
		n, err := gatherBatch(t, a, "insert into gd values (?)", 1, 2, 3, 2, 5)
		if n != 3 {
			t.Fatalf("%q: %d statements ran before the error %v, want 3", verb, n, err)
		}
		var ie *Error
		if !errors.As(err, &ie) || ie.SQLCode != -268 {
			t.Fatalf("%q: duplicate: %v, want -268", verb, err)
		}
		if !a.Gathering() {
			t.Fatalf("%q: the failed statement ended the gathered transaction", verb)
		}
		if _, err := gatherBatch(t, a, "insert into gd values (?)", 4); err != nil {
			t.Fatal(err)
		}
		if err := a.Settle(); err != nil {
			t.Fatal(err)
		}
		exec(t, b, "set isolation to dirty read")
		eq(t, verb+": rows another session reads once settled", query(t, b, "select id from gd order by id"),
			[][]Value{{int64(1)}, {int64(2)}, {int64(3)}, {int64(4)}})
		if verb == "" {
			continue
		}
		exec(t, a, verb)
		want := Decimal("4")
		if verb == "rollback work" {
			want = Decimal("0")
		}
		exec(t, b, "set isolation to committed read")
		eq(t, "after "+verb, one(t, b, "select count(*) from gd"), want)
	}
}

// TestGatheredRowsRolledBackInTheirGroup: a ROLLBACK WORK that follows
// gathered INSERTs before anything settled them (the same request group)
// commits them to SQLite first and then writes back their
// before-images: no row is left, and another session can write the
// table at once.
func TestGatheredRowsRolledBackInTheirGroup(t *testing.T) {
	e := rowLockEngine(t)
	a, b := newSession(t, e, "testdb"), newSession(t, e, "testdb")
	exec(t, a, "create table gr (id int primary key, v varchar(10))")
	a.GatherShortWrites(true)
	exec(t, a, "begin work")
	if _, err := gatherBatch(t, a, "insert into gr values (?, 'x')", 1, 2, 3); err != nil {
		t.Fatal(err)
	}
	if !a.Gathering() {
		t.Fatal("short INSERTs did not gather")
	}
	if err := a.Rollback(); err != nil {
		t.Fatal(err)
	}
	if a.Gathering() {
		t.Fatal("ROLLBACK WORK left the gathered transaction open")
	}
	exec(t, b, "insert into gr values (1, 'b')")
	eq(t, "rows", query(t, b, "select id, v from gr"), [][]Value{{int64(1), "b"}})
}

// TestGatheredStatementMeetsLock: a gathered INSERT that meets another
// transaction's lock is undone alone: one that SQLite accepted (a key
// value the other transaction deleted) by ROLLBACK TO its savepoint, one
// that collided with an uncommitted key by SQLite's statement rollback.
// The gathered statements before it commit before any wait, so that the
// other transaction's ROLLBACK, which needs SQLite's write lock, runs
// while this one waits. Under NOT WAIT the statement fails with the lock
// error and the earlier rows stay.
func TestGatheredStatementMeetsLock(t *testing.T) {
	p := newRowLockPair(t)
	a, b := p.a, p.b
	exec(t, a, "create table gl (id int primary key)")
	exec(t, a, "insert into gl values (3)")
	exec(t, b, "begin work")
	exec(t, b, "delete from gl where id = 3")
	exec(t, b, "insert into gl values (6)")
	a.GatherShortWrites(true)
	exec(t, a, "begin work")
	n, err := gatherBatch(t, a, "insert into gl values (?)", 1, 2, 3)
	if n != 2 {
		t.Fatalf("%d statements ran before %v, want 2", n, err)
	}
	wantLockErr(t, "INSERT of a key value deleted by another transaction", err, -271, -144)
	if a.Gathering() {
		t.Fatal("a gathered transaction is open after a lock conflict")
	}

	exec(t, a, "set lock mode to wait 10")
	st := describe(t, a, "insert into gl values (?)")
	defer st.Close()
	done := make(chan error, 1)
	go func() {
		// 4 gathers; 6 collides with b's uncommitted row and waits.
		_, err := st.Exec(context.Background(), []Value{int64(4)})
		if err == nil {
			_, err = st.Exec(context.Background(), []Value{int64(6)})
		}
		done <- err
	}()
	select {
	case <-p.waiting:
	case err := <-done:
		t.Fatalf("INSERT of a locked key did not wait: %v", err)
	}
	start := time.Now()
	exec(t, b, "rollback work")
	if d := time.Since(start); d > time.Second {
		t.Errorf("the other transaction's ROLLBACK took %v: the waiting session held SQLite's write lock", d)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	exec(t, a, "commit work")
	eq(t, "rows", query(t, b, "select id from gl order by id"), [][]Value{{int64(1)}, {int64(2)}, {int64(3)}, {int64(4)}, {int64(6)}})
}

// TestGatheredInsertInterrupted: a gathered INSERT whose context ended
// before it ran fails alone: the gathered statements before it stay and
// the gathered transaction goes on (SQLite would have ended it with
// every gathered row had the INSERT been interrupted inside SQLite).
func TestGatheredInsertInterrupted(t *testing.T) {
	e := newEngine(t)
	a, b := newSession(t, e, "testdb"), newSession(t, e, "testdb")
	exec(t, a, "create table gi (id int primary key)")
	a.GatherShortWrites(true)
	exec(t, a, "begin work")
	st := describe(t, a, "insert into gi values (?)")
	defer st.Close()
	for _, id := range []int64{1, 2} {
		if _, err := st.Exec(context.Background(), []Value{id}); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := st.Exec(ctx, []Value{int64(3)}); err == nil {
		t.Fatal("an INSERT under an ended context ran")
	}
	if !a.Gathering() {
		t.Fatal("the interrupted INSERT ended the gathered transaction")
	}
	if _, err := st.Exec(context.Background(), []Value{int64(4)}); err != nil {
		t.Fatal(err)
	}
	exec(t, a, "commit work")
	eq(t, "rows", query(t, b, "select id from gi order by id"), [][]Value{{int64(1)}, {int64(2)}, {int64(4)}})
}

// TestGatherSettlesBeforeOtherStatements: an UPDATE, a SELECT or a DDL
// statement after gathered INSERTs runs after they commit (each begins
// SQLite transactions of its own, which cannot nest); an INSERT that
// fires a trigger or fills a SERIAL does not gather, and its trigger
// and SERIAL value are its own.
func TestGatherSettlesBeforeOtherStatements(t *testing.T) {
	e := newEngine(t)
	a, b := newSession(t, e, "testdb"), newSession(t, e, "testdb")
	exec(t, a, "create table gs (id int primary key, v int)")
	exec(t, a, "create table gs_serial (id serial, v int)")
	exec(t, a, "create table gs_log (id int)")
	exec(t, a, "create table gs_trig (id int)")
	exec(t, a, "create trigger gs_t insert on gs_trig referencing new as n for each row (insert into gs_log values (n.id))")
	a.GatherShortWrites(true)
	for _, q := range []string{"update gs set v = 1", "select count(*) from gs", "create table gs_more (x int)"} {
		if _, err := gatherBatch(t, a, "insert into gs values (?, 0)", int64(len(q)), int64(len(q))+1000); err != nil {
			t.Fatal(err)
		}
		if !a.Gathering() {
			t.Fatal("short INSERTs did not gather")
		}
		if _, _, _, err := run(a, q); err != nil {
			t.Fatalf("%s after gathered INSERTs: %v", q, err)
		}
		if a.Gathering() {
			t.Fatalf("%s left a gathered transaction open", q)
		}
	}
	eq(t, "rows updated", one(t, b, "select count(*) from gs where v = 1"), Decimal("2"))

	r := exec(t, a, "insert into gs_serial (v) values (1)")
	r2 := exec(t, a, "insert into gs_serial (v) values (2)")
	if a.Gathering() || r.Serial == 0 || r2.Serial != r.Serial+1 {
		t.Fatalf("SERIAL INSERTs: gathering %v, serials %d %d", a.Gathering(), r.Serial, r2.Serial)
	}
	if _, err := gatherBatch(t, a, "insert into gs_trig values (?)", 7); err != nil {
		t.Fatal(err)
	}
	if a.Gathering() {
		t.Fatal("an INSERT that fires a trigger gathered")
	}
	eq(t, "trigger's row", one(t, b, "select id from gs_log"), int64(7))
}

// TestGatheredRowsAtSessionClose: a session that ends with gathered
// INSERTs keeps those of an autocommit batch (they ran, as on IDS) and
// rolls back those of its open transaction with the rest of it.
func TestGatheredRowsAtSessionClose(t *testing.T) {
	e := newEngine(t)
	b := newSession(t, e, "testdb")
	exec(t, b, "create table gc (id int primary key)")
	for _, inTx := range []bool{false, true} {
		a := e.NewSession("tester")
		if _, err := a.OpenDatabase(context.Background(), "testdb"); err != nil {
			t.Fatal(err)
		}
		a.GatherShortWrites(true)
		if inTx {
			exec(t, a, "begin work")
		}
		base := int64(10)
		if inTx {
			base = 20
		}
		if _, err := gatherBatch(t, a, "insert into gc values (?)", base, base+1); err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
	eq(t, "rows", query(t, b, "select id from gc order by id"), [][]Value{{int64(10)}, {int64(11)}})
	exec(t, b, "insert into gc values (20)") // no lock or SQLite transaction left behind
}

// TestGatheredTransactionLostToSQLite: when SQLite ends the gathered
// transaction itself (here: the database is full), the statement's
// error wraps ErrGatherLost, and the gathered rows' undo entries and
// locks go with them: the Informix transaction goes on with what it had
// before, its ROLLBACK leaves the table as it was, and another session
// can take the lost rows' keys.
func TestGatheredTransactionLostToSQLite(t *testing.T) {
	e := rowLockEngine(t)
	a, b := newSession(t, e, "testdb"), newSession(t, e, "testdb")
	exec(t, a, "create table gf (id int primary key, v lvarchar(30000))")
	exec(t, a, "insert into gf values (1, 'kept')")
	a.GatherShortWrites(true)
	exec(t, a, "begin work")
	exec(t, a, "insert into gf values (2, 'x')") // before the gathered rows: stays in the transaction
	if err := a.Settle(); err != nil {
		t.Fatal(err)
	}
	var pages int64
	if err := a.conn.QueryRowContext(context.Background(), "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := a.conn.ExecContext(context.Background(), "PRAGMA max_page_count = "+itoa(int(pages+2))); err != nil {
		t.Fatal(err)
	}
	st := describe(t, a, "insert into gf values (?, ?)")
	defer st.Close()
	big := string(make([]byte, 20000))
	var err error
	var lostAt int64
	for id := int64(3); id < 40 && err == nil; id++ {
		_, err = st.Exec(context.Background(), []Value{id, big[:100] + "y"})
		if err == nil {
			_, err = st.Exec(context.Background(), []Value{id + 100, big})
		}
		lostAt = id
	}
	if err == nil {
		t.Fatal("the database never filled up")
	}
	a.conn.ExecContext(context.Background(), "PRAGMA max_page_count = 1073741823")
	if !errors.Is(err, ErrGatherLost) {
		t.Fatalf("INSERT %d into a full database: %v, want ErrGatherLost (SQLite ends the transaction on SQLITE_FULL)", lostAt, err)
	}
	if a.Gathering() {
		t.Fatal("a lost gathered transaction is still open")
	}
	// The lost rows' keys are free: nothing holds them.
	exec(t, b, "insert into gf values (3, 'b')")
	exec(t, b, "delete from gf where id = 3")
	if err := a.Settle(); err != nil {
		t.Fatal(err)
	}
	exec(t, a, "rollback work")
	eq(t, "rows after ROLLBACK WORK", query(t, b, "select id, v from gf"), [][]Value{{int64(1), "kept"}})
}
