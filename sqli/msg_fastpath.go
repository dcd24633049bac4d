package sqli

import (
	"fmt"
)

// Fast-path tags: a routine called by handle, with no SQL text
// (docs/PROTOCOL.md, "Fast path").
const (
	TagGetRoutine  Tag = 101 // both directions: resolve a signature / its handle
	TagExFPRoutine Tag = 102 // client: run a handle with the SQ_BIND that follows
	TagFPRoutine   Tag = 103 // server: the routine's return values
	// TagFParam (SQ_FPARAM) would follow a request whose fparam flag is
	// not 0; its layout is unknown, so no message decodes it and a flag
	// other than 0 is refused.
	TagFParam Tag = 104
)

// The names live here, with the messages, rather than in tag.go's table.
func init() {
	tagNames[TagGetRoutine] = "SQ_GETROUTINE"
	tagNames[TagExFPRoutine] = "SQ_EXFPROUTINE"
	tagNames[TagFPRoutine] = "SQ_FPROUTINE"
	tagNames[TagFParam] = "SQ_FPARAM"
}

// GetRoutine (SQ_GETROUTINE from the client) asks for the handle of the
// routine a signature such as "function informix.ifx_lo_close(integer)"
// names: a 00 byte (by name, not by id), the signature with SQL text's
// length width (i32 under feature 62, else i16) and pad, then the fparam
// flag. The byte before the length leaves the rest of the message at an
// odd offset; the pad depends on the signature's length alone.
type GetRoutine struct {
	Signature []byte // Decode aliases the input
	FParam    int16  // 0: no SQ_FPARAM follows
}

// Tag implements Message.
func (*GetRoutine) Tag() Tag { return TagGetRoutine }

// Encode implements Message.
func (m *GetRoutine) Encode(dst []byte, f Features) []byte {
	dst = append(appendTag(dst, TagGetRoutine), 0)
	if f.LongSQLText() {
		dst = AppendInt32(dst, int32(len(m.Signature)))
	} else {
		dst = AppendInt16(dst, int16(len(m.Signature)))
	}
	dst = append(dst, m.Signature...)
	dst = AppendPad(dst, len(m.Signature))
	return AppendInt16(dst, m.FParam)
}

// Decode implements Message. A routine asked for by id (a first byte
// other than 0) has a layout no evidence shows, so it is refused.
func (m *GetRoutine) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagGetRoutine)
	if b := d.bytes(1); d.err == nil && b[0] != 0 {
		d.fail(fmt.Sprintf("routine by id (flag %d) is not supported", b[0]))
		return d.off, d.err
	}
	var n int
	if f.LongSQLText() {
		n = int(d.int32())
	} else {
		n = int(d.int16())
	}
	if d.err == nil && n < 0 {
		d.fail("negative signature length")
		return d.off, d.err
	}
	m.Signature = d.bytes(n)
	d.pad(n)
	m.FParam = d.int16()
	return d.off, d.err
}

// RoutineHandle (SQ_GETROUTINE from the server) answers GetRoutine: the
// database the routine lives in, as a CHAR, and the handle. EOT follows.
type RoutineHandle struct {
	DB     []byte // Decode aliases the input
	Handle int32
}

// Tag implements Message.
func (*RoutineHandle) Tag() Tag { return TagGetRoutine }

// Encode implements Message.
func (m *RoutineHandle) Encode(dst []byte, _ Features) []byte {
	dst = AppendCharBytes(appendTag(dst, TagGetRoutine), m.DB)
	return AppendInt32(dst, m.Handle)
}

// Decode implements Message.
func (m *RoutineHandle) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagGetRoutine)
	m.DB = d.charBytes()
	m.Handle = d.int32()
	return d.off, d.err
}

// ExFPRoutine (SQ_EXFPROUTINE) runs a resolved routine: the database and
// handle RoutineHandle gave, the argument count and the fparam flag. An
// SQ_BIND with the arguments follows in the same group, then EOT.
type ExFPRoutine struct {
	DB      []byte // Decode aliases the input
	Handle  int32
	NParams int16
	FParam  int16 // 0: no SQ_FPARAM follows
}

// Tag implements Message.
func (*ExFPRoutine) Tag() Tag { return TagExFPRoutine }

// Encode implements Message.
func (m *ExFPRoutine) Encode(dst []byte, _ Features) []byte {
	dst = AppendCharBytes(appendTag(dst, TagExFPRoutine), m.DB)
	dst = AppendInt32(dst, m.Handle)
	dst = AppendInt16(dst, m.NParams)
	return AppendInt16(dst, m.FParam)
}

// Decode implements Message.
func (m *ExFPRoutine) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagExFPRoutine)
	m.DB = d.charBytes()
	m.Handle = d.int32()
	m.NParams = d.int16()
	m.FParam = d.int16()
	if d.err == nil && (m.NParams < 0 || int(m.NParams) > maxColumns) {
		d.fail(fmt.Sprintf("%d routine arguments", m.NParams))
	}
	return d.off, d.err
}

// FPValue is one return value of SQ_FPROUTINE: laid out as an SQ_BIND
// value (type, owner and type names where FPHasTypeNames says so,
// indicator, prec, then the data and its pad unless the indicator says
// NULL).
type FPValue struct {
	Type      TypeCode
	Owner     []byte // Decode aliases the input
	TypeName  []byte
	Indicator int16
	Prec      int16
	Data      []byte // length prefix included, as BindDataLen counts it
}

// FPHasTypeNames reports whether a returned value of type t carries
// owner and type names: base type 18 or above except BIGINT and
// BIGSERIAL, the test informix-driver's reader applies ("(type & 0xFF)
// >= 18"). It differs from HasTypeNames (SQ_BIND's rule, above 18) only
// for SERIAL8, which no routine returns.
func FPHasTypeNames(t TypeCode) bool {
	b := t & 0xff
	return b >= TypeSerial8 && b != TypeBigInt && b != TypeBigSerial
}

// FPRoutine (SQ_FPROUTINE) carries the values a routine returned: an i16
// count, then each value. SQ_DONE, SQ_COST or SQ_XACTSTAT may follow
// before EOT.
type FPRoutine struct {
	Values []FPValue
}

// Tag implements Message.
func (*FPRoutine) Tag() Tag { return TagFPRoutine }

// Encode implements Message.
func (m *FPRoutine) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt16(appendTag(dst, TagFPRoutine), int16(len(m.Values)))
	for i := range m.Values {
		v := &m.Values[i]
		dst = AppendInt16(dst, int16(v.Type))
		if FPHasTypeNames(v.Type) {
			dst = AppendCharBytes(dst, v.Owner)
			dst = AppendCharBytes(dst, v.TypeName)
		}
		dst = AppendInt16(dst, v.Indicator)
		dst = AppendInt16(dst, v.Prec)
		if v.Indicator == IndicatorValue {
			dst = append(dst, v.Data...)
			dst = AppendPad(dst, len(v.Data))
		}
	}
	return dst
}

// Decode implements Message. The count is bounded before the value slice
// grows, and each value's size is checked against the input before
// anything refers to it.
func (m *FPRoutine) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagFPRoutine)
	n := int(d.int16())
	if d.err == nil && (n < 0 || n > maxColumns) {
		d.fail(fmt.Sprintf("%d return values", n))
	}
	m.Values = m.Values[:0]
	for i := 0; i < n && d.err == nil; i++ {
		var v FPValue
		v.Type = TypeCode(d.int16())
		if FPHasTypeNames(v.Type) {
			v.Owner = d.charBytes()
			v.TypeName = d.charBytes()
		}
		v.Indicator = d.int16()
		v.Prec = d.int16()
		if d.err == nil && v.Indicator == IndicatorValue {
			size, err := BindDataLen(v.Type, d.b[d.off:])
			if err != nil {
				if err == ErrShortMessage {
					d.err = err
				} else {
					d.fail(err.Error())
				}
				break
			}
			v.Data = d.bytes(size)
			d.pad(size)
		}
		m.Values = append(m.Values, v)
	}
	return d.off, d.err
}
