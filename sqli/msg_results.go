package sqli

import "fmt"

// Tuple (SQ_TUPLE) carries one row in the packed layout.
type Tuple struct {
	Warning int16
	Data    []byte // aliases the decoder's input
}

// Tag implements Message.
func (*Tuple) Tag() Tag { return TagTuple }

// Encode implements Message.
func (m *Tuple) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt16(appendTag(dst, TagTuple), m.Warning)
	dst = AppendInt32(dst, int32(len(m.Data)))
	dst = append(dst, m.Data...)
	return AppendPad(dst, len(m.Data))
}

// Decode implements Message.
func (m *Tuple) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagTuple)
	m.Warning = d.int16()
	n := int(d.int32())
	m.Data = d.bytes(n)
	d.pad(n)
	return d.off, d.err
}

// Done (SQ_DONE) ends a statement's work: rows processed, row id and the
// SERIAL value an INSERT generated. After SQ_DBOPEN, Warnings holds the
// DBWarn* bits.
type Done struct {
	Warnings int16
	Rows     int64 // i64 under feature 70, else i32
	RowID    int64 // i64 under feature 70, else i32
	Serial   int32
}

// Tag implements Message.
func (*Done) Tag() Tag { return TagDone }

// Encode implements Message.
func (m *Done) Encode(dst []byte, f Features) []byte {
	dst = AppendInt16(appendTag(dst, TagDone), m.Warnings)
	if f.LongRowID() {
		dst = AppendInt64(dst, m.Rows)
		dst = AppendInt64(dst, m.RowID)
	} else {
		dst = AppendInt32(dst, int32(m.Rows))
		dst = AppendInt32(dst, int32(m.RowID))
	}
	return AppendInt32(dst, m.Serial)
}

// Decode implements Message.
func (m *Done) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagDone)
	m.Warnings = d.int16()
	if f.LongRowID() {
		m.Rows = d.int64()
		m.RowID = d.int64()
	} else {
		m.Rows = int64(d.int32())
		m.RowID = int64(d.int32())
	}
	m.Serial = d.int32()
	return d.off, d.err
}

// Cost (SQ_COST) carries the optimizer's estimates.
type Cost struct {
	EstimatedRows int32
	EstimatedCost int32
}

// Tag implements Message.
func (*Cost) Tag() Tag { return TagCost }

// Encode implements Message.
func (m *Cost) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt32(appendTag(dst, TagCost), m.EstimatedRows)
	return AppendInt32(dst, m.EstimatedCost)
}

// Decode implements Message.
func (m *Cost) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagCost)
	m.EstimatedRows = d.int32()
	m.EstimatedCost = d.int32()
	return d.off, d.err
}

// SQLCodeNotFound is the SQLCODE of end of data, which SQ_ERR may carry.
const SQLCodeNotFound = 100

// sqlCodeNoNear is the one SQLCODE whose SQ_ERR has no near-text string.
const sqlCodeNoNear = -368

// Err (SQ_ERR) reports a failed statement, or end of data (SQLCode 100).
// The group still ends with SQ_EOT; the connection stays usable.
type Err struct {
	SQLCode  int32 // sent as i16
	ISAMCode int32 // sent as i16
	Offset   int32 // offset into the SQL text; i32 under feature 62, else i16
	Near     string
}

// Tag implements Message.
func (*Err) Tag() Tag { return TagErr }

// Encode implements Message.
func (m *Err) Encode(dst []byte, f Features) []byte {
	dst = AppendInt16(appendTag(dst, TagErr), int16(m.SQLCode))
	dst = AppendInt16(dst, int16(m.ISAMCode))
	if f.LongSQLText() {
		dst = AppendInt32(dst, m.Offset)
	} else {
		dst = AppendInt16(dst, int16(m.Offset))
	}
	if m.SQLCode == sqlCodeNoNear {
		return dst
	}
	return AppendChar(dst, m.Near)
}

// Decode implements Message.
func (m *Err) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagErr)
	m.SQLCode = int32(d.int16())
	m.ISAMCode = int32(d.int16())
	if f.LongSQLText() {
		m.Offset = d.int32()
	} else {
		m.Offset = int32(d.int16())
	}
	m.Near = ""
	if m.SQLCode != sqlCodeNoNear {
		m.Near = d.char()
	}
	return d.off, d.err
}

// Error formats the reported codes.
func (m *Err) Error() string {
	return fmt.Sprintf("SQLCODE %d (ISAM %d) near %q", m.SQLCode, m.ISAMCode, m.Near)
}

// XactStat (SQ_XACTSTAT) reports a transaction state change; logged
// databases interleave it with ordinary replies. The meaning of the codes
// is an open question.
type XactStat struct {
	Event    int16
	NewLevel int16
	OldLevel int16
}

// Tag implements Message.
func (*XactStat) Tag() Tag { return TagXactStat }

// Encode implements Message.
func (m *XactStat) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt16(appendTag(dst, TagXactStat), m.Event)
	dst = AppendInt16(dst, m.NewLevel)
	return AppendInt16(dst, m.OldLevel)
}

// Decode implements Message.
func (m *XactStat) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagXactStat)
	m.Event = d.int16()
	m.NewLevel = d.int16()
	m.OldLevel = d.int16()
	return d.off, d.err
}

// InsertDone (SQ_INSERTDONE) precedes SQ_DONE after an INSERT that
// generated a SERIAL8 or BIGSERIAL value.
type InsertDone struct {
	Serial8   int64 // 10-byte INT8 form
	BigSerial int64 // present under feature 54
}

// Tag implements Message.
func (*InsertDone) Tag() Tag { return TagInsertDone }

// Encode implements Message.
func (m *InsertDone) Encode(dst []byte, f Features) []byte {
	dst = AppendLongInt(appendTag(dst, TagInsertDone), m.Serial8)
	if f.BigSerial() {
		dst = AppendInt64(dst, m.BigSerial)
	}
	return dst
}

// Decode implements Message.
func (m *InsertDone) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagInsertDone)
	b := d.bytes(10)
	if d.err == nil {
		v, _, err := DecodeLongInt(b)
		if err != nil {
			d.fail(err.Error())
		}
		m.Serial8 = v
	}
	m.BigSerial = 0
	if f.BigSerial() {
		m.BigSerial = d.int64()
	}
	return d.off, d.err
}

// TupID (SQ_TUPID) gives the 1-based position of the next row of a scroll
// cursor.
type TupID struct {
	Row int32
}

// Tag implements Message.
func (*TupID) Tag() Tag { return TagTupID }

// Encode implements Message.
func (m *TupID) Encode(dst []byte, _ Features) []byte {
	return AppendInt32(appendTag(dst, TagTupID), m.Row)
}

// Decode implements Message.
func (m *TupID) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagTupID)
	m.Row = d.int32()
	return d.off, d.err
}
