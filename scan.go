package ifx

import (
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"reflect"
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
// Fixed-width values are decoded without allocating; a string costs one
// allocation. BYTE scans like []byte data and TEXT like a string: their
// contents are fetched when Next reaches the row.
func (r *Rows) Scan(dest ...any) error {
	if !r.haveRow {
		if r.closed {
			return ErrRowsClosed
		}
		return fmt.Errorf("ifx: Scan called without a successful Next")
	}
	if len(dest) != len(r.cols) {
		return fmt.Errorf("ifx: Scan got %d destinations for %d columns", len(dest), len(r.cols))
	}
	for i, d := range dest {
		if d == nil {
			continue
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
	if !r.haveRow {
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
