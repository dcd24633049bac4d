package ifx

import (
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
)

// Scan copies the current row's columns into dest, one pointer per
// column (nil skips a column). Supported destinations: *int, *int8 …
// *int64, *uint … *uint64 (range checked), *float32, *float64, *string,
// *[]byte, *bool, *time.Time (DATE, DATETIME), *time.Duration (INTERVAL
// DAY…FRACTION), *ifxtype.Decimal, *ifxtype.DateTime, *ifxtype.IntervalDF,
// *ifxtype.IntervalYM, *big.Rat, *any, any sql.Scanner (sql.NullString,
// sql.Null[T], …), and pointers to pointers, which receive nil for NULL.
// Fixed-width values are decoded without allocating. A string of up to
// 64 bytes scanned into *string shares its allocation with the strings
// scanned before and after it (a block of up to 1 KiB, which a string kept
// keeps alive, as Go's allocator does for tiny strings); a longer one
// costs one allocation. BYTE scans like []byte data and TEXT like a string: their
// contents are fetched when Next reaches the row.
func (r *Rows) Scan(dest ...any) error {
	// A closed Rows may still have haveRow set, but its row's bytes lie in
	// the read buffer that later exchanges reuse.
	if !r.haveRow || r.closed {
		if r.closed {
			return ErrRowsClosed
		}
		return fmt.Errorf("ifx: Scan called without a successful Next")
	}
	if len(dest) != len(r.cols) {
		return fmt.Errorf("ifx: Scan got %d destinations for %d columns", len(dest), len(r.cols))
	}
	fc := r.fast.cols
	if len(fc) != len(dest) {
		fc = make([]fastCol, len(dest))
		r.fast.cols = fc
	}
	planned := r.blob == nil // see fastRows
	for i := 0; i < len(dest); i++ {
		if planned {
			if i += r.scanRun(dest[i:], i); i == len(dest) {
				break
			}
		}
		d := dest[i]
		if d == nil {
			continue
		}
		if planned && fc[i].op == opUnplanned {
			fc[i] = planScanOp(&r.cols[i], d)
			if r.scanRun(dest[i:i+1], i) == 1 {
				continue
			}
		}
		if err := r.scanColumn(i, d); err != nil {
			return &ScanError{Column: r.columns[i].Name, Index: i, Err: err}
		}
	}
	return nil
}

// Values returns the current row's values in their natural Go types (see
// Column for the mapping); NULL is nil. Unlike Scan targets, the values
// are copies and stay valid.
func (r *Rows) Values() ([]any, error) {
	if !r.haveRow || r.closed {
		if r.closed {
			return nil, ErrRowsClosed
		}
		return nil, fmt.Errorf("ifx: Values called without a successful Next")
	}
	out := make([]any, len(r.cols))
	for i := range r.cols {
		v, err := r.dec.Value(&r.cols[i], r.vals[i])
		if err != nil {
			return nil, &ScanError{Column: r.columns[i].Name, Index: i, Err: err}
		}
		out[i] = v
	}
	return out, nil
}

func (r *Rows) scanColumn(i int, dest any) error {
	ci := &r.cols[i]
	v := r.vals[i]
	if ci.Kind == ifxtype.ColUnsupported || ci.Kind == ifxtype.ColBlobDesc {
		return fmt.Errorf("%s values cannot be read yet: %w", r.columns[i].TypeName, ErrUnsupported)
	}
	null := ci.IsNull(v)
	if kind, ok := ci.LOKind(); ok {
		return r.scanLO(i, kind, null, dest)
	}
	switch d := dest.(type) {
	case *any:
		if null {
			*d = nil
			return nil
		}
		x, err := r.dec.Value(&r.cols[i], r.vals[i])
		*d = x
		return err
	}
	if null {
		if sc, ok := dest.(sql.Scanner); ok {
			return sc.Scan(nil)
		}
		return r.scanNull(dest)
	}
	if ci.Comp != nil {
		if ok, err := r.scanComposite(ci, v, dest); ok {
			return err
		}
	}
	switch d := dest.(type) {
	case *string:
		s, err := r.dec.Text(ci, v)
		*d = s
		return err
	case *[]byte:
		switch ci.Kind {
		case ifxtype.ColOpaque:
			*d = append((*d)[:0], ci.Payload(v)...)
		case ifxtype.ColChar, ifxtype.ColVarChar, ifxtype.ColText:
			*d = r.c.codec.AppendDecoded((*d)[:0], ci.Payload(v), nil)
		default:
			s, err := r.dec.Text(ci, v)
			if err != nil {
				return err
			}
			*d = append((*d)[:0], s...)
		}
		if *d == nil {
			*d = []byte{} // empty, not NULL
		}
		return nil
	case *int64:
		n, err := r.dec.Int64(ci, v)
		*d = n
		return err
	case *int:
		return adapter.Store(d)(adapter.NarrowInt[int](r.dec.Int64(ci, v)))
	case *int32:
		return adapter.Store(d)(adapter.NarrowInt[int32](r.dec.Int64(ci, v)))
	case *int16:
		return adapter.Store(d)(adapter.NarrowInt[int16](r.dec.Int64(ci, v)))
	case *int8:
		return adapter.Store(d)(adapter.NarrowInt[int8](r.dec.Int64(ci, v)))
	case *uint64:
		return adapter.Store(d)(narrowUint[uint64](r.dec.Int64(ci, v)))
	case *uint:
		return adapter.Store(d)(narrowUint[uint](r.dec.Int64(ci, v)))
	case *uint32:
		return adapter.Store(d)(narrowUint[uint32](r.dec.Int64(ci, v)))
	case *uint16:
		return adapter.Store(d)(narrowUint[uint16](r.dec.Int64(ci, v)))
	case *uint8:
		return adapter.Store(d)(narrowUint[uint8](r.dec.Int64(ci, v)))
	case *float64:
		f, err := r.dec.Float64(ci, v)
		*d = f
		return err
	case *float32:
		f, err := r.dec.Float64(ci, v)
		if err != nil {
			return err
		}
		if ci.Kind == ifxtype.ColFloat && !math.IsInf(f, 0) && math.Abs(f) > math.MaxFloat32 {
			return fmt.Errorf("%v overflows float32", f)
		}
		*d = float32(f)
		return nil
	case *bool:
		b, err := r.dec.BoolValue(ci, v)
		if err != nil {
			return err
		}
		*d = b
		return nil
	case *time.Time:
		t, err := r.dec.Time(ci, v)
		*d = t
		return err
	case *time.Duration:
		iv, err := r.dec.IntervalDF(ci, v)
		if err != nil {
			return err
		}
		dur, err := iv.Duration()
		*d = dur
		return err
	case *ifxtype.Decimal:
		if ci.Kind == ifxtype.ColDecimal {
			var err error
			*d, _, err = ifxtype.DecodeDecimalWireScale(v, ci.Scale)
			return err
		}
		x, err := r.dec.Decimal(ci, v)
		*d = x
		return err
	case *ifxtype.DateTime:
		return r.dec.ScanDateTime(ci, v, d)
	case *ifxtype.IntervalDF:
		return r.dec.ScanIntervalDF(ci, v, d)
	case *ifxtype.IntervalYM:
		return r.dec.ScanIntervalYM(ci, v, d)
	case *big.Rat:
		x, err := r.dec.Decimal(ci, v)
		if err != nil {
			return err
		}
		if _, ok := d.SetString(x.String()); !ok {
			return fmt.Errorf("cannot convert %s to big.Rat", x)
		}
		return nil
	case sql.Scanner:
		x, err := r.dec.DriverValue(&r.cols[i], r.vals[i])
		if err != nil {
			return err
		}
		return d.Scan(x)
	}
	return r.scanReflect(i, dest)
}

// narrowUint is narrowInt for unsigned types: negative values fail too.
func narrowUint[T uint8 | uint16 | uint32 | uint | uint64](n int64, err error) (T, error) {
	if err != nil {
		return 0, err
	}
	t := T(n)
	if n < 0 || uint64(t) != uint64(n) {
		return 0, adapter.Overflow(n, fmt.Sprintf("%T", t))
	}
	return t, nil
}

// scanNull stores NULL: nil for pointers, maps, slices and interfaces,
// an error for anything else.
func (r *Rows) scanNull(dest any) error {
	switch d := dest.(type) {
	case *[]byte:
		*d = nil
		return nil
	}
	rv := reflect.ValueOf(dest)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("destination %T is not a non-nil pointer", dest)
	}
	e := rv.Elem()
	switch e.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		e.SetZero()
		return nil
	}
	return errNull
}

// scanReflect handles **T and named types (type Celsius float64).
func (r *Rows) scanReflect(i int, dest any) error {
	rv := reflect.ValueOf(dest)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("destination %T is not a non-nil pointer", dest)
	}
	e := rv.Elem()
	if e.Kind() == reflect.Pointer {
		nv := reflect.New(e.Type().Elem())
		if err := r.scanColumn(i, nv.Interface()); err != nil {
			return err
		}
		e.Set(nv)
		return nil
	}
	var base any
	switch e.Kind() {
	case reflect.String:
		base = new(string)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		base = new(int64)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		base = new(uint64)
	case reflect.Float32, reflect.Float64:
		base = new(float64)
	case reflect.Bool:
		base = new(bool)
	default:
		return fmt.Errorf("cannot scan %s into %T: %w", r.columns[i].TypeName, dest, ErrUnsupported)
	}
	if err := r.scanColumn(i, base); err != nil {
		return err
	}
	bv := reflect.ValueOf(base).Elem()
	switch e.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if e.OverflowInt(bv.Int()) {
			return adapter.Overflow(bv.Int(), e.Type().String())
		}
		e.SetInt(bv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if e.OverflowUint(bv.Uint()) {
			return fmt.Errorf("value %d overflows %s", bv.Uint(), e.Type())
		}
		e.SetUint(bv.Uint())
	case reflect.Float32, reflect.Float64:
		e.SetFloat(bv.Float())
	default:
		e.Set(bv.Convert(e.Type()))
	}
	return nil
}

// splitData cuts a tuple (packed layout) into column values
// (ifxtype.SplitRow). The slices alias the reader's buffer and are valid
// until the next read.
func (r *Rows) splitData(data []byte) error {
	if r.blob == nil { // see fastRows
		if len(r.fast.layout) != len(r.cols) {
			r.fast.layout = ifxtype.NewRowLayout(r.cols)
		}
		if vals, ok := r.fast.layout.Split(r.vals[:0], data); ok {
			r.vals = vals
			return nil
		}
	}
	var err error
	if r.vals, err = ifxtype.SplitRow(r.vals[:0], r.cols, data); err != nil {
		return &ProtocolError{Op: "fetch", Err: err}
	}
	return nil
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

// ROW, SET, MULTISET and LIST columns arrive as the value's text in the
// opaque envelope, described with the type as IDS prints it in the
// extended name (docs/PROTOCOL.md, "Composite types"). The text reads as
// a string (*string, *[]byte); Values and the slice and *ifxtype.Row
// destinations decode it with ifxtype.DecodeComposite, bounded by
// ifxtype.DefaultCompositeLimits.

// scanComposite stores a non-NULL composite in the destinations only
// composites have; ok is false for any other destination.
func (r *Rows) scanComposite(ci *ifxtype.ColumnPlan, v []byte, dest any) (ok bool, err error) {
	switch dest.(type) {
	case *ifxtype.Row, *[]any, *[]int16, *[]int32, *[]int64, *[]int, *[]float64, *[]string, *[]bool,
		*[]ifxtype.Decimal, *[]*ifxtype.Row, *ifxtype.Set, *ifxtype.Multiset, *ifxtype.List:
	default:
		return r.dec.ScanCompositeInto(ci, v, dest) // structs, other slices
	}
	if ok, err := r.dec.ScanIntCollection(ci, v, dest); ok { // from the bytes, no []any
		return true, err
	}
	val, err := r.dec.Composite(ci, v)
	if err != nil {
		return true, err
	}
	if d, ok := dest.(*ifxtype.Row); ok {
		row, isRow := val.(*ifxtype.Row)
		if !isRow {
			return true, fmt.Errorf("cannot scan %s into *ifxtype.Row: %w", ci.Comp.Kind, ErrUnsupported)
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
			return 0, adapter.Overflow(n, fmt.Sprintf("%T", T(0)))
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
