package ifx_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

// collectTable makes table people with three rows.
func collectTable(t *testing.T) *ifx.Conn {
	t.Helper()
	c := connect(t, "testdb")
	ctx := ctxT(t)
	for _, q := range []string{
		"CREATE TEMP TABLE people (person_id INTEGER, full_name VARCHAR(40), born DATE, salary DECIMAL(10,2), nick VARCHAR(10))",
		"INSERT INTO people VALUES (1, 'Ada Lovelace', '1815-12-10', 100.50, 'ada')",
		"INSERT INTO people VALUES (2, 'Grace Hopper', '1906-12-09', 200.25, NULL)",
		"INSERT INTO people VALUES (3, 'Edsger Dijkstra', '1930-05-11', 300.00, 'ewd')",
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return c
}

type audit struct {
	Born time.Time
}

type person struct {
	PersonID int32  // person_id: case and underscores ignored
	Name     string `db:"full_name"`
	audit           // embedded: its fields count as person's
	Salary   ifxtype.Decimal
	Nick     *string
	Note     string `db:"-"`
}

func TestCollectRowsStructByName(t *testing.T) {
	c := collectTable(t)
	ctx := ctxT(t)
	rows, err := c.Query(ctx, "SELECT person_id, full_name, born, salary, nick FROM people ORDER BY person_id")
	if err != nil {
		t.Fatal(err)
	}
	people, err := ifx.CollectRows(rows, ifx.RowToStructByName[person])
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 3 {
		t.Fatalf("%d people", len(people))
	}
	g := people[1]
	if g.PersonID != 2 || g.Name != "Grace Hopper" || g.Nick != nil || g.Salary.String() != "200.25" ||
		!g.Born.Equal(time.Date(1906, 12, 9, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("row 2: %+v", g)
	}
	if people[0].Nick == nil || *people[0].Nick != "ada" || people[2].PersonID != 3 {
		t.Errorf("rows 1, 3: %+v %+v", people[0], people[2])
	}
	// The rows were closed: the connection takes the next statement.
	if _, err := c.Exec(ctx, "UPDATE people SET nick = 'x' WHERE person_id = 1"); err != nil {
		t.Fatal(err)
	}

	// Pointers, and a struct used twice on the same Rows (the plan is
	// kept per Rows).
	rows, _ = c.Query(ctx, "SELECT person_id, full_name, born, salary, nick FROM people ORDER BY person_id DESC")
	pp, err := ifx.CollectRows(rows, ifx.RowToAddrOfStructByName[person])
	if err != nil || len(pp) != 3 || pp[0].PersonID != 3 || pp[2].Nick == nil || *pp[2].Nick != "x" {
		t.Fatalf("%v %v", pp, err)
	}
}

func TestRowToStructByNameMismatch(t *testing.T) {
	c := collectTable(t)
	ctx := ctxT(t)
	type short struct {
		PersonID int
		FullName string
	}
	for _, tc := range []struct {
		sql  string
		fn   ifx.RowToFunc[short]
		want string // "" = success
	}{
		{"SELECT person_id, full_name FROM people", ifx.RowToStructByName[short], ""},
		{"SELECT person_id, full_name, nick FROM people", ifx.RowToStructByName[short], `no field for column "nick"`},
		{"SELECT person_id FROM people", ifx.RowToStructByName[short], "no column for field FullName"},
		{"SELECT person_id FROM people", ifx.RowToStructByNameLax[short], ""},
		{"SELECT person_id, nick FROM people", ifx.RowToStructByNameLax[short], `no field for column "nick"`},
	} {
		rows, err := c.Query(ctx, tc.sql)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ifx.CollectRows(rows, tc.fn)
		switch {
		case tc.want == "" && (err != nil || len(got) != 3 || got[0].PersonID == 0):
			t.Errorf("%s: %v %v", tc.sql, got, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want an error saying %s", tc.sql, err, tc.want)
		}
	}
	if _, err := c.Exec(ctx, "DELETE FROM people WHERE 1 = 0"); err != nil {
		t.Fatalf("connection after the failed collects: %v", err)
	}
}

func TestRowToStructByPos(t *testing.T) {
	c := collectTable(t)
	ctx := ctxT(t)
	type pair struct {
		ID      int64
		skipped string `db:"-"` // left out by the tag
		Name    string
		hidden  int // unexported: left out
	}
	rows, _ := c.Query(ctx, "SELECT person_id, full_name FROM people WHERE person_id = 3")
	p, err := ifx.CollectOneRow(rows, ifx.RowToStructByPos[pair])
	if err != nil || p.ID != 3 || p.Name != "Edsger Dijkstra" {
		t.Fatalf("%+v %v", p, err)
	}
	rows, _ = c.Query(ctx, "SELECT person_id, full_name, nick FROM people")
	if _, err := ifx.CollectRows(rows, ifx.RowToStructByPos[pair]); err == nil || !strings.Contains(err.Error(), "2 fields for 3 columns") {
		t.Errorf("3 columns into 2 fields: %v", err)
	}
	rows, _ = c.Query(ctx, "SELECT person_id FROM people")
	if _, err := ifx.CollectRows(rows, ifx.RowToStructByPos[int]); err == nil || !strings.Contains(err.Error(), "not a struct") {
		t.Errorf("not a struct: %v", err)
	}
}

func TestCollectOneAndExactlyOne(t *testing.T) {
	c := collectTable(t)
	ctx := ctxT(t)
	q := func(sql string) *ifx.Rows {
		rows, err := c.Query(ctx, sql)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	n, err := ifx.CollectOneRow(q("SELECT COUNT(*) FROM people"), ifx.RowTo[int])
	if err != nil || n != 3 {
		t.Fatalf("count: %d %v", n, err)
	}
	// The first of several rows; the rest are discarded with the cursor.
	name, err := ifx.CollectOneRow(q("SELECT full_name FROM people ORDER BY person_id"), ifx.RowTo[string])
	if err != nil || name != "Ada Lovelace" {
		t.Fatalf("first: %q %v", name, err)
	}
	if _, err := ifx.CollectOneRow(q("SELECT full_name FROM people WHERE 1 = 0"), ifx.RowTo[string]); !errors.Is(err, ifx.ErrNoRows) {
		t.Errorf("no row: %v", err)
	}
	if _, err := ifx.CollectExactlyOneRow(q("SELECT full_name FROM people"), ifx.RowTo[string]); !errors.Is(err, ifx.ErrTooManyRows) {
		t.Errorf("three rows: %v", err)
	}
	if _, err := ifx.CollectExactlyOneRow(q("SELECT full_name FROM people WHERE 1 = 0"), ifx.RowTo[string]); !errors.Is(err, ifx.ErrNoRows) {
		t.Errorf("no row: %v", err)
	}
	p, err := ifx.CollectExactlyOneRow(q("SELECT full_name FROM people WHERE person_id = 2"), ifx.RowToAddrOf[string])
	if err != nil || *p != "Grace Hopper" {
		t.Errorf("one row: %v %v", p, err)
	}
	// A scan error is returned, and the connection stays usable.
	if _, err := ifx.CollectOneRow(q("SELECT full_name FROM people"), ifx.RowTo[int]); err == nil {
		t.Error("a name scanned into an int")
	}
	if _, err := ifx.CollectRows(nil, ifx.RowTo[int]); err == nil {
		t.Error("nil Rows")
	}
	if n, err := ifx.CollectOneRow(q("SELECT COUNT(*) FROM people"), ifx.RowTo[int]); err != nil || n != 3 {
		t.Errorf("after the errors: %d %v", n, err)
	}
}

func TestRowToMapAndAppendRows(t *testing.T) {
	c := collectTable(t)
	ctx := ctxT(t)
	rows, _ := c.Query(ctx, "SELECT person_id, nick FROM people WHERE person_id = 2")
	m, err := ifx.CollectOneRow(rows, ifx.RowToMap)
	if err != nil || !reflect.DeepEqual(m, map[string]any{"person_id": int32(2), "nick": nil}) {
		t.Fatalf("%#v %v", m, err)
	}
	ids := []int32{0}
	rows, _ = c.Query(ctx, "SELECT person_id FROM people ORDER BY person_id")
	ids, err = ifx.AppendRows(ids, rows, ifx.RowTo[int32])
	if err != nil || !reflect.DeepEqual(ids, []int32{0, 1, 2, 3}) {
		t.Fatalf("%v %v", ids, err)
	}
}

func TestForEachRow(t *testing.T) {
	c := collectTable(t)
	ctx := ctxT(t)
	var id int
	var name string
	var seen []string
	rows, _ := c.Query(ctx, "SELECT person_id, full_name FROM people ORDER BY person_id")
	tag, err := ifx.ForEachRow(rows, []any{&id, &name}, func() error {
		seen = append(seen, name)
		return nil
	})
	if err != nil || len(seen) != 3 || seen[2] != "Edsger Dijkstra" || tag.RowsAffected() != 3 || !tag.Select() {
		t.Fatalf("%v %v %v", seen, tag, err)
	}
	stop := errors.New("stop")
	rows, _ = c.Query(ctx, "SELECT person_id, full_name FROM people ORDER BY person_id")
	n := 0
	if _, err := ifx.ForEachRow(rows, []any{&id, &name}, func() error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("stopped: %v after %d", err, n)
	}
}

// BenchmarkRowToStructByName: the cost of the reflection over Scan, per
// row (one struct allocation).
func BenchmarkRowToStructByName(b *testing.B) {
	c := connect(b, "testdb")
	ctx := ctxT(b)
	type gen struct{ Value int32 }
	b.ReportAllocs()
	for b.Loop() {
		rows, err := c.Query(ctx, "SELECT value FROM TABLE(ifx_generate(1000)) AS g(value)")
		if err != nil {
			b.Fatal(err)
		}
		got, err := ifx.CollectRows(rows, ifx.RowToStructByName[gen])
		if err != nil || len(got) != 1000 {
			b.Fatal(len(got), err)
		}
	}
}
