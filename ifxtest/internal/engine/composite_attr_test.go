package engine

import (
	"context"
	"reflect"
	"testing"
)

// sysattrtypes describes each composite type as IDS's catalog does: the
// type itself (levelno 0; a named ROW with the 0x1000 flag, as its
// columns are described; extended id 0: JDBC looks a ROW member's
// extended id up again, so its own id there makes JDBC recurse until its
// stack overflows), then its members depth-first, each naming its
// parent's seqno; a ROW's fields by name and number. JDBC reads a named
// ROW type's fields from it before binding one (its ROW bind descriptor
// repeats these rows: conformance/probes/composite, RowProbe), and its
// own collection descriptor numbers an element seqno 2, levelno 1,
// parent 1, as these rows do). LVARCHAR and BOOLEAN members keep their
// column codes (40 and 41 with extended ids 1 and 5); JDBC's descriptor
// turns them into 43 and 45.
func TestSysattrtypesDescribesCompositeTypes(t *testing.T) {
	s := compSession(t)
	exec(t, s, "create row type rab (a integer not null, b varchar(10), c lvarchar, d boolean)")
	xid := one(t, s, "select extended_id from sysxtdtypes where name = 'rab'")
	const q = "select seqno, levelno, parent_no, fieldname, fieldno, type, length, xtd_type_id from sysattrtypes where extended_id = ? order by seqno"
	want := [][]Value{
		{int64(1), int64(0), int64(0), nil, int64(0), int64(TypeRow | FlagNamedRow), int64(2048), int64(0)},
		{int64(2), int64(1), int64(1), "a", int64(1), int64(TypeInteger | FlagNotNull), int64(4), int64(0)},
		{int64(3), int64(1), int64(1), "b", int64(2), int64(TypeVarchar), int64(10), int64(0)},
		{int64(4), int64(1), int64(1), "c", int64(3), int64(TypeUDTVar), int64(2048), int64(1)},
		{int64(5), int64(1), int64(1), "d", int64(4), int64(TypeUDTFixed), int64(1), int64(5)},
	}
	if got := query(t, s, q, xid); !reflect.DeepEqual(got, want) {
		t.Errorf("rab:\n got %v\nwant %v", got, want)
	}
	exec(t, s, "create table tc (l list(row(x int, s set(smallint not null)) not null))")
	cxid := one(t, s, "select extended_id from syscolumns where colname = 'l'")
	want = [][]Value{
		{int64(1), int64(0), int64(0), nil, int64(0), int64(TypeList), int64(2048), int64(0)},
		{int64(2), int64(1), int64(1), nil, int64(0), int64(TypeRow | FlagNotNull), int64(2048), int64(0)},
		{int64(3), int64(2), int64(2), "x", int64(1), int64(TypeInteger), int64(4), int64(0)},
		{int64(4), int64(2), int64(2), "s", int64(2), int64(TypeSet), int64(2048), int64(0)},
		{int64(5), int64(3), int64(4), nil, int64(0), int64(TypeSmallint | FlagNotNull), int64(2), int64(0)},
	}
	if got := query(t, s, q, cxid); !reflect.DeepEqual(got, want) {
		t.Errorf("list(row(…)):\n got %v\nwant %v", got, want)
	}
	// A member of a named ROW type is its extended id, without the type's
	// fields: JDBC follows xtd_type_id to them (listed here as well, JDBC
	// read them twice and bound a tree of 7 entries for 5).
	exec(t, s, "create row type nouter (k int, r rab)")
	oxid := one(t, s, "select extended_id from sysxtdtypes where name = 'nouter'")
	want = [][]Value{
		{int64(1), int64(0), int64(0), nil, int64(0), int64(TypeRow | FlagNamedRow), int64(2048), int64(0)},
		{int64(2), int64(1), int64(1), "k", int64(1), int64(TypeInteger), int64(4), int64(0)},
		{int64(3), int64(1), int64(1), "r", int64(2), int64(TypeRow | FlagNamedRow), int64(2048), xid},
	}
	if got := query(t, s, q, oxid); !reflect.DeepEqual(got, want) {
		t.Errorf("nouter:\n got %v\nwant %v", got, want)
	}
	exec(t, s, "drop row type nouter restrict")
	exec(t, s, "drop row type rab restrict")
	if rows := query(t, s, "select seqno from sysattrtypes where extended_id = ?", xid); len(rows) != 0 {
		t.Errorf("%d rows left after DROP ROW TYPE", len(rows))
	}
}

// CompositeTree expands sysattrtypes as IBM JDBC expands it in a bind's
// tree: a named ROW member is followed by its own type's members, and
// carries the type's name and extended id (the server names nested ROWs
// in its binary form from it). A column of a collection of a named ROW
// type gets the same expansion.
func TestCompositeTreeExpandsNamedMembers(t *testing.T) {
	s := compSession(t)
	exec(t, s, "create row type tin (x integer, y varchar(5))")
	exec(t, s, "create row type tout (k integer, r tin)")
	exec(t, s, "create table tt (l list(tout not null))")
	inXid := int32(one(t, s, "select extended_id from sysxtdtypes where name = 'tin'").(int64))
	outXid := int32(one(t, s, "select extended_id from sysxtdtypes where name = 'tout'").(int64))
	lXid := int32(one(t, s, "select extended_id from syscolumns where colname = 'l'").(int64))
	got, err := s.CompositeTree(context.Background(), lXid)
	if err != nil {
		t.Fatal(err)
	}
	named := TypeRow | FlagNamedRow
	want := []TreeMember{
		{Type: TypeList},
		{Type: named | FlagNotNull, XID: outXid, Name: "tout"},
		{Type: TypeInteger},
		{Type: named, XID: inXid, Name: "tin"},
		{Type: TypeInteger},
		{Type: TypeVarchar},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("list(tout):\n got %+v\nwant %+v", got, want)
	}
	if got, err := s.CompositeTree(context.Background(), 99999); err != nil || len(got) != 0 {
		t.Errorf("unknown extended id: %v %v", got, err)
	}
}
