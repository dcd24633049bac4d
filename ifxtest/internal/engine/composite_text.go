package engine

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
)

// Composite values are stored in SQLite as the text IDS sends for them in
// a tuple (docs/PROTOCOL.md, "Composite types"): `SET{1          ,2          }`,
// `ROW('Alice',30         )`. The text is canonical, so the tuple path
// sends it as it is: the Go functions below build it from element values
// (ifx_mkcomp), re-format it for another type (ifx_compcast), count its
// elements (ifx_cardinality) and take one out (ifx_collelem).

// compErr is the error of a value that cannot become the composite type:
// -1260 ("It is not possible to convert between the specified types").
// CHOICE: no evidence shows IDS's code for a malformed collection string
// or a NULL element.
func compErr(detail string) *Error {
	e := newErr(-1260, 0, "")
	e.Message += " (" + detail + ")"
	return e
}

// intWidth is the display width IDS pads an integer element to.
func intWidth(t ifxType) int {
	switch t.code {
	case TypeSmallint:
		return 6
	case TypeInteger, TypeSerial:
		return 11
	}
	return 20
}

func appendQuoted(b []byte, s string) []byte {
	b = append(b, '\'')
	b = append(b, strings.ReplaceAll(s, "'", "''")...)
	return append(b, '\'')
}

// appendElemText appends the text of one canonical value of type t.
func appendElemText(b []byte, v Value, t ifxType) ([]byte, error) {
	if v == nil {
		return append(b, "NULL"...), nil
	}
	if t.comp != nil {
		s, ok := v.(string)
		if !ok {
			return b, compErr(fmt.Sprintf("%T is not a %s", v, compText(t)))
		}
		return append(b, s...), nil
	}
	switch x := v.(type) {
	case int64:
		s := strconv.FormatInt(x, 10)
		b = append(b, s...)
		for n := len(s); n < intWidth(t); n++ {
			b = append(b, ' ')
		}
		return b, nil
	case float64:
		bits := 64
		if t.code == TypeSmallfloat {
			bits = 32
		}
		return strconv.AppendFloat(b, x, 'g', -1, bits), nil
	case Decimal:
		return append(b, x...), nil
	case bool:
		if x {
			return append(b, 't'), nil
		}
		return append(b, 'f'), nil
	case Date:
		return appendQuoted(b, x.String()), nil
	case DateTime:
		return appendQuoted(b, string(x)), nil
	case Interval:
		return appendQuoted(b, string(x)), nil
	case string:
		if t.isFixedChar() && len(x) < int(t.length) {
			x += strings.Repeat(" ", int(t.length)-len(x))
		}
		return appendQuoted(b, x), nil
	}
	return b, compErr(fmt.Sprintf("%T element", v))
}

// buildComp makes the text of a composite of type t from canonical values.
// A SET drops repeated elements.
func buildComp(t ifxType, vals []Value) (string, error) {
	var b []byte
	if t.code == TypeRow {
		if len(vals) != len(t.comp.fields) {
			return "", compErr(fmt.Sprintf("%d values for %d fields", len(vals), len(t.comp.fields)))
		}
		b = append(b, "ROW("...)
		for i, v := range vals {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendElemText(b, v, t.comp.fields[i].t); err != nil {
				return "", err
			}
		}
		return string(append(b, ')')), nil
	}
	b = append(b, map[int]string{TypeSet: "SET", TypeMultiset: "MULTISET", TypeList: "LIST"}[t.code]...)
	b = append(b, '{')
	var seen map[string]bool
	if t.code == TypeSet {
		seen = map[string]bool{}
	}
	n := 0
	for _, v := range vals {
		if v == nil {
			return "", compErr("NULL collection element")
		}
		e, err := appendElemText(nil, v, t.comp.elem)
		if err != nil {
			return "", err
		}
		if seen != nil {
			if seen[string(e)] {
				continue
			}
			seen[string(e)] = true
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = append(b, e...)
		n++
	}
	return string(append(b, '}')), nil
}

// decodeComp reads the text of a composite value as type t, with
// ifxtest's own parser (composite_parse.go).
func decodeComp(text string, t ifxType) (any, error) {
	return parseCompText(text, t)
}

// canonFromDecoded converts a value DecodeComposite returned into the
// canonical value of type t.
func canonFromDecoded(v any, t ifxType) (Value, error) {
	if v == nil {
		return nil, nil
	}
	if t.comp != nil {
		var vals []Value
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				c, err := canonFromDecoded(e, t.comp.elem)
				if err != nil {
					return nil, err
				}
				vals = append(vals, c)
			}
		case compRowVal:
			for i, f := range x {
				c, err := canonFromDecoded(f, t.comp.fields[i].t)
				if err != nil {
					return nil, err
				}
				vals = append(vals, c)
			}
		default:
			return nil, compErr(fmt.Sprintf("%T is not a %s", v, compText(t)))
		}
		return buildComp(t, vals)
	}
	var c Value
	switch x := v.(type) {
	case string:
		c = x
	default:
		return nil, compErr(fmt.Sprintf("%T element", v))
	}
	sv, err := toStorage(c, t)
	if err != nil {
		// An element that is not of its type makes the value malformed.
		return nil, compErr(fmt.Sprintf("%q is not a %s: %v", c, compText(t), err))
	}
	return fromStorage(sv, t)
}

// compFromText converts the text of a composite (a stored value, or a
// string such as 'SET{1, 2}' from the statement) to the canonical text of
// type t.
func compFromText(text string, t ifxType) (string, error) {
	d, err := decodeComp(text, t)
	if err != nil {
		return "", err
	}
	if d == nil {
		return "", compErr("NULL is not a composite value here")
	}
	c, err := canonFromDecoded(d, t)
	if err != nil {
		return "", err
	}
	return c.(string), nil
}

// cardinality counts the top-level elements of a collection's text.
func cardinality(text string) int64 {
	depth, n, empty := 0, int64(0), true
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\'', '"':
			j := i + 1
			for j < len(text) {
				if text[j] == c {
					if j+1 < len(text) && text[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			i = j
			if depth == 1 {
				empty = false
			}
		case '{', '(':
			if depth == 1 {
				empty = false
			}
			depth++
		case '}', ')':
			depth--
		case ',':
			if depth == 1 {
				n++
			}
		case ' ':
		default:
			if depth == 1 {
				empty = false
			}
		}
	}
	if empty {
		return 0
	}
	return n + 1
}

func textArg(v driver.Value) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case []byte:
		return string(x), true
	}
	return "", false
}

// registerCompFunctions installs the composite Go functions.
func registerCompFunctions(det func(name string, n int32, f func(args []driver.Value) (driver.Value, error))) {
	typeArg := func(v driver.Value) (ifxType, error) {
		s, _ := textArg(v)
		t, err := typeFromText(s)
		if err != nil || t.comp == nil {
			return ifxType{}, compErr("bad composite type " + s)
		}
		return t, nil
	}
	// ifx_mkcomp(type, v1, …, vn) builds a composite from storage values.
	det("ifx_mkcomp", -1, func(a []driver.Value) (driver.Value, error) {
		if len(a) == 0 {
			return nil, compErr("no type")
		}
		t, err := typeArg(a[0])
		if err != nil {
			return nil, err
		}
		vals := make([]Value, len(a)-1)
		for i, sv := range a[1:] {
			et := t.comp.elem
			if t.code == TypeRow {
				if i >= len(t.comp.fields) {
					return nil, compErr(fmt.Sprintf("%d values for %d fields", len(a)-1, len(t.comp.fields)))
				}
				et = t.comp.fields[i].t
			}
			if vals[i], err = fromStorage(sv, et); err != nil {
				return nil, err
			}
		}
		return buildComp(t, vals)
	})
	// ifx_compcast(text, type) re-formats a composite's text as type.
	det("ifx_compcast", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		t, err := typeArg(a[1])
		if err != nil {
			return nil, err
		}
		s, ok := textArg(a[0])
		if !ok {
			return nil, compErr(fmt.Sprintf("%T is not a %s", a[0], compText(t)))
		}
		return compFromText(s, t)
	})
	det("ifx_cardinality", 1, func(a []driver.Value) (driver.Value, error) {
		s, ok := textArg(a[0])
		if !ok {
			return nil, nil
		}
		return cardinality(s), nil
	})
	// ifx_collhas(text, type, v) reports whether the collection holds v
	// (NULL when either is NULL).
	det("ifx_collhas", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil || a[2] == nil {
			return nil, nil
		}
		t, err := typeArg(a[1])
		if err != nil {
			return nil, err
		}
		s, ok := textArg(a[0])
		if !ok || t.code == TypeRow {
			return nil, compErr("not a collection")
		}
		v, err := fromStorage(a[2], t.comp.elem)
		if err != nil {
			return nil, err
		}
		want, err := appendElemText(nil, v, t.comp.elem)
		if err != nil {
			return nil, err
		}
		d, err := decodeComp(s, t)
		if err != nil {
			return nil, err
		}
		list, _ := d.([]any)
		for _, e := range list {
			c, err := canonFromDecoded(e, t.comp.elem)
			if err != nil {
				return nil, err
			}
			got, err := appendElemText(nil, c, t.comp.elem)
			if err != nil {
				return nil, err
			}
			if string(got) == string(want) {
				return int64(1), nil
			}
		}
		return int64(0), nil
	})
	// ifx_rowfield(text, type, i) is the i-th (1-based) field of a ROW
	// as a storage value of the field's type.
	det("ifx_rowfield", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		t, err := typeArg(a[1])
		if err != nil {
			return nil, err
		}
		s, ok := textArg(a[0])
		i := argInt(a[2])
		if !ok || t.code != TypeRow || i < 1 || i > int64(len(t.comp.fields)) {
			return nil, compErr("not a ROW field")
		}
		d, err := decodeComp(s, t)
		if err != nil {
			return nil, err
		}
		r, _ := d.(compRowVal)
		if r == nil {
			return nil, nil
		}
		ft := t.comp.fields[i-1].t
		c, err := canonFromDecoded(r[i-1], ft)
		if err != nil {
			return nil, err
		}
		return toStorage(c, ft)
	})
	// ifx_collelem(text, type, i) is the i-th (1-based) element of a
	// collection as a storage value of the element type.
	det("ifx_collelem", 3, func(a []driver.Value) (driver.Value, error) {
		t, err := typeArg(a[1])
		if err != nil {
			return nil, err
		}
		s, ok := textArg(a[0])
		if !ok || t.code == TypeRow {
			return nil, compErr("not a collection")
		}
		d, err := decodeComp(s, t)
		if err != nil {
			return nil, err
		}
		list, _ := d.([]any)
		i := argInt(a[2])
		if i < 1 || i > int64(len(list)) {
			return nil, nil
		}
		c, err := canonFromDecoded(list[i-1], t.comp.elem)
		if err != nil {
			return nil, err
		}
		return toStorage(c, t.comp.elem)
	})
}

// compTypeErr is the error of a value of the wrong Go type for t.
func compTypeErr(v any, t ifxType) *Error {
	return compErr(fmt.Sprintf("%T is not a %s", v, compText(t)))
}
