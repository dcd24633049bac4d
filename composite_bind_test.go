package ifx_test

import (
	"database/sql"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

type compPerson struct {
	Name string `db:"name"`
	Age  int
	Tags []string
}

// Composite arguments bind as their literal text and come back as the
// same values: the wrappers for each kind, a bare slice, ifxtype.Row, a
// struct for a ROW, nesting, NULLs; and a ROW scans into a struct.
func TestCompositeArgumentsRoundTrip(t *testing.T) {
	eachPersona(t, func(t *testing.T) {
		c := connect(t, "testdb")
		ctx := ctxT(t)
		freshTable(t, c, "comp_bind", "id INT, s SET(INT NOT NULL), m MULTISET(VARCHAR(10) NOT NULL), "+
			"l LIST(BIGINT NOT NULL), r ROW(name VARCHAR(20), age INT, tags LIST(VARCHAR(5) NOT NULL)), "+
			"n LIST(ROW(a INT, b SET(VARCHAR(10) NOT NULL)) NOT NULL), d LIST(DECIMAL(8,2) NOT NULL)")
		ins := "INSERT INTO comp_bind VALUES (?, ?, ?, ?, ?, ?, ?)"
		dec, _ := ifxtype.ParseDecimal("12.50")
		nested := []ifxtype.Row{
			{Fields: []ifxtype.RowField{{Value: 1}, {Value: ifxtype.Set{"x", "it's"}}}},
			{Fields: []ifxtype.RowField{{Value: nil}, {Value: ifxtype.Set{}}}},
		}
		if _, err := c.Exec(ctx, ins, 1, ifxtype.Set{3, 1}, ifxtype.Multiset{"a", "a"}, []int64{1 << 40, -5},
			compPerson{Name: "Ann", Age: 41, Tags: []string{"t1"}}, nested, ifxtype.List{dec}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, ins, 2, []int32(nil), ifxtype.Multiset(nil), (*ifxtype.List)(nil),
			(*ifxtype.Row)(nil), []ifxtype.Row(nil), nil); err != nil {
			t.Fatal(err)
		}
		row := ifxtype.Row{Fields: []ifxtype.RowField{{Value: "Bob"}, {Value: nil}, {Value: []string{}}}}
		if _, err := c.Exec(ctx, ins, 3, []int{7}, ifxtype.Multiset{}, ifxtype.List{int64(0)}, row, []ifxtype.Row{}, ifxtype.List{}); err != nil {
			t.Fatal(err)
		}
		rows, err := c.Query(ctx, "SELECT s, m, l, r, n, d FROM comp_bind ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		type result struct {
			s []int32
			m []string
			l []int64
			r *compPerson
			n []struct {
				A *int
				B []string
			}
			d []ifxtype.Decimal
		}
		var got []result
		for rows.Next() {
			var x result
			if err := rows.Scan(&x.s, &x.m, &x.l, &x.r, &x.n, &x.d); err != nil {
				t.Fatal(err)
			}
			got = append(got, x)
		}
		if err := rows.Err(); err != nil || len(got) != 3 {
			t.Fatalf("%d rows, %v", len(got), err)
		}
		g := got[0]
		if !reflect.DeepEqual(g.s, []int32{3, 1}) && !reflect.DeepEqual(g.s, []int32{1, 3}) {
			t.Errorf("SET = %v", g.s)
		}
		if !reflect.DeepEqual(g.m, []string{"a", "a"}) || !reflect.DeepEqual(g.l, []int64{1 << 40, -5}) {
			t.Errorf("MULTISET %v LIST %v", g.m, g.l)
		}
		if g.r == nil || !reflect.DeepEqual(*g.r, compPerson{Name: "Ann", Age: 41, Tags: []string{"t1"}}) {
			t.Errorf("ROW into struct = %+v", g.r)
		}
		if len(g.n) != 2 || g.n[0].A == nil || *g.n[0].A != 1 || !reflect.DeepEqual(g.n[0].B, []string{"x", "it's"}) || g.n[1].A != nil || len(g.n[1].B) != 0 {
			t.Errorf("nested = %+v", g.n)
		}
		if len(g.d) != 1 || g.d[0].String() != "12.50" {
			t.Errorf("DECIMAL list = %v", g.d)
		}
		if g := got[1]; g.s != nil || g.m != nil || g.l != nil || g.r != nil || g.n != nil || g.d != nil {
			t.Errorf("NULL row = %+v", g)
		}
		if g := got[2]; !reflect.DeepEqual(g.s, []int32{7}) || len(g.m) != 0 || g.m == nil || g.r == nil || g.r.Name != "Bob" || g.r.Age != 0 || len(g.r.Tags) != 0 {
			t.Errorf("third row = %+v %+v", g, g.r)
		}
	})
}

// Bad composite arguments are refused before anything is sent, with the
// element that is wrong; the server refuses text that does not fit the
// column; the connection stays usable.
func TestCompositeArgumentErrors(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "comp_bad", "s SET(INT NOT NULL), r ROW(a INT)")
	for _, tc := range []struct {
		arg  any
		want string
	}{
		{ifxtype.Set{1, nil}, "element 2"},
		{[]any{time.Duration(1), make(chan int)}, "cannot be a composite element"},
		{ifxtype.Set{[]byte("x")}, "[]byte"},
	} {
		_, err := c.Exec(ctx, "INSERT INTO comp_bad (s) VALUES (?)", tc.arg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.arg, err, tc.want)
		}
	}
	_, err := c.Exec(ctx, "INSERT INTO comp_bad (s) VALUES (?)", ifxtype.Set{"x"})
	var se *ifx.Error
	if !errors.As(err, &se) || se.SQLCode != -1260 {
		t.Errorf("a string element into SET(INT): %v, want -1260", err)
	}
	// A ROW field that the struct lacks is a scan error, not a panic.
	if _, err := c.Exec(ctx, "INSERT INTO comp_bad (r) VALUES (?)", ifxtype.Row{Fields: []ifxtype.RowField{{Value: 5}}}); err != nil {
		t.Fatal(err)
	}
	var wrong struct{ B int }
	err = c.QueryRow(ctx, "SELECT r FROM comp_bad WHERE r IS NOT NULL").Scan(&wrong)
	if err == nil || !strings.Contains(err.Error(), "has no field") {
		t.Errorf("ROW into a struct without its field: %v", err)
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM comp_bad").Scan(&n); err != nil || n != 1 {
		t.Fatalf("connection afterwards: %d %v", n, err)
	}
}

// Collections of DATE and DATETIME scan into *[]time.Time: DATE elements
// in the session's DBDATE layout (IDS's default MDY4/), DATETIME ones in
// their ISO text, in Config.TimeLocation; and they bind from time.Time.
func TestCompositeTimeElements(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "comp_time", "d LIST(DATE NOT NULL), t LIST(DATETIME YEAR TO SECOND NOT NULL), f SET(DATETIME YEAR TO FRACTION(3) NOT NULL)")
	if _, err := c.Exec(ctx, "INSERT INTO comp_time VALUES (LIST{'2026-12-06', '1999-01-31'}, "+
		"LIST{DATETIME(2026-12-06 10:11:12) YEAR TO SECOND}, SET{'2026-12-06 10:11:12.5'})"); err != nil {
		t.Fatal(err)
	}
	var d, ts, f []time.Time
	if err := c.QueryRow(ctx, "SELECT d, t, f FROM comp_time").Scan(&d, &ts, &f); err != nil {
		t.Fatal(err)
	}
	loc := c.Config().TimeLocation
	want := func(s string) time.Time {
		x, _ := time.ParseInLocation("2006-01-02 15:04:05.999", s, loc)
		return x
	}
	if len(d) != 2 || !d[0].Equal(want("2026-12-06 00:00:00")) || !d[1].Equal(want("1999-01-31 00:00:00")) {
		t.Errorf("DATE list = %v", d)
	}
	if len(ts) != 1 || !ts[0].Equal(want("2026-12-06 10:11:12")) || len(f) != 1 || !f[0].Equal(want("2026-12-06 10:11:12.5")) {
		t.Errorf("DATETIME = %v %v", ts, f)
	}
	if _, err := c.Exec(ctx, "INSERT INTO comp_time (t) VALUES (?)", []time.Time{want("2001-02-03 04:05:06")}); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctx, "SELECT t FROM comp_time WHERE d IS NULL").Scan(&ts); err != nil || len(ts) != 1 || !ts[0].Equal(want("2001-02-03 04:05:06")) {
		t.Errorf("bound DATETIME list read back %v %v", ts, err)
	}
}

// Elements and ROW fields scan into sql.Scanners (a *[]T for a scannable
// T), NULL fields included.
func TestCompositeScannerElements(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "comp_scanner", "l LIST(INT NOT NULL), r ROW(a VARCHAR(5), b INT)")
	if _, err := c.Exec(ctx, "INSERT INTO comp_scanner VALUES (LIST{4, 5}, ROW(NULL, 7)::ROW(a VARCHAR(5), b INT))"); err != nil {
		t.Fatal(err)
	}
	var l []sql.NullInt64
	var r struct {
		A sql.NullString
		B sql.NullInt32
	}
	if err := c.QueryRow(ctx, "SELECT l, r FROM comp_scanner").Scan(&l, &r); err != nil {
		t.Fatal(err)
	}
	if len(l) != 2 || l[1] != (sql.NullInt64{Int64: 5, Valid: true}) || r.A.Valid || r.B != (sql.NullInt32{Int32: 7, Valid: true}) {
		t.Errorf("l %v r %+v", l, r)
	}
}
