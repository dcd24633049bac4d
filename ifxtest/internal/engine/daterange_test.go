package engine

import "testing"

// IDS dates run from 0001-01-01 (day -693594) to 9999-12-31 (day 2958464);
// both ends must survive literals, functions and binds unchanged (they
// were clamped to 1607-09-22 and 2192-04-09 by a saturated time.Duration).
func TestDateFullRange(t *testing.T) {
	const first, last = Date(-693594), Date(2958464)
	eq(t, "NewDate(1,1,1)", NewDate(1, 1, 1), first)
	eq(t, "NewDate(9999,12,31)", NewDate(9999, 12, 31), last)
	s := newSession(t, newEngine(t), "testdb")
	exec(t, s, "create table dr (id int, d date)")
	exec(t, s, "insert into dr values (1, mdy(1, 1, 1))")
	exec(t, s, "insert into dr values (2, '12/31/9999')")
	exec(t, s, "insert into dr values (3, ?)", first)
	exec(t, s, "insert into dr values (4, ?)", last)
	exec(t, s, "insert into dr values (5, date('9999-12-31'))")
	eq(t, "rows", query(t, s, "select d, year(d), month(d), day(d), d - mdy(12, 31, 1899) from dr order by id"), [][]Value{
		{first, int64(1), int64(1), int64(1), int64(first)},
		{last, int64(9999), int64(12), int64(31), int64(last)},
		{first, int64(1), int64(1), int64(1), int64(first)},
		{last, int64(9999), int64(12), int64(31), int64(last)},
		{last, int64(9999), int64(12), int64(31), int64(last)},
	})
	eq(t, "text", one(t, s, "select d::char(10) from dr where id = 2"), "12/31/9999")
	eq(t, "where", one(t, s, "select count(*) from dr where d = mdy(12, 31, 9999)"), Decimal("3"))
	eq(t, "extend", one(t, s, "select extend(d, year to day) from dr where id = 1"), DateTime("0001-01-01"))
}

// DATETIME arithmetic spans the whole range too: a day interval of more
// than 292 years, and the difference of two far-apart datetimes.
func TestDateTimeArithmeticFullRange(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	eq(t, "add", one(t, s, "select datetime(0001-01-01 00:00:00) year to second + interval(3652058 23:59:59) day(7) to second from systables where tabid = 1"),
		DateTime("9999-12-31 23:59:59"))
	eq(t, "sub", one(t, s, "select datetime(9999-12-31) year to day - datetime(0001-01-01) year to day from systables where tabid = 1"),
		Interval("3652058"))
	wantErr(t, s, -1267, "select datetime(9999-12-31) year to day + interval(1) day to day from systables where tabid = 1")
}
