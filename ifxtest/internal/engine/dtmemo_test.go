package engine

import "testing"

// Two DATETIME literals plus a per-row interval in one query: ifx_dtadd
// remembers one parsed literal (dtmemo.go), and every row must still add
// to its own.
func TestDatetimeAddToAlternatingLiterals(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	got := query(t, s, "SELECT DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND, "+
		"DATETIME(2020-02-28 23:59:59) YEAR TO SECOND + value UNITS SECOND, "+
		"DATETIME(2020-02-28 23:59) YEAR TO MINUTE + value UNITS MINUTE "+
		"FROM TABLE(ifx_generate(3)) AS g(value)")
	eq(t, "rows", got, [][]Value{
		{DateTime("2026-01-01 00:00:01"), DateTime("2020-02-29 00:00:00"), DateTime("2020-02-29 00:00")},
		{DateTime("2026-01-01 00:00:02"), DateTime("2020-02-29 00:00:01"), DateTime("2020-02-29 00:01")},
		{DateTime("2026-01-01 00:00:03"), DateTime("2020-02-29 00:00:02"), DateTime("2020-02-29 00:02")},
	})
}
