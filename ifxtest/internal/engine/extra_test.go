package engine

import "testing"

func TestDatetimeArithmetic(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "create table ev (at datetime year to second, d date, dur interval day to second)")
	exec(t, s, "insert into ev values ('2026-01-31 10:00:00', '01/31/2026', '1 02:00:00')")
	eq(t, "dt + iv", one(t, s, "select at + dur from ev"), DateTime("2026-02-01 12:00:00"))
	eq(t, "dt - iv literal", one(t, s, "select at - interval(1) day to day from ev"), DateTime("2026-01-30 10:00:00"))
	eq(t, "dt - dt", one(t, s, "select at - datetime(2026-01-30 09:00:00) year to second from ev"), Interval("1 01:00:00"))
	eq(t, "units", one(t, s, "select at + 2 units hour from ev"), DateTime("2026-01-31 12:00:00"))
	eq(t, "extend", one(t, s, "select extend(d, year to minute) from ev"), DateTime("2026-01-31 00:00"))
	eq(t, "extend dt", one(t, s, "select extend(at, hour to minute) from ev"), DateTime("10:00"))
	eq(t, "date - date", one(t, s, "select d - mdy(1, 1, 2026) from ev"), int64(30))
	eq(t, "cast", one(t, s, "select cast(at as date) from ev"), NewDate(2026, 1, 31))
	eq(t, "cast ::", one(t, s, "select '42'::integer + 1 from ev"), int64(43))
	eq(t, "to_char", one(t, s, "select to_char(at, '%Y/%m/%d %H') from ev"), "2026/01/31 10")
	eq(t, "date compare dt literal", one(t, s, "select count(*) from ev where at > datetime(2026-01-01) year to day"), Decimal("1"))
	eq(t, "interval compare", one(t, s, "select count(*) from ev where dur > interval(1 00:00:00) day to second"), Decimal("1"))
	eq(t, "where param datetime", one(t, s, "select count(*) from ev where at = ?", "2026-01-31 10:00:00"), Decimal("1"))
	eq(t, "where bool", one(t, s, "select count(*) from systables where 't' = 't'"), one(t, s, "select count(*) from systables"))
	exec(t, s, "create table bb (b boolean)")
	for _, v := range []string{"'t'", "'f'", "NULL"} {
		exec(t, s, "insert into bb values ("+v+")")
	}
	eq(t, "bool literal compare", one(t, s, "select count(*) from bb where b = 't'"), Decimal("1"))
	eq(t, "bool param", one(t, s, "select count(*) from bb where b = ?", false), Decimal("1"))
	eq(t, "current qualifier", len(one(t, s, "select current year to minute from ev").(DateTime)), 16)
	eq(t, "sysdate", len(one(t, s, "select sysdate from ev").(DateTime)), 25)
}
