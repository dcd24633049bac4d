package ifxtype

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Composite values the driver cannot send in IDS's binary form
// (composite_binary*.go) travel to the server as their text, the literal
// form IDS documents for collection and ROW literals ("Literal
// Collection", "Literal Row"; a quoted literal of that text goes into a
// collection column), bound as a character value that the server casts to
// the column's type (docs/PROTOCOL.md, "Composite types").

// Set is a SET value for binding: its text is SET{…}. Elements may be any
// value CompositeText takes; IDS allows no NULL element.
type Set []any

// Multiset is a MULTISET value for binding: its text is MULTISET{…}.
type Multiset []any

// List is a LIST value for binding: its text is LIST{…}, in order.
type List []any

// Value implements driver.Valuer: the SET literal's text (NULL for a nil Set).
func (s Set) Value() (driver.Value, error) { return collectionValue(KindSet, s) }

// Value implements driver.Valuer: the MULTISET literal's text.
func (m Multiset) Value() (driver.Value, error) { return collectionValue(KindMultiset, m) }

// Value implements driver.Valuer: the LIST literal's text.
func (l List) Value() (driver.Value, error) { return collectionValue(KindList, l) }

// Scan implements sql.Scanner from the text IDS sends for a collection
// (database/sql hands the driver's text over); elements are read without
// the column's type: quoted ones as string, numbers as int64 or Decimal,
// nested values as []any and *Row.
func (s *Set) Scan(src any) error { return scanCollection(src, (*[]any)(s)) }

// Scan implements sql.Scanner, as Set.Scan.
func (m *Multiset) Scan(src any) error { return scanCollection(src, (*[]any)(m)) }

// Scan implements sql.Scanner, as Set.Scan.
func (l *List) Scan(src any) error { return scanCollection(src, (*[]any)(l)) }

// Value implements driver.Valuer: the ROW literal's text, ROW(v1,v2,…),
// fields in order (names and types are the target's).
func (r Row) Value() (driver.Value, error) {
	b, err := appendRow(nil, r.Fields, 1)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan implements sql.Scanner from a ROW's text; fields get no names
// (the text has none) and untyped values, as Set.Scan's elements.
func (r *Row) Scan(src any) error {
	if src == nil {
		*r = Row{}
		return nil
	}
	v, text, err := decodeScanned(src)
	if err != nil {
		return err
	}
	row, ok := v.(*Row)
	if !ok {
		return fmt.Errorf("%w: %.20q is not a ROW value", ErrSyntax, text)
	}
	*r = *row
	return nil
}

func collectionValue(k CompositeKind, elems []any) (driver.Value, error) {
	if elems == nil {
		return nil, nil
	}
	b, err := appendCollection(nil, k, len(elems), func(i int) any { return elems[i] }, 1)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func scanCollection(src any, dst *[]any) error {
	if src == nil {
		*dst = nil
		return nil
	}
	v, text, err := decodeScanned(src)
	if err != nil {
		return err
	}
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("%w: %.20q is not a collection value", ErrSyntax, text)
	}
	*dst = list
	return nil
}

func srcText(src any) (string, error) {
	switch s := src.(type) {
	case string:
		return s, nil
	case []byte:
		return string(s), nil
	}
	return "", fmt.Errorf("ifxtype: cannot scan a %T into a composite value", src)
}

// ErrNullElement reports a nil element in a collection: IDS allows none.
var ErrNullElement = errors.New("ifxtype: a collection element cannot be NULL")

// CompositeText returns the literal text of a composite argument: Set,
// Multiset, List, Row and *Row as themselves, any other slice (except
// []byte) as a LIST, a struct (except time.Time) as a ROW of its exported
// fields in order (a `db:"-"` tag leaves one out). ok is false for any
// other value. Elements are written as IDS's literals: strings quoted
// with ' doubled, booleans 't'/'f', numbers bare, time.Time as a quoted
// 'YYYY-MM-DD hh:mm:ss.fffff', DateTime and intervals quoted in their
// text; nested values nest. A nil slice or pointer is NULL (text "",
// null true).
func CompositeText(v any) (text string, null, ok bool, err error) {
	rv := reflect.ValueOf(v)
	if !isComposite(rv) {
		return "", false, false, nil
	}
	if (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Pointer) && rv.IsNil() {
		return "", true, true, nil
	}
	b, err := appendComposite(nil, rv, 1)
	if err != nil {
		return "", false, true, err
	}
	return string(b), false, true, nil
}

// maxBindDepth bounds the nesting of a composite argument (a value that
// holds itself through pointers or interfaces would recurse for ever).
const maxBindDepth = 32

var (
	timeType = reflect.TypeFor[time.Time]()
	rowType  = reflect.TypeFor[Row]()
)

func isComposite(rv reflect.Value) bool {
	switch rv.Kind() {
	case reflect.Slice:
		return rv.Type().Elem().Kind() != reflect.Uint8
	case reflect.Struct:
		t := rv.Type()
		return t == rowType || (t != timeType && t != decimalType && !t.Implements(valuerType) && hasRowFields(t))
	case reflect.Pointer:
		return rv.Type().Elem() == rowType
	}
	return false
}

// hasRowFields reports whether a struct has a field to bind: a ROW has
// one at least, so struct{} is no ROW.
func hasRowFields(t reflect.Type) bool {
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && f.Tag.Get("db") != "-" {
			return true
		}
	}
	return false
}

var (
	valuerType  = reflect.TypeFor[driver.Valuer]()
	decimalType = reflect.TypeFor[Decimal]()
)

func appendComposite(b []byte, rv reflect.Value, depth int) ([]byte, error) {
	if depth > maxBindDepth {
		return b, fmt.Errorf("ifxtype: composite value nested deeper than %d levels", maxBindDepth)
	}
	switch x := rv.Interface().(type) {
	case Set:
		return appendCollection(b, KindSet, len(x), func(i int) any { return x[i] }, depth)
	case Multiset:
		return appendCollection(b, KindMultiset, len(x), func(i int) any { return x[i] }, depth)
	case List:
		return appendCollection(b, KindList, len(x), func(i int) any { return x[i] }, depth)
	case Row:
		return appendRow(b, x.Fields, depth)
	case *Row:
		return appendRow(b, x.Fields, depth)
	}
	if rv.Kind() == reflect.Slice {
		return appendCollection(b, KindList, rv.Len(), func(i int) any { return rv.Index(i).Interface() }, depth)
	}
	// A struct: its exported fields, in order.
	t := rv.Type()
	var fields []RowField
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Tag.Get("db") == "-" {
			continue
		}
		fields = append(fields, RowField{Name: f.Name, Value: rv.Field(i).Interface()})
	}
	return appendRow(b, fields, depth)
}

func appendCollection(b []byte, k CompositeKind, n int, elem func(int) any, depth int) ([]byte, error) {
	b = append(b, k.String()...)
	b = append(b, '{')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		e := elem(i)
		if isNil(e) {
			return b, fmt.Errorf("element %d: %w", i+1, ErrNullElement)
		}
		var err error
		if b, err = appendElement(b, e, depth); err != nil {
			return b, fmt.Errorf("element %d: %w", i+1, err)
		}
	}
	return append(b, '}'), nil
}

func appendRow(b []byte, fields []RowField, depth int) ([]byte, error) {
	if depth > maxBindDepth {
		return b, fmt.Errorf("ifxtype: composite value nested deeper than %d levels", maxBindDepth)
	}
	b = append(b, "ROW("...)
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		if isNil(f.Value) {
			b = append(b, "NULL"...)
			continue
		}
		var err error
		if b, err = appendElement(b, f.Value, depth); err != nil {
			return b, fmt.Errorf("field %s: %w", f.Name, err)
		}
	}
	return append(b, ')'), nil
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// appendElement writes one element or field value as IDS's literal.
func appendElement(b []byte, v any, depth int) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return appendQuoted(b, x), nil
	case bool:
		if x {
			return append(b, "'t'"...), nil
		}
		return append(b, "'f'"...), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int8:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case uint8:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint16:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint32:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(b, x, 10), nil
	case float32:
		return appendFloat(b, float64(x), 32)
	case float64:
		return appendFloat(b, x, 64)
	case Decimal:
		return append(b, x.String()...), nil
	case time.Time:
		return appendQuoted(b, x.Format("2006-01-02 15:04:05.00000")), nil
	case DateTime:
		return appendQuoted(b, x.String()), nil
	case IntervalDF:
		return appendQuoted(b, x.String()), nil
	case IntervalYM:
		return appendQuoted(b, x.String()), nil
	case []byte:
		return b, fmt.Errorf("ifxtype: a []byte cannot be a composite element (bind a string)")
	}
	rv := reflect.ValueOf(v)
	if isComposite(rv) {
		return appendComposite(b, rv, depth+1)
	}
	if vr, ok := v.(driver.Valuer); ok {
		x, err := vr.Value()
		if err != nil {
			return b, err
		}
		if x == nil {
			return append(b, "NULL"...), nil
		}
		if _, again := x.(driver.Valuer); again {
			return b, fmt.Errorf("ifxtype: %T's Value returns a Valuer", v)
		}
		return appendElement(b, x, depth+1)
	}
	switch rv.Kind() {
	case reflect.String:
		return appendQuoted(b, rv.String()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, rv.Uint(), 10), nil
	case reflect.Bool:
		return appendElement(b, rv.Bool(), depth)
	case reflect.Float32, reflect.Float64:
		return appendFloat(b, rv.Float(), 64)
	case reflect.Pointer:
		if rv.IsNil() {
			return append(b, "NULL"...), nil
		}
		return appendElement(b, rv.Elem().Interface(), depth+1)
	}
	return b, fmt.Errorf("ifxtype: a %T cannot be a composite element", v)
}

func appendFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return b, fmt.Errorf("ifxtype: %v has no Informix literal", f)
	}
	return strconv.AppendFloat(b, f, 'g', -1, bits), nil
}

// appendQuoted writes s in single quotes, doubling the quotes inside, as
// IDS writes strings in a composite's text.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '\'')
	for {
		i := strings.IndexByte(s, '\'')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '\'')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '\'')
}

// DecodeUntyped decodes a composite's text without its type, for
// sql.Scanner: collections become []any and ROWs *Row (fields without
// names or types); quoted elements are strings, bare numbers int64 (or
// Decimal when not integers), NULL nil. Limits apply as in
// DecodeComposite.
func DecodeUntyped(text string, lim CompositeLimits) (any, error) {
	d := compDecoder{s: text, lim: lim}
	v, err := d.untyped(1)
	if err != nil {
		return nil, err
	}
	switch v.(type) {
	case nil, []any, *Row:
	default:
		return nil, d.errf("a collection or ROW value expected, not a %T", v)
	}
	d.space()
	if d.i != len(d.s) {
		return nil, d.errf("unexpected text after the value")
	}
	return v, nil
}

func (d *compDecoder) untyped(depth int) (any, error) {
	if d.lim.MaxDepth > 0 && depth > d.lim.MaxDepth {
		return nil, &LimitError{What: "nesting depth", Limit: d.lim.MaxDepth}
	}
	d.space()
	if d.i < len(d.s) && (d.s[d.i] == '\'' || d.s[d.i] == '"') {
		return d.scalar(&CompositeType{Scalar: "lvarchar"})
	}
	save := d.i
	switch kw := d.keyword(); {
	case kw == "NULL":
		return nil, nil
	case kw == "ROW" && d.accept('('):
		r := &Row{}
		if d.accept(')') {
			return r, nil
		}
		for {
			if err := d.element(); err != nil {
				return nil, err
			}
			v, err := d.untyped(depth + 1)
			if err != nil {
				return nil, err
			}
			r.Fields = append(r.Fields, RowField{Value: v})
			if d.accept(')') {
				return r, nil
			}
			if !d.accept(',') {
				return nil, d.errf(", or ) expected")
			}
		}
	case (kw == "SET" || kw == "MULTISET" || kw == "LIST") && d.accept('{'):
		out := []any{}
		if d.accept('}') {
			return out, nil
		}
		for {
			if err := d.element(); err != nil {
				return nil, err
			}
			v, err := d.untyped(depth + 1)
			if err != nil {
				return nil, err
			}
			if v == nil {
				return nil, d.errf("NULL collection element")
			}
			out = append(out, v)
			if d.accept('}') {
				return out, nil
			}
			if !d.accept(',') {
				return nil, d.errf(", or } expected")
			}
		}
	}
	d.i = save
	v, err := d.scalar(&CompositeType{Scalar: "lvarchar"})
	if s, ok := v.(string); ok && err == nil {
		if n, perr := strconv.ParseInt(s, 10, 64); perr == nil {
			return n, nil
		}
		if dec, perr := ParseDecimal(s); perr == nil {
			return dec, nil
		}
	}
	return v, err
}

// decodeScanned decodes a Scan source's composite text, untyped.
func decodeScanned(src any) (v any, text string, err error) {
	if text, err = srcText(src); err != nil {
		return nil, "", err
	}
	v, err = DecodeUntyped(text, DefaultCompositeLimits)
	return v, text, err
}
