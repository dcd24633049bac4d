package ifxtype

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// TextDecoder converts character data from the client code set to Go
// strings; package ifxconn's Codec is one.
type TextDecoder interface {
	// Decode returns b as a Go string.
	Decode(b []byte, scratch *[]byte) string
	// AppendDecoded appends the UTF-8 form of b to dst.
	AppendDecoded(dst, b []byte, scratch *[]byte) []byte
}

// ColumnDecoder decodes the column values of fetched rows, by their
// ColumnPlan, into Go values: plain switches on the column's kind, no
// registry. Its methods take the value's bytes as the row splitter cut
// them; they fail for a conversion the column's type does not allow.
type ColumnDecoder struct {
	Location *time.Location // the zone of DATE and DATETIME values
	Codec    TextDecoder    // the client code set
	// DBDATE is the session's DBDATE (IDS's default MDY4/ when empty):
	// the layout of DATE elements in a composite's text.
	DBDATE  string
	scratch []byte
}

// IsNull reports whether a column value is NULL, per type (docs/PROTOCOL.md,
// note N3).
func (ci *ColumnPlan) IsNull(v []byte) bool {
	switch ci.Kind {
	case ColChar:
		return len(v) > 0 && v[0] == 0
	case ColVarChar:
		return len(v) == 2 && v[0] == 1 && v[1] == 0
	case ColSmallInt:
		return binary.BigEndian.Uint16(v) == 0x8000
	case ColInt, ColDate:
		return binary.BigEndian.Uint32(v) == 0x80000000
	case ColBigInt:
		return binary.BigEndian.Uint64(v) == 1<<63
	case ColInt8:
		return v[0] == 0 && v[1] == 0
	case ColFloat:
		return binary.BigEndian.Uint64(v) == math.MaxUint64
	case ColSmallFloat:
		return binary.BigEndian.Uint32(v) == math.MaxUint32
	case ColDecimal, ColDateTime, ColIntervalDF, ColIntervalYM:
		return len(v) == 0 || v[0] == 0 && (len(v) == 1 || v[1] == 0)
	case ColBool, ColText, ColOpaque:
		return v[0] != 0
	case ColBlobDesc:
		return len(v) > 39 && v[39]&1 != 0
	}
	return false
}

// Payload returns the bytes of a text or opaque value without its
// length prefix or wrapper.
func (ci *ColumnPlan) Payload(v []byte) []byte {
	switch ci.Kind {
	case ColVarChar:
		return v[1:]
	case ColBool, ColText, ColOpaque:
		return v[5:]
	}
	return v
}

// Int64 decodes an integer column (or an exact DECIMAL, FLOAT or text).
func (d *ColumnDecoder) Int64(ci *ColumnPlan, v []byte) (int64, error) {
	switch ci.Kind {
	case ColSmallInt:
		return int64(int16(binary.BigEndian.Uint16(v))), nil
	case ColInt:
		return int64(int32(binary.BigEndian.Uint32(v))), nil
	case ColBigInt:
		return int64(binary.BigEndian.Uint64(v)), nil
	case ColInt8:
		n, _, err := sqli.DecodeLongInt(v)
		return n, err
	case ColDecimal:
		d, err := d.Decimal(ci, v)
		if err != nil {
			return 0, err
		}
		return d.Int64()
	case ColFloat, ColSmallFloat:
		f, _ := d.Float64(ci, v)
		if f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
			return 0, fmt.Errorf("%v is not an integer that fits int64", f)
		}
		return int64(f), nil
	case ColBool:
		if d.Bool(v) {
			return 1, nil
		}
		return 0, nil
	case ColChar, ColVarChar, ColText:
		return strconv.ParseInt(trimBlanks(string(ci.Payload(v))), 10, 64)
	}
	return 0, fmt.Errorf("cannot convert %s to an integer", ci.TypeName)
}

func (d *ColumnDecoder) Float64(ci *ColumnPlan, v []byte) (float64, error) {
	switch ci.Kind {
	case ColFloat:
		return math.Float64frombits(binary.BigEndian.Uint64(v)), nil
	case ColSmallFloat:
		return float64(math.Float32frombits(binary.BigEndian.Uint32(v))), nil
	case ColDecimal:
		d, err := d.Decimal(ci, v)
		return d.Float64(), err
	case ColSmallInt, ColInt, ColBigInt, ColInt8:
		n, err := d.Int64(ci, v)
		return float64(n), err
	case ColChar, ColVarChar, ColText:
		return strconv.ParseFloat(trimBlanks(string(ci.Payload(v))), 64)
	}
	return 0, fmt.Errorf("cannot convert %s to a float", ci.TypeName)
}

func (d *ColumnDecoder) Decimal(ci *ColumnPlan, v []byte) (Decimal, error) {
	switch ci.Kind {
	case ColDecimal:
		scale := ci.Scale
		if scale < 0 {
			scale = DecimalFloatingScale
		}
		d, _, err := DecodeDecimalWireScale(v, scale)
		return d, err
	case ColSmallInt, ColInt, ColBigInt, ColInt8:
		n, err := d.Int64(ci, v)
		return DecimalFromInt64(n), err
	case ColFloat, ColSmallFloat:
		f, _ := d.Float64(ci, v)
		return DecimalFromFloat64(f)
	case ColChar, ColVarChar, ColText:
		return ParseDecimal(trimBlanks(string(ci.Payload(v))))
	}
	return Decimal{}, fmt.Errorf("cannot convert %s to a decimal", ci.TypeName)
}

func (d *ColumnDecoder) Bool(v []byte) bool {
	p := v[5:]
	return len(p) > 0 && (p[0] == 1 || p[0] == 't' || p[0] == 'T')
}

func (d *ColumnDecoder) Time(ci *ColumnPlan, v []byte) (time.Time, error) {
	loc := d.Location
	switch ci.Kind {
	case ColDate:
		return DayNumberToDate(int32(binary.BigEndian.Uint32(v)), loc), nil
	case ColDateTime:
		if ci.DTFast {
			if t, ok := fastDateTime(v, ci.DTLow, loc); ok {
				return t, nil
			}
		}
		dt, _, err := DecodeDateTimeWire(v, ci.Qual)
		if err != nil {
			return time.Time{}, err
		}
		return dt.Time(loc), nil
	}
	return time.Time{}, fmt.Errorf("cannot convert %s to time.Time", ci.TypeName)
}

func (d *ColumnDecoder) IntervalDF(ci *ColumnPlan, v []byte) (IntervalDF, error) {
	if ci.Kind != ColIntervalDF {
		return IntervalDF{}, fmt.Errorf("cannot convert %s to a day-to-fraction interval", ci.TypeName)
	}
	iv, _, err := DecodeIntervalDFWire(v, ci.Qual)
	return iv, err
}

// DecodeText returns character data in the client code set as a Go
// string: Text's result for a CHAR, VARCHAR or LVARCHAR payload.
func (d *ColumnDecoder) DecodeText(b []byte) string {
	return d.Codec.Decode(b, &d.scratch)
}

// Text returns the column as a string: character data decoded from the
// client code set, other types in their Informix text form.
func (d *ColumnDecoder) Text(ci *ColumnPlan, v []byte) (string, error) {
	switch ci.Kind {
	case ColChar, ColVarChar, ColText:
		return d.Codec.Decode(ci.Payload(v), &d.scratch), nil
	case ColOpaque:
		return string(ci.Payload(v)), nil
	case ColBool:
		if d.Bool(v) {
			return "t", nil
		}
		return "f", nil
	case ColSmallInt, ColInt, ColBigInt, ColInt8:
		n, err := d.Int64(ci, v)
		return strconv.FormatInt(n, 10), err
	case ColFloat:
		f, _ := d.Float64(ci, v)
		return strconv.FormatFloat(f, 'g', -1, 64), nil
	case ColSmallFloat:
		f, _ := d.Float64(ci, v)
		return strconv.FormatFloat(f, 'g', -1, 32), nil
	case ColDecimal:
		d, err := d.Decimal(ci, v)
		return d.String(), err
	case ColDate:
		t, _ := d.Time(ci, v)
		return t.Format(time.DateOnly), nil
	case ColDateTime:
		dt, _, err := DecodeDateTimeWire(v, ci.Qual)
		return dt.String(), err
	case ColIntervalDF:
		iv, _, err := DecodeIntervalDFWire(v, ci.Qual)
		return iv.String(), err
	case ColIntervalYM:
		iv, _, err := DecodeIntervalYMWire(v, ci.Qual)
		return iv.String(), err
	}
	return "", fmt.Errorf("%s values cannot be read yet: %w", ci.TypeName, errors.ErrUnsupported)
}

func trimBlanks(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == 0) {
		s = s[:len(s)-1]
	}
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	return s
}

// Value returns the column as its natural Go type (nil for NULL):
// SMALLINT int16, INTEGER/SERIAL int32, BIGINT/INT8 int64, SMALLFLOAT
// float32, FLOAT float64, DECIMAL/MONEY Decimal, character types
// string, BOOLEAN bool, DATE time.Time, DATETIME time.Time (or
// DateTime when it has no year), INTERVAL day-to-fraction
// time.Duration (IntervalDF beyond its range), year-to-month
// IntervalYM, BLOB and CLOB Locator, BYTE and other opaque types
// []byte, TEXT string, SET/MULTISET/LIST []any and ROW *Row (Composite).
func (d *ColumnDecoder) Value(ci *ColumnPlan, v []byte) (any, error) {
	if ci.Kind == ColUnsupported || ci.Kind == ColBlobDesc {
		return nil, fmt.Errorf("%s values cannot be read yet: %w", ci.TypeName, errors.ErrUnsupported)
	}
	if ci.IsNull(v) {
		return nil, nil
	}
	if ci.Comp != nil {
		return d.Composite(ci, v)
	}
	switch ci.Kind {
	case ColSmallInt:
		return int16(binary.BigEndian.Uint16(v)), nil
	case ColInt:
		return int32(binary.BigEndian.Uint32(v)), nil
	case ColBigInt, ColInt8:
		return d.Int64(ci, v)
	case ColFloat:
		return d.Float64(ci, v)
	case ColSmallFloat:
		return math.Float32frombits(binary.BigEndian.Uint32(v)), nil
	case ColDecimal:
		return d.Decimal(ci, v)
	case ColChar, ColVarChar, ColText:
		return d.Text(ci, v)
	case ColBool:
		return d.Bool(v), nil
	case ColDate:
		return d.Time(ci, v)
	case ColDateTime:
		if ci.Qual.Start() == TUYear {
			return d.Time(ci, v)
		}
		dt, _, err := DecodeDateTimeWire(v, ci.Qual)
		if err != nil {
			return nil, err
		}
		return dt, nil
	case ColIntervalDF, ColIntervalYM:
		return d.IntervalValue(ci, v)
	case ColOpaque:
		if kind, ok := ci.LOKind(); ok {
			return ci.Locator(v, kind)
		}
		return append([]byte{}, ci.Payload(v)...), nil // empty, not NULL
	}
	return nil, fmt.Errorf("%s values cannot be read yet: %w", ci.TypeName, errors.ErrUnsupported)
}

// IntervalValue returns a non-NULL INTERVAL as time.Duration (day to
// fraction, IntervalDF beyond Duration's range) or
// IntervalYM (year to month).
func (d *ColumnDecoder) IntervalValue(ci *ColumnPlan, v []byte) (any, error) {
	if ci.Kind == ColIntervalYM {
		iv, _, err := DecodeIntervalYMWire(v, ci.Qual)
		if err != nil {
			return nil, err
		}
		return iv, nil
	}
	iv, err := d.IntervalDF(ci, v)
	if err != nil {
		return nil, err
	}
	if d, err := iv.Duration(); err == nil {
		return d, nil
	}
	return iv, nil
}

// DriverValue returns the column in one of database/sql's driver.Value
// types (int64, float64, bool, []byte, string, time.Time), for
// sql.Scanner destinations. A BLOB or CLOB gives its locator's bytes:
// reading the object needs the connection (package ifx does it).
func (d *ColumnDecoder) DriverValue(ci *ColumnPlan, v []byte) (any, error) {
	if ci.Kind == ColUnsupported || ci.Kind == ColBlobDesc {
		return nil, fmt.Errorf("%s values cannot be read yet: %w", ci.TypeName, errors.ErrUnsupported)
	}
	if ci.IsNull(v) {
		return nil, nil
	}
	switch ci.Kind {
	case ColSmallInt, ColInt, ColBigInt, ColInt8:
		return d.Int64(ci, v)
	case ColFloat, ColSmallFloat:
		return d.Float64(ci, v)
	case ColBool:
		return d.Bool(v), nil
	case ColDate:
		return d.Time(ci, v)
	case ColDateTime:
		// Every DATETIME, with or without YEAR, is a time.Time here, so
		// that database/sql scans it into *time.Time and sql.NullTime as
		// the native Scan does; missing fields come from the base date of
		// DateTime.Time.
		return d.Time(ci, v)
	case ColOpaque:
		return append([]byte{}, ci.Payload(v)...), nil // empty, not NULL
	}
	return d.Text(ci, v)
}

// Composite decodes a non-NULL composite: []any for a collection,
// *Row for a ROW.
func (d *ColumnDecoder) Composite(ci *ColumnPlan, v []byte) (any, error) {
	text := d.Codec.Decode(ci.Payload(v), &d.scratch)
	return DecodeComposite(text, ci.Comp, DefaultCompositeLimits)
}

// BoolValue decodes a non-NULL column into a bool: BOOLEAN, an integer
// (non-zero is true) or text (t/f, 1/0, true/false, y/n).
func (d *ColumnDecoder) BoolValue(ci *ColumnPlan, v []byte) (bool, error) {
	switch ci.Kind {
	case ColBool:
		return d.Bool(v), nil
	case ColSmallInt, ColInt, ColBigInt, ColInt8:
		n, _ := d.Int64(ci, v)
		return n != 0, nil
	case ColChar, ColVarChar, ColText:
		switch trimBlanks(string(ci.Payload(v))) {
		case "t", "T", "1", "true", "TRUE", "y", "Y":
			return true, nil
		case "f", "F", "0", "false", "FALSE", "n", "N":
			return false, nil
		}
		return false, fmt.Errorf("cannot convert %q to bool", ci.Payload(v))
	}
	return false, fmt.Errorf("cannot convert %s to bool", ci.TypeName)
}

// FastDateTime decodes a DATETIME YEAR TO x value without allocating,
// when the plan allows it (DTFast) and the value is a valid date; ok is
// false otherwise, and DecodeDateTimeWire then decides.
func (ci *ColumnPlan) FastDateTime(v []byte) (dt DateTime, ok bool) {
	if !ci.DTFast {
		return DateTime{}, false
	}
	return fastDateTimeValue(v, ci.DTLow, ci.Qual)
}

// IsInteger reports an integer kind: SMALLINT, INTEGER, BIGINT, INT8.
func (k ColumnKind) IsInteger() bool {
	return k == ColSmallInt || k == ColInt || k == ColBigInt || k == ColInt8
}

// IsText reports a character kind: CHAR, VARCHAR, LVARCHAR and the
// text-carrying opaque types.
func (k ColumnKind) IsText() bool {
	return k == ColChar || k == ColVarChar || k == ColText
}

// SplitRow cuts a tuple (the packed layout of SQ_TUPLE) into its column
// values, appended to dst: fixed widths from the plans, a length byte for
// VARCHAR, an indicator and a 32-bit length for the rest. The values
// alias data. A tuple whose layout does not fit the plans is an error.
func SplitRow(dst [][]byte, plans []ColumnPlan, data []byte) ([][]byte, error) {
	off := 0
	for i := range plans {
		end := valueEnd(data, off, columnLayout(&plans[i]))
		if end < 0 {
			return dst, layoutError(plans, i, data)
		}
		dst = append(dst, data[off:end:end])
		off = end
	}
	if off != len(data) {
		return dst, fmt.Errorf("tuple of %d bytes, columns end at byte %d", len(data), off)
	}
	return dst, nil
}

func layoutError(plans []ColumnPlan, i int, data []byte) error {
	return fmt.Errorf("tuple of %d bytes ends inside column %d (%s)", len(data), i+1, plans[i].TypeName)
}

// ScanDateTime stores a DATETIME column in *dest with the column's own
// qualifier; another type is an error and leaves *dest alone.
func (d *ColumnDecoder) ScanDateTime(ci *ColumnPlan, v []byte, dest *DateTime) error {
	if ci.Kind != ColDateTime {
		return fmt.Errorf("cannot convert %s to ifxtype.DateTime", ci.TypeName)
	}
	if dt, ok := ci.FastDateTime(v); ok {
		*dest = dt
		return nil
	}
	dt, _, err := DecodeDateTimeWire(v, ci.Qual)
	*dest = dt
	return err
}

// ScanIntervalDF stores a day-to-fraction INTERVAL column in *dest.
func (d *ColumnDecoder) ScanIntervalDF(ci *ColumnPlan, v []byte, dest *IntervalDF) error {
	iv, err := d.IntervalDF(ci, v)
	*dest = iv
	return err
}

// ScanIntervalYM stores a year-to-month INTERVAL column in *dest; another
// type is an error and leaves *dest alone.
func (d *ColumnDecoder) ScanIntervalYM(ci *ColumnPlan, v []byte, dest *IntervalYM) error {
	if ci.Kind != ColIntervalYM {
		return fmt.Errorf("cannot convert %s to ifxtype.IntervalYM", ci.TypeName)
	}
	iv, _, err := DecodeIntervalYMWire(v, ci.Qual)
	*dest = iv
	return err
}
