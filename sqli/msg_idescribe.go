package sqli

import "fmt"

// CIDescribe (SQ_CIDESCRIBE) asks for the description of the current
// statement's input parameters; JDBC sends it after preparing a statement
// with markers and binds by the answer.
type CIDescribe struct{}

// Tag implements Message.
func (CIDescribe) Tag() Tag { return TagCIDescribe }

// Encode implements Message.
func (m CIDescribe) Encode(dst []byte, _ Features) []byte { return appendTag(dst, m.Tag()) }

// Decode implements Message.
func (CIDescribe) Decode([]byte, Features) (int, error) { return 0, nil }

// ParamDesc describes one input parameter in SQ_IDESCRIBE: a DESCRIBE
// column block without name-table offset and start position.
type ParamDesc struct {
	Type          TypeCode
	ExtendedID    int32
	ExtendedOwner string
	ExtendedName  string
	Reference     int16
	Alignment     int16
	SourceType    int32
	EncodedLength int32
}

// IDescribe (SQ_IDESCRIBE) answers SQ_CIDESCRIBE. The layout was learnt
// from JDBC's behaviour (docs/PROTOCOL.md): a count, then, only when the
// count is not zero, a flag word that must be 0 (with bit 0 set JDBC
// expects further fields and hangs; after a zero count an extra word
// desynchronises it), then one block per parameter.
type IDescribe struct {
	Flags  int16
	Params []ParamDesc
}

// Tag implements Message.
func (*IDescribe) Tag() Tag { return TagIDescribe }

// Encode implements Message.
func (m *IDescribe) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, TagIDescribe)
	dst = AppendInt16(dst, int16(len(m.Params)))
	if len(m.Params) == 0 {
		return dst
	}
	dst = AppendInt16(dst, m.Flags)
	for _, p := range m.Params {
		dst = AppendInt16(dst, int16(p.Type))
		dst = AppendInt32(dst, p.ExtendedID)
		dst = AppendChar(dst, p.ExtendedOwner)
		dst = AppendChar(dst, p.ExtendedName)
		dst = AppendInt16(dst, p.Reference)
		dst = AppendInt16(dst, p.Alignment)
		dst = AppendInt32(dst, p.SourceType)
		dst = AppendInt32(dst, p.EncodedLength)
	}
	return dst
}

// Decode implements Message.
func (m *IDescribe) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagIDescribe)
	n := int(d.int16())
	m.Flags = 0
	if n != 0 {
		m.Flags = d.int16()
	}
	if d.err == nil && (n < 0 || n > maxColumns) {
		d.fail(fmt.Sprintf("%d parameters", n))
	}
	if d.err == nil && m.Flags&1 != 0 {
		d.fail("SQ_IDESCRIBE flag bit 0 (layout unknown)")
	}
	m.Params = m.Params[:0]
	for i := 0; i < n && d.err == nil; i++ {
		var p ParamDesc
		p.Type = TypeCode(d.int16())
		p.ExtendedID = d.int32()
		p.ExtendedOwner = d.char()
		p.ExtendedName = d.char()
		p.Reference = d.int16()
		p.Alignment = d.int16()
		p.SourceType = d.int32()
		p.EncodedLength = d.int32()
		m.Params = append(m.Params, p)
	}
	return d.off, d.err
}
