package engine

import "testing"

// Liquibase runs EXECUTE PROCEDURE IFX_ALLOW_NEWLINE('T') on connect.
func TestIfxAllowNewline(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	st, _, rows, err := run(s, "EXECUTE PROCEDURE IFX_ALLOW_NEWLINE('T')")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "columns of a procedure", len(st.Columns), 0)
	eq(t, "rows", len(rows), 0)
	eq(t, "newline allowed", one(t, s, "SELECT 'a\nb' FROM systables WHERE tabid = 1"), Value("a\nb"))
	exec(t, s, "EXECUTE PROCEDURE ifx_allow_newline('f')")
	wantErr(t, s, -282, "SELECT 'a\nb' FROM systables WHERE tabid = 1")
	eq(t, "a string without newline", one(t, s, "SELECT 'ab' FROM systables WHERE tabid = 1"), Value("ab"))
	exec(t, s, "EXECUTE PROCEDURE ifx_allow_newline('t')")
	eq(t, "allowed again", one(t, s, "SELECT 'a\nb' FROM systables WHERE tabid = 1"), Value("a\nb"))
	wantErr(t, s, -674, "EXECUTE PROCEDURE ifx_allow_newline()")
}
