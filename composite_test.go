package ifx_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

func TestCompositeColumnsScan(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "comp_scan", "id INT, r ROW(name VARCHAR(50), age INT), s SET(VARCHAR(20) NOT NULL), "+
		"m MULTISET(BIGINT NOT NULL), l LIST(INT NOT NULL), n LIST(ROW(a INT, b SET(VARCHAR(10) NOT NULL)) NOT NULL), tail VARCHAR(10)")
	if _, err := c.Exec(ctx, "INSERT INTO comp_scan VALUES (1, ROW('Alice', 30)::ROW(name VARCHAR(50), age INT), "+
		"SET{'red','green'}, MULTISET{5,5}, LIST{10,20,30}, LIST{ROW(1, SET{'x'}), ROW(NULL, SET{})}, 'abc')"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO comp_scan VALUES (2, NULL, NULL, NULL, NULL, NULL, 'xyz')"); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, "SELECT r, s, m, l, n, tail FROM comp_scan ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if got := rows.Columns()[0].TypeName; got != "ROW(NAME VARCHAR(50), AGE INTEGER)" {
		t.Errorf("ROW TypeName = %q", got)
	}
	if got := rows.Columns()[2].TypeName; got != "MULTISET(BIGINT NOT NULL)" {
		t.Errorf("MULTISET TypeName = %q", got)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	var (
		r    ifxtype.Row
		s    []string
		m    []int64
		l    []int32
		n    []*ifxtype.Row
		tail string
	)
	if err := rows.Scan(&r, &s, &m, &l, &n, &tail); err != nil {
		t.Fatal(err)
	}
	if want := (ifxtype.Row{Fields: []ifxtype.RowField{{Name: "name", Type: "varchar(50)", Value: "Alice"}, {Name: "age", Type: "integer", Value: int32(30)}}}); !reflect.DeepEqual(r, want) {
		t.Errorf("ROW = %+v", r)
	}
	if !reflect.DeepEqual(s, []string{"red", "green"}) || !reflect.DeepEqual(m, []int64{5, 5}) || !reflect.DeepEqual(l, []int32{10, 20, 30}) || tail != "abc" {
		t.Errorf("s %q m %v l %v tail %q", s, m, l, tail)
	}
	if len(n) != 2 || !reflect.DeepEqual(n[0].Fields[1].Value, []any{"x"}) || n[1].Fields[0].Value != nil {
		t.Errorf("nested = %+v", n)
	}
	var text string
	if err := rows.Scan(nil, nil, nil, &text, nil, nil); err != nil || text != "LIST{10         ,20         ,30         }" {
		t.Errorf("LIST as text = %q, %v", text, err)
	}
	vals, err := rows.Values()
	if err != nil || !reflect.DeepEqual(vals[3], []any{int32(10), int32(20), int32(30)}) {
		t.Errorf("Values()[3] = %#v, %v", vals[3], err)
	}
	var short []int16
	if err := rows.Scan(nil, nil, &short, nil, nil, nil); err != nil || !reflect.DeepEqual(short, []int16{5, 5}) {
		t.Errorf("MULTISET into []int16 = %v, %v", short, err)
	}
	if err := rows.Scan(nil, &l, nil, nil, nil, nil); err == nil {
		t.Error("SET of strings scanned into []int32")
	}
	if err := rows.Scan(nil, nil, nil, &r, nil, nil); !errors.Is(err, ifx.ErrUnsupported) {
		t.Errorf("LIST into *ifxtype.Row: %v", err)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	l = []int32{1}
	if err := rows.Scan(nil, nil, nil, &l, nil, &tail); err != nil || l != nil || tail != "xyz" {
		t.Errorf("NULL LIST: %v %q %v", l, tail, err)
	}
	if rows.Next() {
		t.Error("third row")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// A named ROW type is described by its name alone: the driver reads its
// fields from the catalog, the value reads as an *ifxtype.Row, and the
// row goes on.
func TestNamedRowTypeReadsWithFields(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	c.Exec(ctx, "DROP TABLE comp_named")
	c.Exec(ctx, "DROP ROW TYPE pt_named RESTRICT")
	if _, err := c.Exec(ctx, "CREATE ROW TYPE pt_named (name VARCHAR(30), age INT)"); err != nil {
		t.Fatal(err)
	}
	// Runs after freshTable's DROP TABLE (cleanups run last first).
	t.Cleanup(func() { c.Exec(context.Background(), "DROP ROW TYPE pt_named RESTRICT") })
	freshTable(t, c, "comp_named", "p pt_named, tail INT")
	if _, err := c.Exec(ctx, "INSERT INTO comp_named VALUES (ROW('Ann', 41)::pt_named, 9)"); err != nil {
		t.Fatal(err)
	}
	var v any
	var tail int32
	if err := c.QueryRow(ctx, "SELECT p, tail FROM comp_named").Scan(&v, &tail); err != nil {
		t.Fatal(err)
	}
	want := &ifxtype.Row{TypeName: "pt_named", Fields: []ifxtype.RowField{
		{Name: "name", Type: "varchar(30)", Value: "Ann"}, {Name: "age", Type: "integer", Value: int32(41)}}}
	if !reflect.DeepEqual(v, want) || tail != 9 {
		t.Errorf("got %+v, %d", v, tail)
	}
}
