package ifx

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// ROW, SET, MULTISET and LIST columns arrive as the value's text in the
// opaque envelope, described with the type as IDS prints it in the
// extended name (docs/PROTOCOL.md, "Composite types"). The text reads as
// a string (*string, *[]byte); Values and the slice and *ifxtype.Row
// destinations decode it with ifxtype.DecodeComposite, bounded by
// ifxtype.DefaultCompositeLimits.

// planComposite parses a composite column's type from its extended name.
// A name that does not parse leaves the column readable as text only.
func planComposite(ci *colInfo, col *Column, cd sqli.ColumnDesc) {
	if ct, err := ifxtype.ParseCompositeType(cd.ExtendedName); err == nil && ct.Kind != ifxtype.KindScalar {
		ci.comp = ct
	}
	col.TypeName = strings.ToUpper(cd.ExtendedName)
	if col.TypeName == "" {
		col.TypeName = cd.Type.Base().String()
	}
}

// compositeValue decodes a non-NULL composite: []any for a collection,
// *ifxtype.Row for a ROW.
func (r *Rows) compositeValue(ci *colInfo, v []byte) (any, error) {
	text := r.c.codec.decode(ci.payload(v), &r.scratch)
	return ifxtype.DecodeComposite(text, ci.comp, ifxtype.DefaultCompositeLimits)
}

// scanComposite stores a non-NULL composite in the destinations only
// composites have; ok is false for any other destination.
func (r *Rows) scanComposite(ci *colInfo, v []byte, dest any) (ok bool, err error) {
	switch dest.(type) {
	case *ifxtype.Row, *[]any, *[]int16, *[]int32, *[]int64, *[]int, *[]float64, *[]string, *[]bool,
		*[]ifxtype.Decimal, *[]*ifxtype.Row, *ifxtype.Set, *ifxtype.Multiset, *ifxtype.List:
	default:
		return r.scanCompositeReflect(ci, v, dest) // composite_struct.go
	}
	if ok, err := scanIntCollection(ci, v, dest); ok { // composite_fast.go
		return true, err
	}
	val, err := r.compositeValue(ci, v)
	if err != nil {
		return true, err
	}
	if d, ok := dest.(*ifxtype.Row); ok {
		row, isRow := val.(*ifxtype.Row)
		if !isRow {
			return true, fmt.Errorf("cannot scan %s into *ifxtype.Row: %w", ci.comp.Kind, ErrUnsupported)
		}
		*d = *row
		return true, nil
	}
	list, isList := val.([]any)
	if !isList {
		return true, fmt.Errorf("cannot scan ROW into %T: %w", dest, ErrUnsupported)
	}
	switch d := dest.(type) {
	case *[]any:
		*d = list
	case *ifxtype.Set:
		*d = list
	case *ifxtype.Multiset:
		*d = list
	case *ifxtype.List:
		*d = list
	case *[]int16:
		*d, err = convertElems(list, (*d)[:0], intElem[int16](math.MinInt16, math.MaxInt16))
	case *[]int32:
		*d, err = convertElems(list, (*d)[:0], intElem[int32](math.MinInt32, math.MaxInt32))
	case *[]int64:
		*d, err = convertElems(list, (*d)[:0], intElem[int64](math.MinInt64, math.MaxInt64))
	case *[]int:
		*d, err = convertElems(list, (*d)[:0], intElem[int](math.MinInt, math.MaxInt))
	case *[]float64:
		*d, err = convertElems(list, (*d)[:0], floatElem)
	case *[]string:
		*d, err = convertElems(list, (*d)[:0], stringElem)
	case *[]bool:
		*d, err = convertElems(list, (*d)[:0], sameElem[bool])
	case *[]ifxtype.Decimal:
		*d, err = convertElems(list, (*d)[:0], decimalElem)
	case *[]*ifxtype.Row:
		*d, err = convertElems(list, (*d)[:0], sameElem[*ifxtype.Row])
	}
	return true, err
}

func convertElems[T any](list []any, out []T, conv func(any) (T, error)) ([]T, error) {
	if out == nil {
		out = make([]T, 0, len(list))
	}
	for i, e := range list {
		x, err := conv(e)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i+1, err)
		}
		out = append(out, x)
	}
	return out, nil
}

func elemInt64(e any) (int64, bool) {
	switch x := e.(type) {
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	}
	return 0, false
}

func intElem[T int16 | int32 | int64 | int](lo, hi int64) func(any) (T, error) {
	return func(e any) (T, error) {
		n, ok := elemInt64(e)
		if !ok {
			return 0, fmt.Errorf("%T element into %T: %w", e, T(0), ErrUnsupported)
		}
		if n < lo || n > hi {
			return 0, overflow(n, fmt.Sprintf("%T", T(0)))
		}
		return T(n), nil
	}
}

func floatElem(e any) (float64, error) {
	switch x := e.(type) {
	case float32:
		return float64(x), nil
	case float64:
		return x, nil
	case ifxtype.Decimal:
		return x.Float64(), nil
	}
	if n, ok := elemInt64(e); ok {
		return float64(n), nil
	}
	return 0, fmt.Errorf("%T element into float64: %w", e, ErrUnsupported)
}

func stringElem(e any) (string, error) {
	switch x := e.(type) {
	case string:
		return x, nil
	case ifxtype.Decimal:
		return x.String(), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	if n, ok := elemInt64(e); ok {
		return strconv.FormatInt(n, 10), nil
	}
	return "", fmt.Errorf("%T element into string: %w", e, ErrUnsupported)
}

func decimalElem(e any) (ifxtype.Decimal, error) {
	switch x := e.(type) {
	case ifxtype.Decimal:
		return x, nil
	}
	if n, ok := elemInt64(e); ok {
		return ifxtype.DecimalFromInt64(n), nil
	}
	return ifxtype.Decimal{}, fmt.Errorf("%T element into ifxtype.Decimal: %w", e, ErrUnsupported)
}

func sameElem[T any](e any) (T, error) {
	x, ok := e.(T)
	if !ok {
		var zero T
		return zero, fmt.Errorf("%T element into %T: %w", e, zero, ErrUnsupported)
	}
	return x, nil
}
