package ifxtest

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// A ROW in IDS's binary send/recv form (docs/PROTOCOL.md, "Composite
// types: the binary form"), worked out from the bytes IBM JDBC 15.0.0.1.1
// binds for a named ROW type through SQLData (conformance/probes/composite,
// RowProbe; testdata/jdbc15-row-binds.txt). The value starts with the
// type's tree, one 414-byte entry per sysattrtypes row (the type itself,
// then each member), the first entry after a 130-byte prefix; the 958-byte
// collection descriptor is the case of a collection and its element:
//
//	prefix  130 zero bytes
//	entry   i16 at +4 the number of entries (the root entry only),
//	        i16 at +6 seqno, +8 levelno, +10 parent_no, i16 at +12 and
//	        128 bytes at +14 the field name, i16 at +142 fieldno, +144
//	        type (with flags: 0x100 NOT NULL, 0x1000 a named ROW), +146
//	        length, i32 at +148 extended id, i16 at +154 and 128 bytes at
//	        +156 the type's name, i16 at +284 and 128 bytes at +286 its
//	        owner; names blank-padded
//
// then 10 zero bytes, i32 data length, i32 flag (1, or 0x80000000 for a
// NULL value) and the data: a ROW's fields back to back, each in its
// element form, then ff ff ff ff and every field's offset, last first.
const (
	treeRootLen  = 130 + treeEntryLen
	treeEntryLen = 414
	treeCountAt  = 134
	treeRootAt   = 130              // the root entry
	treeLenAt    = treeRootAt + 146 // the root's length
)

// treeMember is one member entry of a type tree.
type treeMember struct {
	seq, level, parent int
	name               string
	typ                int // type code with flags
	length             int32
	xid                int32
}

// isRowBinary reports whether a type-44 bind value is a type tree whose
// root is a ROW.
func isRowBinary(b []byte) bool {
	return len(b) >= treeRootLen && binary.BigEndian.Uint16(b[collKindAt:]) == 0 &&
		binary.BigEndian.Uint16(b[collKindAt+2:])&0xff == engine.TypeRow
}

// parseTypeTree reads the descriptor's entries; it returns the members
// and the offset of the bytes after the descriptor.
func parseTypeTree(b []byte) ([]treeMember, int, error) {
	n := int(int16(binary.BigEndian.Uint16(b[treeCountAt:])))
	if n < 1 || n > (len(b)-treeRootLen)/treeEntryLen+1 {
		return nil, 0, fmt.Errorf("descriptor of %d entries in %d bytes", n, len(b))
	}
	ms := make([]treeMember, 0, n-1)
	for i := 0; i < n-1; i++ {
		e := b[treeRootLen+i*treeEntryLen:]
		nl := int(binary.BigEndian.Uint16(e[12:]))
		if nl > 128 {
			return nil, 0, fmt.Errorf("member %d: name of %d bytes", i+1, nl)
		}
		ms = append(ms, treeMember{
			seq: int(int16(binary.BigEndian.Uint16(e[6:]))), level: int(int16(binary.BigEndian.Uint16(e[8:]))),
			parent: int(int16(binary.BigEndian.Uint16(e[10:]))), name: string(e[14 : 14+nl]),
			typ: int(binary.BigEndian.Uint16(e[144:])), length: int32(binary.BigEndian.Uint16(e[146:])),
			xid: int32(binary.BigEndian.Uint32(e[148:])),
		})
	}
	return ms, treeRootLen + (n-1)*treeEntryLen, nil
}

// bindRow decodes a bound ROW in the binary form into the ROW's text
// ("ROW(7,'xy')"), which the engine casts to the column's type as it does
// a bound ROW text. A value ifxtest cannot read is -1260.
func (c *conn) bindRow(payload []byte) (engine.Value, error) {
	s, null, err := c.decodeRowBinary(payload)
	if err != nil {
		return nil, &engine.Error{SQLCode: -1260, Message: "ROW in binary form: " + err.Error()}
	}
	if null {
		return nil, nil
	}
	return s, nil
}

func (c *conn) decodeRowBinary(b []byte) (text string, null bool, err error) {
	return c.decodeTreeBinary(b)
}

// nestedHeader is the header of a composite value nested in another (a
// collection's element, a ROW's field), after its i16 length and padding:
// the same 10 bytes in all of JDBC's nested binds.
var nestedHeader = []byte{0, 0, 0, 0, 0, 1, 0, 0, 0, 0}

// nestedNull is a NULL composite value nested in a ROW: an i16 length of 1
// and the indicator 1, as JDBC binds a NULL ROW field of a named ROW type.
var nestedNull = []byte{0, 1, 1}

// maxTreeDepth bounds the nesting ifxtest reads.
const maxTreeDepth = 32

// typeTree is a parsed descriptor: the root and its members by parent.
type typeTree struct {
	root treeMember
	kids map[int][]treeMember
}

// decodeTreeBinary reads any value in the binary form (a ROW, or a
// collection whose elements are composite) into its text, by the type
// tree the value carries.
func (c *conn) decodeTreeBinary(b []byte) (text string, null bool, err error) {
	ms, at, err := parseTypeTree(b)
	if err != nil {
		return "", false, err
	}
	if len(b) < at+18 {
		return "", false, fmt.Errorf("%d bytes, shorter than the %d-byte header", len(b), at+18)
	}
	n := int(int32(binary.BigEndian.Uint32(b[at+10:])))
	flag := int32(binary.BigEndian.Uint32(b[at+14:]))
	data := b[at+18:]
	if n < 0 || n != len(data) {
		return "", false, fmt.Errorf("data of %d bytes, %d bytes follow", n, len(data))
	}
	if flag == collNull {
		return "", true, nil
	}
	t := typeTree{root: treeMember{seq: 1, typ: int(binary.BigEndian.Uint16(b[collKindAt+2:])),
		length: int32(binary.BigEndian.Uint16(b[treeLenAt:]))}, kids: map[int][]treeMember{}}
	level := map[int]int{1: 0}
	for i, m := range ms {
		pl, ok := level[m.parent]
		if m.seq != i+2 || !ok || m.level != pl+1 || m.level > maxTreeDepth {
			return "", false, fmt.Errorf("member %d: seqno %d, levelno %d under %d", i+1, m.seq, m.level, m.parent)
		}
		level[m.seq] = m.level
		t.kids[m.parent] = append(t.kids[m.parent], m)
	}
	s, err := c.nodeText(t, t.root, data)
	if err != nil {
		return "", false, err
	}
	return s, false, nil
}

// elemCode is the code an element of type typ (with flags) and extended
// id xid is read by: ifxtest describes LVARCHAR elements as 40 (UDTVAR)
// with extended id 1 and BOOLEAN ones as 45, JDBC binds 43 and 45.
func elemCode(typ int, xid int32) int {
	switch {
	case typ&0xff == int(sqli.TypeUDTVar) && xid == sqli.XIDLVarChar:
		return int(sqli.TypeLVarChar)
	case typ&0xff == int(sqli.TypeUDTFixed) && xid == sqli.XIDBoolean:
		return int(sqli.TypeBool)
	}
	return typ & 0xff
}

func isCompositeCode(typ int) bool {
	switch typ & 0xff {
	case engine.TypeSet, engine.TypeMultiset, engine.TypeList, engine.TypeRow:
		return true
	}
	return false
}

// nodeText reads the data of composite node n: a ROW's fields, each bounded
// by the directory, or a collection's elements.
func (c *conn) nodeText(t typeTree, n treeMember, data []byte) (string, error) {
	kids := t.kids[n.seq]
	if n.typ&0xff != engine.TypeRow {
		kw := map[int]string{engine.TypeSet: "SET", engine.TypeMultiset: "MULTISET", engine.TypeList: "LIST"}[n.typ&0xff]
		if kw == "" || len(kids) != 1 {
			return "", fmt.Errorf("member %d: type %#x with %d members", n.seq, n.typ, len(kids))
		}
		e := kids[0]
		var elems []string
		var err error
		if isCompositeCode(e.typ) {
			elems, err = c.nestedElemsText(t, e, data)
		} else {
			elems, err = c.collElemsText(elemCode(e.typ, e.xid), e.length, data)
		}
		if err != nil {
			return "", err
		}
		return kw + "{" + strings.Join(elems, ",") + "}", nil
	}
	if len(kids) == 0 {
		return "", fmt.Errorf("ROW member %d without fields", n.seq)
	}
	// The directory: ff ff ff ff and one offset per field, last first.
	dirAt := len(data) - 4 - 4*len(kids)
	if dirAt < 0 || binary.BigEndian.Uint32(data[dirAt:]) != collDirMarker {
		return "", fmt.Errorf("no field directory for %d fields", len(kids))
	}
	offs := make([]int, len(kids)+1)
	for i := range kids {
		offs[i] = int(binary.BigEndian.Uint32(data[dirAt+4+4*(len(kids)-1-i):]))
	}
	offs[len(kids)] = dirAt
	parts := make([]string, len(kids))
	for i, f := range kids {
		if offs[i] < 0 || offs[i] > offs[i+1] {
			return "", fmt.Errorf("field %q at offset %d, next at %d", f.name, offs[i], offs[i+1])
		}
		fb := data[offs[i]:offs[i+1]]
		var s string
		var err error
		if isCompositeCode(f.typ) && string(fb) == string(nestedNull) {
			s = "NULL"
		} else if isCompositeCode(f.typ) {
			var inner []byte
			if inner, err = nestedData(fb, offs[i]); err == nil {
				s, err = c.nodeText(t, f, inner)
			}
		} else {
			s, err = c.fieldText(f.typ&0xff, f.xid, f.length, fb)
		}
		if err != nil {
			return "", fmt.Errorf("field %q: %w", f.name, err)
		}
		parts[i] = s
	}
	return "ROW(" + strings.Join(parts, ",") + ")", nil
}

// nestedElemsText reads a collection's composite elements: each an i16
// length and that many bytes, then the directory of their offsets, last
// first.
func (c *conn) nestedElemsText(t typeTree, e treeMember, data []byte) ([]string, error) {
	var elems []string
	var offs []int
	off := 0
	for len(data) > 0 && (off+4 > len(data) || binary.BigEndian.Uint32(data[off:]) != collDirMarker) {
		if off+2 > len(data) {
			return nil, fmt.Errorf("element at %d cut short", off)
		}
		l := int(binary.BigEndian.Uint16(data[off:]))
		if l > len(data)-off-2 {
			return nil, fmt.Errorf("element at %d of length %d", off, l)
		}
		inner, err := nestedData(data[off:off+2+l], off)
		if err != nil {
			return nil, err
		}
		s, err := c.nodeText(t, e, inner)
		if err != nil {
			return nil, err
		}
		offs = append(offs, off)
		elems = append(elems, s)
		off += 2 + l
	}
	if len(data) == 0 {
		return nil, nil
	}
	dir := data[off+4:]
	if len(dir) != 4*len(offs) {
		return nil, fmt.Errorf("element directory of %d bytes for %d elements", len(dir), len(offs))
	}
	for i, want := range offs {
		if got := int(binary.BigEndian.Uint32(dir[4*(len(offs)-1-i):])); got != want {
			return nil, fmt.Errorf("element directory names offset %d, element %d is at %d", got, i, want)
		}
	}
	return elems, nil
}

// nestedData returns the data of a nested composite value that starts at
// offset off of its container's data: i16 length, zero padding that puts
// the nested data on an 8-byte boundary of the container's data, the
// 10-byte nestedHeader, the data. CHOICE from JDBC's five nested binds,
// where the padding was 4 bytes at offset 0 and none at offsets 4 and 28.
func nestedData(b []byte, off int) ([]byte, error) {
	if len(b) < 2 {
		return nil, fmt.Errorf("nested value of %d bytes", len(b))
	}
	l := int(binary.BigEndian.Uint16(b))
	pad := (8 - (off+2+len(nestedHeader))%8) % 8
	if l != len(b)-2 || l < pad+len(nestedHeader) {
		return nil, fmt.Errorf("nested value of length %d in %d bytes", l, len(b)-2)
	}
	for _, x := range b[2 : 2+pad] {
		if x != 0 {
			return nil, fmt.Errorf("nested value padding % x", b[2:2+pad])
		}
	}
	if h := b[2+pad : 2+pad+len(nestedHeader)]; string(h) != string(nestedHeader) {
		return nil, fmt.Errorf("nested value header % x", h)
	}
	return b[2+pad+len(nestedHeader):], nil
}

// fieldText is the composite-text form of one ROW field in its binary
// form, "NULL" for the type's NULL form. b may run past the value (JDBC
// pads a VARCHAR field to the type's maximum); the directory bounds it.
func (c *conn) fieldText(t int, xid, length int32, b []byte) (string, error) {
	need := func(n int) error {
		if len(b) < n {
			return fmt.Errorf("type %d in %d bytes", t, len(b))
		}
		return nil
	}
	switch {
	case t == int(sqli.TypeBool) || (t == int(sqli.TypeUDTFixed) && xid == sqli.XIDBoolean),
		t == int(sqli.TypeLVarChar) || (t == int(sqli.TypeUDTVar) && xid == sqli.XIDLVarChar):
		if err := need(5); err != nil {
			return "", err
		}
		if b[0] != 0 {
			return "NULL", nil
		}
		n := int(int32(binary.BigEndian.Uint32(b[1:])))
		if n < 0 || n > len(b)-5 {
			return "", fmt.Errorf("value of length %d in %d bytes", n, len(b)-5)
		}
		v := b[5 : 5+n]
		if t == int(sqli.TypeBool) || xid == sqli.XIDBoolean {
			if len(v) != 1 || v[0] > 1 {
				return "", fmt.Errorf("boolean % x", v)
			}
			return map[byte]string{0: "'f'", 1: "'t'"}[v[0]], nil
		}
		return quoteElem(c.cs.decodeString(cString(v))), nil
	case t == engine.TypeVarchar || t == engine.TypeNvarchar:
		if err := need(1); err != nil {
			return "", err
		}
		n := int(b[0])
		if n > len(b)-1 {
			return "", fmt.Errorf("VARCHAR of length %d in %d bytes", n, len(b)-1)
		}
		if n == 1 && b[1] == 0 {
			return "NULL", nil
		}
		return quoteElem(c.cs.decodeString(cString(b[1 : 1+n]))), nil
	case t == engine.TypeSmallint:
		if err := need(2); err != nil {
			return "", err
		}
		if int16(binary.BigEndian.Uint16(b)) == math.MinInt16 {
			return "NULL", nil
		}
	case t == engine.TypeInteger || t == engine.TypeDate:
		if err := need(4); err != nil {
			return "", err
		}
		if int32(binary.BigEndian.Uint32(b)) == math.MinInt32 {
			return "NULL", nil
		}
	case t == engine.TypeFloat:
		if err := need(8); err != nil {
			return "", err
		}
	case t == engine.TypeSmallfloat:
		if err := need(4); err != nil {
			return "", err
		}
		return strconv.FormatFloat(float64(math.Float32frombits(binary.BigEndian.Uint32(b))), 'g', -1, 32), nil
	case t == engine.TypeBigint && len(b) == 8:
		v := int64(binary.BigEndian.Uint64(b))
		if v == math.MinInt64 {
			return "NULL", nil
		}
		return strconv.FormatInt(v, 10), nil
	case t == engine.TypeInt8 || t == engine.TypeBigint:
		// JDBC binds a BIGINT field in INT8's 10-byte form (a Java long);
		// the directory tells the two apart.
		if err := need(10); err != nil {
			return "", err
		}
		v, null, err := sqli.DecodeLongInt(b[:10])
		if err != nil {
			return "", err
		}
		if null {
			return "NULL", nil
		}
		return strconv.FormatInt(v, 10), nil
	case t == engine.TypeDecimal || t == engine.TypeMoney:
		v, null, err := ifxtype.DecodeDecimalWire(b)
		if err != nil {
			return "", err
		}
		if null {
			return "NULL", nil
		}
		return v.String(), nil
	case t == engine.TypeDatetime:
		q := ifxtype.Qualifier(length)
		v, null, err := ifxtype.DecodeDateTimeWire(truncateDigits(b, 10-q.End()), q)
		if err != nil {
			return "", err
		}
		if null {
			return "NULL", nil
		}
		return quoteElem(v.String()), nil
	case t == engine.TypeChar || t == engine.TypeNchar:
		if len(b) > 0 && b[0] == 0 {
			return "NULL", nil
		}
	}
	form, width := collElemForm(t, length)
	if form != elemFixed {
		return "", fmt.Errorf("field type %d", t)
	}
	if len(b) < width {
		return "", fmt.Errorf("type %d in %d bytes", t, len(b))
	}
	return c.collElemText(t, length, b[:width])
}

// appendRowField writes one ROW field as JDBC binds it: LVARCHAR and
// BOOLEAN as u8 indicator, i32 length and bytes, every other type as in a
// tuple. A BIGINT field is 8 bytes: JDBC binds a Java long in INT8's
// 10-byte form, but reads a BIGINT field in INT8's form as garbage
// (12345678901 came back as 527611435745280).
func (c *conn) appendRowField(b []byte, f engine.Column, v engine.Value) ([]byte, error) {
	t := int(f.Type) & 0xff
	switch {
	case f.ExtendedID == sqli.XIDBoolean || f.ExtendedID == sqli.XIDLVarChar:
		if v == nil && f.ExtendedID == sqli.XIDBoolean {
			// JDBC binds a NULL BOOLEAN field as 01 00 00 00 00 but reads
			// one byte more, whatever the directory says: sent so, the
			// fields after it read shifted (a NULL BIGINT as 128).
			return append(b, 1, 0, 0, 0, 0, 0), nil
		}
		if v == nil {
			return append(b, 1, 0, 0, 0, 0), nil
		}
		var s []byte
		if f.ExtendedID == sqli.XIDBoolean {
			bv, isBool := v.(bool)
			if !isBool {
				return b, fmt.Errorf("boolean field holds %T", v)
			}
			s = []byte{0}
			if bv {
				s[0] = 1
			}
		} else {
			s = []byte(c.cs.encodeString(toString(v)))
		}
		b = append(b, 0)
		b = sqli.AppendInt32(b, int32(len(s)))
		return append(b, s...), nil
	case t == engine.TypeSerial8:
		f.Type = engine.TypeInt8
	case t == engine.TypeBigserial:
		f.Type = engine.TypeBigint
	case t == engine.TypeSerial:
		f.Type = engine.TypeInteger
	}
	return c.appendValue(b, f, v)
}
