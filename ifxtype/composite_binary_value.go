package ifxtype

import (
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// Values inside the binary form, written by the type tree's node for
// them (docs/PROTOCOL.md, "Fixed-width elements", "Variable-width
// elements", "ROW field forms", "Nested values").

const notNull = int16(sqli.TypeNotNull)

// nodeBase is a node's type code without flags, LVARCHAR and BOOLEAN as
// the catalog may name them (40/41 with extended ids 1 and 5) mapped to
// 43 and 45, as JDBC does.
func nodeBase(n *TypeNode) sqli.TypeCode {
	t := sqli.TypeCode(n.Type & 0xff)
	switch {
	case t == sqli.TypeUDTVar && n.XID == sqli.XIDLVarChar:
		return sqli.TypeLVarChar
	case t == sqli.TypeUDTFixed && n.XID == sqli.XIDBoolean:
		return sqli.TypeBool
	}
	return t
}

func isCollectionCode(t sqli.TypeCode) bool {
	return t == sqli.TypeSet || t == sqli.TypeMultiset || t == sqli.TypeList
}

// needsDirectory reports whether a collection of elements of node n
// carries the offset directory: variable-width and nested elements do.
func needsDirectory(n *TypeNode) bool {
	switch t := nodeBase(n); t {
	case sqli.TypeVarChar, sqli.TypeNVarChar, sqli.TypeLVarChar, sqli.TypeBool, sqli.TypeRow:
		return true
	default:
		return isCollectionCode(t)
	}
}

// AppendCompositeData appends the data of a composite value of type n
// (a collection or ROW node): elements or fields, directories and
// nested values. v is a collection ([]any elements, a Go slice, Set,
// Multiset, List) or a ROW's fields ([]any in order, Row, *Row, a
// struct).
func AppendCompositeData(dst []byte, n *TypeNode, v any, opt *BinaryOptions) ([]byte, error) {
	return appendCompositeData(dst, n, v, opt, 0)
}

func appendCompositeData(dst []byte, n *TypeNode, v any, opt *BinaryOptions, depth int) ([]byte, error) {
	if depth > MaxTreeDepth {
		return dst, fmt.Errorf("%w: nested deeper than %d levels", ErrCompositeBinary, MaxTreeDepth)
	}
	start := len(dst)
	t := nodeBase(n)
	if t == sqli.TypeRow {
		fields, err := rowValues(v)
		if err != nil {
			return dst, err
		}
		if len(fields) != len(n.Members) {
			return dst, fmt.Errorf("%w: %d values for a ROW of %d fields", ErrCompositeBinary, len(fields), len(n.Members))
		}
		offs := make([]int, len(fields))
		for i, f := range n.Members {
			offs[i] = len(dst) - start
			if dst, err = appendMember(dst, start, f, fields[i], opt, depth, true); err != nil {
				return dst, fmt.Errorf("field %s: %w", f.FieldName, err)
			}
		}
		return appendDirectory(dst, offs), nil
	}
	if !isCollectionCode(t) || len(n.Members) != 1 {
		return dst, fmt.Errorf("%w: type %#x with %d members is no collection or ROW", ErrCompositeBinary, n.Type, len(n.Members))
	}
	elems, ok := collectionValues(v)
	if !ok {
		return dst, fmt.Errorf("%w: a %T for a collection", ErrCompositeBinary, v)
	}
	e := n.Members[0]
	dir := needsDirectory(e)
	var offs []int
	for i, x := range elems {
		if isNil(x) {
			return dst, fmt.Errorf("element %d: %w", i+1, ErrNullElement)
		}
		if dir {
			offs = append(offs, len(dst)-start)
		}
		var err error
		if dst, err = appendMember(dst, start, e, x, opt, depth, false); err != nil {
			return dst, fmt.Errorf("element %d: %w", i+1, err)
		}
	}
	if len(offs) > 0 {
		dst = appendDirectory(dst, offs)
	}
	return dst, nil
}

// appendMember appends one element or field: nested when composite.
func appendMember(dst []byte, dataStart int, n *TypeNode, v any, opt *BinaryOptions, depth int, inRow bool) ([]byte, error) {
	v = derefValue(v)
	if t := nodeBase(n); t == sqli.TypeRow || isCollectionCode(t) {
		if isNil(v) {
			if inRow && t == sqli.TypeRow {
				// JDBC binds a NULL ROW field as i16 length 1 and the
				// indicator 1, unpadded (docs/PROTOCOL.md, "Nested
				// values").
				return append(dst, 0, 1, 1), nil
			}
			return dst, fmt.Errorf("%w: a NULL composite inside a composite has no known binary form", ErrCompositeBinary)
		}
		return appendNested(dst, dataStart, func(b []byte) ([]byte, error) {
			return appendCompositeData(b, n, v, opt, depth+1)
		})
	}
	return appendScalar(dst, n, v, opt, inRow)
}

// derefValue follows pointers and driver.Valuers (once each level).
func derefValue(v any) any {
	for range 8 {
		if v == nil {
			return nil
		}
		switch v.(type) {
		case Decimal, DateTime, IntervalDF, IntervalYM, time.Time, *Row:
			return v
		}
		rv := reflect.ValueOf(v)
		switch {
		case rv.Kind() == reflect.Pointer:
			if rv.IsNil() {
				return nil
			}
			v = rv.Elem().Interface()
		case isComposite(rv):
			return v
		case rv.Type().Implements(valuerType):
			x, err := v.(driver.Valuer).Value()
			if err != nil {
				return valuerError{err}
			}
			v = x
		default:
			return v
		}
	}
	return v
}

// valuerError carries a Valuer's error to the encoder.
type valuerError struct{ err error }

// collectionValues returns a collection argument's elements.
func collectionValues(v any) ([]any, bool) {
	switch x := v.(type) {
	case Set:
		return x, true
	case Multiset:
		return x, true
	case List:
		return x, true
	case []any:
		return x, true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice || rv.Type().Elem().Kind() == reflect.Uint8 {
		return nil, false
	}
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out, true
}

// rowValues returns a ROW argument's field values in order.
func rowValues(v any) ([]any, error) {
	var fields []RowField
	switch x := v.(type) {
	case []any:
		return x, nil
	case Row:
		fields = x.Fields
	case *Row:
		fields = x.Fields
	default:
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Struct {
			return nil, fmt.Errorf("%w: a %T for a ROW", ErrCompositeBinary, v)
		}
		t := rv.Type()
		var out []any
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && f.Tag.Get("db") != "-" {
				out = append(out, rv.Field(i).Interface())
			}
		}
		return out, nil
	}
	out := make([]any, len(fields))
	for i, f := range fields {
		out[i] = f.Value
	}
	return out, nil
}

func badValue(n *TypeNode, v any) error {
	return fmt.Errorf("%w: a %T for type %#x", ErrCompositeBinary, v, n.Type)
}

// appendScalar appends a scalar element or field of node n. NULL (v nil)
// is allowed in a ROW only, in the tuple's NULL form (note N3).
func appendScalar(dst []byte, n *TypeNode, v any, opt *BinaryOptions, inRow bool) ([]byte, error) {
	if ve, ok := v.(valuerError); ok {
		return dst, ve.err
	}
	t := nodeBase(n)
	if v == nil {
		if !inRow {
			return dst, ErrNullElement
		}
		return appendNullScalar(dst, n, t)
	}
	switch t {
	case sqli.TypeSmallInt:
		i, ok := intValue(v)
		if !ok || i <= math.MinInt16 || i > math.MaxInt16 {
			return dst, rangeOrType(n, v, ok)
		}
		return binary.BigEndian.AppendUint16(dst, uint16(int16(i))), nil
	case sqli.TypeInt, sqli.TypeSerial:
		i, ok := intValue(v)
		if !ok || i <= math.MinInt32 || i > math.MaxInt32 {
			return dst, rangeOrType(n, v, ok)
		}
		return binary.BigEndian.AppendUint32(dst, uint32(int32(i))), nil
	case sqli.TypeInt8, sqli.TypeSerial8, sqli.TypeBigInt, sqli.TypeBigSerial:
		// BIGINT too in INT8's 10-byte form: JDBC binds a Java long so in
		// a ROW field (docs/PROTOCOL.md, "ROW field forms").
		i, ok := intValue(v)
		if !ok || i == math.MinInt64 {
			return dst, rangeOrType(n, v, ok)
		}
		return AppendInt8Wire(dst, i), nil
	case sqli.TypeFloat:
		f, ok := floatValue(v)
		if !ok {
			return dst, badValue(n, v)
		}
		return binary.BigEndian.AppendUint64(dst, math.Float64bits(f)), nil
	case sqli.TypeSmallFloat:
		f, ok := floatValue(v)
		if !ok {
			return dst, badValue(n, v)
		}
		return binary.BigEndian.AppendUint32(dst, math.Float32bits(float32(f))), nil
	case sqli.TypeDecimal, sqli.TypeMoney:
		d, err := decimalValue(v)
		if err != nil {
			return dst, fmt.Errorf("%w: %w", ErrCompositeBinary, err)
		}
		p, s := SplitDecimalLength(uint16(n.Length))
		return AppendDecimalWire(dst, d, p, s)
	case sqli.TypeDate:
		tm, ok := v.(time.Time)
		if !ok {
			return dst, badValue(n, v)
		}
		return binary.BigEndian.AppendUint32(dst, uint32(DateToDayNumber(tm))), nil
	case sqli.TypeDateTime:
		return appendDateTimeValue(dst, n, v, opt)
	case sqli.TypeInterval:
		return appendIntervalValue(dst, n, v)
	case sqli.TypeChar, sqli.TypeNChar:
		s, ok := stringValue(v)
		if !ok {
			return dst, badValue(n, v)
		}
		start := len(dst)
		dst, err := encodeString(dst, s, opt)
		if err != nil {
			return dst[:start], err
		}
		if len(dst)-start > int(uint16(n.Length)) {
			return dst[:start], fmt.Errorf("%w: %d bytes for CHAR(%d)", ErrCompositeBinary, len(dst)-start, uint16(n.Length))
		}
		for len(dst)-start < int(uint16(n.Length)) {
			dst = append(dst, ' ')
		}
		return dst, nil
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		// u8 length and the bytes at their own length. CHOICE: JDBC pads
		// a ROW's VARCHAR field with blanks to the type's maximum and
		// says that length, which stores the blanks (ifxtest keeps them).
		s, ok := stringValue(v)
		if !ok {
			return dst, badValue(n, v)
		}
		start := len(dst)
		dst, err := encodeString(append(dst, 0), s, opt)
		if err != nil {
			return dst[:start], err
		}
		l := len(dst) - start - 1
		if max := int(uint16(n.Length) & 0xff); l > 255 || (max > 0 && l > max) {
			return dst[:start], fmt.Errorf("%w: %d bytes for VARCHAR(%d)", ErrCompositeBinary, l, max)
		}
		dst[start] = byte(l)
		return dst, nil
	case sqli.TypeLVarChar:
		var s string
		switch x := v.(type) {
		case Decimal:
			s = x.String() // JDBC binds a BigDecimal element as its text
		default:
			var ok bool
			if s, ok = stringValue(v); !ok {
				return dst, badValue(n, v)
			}
		}
		start := len(dst)
		dst, err := encodeString(append(dst, 0, 0, 0, 0, 0), s, opt)
		if err != nil {
			return dst[:start], err
		}
		binary.BigEndian.PutUint32(dst[start+1:], uint32(len(dst)-start-5))
		return dst, nil
	case sqli.TypeBool:
		b, ok := v.(bool)
		if !ok {
			rv := reflect.ValueOf(v)
			if rv.Kind() != reflect.Bool {
				return dst, badValue(n, v)
			}
			b = rv.Bool()
		}
		x := byte(0)
		if b {
			x = 1
		}
		return append(dst, 0, 0, 0, 0, 1, x), nil
	}
	return dst, fmt.Errorf("%w: type %#x has no binary form here", ErrCompositeBinary, n.Type)
}

func rangeOrType(n *TypeNode, v any, isInt bool) error {
	if !isInt {
		return badValue(n, v)
	}
	return fmt.Errorf("%w: %v is outside type %#x's range: %w", ErrCompositeBinary, v, n.Type, ErrOverflow)
}

// appendNullScalar appends a NULL ROW field in the tuple's NULL form.
func appendNullScalar(dst []byte, n *TypeNode, t sqli.TypeCode) ([]byte, error) {
	switch t {
	case sqli.TypeSmallInt:
		return append(dst, 0x80, 0), nil
	case sqli.TypeInt, sqli.TypeSerial, sqli.TypeDate:
		return append(dst, 0x80, 0, 0, 0), nil
	case sqli.TypeInt8, sqli.TypeSerial8, sqli.TypeBigInt, sqli.TypeBigSerial:
		return AppendInt8NullWire(dst), nil
	case sqli.TypeFloat:
		return append(dst, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), nil
	case sqli.TypeSmallFloat:
		return append(dst, 0xff, 0xff, 0xff, 0xff), nil
	case sqli.TypeDecimal, sqli.TypeMoney:
		p, s := SplitDecimalLength(uint16(n.Length))
		return AppendDecimalNullWire(dst, p, s), nil
	case sqli.TypeDateTime, sqli.TypeInterval:
		return AppendDateTimeNullWire(dst, Qualifier(uint16(n.Length))), nil
	case sqli.TypeChar, sqli.TypeNChar:
		return append(dst, make([]byte, uint16(n.Length))...), nil
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		return append(dst, 1, 0), nil
	case sqli.TypeLVarChar, sqli.TypeBool:
		return append(dst, 1, 0, 0, 0, 0), nil
	}
	return dst, fmt.Errorf("%w: type %#x has no NULL form here", ErrCompositeBinary, n.Type)
}

func encodeString(dst []byte, s string, opt *BinaryOptions) ([]byte, error) {
	if opt != nil && opt.EncodeString != nil {
		return opt.EncodeString(dst, s)
	}
	return append(dst, s...), nil
}

func intValue(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if _, isDur := v.(time.Duration); isDur {
			return 0, false
		}
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if rv.Uint() > math.MaxInt64 {
			return 0, false
		}
		return int64(rv.Uint()), true
	}
	return 0, false
}

func floatValue(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		return f, !math.IsNaN(f)
	}
	if i, ok := intValue(v); ok {
		return float64(i), true
	}
	return 0, false
}

func stringValue(v any) (string, bool) {
	if s, ok := v.(string); ok {
		return s, true
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}

func decimalValue(v any) (Decimal, error) {
	switch x := v.(type) {
	case Decimal:
		return x, nil
	case string:
		return ParseDecimal(x)
	}
	if i, ok := intValue(v); ok {
		return DecimalFromInt64(i), nil
	}
	if f, ok := floatValue(v); ok {
		return DecimalFromFloat64(f)
	}
	return Decimal{}, fmt.Errorf("a %T for DECIMAL", v)
}

// appendDateTimeValue packs a time.Time at YEAR TO FRACTION(5) whatever
// the node's qualifier, as JDBC packs a Timestamp (a ROW's YEAR TO SECOND
// field gets 11 bytes: "ROW field forms"); a DateTime at its qualifier,
// which must be the node's.
func appendDateTimeValue(dst []byte, n *TypeNode, v any, opt *BinaryOptions) ([]byte, error) {
	switch x := v.(type) {
	case time.Time:
		if opt != nil && opt.Location != nil {
			x = x.In(opt.Location)
		}
		dt := DateTimeFromTime(x, QualYearToFraction5)
		if dt.IsZero() {
			return dst, fmt.Errorf("%w: time %v is outside DATETIME's years 1-9999", ErrCompositeBinary, x)
		}
		return AppendDateTimeWire(dst, dt), nil
	case DateTime:
		if x.IsZero() || uint16(x.Qualifier()) != uint16(n.Length) {
			return dst, fmt.Errorf("%w: DATETIME %s for DATETIME %s", ErrCompositeBinary, x.Qualifier(), Qualifier(uint16(n.Length)))
		}
		return AppendDateTimeWire(dst, x), nil
	}
	return dst, badValue(n, v)
}

// appendIntervalValue packs an interval at its own qualifier, which must
// be the node's; a time.Duration at the node's.
func appendIntervalValue(dst []byte, n *TypeNode, v any) ([]byte, error) {
	q := Qualifier(uint16(n.Length))
	jdbcInterval := jdbcIntervalAt(len(dst), q)
	switch x := v.(type) {
	case time.Duration:
		if q.IsYearMonth() {
			return dst, badValue(n, v)
		}
		return jdbcInterval(AppendIntervalDFWire(dst, IntervalDFFromDuration(x, q)))
	case IntervalDF:
		if x.Qualifier() != q {
			return dst, fmt.Errorf("%w: INTERVAL %s for INTERVAL %s", ErrCompositeBinary, x.Qualifier().IntervalString(), q.IntervalString())
		}
		return jdbcInterval(AppendIntervalDFWire(dst, x))
	case IntervalYM:
		if x.Qualifier() != q {
			return dst, fmt.Errorf("%w: INTERVAL %s for INTERVAL %s", ErrCompositeBinary, x.Qualifier().IntervalString(), q.IntervalString())
		}
		return jdbcInterval(AppendIntervalYMWire(dst, x))
	}
	return dst, badValue(n, v)
}

// jdbcIntervalAt returns a function that rewrites the packed interval
// just appended at dst[start:] (qualifier q) in JDBC's form: every digit
// pair of the qualifier's layout written, a leading zero pair kept with
// the exponent that goes with it (`c7 00 03 04` for 3-04 YEAR(4) TO
// MONTH where the normalized form is `c6 03 04 00`; both mean the same
// number, docs/PROTOCOL.md "Fixed-width elements"). Negative values and
// intervals that start at FRACTION stay as they are (no evidence).
func jdbcIntervalAt(start int, q Qualifier) func([]byte, error) ([]byte, error) {
	return func(dst []byte, err error) ([]byte, error) {
		if err != nil || q.Start() > TUSecond || len(dst)-start < 2 {
			return dst, err
		}
		b := dst[start:]
		if b[0]&0x80 == 0 || b[0] == 0x80 {
			return dst, nil
		}
		// Pairs before the point: the first field's, then one per unit
		// down to SECOND.
		ej := (q.FirstDigits()+1)/2 + (TUSecond-q.Start())/2
		shift := ej - int(b[0]&0x7f-64)
		if shift <= 0 || shift >= len(b)-1 {
			return dst, nil
		}
		for _, x := range b[len(b)-shift:] {
			if x != 0 {
				return dst, nil // would lose digits: keep the normalized form
			}
		}
		copy(b[1+shift:], b[1:len(b)-shift])
		for i := 1; i <= shift; i++ {
			b[i] = 0
		}
		b[0] = 0x80 | byte(ej+64)
		return dst, nil
	}
}
