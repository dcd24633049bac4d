package sqli

import "fmt"

// Command (SQ_COMMAND) executes SQL text immediately. JDBC follows it with
// NDescribe, Execute and Release in the same group.
type Command struct {
	SQL string
}

// Tag implements Message.
func (*Command) Tag() Tag { return TagCommand }

// Encode implements Message.
func (m *Command) Encode(dst []byte, f Features) []byte {
	dst = AppendInt16(appendTag(dst, TagCommand), 0)
	return AppendSQLText(dst, m.SQL, f)
}

// Decode implements Message.
func (m *Command) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagCommand)
	d.int16()
	m.SQL = d.sqlText(f)
	return d.off, d.err
}

// Prepare (SQ_PREPARE) compiles SQL text. NumParams is the number of '?'
// markers in it. Clients follow it with NDescribe and WantDone.
type Prepare struct {
	NumParams int16
	SQL       string
}

// Tag implements Message.
func (*Prepare) Tag() Tag { return TagPrepare }

// Encode implements Message.
func (m *Prepare) Encode(dst []byte, f Features) []byte {
	dst = AppendInt16(appendTag(dst, TagPrepare), m.NumParams)
	return AppendSQLText(dst, m.SQL, f)
}

// Decode implements Message.
func (m *Prepare) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagPrepare)
	m.NumParams = d.int16()
	m.SQL = d.sqlText(f)
	return d.off, d.err
}

// ID (SQ_ID) selects the statement the following messages act on.
type ID struct {
	StatementID int16
}

// Tag implements Message.
func (*ID) Tag() Tag { return TagID }

// Encode implements Message.
func (m *ID) Encode(dst []byte, _ Features) []byte {
	return AppendInt16(appendTag(dst, TagID), m.StatementID)
}

// Decode implements Message.
func (m *ID) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagID)
	m.StatementID = d.int16()
	return d.off, d.err
}

// CurName (SQ_CURNAME) names the cursor of the current statement. JDBC
// uses "_ifxc" followed by 13 digits.
type CurName struct {
	Name string
}

// Tag implements Message.
func (*CurName) Tag() Tag { return TagCurName }

// Encode implements Message.
func (m *CurName) Encode(dst []byte, _ Features) []byte {
	return AppendChar(appendTag(dst, TagCurName), m.Name)
}

// Decode implements Message.
func (m *CurName) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagCurName)
	m.Name = d.cstr()
	return d.off, d.err
}

// NFetch (SQ_NFETCH) asks for as many rows as fit in BufSize bytes.
// Open question: which feature widens the buffer size from the i16 nmap
// sent to the i32 of modern clients; 62 is assumed.
type NFetch struct {
	BufSize   int32
	ArraySize int16 // always 0; must be an i16 (an i32 breaks VARCHAR fetches)
}

// Tag implements Message.
func (*NFetch) Tag() Tag { return TagNFetch }

// Encode implements Message.
func (m *NFetch) Encode(dst []byte, f Features) []byte {
	dst = appendTag(dst, TagNFetch)
	if f.LongSQLText() {
		dst = AppendInt32(dst, m.BufSize)
	} else {
		dst = AppendInt16(dst, int16(min(m.BufSize, 0x7fff)))
	}
	return AppendInt16(dst, m.ArraySize)
}

// Decode implements Message.
func (m *NFetch) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagNFetch)
	if f.LongSQLText() {
		m.BufSize = d.int32()
	} else {
		m.BufSize = int32(uint16(d.int16()))
	}
	m.ArraySize = d.int16()
	return d.off, d.err
}

// Scroll fetch directions of SQ_SFETCH.
const (
	ScrollNext     = 1
	ScrollLast     = 4
	ScrollAbsolute = 6
)

// SFetch (SQ_SFETCH) fetches from a scroll cursor. Rows come back each
// preceded by SQ_TUPID.
type SFetch struct {
	ScrollType int16
	Row        int32 // 1-based target for ScrollAbsolute
	BufSize    int32
}

// Tag implements Message.
func (*SFetch) Tag() Tag { return TagSFetch }

// Encode implements Message.
func (m *SFetch) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt16(appendTag(dst, TagSFetch), m.ScrollType)
	dst = AppendInt32(dst, m.Row)
	return AppendInt32(dst, m.BufSize)
}

// Decode implements Message.
func (m *SFetch) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagSFetch)
	m.ScrollType = d.int16()
	m.Row = d.int32()
	m.BufSize = d.int32()
	return d.off, d.err
}

// RetTypeColumn is one column of SQ_RET_TYPE.
type RetTypeColumn struct {
	Type          TypeCode
	Owner, Name   string // only for types with HasTypeNames
	EncodedLength int32
}

// RetType (SQ_RET_TYPE) tells the server the types the client wants each
// column in; clients echo the DESCRIBE. Its effect on the tuple layout is
// an open question.
type RetType struct {
	Direction int16 // 1 = fetch
	Columns   []RetTypeColumn
}

// Tag implements Message.
func (*RetType) Tag() Tag { return TagRetType }

// Encode implements Message.
func (m *RetType) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt16(appendTag(dst, TagRetType), m.Direction)
	dst = AppendInt16(dst, int16(len(m.Columns)))
	for _, c := range m.Columns {
		dst = AppendInt16(dst, int16(c.Type))
		if c.Type.HasTypeNames() {
			dst = AppendChar(dst, c.Owner)
			dst = AppendChar(dst, c.Name)
		}
		dst = AppendInt32(dst, c.EncodedLength)
	}
	return dst
}

// Decode implements Message.
func (m *RetType) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagRetType)
	m.Direction = d.int16()
	n := int(d.int16())
	if d.err == nil && (n < 0 || n > maxColumns) {
		d.fail(fmt.Sprintf("%d columns", n))
	}
	m.Columns = m.Columns[:0]
	for i := 0; i < n && d.err == nil; i++ {
		var c RetTypeColumn
		c.Type = TypeCode(d.int16())
		if c.Type.HasTypeNames() {
			c.Owner = d.cstr()
			c.Name = d.cstr()
		}
		c.EncodedLength = d.int32()
		m.Columns = append(m.Columns, c)
	}
	return d.off, d.err
}

// maxColumns bounds column counts read from the wire (Informix allows
// 32,767 columns per table).
const maxColumns = 32767
