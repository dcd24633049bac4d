package ifxtype

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// IDS's binary send/recv form of a composite value, the form IBM JDBC
// binds collections and named ROWs in (type 44, SQLSENDRECV;
// docs/PROTOCOL.md, "Composite types: the binary form"):
//
//	tree      130 zero bytes, then one 414-byte entry per node of the
//	          type's tree, depth first (the type, then its members)
//	          10 zero bytes
//	i32       data length
//	i32       flag: 1, or 0x80000000 for NULL
//	data      the elements or fields (AppendCompositeData)
//
// The layout is the one ifxtest decodes (ifxtest/composite_binary.go,
// composite_row.go); JDBC's bytes for 40 values are the golden tests'
// reference (composite_binary_test.go).

// TypeNode is one node of a composite type's tree, one sysattrtypes row:
// the root (the type itself), a collection's element or a ROW's field,
// with its own members when it is composite.
type TypeNode struct {
	FieldName string // a ROW field's name; "" for the root and elements
	Type      int16  // type code with flags (0x100 NOT NULL, 0x1000 named ROW)
	Length    int16  // encoded length (a DATETIME's qualifier, DECIMAL's precision and scale)
	XID       int32  // extended id (1 LVARCHAR, 5 BOOLEAN, a named ROW's id)
	TypeName  string // a named ROW's name
	Owner     string // a named ROW's owner
	Members   []*TypeNode
}

// Layout of the tree (docs/PROTOCOL.md, "The type tree").
const (
	treePrefixLen = 130
	treeEntryLen  = 414
	treeNameMax   = 128
	binHeaderTail = 10 + 4 + 4 // zero bytes, data length, flag
	binFlagValue  = 1
)

// nestedHeader is the 10 bytes before a nested value's data, the same
// in all of JDBC's nested binds (meaning not known).
var nestedHeader = [10]byte{0, 0, 0, 0, 0, 1, 0, 0, 0, 0}

// ErrCompositeBinary reports a value that cannot be written in the
// binary form for its type tree (a wrong Go type for a field, a string
// too long for its CHAR field, a tree that is too large).
var ErrCompositeBinary = errors.New("ifxtype: composite value in binary form")

// MaxTreeNodes bounds the entries of a type tree; MaxTreeDepth its depth.
// Trees come from the catalog (named ROWs) or from Go values.
const (
	MaxTreeNodes = 1024
	MaxTreeDepth = 32
)

// BinaryOptions says how scalars inside a composite are written.
type BinaryOptions struct {
	// EncodeString appends s in the connection's code set; nil appends
	// the bytes as they are.
	EncodeString func(dst []byte, s string) ([]byte, error)
	// Location is where time.Time values are converted before packing
	// (nil: as they are).
	Location *time.Location
}

// treeCount counts root and members and checks the bounds.
func treeCount(n *TypeNode, depth int) (int, error) {
	if depth > MaxTreeDepth {
		return 0, fmt.Errorf("%w: type tree deeper than %d levels", ErrCompositeBinary, MaxTreeDepth)
	}
	c := 1
	for _, m := range n.Members {
		k, err := treeCount(m, depth+1)
		if err != nil {
			return 0, err
		}
		c += k
		if c > MaxTreeNodes {
			return 0, fmt.Errorf("%w: type tree of more than %d entries", ErrCompositeBinary, MaxTreeNodes)
		}
	}
	return c, nil
}

// appendTypeTree appends the tree part of the binary form: the 130-byte
// prefix and one entry per node, depth first, numbered as sysattrtypes
// numbers them (seqno from 1, levelno the depth, parent_no the
// container's seqno, fieldno from 1 for a ROW's fields and 0 for an
// element). JDBC writes the root type's name and owner in every entry of
// a named ROW type (NestProbe: the nested ROW nin's entry says "nouter"
// too), and so does this.
func appendTypeTree(dst []byte, root *TypeNode) ([]byte, error) {
	count, err := treeCount(root, 0)
	if err != nil {
		return dst, err
	}
	dst = append(dst, make([]byte, treePrefixLen)...)
	seq := 0
	var walk func(n *TypeNode, level, parent, fieldNo int) error
	walk = func(n *TypeNode, level, parent, fieldNo int) error {
		seq++
		me := seq
		at := len(dst)
		dst = append(dst, make([]byte, treeEntryLen)...)
		e := dst[at:]
		if level == 0 {
			binary.BigEndian.PutUint16(e[4:], uint16(count))
		}
		binary.BigEndian.PutUint16(e[6:], uint16(me))
		binary.BigEndian.PutUint16(e[8:], uint16(level))
		binary.BigEndian.PutUint16(e[10:], uint16(parent))
		if err := putName(e[12:], n.FieldName); err != nil {
			return err
		}
		binary.BigEndian.PutUint16(e[142:], uint16(fieldNo))
		binary.BigEndian.PutUint16(e[144:], uint16(n.Type))
		binary.BigEndian.PutUint16(e[146:], uint16(n.Length))
		binary.BigEndian.PutUint32(e[148:], uint32(n.XID))
		name, owner := n.TypeName, n.Owner
		if n.Type&int16(sqli.TypeNamed) != 0 {
			name, owner = root.TypeName, root.Owner
		}
		if err := putName(e[154:], name); err != nil {
			return err
		}
		if err := putName(e[284:], owner); err != nil {
			return err
		}
		isRow := n.Type&0xff == int16(sqli.TypeRow)
		for i, m := range n.Members {
			fno := 0
			if isRow {
				fno = i + 1
			}
			if err := walk(m, level+1, me, fno); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, 0, 0, 0); err != nil {
		return dst, err
	}
	return dst, nil
}

// putName writes an i16 length and the name in a 128-byte blank-filled
// field.
func putName(e []byte, s string) error {
	if len(s) > treeNameMax {
		return fmt.Errorf("%w: name %.20q… longer than %d bytes", ErrCompositeBinary, s, treeNameMax)
	}
	binary.BigEndian.PutUint16(e, uint16(len(s)))
	copy(e[2:], s)
	for i := 2 + len(s); i < 2+treeNameMax; i++ {
		e[i] = ' '
	}
	return nil
}

// AppendCompositeBinary appends a whole value in the binary form: the
// tree, the header and data appended by data (nil data: NULL).
func AppendCompositeBinary(dst []byte, root *TypeNode, data func([]byte) ([]byte, error)) ([]byte, error) {
	start := len(dst)
	dst, err := appendTypeTree(dst, root)
	if err != nil {
		return dst[:start], err
	}
	dst = append(dst, make([]byte, 10)...)
	lenAt := len(dst)
	dst = append(dst, 0, 0, 0, 0, 0, 0, 0, 0)
	if data == nil {
		binary.BigEndian.PutUint32(dst[lenAt+4:], 0x80000000)
		return dst, nil
	}
	binary.BigEndian.PutUint32(dst[lenAt+4:], binFlagValue)
	dst, err = data(dst)
	if err != nil {
		return dst[:start], err
	}
	n := len(dst) - lenAt - 8
	if n > math.MaxInt32-(lenAt-start)-8 {
		return dst[:start], fmt.Errorf("%w: %d bytes of data", ErrCompositeBinary, n)
	}
	binary.BigEndian.PutUint32(dst[lenAt:], uint32(n))
	return dst, nil
}

// appendDirectory appends ff ff ff ff and the offsets, last first.
func appendDirectory(dst []byte, offs []int) []byte {
	dst = binary.BigEndian.AppendUint32(dst, math.MaxUint32)
	for i := len(offs) - 1; i >= 0; i-- {
		dst = binary.BigEndian.AppendUint32(dst, uint32(offs[i]))
	}
	return dst
}

// appendNested appends a composite value nested at offset off of its
// container's data (dataStart is where that data starts in dst): i16
// length, zero padding to an 8-byte boundary of the container's data,
// the 10-byte header, the nested data. The padding rule is PROTOCOL's
// CHOICE fitted to JDBC's six nested binds.
func appendNested(dst []byte, dataStart int, inner func([]byte) ([]byte, error)) ([]byte, error) {
	off := len(dst) - dataStart
	lenAt := len(dst)
	dst = append(dst, 0, 0)
	pad := (8 - (off+2+len(nestedHeader))%8) % 8
	dst = append(dst, make([]byte, pad)...)
	dst = append(dst, nestedHeader[:]...)
	dst, err := inner(dst)
	if err != nil {
		return dst, err
	}
	n := len(dst) - lenAt - 2
	if n > math.MaxInt16 {
		return dst, fmt.Errorf("%w: a nested value of %d bytes (its length is an i16)", ErrCompositeBinary, n)
	}
	binary.BigEndian.PutUint16(dst[lenAt:], uint16(n))
	return dst, nil
}
