package stdlib_test

import (
	"testing"

	"github.com/ifxgo/ifx/ifxtype"
)

// stdPoint binds as the named ROW type sq_point.
type stdPoint struct {
	X, Y int32
}

func (stdPoint) RowTypeName() string { return "sq_point" }

// Through database/sql a named ROW (ifxtype.RowTypeNamer, Row.TypeName)
// binds in IDS's binary form like through the native API, on the
// connection and on a prepared statement (the type read by the
// connection's first use of it), and collections bind in that form too.
func TestNamedRowThroughDatabaseSQL(t *testing.T) {
	db, _ := newDB(t)
	db.SetMaxOpenConns(1) // the prepared statement's connection has read the type
	ctx := ctxT(t)
	for _, q := range []string{"DROP TABLE IF EXISTS sq_pts", "DROP ROW TYPE IF EXISTS sq_point RESTRICT",
		"CREATE ROW TYPE sq_point (x INTEGER, y INTEGER)", "CREATE TABLE sq_pts (id INT, p sq_point, l LIST(INT8 NOT NULL))"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO sq_pts VALUES (?, ?, ?)", 1, stdPoint{3, 4}, []int64{1 << 40}); err != nil {
		t.Fatal(err)
	}
	st, err := db.PrepareContext(ctx, "INSERT INTO sq_pts VALUES (?, ?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ExecContext(ctx, 2, ifxtype.Row{TypeName: "sq_point", Fields: []ifxtype.RowField{{Value: 5}, {Value: nil}}}, []int64{}); err != nil {
		t.Fatal(err)
	}
	var got []string
	rows, err := db.QueryContext(ctx, "SELECT p, l FROM sq_pts ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var p, l string
		if err := rows.Scan(&p, &l); err != nil {
			t.Fatal(err)
		}
		got = append(got, p, l)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{"ROW(3          ,4          )", "LIST{1099511627776       }", "ROW(5          ,NULL)", "LIST{}"}
	if len(got) != len(want) {
		t.Fatalf("read %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("value %d: %q, want %q", i, got[i], want[i])
		}
	}
}

// Through database/sql a named ROW column reads like through the native
// API, the type read from the catalog: its values scan into an
// ifxtype.Row (by position: database/sql hands a Scanner the value's
// text, which has no field names) and as text, and ColumnTypes names
// the type as the DESCRIBE does.
func TestNamedRowReadThroughDatabaseSQL(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	for _, q := range []string{"DROP TABLE IF EXISTS sq_rd", "DROP ROW TYPE IF EXISTS sq_rd_p RESTRICT",
		"CREATE ROW TYPE sq_rd_p (name VARCHAR(20), age INTEGER)", "CREATE TABLE sq_rd (id INT, p sq_rd_p)",
		"INSERT INTO sq_rd VALUES (1, ROW('Ann', 41)::sq_rd_p)"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	rows, err := db.QueryContext(ctx, "SELECT p, p FROM sq_rd")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	if got := cts[0].DatabaseTypeName(); got != "sq_rd_p" {
		t.Errorf("DatabaseTypeName %q", got)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	var r ifxtype.Row
	var text string
	if err := rows.Scan(&r, &text); err != nil {
		t.Fatal(err)
	}
	if len(r.Fields) != 2 || r.Fields[0].Value != "Ann" || text != "ROW('Ann',41         )" {
		t.Errorf("Row %+v, text %q", r, text)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
}
