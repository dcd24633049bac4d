package ifxtest

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// The reply side of IDS's binary send/recv form (docs/PROTOCOL.md,
// "Composite types: the binary form"): any composite value, nested at any
// depth, as its type tree and its data, in the layout IBM JDBC binds
// (composite_binary.go, composite_row.go). The tree lists every member
// depth-first (seqno from 1, levelno the depth, parent_no the container's
// seqno); the data nests each composite member as JDBC nests it: i16
// length, zero padding to an 8-byte boundary of the container's data, the
// 10-byte nestedHeader, the member's own data.

// treeEntry is one entry of a type tree; its seqno is its place in the
// tree, from 1.
type treeEntry struct {
	level, parent, fieldno int
	name                   string
	typ                    int // with flags
	length                 int32
	xid                    int32
	typeName, owner        string
}

// errNoBinaryForm: ifxtest has no binary form for a member of the value
// (an element type neither sent by JDBC nor read by it).
var errNoBinaryForm = fmt.Errorf("no binary form")

// compTree appends the entries of composite column col, as a member at
// level under parent (0, 0 for the root), and of all its members.
func (c *conn) compTree(tree []treeEntry, col engine.Column, level, parent, fieldno int) ([]treeEntry, error) {
	me := len(tree) + 1
	e := treeEntry{level: level, parent: parent, fieldno: fieldno, name: col.Name}
	notNull := int(col.Type) & engine.FlagNotNull
	if level == 0 {
		// The root entry has neither name nor NOT NULL (JDBC's binds).
		e.name, notNull = "", 0
	}
	if fields, _, ok, err := engine.RowFields(col, nil); err != nil || ok {
		if err != nil {
			return tree, err
		}
		e.typ, e.length = engine.TypeRow|notNull, col.Length
		if col.Type&engine.FlagNamedRow != 0 {
			// JDBC names the Struct after the type (getSQLTypeName, its
			// type map) only when the entry's type has the named-ROW flag;
			// without it, "row ( a int , b varchar(10) )".
			e.typ |= engine.FlagNamedRow
			e.typeName, e.owner, e.xid = col.ExtendedName, "informix", col.ExtendedID
			if level == 0 {
				// The root's xtd_type_id is 0, as in sysattrtypes (the
				// type's own id there sent JDBC looking it up forever).
				e.xid = 0
			}
		}
		tree = append(tree, e)
		for i, f := range fields {
			if tree, err = c.compMember(tree, f, level+1, me, i+1, true); err != nil {
				return tree, err
			}
		}
		return tree, nil
	}
	kind, elem, _, ok, err := engine.CollectionElements(col, nil)
	if err != nil {
		return tree, err
	}
	if !ok {
		return tree, errNoBinaryForm
	}
	// A collection's entries have length 0 (JDBC numbers a collection's
	// tree itself and writes 0).
	e.typ = kind | notNull
	tree = append(tree, e)
	return c.compMember(tree, elem, level+1, me, 0, false)
}

// compMember appends the entry of a member (a ROW's field, inRow, or a
// collection's element) and, when it is composite, of its members.
func (c *conn) compMember(tree []treeEntry, m engine.Column, level, parent, fieldno int, inRow bool) ([]treeEntry, error) {
	if isCompositeColumn(m) {
		return c.compTree(tree, m, level, parent, fieldno)
	}
	e := treeEntry{level: level, parent: parent, fieldno: fieldno, name: m.Name}
	if !inRow {
		e.name = ""
		et, elen := collElemType(m)
		if form, _ := collElemForm(et, elen); form == elemUnknown {
			return tree, errNoBinaryForm
		}
		e.typ, e.length = et|engine.FlagNotNull, elen
		if et == int(sqli.TypeLVarChar) {
			// JDBC reads an LVARCHAR element described as 40 (UDTVAR)
			// with extended id 1; described as 43, the code it binds
			// with, it fails ("Type requested … doesn't match row type
			// information").
			e.typ, e.xid = int(sqli.TypeUDTVar)|engine.FlagNotNull, sqli.XIDLVarChar
		}
		return append(tree, e), nil
	}
	e.typ, e.length, e.xid = int(m.Type), m.Length, m.ExtendedID
	if m.ExtendedID == sqli.XIDBoolean {
		// JDBC reads a BOOLEAN field described as 41 (UDTFIXED) as
		// -79716, and as 45 (its own bind's code). An LVARCHAR field is
		// the reverse: 40 (UDTVAR, extended id 1) reads, 43 gets "Type
		// requested … doesn't match row type information".
		e.typ, e.length = int(sqli.TypeBool)|int(m.Type)&engine.FlagNotNull, 1
	}
	return append(tree, e), nil
}

// collElemType is the type code and encoded length a scalar element goes
// by in the binary form.
func collElemType(elem engine.Column) (et int, elen int32) {
	et, elen = int(elem.Type)&0xff, elem.Length
	switch {
	case elem.ExtendedID == sqli.XIDBoolean:
		et, elen = int(sqli.TypeBool), 1
	case elem.ExtendedID == sqli.XIDLVarChar:
		// JDBC's width for LVARCHAR elements (the column's own maximum
		// is not carried).
		et, elen = int(sqli.TypeLVarChar), 0x7fe3
	}
	switch et {
	case engine.TypeSerial:
		et = engine.TypeInteger
	case engine.TypeSerial8:
		et = engine.TypeInt8
	}
	return et, elen
}

// appendTree writes the tree's entries: a 130-byte zero prefix, then 414
// bytes an entry, names blank-padded, the count in the root's entry.
func appendTree(b []byte, tree []treeEntry) []byte {
	start := len(b)
	b = append(b, make([]byte, treeRootLen+(len(tree)-1)*treeEntryLen)...)
	for i, t := range tree {
		e := b[start+treeRootAt+i*treeEntryLen : start+treeRootAt+(i+1)*treeEntryLen]
		for _, at := range []int{14, 156, 286} {
			for j := at; j < at+128; j++ {
				e[j] = ' '
			}
		}
		if i == 0 {
			binary.BigEndian.PutUint16(e[4:], uint16(len(tree)))
		}
		binary.BigEndian.PutUint16(e[6:], uint16(i+1))
		binary.BigEndian.PutUint16(e[8:], uint16(t.level))
		binary.BigEndian.PutUint16(e[10:], uint16(t.parent))
		binary.BigEndian.PutUint16(e[12:], uint16(copy(e[14:142], t.name)))
		binary.BigEndian.PutUint16(e[142:], uint16(t.fieldno))
		binary.BigEndian.PutUint16(e[144:], uint16(t.typ))
		binary.BigEndian.PutUint16(e[146:], uint16(t.length))
		binary.BigEndian.PutUint32(e[148:], uint32(t.xid))
		if t.typeName != "" {
			binary.BigEndian.PutUint16(e[154:], uint16(copy(e[156:284], t.typeName)))
			binary.BigEndian.PutUint16(e[284:], uint16(copy(e[286:414], t.owner)))
		}
	}
	return b
}

// nameNestedRows gives the named ROW members of tree their type's name
// and extended id from the catalog's tree of the same type (the type text
// a column carries has the structure but not the names). JDBC names a
// nested Struct after the type, and builds the type map's SQLData class
// for it, only so. A catalog tree of another shape is ignored.
func nameNestedRows(tree []treeEntry, cat []engine.TreeMember) {
	if len(cat) != len(tree) {
		return
	}
	for i, m := range cat {
		if m.Type&0xff != tree[i].typ&0xff {
			return
		}
	}
	for i := 1; i < len(tree); i++ {
		if m := cat[i]; m.Name != "" && tree[i].typ&0xff == engine.TypeRow {
			tree[i].typ |= engine.FlagNamedRow
			tree[i].typeName, tree[i].owner, tree[i].xid = m.Name, "informix", m.XID
		}
	}
}

// compCatalogTree is the catalog's tree of col's type (engine.CompositeTree),
// kept by the statement; nil for a type without an extended id or when the
// catalog cannot say.
func (c *conn) compCatalogTree(st *stmt, col engine.Column) []engine.TreeMember {
	if col.ExtendedID == 0 || c.sess == nil {
		return nil
	}
	if t, ok := st.compTrees[col.ExtendedID]; ok {
		return t
	}
	t, err := c.sess.CompositeTree(context.Background(), col.ExtendedID)
	if err != nil {
		t = nil
	}
	if st.compTrees == nil {
		st.compTrees = map[int32][]engine.TreeMember{}
	}
	st.compTrees[col.ExtendedID] = t
	return t
}

// appendCompositeBinary writes composite value v of column col in the
// binary form, in the i32 envelope of a type-44 column: the tree, 10 zero
// bytes, the data's length, the flag (1, or collNull for NULL) and the
// data. errNoBinaryForm when a member has none.
func (c *conn) appendCompositeBinary(b []byte, st *stmt, col engine.Column, v engine.Value) ([]byte, error) {
	tree, err := c.compTree(nil, col, 0, 0, 0)
	if err != nil {
		return b, err
	}
	if st != nil && len(tree) > 1 {
		nameNestedRows(tree, c.compCatalogTree(st, col))
	}
	var data []byte
	if v != nil {
		if data, err = c.appendCompositeData(nil, col, v); err != nil {
			return b, err
		}
	}
	lenAt := len(b)
	b = sqli.AppendInt32(b, 0)
	b = appendTree(b, tree)
	b = append(b, make([]byte, 10)...)
	b = sqli.AppendInt32(b, int32(len(data)))
	if v == nil {
		b = sqli.AppendInt32(b, collNull)
	} else {
		b = sqli.AppendInt32(b, 1)
	}
	b = append(b, data...)
	binary.BigEndian.PutUint32(b[lenAt:], uint32(len(b)-lenAt-4))
	return b, nil
}

// appendCompositeData appends the data of a non-NULL composite value: a
// ROW's fields and their directory, or a collection's elements (and a
// directory when they are of variable width or composite).
func (c *conn) appendCompositeData(data []byte, col engine.Column, v engine.Value) ([]byte, error) {
	start := len(data)
	if fields, vals, ok, err := engine.RowFields(col, v); err != nil || ok {
		if err != nil {
			return data, err
		}
		offs := make([]int, len(fields))
		for i, f := range fields {
			offs[i] = len(data) - start
			if isCompositeColumn(f) {
				data, err = c.appendNested(data, start, f, vals[i])
			} else {
				data, err = c.appendRowField(data, f, vals[i])
			}
			if err != nil {
				return data, fmt.Errorf("field %s: %w", f.Name, err)
			}
		}
		return appendDirectory(data, offs), nil
	}
	_, elem, vals, ok, err := engine.CollectionElements(col, v)
	if err != nil {
		return data, err
	}
	if !ok {
		return data, errNoBinaryForm
	}
	var offs []int
	if isCompositeColumn(elem) {
		for _, e := range vals {
			offs = append(offs, len(data)-start)
			if data, err = c.appendNested(data, start, elem, e); err != nil {
				return data, err
			}
		}
		return appendDirectory(data, offs), nil
	}
	et, elen := collElemType(elem)
	form, _ := collElemForm(et, elen)
	for _, e := range vals {
		if form == elemFixed {
			// A fixed-width element is laid out as a column of its type
			// in a tuple (range checks included).
			if data, err = c.appendValue(data, engine.Column{Type: int16(et), Length: elen}, e); err != nil {
				return data, err
			}
			continue
		}
		var s []byte
		if et == int(sqli.TypeBool) {
			bv, isBool := e.(bool)
			if !isBool {
				return data, fmt.Errorf("boolean element holds %T", e)
			}
			s = []byte{0}
			if bv {
				s[0] = 1
			}
		} else {
			s = []byte(c.cs.encodeString(toString(e)))
		}
		offs = append(offs, len(data)-start)
		if form == elemShort {
			if len(s) > 255 {
				return data, fmt.Errorf("element of %d bytes in a VARCHAR collection", len(s))
			}
			data = append(data, byte(len(s)))
		} else {
			data = append(data, 0)
			data = sqli.AppendInt32(data, int32(len(s)))
		}
		data = append(data, s...)
	}
	return appendDirectory(data, offs), nil
}

// appendDirectory appends ff ff ff ff and the offsets, last first; nothing
// for no offsets (an empty collection, fixed-width elements).
func appendDirectory(data []byte, offs []int) []byte {
	if len(offs) == 0 {
		return data
	}
	data = sqli.AppendInt32(data, -1)
	for i := len(offs) - 1; i >= 0; i-- {
		data = sqli.AppendInt32(data, int32(offs[i]))
	}
	return data
}

// appendNested appends composite member value v at the end of its
// container's data (which starts at start): i16 length, the padding that
// puts the member's data on an 8-byte boundary of the container's data,
// nestedHeader and the member's data (the padding rule is a CHOICE, as the
// decoder's, nestedData); NULL (a ROW's field) is nestedNull.
func (c *conn) appendNested(data []byte, start int, m engine.Column, v engine.Value) ([]byte, error) {
	if v == nil {
		return append(data, nestedNull...), nil
	}
	off := len(data) - start
	pad := (8 - (off+2+len(nestedHeader))%8) % 8
	data = append(data, 0, 0)
	data = append(data, make([]byte, pad)...)
	data = append(data, nestedHeader...)
	data, err := c.appendCompositeData(data, m, v)
	if err != nil {
		return data, err
	}
	n := len(data) - start - off - 2
	if n > math.MaxUint16 {
		return data, fmt.Errorf("nested value of %d bytes, more than an i16 length holds", n)
	}
	binary.BigEndian.PutUint16(data[start+off:], uint16(n))
	return data, nil
}
