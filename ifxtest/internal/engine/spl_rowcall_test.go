package engine

import "testing"

const ibmFunctionExpr = "https://www.ibm.com/docs/en/informix-servers/14.10?topic=expressions-function-expressions"

// A user function whose arguments name columns is called for each row, in
// the select list, in WHERE, nested in expressions and aggregates, with
// '?' markers and inside SPL. (ibmFunctionExpr)
func TestUserFunctionPerRow(t *testing.T) {
	s := newSession(t, newEngine(t), "")
	exec(t, s, "create database rowcall with log")
	exec(t, s, "create table items (id int, qty int, price decimal(8,2), name varchar(20))")
	for _, q := range []string{
		"insert into items values (1, 2, 1.50, 'pen')",
		"insert into items values (2, 0, 9.99, 'ink')",
		"insert into items values (3, 5, 0.25, 'clip')",
		"insert into items values (4, null, 2.00, 'pad')",
	} {
		exec(t, s, q)
	}
	exec(t, s, "create function line_total(q int, p decimal(8,2)) returning decimal(10,2); return q * p; end function")
	exec(t, s, "create function per_unit(total decimal(10,2), q int) returning decimal(10,2); return total / q; end function")
	exec(t, s, "create function tag(n varchar(20), i int) returning varchar(30); return n || '#' || i; end function")

	eq(t, "select list", query(t, s, "select id, line_total(qty, price) from items order by id"), [][]Value{
		{int64(1), Decimal("3.00")}, {int64(2), Decimal("0.00")}, {int64(3), Decimal("1.25")}, {int64(4), nil}})
	eq(t, "WHERE", query(t, s, "select id from items where line_total(qty, price) > 1 order by id"),
		[][]Value{{int64(1)}, {int64(3)}})
	eq(t, "expression, marker, text", query(t, s, "select tag(name, id + ?) from items where id = 2", int32(10)),
		[][]Value{{"ink#12"}})
	eq(t, "aggregate", one(t, s, "select sum(line_total(qty, price)) from items"), Value(Decimal("4.25")))
	eq(t, "join", query(t, s, "select a.id, tag(b.name, a.id) from items a, items b where a.id = b.id + 1 order by a.id"),
		[][]Value{{int64(2), "pen#2"}, {int64(3), "ink#3"}, {int64(4), "clip#4"}})
	// The conditions of WHERE that call no user function filter the rows
	// the function is called for: per_unit(…, 0) would divide by zero.
	eq(t, "guarded by WHERE", query(t, s, "select id, per_unit(line_total(qty, price), qty) from items where qty > 0 order by id"),
		[][]Value{{int64(1), Decimal("1.50")}, {int64(3), Decimal("0.25")}})
	eq(t, "guarded by another condition", query(t, s, "select id from items where qty > 0 and per_unit(line_total(qty, price), qty) < 1"),
		[][]Value{{int64(3)}})
	wantErr(t, s, -1202, "select per_unit(line_total(qty, price), qty) from items")

	// A prepared statement sees new rows at its next execution.
	st := describe(t, s, "select count(*) from items where line_total(qty, price) >= ?")
	defer st.Close()
	exec(t, s, "insert into items values (5, 10, 1.00, 'tape')")
	for _, c := range []struct {
		min  string
		want Value
	}{{"1", Decimal("3")}, {"5", Decimal("1")}} {
		cur, err := st.Query(t.Context(), []Value{Decimal(c.min)})
		if err != nil {
			t.Fatal(err)
		}
		row, err := cur.Next()
		cur.Close()
		if err != nil {
			t.Fatal(err)
		}
		eq(t, "prepared count >= "+c.min, row[0], c.want)
	}

	// Inside SPL: FOREACH over a query calling a function per row.
	exec(t, s, `create function order_value() returning decimal(10,2);
		define v, total decimal(10,2);
		let total = 0;
		foreach select line_total(qty, price) into v from items where qty is not null
			let total = total + v;
		end foreach;
		return total; end function`)
	eq(t, "SPL FOREACH", one(t, s, "execute function order_value()"), Value(Decimal("14.25")))
	// In a correlated subquery, a WHERE term naming the outer query's
	// columns cannot filter the memo query; the others still do.
	eq(t, "correlated", query(t, s, `select a.id, (select max(tag(b.name, b.id)) from items b where b.id = a.id and b.qty > 0)
		from items a where a.id < 4 order by a.id`), [][]Value{{int64(1), "pen#1"}, {int64(2), nil}, {int64(3), "clip#3"}})
	// An argument naming a column of an outer query is still refused.
	e := wantErr(t, s, -999, "select id from items a where exists (select 1 from items b where b.id = tag(a.name, 1))")
	if e.Message == "" {
		t.Fatal("no reason given")
	}
}

// UPDATE and DELETE call a user function per row too, in SET and WHERE,
// with the rows' values before the statement. (ibmFunctionExpr)
func TestUserFunctionPerRowInUpdateAndDelete(t *testing.T) {
	s := newSession(t, newEngine(t), "")
	exec(t, s, "create database rowcall2 with log")
	exec(t, s, "create table t (k int, v int)")
	for _, q := range []string{"insert into t values (1, 10)", "insert into t values (2, 20)", "insert into t values (3, 30)"} {
		exec(t, s, q)
	}
	exec(t, s, "create function twice(n int) returning int; return n * 2; end function")
	r := exec(t, s, "update t set v = twice(v) where twice(k) > 2")
	eq(t, "rows updated", r.RowsAffected, int64(2))
	eq(t, "after UPDATE", query(t, s, "select k, v from t order by k"), [][]Value{{int64(1), int64(10)}, {int64(2), int64(40)}, {int64(3), int64(60)}})
	r = exec(t, s, "delete from t where twice(v) > 100")
	eq(t, "rows deleted", r.RowsAffected, int64(1))
	eq(t, "after DELETE", query(t, s, "select k from t order by k"), [][]Value{{int64(1)}, {int64(2)}})
}
