package ifxtype

import (
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// A named ROW type's tree comes from the server's catalog, one
// informix.sysattrtypes row per node (docs/PROTOCOL.md, "sysattrtypes"),
// as IBM JDBC reads it before binding the type. The rows are the
// server's answer, so they are checked as untrusted input: bounded in
// number and depth, numbered depth first, every type one the binary form
// has a layout for.

// AttrRow is one informix.sysattrtypes row of a type.
type AttrRow struct {
	Seqno, Levelno, ParentNo int
	FieldName                string
	FieldNo                  int
	Type                     int16 // type code with flags
	Length                   int16
	XID                      int32 // xtd_type_id
}

// ErrTypeTree reports catalog rows that do not make a type tree the
// driver can bind with. The error text says which row and why.
var ErrTypeTree = errors.New("ifxtype: bad type tree")

// TreeFromAttrRows builds a named ROW type's tree from its sysattrtypes
// rows (ordered by seqno), with the type's name and owner on the root.
// LVARCHAR and BOOLEAN members the catalog gives as 40/41 with extended
// ids 1 and 5 become 43 and 45, their ids kept, as JDBC writes them.
func TreeFromAttrRows(rows []AttrRow, name, owner string) (*TypeNode, error) {
	bad := func(i int, format string, args ...any) error {
		return fmt.Errorf("%w: type %q, sysattrtypes row %d: %s", ErrTypeTree, name, i+1, fmt.Sprintf(format, args...))
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w: type %q has no sysattrtypes rows", ErrTypeTree, name)
	}
	if len(rows) > MaxTreeNodes {
		return nil, fmt.Errorf("%w: type %q has %d sysattrtypes rows, more than %d", ErrTypeTree, name, len(rows), MaxTreeNodes)
	}
	if len(name) > treeNameMax || len(owner) > treeNameMax {
		return nil, fmt.Errorf("%w: type name or owner longer than %d bytes", ErrTypeTree, treeNameMax)
	}
	nodes := make([]*TypeNode, len(rows))
	levels := make([]int, len(rows))
	for i, r := range rows {
		if r.Seqno != i+1 {
			return nil, bad(i, "seqno %d", r.Seqno)
		}
		if len(r.FieldName) > treeNameMax {
			return nil, bad(i, "field name of %d bytes", len(r.FieldName))
		}
		n := &TypeNode{FieldName: r.FieldName, Type: r.Type, Length: r.Length, XID: r.XID}
		base := sqli.TypeCode(r.Type & 0xff)
		switch {
		case base == sqli.TypeUDTVar && r.XID == sqli.XIDLVarChar:
			n.Type = r.Type&^0xff | int16(sqli.TypeLVarChar)
		case base == sqli.TypeUDTFixed && r.XID == sqli.XIDBoolean:
			n.Type = r.Type&^0xff | int16(sqli.TypeBool)
		case !binaryFormType(base):
			return nil, bad(i, "type %#x has no binary form", uint16(r.Type))
		}
		nodes[i] = n
		if i == 0 {
			if r.Levelno != 0 || r.ParentNo != 0 || base != sqli.TypeRow {
				return nil, bad(i, "root of type %#x at level %d under %d, not a ROW", uint16(r.Type), r.Levelno, r.ParentNo)
			}
			n.TypeName, n.Owner = name, owner
			continue
		}
		p := r.ParentNo - 1
		if p < 0 || p >= i {
			return nil, bad(i, "parent_no %d", r.ParentNo)
		}
		pb := nodeBase(nodes[p])
		if pb != sqli.TypeRow && !isCollectionCode(pb) {
			return nil, bad(i, "parent %d of type %#x is not composite", r.ParentNo, uint16(nodes[p].Type))
		}
		if r.Levelno != levels[p]+1 || r.Levelno > MaxTreeDepth {
			return nil, bad(i, "levelno %d under a parent at level %d (at most %d)", r.Levelno, levels[p], MaxTreeDepth)
		}
		levels[i] = r.Levelno
		nodes[p].Members = append(nodes[p].Members, n)
	}
	// Depth first, as appendTypeTree numbers the entries: the rows'
	// order must be the walk's, so that the tree says what the catalog
	// says.
	next := 0
	var walk func(n *TypeNode) error
	walk = func(n *TypeNode) error {
		if nodes[next] != n {
			return bad(next, "not in depth-first order")
		}
		next++
		b := nodeBase(n)
		switch {
		case isCollectionCode(b) && len(n.Members) != 1:
			return bad(next-1, "a collection with %d element types", len(n.Members))
		case b == sqli.TypeRow && len(n.Members) == 0 && !n.NamedRef():
			return bad(next-1, "a ROW without fields")
		}
		for _, m := range n.Members {
			if err := walk(m); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(nodes[0]); err != nil {
		return nil, err
	}
	return nodes[0], nil
}

// NamedRef reports whether n is a member of a named ROW type whose
// fields the catalog keeps under that type's own extended id (n.XID):
// a ROW with the named flag, an extended id and no members of its own.
// The driver reads those from the catalog too, as JDBC does, and puts
// them in (ResolveTree).
func (n *TypeNode) NamedRef() bool {
	return nodeBase(n) == sqli.TypeRow && n.Type&int16(sqli.TypeNamed) != 0 && n.XID > 0 && len(n.Members) == 0
}

// ResolveTree fills in the fields of every NamedRef member of root with
// the members of the tree load returns for its extended id, recursively,
// and checks the whole: at most MaxTreeNodes entries and MaxTreeDepth
// levels, a type that contains itself refused.
func ResolveTree(root *TypeNode, load func(xid int32) (*TypeNode, error)) error {
	count := 0
	var walk func(n *TypeNode, depth int, chain []int32) error
	walk = func(n *TypeNode, depth int, chain []int32) error {
		count++
		if count > MaxTreeNodes {
			return fmt.Errorf("%w: type %q has more than %d entries", ErrTypeTree, root.TypeName, MaxTreeNodes)
		}
		if depth > MaxTreeDepth {
			return fmt.Errorf("%w: type %q is nested deeper than %d levels", ErrTypeTree, root.TypeName, MaxTreeDepth)
		}
		if n.NamedRef() {
			for _, x := range chain {
				if x == n.XID {
					return fmt.Errorf("%w: type %q contains type %d within itself", ErrTypeTree, root.TypeName, n.XID)
				}
			}
			sub, err := load(n.XID)
			if err != nil {
				return err
			}
			if len(sub.Members) == 0 {
				return fmt.Errorf("%w: type %d has no fields", ErrTypeTree, n.XID)
			}
			n.Members = sub.Members
			chain = append(chain, n.XID)
		}
		for _, m := range n.Members {
			if err := walk(m, depth+1, chain); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root, 0, nil)
}

// binaryFormType reports whether members of type t have a layout in the
// binary form (AppendCompositeData).
func binaryFormType(t sqli.TypeCode) bool {
	switch t {
	case sqli.TypeChar, sqli.TypeSmallInt, sqli.TypeInt, sqli.TypeFloat, sqli.TypeSmallFloat,
		sqli.TypeDecimal, sqli.TypeSerial, sqli.TypeDate, sqli.TypeMoney, sqli.TypeDateTime,
		sqli.TypeVarChar, sqli.TypeInterval, sqli.TypeNChar, sqli.TypeNVarChar, sqli.TypeInt8,
		sqli.TypeSerial8, sqli.TypeSet, sqli.TypeMultiset, sqli.TypeList, sqli.TypeRow,
		sqli.TypeLVarChar, sqli.TypeBool, sqli.TypeBigInt, sqli.TypeBigSerial:
		return true
	}
	return false
}
