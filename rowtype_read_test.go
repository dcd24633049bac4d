package ifx_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

// rdPerson matches rt_rd_person's fields by db tag.
type rdPerson struct {
	Who   string `db:"name"`
	Years int32  `db:"age"`
}

// rdPersonByName matches them by field name.
type rdPersonByName struct {
	Name string
	Age  int32
}

// namedRowSchema makes the named ROW types and the table the read-side
// tests use: rt_rd_person, rt_rd_team with a rt_rd_person field, and a
// LIST of rt_rd_person.
func namedRowSchema(t *testing.T, c *ifx.Conn) {
	t.Helper()
	ctx := ctxT(t)
	for _, q := range []string{
		"DROP TABLE IF EXISTS rt_rd", "DROP ROW TYPE IF EXISTS rt_rd_team RESTRICT", "DROP ROW TYPE IF EXISTS rt_rd_person RESTRICT",
		"CREATE ROW TYPE rt_rd_person (name VARCHAR(20), age INTEGER)",
		"CREATE ROW TYPE rt_rd_team (title VARCHAR(10), lead rt_rd_person)",
		"CREATE TABLE rt_rd (id INTEGER, p rt_rd_person, l LIST(rt_rd_person NOT NULL), t rt_rd_team)",
		"INSERT INTO rt_rd VALUES (1, ROW('Ann', 41)::rt_rd_person, LIST{ROW('Bo', 7)::rt_rd_person, ROW('Cy', 8)::rt_rd_person}, " +
			"ROW('core', ROW('Di', 50)::rt_rd_person)::rt_rd_team)",
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		ctx := context.Background()
		for _, q := range []string{"DROP TABLE rt_rd", "DROP ROW TYPE rt_rd_team RESTRICT", "DROP ROW TYPE rt_rd_person RESTRICT"} {
			c.Exec(ctx, q)
		}
	})
}

// A named ROW column, described by the type's name alone, reads with
// its fields: the driver reads the type from the catalog before the
// cursor opens. It scans into *ifxtype.Row (names, types, values and
// TypeName), into a struct by db tag and by field name, a LIST of named
// ROWs into a []struct, and a named ROW with a named ROW field.
func TestNamedRowColumnScans(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	namedRowSchema(t, c)
	var r ifxtype.Row
	var byTag rdPerson
	var byName rdPersonByName
	if err := c.QueryRow(ctx, "SELECT p, p, p FROM rt_rd").Scan(&r, &byTag, &byName); err != nil {
		t.Fatal(err)
	}
	want := ifxtype.Row{TypeName: "rt_rd_person", Fields: []ifxtype.RowField{
		{Name: "name", Type: "varchar(20)", Value: "Ann"}, {Name: "age", Type: "integer", Value: int32(41)}}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("Row = %+v\nwant  %+v", r, want)
	}
	if byTag != (rdPerson{"Ann", 41}) || byName != (rdPersonByName{"Ann", 41}) {
		t.Errorf("by tag %+v, by name %+v", byTag, byName)
	}
	var list []rdPersonByName
	if err := c.QueryRow(ctx, "SELECT l FROM rt_rd").Scan(&list); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(list, []rdPersonByName{{"Bo", 7}, {"Cy", 8}}) {
		t.Errorf("LIST = %+v", list)
	}
	var team struct {
		Title string
		Lead  rdPerson
	}
	var teamRow ifxtype.Row
	if err := c.QueryRow(ctx, "SELECT t, t FROM rt_rd").Scan(&team, &teamRow); err != nil {
		t.Fatal(err)
	}
	if team.Title != "core" || team.Lead != (rdPerson{"Di", 50}) {
		t.Errorf("team = %+v", team)
	}
	if teamRow.TypeName != "rt_rd_team" || len(teamRow.Fields) != 2 || teamRow.Fields[1].Name != "lead" {
		t.Errorf("team Row = %+v", teamRow)
	}
}

// The catalog is read once per type and connection: two queries of the
// same named ROW column, and a LIST of it, cost two catalog statements
// (sysxtdtypes, sysattrtypes) for the type and none after.
func TestNamedRowReadLooksUpOnce(t *testing.T) {
	if realServer() {
		t.Skip("counts statements in ifxtest's stream")
	}
	stream := ourStream(t, func(c *ifx.Conn) {
		ctx := ctxT(t)
		for _, q := range []string{"CREATE ROW TYPE rlo (a INTEGER, b VARCHAR(5))", "CREATE TABLE rlt (id INTEGER, r rlo, l LIST(rlo NOT NULL))",
			"INSERT INTO rlt VALUES (1, ROW(1, 'x')::rlo, LIST{ROW(2, 'y')::rlo})"} {
			if _, err := c.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		for range 2 {
			var r ifxtype.Row
			var l []ifxtype.Row
			if err := c.QueryRow(ctx, "SELECT r, l FROM rlt").Scan(&r, &l); err != nil {
				t.Fatal(err)
			}
			if r.TypeName != "rlo" || len(l) != 1 || l[0].Fields[1].Value != "y" {
				t.Fatalf("r %+v l %+v", r, l)
			}
		}
	})
	for _, q := range []string{"from informix.sysxtdtypes where mode in ('R','B','D','C','T') and name like ?",
		"from informix.sysattrtypes where extended_id = ? order by seqno"} {
		if n := bytes.Count(stream, []byte(q)); n != 1 {
			t.Errorf("%d statements with %q, want 1", n, q)
		}
	}
}

// A hostile catalog answer for a named ROW column's type is a
// *ifx.RowTypeError wrapping ifxtype.ErrTypeTree from Query, and the
// connection stays usable.
func TestNamedRowReadHostileCatalog(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	for _, q := range []string{"DROP TABLE IF EXISTS rt_rh", "DROP ROW TYPE IF EXISTS rt_rh_t RESTRICT",
		"CREATE ROW TYPE rt_rh_t (a INTEGER)", "CREATE TABLE rt_rh (id INTEGER, r rt_rh_t)",
		"INSERT INTO rt_rh VALUES (1, ROW(5)::rt_rh_t)"} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		c.Exec(context.Background(), "DROP TABLE rt_rh")
		c.Exec(context.Background(), "DROP ROW TYPE rt_rh_t RESTRICT")
	})
	var xid int
	if err := c.QueryRow(ctx, "SELECT extended_id FROM informix.sysxtdtypes WHERE name = ?", "rt_rh_t").Scan(&xid); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "UPDATE informix.sysattrtypes SET type = 4118, length = 2048, xtd_type_id = ? WHERE extended_id = ? AND seqno = 2", xid, xid); err != nil {
		t.Fatal(err)
	}
	var r ifxtype.Row
	err := c.QueryRow(ctx, "SELECT r FROM rt_rh").Scan(&r)
	var rte *ifx.RowTypeError
	if !errors.As(err, &rte) || !errors.Is(err, ifxtype.ErrTypeTree) || rte.TypeName != "rt_rh_t" {
		t.Errorf("hostile catalog: %v", err)
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM rt_rh").Scan(&n); err != nil || n != 1 {
		t.Fatalf("connection afterwards: %d %v", n, err)
	}
}

// A prepared Stmt's query reads the named ROW type as Query does, on a
// connection that has not read it before (or since Reset).
func TestNamedRowStmtQueryReads(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	namedRowSchema(t, c)
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := c.Prepare(ctx, "SELECT p FROM rt_rd WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	var p rdPerson
	if err := st.QueryRow(ctx, 1).Scan(&p); err != nil {
		t.Fatal(err)
	}
	if p != (rdPerson{"Ann", 41}) {
		t.Errorf("got %+v", p)
	}
}
