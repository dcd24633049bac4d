package engine

import (
	"strings"
	"testing"
)

// EXECUTE FUNCTION runs a routine as a one-row result with the routine's
// return types, described as statement type 56 (docs/PROTOCOL.md).
func TestExecuteFunction(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "")
	exec(t, s, "create database rt with log")
	exec(t, s, "create function dbl(n int) returning int; return n * 2; end function")
	st := describe(t, s, "execute function dbl(21)")
	eq(t, "type", st.Type, StmtExecuteProcedure)
	eq(t, "columns", len(st.Columns), 1)
	eq(t, "column type", st.Columns[0].Type&0xff, int16(TypeInteger))
	eq(t, "value", one(t, s, "execute function dbl(21)"), Value(int64(42)))
	eq(t, "bound", one(t, s, "execute function dbl(?)", Value(int64(5))), Value(int64(10)))

	// Several values, a parameter used twice, text.
	exec(t, s, "create function two(a int, b varchar(10)) returning int, varchar(20); return a + a, b || '!'; end function")
	rows := query(t, s, "execute function two(3, 'hi')")
	eq(t, "two values", rows, [][]Value{{int64(6), "hi!"}})

	// The catalog knows it; the text is in sysprocbody.
	eq(t, "sysprocedures", one(t, s, "select numargs from sysprocedures where procname = 'two'"), Value(int64(2)))

	// A text longer than one sysprocbody row (256 characters) reads back whole.
	long := "create function long1(s varchar(10)) returning lvarchar;   " + strings.Repeat(" ", 250) + "return s || '" + strings.Repeat("x", 300) + "'; end function"
	exec(t, s, long)
	eq(t, "long", one(t, s, "execute function long1('a')"), Value("a"+strings.Repeat("x", 300)))

	// A procedure with no RETURN: no columns, nothing to fetch.
	exec(t, s, "create procedure nothing() end procedure")
	st = describe(t, s, "execute procedure nothing()")
	eq(t, "procedure columns", len(st.Columns), 0)
	exec(t, s, "execute procedure nothing()")

	// A built-in function runs the same way.
	eq(t, "built-in", one(t, s, "execute function length('abc')"), Value(int64(3)))

	wantErr(t, s, -674, "execute function nosuch(1)")
	wantErr(t, s, -674, "execute function dbl(1, 2)")
	// The same signature again (an overload needs other parameter types).
	wantErr(t, s, -673, "create function dbl(n int) returning int; return n; end function")
	exec(t, s, "create function loops(n int) returning int; define i int; let i = n; return i; end function")
	eq(t, "SPL body", one(t, s, "execute function loops(7)"), Value(int64(7)))

	exec(t, s, "drop function dbl")
	wantErr(t, s, -674, "execute function dbl(21)")
	wantErr(t, s, -674, "drop function dbl")
	exec(t, s, "drop function if exists dbl")
	exec(t, s, "drop procedure nothing")
}

// A routine created in a transaction that is rolled back is gone.
func TestCreateFunctionRolledBack(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "")
	exec(t, s, "create database rtx with log")
	exec(t, s, "begin work")
	exec(t, s, "create function f1() returning int; return 1; end function")
	eq(t, "inside", one(t, s, "execute function f1()"), Value(int64(1)))
	exec(t, s, "rollback work")
	wantErr(t, s, -674, "execute function f1()")
}
