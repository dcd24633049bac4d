package engine

import "testing"

// Liquibase's Informix support asks sysmaster for the session's user.
func TestSysmasterSyssessions(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	other := newSession(t, e, "testdb")
	eq(t, "own row", rowsText(query(t, s, "select trim(username) from sysmaster:informix.syssessions where sid = dbinfo('sessionid')")), "[[tester]]")
	eq(t, "both sessions", one(t, s, "select count(*) from sysmaster:syssessions where sid in (?, ?)", Value(s.ID()), Value(other.ID())), Value(Decimal("2")))
	eq(t, "in sysmaster's catalog", one(t, s, "select count(*) from sysmaster:systables where tabname = 'syssessions'"), Value(Decimal("1")))
}
