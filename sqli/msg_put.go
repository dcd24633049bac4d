package sqli

import (
	"fmt"
)

// Put (tag 17; JDBC's stack names it sendPut) carries rows for an insert
// cursor: a prepared INSERT opened with SQ_OPEN. IBM's JDBC driver sends it
// with IFX_USEPUT=1 (docs/PROTOCOL.md, "Insert cursors"): i32 row length,
// i16 row count, then the rows in tuple layout (the INSERT's own DESCRIBE
// gives the columns), each padded to an even length.
type Put struct {
	RowLen int32
	N      int16
	Data   []byte // N rows of RowLen bytes, each padded; Decode aliases the input
}

// Tag implements Message.
func (*Put) Tag() Tag { return TagPut }

// Row returns row i (0 ≤ i < N) without its pad.
func (m *Put) Row(i int) []byte {
	step := int(m.RowLen) + int(m.RowLen&1)
	return m.Data[i*step : i*step+int(m.RowLen)]
}

// AppendPutRow appends one row of m's RowLen bytes with its pad to dst,
// for building Data.
func AppendPutRow(dst, row []byte) []byte {
	return AppendPad(append(dst, row...), len(row))
}

// Encode implements Message.
func (m *Put) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt32(appendTag(dst, TagPut), m.RowLen)
	dst = AppendInt16(dst, m.N)
	return append(dst, m.Data...)
}

// Decode implements Message. The size of the rows is checked against
// the input before anything refers to them.
func (m *Put) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagPut)
	m.RowLen = d.int32()
	m.N = d.int16()
	if d.err != nil {
		return d.off, d.err
	}
	if m.RowLen < 0 || m.N < 0 {
		d.fail(fmt.Sprintf("%d rows of %d bytes", m.N, m.RowLen))
		return d.off, d.err
	}
	size := (int(m.RowLen) + int(m.RowLen&1)) * int(m.N)
	m.Data = d.bytes(size)
	return d.off, d.err
}
