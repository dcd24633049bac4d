package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestTransactions(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	other := newSession(t, e, "testdb")
	exec(t, s, "create table t (i int)")
	eq(t, "begin type", describe(t, s, "begin work").Type, StmtBeginWork)
	eq(t, "commit type", describe(t, s, "commit work").Type, StmtCommitWork)
	eq(t, "rollback type", describe(t, s, "rollback work").Type, StmtRollbackWork)
	exec(t, s, "begin work")
	eq(t, "in tx", s.InTransaction(), true)
	exec(t, s, "insert into t values (1)")
	eq(t, "own rows", one(t, s, "select count(*) from t"), Decimal("1"))
	exec(t, s, "rollback work")
	eq(t, "rollback hides", one(t, s, "select count(*) from t"), Decimal("0"))
	exec(t, s, "begin")
	exec(t, s, "insert into t values (2)")
	exec(t, s, "commit")
	eq(t, "commit keeps", one(t, other, "select count(*) from t"), Decimal("1"))
	// autocommit outside BEGIN
	exec(t, s, "insert into t values (3)")
	eq(t, "autocommit", one(t, other, "select count(*) from t"), Decimal("2"))
	// DDL and temp tables roll back too
	if err := s.Begin(context.Background()); err != nil {
		t.Fatal(err)
	}
	exec(t, s, "create table gone (i int)")
	exec(t, s, "create temp table tgone (i int)")
	if err := s.Rollback(); err != nil {
		t.Fatal(err)
	}
	wantErr(t, s, -206, "select * from gone")
	wantErr(t, s, -206, "select * from tgone")
	wantErr(t, other, -206, "select * from gone")
	// a failing statement does not end the transaction
	exec(t, s, "begin")
	exec(t, s, "insert into t values (4)")
	wantErr(t, s, -1213, "insert into t values ('x')")
	exec(t, s, "commit")
	eq(t, "statement atomicity", one(t, s, "select count(*) from t"), Decimal("3"))
	// Close rolls back
	c := e.NewSession("x")
	c.OpenDatabase(context.Background(), "testdb")
	exec(t, c, "begin")
	exec(t, c, "insert into t values (5)")
	c.Close()
	eq(t, "close rolls back", one(t, s, "select count(*) from t"), Decimal("3"))
	// unlogged database: autocommit, no transactions
	exec(t, s, "create database nolog")
	info, _ := s.Database()
	eq(t, "nolog", info, DatabaseInfo{Name: "nolog"})
	exec(t, s, "create table z (i int)")
	wantErr(t, s, -256, "begin")
	exec(t, s, "insert into z values (1)")
	eq(t, "nolog rows", one(t, s, "select count(*) from z"), Decimal("1"))
	// ANSI database: implicit transaction
	exec(t, s, "create database ansidb with log mode ansi")
	exec(t, s, "create table a (i int)")
	exec(t, s, "commit work")
	exec(t, s, "insert into a values (1)")
	eq(t, "ansi implicit", s.InTransaction(), true)
	exec(t, s, "rollback work")
	eq(t, "ansi rollback", one(t, s, "select count(*) from a"), Decimal("0"))
	exec(t, s, "insert into a values (1)")
	exec(t, s, "commit work")
	exec(t, s, "commit work") // always valid in ANSI mode
	eq(t, "ansi commit", one(t, s, "select count(*) from a"), Decimal("1"))
	exec(t, s, "database testdb")
	exec(t, s, "drop database nolog")
	wantErr(t, s, -329, "database nolog")
	// savepoints
	exec(t, s, "begin")
	exec(t, s, "insert into t values (10)")
	exec(t, s, "savepoint sp1")
	exec(t, s, "insert into t values (11)")
	exec(t, s, "rollback to savepoint sp1")
	exec(t, s, "commit")
	eq(t, "savepoint", one(t, s, "select count(*) from t where i >= 10"), Decimal("1"))
}

func TestConcurrentSessions(t *testing.T) {
	e := newEngine(t)
	setup := newSession(t, e, "testdb")
	exec(t, setup, "create table c (id serial, who int, v varchar(20))")
	const workers, each = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s := e.NewSession(fmt.Sprintf("user%d", w))
			defer s.Close()
			ctx := context.Background()
			if _, err := s.OpenDatabase(ctx, "testdb"); err != nil {
				errs <- err
				return
			}
			// Writers queue for the database lock: on a loaded machine a
			// transaction can hold it longer than the default wait.
			if _, _, _, err := run(s, "set lock mode to wait 30"); err != nil {
				errs <- err
				return
			}
			ins, err := s.Prepare(ctx, "insert into c (who, v) values (?, ?)")
			if err != nil {
				errs <- err
				return
			}
			if _, _, _, err := run(s, "create temp table mine (i int)"); err != nil {
				errs <- err
				return
			}
			for i := 0; i < each; i++ {
				if i%10 == 0 {
					if err := s.Begin(context.Background()); err != nil {
						errs <- err
						return
					}
				}
				if _, err := ins.Exec(ctx, []Value{int64(w), fmt.Sprint(i)}); err != nil {
					errs <- fmt.Errorf("insert: %w", err)
					return
				}
				if _, _, _, err := run(s, "insert into mine values (?)", int64(i)); err != nil {
					errs <- err
					return
				}
				if i%10 == 9 {
					if err := s.Commit(); err != nil {
						errs <- err
						return
					}
				}
			}
			_, _, rows, err := run(s, "select count(*) from c where who = ?", int64(w))
			if err != nil {
				errs <- err
				return
			}
			if rows[0][0] != Decimal(fmt.Sprint(each)) {
				errs <- fmt.Errorf("worker %d sees %v rows", w, rows[0][0])
			}
			_, _, rows, _ = run(s, "select count(*) from mine")
			if rows[0][0] != Decimal(fmt.Sprint(each)) {
				errs <- fmt.Errorf("worker %d temp sees %v rows", w, rows[0][0])
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	eq(t, "total", one(t, setup, "select count(*) from c"), Decimal(fmt.Sprint(workers*each)))
	eq(t, "distinct serials", one(t, setup, "select count(distinct id) from c"), Decimal(fmt.Sprint(workers*each)))
	eq(t, "max serial", one(t, setup, "select max(id) from c"), int64(workers*each))
}

func TestCancellation(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	st := describe(t, s, "with recursive r(i) as (select 1 from systables where tabid = 1 union all select i + 1 from r) select count(*) from r")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	c, err := st.Query(ctx, nil)
	if err == nil {
		_, err = c.Next()
		c.Close()
	}
	var ie *Error
	if !errors.As(err, &ie) || ie.SQLCode != -213 || ie.ISAMCode != -157 {
		t.Fatalf("want -213/-157, got %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("cancel took %v", d)
	}
	// cancelling while streaming
	ctx2, cancel2 := context.WithCancel(context.Background())
	c, err = describe(t, s, "select value from table(ifx_generate(1000000000))").Query(ctx2, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		if _, err := c.Next(); err != nil {
			t.Fatal(err)
		}
	}
	cancel2()
	for {
		_, err = c.Next()
		if err != nil {
			break
		}
	}
	if !errors.As(err, &ie) || ie.SQLCode != -213 {
		t.Fatalf("want -213 mid-stream, got %v", err)
	}
	c.Close()
	// the session is still usable
	eq(t, "after cancel", one(t, s, "select count(*) from systables where tabid = 1"), Decimal("1"))
}

func TestStreaming(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	st := describe(t, s, "select value, value * 2 from table(ifx_generate(?)) g")
	eq(t, "gen column", st.Columns[0], Column{Name: "value", Type: TypeInteger, Length: 4})
	c, err := st.Query(context.Background(), []Value{int64(200000)})
	if err != nil {
		t.Fatal(err)
	}
	var n, sum int64
	for {
		r, err := c.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		sum += r[0].(int64)
	}
	c.Close()
	eq(t, "rows", n, int64(200000))
	eq(t, "sum", sum, int64(200000)*200001/2)
	// a billion-row result yields its first rows at once: nothing is materialised
	start := time.Now()
	c, err = describe(t, s, "select value from table(ifx_generate(1000000000))").Query(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Next()
	c.Close()
	if err != nil || r[0] != int64(1) || time.Since(start) > time.Second {
		t.Fatalf("first row %v %v after %v", r, err, time.Since(start))
	}
	// and from a real table
	exec(t, s, "create table big (i int, s varchar(20))")
	exec(t, s, "insert into big select value, 'row' || value from table(ifx_generate(50000))")
	eq(t, "big count", one(t, s, "select count(*) from big"), Decimal("50000"))
	rows := 0
	c, _ = describe(t, s, "select * from big").Query(context.Background(), nil)
	for {
		if _, err := c.Next(); err != nil {
			break
		}
		rows++
	}
	eq(t, "big rows", rows, 50000)
}

func TestFileStorage(t *testing.T) {
	dir := t.TempDir()
	e, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	s := e.NewSession("informix")
	if _, err := s.OpenDatabase(context.Background(), "testdb"); err != nil {
		t.Fatal(err)
	}
	exec(t, s, "create database filedb with log")
	exec(t, s, "create table p (id serial, v decimal(32,10))")
	exec(t, s, "insert into p (v) values ('1234567890123456789012.1234567891')")
	exec(t, s, "insert into p (v) values (2)")
	exec(t, s, "delete from p where id = 2")
	// WAL: a reader does not block a writer
	r := e.NewSession("reader")
	r.OpenDatabase(context.Background(), "filedb")
	c, err := describe(t, r, "select * from p").Query(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Next()
	exec(t, s, "insert into p (v) values (3)")
	c.Close()
	r.Close()
	s.Close()
	e.Close()
	if _, err := filepath.Glob(filepath.Join(dir, "filedb.db")); err != nil {
		t.Fatal(err)
	}
	e2, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	s2 := newSession(t, e2, "filedb")
	info, _ := s2.Database()
	eq(t, "reopened", info, DatabaseInfo{Name: "filedb", Logged: true})
	eq(t, "data", query(t, s2, "select id, v from p order by id"), [][]Value{{int64(1), Decimal("1234567890123456789012.1234567891")}, {int64(3), Decimal("3.0000000000")}})
	r2 := exec(t, s2, "insert into p (v) values (4)")
	eq(t, "serial persisted", r2.Serial, int32(4))
}

// TestTransactionsReadThenWriteWait: two transactions that read and then
// write (under SET LOCK MODE TO WAIT) must both complete, one after the
// other, as on IDS with row locks. With SQLite's deferred BEGIN the first
// read (a catalog lookup is enough) takes a shared lock, and SQLite
// refuses at once, without waiting, to upgrade it while another
// transaction holds the write lock: the UPDATE failed with -346 although
// the session asked to wait.
func TestTransactionsReadThenWriteWait(t *testing.T) {
	e := newEngine(t)
	setup := newSession(t, e, "testdb")
	exec(t, setup, "create table rw (id int primary key, v varchar(10))")
	exec(t, setup, "insert into rw values (1, 'x')")
	exec(t, setup, "insert into rw values (2, 'x')")
	a := newSession(t, e, "testdb")
	b := newSession(t, e, "testdb")
	for _, s := range []*Session{a, b} {
		exec(t, s, "set lock mode to wait 30")
	}
	if err := a.Begin(context.Background()); err != nil {
		t.Fatal(err)
	}
	eq(t, "a reads", one(t, a, "select count(*) from rw"), Decimal("2"))
	errB := make(chan error, 1)
	go func() {
		if err := b.Begin(context.Background()); err != nil {
			errB <- err
			return
		}
		if _, _, _, err := run(b, "update rw set v = 'b' where id = 1"); err != nil {
			b.Rollback()
			errB <- err
			return
		}
		errB <- b.Commit()
	}()
	time.Sleep(100 * time.Millisecond) // b is waiting for, or holding, the write lock
	if _, _, _, err := run(a, "update rw set v = 'a' where id = 2"); err != nil {
		t.Fatalf("a's update: %v", err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-errB; err != nil {
		t.Fatalf("b: %v", err)
	}
	eq(t, "b's row", one(t, setup, "select v from rw where id = 1"), "b")
	eq(t, "a's row", one(t, setup, "select v from rw where id = 2"), "a")
}

// TestSavepointBeforeFirstWrite: the restart of a transaction at its
// first write (lockForWrite) must not drop a savepoint set before it.
func TestSavepointBeforeFirstWrite(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "create table sp (id int)")
	if err := s.Begin(context.Background()); err != nil {
		t.Fatal(err)
	}
	eq(t, "empty", one(t, s, "select count(*) from sp"), Decimal("0"))
	exec(t, s, "savepoint a")
	exec(t, s, "insert into sp values (1)")
	exec(t, s, "rollback to savepoint a")
	exec(t, s, "insert into sp values (2)")
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	eq(t, "rows", one(t, s, "select count(*) from sp"), Decimal("1"))
	eq(t, "row", one(t, s, "select id from sp"), int64(2))
}

// TestStalePreparedStatement: a prepared statement whose table another
// session dropped and created again, or altered, gets -710 as on IDS;
// DDL on an unrelated table leaves it valid.
func TestStalePreparedStatement(t *testing.T) {
	e := newEngine(t)
	a := newSession(t, e, "testdb")
	b := newSession(t, e, "testdb")
	exec(t, a, "create table sp1 (id int, name varchar(10))")
	exec(t, a, "insert into sp1 values (1, 'x')")
	ctx := context.Background()
	sel, err := a.Prepare(ctx, "select * from sp1")
	if err != nil {
		t.Fatal(err)
	}
	ins, err := a.Prepare(ctx, "insert into sp1 values (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	exec(t, b, "create table other (i int)") // unrelated DDL
	if _, err := ins.Exec(ctx, []Value{int64(2), "y"}); err != nil {
		t.Fatalf("after unrelated DDL: %v", err)
	}
	c, err := sel.Query(ctx, nil)
	if err != nil {
		t.Fatalf("after unrelated DDL: %v", err)
	}
	c.Close()
	exec(t, b, "alter table sp1 add (extra int)")
	for _, st := range []*Stmt{sel, ins} {
		var err error
		if st == sel {
			_, err = st.Query(ctx, nil)
		} else {
			_, err = st.Exec(ctx, []Value{int64(3), "z"})
		}
		var ie *Error
		if !errors.As(err, &ie) || ie.SQLCode != -710 || ie.Near != "sp1" {
			t.Errorf("%s after ALTER: %v, want -710", st.src, err)
		}
	}
	// Prepared again, it sees the new column.
	st, err := a.Prepare(ctx, "select * from sp1")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Columns) != 3 {
		t.Errorf("%d columns after ALTER", len(st.Columns))
	}
	exec(t, b, "drop table sp1")
	exec(t, b, "create table sp1 (id int, name varchar(10), extra int)")
	if _, err := st.Query(ctx, nil); err == nil {
		t.Error("statement on a dropped and recreated table ran")
	}
}
