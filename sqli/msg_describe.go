package sqli

import (
	"bytes"
	"fmt"
)

// ColumnDesc describes one column of SQ_DESCRIBE.
type ColumnDesc struct {
	FieldIndex    int32 // offset of the name in the name table (set by Encode)
	StartPos      int32 // offset of the column in a fixed-layout tuple
	Type          TypeCode
	ExtendedID    int32 // built-in opaque ids: 1 lvarchar, 5 boolean, 10 blob, 11 clob
	ExtendedOwner string
	ExtendedName  string
	Reference     int16
	Alignment     int16
	SourceType    int32
	EncodedLength int32 // length, (p<<8)|s, or a DATETIME/INTERVAL qualifier
	Name          string
}

// Describe (SQ_DESCRIBE) describes a prepared statement and its result.
type Describe struct {
	StmtType  int16 // sqlstype.h code; Stmt* constants
	StmtID    int16 // the id every later SQ_ID uses
	Cost      int32
	TupleSize int32 // i32 under feature 69, else i16
	Columns   []ColumnDesc
}

// Tag implements Message.
func (*Describe) Tag() Tag { return TagDescribe }

// Encode implements Message. FieldIndex values are computed from the names.
func (m *Describe) Encode(dst []byte, f Features) []byte {
	dst = appendTag(dst, TagDescribe)
	dst = AppendInt16(dst, m.StmtType)
	dst = AppendInt16(dst, m.StmtID)
	dst = AppendInt32(dst, m.Cost)
	if f.LargeTuple() {
		dst = AppendInt32(dst, m.TupleSize)
	} else {
		dst = AppendInt16(dst, int16(m.TupleSize))
	}
	dst = AppendInt16(dst, int16(len(m.Columns)))
	names := 0
	for i := range m.Columns {
		names += len(m.Columns[i].Name) + 1
	}
	if len(m.Columns) == 0 {
		names = 0
	}
	if f.LongNameTable() {
		dst = AppendInt32(dst, int32(names))
	} else {
		dst = AppendInt16(dst, int16(names))
	}
	off := 0
	for i := range m.Columns {
		c := &m.Columns[i]
		c.FieldIndex = int32(off)
		off += len(c.Name) + 1
		if f.LongNameTable() {
			dst = AppendInt32(dst, c.FieldIndex)
		} else {
			dst = AppendInt16(dst, int16(c.FieldIndex))
		}
		dst = AppendInt32(dst, c.StartPos)
		dst = AppendInt16(dst, int16(c.Type))
		dst = AppendInt32(dst, c.ExtendedID)
		dst = AppendChar(dst, c.ExtendedOwner)
		dst = AppendChar(dst, c.ExtendedName)
		dst = AppendInt16(dst, c.Reference)
		dst = AppendInt16(dst, c.Alignment)
		dst = AppendInt32(dst, c.SourceType)
		dst = AppendInt32(dst, c.EncodedLength)
	}
	if names > 0 {
		for i := range m.Columns {
			dst = append(dst, m.Columns[i].Name...)
			dst = append(dst, 0)
		}
		dst = AppendPad(dst, names)
	}
	return dst
}

// Decode implements Message. Column names are looked up by FieldIndex.
// Open question: the per-column block of servers without feature 63 is
// read with a 16-bit FieldIndex (nmap's 28-byte column).
func (m *Describe) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagDescribe)
	m.StmtType = d.int16()
	m.StmtID = d.int16()
	m.Cost = d.int32()
	if f.LargeTuple() {
		m.TupleSize = d.int32()
	} else {
		m.TupleSize = int32(uint16(d.int16()))
	}
	n := int(d.int16())
	var names int
	if f.LongNameTable() {
		names = int(d.int32())
	} else {
		names = int(uint16(d.int16()))
	}
	if d.err == nil && (n < 0 || n > maxColumns) {
		d.fail(fmt.Sprintf("%d columns", n))
	}
	m.Columns = m.Columns[:0]
	for i := 0; i < n && d.err == nil; i++ {
		var c ColumnDesc
		if f.LongNameTable() {
			c.FieldIndex = d.int32()
		} else {
			c.FieldIndex = int32(uint16(d.int16()))
		}
		c.StartPos = d.int32()
		c.Type = TypeCode(d.int16())
		c.ExtendedID = d.int32()
		c.ExtendedOwner = d.char()
		c.ExtendedName = d.char()
		c.Reference = d.int16()
		c.Alignment = d.int16()
		c.SourceType = d.int32()
		c.EncodedLength = d.int32()
		m.Columns = append(m.Columns, c)
	}
	table := d.bytes(names)
	d.pad(names)
	if d.err != nil {
		return d.off, d.err
	}
	for i := range m.Columns {
		c := &m.Columns[i]
		fi := int(c.FieldIndex)
		if fi < 0 || fi > len(table) {
			d.fail(fmt.Sprintf("column %d name at %d outside a %d-byte name table", i, fi, len(table)))
			return d.off, d.err
		}
		name := table[fi:]
		if end := bytes.IndexByte(name, 0); end >= 0 {
			name = name[:end]
		}
		c.Name = string(name)
	}
	return d.off, d.err
}
