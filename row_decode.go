package ifx

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// splitData cuts a tuple (packed layout) into column values. The slices
// alias the reader's buffer and are valid until the next read.
func (r *Rows) splitData(data []byte) error {
	off := 0
	for i := range r.cols {
		ci := &r.cols[i]
		start := off
		switch {
		case ci.width > 0 || ci.kind == kChar: // CHAR(0): values of no bytes
			off += ci.width
		case ci.kind == kVarChar:
			if off >= len(data) {
				return r.layoutError(i, data)
			}
			off += 1 + int(data[off])
		default: // u8 indicator, i32 length, bytes
			if off+5 > len(data) {
				return r.layoutError(i, data)
			}
			n := int(int32(binary.BigEndian.Uint32(data[off+1:])))
			if n < 0 {
				return r.layoutError(i, data)
			}
			off += 5 + n
		}
		if off > len(data) {
			return r.layoutError(i, data)
		}
		r.vals = append(r.vals, data[start:off:off])
	}
	if off != len(data) {
		return &ProtocolError{Op: "fetch", Err: fmt.Errorf("tuple of %d bytes, columns end at byte %d", len(data), off)}
	}
	return nil
}

func (r *Rows) layoutError(i int, data []byte) error {
	return &ProtocolError{Op: "fetch", Err: fmt.Errorf("tuple of %d bytes ends inside column %d (%s)", len(data), i+1, r.columns[i].TypeName)}
}

// isNull reports whether a column value is NULL, per type (docs/PROTOCOL.md,
// note N3).
func (ci *colInfo) isNull(v []byte) bool {
	switch ci.kind {
	case kChar:
		return len(v) > 0 && v[0] == 0
	case kVarChar:
		return len(v) == 2 && v[0] == 1 && v[1] == 0
	case kSmallInt:
		return binary.BigEndian.Uint16(v) == 0x8000
	case kInt, kDate:
		return binary.BigEndian.Uint32(v) == 0x80000000
	case kBigInt:
		return binary.BigEndian.Uint64(v) == 1<<63
	case kInt8:
		return v[0] == 0 && v[1] == 0
	case kFloat:
		return binary.BigEndian.Uint64(v) == math.MaxUint64
	case kSmallFloat:
		return binary.BigEndian.Uint32(v) == math.MaxUint32
	case kDecimal, kDateTime, kIntervalDF, kIntervalYM:
		return len(v) == 0 || v[0] == 0 && (len(v) == 1 || v[1] == 0)
	case kBool, kText, kOpaque:
		return v[0] != 0
	case kBlobDesc:
		return len(v) > 39 && v[39]&1 != 0
	}
	return false
}

// payload returns the bytes of a text or opaque value without its
// length prefix or wrapper.
func (ci *colInfo) payload(v []byte) []byte {
	switch ci.kind {
	case kVarChar:
		return v[1:]
	case kBool, kText, kOpaque:
		return v[5:]
	}
	return v
}

// ScanError reports a column that could not be stored in its destination.
type ScanError struct {
	Column string // column name
	Index  int    // 0-based column index
	Err    error
}

// Error implements error.
func (e *ScanError) Error() string {
	return fmt.Sprintf("ifx: scan column %d (%s): %v", e.Index, e.Column, e.Err)
}

// Unwrap returns the cause.
func (e *ScanError) Unwrap() error { return e.Err }

var errNull = fmt.Errorf("NULL cannot be stored here; scan into a pointer or an sql.Null type")

// int64Of decodes an integer column (or an exact DECIMAL, FLOAT or text).
func (r *Rows) int64Of(ci *colInfo, v []byte) (int64, error) {
	switch ci.kind {
	case kSmallInt:
		return int64(int16(binary.BigEndian.Uint16(v))), nil
	case kInt:
		return int64(int32(binary.BigEndian.Uint32(v))), nil
	case kBigInt:
		return int64(binary.BigEndian.Uint64(v)), nil
	case kInt8:
		n, _, err := sqli.DecodeLongInt(v)
		return n, err
	case kDecimal:
		d, err := r.decimalOf(ci, v)
		if err != nil {
			return 0, err
		}
		return d.Int64()
	case kFloat, kSmallFloat:
		f, _ := r.float64Of(ci, v)
		if f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
			return 0, fmt.Errorf("%v is not an integer that fits int64", f)
		}
		return int64(f), nil
	case kBool:
		if r.boolOf(v) {
			return 1, nil
		}
		return 0, nil
	case kChar, kVarChar, kText:
		return strconv.ParseInt(trimBlanks(string(ci.payload(v))), 10, 64)
	}
	return 0, fmt.Errorf("cannot convert %s to an integer", r.typeName(ci))
}

func (r *Rows) float64Of(ci *colInfo, v []byte) (float64, error) {
	switch ci.kind {
	case kFloat:
		return math.Float64frombits(binary.BigEndian.Uint64(v)), nil
	case kSmallFloat:
		return float64(math.Float32frombits(binary.BigEndian.Uint32(v))), nil
	case kDecimal:
		d, err := r.decimalOf(ci, v)
		return d.Float64(), err
	case kSmallInt, kInt, kBigInt, kInt8:
		n, err := r.int64Of(ci, v)
		return float64(n), err
	case kChar, kVarChar, kText:
		return strconv.ParseFloat(trimBlanks(string(ci.payload(v))), 64)
	}
	return 0, fmt.Errorf("cannot convert %s to a float", r.typeName(ci))
}

func (r *Rows) decimalOf(ci *colInfo, v []byte) (ifxtype.Decimal, error) {
	switch ci.kind {
	case kDecimal:
		scale := ci.scale
		if scale < 0 {
			scale = ifxtype.DecimalFloatingScale
		}
		d, _, err := ifxtype.DecodeDecimalWireScale(v, scale)
		return d, err
	case kSmallInt, kInt, kBigInt, kInt8:
		n, err := r.int64Of(ci, v)
		return ifxtype.DecimalFromInt64(n), err
	case kFloat, kSmallFloat:
		f, _ := r.float64Of(ci, v)
		return ifxtype.DecimalFromFloat64(f)
	case kChar, kVarChar, kText:
		return ifxtype.ParseDecimal(trimBlanks(string(ci.payload(v))))
	}
	return ifxtype.Decimal{}, fmt.Errorf("cannot convert %s to a decimal", r.typeName(ci))
}

func (r *Rows) boolOf(v []byte) bool {
	p := v[5:]
	return len(p) > 0 && (p[0] == 1 || p[0] == 't' || p[0] == 'T')
}

func (r *Rows) timeOf(ci *colInfo, v []byte) (time.Time, error) {
	loc := r.c.cfg.TimeLocation
	switch ci.kind {
	case kDate:
		return ifxtype.DayNumberToDate(int32(binary.BigEndian.Uint32(v)), loc), nil
	case kDateTime:
		if ci.dtFast {
			if t, ok := fastDateTime(v, ci.dtLow, loc); ok {
				return t, nil
			}
		}
		dt, _, err := ifxtype.DecodeDateTimeWire(v, ci.qual)
		if err != nil {
			return time.Time{}, err
		}
		return dt.Time(loc), nil
	}
	return time.Time{}, fmt.Errorf("cannot convert %s to time.Time", r.typeName(ci))
}

func (r *Rows) intervalDFOf(ci *colInfo, v []byte) (ifxtype.IntervalDF, error) {
	if ci.kind != kIntervalDF {
		return ifxtype.IntervalDF{}, fmt.Errorf("cannot convert %s to a day-to-fraction interval", r.typeName(ci))
	}
	iv, _, err := ifxtype.DecodeIntervalDFWire(v, ci.qual)
	return iv, err
}

// text returns the column as a string: character data decoded from the
// client code set, other types in their Informix text form.
func (r *Rows) text(ci *colInfo, v []byte) (string, error) {
	switch ci.kind {
	case kChar, kVarChar, kText:
		return r.c.codec.decode(ci.payload(v), &r.scratch), nil
	case kOpaque:
		return string(ci.payload(v)), nil
	case kBool:
		if r.boolOf(v) {
			return "t", nil
		}
		return "f", nil
	case kSmallInt, kInt, kBigInt, kInt8:
		n, err := r.int64Of(ci, v)
		return strconv.FormatInt(n, 10), err
	case kFloat:
		f, _ := r.float64Of(ci, v)
		return strconv.FormatFloat(f, 'g', -1, 64), nil
	case kSmallFloat:
		f, _ := r.float64Of(ci, v)
		return strconv.FormatFloat(f, 'g', -1, 32), nil
	case kDecimal:
		d, err := r.decimalOf(ci, v)
		return d.String(), err
	case kDate:
		t, _ := r.timeOf(ci, v)
		return t.Format(time.DateOnly), nil
	case kDateTime:
		dt, _, err := ifxtype.DecodeDateTimeWire(v, ci.qual)
		return dt.String(), err
	case kIntervalDF:
		iv, _, err := ifxtype.DecodeIntervalDFWire(v, ci.qual)
		return iv.String(), err
	case kIntervalYM:
		iv, _, err := ifxtype.DecodeIntervalYMWire(v, ci.qual)
		return iv.String(), err
	}
	return "", fmt.Errorf("%s values cannot be read yet: %w", r.typeName(ci), ErrUnsupported)
}

func (r *Rows) typeName(ci *colInfo) string {
	for i := range r.cols {
		if &r.cols[i] == ci {
			return r.columns[i].TypeName
		}
	}
	return "?"
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

// value returns the column as its natural Go type (nil for NULL):
// SMALLINT int16, INTEGER/SERIAL int32, BIGINT/INT8 int64, SMALLFLOAT
// float32, FLOAT float64, DECIMAL/MONEY ifxtype.Decimal, character types
// string, BOOLEAN bool, DATE time.Time, DATETIME time.Time (or
// ifxtype.DateTime when it has no year), INTERVAL day-to-fraction
// time.Duration (ifxtype.IntervalDF beyond its range), year-to-month
// ifxtype.IntervalYM, BYTE and other opaque types []byte, TEXT string,
// SET/MULTISET/LIST []any and ROW *ifxtype.Row (rows_composite.go).
func (r *Rows) value(i int) (any, error) {
	ci := &r.cols[i]
	v := r.vals[i]
	if ci.kind == kUnsupported || ci.kind == kBlobDesc {
		return nil, fmt.Errorf("%s values cannot be read yet: %w", r.columns[i].TypeName, ErrUnsupported)
	}
	if ci.isNull(v) {
		return nil, nil
	}
	if ci.comp != nil {
		return r.compositeValue(ci, v)
	}
	switch ci.kind {
	case kSmallInt:
		return int16(binary.BigEndian.Uint16(v)), nil
	case kInt:
		return int32(binary.BigEndian.Uint32(v)), nil
	case kBigInt, kInt8:
		return r.int64Of(ci, v)
	case kFloat:
		return r.float64Of(ci, v)
	case kSmallFloat:
		return math.Float32frombits(binary.BigEndian.Uint32(v)), nil
	case kDecimal:
		return r.decimalOf(ci, v)
	case kChar, kVarChar, kText:
		return r.text(ci, v)
	case kBool:
		return r.boolOf(v), nil
	case kDate:
		return r.timeOf(ci, v)
	case kDateTime:
		if ci.qual.Start() == ifxtype.TUYear {
			return r.timeOf(ci, v)
		}
		dt, _, err := ifxtype.DecodeDateTimeWire(v, ci.qual)
		if err != nil {
			return nil, err
		}
		return dt, nil
	case kIntervalDF, kIntervalYM:
		return r.intervalValue(ci, v)
	case kOpaque:
		if kind, ok := ci.loKind(); ok {
			return r.locator(ci, v, kind)
		}
		return append([]byte{}, ci.payload(v)...), nil // empty, not NULL
	}
	return nil, fmt.Errorf("%s values cannot be read yet: %w", r.columns[i].TypeName, ErrUnsupported)
}

// intervalValue returns a non-NULL INTERVAL as time.Duration (day to
// fraction, ifxtype.IntervalDF beyond Duration's range) or
// ifxtype.IntervalYM (year to month).
func (r *Rows) intervalValue(ci *colInfo, v []byte) (any, error) {
	if ci.kind == kIntervalYM {
		iv, _, err := ifxtype.DecodeIntervalYMWire(v, ci.qual)
		if err != nil {
			return nil, err
		}
		return iv, nil
	}
	iv, err := r.intervalDFOf(ci, v)
	if err != nil {
		return nil, err
	}
	if d, err := iv.Duration(); err == nil {
		return d, nil
	}
	return iv, nil
}

// driverValue returns the column in one of database/sql's driver.Value
// types (int64, float64, bool, []byte, string, time.Time), for
// sql.Scanner destinations.
func (r *Rows) driverValue(i int) (any, error) {
	ci := &r.cols[i]
	v := r.vals[i]
	if ci.kind == kUnsupported || ci.kind == kBlobDesc {
		return nil, fmt.Errorf("%s values cannot be read yet: %w", r.columns[i].TypeName, ErrUnsupported)
	}
	if ci.isNull(v) {
		return nil, nil
	}
	switch ci.kind {
	case kSmallInt, kInt, kBigInt, kInt8:
		return r.int64Of(ci, v)
	case kFloat, kSmallFloat:
		return r.float64Of(ci, v)
	case kBool:
		return r.boolOf(v), nil
	case kDate:
		return r.timeOf(ci, v)
	case kDateTime:
		// Every DATETIME, with or without YEAR, is a time.Time here, so
		// that database/sql scans it into *time.Time and sql.NullTime as
		// the native Scan does; missing fields come from the base date of
		// ifxtype.DateTime.Time.
		return r.timeOf(ci, v)
	case kOpaque:
		if kind, ok := ci.loKind(); ok {
			return r.driverLO(i, kind)
		}
		return append([]byte{}, ci.payload(v)...), nil // empty, not NULL
	}
	return r.text(ci, v)
}
