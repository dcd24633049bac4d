package stdlib_test

import (
	"reflect"
	"testing"

	"github.com/ifxgo/ifx/ifxtype"
)

// Through database/sql, a slice, a struct and the ifxtype wrappers bind
// as collections and ROWs, and ifxtype.List/Set/Row scan them back
// (sql.Scanner over the driver's text).
func TestCompositesThroughDatabaseSQL(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "sq_comp", "(id INT, s SET(INT NOT NULL), l LIST(VARCHAR(10) NOT NULL), r ROW(a INT, b VARCHAR(5)))")
	type ab struct {
		A int
		B string
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO sq_comp VALUES (?, ?, ?, ?)", 1, ifxtype.Set{4}, []string{"x", "y'z"}, ab{7, "q"}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO sq_comp VALUES (?, ?, ?, ?)", 2, []int32(nil), ifxtype.List(nil), (*ifxtype.Row)(nil)); err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, "SELECT s, l, r FROM sq_comp ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][3]any
	for rows.Next() {
		var s ifxtype.Set
		var l ifxtype.List
		var r ifxtype.Row
		if err := rows.Scan(&s, &l, &r); err != nil {
			t.Fatal(err)
		}
		got = append(got, [3]any{s, l, r})
	}
	if err := rows.Err(); err != nil || len(got) != 2 {
		t.Fatalf("%d rows, %v", len(got), err)
	}
	want := [3]any{ifxtype.Set{int64(4)}, ifxtype.List{"x", "y'z"}, ifxtype.Row{Fields: []ifxtype.RowField{{Value: int64(7)}, {Value: "q"}}}}
	if !reflect.DeepEqual(got[0], want) {
		t.Errorf("row 1 = %#v\nwant %#v", got[0], want)
	}
	if want := [3]any{ifxtype.Set(nil), ifxtype.List(nil), ifxtype.Row{}}; !reflect.DeepEqual(got[1], want) {
		t.Errorf("NULL row = %#v", got[1])
	}
}
