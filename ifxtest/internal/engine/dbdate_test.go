package engine

import (
	"strings"
	"testing"
)

// A DATE converted to text follows the session's DBDATE, as in IDS:
// casts, INSERT … SELECT into a character column and DATE binds into one.
func TestDateToTextFollowsDBDATE(t *testing.T) {
	e := newEngine(t)
	tests := []struct{ dbdate, want string }{
		{"", "08/31/2026"}, // IDS's default MDY4/
		{"Y4MD-", "2026-08-31"},
		{"DMY2.", "31.08.26"},
		{"y4md0", "20260831"},
		{"MDY4", "08/31/2026"},
		{"bogus", "08/31/2026"},
	}
	for _, tt := range tests {
		s := newSession(t, e, "testdb")
		s.SetDBDate(tt.dbdate)
		exec(t, s, "create temp table dd (d date, c char(12), v varchar(12))")
		exec(t, s, "insert into dd (d) values (mdy(8, 31, 2026))")
		eq(t, tt.dbdate+" ::lvarchar", one(t, s, "select d::lvarchar from dd"), tt.want)
		eq(t, tt.dbdate+" cast char", strings.TrimRight(one(t, s, "select cast(d as char(12)) from dd").(string), " "), tt.want)
		exec(t, s, "update dd set v = d")
		eq(t, tt.dbdate+" update varchar", one(t, s, "select v from dd"), tt.want)
		exec(t, s, "delete from dd")
		exec(t, s, "insert into dd (c) values (?)", NewDate(2026, 8, 31))
		eq(t, tt.dbdate+" bind", strings.TrimRight(one(t, s, "select c from dd").(string), " "), tt.want)
		exec(t, s, "drop table dd")
	}
}

// Text becomes a DATE in the session's DBDATE order (an ISO
// year-month-day is read whatever DBDATE says): literals, casts and binds.
func TestTextToDateFollowsDBDATE(t *testing.T) {
	e := newEngine(t)
	want := NewDate(2026, 8, 31)
	tests := []struct{ dbdate, text string }{
		{"", "08/31/2026"},
		{"DMY4/", "31/08/2026"},
		{"DMY2.", "31.08.26"},
		{"Y2MD-", "26-08-31"},
		{"DMY4/", "2026-08-31"},
	}
	for _, tt := range tests {
		s := newSession(t, e, "testdb")
		s.SetDBDate(tt.dbdate)
		exec(t, s, "create temp table td (d date)")
		exec(t, s, "insert into td values ('"+tt.text+"')")
		exec(t, s, "insert into td values (?)", tt.text)
		exec(t, s, "insert into td values (cast('"+tt.text+"' as date))")
		eq(t, tt.dbdate+" "+tt.text, query(t, s, "select d from td"), [][]Value{{want}, {want}, {want}})
		exec(t, s, "drop table td")
	}
	s := newSession(t, e, "testdb")
	s.SetDBDate("DMY4/")
	wantErr(t, s, -1205, "select cast('08/31/2026' as date) from systables where tabid = 1")
}
