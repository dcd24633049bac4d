package ifxtest

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// decodeRow decodes a packed tuple by the DESCRIBE, independently of the
// server's encoder, into Go values: nil, int64, float64, string, bool and
// the ifxtype values (as their String forms, for easy comparison).
func decodeRow(d *sqli.Describe, data []byte) ([]any, error) {
	var out []any
	for _, col := range d.Columns {
		v, n, err := decodeValue(col, data)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", col.Name, err)
		}
		data = data[n:]
		out = append(out, v)
	}
	if len(data) != 0 {
		return nil, fmt.Errorf("%d bytes left after the last column", len(data))
	}
	return out, nil
}

func decodeValue(col sqli.ColumnDesc, b []byte) (any, int, error) {
	need := func(n int) error {
		if len(b) < n {
			return fmt.Errorf("need %d bytes, have %d", n, len(b))
		}
		return nil
	}
	switch col.Type.Base() {
	case sqli.TypeChar, sqli.TypeNChar:
		n := int(col.EncodedLength)
		if err := need(n); err != nil {
			return nil, 0, err
		}
		if n > 0 && b[0] == 0 {
			return nil, n, nil
		}
		return string(b[:n]), n, nil
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		if err := need(1); err != nil {
			return nil, 0, err
		}
		n := int(b[0])
		if err := need(1 + n); err != nil {
			return nil, 0, err
		}
		if n == 1 && b[1] == 0 {
			return nil, 2, nil
		}
		return string(b[1 : 1+n]), 1 + n, nil
	case sqli.TypeSmallInt:
		if err := need(2); err != nil {
			return nil, 0, err
		}
		v := int16(binary.BigEndian.Uint16(b))
		if v == math.MinInt16 {
			return nil, 2, nil
		}
		return int64(v), 2, nil
	case sqli.TypeInt, sqli.TypeSerial, sqli.TypeDate:
		if err := need(4); err != nil {
			return nil, 0, err
		}
		v := int32(binary.BigEndian.Uint32(b))
		if v == math.MinInt32 {
			return nil, 4, nil
		}
		if col.Type.Base() == sqli.TypeDate {
			return ifxtype.DayNumberToDate(v, nil).Format("2006-01-02"), 4, nil
		}
		return int64(v), 4, nil
	case sqli.TypeBigInt, sqli.TypeBigSerial:
		if err := need(8); err != nil {
			return nil, 0, err
		}
		v := int64(binary.BigEndian.Uint64(b))
		if v == math.MinInt64 {
			return nil, 8, nil
		}
		return v, 8, nil
	case sqli.TypeInt8, sqli.TypeSerial8:
		if err := need(10); err != nil {
			return nil, 0, err
		}
		v, null, err := sqli.DecodeLongInt(b)
		if null {
			return nil, 10, err
		}
		return v, 10, err
	case sqli.TypeFloat:
		if err := need(8); err != nil {
			return nil, 0, err
		}
		u := binary.BigEndian.Uint64(b)
		if u == math.MaxUint64 {
			return nil, 8, nil
		}
		return math.Float64frombits(u), 8, nil
	case sqli.TypeSmallFloat:
		if err := need(4); err != nil {
			return nil, 0, err
		}
		u := binary.BigEndian.Uint32(b)
		if u == math.MaxUint32 {
			return nil, 4, nil
		}
		return float64(math.Float32frombits(u)), 4, nil
	case sqli.TypeDecimal, sqli.TypeMoney:
		p, s := ifxtype.SplitDecimalLength(uint16(col.EncodedLength))
		n := ifxtype.DecimalWireLen(p, s)
		if err := need(n); err != nil {
			return nil, 0, err
		}
		v, null, err := ifxtype.DecodeDecimalWireScale(b[:n], s)
		if null || err != nil {
			return nil, n, err
		}
		return v.String(), n, nil
	case sqli.TypeDateTime:
		q := ifxtype.Qualifier(col.EncodedLength)
		n := q.WireLen()
		if err := need(n); err != nil {
			return nil, 0, err
		}
		v, null, err := ifxtype.DecodeDateTimeWire(b[:n], q)
		if null || err != nil {
			return nil, n, err
		}
		return v.String(), n, nil
	case sqli.TypeInterval:
		q := ifxtype.Qualifier(col.EncodedLength)
		n := q.WireLen()
		if err := need(n); err != nil {
			return nil, 0, err
		}
		if q.IsYearMonth() {
			v, null, err := ifxtype.DecodeIntervalYMWire(b[:n], q)
			if null || err != nil {
				return nil, n, err
			}
			return v.String(), n, nil
		}
		v, null, err := ifxtype.DecodeIntervalDFWire(b[:n], q)
		if null || err != nil {
			return nil, n, err
		}
		return v.String(), n, nil
	case sqli.TypeUDTVar, sqli.TypeUDTFixed:
		if err := need(5); err != nil {
			return nil, 0, err
		}
		n := int(int32(binary.BigEndian.Uint32(b[1:])))
		if err := need(5 + n); err != nil {
			return nil, 0, err
		}
		if b[0] != 0 {
			return nil, 5 + n, nil
		}
		if col.ExtendedID == sqli.XIDBoolean {
			return b[5] == 't', 5 + n, nil
		}
		return string(b[5 : 5+n]), 5 + n, nil
	}
	return nil, 0, fmt.Errorf("type %v", col.Type)
}
