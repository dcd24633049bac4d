package ifx_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// rtPerson binds as the named ROW type rt_person.
type rtPerson struct {
	Name string
	Age  int32
}

func (rtPerson) RowTypeName() string { return "rt_person" }

// Named ROWs bind in the binary form of the type's tree, which the
// driver reads from the catalog once per connection: a Row with a
// TypeName, a struct implementing ifxtype.RowTypeNamer, a ROW with a
// ROW field, NULL fields; they read back equal.
func TestNamedRowBindsRoundTrip(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	for _, q := range []string{
		"DROP TABLE IF EXISTS rt_tab", "DROP ROW TYPE IF EXISTS rt_outer RESTRICT",
		"DROP ROW TYPE IF EXISTS rt_person RESTRICT", "DROP ROW TYPE IF EXISTS rt_in RESTRICT",
		"CREATE ROW TYPE rt_person (name VARCHAR(20), age INTEGER)",
		"CREATE ROW TYPE rt_in (x INTEGER, y VARCHAR(5))",
		"CREATE ROW TYPE rt_outer (k INT8, b BOOLEAN, v LVARCHAR, r rt_in)",
		"CREATE TABLE rt_tab (id INTEGER, p rt_person, o rt_outer)",
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	ins := "INSERT INTO rt_tab VALUES (?, ?, ?)"
	outer := ifxtype.Row{TypeName: "RT_OUTER", Fields: []ifxtype.RowField{{Value: int64(1) << 40}, {Value: true},
		{Value: "it's"}, {Value: ifxtype.Row{Fields: []ifxtype.RowField{{Value: 300000}, {Value: "xyz"}}}}}}
	if _, err := c.Exec(ctx, ins, 1, rtPerson{Name: "Ann", Age: 41}, outer); err != nil {
		t.Fatal(err)
	}
	p2 := ifxtype.Row{TypeName: "rt_person", Fields: []ifxtype.RowField{{Value: nil}, {Value: 7}}}
	if _, err := c.Exec(ctx, ins, 2, p2, nil); err != nil {
		t.Fatal(err)
	}
	var texts []string
	rows, err := c.Query(ctx, "SELECT p, o FROM rt_tab ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var p, o *string
		if err := rows.Scan(&p, &o); err != nil {
			t.Fatal(err)
		}
		for _, s := range []*string{p, o} {
			if s == nil {
				texts = append(texts, "NULL")
			} else {
				texts = append(texts, *s)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{"ROW('Ann',41         )", "ROW(1099511627776       ,t,'it''s',ROW(300000     ,'xyz'))", "ROW(NULL,7          )", "NULL"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("read back %q\nwant      %q", texts, want)
	}
}

// The bytes ifx binds for a named ROW are JDBC's: the type name, the
// binary value of jdbc15-row-binds.txt's rfx and r1i (the same types and
// values), type 44 with an empty owner; and the catalog statements are
// JDBC's two (FINDINGS §20, docs/PROTOCOL.md "sysattrtypes").
func TestNamedRowBindMatchesJDBC(t *testing.T) {
	if realServer() {
		t.Skip("compares bytes recorded by ifxtest")
	}
	want := map[string][]byte{}
	data, err := os.ReadFile("ifxtest/testdata/jdbc15-row-binds.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if parts := strings.Split(line, "|"); len(parts) == 3 {
			b, _ := hex.DecodeString(parts[2])
			want[parts[1]] = b
		}
	}
	stream := ourStream(t, func(c *ifx.Conn) {
		ctx := ctxT(t)
		for _, q := range []string{"CREATE ROW TYPE rfx (a INTEGER, f FLOAT, s SMALLINT)", "CREATE ROW TYPE r1i (i INT8, z INTEGER)",
			"CREATE TABLE rp (id INTEGER, a rfx, b r1i)"} {
			if _, err := c.Exec(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		for range 2 {
			if _, err := c.Exec(ctx, "INSERT INTO rp VALUES (?, ?, ?)", 1,
				ifxtype.Row{TypeName: "rfx", Fields: []ifxtype.RowField{{Value: int32(1)}, {Value: 2.5}, {Value: int16(3)}}},
				ifxtype.Row{TypeName: "r1i", Fields: []ifxtype.RowField{{Value: int64(9)}, {Value: int32(1)}}}); err != nil {
				t.Fatal(err)
			}
		}
	})
	binds := bindsIn(t, stream)
	var found bool
	for _, b := range binds {
		if len(b.Values) != 3 {
			continue
		}
		found = true
		for i, name := range []string{"rfx", "r1i"} {
			v := b.Values[i+1]
			if v.Type != sqli.TypeSendRecv || v.Owner != "" || v.TypeName != name || v.Indicator != 0 || v.Prec != 0 ||
				len(v.Data) < 4 || !bytes.Equal(v.Data[4:], want[name]) {
				t.Errorf("%s: type %d owner %q name %q, value equal to JDBC's: %v", name, v.Type, v.Owner, v.TypeName,
					len(v.Data) >= 4 && bytes.Equal(v.Data[4:], want[name]))
			}
		}
	}
	if !found {
		t.Fatal("the INSERT's SQ_BIND not found")
	}
	for _, q := range []string{"from informix.sysxtdtypes where mode in ('R','B','D','C','T') and name like ?",
		"from informix.sysattrtypes where extended_id = ? order by seqno"} {
		if !bytes.Contains(stream, []byte(q)) {
			t.Errorf("no statement with %q", q)
		}
	}
	// Two catalog statements per type, one bound value each; the second
	// INSERT reads nothing again.
	lookups := 0
	for _, b := range binds {
		if len(b.Values) == 1 {
			lookups++
		}
	}
	if lookups != 4 {
		t.Errorf("%d catalog lookups for 2 types and 2 INSERTs, want 4", lookups)
	}
}

// A named ROW whose type does not exist, or bound where the driver
// cannot read the catalog first, is a *ifx.RowTypeError before anything
// is sent, and the connection stays usable.
func TestNamedRowTypeErrors(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "rt_err", "id INTEGER")
	_, err := c.Exec(ctx, "INSERT INTO rt_err VALUES (?)", ifxtype.Row{TypeName: "rt_nosuch", Fields: []ifxtype.RowField{{Value: 1}}})
	var rte *ifx.RowTypeError
	if !errors.As(err, &rte) || !errors.Is(err, ifx.ErrRowTypeNotFound) || rte.TypeName != "rt_nosuch" {
		t.Errorf("unknown type: %v", err)
	}
	st, err := c.Prepare(ctx, "INSERT INTO rt_err VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	if _, err := st.Exec(ctx, ifxtype.Row{TypeName: "rt_never", Fields: []ifxtype.RowField{{Value: 1}}}); !errors.Is(err, ifx.ErrRowTypeNotLoaded) {
		t.Errorf("a Stmt with a type not loaded: %v", err)
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM rt_err").Scan(&n); err != nil || n != 0 {
		t.Fatalf("connection afterwards: %d %v", n, err)
	}
}

// The catalog's answer for a named ROW type is untrusted: rows that make
// a tree too deep, too large, with a type the binary form has no layout
// for, out of order, or a type containing itself are a *ifx.RowTypeError
// wrapping ifxtype.ErrTypeTree before the statement is sent, and the
// connection stays usable. (ifxtest lets a client rewrite its catalog.)
func TestNamedRowHostileCatalog(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "rt_host", "id INTEGER")
	xidOf := func(name string) int {
		var x int
		if err := c.QueryRow(ctx, "SELECT extended_id FROM informix.sysxtdtypes WHERE name = ?", name).Scan(&x); err != nil {
			t.Fatal(err)
		}
		return x
	}
	attr := "INSERT INTO informix.sysattrtypes (extended_id, seqno, levelno, parent_no, fieldname, fieldno, type, length, xtd_type_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
	for _, tc := range []struct {
		name    string
		corrupt func(xid int)
	}{
		{"rt_h_deep", func(xid int) {
			for i := 3; i < 3+ifxtype.MaxTreeDepth+2; i++ {
				if _, err := c.Exec(ctx, attr, xid, i, i-1, i-1, "d", 1, 0x1016, 2048, 0); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"rt_h_many", func(xid int) {
			for i := 3; i < 3+ifxtype.MaxTreeNodes; i++ {
				if _, err := c.Exec(ctx, attr, xid, i, 1, 1, "m", i-1, 2, 4, 0); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"rt_h_byte", func(xid int) {
			if _, err := c.Exec(ctx, "UPDATE informix.sysattrtypes SET type = 11 WHERE extended_id = ? AND seqno = 2", xid); err != nil {
				t.Fatal(err)
			}
		}},
		{"rt_h_order", func(xid int) {
			if _, err := c.Exec(ctx, "UPDATE informix.sysattrtypes SET levelno = 3 WHERE extended_id = ? AND seqno = 2", xid); err != nil {
				t.Fatal(err)
			}
		}},
		{"rt_h_self", func(xid int) {
			if _, err := c.Exec(ctx, "UPDATE informix.sysattrtypes SET type = 4118, length = 2048, xtd_type_id = ? WHERE extended_id = ? AND seqno = 2", xid, xid); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		if _, err := c.Exec(ctx, "DROP ROW TYPE IF EXISTS "+tc.name+" RESTRICT"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, "CREATE ROW TYPE "+tc.name+" (a INTEGER)"); err != nil {
			t.Fatal(err)
		}
		tc.corrupt(xidOf(tc.name))
		_, err := c.Exec(ctx, "INSERT INTO rt_host VALUES (?)", ifxtype.Row{TypeName: tc.name, Fields: []ifxtype.RowField{{Value: 1}}})
		var rte *ifx.RowTypeError
		if !errors.As(err, &rte) || !errors.Is(err, ifxtype.ErrTypeTree) {
			t.Errorf("%s: %v", tc.name, err)
		}
		var n int
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM rt_host").Scan(&n); err != nil || n != 0 {
			t.Fatalf("%s: connection afterwards: %d %v", tc.name, n, err)
		}
	}
}

// A server error on a statement that bound a named ROW, or a value that
// does not fit the type's tree, drops the tree: the next call reads the
// catalog again (the type may have been dropped and created anew);
// Reset drops them all.
func TestNamedRowTypeForgottenAfterServerError(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	for _, q := range []string{"DROP TABLE IF EXISTS rt_f", "DROP ROW TYPE IF EXISTS rt_fp RESTRICT",
		"CREATE ROW TYPE rt_fp (a INTEGER)", "CREATE TABLE rt_f (id INTEGER, r rt_fp)"} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	row := ifxtype.Row{TypeName: "rt_fp", Fields: []ifxtype.RowField{{Value: 1}}}
	if _, err := c.Exec(ctx, "INSERT INTO rt_f VALUES (1, ?)", row); err != nil {
		t.Fatal(err)
	}
	// The type changes under the connection: its cached tree is stale.
	for _, q := range []string{"DROP TABLE rt_f", "DROP ROW TYPE rt_fp RESTRICT",
		"CREATE ROW TYPE rt_fp (a INTEGER, b VARCHAR(5))", "CREATE TABLE rt_f (id INTEGER, r rt_fp)"} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	row2 := ifxtype.Row{TypeName: "rt_fp", Fields: []ifxtype.RowField{{Value: 1}, {Value: "x"}}}
	_, err := c.Exec(ctx, "INSERT INTO rt_f VALUES (2, ?)", row2)
	if err == nil {
		t.Fatal("a ROW of 2 fields bound with the stale 1-field tree was accepted")
	}
	if _, err := c.Exec(ctx, "INSERT INTO rt_f VALUES (2, ?)", row2); err != nil {
		t.Fatalf("after the server error the tree is read again: %v", err)
	}
	if _, err := c.Exec(ctx, "DROP TABLE rt_f"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "DROP ROW TYPE rt_fp RESTRICT"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "CREATE ROW TYPE rt_fp (a INTEGER, b VARCHAR(5), c INTEGER)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "CREATE TABLE rt_f (id INTEGER, r rt_fp)"); err != nil {
		t.Fatal(err)
	}
	if err := c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	row3 := ifxtype.Row{TypeName: "rt_fp", Fields: []ifxtype.RowField{{Value: 1}, {Value: "x"}, {Value: 3}}}
	if _, err := c.Exec(ctx, "INSERT INTO rt_f VALUES (3, ?)", row3); err != nil {
		t.Fatalf("after Reset the tree is read again: %v", err)
	}
}
