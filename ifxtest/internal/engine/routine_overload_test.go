package engine

import "testing"

const (
	ibmRoutineSignature = "https://www.ibm.com/docs/en/informix-servers/14.10?topic=routines-routine-signature"
	ibmDropRoutine      = "https://help.hcl-software.com/hclinformix/1410/sqs/ids_sqs_0726.html"
)

// Routines of one name with different parameter types are overloads: a
// call runs the one its arguments fit, from a client, in SQL expressions
// (per row too) and in SPL; DROP of an overloaded name needs the
// parameter types. (ibmRoutineSignature, ibmDropRoutine)
func TestRoutineOverloads(t *testing.T) {
	s := newSession(t, newEngine(t), "")
	exec(t, s, "create database ovl with log")
	exec(t, s, "create function kind(n int) returning varchar(20); return 'int ' || n; end function")
	exec(t, s, "create function kind(c varchar(10)) returning varchar(20); return 'text ' || c; end function")
	exec(t, s, "create function kind(d date) returning varchar(20); return 'date'; end function")
	exec(t, s, "create function kind(a int, b int) returning varchar(20); return 'pair ' || (a + b); end function")
	wantErr(t, s, -673, "create function kind(m integer) returning int; return m; end function")
	wantErr(t, s, -673, "create procedure kind(c varchar(30)) end procedure") // VARCHAR(30) is the same signature
	eq(t, "sysprocedures", query(t, s, "select paramtypes from sysprocedures where procname = 'kind' order by procid"),
		[][]Value{{"integer"}, {"varchar(10,0)"}, {"date"}, {"integer,integer"}})

	for _, c := range []struct{ call, want string }{
		{"execute function kind(7)", "int 7"},
		{"execute function kind('abc')", "text abc"},
		{"execute function kind(today)", "date"},
		{"execute function kind(1, 2)", "pair 3"},
		{"select kind(tabid) from systables where tabid = 1", "int 1"},
		{"select kind(tabname) from systables where tabid = 1", "text systables"},
		{"select kind(1, tabid) from systables where tabid = 2", "pair 3"},
	} {
		eq(t, c.call, one(t, s, c.call), Value(c.want))
	}
	eq(t, "marker typed by the statement", one(t, s, "execute function kind(?::int)", int32(5)), Value("int 5"))
	exec(t, s, `create function via_spl() returning varchar(20), varchar(20);
		define a, b varchar(20);
		let a = kind(40);
		call kind('x') returning b;
		return a, b; end function`)
	eq(t, "SPL", query(t, s, "execute function via_spl()"), [][]Value{{"int 40", "text x"}})

	e := wantErr(t, s, -674, "drop function kind")
	if e.Message == "" {
		t.Fatal("no reason")
	}
	wantErr(t, s, -674, "drop function kind(float)")
	exec(t, s, "drop function if exists kind(float)")
	exec(t, s, "drop function kind(integer, integer)")
	exec(t, s, "drop function kind(date)")
	exec(t, s, "drop function kind(varchar(255))") // lengths are not part of the signature
	eq(t, "left", query(t, s, "select paramtypes from sysprocedures where procname = 'kind'"), [][]Value{{"integer"}})
	exec(t, s, "drop function kind") // no longer overloaded
	wantErr(t, s, -674, "execute function kind(1)")
}
