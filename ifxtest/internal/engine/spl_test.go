package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// splCase is one SPL program: the routines (and tables) it creates, the
// EXECUTE that runs it and what that returns. ref is the IBM reference
// page ("SPL statements", Guide to SQL: Syntax, or the SQL Tutorial) whose
// rules the expected result follows.
type splCase struct {
	name  string
	ref   string
	setup []string
	call  string
	want  [][]Value // rows of the EXECUTE; nil for none
	err   int       // expected SQLCODE instead of rows
	near  string    // expected near text with err
	check string    // a SELECT run afterwards, with checkWant its rows
	cwant [][]Value
}

const ibmSQLS = "https://www.ibm.com/docs/en/informix-servers/14.10?topic=statements-"

var splCases = []splCase{
	{name: "define and let", ref: ibmSQLS + "define", setup: []string{
		"create function f1(n int) returning int, varchar(10); define a int; define b varchar(10); let a, b = n + 1, 'x' || n; return a, b; end function"},
		call: "execute function f1(4)", want: [][]Value{{int64(5), "x4"}}},
	{name: "define default and global", ref: ibmSQLS + "define", setup: []string{
		"create function g1() returning int; define global cnt int default 10; let cnt = cnt + 1; return cnt; end function"},
		call: "execute function g1()", want: [][]Value{{int64(11)}}},
	{name: "define like table.column", ref: ibmSQLS + "define", setup: []string{
		"create table t_like (c decimal(5,2))",
		"create function l1() returning decimal(5,2); define v like t_like.c; let v = 1.257; return v; end function"},
		call: "execute function l1()", want: [][]Value{{Decimal("1.26")}}},
	{name: "parameter default", ref: ibmSQLS + "create-function", setup: []string{
		"create function d1(a int, b int default 5) returning int; return a * b; end function"},
		call: "execute function d1(3)", want: [][]Value{{int64(15)}}},
	{name: "let from select, several targets", ref: ibmSQLS + "let", setup: []string{
		"create table t_let (a int, b char(3))", "insert into t_let values (7, 'abc')",
		"create function ls() returning int, char(3); define x int; define y char(3); let x, y = (select a, b from t_let); return x, y; end function"},
		call: "execute function ls()", want: [][]Value{{int64(7), "abc"}}},
	{name: "let from a function", ref: ibmSQLS + "let", setup: []string{
		"create function two() returning int, int; return 1, 2; end function",
		"create function lf() returning int; define a, b int; let a, b = two(); return a * 10 + b; end function"},
		call: "execute function lf()", want: [][]Value{{int64(12)}}},
	{name: "if elif else", ref: ibmSQLS + "if", setup: []string{
		"create function sign1(n int) returning char(4); if n < 0 then return 'neg'; elif n = 0 then return 'zero'; else return 'pos'; end if; end function"},
		call: "execute function sign1(0)", want: [][]Value{{"zero"}}},
	{name: "for range with step", ref: ibmSQLS + "for", setup: []string{
		"create function fr() returning int; define i, s int; let s = 0; for i = 1 to 10 step 3 let s = s + i; end for; return s; end function"},
		call: "execute function fr()", want: [][]Value{{int64(22)}}},
	{name: "for in list and ranges", ref: ibmSQLS + "for", setup: []string{
		"create function fl() returning int; define i int; for i in (2, 5 to 7, 100) return i with resume; end for; end function"},
		call: "execute function fl()", want: [][]Value{{int64(2)}, {int64(5)}, {int64(6)}, {int64(7)}, {int64(100)}}},
	{name: "while, exit and continue", ref: ibmSQLS + "while", setup: []string{
		"create function wh() returning int; define i int; let i = 0; while 1 = 1 let i = i + 1; if i = 2 then continue while; end if; if i > 4 then exit while; end if; return i with resume; end while; end function"},
		call: "execute function wh()", want: [][]Value{{int64(1)}, {int64(3)}, {int64(4)}}},
	{name: "exit for from a nested loop", ref: ibmSQLS + "exit", setup: []string{
		"create function ef() returning int; define i, j int; for i = 1 to 3 for j = 1 to 3 if j = 2 then exit for; end if; return i * 10 + j with resume; end for; end for; end function"},
		call: "execute function ef()", want: [][]Value{{int64(11)}, {int64(21)}, {int64(31)}}},
	{name: "foreach select into", ref: ibmSQLS + "foreach", setup: []string{
		"create table t_fe (n int)", "insert into t_fe values (1)", "insert into t_fe values (2)", "insert into t_fe values (3)",
		"create function fe() returning int; define v int; foreach c1 for select n into v from t_fe order by n if v = 2 then continue foreach; end if; return v * 2 with resume; end foreach; end function"},
		call: "execute function fe()", want: [][]Value{{int64(2)}, {int64(6)}}},
	{name: "foreach execute function into", ref: ibmSQLS + "foreach", setup: []string{
		"create function gen(n int) returning int; define i int; for i = 1 to n return i with resume; end for; end function",
		"create function sumgen(n int) returning int; define v, s int; let s = 0; foreach execute function gen(n) into v let s = s + v; end foreach; return s; end function"},
		call: "execute function sumgen(4)", want: [][]Value{{int64(10)}}},
	{name: "foreach cursor with update and delete where current of", ref: ibmSQLS + "foreach", setup: []string{
		"create table t_cur (k int, v int)", "insert into t_cur values (1, 10)", "insert into t_cur values (2, 20)", "insert into t_cur values (3, 30)",
		"create procedure cu() define a, b int; foreach c9 for select k, v into a, b from t_cur if a = 2 then delete from t_cur where current of c9; else update t_cur set v = b + a where current of c9; end if; end foreach; end procedure"},
		call: "execute procedure cu()", check: "select k, v from t_cur order by k", cwant: [][]Value{{int64(1), int64(11)}, {int64(3), int64(33)}}},
	{name: "return with resume", ref: ibmSQLS + "return", setup: []string{
		"create function rr() returning int, char(1); return 1, 'a' with resume; return 2, 'b' with resume; return 3, 'c'; return 4, 'd'; end function"},
		call: "execute function rr()", want: [][]Value{{int64(1), "a"}, {int64(2), "b"}, {int64(3), "c"}}},
	{name: "call with returning", ref: ibmSQLS + "call", setup: []string{
		"create function sq(n int) returning int; return n * n; end function",
		"create function cl() returning int; define r int; call sq(9) returning r; return r; end function"},
		call: "execute function cl()", want: [][]Value{{int64(81)}}},
	{name: "procedure writes rows", ref: ibmSQLS + "create-procedure", setup: []string{
		"create table t_pr (id int, txt varchar(20))",
		"create procedure ins(n int, t varchar(20)) define i int; for i = 1 to n insert into t_pr values (i, t); end for; update t_pr set txt = 'last' where id = n; delete from t_pr where id = 1; end procedure"},
		call: "execute procedure ins(3, 'hi')", check: "select id, txt from t_pr order by id", cwant: [][]Value{{int64(2), "hi"}, {int64(3), "last"}}},
	{name: "dbinfo sqlerrd2 after an update in the body", ref: "https://www.ibm.com/docs/en/informix-servers/14.10?topic=functions-dbinfo-function", setup: []string{
		"create table t_db (k int)", "insert into t_db values (1)", "insert into t_db values (2)", "insert into t_db values (3)",
		"create function dbi() returning int; define n int; update t_db set k = k + 1 where k > 1; let n = dbinfo('sqlca.sqlerrd2'); return n; end function"},
		call: "execute function dbi()", want: [][]Value{{int64(2)}}},
	{name: "ddl and select into temp in the body", ref: ibmSQLS + "create-procedure", setup: []string{
		"create function ddl1() returning int; define n int; create temp table tt_spl (a int); insert into tt_spl values (4); insert into tt_spl values (5); select a from tt_spl where a > 4 into temp tt_spl2; select count(*) into n from tt_spl2; drop table tt_spl; drop table tt_spl2; return n; end function"},
		call: "execute function ddl1()", want: [][]Value{{int64(1)}}},
	{name: "transactions in a procedure", ref: ibmSQLS + "create-procedure", setup: []string{
		"create table t_tx (n int)",
		"create procedure txp() begin work; insert into t_tx values (1); rollback work; begin work; insert into t_tx values (2); commit work; end procedure"},
		call: "execute procedure txp()", check: "select n from t_tx", cwant: [][]Value{{int64(2)}}},
	{name: "select into a variable", ref: ibmSQLS + "select", setup: []string{
		"create table t_si (k int, v varchar(10))", "insert into t_si values (1, 'one')", "insert into t_si values (2, 'two')",
		"create function si(key int) returning varchar(10); define v varchar(10); select t_si.v into v from t_si where k = key; return v; end function"},
		call: "execute function si(2)", want: [][]Value{{"two"}}},
	{name: "raise exception -746", ref: ibmSQLS + "raise-exception", setup: []string{
		"create procedure boom(a int) if a < 0 then raise exception -746, 0, 'a < 0 found'; end if; end procedure"},
		call: "execute procedure boom(-1)", err: -746, near: "a < 0 found"},
	{name: "on exception set, without resume", ref: ibmSQLS + "on-exception", setup: []string{
		"create function oe() returning int, int, varchar(40); define c, i int; define t varchar(40); on exception set c, i, t return c, i, t; end exception; raise exception -746, 3, 'caught'; return 0, 0, 'not reached'; end function"},
		call: "execute function oe()", want: [][]Value{{int64(-746), int64(3), "caught"}}},
	{name: "on exception in codes with resume", ref: ibmSQLS + "on-exception", setup: []string{
		"create table t_oe (n int unique)",
		"create function oer() returning int; define n int; on exception in (-268, -239) let n = n + 100; end exception with resume; let n = 0; insert into t_oe values (1); insert into t_oe values (1); let n = n + 1; return n; end function"},
		call: "execute function oer()", want: [][]Value{{int64(101)}}},
	{name: "on exception with resume goes on inside the loop", ref: ibmSQLS + "on-exception", setup: []string{
		"create function oel() returning int; define i, n int; on exception in (-746) let n = n + 100; end exception with resume; let n = 0; for i = 1 to 3 if i = 2 then raise exception -746; end if; let n = n + 1; end for; return n; end function"},
		call: "execute function oel()", want: [][]Value{{int64(103)}}},
	{name: "on exception without resume leaves its begin block", ref: ibmSQLS + "on-exception", setup: []string{
		"create function oeb() returning int; define n int; let n = 0; begin on exception let n = n + 10; end exception; let n = n + 1; for n = n to n raise exception -746; end for; let n = n + 1000; end; let n = n + 100; return n; end function"},
		call: "execute function oeb()", want: [][]Value{{int64(111)}}},
	{name: "an error in a handler is not caught by the same handler", ref: ibmSQLS + "on-exception", setup: []string{
		"create function oeh() returning int; on exception raise exception -746, 0, 'from handler'; end exception; raise exception -746, 0, 'first'; end function"},
		call: "execute function oeh()", err: -746, near: "from handler"},
	{name: "on exception in codes does not catch others", ref: ibmSQLS + "on-exception", setup: []string{
		"create function oen() returning int; on exception in (-206) return 1; end exception; raise exception -746, 0, 'other'; end function"},
		call: "execute function oen()", err: -746, near: "other"},
	{name: "begin end block scope", ref: ibmSQLS + "begin", setup: []string{
		"create function be() returning int; define x int; let x = 1; begin define x int; let x = 2; end; return x; end function"},
		call: "execute function be()", want: [][]Value{{int64(1)}}},
	{name: "an SQL error in the body reaches the caller", ref: ibmSQLS + "on-exception", setup: []string{
		"create procedure bad_sql() insert into no_such_table values (1); end procedure"},
		call: "execute procedure bad_sql()", err: -206, near: "no_such_table"},
	{name: "let of a function returning fewer values", ref: ibmSQLS + "let", setup: []string{
		"create function one_v() returning int; return 1; end function",
		"create function few() returning int; define a, b int; let a, b = one_v(); return a; end function"},
		call: "execute function few()", err: -685},
	{name: "let of a function returning more values", ref: ibmSQLS + "let", setup: []string{
		"create function two_v() returning int, int; return 1, 2; end function",
		"create function many() returning int; define a int; let a = two_v(); return a; end function"},
		call: "execute function many()", err: -684},
	{name: "trace accepted", ref: ibmSQLS + "trace", setup: []string{
		"create function tr() returning int; trace on; trace 'here'; trace off; return 1; end function"},
		call: "execute function tr()", want: [][]Value{{int64(1)}}},
	{name: "system refused", ref: ibmSQLS + "system", setup: []string{
		"create procedure sy() system 'rm -rf /'; end procedure"},
		call: "execute procedure sy()", err: -668},
	{name: "create dba function", ref: ibmSQLS + "create-function", setup: []string{
		"create dba function dba1() returning int; return 9; end function"},
		call: "execute function dba1()", want: [][]Value{{int64(9)}}},
	{name: "document and with listing in", ref: ibmSQLS + "create-procedure", setup: []string{
		"create function doc1() returning int; return 5; end function document 'returns five', 'second line' with listing in '/tmp/x'"},
		call: "execute function doc1()", want: [][]Value{{int64(5)}}},
	{name: "variable hides a column of the same name", ref: "https://www.ibm.com/docs/en/informix-servers/14.10?topic=identifier-variables-that-conflict-column-names", setup: []string{
		"create table t_vc (lname char(10), k int)", "insert into t_vc values ('Miller', 1)",
		"create function vc() returning char(10); define lname char(10); let lname = 'x'; select t_vc.lname into lname from t_vc where k = 1; return lname; end function"},
		call: "execute function vc()", want: [][]Value{{"Miller    "}}},
	{name: "recursion", ref: ibmSQLS + "call", setup: []string{
		"create function fact(n int) returning int; define r int; if n <= 1 then return 1; end if; let r = fact(n - 1); return n * r; end function"},
		call: "execute function fact(6)", want: [][]Value{{int64(720)}}},
	{name: "user function in a select list and in where", ref: "https://www.ibm.com/docs/en/informix-servers/14.10?topic=expressions-function-expressions", setup: []string{
		"create table t_fn (k int)", "insert into t_fn values (1)", "insert into t_fn values (2)", "insert into t_fn values (3)",
		"create function dbl2(n int) returning int; return n * 2; end function"},
		call: "select k, dbl2(10) from t_fn where k = dbl2(1) or k > dbl2(1)", want: [][]Value{{int64(2), int64(20)}, {int64(3), int64(20)}}},
	{name: "user function whose argument names a column is called per row", ref: "https://www.ibm.com/docs/en/informix-servers/14.10?topic=expressions-function-expressions", setup: []string{
		"create function dbl3(n int) returning int; return n * 3; end function"},
		call: "select dbl3(tabid) from systables where tabid = 1", want: [][]Value{{int64(3)}}},
	{name: "recursion through an expression", ref: ibmSQLS + "return", setup: []string{
		"create function fact2(n int) returning int; if n <= 1 then return 1; end if; return n * fact2(n - 1); end function"},
		call: "execute function fact2(5)", want: [][]Value{{int64(120)}}},
	{name: "runaway recursion through an expression stopped by the depth limit", ref: ibmSQLS + "return", setup: []string{
		"create function inf(n int) returning int; return inf(n) + 1; end function"},
		call: "execute function inf(1)", err: -746, near: "SPLMaxDepth"},
	{name: "runaway loop stopped by the statement limit", ref: ibmSQLS + "while", setup: []string{
		"create procedure spin() while 1 = 1 end while; end procedure"},
		call: "execute procedure spin()", err: -746, near: "SPLMaxStatements"},
	{name: "deep recursion stopped by the depth limit", ref: ibmSQLS + "call", setup: []string{
		"create procedure deep() call deep(); end procedure"},
		call: "execute procedure deep()", err: -746, near: "SPLMaxDepth"},
}

func TestSPLPrograms(t *testing.T) {
	e, err := Open(Config{SPLMaxStatements: 20000, SPLMaxDepth: 30})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	s := newSession(t, e, "")
	exec(t, s, "create database spl with log")
	for _, c := range splCases {
		t.Run(c.name, func(t *testing.T) {
			if c.ref == "" {
				t.Fatal("every case cites its IBM page")
			}
			for _, q := range c.setup {
				exec(t, s, q)
			}
			if c.err != 0 {
				e := wantErr(t, s, c.err, c.call)
				if e != nil && !strings.Contains(e.Near+e.Message, c.near) {
					t.Fatalf("error %d near %q message %q, want %q", e.SQLCode, e.Near, e.Message, c.near)
				}
				return
			}
			_, _, rows, err := run(s, c.call)
			if err != nil {
				t.Fatal(err)
			}
			eq(t, "rows", rows, c.want)
			if c.check != "" {
				eq(t, "after", query(t, s, c.check), c.cwant)
			}
		})
	}
}

// The catalog lists routines; DROP ROUTINE removes one.
func TestSPLCatalogAndDrop(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "")
	exec(t, s, "create database splcat")
	exec(t, s, "create procedure p1(a int, b int default 2) end procedure")
	eq(t, "sysprocedures", query(t, s, "select procname, numargs, isproc from sysprocedures where procname = 'p1'"),
		[][]Value{{"p1", int64(2), "t"}})
	eq(t, "sysprocbody", one(t, s, "select count(*) from sysprocbody b, sysprocedures p where b.procid = p.procid and p.procname = 'p1'"), Value(Decimal("1")))
	exec(t, s, "execute procedure p1(1)")
	exec(t, s, "drop routine p1")
	wantErr(t, s, -674, "execute procedure p1(1)")
}

// An interrupt (the statement's context) stops a routine that loops.
func TestSPLInterrupted(t *testing.T) {
	e, err := Open(Config{SPLMaxStatements: 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	s := newSession(t, e, "")
	exec(t, s, "create database splint")
	exec(t, s, "create procedure forever() define i int; let i = 0; while 1 = 1 let i = i + 1; end while; end procedure")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	st, err := s.Prepare(ctx, "execute procedure forever()")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, err = st.Exec(ctx, nil)
	var ie *Error
	if !errors.As(err, &ie) || ie.SQLCode != -213 {
		t.Fatalf("got %v, want -213", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("interrupt took %v", d)
	}
	// The session goes on.
	eq(t, "after", one(t, s, "select 1 from systables where tabid = 1"), Value(int64(1)))
}

// Statements of SPL that are malformed are syntax errors at CREATE.
func TestSPLSyntaxErrors(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "")
	exec(t, s, "create database splsyn")
	for _, q := range []string{
		"create procedure x() if 1 = 1 then end procedure",
		"create procedure x() let a = ; end procedure",
		"create procedure x() for i = 1 end for; end procedure",
		"create procedure x() define global g int; end procedure",
		"create procedure x() insert into t values (?); end procedure",
		"create procedure x() foreach select 1 from systables end foreach; end procedure",
		"create procedure x() raise exception; end procedure",
	} {
		t.Run(fmt.Sprint(q), func(t *testing.T) { wantErr(t, s, -201, q) })
	}
}
