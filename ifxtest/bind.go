package ifxtest

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// bindValue turns one SQ_BIND value into the engine's canonical form.
// Data holds the bytes after the prec field, length prefixes included.
func (c *conn) bindValue(bv *sqli.BindValue) (engine.Value, error) {
	if bv.Indicator == sqli.IndicatorNull {
		return nil, nil
	}
	if bv.Indicator != sqli.IndicatorValue {
		return nil, fmt.Errorf("indicator %d is not supported", bv.Indicator)
	}
	d := bv.Data
	switch bv.Type.Base() {
	case sqli.TypeByte, sqli.TypeText:
		// The value follows as an SQ_BLOB stream.
		return blobParam{text: bv.Type.Base() == sqli.TypeText}, nil
	case sqli.TypeChar, sqli.TypeNChar, sqli.TypeVarChar, sqli.TypeNVarChar:
		return c.cs.decodeString(cString(d[2:])), nil
	case sqli.TypeSmallInt:
		return int64(int16(binary.BigEndian.Uint16(d))), nil
	case sqli.TypeInt, sqli.TypeSerial:
		return int64(int32(binary.BigEndian.Uint32(d))), nil
	case sqli.TypeBigInt, sqli.TypeBigSerial:
		return int64(binary.BigEndian.Uint64(d)), nil
	case sqli.TypeInt8, sqli.TypeSerial8:
		v, null, err := sqli.DecodeLongInt(d)
		if null {
			return nil, err
		}
		return v, err
	case sqli.TypeFloat:
		return math.Float64frombits(binary.BigEndian.Uint64(d)), nil
	case sqli.TypeSmallFloat:
		return float64(math.Float32frombits(binary.BigEndian.Uint32(d))), nil
	case sqli.TypeDate:
		return engine.Date(int32(binary.BigEndian.Uint32(d))), nil
	case sqli.TypeDecimal, sqli.TypeMoney:
		v, null, err := ifxtype.DecodeDecimalWire(d[2:])
		if err != nil || null {
			return nil, err
		}
		return engine.Decimal(v.String()), nil
	case sqli.TypeDateTime:
		if s, ok := dateTimeFast(bv.Prec, d); ok {
			return engine.DateTime(s), nil
		}
		return decodeBoundDateTime(bv.Prec, d)
	case sqli.TypeInterval:
		q := bindQualifier(bv.Prec, len(d)-2, true)
		if q.IsYearMonth() {
			v, null, err := ifxtype.DecodeIntervalYMWire(d[2:], q)
			if err != nil || null {
				return nil, err
			}
			return engine.Interval(v.String()), nil
		}
		v, null, err := ifxtype.DecodeIntervalDFWire(d[2:], q)
		if err != nil || null {
			return nil, err
		}
		return engine.Interval(v.String()), nil
	case sqli.TypeBool, sqli.TypeUDTVar, sqli.TypeUDTFixed, sqli.TypeLVarChar, sqli.TypeSendRecv:
		payload := d[4:]
		if bv.Type.Base() == sqli.TypeSendRecv && isCollectionTypeName(bv.TypeName) {
			return c.bindCollection(payload)
		}
		if bv.Type.Base() == sqli.TypeSendRecv && isRowBinary(payload) {
			return c.bindRow(payload)
		}
		if isLOStructName(bv.TypeName) {
			return append([]byte(nil), payload...), nil
		}
		if bv.Type.Base() == sqli.TypeBool || bv.TypeName == "boolean" {
			if len(payload) != 1 {
				return nil, fmt.Errorf("boolean of %d bytes", len(payload))
			}
			switch payload[0] {
			case 1, 't', 'T':
				return true, nil
			case 0, 'f', 'F':
				return false, nil
			}
			return nil, fmt.Errorf("boolean byte %#x", payload[0])
		}
		return c.cs.decodeString(cString(payload)), nil
	}
	return nil, &engine.Error{SQLCode: errUnsupported, Message: fmt.Sprintf("binding type %v is not supported by ifxtest", bv.Type)}
}

// decodeBoundDateTime decodes a bound DATETIME of any qualifier (Data with its
// length prefix).
func decodeBoundDateTime(prec int16, d []byte) (engine.Value, error) {
	q := bindQualifier(prec, len(d)-2, false)
	v, null, err := ifxtype.DecodeDateTimeWire(truncateDigits(d[2:], 10-q.End()), q)
	if err != nil || null {
		return nil, err
	}
	return engine.DateTime(v.String()), nil
}

// The qualifiers of the DATETIMEs that drivers bind most: ifx and JDBC
// send time values as YEAR TO FRACTION(5).
var (
	qualYearSecond = mustDateTimeQualifier(ifxtype.TUSecond)
	qualYearFrac5  = mustDateTimeQualifier(ifxtype.TUFraction5)
)

func mustDateTimeQualifier(end int) ifxtype.Qualifier {
	q, err := ifxtype.DateTimeQualifier(ifxtype.TUYear, end)
	if err != nil {
		panic(err)
	}
	return q
}

// dateTimeFast is the text decodeBoundDateTime gives a DATETIME YEAR TO SECOND
// or YEAR TO FRACTION(5) whose prec names its qualifier, at that
// qualifier's length, positive, with a year of four digits and fields
// plainly in range (a day up to 28): a batch binds one per row, and the
// general decoder places each digit by its power of ten. ok=false leaves
// every other value, valid or not, to decodeBoundDateTime.
func dateTimeFast(prec int16, d []byte) (string, bool) {
	q := ifxtype.Qualifier(uint16(prec))
	if q != qualYearSecond && q != qualYearFrac5 || len(d) < 2 {
		return "", false
	}
	src := d[2:]
	if len(src) != q.WireLen() || src[0] != 0x80|(64+7) { // positive, 7 pairs before the point
		return "", false
	}
	var p [10]byte // the pairs, missing ones zero
	for i, b := range src[1:] {
		if b > 99 || i >= len(p) {
			return "", false
		}
		p[i] = b
	}
	if p[0] < 10 || p[2] < 1 || p[2] > 12 || p[3] < 1 || p[3] > 28 || p[4] > 23 || p[5] > 59 || p[6] > 59 {
		return "", false
	}
	var buf [25]byte
	b := append(buf[:0], '0'+p[0]/10, '0'+p[0]%10, '0'+p[1]/10, '0'+p[1]%10)
	for i, sep := range [5]byte{'-', '-', ' ', ':', ':'} {
		b = append(b, sep, '0'+p[i+2]/10, '0'+p[i+2]%10)
	}
	if q == qualYearFrac5 {
		// The digit below FRACTION(5), which informix-driver fills, is
		// dropped (truncateDigits).
		b = append(b, '.', '0'+p[7]/10, '0'+p[7]%10, '0'+p[8]/10, '0'+p[8]%10, '0'+p[9]/10)
	}
	return string(b), true
}

// cString is character data as IDS reads it, a C string: the value ends
// at its first NUL. A bound "\x00abc" is the empty string, never a
// non-NULL value whose tuple (a leading 00) reads back as NULL
// (docs/PROTOCOL.md, "NUL in character data").
func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// truncateDigits returns a positive packed value without its digits below
// 10^low. A DATETIME's point follows SECOND, so a qualifier ending at
// field code e has its lowest digit at 10^(10-e). IDS accepts digits
// beyond the qualifier in a bound DATETIME and truncates them:
// informix-driver binds YEAR TO FRACTION(5) with Python's sixth
// microsecond digit in the last pair (docs/PROTOCOL.md).
func truncateDigits(src []byte, low int) []byte {
	if len(src) < 2 || src[0]&0x80 == 0 {
		return src // NULL, or negative (complemented): left to the decoder
	}
	exp := int(src[0]&0x7f) - 64
	var out []byte
	for i := 1; i < len(src); i++ {
		k := exp - i // pair i holds the digits at 10^(2k+1) and 10^(2k)
		p := src[i]
		switch {
		case 2*k >= low:
			continue
		case 2*k+1 >= low:
			p = p / 10 * 10
		default:
			p = 0
		}
		if p != src[i] {
			if out == nil {
				out = append([]byte(nil), src...)
			}
			out[i] = p
		}
	}
	if out == nil {
		return src
	}
	return out
}

// bindQualifier finds the qualifier of a bound DATETIME or INTERVAL: the
// prec slot when it holds one of the right width, else the usual form of
// that width. Open question: JDBC's prec for these types is not known;
// informix-driver sends YEAR TO SECOND datetimes and DAY(9) TO FRACTION(5)
// or YEAR(9) TO MONTH intervals.
func bindQualifier(prec int16, size int, interval bool) ifxtype.Qualifier {
	q := ifxtype.Qualifier(uint16(prec))
	valid := q.ValidateDateTime() == nil
	if interval {
		valid = q.ValidateInterval() == nil
	}
	if prec != 0 && valid && q.WireLen() == size {
		return q
	}
	var candidates [][3]int
	if interval {
		candidates = [][3]int{{ifxtype.TUDay, ifxtype.TUFraction5, 9}, {ifxtype.TUYear, ifxtype.TUMonth, 9}, {ifxtype.TUDay, ifxtype.TUSecond, 9}, {ifxtype.TUHour, ifxtype.TUSecond, 9}}
		for _, cnd := range candidates {
			if q, err := ifxtype.IntervalQualifier(cnd[0], cnd[1], cnd[2]); err == nil && q.WireLen() == size {
				return q
			}
		}
		q, _ := ifxtype.IntervalQualifier(ifxtype.TUDay, ifxtype.TUFraction5, 9)
		return q
	}
	for _, end := range []int{ifxtype.TUFraction5, ifxtype.TUSecond, ifxtype.TUFraction3, ifxtype.TUDay, ifxtype.TUMinute, ifxtype.TUHour, ifxtype.TUMonth, ifxtype.TUYear} {
		if q, err := ifxtype.DateTimeQualifier(ifxtype.TUYear, end); err == nil && q.WireLen() == size {
			return q
		}
	}
	q, _ = ifxtype.DateTimeQualifier(ifxtype.TUYear, ifxtype.TUFraction5)
	return q
}
