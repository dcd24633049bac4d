package ifx

import (
	"database/sql/driver"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/sqltext"
	"github.com/ifxgo/ifx/sqli"
)

// Bind precision slots as IBM's JDBC driver writes them.
const (
	precInt    = 0x0a00 // INTEGER: display width 10
	precBigInt = 0x1300 // BIGINT: display width 19
	maxCharLen = 32767  // longest string sent as CHAR; longer ones go as LVARCHAR
)

var (
	qualTimestamp = ifxtype.QualYearToFraction5
	qualDuration  = mustIntervalQualifier(ifxtype.TUDay, ifxtype.TUFraction5, 9)
)

func mustIntervalQualifier(start, end, digits int) ifxtype.Qualifier {
	q, err := ifxtype.IntervalQualifier(start, end, digits)
	if err != nil {
		panic(err)
	}
	return q
}

// bindError reports an argument that cannot be sent.
type bindError struct {
	idx int
	err error
}

func (e *bindError) Error() string { return fmt.Sprintf("ifx: argument %d: %v", e.idx+1, e.err) }
func (e *bindError) Unwrap() error { return e.err }

// encodeArgs builds the SQ_BIND message for args. Each Go type is sent as
// the Informix type IBM's JDBC driver uses for the matching Java type.
//
// The message and its values live in the Conn and are reused by the next
// call: encode the message before encoding other arguments.
func (c *Conn) encodeArgs(args []any) (*boundArgs, error) {
	c.bindMsg.blobs = c.bindMsg.blobs[:0]
	vals := c.bindVals[:0]
	buf := c.bindBuf[:0]
	ends := c.bindEnds[:0]
	for i, a := range args {
		var bv sqli.BindValue
		var err error
		buf, err = c.encodeArg(buf, &bv, a, 0)
		if err != nil {
			c.bindBuf = buf[:0]
			return nil, &bindError{idx: i, err: err}
		}
		vals = append(vals, bv)
		ends = append(ends, len(buf))
	}
	start := 0
	for i := range vals {
		if vals[i].Indicator == sqli.IndicatorValue {
			vals[i].Data = buf[start:ends[i]]
		}
		start = ends[i]
	}
	c.bindVals, c.bindBuf, c.bindEnds = vals, buf, ends
	c.bindMsg.Values = vals
	if err := c.bindMsg.Check(); err != nil {
		return nil, err
	}
	return &c.bindMsg, nil
}

// boundArgs is an SQ_BIND and, for BYTE and TEXT arguments, the SQ_BBIND
// and SQ_BLOB streams that must follow it in the same request group.
type boundArgs struct {
	sqli.Bind
	blobs [][]byte // the BYTE/TEXT values, in parameter order
}

// Encode appends the SQ_BIND and the streams.
func (b *boundArgs) Encode(dst []byte, f sqli.Features) []byte {
	dst = b.Bind.Encode(dst, f)
	if len(b.blobs) == 0 {
		return dst
	}
	dst = (&sqli.BBind{Count: int16(len(b.blobs))}).Encode(dst, f)
	for _, v := range b.blobs {
		// 1024-byte chunks, as JDBC and informix-driver send them.
		dst = sqli.AppendBlobStream(dst, v, 1024)
	}
	return dst
}

// bindBlob binds a BYTE or TEXT value: a descriptor in the SQ_BIND, the
// bytes after it.
func (c *Conn) bindBlob(buf []byte, bv *sqli.BindValue, t sqli.TypeCode, data []byte) ([]byte, error) {
	if len(data) > math.MaxInt32 {
		return buf, fmt.Errorf("a %v value of %d bytes", t, len(data))
	}
	bv.Type, bv.Prec = t, sqli.BlobDescriptorSize // prec 56, as JDBC
	c.bindMsg.blobs = append(c.bindMsg.blobs, data)
	return sqli.AppendBindBlobDescriptor(buf, int32(len(data)), c.feat), nil
}

func (c *Conn) encodeArg(buf []byte, bv *sqli.BindValue, a any, depth int) ([]byte, error) {
	if depth > 8 {
		return buf, fmt.Errorf("driver.Valuer chain too deep")
	}
	setNull := func() {
		bv.Type, bv.Indicator, bv.Prec = sqli.TypeChar, sqli.IndicatorNull, 0
	}
	switch v := a.(type) {
	case nil:
		setNull()
		return buf, nil
	case int:
		return c.bindInt(buf, bv, int64(v))
	case int8:
		return c.bindInt(buf, bv, int64(v))
	case int16:
		return c.bindInt(buf, bv, int64(v))
	case int32:
		return c.bindInt(buf, bv, int64(v))
	case int64:
		return c.bindInt(buf, bv, v)
	case uint8:
		return c.bindInt(buf, bv, int64(v))
	case uint16:
		return c.bindInt(buf, bv, int64(v))
	case uint32:
		return c.bindInt(buf, bv, int64(v))
	case uint:
		if uint64(v) > math.MaxInt64 {
			return buf, fmt.Errorf("%d overflows BIGINT", v)
		}
		return c.bindInt(buf, bv, int64(v))
	case uint64:
		if v > math.MaxInt64 {
			return buf, fmt.Errorf("%d overflows BIGINT", v)
		}
		return c.bindInt(buf, bv, int64(v))
	case float64:
		if v != v {
			return buf, ErrNaN
		}
		bv.Type = sqli.TypeFloat
		return binary.BigEndian.AppendUint64(buf, math.Float64bits(v)), nil
	case float32:
		if v != v {
			return buf, ErrNaN
		}
		bv.Type = sqli.TypeSmallFloat
		return binary.BigEndian.AppendUint32(buf, math.Float32bits(v)), nil
	case bool:
		// JDBC: type 45 with the type name "boolean", prec 1, and the
		// value wrapped as i32 length + byte.
		bv.Type, bv.TypeName, bv.Prec = sqli.TypeBool, "boolean", 1
		b := byte(0)
		if v {
			b = 1
		}
		return append(buf, 0, 0, 0, 1, b), nil
	case string:
		return c.bindString(buf, bv, v)
	case ifxtype.Locator:
		return bindLocator(buf, bv, v), nil
	case loArg:
		return v.bind(buf, bv), nil
	case []byte:
		if v == nil {
			setNull()
			return buf, nil
		}
		return c.bindBytes(buf, bv, v)
	case ifxtype.Byte:
		if v == nil {
			bv.Type, bv.Indicator = sqli.TypeByte, sqli.IndicatorNull
			return buf, nil
		}
		return c.bindBlob(buf, bv, sqli.TypeByte, v)
	case ifxtype.Text:
		s, err := c.codec.EncodeString(string(v))
		if err != nil {
			return buf, err
		}
		return c.bindBlob(buf, bv, sqli.TypeText, []byte(s))
	case time.Time:
		return c.bindTime(buf, bv, v)
	case time.Duration:
		iv := ifxtype.IntervalDFFromDuration(v, qualDuration)
		return c.bindIntervalDF(buf, bv, iv)
	case ifxtype.Decimal:
		if err := v.CheckStorable(); err != nil {
			return buf, err
		}
		bv.Type, bv.Prec = sqli.TypeDecimal, int16(max(v.Scale(), 0))
		start := len(buf)
		buf = append(buf, 0, 0)
		buf = ifxtype.AppendDecimalBind(buf, v)
		binary.BigEndian.PutUint16(buf[start:], uint16(len(buf)-start-2))
		return buf, nil
	case *ifxtype.Decimal:
		if v == nil {
			setNull()
			return buf, nil
		}
		return c.encodeArg(buf, bv, *v, depth+1)
	case ifxtype.DateTime:
		if v.IsZero() {
			return buf, fmt.Errorf("zero ifxtype.DateTime has no qualifier")
		}
		return c.bindDateTime(buf, bv, v), nil
	case ifxtype.IntervalDF:
		return c.bindIntervalDF(buf, bv, v)
	case ifxtype.IntervalYM:
		bv.Type, bv.Prec = sqli.TypeInterval, int16(v.Qualifier())
		start := len(buf)
		buf = append(buf, 0, 0)
		buf, err := ifxtype.AppendIntervalYMWire(buf, v)
		if err != nil {
			return buf[:start], err
		}
		binary.BigEndian.PutUint16(buf[start:], uint16(len(buf)-start-2))
		return buf, nil
	case *big.Int:
		if v == nil {
			setNull()
			return buf, nil
		}
		d, err := ifxtype.DecimalFromBigInt(v, 0)
		if err != nil {
			return buf, err
		}
		return c.encodeArg(buf, bv, d, depth+1)
	case *big.Rat:
		if v == nil {
			setNull()
			return buf, nil
		}
		if !v.IsInt() {
			return buf, fmt.Errorf("*big.Rat %v: bind an ifxtype.Decimal (a fraction has no exact decimal form in general)", v)
		}
		return c.encodeArg(buf, bv, v.Num(), depth+1)
	case ifxtype.Set, ifxtype.Multiset, ifxtype.List, ifxtype.Row, *ifxtype.Row:
		// Before driver.Valuer: their Value is the text form, the
		// fallback when there is no binary one.
		return c.bindCompositeArg(buf, bv, a)
	case driver.Valuer:
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
			setNull()
			return buf, nil
		}
		x, err := v.Value()
		if err != nil {
			return buf, err
		}
		return c.encodeArg(buf, bv, x, depth+1)
	}
	return c.encodeReflect(buf, bv, a, depth)
}

func errTimeRange(v time.Time) error {
	return fmt.Errorf("time %v is outside DATETIME's years 1-9999", v)
}

// encodeReflect handles pointers and named basic types.
func (c *Conn) encodeReflect(buf []byte, bv *sqli.BindValue, a any, depth int) ([]byte, error) {
	rv := reflect.ValueOf(a)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			bv.Type, bv.Indicator = sqli.TypeChar, sqli.IndicatorNull
			return buf, nil
		}
		return c.encodeArg(buf, bv, rv.Elem().Interface(), depth+1)
	case reflect.String:
		return c.bindString(buf, bv, rv.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return c.bindInt(buf, bv, rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if rv.Uint() > math.MaxInt64 {
			return buf, fmt.Errorf("%d overflows BIGINT", rv.Uint())
		}
		return c.bindInt(buf, bv, int64(rv.Uint()))
	case reflect.Float32, reflect.Float64:
		return c.encodeArg(buf, bv, rv.Float(), depth+1)
	case reflect.Bool:
		return c.encodeArg(buf, bv, rv.Bool(), depth+1)
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			if rv.IsNil() {
				bv.Type, bv.Indicator = sqli.TypeChar, sqli.IndicatorNull
				return buf, nil
			}
			return c.bindBytes(buf, bv, rv.Bytes())
		}
	}
	if ifxtype.IsCompositeArg(a) {
		return c.bindCompositeArg(buf, bv, a)
	}
	return buf, fmt.Errorf("cannot bind a %T: %w", a, ErrUnsupported)
}

// bindInt sends values that fit 32 bits as INTEGER, others as BIGINT.
func (c *Conn) bindInt(buf []byte, bv *sqli.BindValue, v int64) ([]byte, error) {
	if v >= math.MinInt32+1 && v <= math.MaxInt32 {
		bv.Type, bv.Prec = sqli.TypeInt, precInt
		return sqli.AppendInt32(buf, int32(v)), nil
	}
	if v == math.MinInt64 {
		// BIGINT's NULL pattern: the server would store NULL. BIGINT
		// holds ±(2^63-1).
		return buf, fmt.Errorf("%d is outside BIGINT's range (it is the BIGINT NULL pattern): %w", v, ifxtype.ErrOverflow)
	}
	bv.Type, bv.Prec = sqli.TypeBigInt, precBigInt
	return sqli.AppendInt64(buf, v), nil
}

// bindString sends text in the client code set: as CHAR (i16 length) up
// to 32767 bytes, as LVARCHAR (i32 length) beyond. Text with a NUL byte
// is refused (ErrNULInString, docs/PROTOCOL.md).
func (c *Conn) bindString(buf []byte, bv *sqli.BindValue, s string) ([]byte, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return buf, fmt.Errorf("a NUL byte at offset %d: %w", i, ErrNULInString)
	}
	start := len(buf)
	buf = append(buf, 0, 0, 0, 0)
	buf, err := c.codec.AppendEncoded(buf, s)
	if err != nil {
		return buf[:start], err
	}
	n := len(buf) - start - 4
	if n <= maxCharLen {
		copy(buf[start+2:], buf[start+4:])
		buf = buf[:len(buf)-2]
		binary.BigEndian.PutUint16(buf[start:], uint16(n))
		bv.Type = sqli.TypeChar
		return buf, nil
	}
	if err := sqli.CheckField("string bytes", n, sqli.MaxInt32Field); err != nil {
		return buf[:start], err
	}
	binary.BigEndian.PutUint32(buf[start:], uint32(n))
	bv.Type = sqli.TypeLVarChar
	return buf, nil
}

// bindBytes sends raw bytes like a string, without code set conversion.
func (c *Conn) bindBytes(buf []byte, bv *sqli.BindValue, b []byte) ([]byte, error) {
	if err := sqli.CheckField("[]byte length", len(b), sqli.MaxInt32Field); err != nil {
		return buf, err
	}
	if len(b) <= maxCharLen {
		bv.Type = sqli.TypeChar
		buf = sqli.AppendInt16(buf, int16(len(b)))
		return append(buf, b...), nil
	}
	bv.Type = sqli.TypeLVarChar
	buf = sqli.AppendInt32(buf, int32(len(b)))
	return append(buf, b...), nil
}

func (c *Conn) bindDateTime(buf []byte, bv *sqli.BindValue, dt ifxtype.DateTime) []byte {
	bv.Type, bv.Prec = sqli.TypeDateTime, int16(dt.Qualifier())
	start := len(buf)
	buf = append(buf, 0, 0)
	buf = ifxtype.AppendDateTimeWire(buf, dt)
	binary.BigEndian.PutUint16(buf[start:], uint16(len(buf)-start-2))
	return buf
}

func (c *Conn) bindIntervalDF(buf []byte, bv *sqli.BindValue, iv ifxtype.IntervalDF) ([]byte, error) {
	bv.Type, bv.Prec = sqli.TypeInterval, int16(iv.Qualifier())
	start := len(buf)
	buf = append(buf, 0, 0)
	buf, err := ifxtype.AppendIntervalDFWire(buf, iv)
	if err != nil {
		return buf[:start], err
	}
	binary.BigEndian.PutUint16(buf[start:], uint16(len(buf)-start-2))
	return buf, nil
}

// countPlaceholders counts '?' markers outside quotes and comments.
func countPlaceholders(sql string) int { return sqltext.CountPlaceholders(sql) }

// wireLenTimestamp is the packed width of DATETIME YEAR TO FRACTION(5).
var wireLenTimestamp = qualTimestamp.WireLen()

// appendTimestampFast appends t (already in the configured location) as
// the packed DATETIME YEAR TO FRACTION(5) value AppendDateTimeWire would
// write for DateTimeFromTime(t, qualTimestamp), for years 1000…9999
// (where the first pair is never zero); ok=false for other years.
func appendTimestampFast(buf []byte, t time.Time) ([]byte, bool) {
	y, mo, d := t.Date()
	if y < 1000 || y > 9999 {
		return buf, false
	}
	h, mi, s := t.Clock()
	ip := uint64(y)*1e10 + uint64(mo)*1e8 + uint64(d)*1e6 + uint64(h)*1e4 + uint64(mi)*100 + uint64(s)
	fp := uint64(t.Nanosecond()/10000) * 10 // FRACTION(5) and its fill digit
	var pairs [10]byte
	for i := 6; i >= 0; i-- {
		pairs[i] = byte(ip % 100)
		ip /= 100
	}
	pairs[7], pairs[8], pairs[9] = byte(fp/10000), byte(fp/100%100), byte(fp%100)
	n := len(pairs)
	for n > 0 && pairs[n-1] == 0 {
		n--
	}
	start := len(buf)
	buf = append(buf, 0x80|(7+64)) // positive, 7 pairs before the point
	buf = append(buf, pairs[:n]...)
	for len(buf)-start < wireLenTimestamp {
		buf = append(buf, 0)
	}
	return buf, true
}

// bindTime sends a time.Time as DATETIME YEAR TO FRACTION(5), as JDBC does.
func (c *Conn) bindTime(buf []byte, bv *sqli.BindValue, v time.Time) ([]byte, error) {
	v = v.In(c.cfg.TimeLocation)
	start := len(buf)
	buf = append(buf, 0, 0)
	if out, ok := appendTimestampFast(buf, v); ok {
		bv.Type, bv.Prec = sqli.TypeDateTime, int16(qualTimestamp)
		binary.BigEndian.PutUint16(out[start:], uint16(len(out)-start-2))
		return out, nil
	}
	buf = buf[:start]
	dt := ifxtype.DateTimeFromTime(v, qualTimestamp)
	if dt.IsZero() {
		return buf, errTimeRange(v)
	}
	return c.bindDateTime(buf, bv, dt), nil
}

// Composite arguments (a slice other than []byte, a struct, ifxtype.Row,
// or the ifxtype.Set/Multiset/List wrappers) bind as IBM JDBC binds
// them: type 44 (SQLSENDRECV) in IDS's binary form with the type name
// JDBC would make (composite_bind.go). Where there is no binary form
// (an unnamed ROW, an untyped empty collection, mixed element types)
// they bind as their literal text in a character value, which IDS casts
// to the column's type as it does a quoted literal (docs/PROTOCOL.md,
// "Composite types").

// bindComposite binds a composite argument's text, or NULL.
func (c *Conn) bindComposite(buf []byte, bv *sqli.BindValue, text string, null bool, err error) ([]byte, error) {
	if err != nil {
		return buf, err
	}
	if null {
		bv.Type, bv.Indicator = sqli.TypeChar, sqli.IndicatorNull
		return buf, nil
	}
	return c.bindString(buf, bv, text)
}
