package engine

import (
	"context"
	"errors"
	"testing"
)

func TestErrorCodes(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "create table t (id int primary key, c char(5) not null, n int, sm smallint, d date, dec decimal(5,2), ck int check (ck > 0))")
	exec(t, s, "create table u (a int, b int)")
	exec(t, s, "create unique index ux on u (a)")
	exec(t, s, "insert into t values (1, 'x', 1, 1, today, 1.5, 1)")
	exec(t, s, "insert into u values (1, 1)")

	err := wantErr(t, s, -201, "select * form systables")
	eq(t, "syntax offset", err.Offset, 10)
	err = wantErr(t, s, -201, "selct 1")
	eq(t, "syntax offset start", err.Offset, 1)
	err = wantErr(t, s, -206, "select * from nosuch")
	eq(t, "206", [2]any{err.ISAMCode, err.Near}, [2]any{-111, "nosuch"})
	eq(t, "206 text", err.Message, "The specified table (nosuch) is not in the database.")
	err = wantErr(t, s, -217, "select nosuchcol from systables")
	eq(t, "217 near", err.Near, "nosuchcol")
	eq(t, "217 offset", err.Offset, 8)
	wantErr(t, s, -217, "insert into t (id, zz) values (1, 2)")
	wantErr(t, s, -217, "update t set zz = 1")
	err = wantErr(t, s, -239, "insert into u values (1, 2)")
	eq(t, "239 isam", err.ISAMCode, -100)
	err = wantErr(t, s, -268, "insert into t values (1, 'y', 1, 1, today, 1, 1)")
	eq(t, "268", [2]any{err.ISAMCode, err.Near}, [2]any{-100, "tester.pk_t_1"})
	err = wantErr(t, s, -391, "insert into t (id) values (2)")
	eq(t, "391 near", err.Near, "t.c")
	wantErr(t, s, -391, "update t set c = NULL")
	wantErr(t, s, -310, "create table t (a int)")
	wantErr(t, s, -1213, "insert into t (id, c, n) values (3, 'x', 'abc')")
	wantErr(t, s, -1213, "insert into t (id, c, n) values (?, 'x', ?)", int64(3), "12x")
	wantErr(t, s, -1205, "insert into t (id, c, d) values (3, 'x', '13/01/2026')")
	wantErr(t, s, -1206, "insert into t (id, c, d) values (3, 'x', '02/30/2026')")
	wantErr(t, s, -1218, "insert into t (id, c, d) values (3, 'x', 'garbage')")
	wantErr(t, s, -1205, "insert into t (id, c, d) values (?, 'x', ?)", int64(3), "2026-13-01")
	wantErr(t, s, -1226, "insert into t (id, c, dec) values (3, 'x', 12345.6)")
	wantErr(t, s, -1215, "insert into t (id, c, n) values (3, 'x', 3000000000)")
	wantErr(t, s, -1214, "insert into t (id, c, sm) values (3, 'x', ?)", int64(40000))
	wantErr(t, s, -1218, "insert into u (a) select 1 from t where d = ?", "xx")
	exec(t, s, "create table dtt (dt datetime year to second, iv interval hour to minute)")
	wantErr(t, s, -1262, "insert into dtt (dt) values ('2026-0x-01 00:00:00')")
	wantErr(t, s, -1263, "insert into dtt (dt) values (?)", DateTime("2026-02-30 00:00:00"))
	wantErr(t, s, -1263, "insert into dtt (iv) values ('10:75')")
	wantErr(t, s, -236, "insert into u values (1)")
	wantErr(t, s, -324, "select n from t, t t2")
	wantErr(t, s, -674, "select nosuchfunc(1) from t")
	wantErr(t, s, -728, "select dbinfo('what') from t")
	wantErr(t, s, -1202, "select 1/0 from t")
	wantErr(t, s, -282, "select 'abc from t")
	err = wantErr(t, s, -530, "insert into t (id, c, ck) values (5, 'x', -1)")
	eq(t, "530 near", err.Near, "c_t_1")
	wantErr(t, s, -316, "create index ux on t (n)")
	wantErr(t, s, -319, "drop index nosuchidx")
	// A triggered action on the triggering table (CREATE TRIGGER, -747).
	wantErr(t, s, -747, "create trigger tr1 insert on t referencing new as n for each row (insert into t values (1))")
	wantErr(t, s, -9628, "create table bad (a blobby)")
	wantErr(t, s, -328, "create table dup (a int, a int)")
	exec(t, s, "create table p (k int primary key)")
	exec(t, s, "create table f (k int references p (k))")
	wantErr(t, s, -691, "insert into f values (1)")
	exec(t, s, "insert into p values (1)")
	exec(t, s, "insert into f values (1)")
	wantErr(t, s, -692, "delete from p")

	// transactions
	wantErr(t, s, -255, "commit work")
	wantErr(t, s, -255, "rollback")
	exec(t, s, "begin work")
	wantErr(t, s, -535, "begin")
	exec(t, s, "rollback work")
	sm := newSession(t, e, "sysmaster")
	exec(t, sm, "create database nolog")
	wantErr(t, sm, -256, "begin work")
	if err := sm.Begin(context.Background()); err == nil || err.(*Error).SQLCode != -256 {
		t.Fatalf("Begin on unlogged: %v", err)
	}

	// databases
	wantErr(t, s, -329, "database nosuch")
	if _, err := s.OpenDatabase(context.Background(), "nosuch"); err == nil || err.(*Error).SQLCode != -329 {
		t.Fatalf("OpenDatabase nosuch: %v", err)
	}
	wantErr(t, s, -330, "create database testdb")
	none := newSession(t, e, "")
	wantErr(t, none, -349, "select * from systables")
	wantErr(t, none, -349, "close database")
	var ie *Error
	_, err2 := none.Prepare(context.Background(), "select 1 from systables")
	if !errors.As(err2, &ie) {
		t.Fatal("not an *Error")
	}
}

func TestLockConflict(t *testing.T) {
	e, err := Open(Config{LockWaitMillis: 50})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	a := newSession(t, e, "testdb")
	b := newSession(t, e, "testdb")
	exec(t, a, "create table l (i int)")
	exec(t, a, "insert into l values (0)")
	upd := describe(t, b, "update l set i = 2 where i = 0")
	exec(t, a, "begin work")
	exec(t, a, "update l set i = 1 where i = 0")
	err2 := wantErr(t, b, -244, "select * from l")
	eq(t, "isam", err2.ISAMCode, -107)
	// a's row is locked: b's UPDATE of it fails as IDS's does under NOT WAIT.
	wantErr(t, b, -346, "update l set i = 3")
	exec(t, a, "commit work")
	if _, err := upd.Exec(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	exec(t, b, "insert into l values (2)")
	eq(t, "after commit", one(t, b, "select count(*) from l where i = 1"), Decimal("1"))
}

// TestBlobLiterals: as on IDS, a BYTE or TEXT value cannot be written
// as SQL text (-617); a bound value, NULL and a copy by SELECT can.
func TestBlobLiterals(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "create table bt (id int, b byte, tx text)")
	err := wantErr(t, s, -617, "insert into bt values (1, 'abc', NULL)")
	eq(t, "617 offset", err.Offset, 27)
	wantErr(t, s, -617, "insert into bt (id, tx) values (1, 'abc')")
	wantErr(t, s, -617, "update bt set b = 'x'")
	exec(t, s, "insert into bt values (1, NULL, NULL)")
	exec(t, s, "insert into bt values (?, ?, ?)", int64(2), []byte("abc"), "text")
	exec(t, s, "insert into bt select id + 10, b, tx from bt")
	exec(t, s, "update bt set tx = ? where id = 2", "other")
}

// TestLengthOfByte: LENGTH of a BYTE value counts its bytes, NULs
// included (it read the value as text and stopped at the first NUL).
func TestLengthOfByte(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "create table bl (b byte)")
	exec(t, s, "insert into bl values (?)", []byte{0, 1, 2, 0, ' '})
	eq(t, "length", query(t, s, "select length(b) from bl"), [][]any{{int64(5)}})
}
