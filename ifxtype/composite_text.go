package ifxtype

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// ErrLimit reports a composite value (or type) beyond a decoding limit:
// nested too deep or holding too many elements. The error is a
// *LimitError.
var ErrLimit = errors.New("ifxtype: composite value exceeds a limit")

// LimitError says which limit a composite value exceeded.
type LimitError struct {
	What  string // "nesting depth", "elements", …
	Limit int
}

// Error implements error.
func (e *LimitError) Error() string {
	return fmt.Sprintf("ifxtype: composite value exceeds the %s limit of %d", e.What, e.Limit)
}

// Unwrap returns ErrLimit.
func (e *LimitError) Unwrap() error { return ErrLimit }

// CompositeLimits bound the decoding of one composite value, so a hostile
// or corrupt value cannot make the decoder recurse or allocate without
// end. Both are checked before the element is allocated.
type CompositeLimits struct {
	MaxDepth    int // nesting levels, the outermost value being 1
	MaxElements int // collection elements and ROW fields in all, at every level
}

// DefaultCompositeLimits are the limits the driver uses: 32 levels and
// 1,000,000 elements.
var DefaultCompositeLimits = CompositeLimits{MaxDepth: 32, MaxElements: 1_000_000}

// Row is a ROW value: its fields in declaration order.
//
// TypeName names a named ROW type (CREATE ROW TYPE): bound with one, the
// Row goes in IDS's binary form for that type, whose tree the driver
// reads from the catalog (fields by position); without one it binds as
// its text. Reading a named ROW's value sets it to the type's name.
type Row struct {
	TypeName string
	Fields   []RowField
}

// RowTypeNamer is implemented by a struct bound as a named ROW type: its
// value goes in IDS's binary form for the type RowTypeName names, its
// exported fields in order, as Row.TypeName does for a Row.
type RowTypeNamer interface {
	RowTypeName() string
}

// RowTypeName returns the named ROW type a composite argument binds as:
// a Row's or *Row's TypeName, a RowTypeNamer's RowTypeName; "" for
// anything else.
func RowTypeName(v any) string {
	switch x := v.(type) {
	case Row:
		return x.TypeName
	case *Row:
		if x != nil {
			return x.TypeName
		}
		return ""
	case RowTypeNamer:
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return ""
		}
		return x.RowTypeName()
	}
	return ""
}

// RowField is one field of a Row: its name, its type as IDS prints it
// ("varchar(50)", "SET(integer not null)") and its value (nil for NULL).
type RowField struct {
	Name  string
	Type  string
	Value any
}

// Get returns the value of the field named name (case-insensitive) and
// whether there is one.
func (r *Row) Get(name string) (any, bool) {
	for _, f := range r.Fields {
		if strings.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return nil, false
}

// DecodeComposite decodes the text form IDS sends for a composite value
// (docs/PROTOCOL.md, "Composite types"), such as `LIST{10 ,20 }` or
// `ROW('Alice',30 )`, as type t. Collections become []any, ROW values
// *Row; elements are int16 (smallint), int32 (integer, serial), int64
// (bigint, int8, serial8, bigserial), float32 (smallfloat, real), float64
// (float), Decimal (decimal, money), bool (boolean) and string (every other
// type, DATE and DATETIME in their text form). Errors wrap ErrSyntax or
// ErrLimit (a *LimitError).
func DecodeComposite(text string, t *CompositeType, lim CompositeLimits) (any, error) {
	d := compDecoder{s: text, lim: lim}
	v, err := d.value(t, 1)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.i != len(d.s) {
		return nil, d.errf("unexpected text after the value")
	}
	return v, nil
}

type compDecoder struct {
	s     string
	i     int
	lim   CompositeLimits
	count int
}

func (d *compDecoder) errf(format string, args ...any) error {
	return fmt.Errorf("%w: composite value at byte %d: %s", ErrSyntax, d.i, fmt.Sprintf(format, args...))
}

func (d *compDecoder) space() {
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n') {
		d.i++
	}
}

func (d *compDecoder) accept(c byte) bool {
	d.space()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// keyword reads the constructor keyword before '{' or '('.
func (d *compDecoder) keyword() string {
	d.space()
	start := d.i
	for d.i < len(d.s) && (d.s[d.i] >= 'a' && d.s[d.i] <= 'z' || d.s[d.i] >= 'A' && d.s[d.i] <= 'Z') {
		d.i++
	}
	return strings.ToUpper(d.s[start:d.i])
}

// element counts one more element against the limit.
func (d *compDecoder) element() error {
	d.count++
	if d.lim.MaxElements > 0 && d.count > d.lim.MaxElements {
		return &LimitError{What: "elements", Limit: d.lim.MaxElements}
	}
	return nil
}

func (d *compDecoder) value(t *CompositeType, depth int) (any, error) {
	if t.Kind == KindScalar {
		return d.scalar(t)
	}
	if d.lim.MaxDepth > 0 && depth > d.lim.MaxDepth {
		return nil, &LimitError{What: "nesting depth", Limit: d.lim.MaxDepth}
	}
	save := d.i
	kw := d.keyword()
	if kw == "NULL" {
		return nil, nil
	}
	if t.Kind == KindRow {
		if kw != "ROW" || !d.accept('(') {
			d.i = save
			return nil, d.errf("ROW(…) expected")
		}
		r := &Row{TypeName: t.Name}
		for i, f := range t.Fields {
			if i > 0 && !d.accept(',') {
				return nil, d.errf(", expected after field %d of %d", i, len(t.Fields))
			}
			if err := d.element(); err != nil {
				return nil, err
			}
			v, err := d.value(f.Type, depth+1)
			if err != nil {
				return nil, err
			}
			r.Fields = append(r.Fields, RowField{Name: f.Name, Type: f.Type.String(), Value: v})
		}
		if !d.accept(')') {
			return nil, d.errf(") expected after %d fields", len(t.Fields))
		}
		return r, nil
	}
	if kw != "SET" && kw != "MULTISET" && kw != "LIST" || !d.accept('{') {
		d.i = save
		return nil, d.errf("%s{…} expected", t.Kind)
	}
	out := []any{}
	if d.accept('}') {
		return out, nil
	}
	for {
		if err := d.element(); err != nil {
			return nil, err
		}
		v, err := d.value(t.Elem, depth+1)
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

// scalar reads a quoted string, NULL, or a bare token up to the next
// ',', ')' or '}'.
func (d *compDecoder) scalar(t *CompositeType) (any, error) {
	d.space()
	if d.i >= len(d.s) {
		return nil, d.errf("value expected")
	}
	var tok string
	if q := d.s[d.i]; q == '\'' || q == '"' {
		var b strings.Builder
		d.i++
		for {
			j := strings.IndexByte(d.s[d.i:], q)
			if j < 0 {
				return nil, d.errf("unterminated string")
			}
			b.WriteString(d.s[d.i : d.i+j])
			d.i += j + 1
			if d.i < len(d.s) && d.s[d.i] == q {
				b.WriteByte(q)
				d.i++
				continue
			}
			break
		}
		tok = b.String()
	} else {
		start := d.i
		for d.i < len(d.s) && d.s[d.i] != ',' && d.s[d.i] != ')' && d.s[d.i] != '}' {
			d.i++
		}
		tok = strings.TrimRight(d.s[start:d.i], " ")
		if strings.EqualFold(tok, "null") {
			return nil, nil
		}
		if tok == "" {
			return nil, d.errf("value expected")
		}
	}
	return scalarFromText(tok, t.Scalar)
}

// scalarFromText converts an element's text to the Go type DecodeComposite
// documents for its scalar type name.
func scalarFromText(s, typ string) (any, error) {
	name := typ
	if i := strings.IndexAny(name, "( "); i >= 0 {
		name = name[:i]
	}
	bad := func(err error) error {
		return fmt.Errorf("%w: %q is not a %s: %v", ErrSyntax, s, typ, err)
	}
	switch name {
	case "smallint":
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 16)
		if err != nil {
			return nil, bad(err)
		}
		return int16(n), nil
	case "integer", "int", "serial":
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
		if err != nil {
			return nil, bad(err)
		}
		return int32(n), nil
	case "bigint", "int8", "serial8", "bigserial":
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, bad(err)
		}
		return n, nil
	case "smallfloat", "real":
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 32)
		if err != nil {
			return nil, bad(err)
		}
		return float32(f), nil
	case "float", "double":
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return nil, bad(err)
		}
		return f, nil
	case "decimal", "dec", "numeric", "money":
		return ParseDecimal(strings.TrimSpace(s))
	case "boolean":
		switch strings.TrimSpace(s) {
		case "t", "T", "1":
			return true, nil
		case "f", "F", "0":
			return false, nil
		}
		return nil, bad(errors.New("not t or f"))
	}
	return s, nil
}
