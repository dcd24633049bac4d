package sqli

import (
	"encoding/binary"
	"fmt"
)

// Bind indicators.
const (
	IndicatorValue   = 0
	IndicatorNull    = -1
	IndicatorDefault = -2 // JDBC: use the column default
)

// BindValue is one parameter of SQ_BIND. Data holds the value bytes
// exactly as they follow the prec field, length prefix included for the
// variable-length forms (see BindDataLen); Encode adds the pad.
type BindValue struct {
	Type      TypeCode
	Owner     string // owner and type names, for types with HasTypeNames
	TypeName  string
	Indicator int16
	Prec      int16 // JDBC: INT 0x0a00, BIGINT 0x1300, DECIMAL scale, else 0
	Data      []byte
}

// Bind (SQ_BIND) carries the parameter values of the current statement.
type Bind struct {
	Values []BindValue
}

// Tag implements Message.
func (*Bind) Tag() Tag { return TagBind }

// Encode implements Message.
func (m *Bind) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt16(appendTag(dst, TagBind), int16(len(m.Values)))
	for i := range m.Values {
		v := &m.Values[i]
		dst = AppendInt16(dst, int16(v.Type))
		if v.Type.HasTypeNames() {
			dst = AppendChar(dst, v.Owner)
			dst = AppendChar(dst, v.TypeName)
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

// Decode implements Message.
func (m *Bind) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagBind)
	n := int(d.int16())
	if d.err == nil && (n < 0 || n > maxColumns) {
		d.fail(fmt.Sprintf("%d bind values", n))
	}
	m.Values = m.Values[:0]
	for i := 0; i < n && d.err == nil; i++ {
		var v BindValue
		v.Type = TypeCode(d.int16())
		if v.Type.HasTypeNames() {
			v.Owner = d.cstr()
			v.TypeName = d.cstr()
		}
		v.Indicator = d.int16()
		v.Prec = d.int16()
		if d.err == nil && v.Indicator == IndicatorValue {
			size, err := BindDataLen(v.Type, d.b[d.off:])
			if t := v.Type.Base(); t == TypeByte || t == TypeText {
				// The descriptor widens with feature 70 (JDBC still says
				// prec 56).
				size = BlobDescriptorLen(f)
			}
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

// BindDataLen returns the size of a bound value of type t whose bytes start
// at b, length prefix included: fixed widths for numbers and dates, an i16
// byte count for character, decimal and time values, an i32 for opaque and
// complex types, BOOLEAN (45) and LVARCHAR (43) included: JDBC binds true
// as 45 with type name "boolean", prec 1 and data 00 00 00 01 01. Open question: the VARCHAR (13) and NVARCHAR (16) bind
// forms; the i16 prefix of CHAR is assumed (clients bind strings as CHAR).
func BindDataLen(t TypeCode, b []byte) (int, error) {
	switch t.Base() {
	case TypeSmallInt:
		return 2, nil
	case TypeInt, TypeSerial, TypeDate, TypeSmallFloat:
		return 4, nil
	case TypeFloat, TypeBigInt, TypeBigSerial:
		return 8, nil
	case TypeInt8, TypeSerial8:
		return 10, nil
	case TypeByte, TypeText:
		return BlobDescriptorSize, nil // LongBlobDescriptorSize with feature 70
	case TypeChar, TypeNChar, TypeVarChar, TypeNVarChar, TypeDecimal, TypeMoney, TypeDateTime, TypeInterval:
		if len(b) < 2 {
			return 0, ErrShortMessage
		}
		n := int(int16(binary.BigEndian.Uint16(b)))
		if n < 0 {
			return 0, fmt.Errorf("bind value of type %v with length %d", t, n)
		}
		return 2 + n, nil
	case TypeBool, TypeUDTVar, TypeUDTFixed, TypeLVarChar, TypeSendRecv, TypeSet, TypeMultiset, TypeList, TypeRow, TypeCollection:
		if len(b) < 4 {
			return 0, ErrShortMessage
		}
		n := int(int32(binary.BigEndian.Uint32(b)))
		if n < 0 {
			return 0, fmt.Errorf("bind value of type %v with length %d", t, n)
		}
		return 4 + n, nil
	}
	return 0, fmt.Errorf("bind value of unsupported type %v", t)
}
