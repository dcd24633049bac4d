package ifx

import (
	"database/sql"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
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
		v, err := r.value(i)
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
	if ci.kind == kUnsupported || ci.kind == kBlobDesc {
		return fmt.Errorf("%s values cannot be read yet: %w", r.columns[i].TypeName, ErrUnsupported)
	}
	null := ci.isNull(v)
	if kind, ok := ci.loKind(); ok {
		return r.scanLO(i, kind, null, dest)
	}
	switch d := dest.(type) {
	case *any:
		if null {
			*d = nil
			return nil
		}
		x, err := r.value(i)
		*d = x
		return err
	}
	if null {
		if sc, ok := dest.(sql.Scanner); ok {
			return sc.Scan(nil)
		}
		return r.scanNull(dest)
	}
	if ci.comp != nil {
		if ok, err := r.scanComposite(ci, v, dest); ok {
			return err
		}
	}
	switch d := dest.(type) {
	case *string:
		s, err := r.text(ci, v)
		*d = s
		return err
	case *[]byte:
		switch ci.kind {
		case kOpaque:
			*d = append((*d)[:0], ci.payload(v)...)
		case kChar, kVarChar, kText:
			*d = r.c.codec.appendDecoded((*d)[:0], ci.payload(v), nil)
		default:
			s, err := r.text(ci, v)
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
		n, err := r.int64Of(ci, v)
		*d = n
		return err
	case *int:
		return store(d)(narrowInt[int](r.int64Of(ci, v)))
	case *int32:
		return store(d)(narrowInt[int32](r.int64Of(ci, v)))
	case *int16:
		return store(d)(narrowInt[int16](r.int64Of(ci, v)))
	case *int8:
		return store(d)(narrowInt[int8](r.int64Of(ci, v)))
	case *uint64:
		return store(d)(narrowUint[uint64](r.int64Of(ci, v)))
	case *uint:
		return store(d)(narrowUint[uint](r.int64Of(ci, v)))
	case *uint32:
		return store(d)(narrowUint[uint32](r.int64Of(ci, v)))
	case *uint16:
		return store(d)(narrowUint[uint16](r.int64Of(ci, v)))
	case *uint8:
		return store(d)(narrowUint[uint8](r.int64Of(ci, v)))
	case *float64:
		f, err := r.float64Of(ci, v)
		*d = f
		return err
	case *float32:
		f, err := r.float64Of(ci, v)
		if err != nil {
			return err
		}
		if ci.kind == kFloat && !math.IsInf(f, 0) && math.Abs(f) > math.MaxFloat32 {
			return fmt.Errorf("%v overflows float32", f)
		}
		*d = float32(f)
		return nil
	case *bool:
		switch ci.kind {
		case kBool:
			*d = r.boolOf(v)
		case kSmallInt, kInt, kBigInt, kInt8:
			n, _ := r.int64Of(ci, v)
			*d = n != 0
		case kChar, kVarChar, kText:
			switch trimBlanks(string(ci.payload(v))) {
			case "t", "T", "1", "true", "TRUE", "y", "Y":
				*d = true
			case "f", "F", "0", "false", "FALSE", "n", "N":
				*d = false
			default:
				return fmt.Errorf("cannot convert %q to bool", ci.payload(v))
			}
		default:
			return fmt.Errorf("cannot convert %s to bool", r.columns[i].TypeName)
		}
		return nil
	case *time.Time:
		t, err := r.timeOf(ci, v)
		*d = t
		return err
	case *time.Duration:
		iv, err := r.intervalDFOf(ci, v)
		if err != nil {
			return err
		}
		dur, err := iv.Duration()
		*d = dur
		return err
	case *ifxtype.Decimal:
		if ci.kind == kDecimal {
			var err error
			*d, _, err = ifxtype.DecodeDecimalWireScale(v, ci.scale)
			return err
		}
		x, err := r.decimalOf(ci, v)
		*d = x
		return err
	case *ifxtype.DateTime:
		if ci.kind != kDateTime {
			return fmt.Errorf("cannot convert %s to ifxtype.DateTime", r.columns[i].TypeName)
		}
		if ci.dtFast {
			if dt, ok := fastDateTimeValue(v, ci.dtLow, ci.qual); ok {
				*d = dt
				return nil
			}
		}
		dt, _, err := ifxtype.DecodeDateTimeWire(v, ci.qual)
		*d = dt
		return err
	case *ifxtype.IntervalDF:
		iv, err := r.intervalDFOf(ci, v)
		*d = iv
		return err
	case *ifxtype.IntervalYM:
		if ci.kind != kIntervalYM {
			return fmt.Errorf("cannot convert %s to ifxtype.IntervalYM", r.columns[i].TypeName)
		}
		iv, _, err := ifxtype.DecodeIntervalYMWire(v, ci.qual)
		*d = iv
		return err
	case *big.Rat:
		x, err := r.decimalOf(ci, v)
		if err != nil {
			return err
		}
		if _, ok := d.SetString(x.String()); !ok {
			return fmt.Errorf("cannot convert %s to big.Rat", x)
		}
		return nil
	case sql.Scanner:
		x, err := r.driverValue(i)
		if err != nil {
			return err
		}
		return d.Scan(x)
	}
	return r.scanReflect(i, dest)
}

func overflow(n int64, typ string) error {
	return fmt.Errorf("value %d overflows %s", n, typ)
}

// store returns a function that stores a conversion's result in dest
// unless it failed: database/sql leaves a destination alone on error.
func store[T any](dest *T) func(T, error) error {
	return func(x T, err error) error {
		if err == nil {
			*dest = x
		}
		return err
	}
}

// narrowInt converts n to a narrower integer type, failing when it does
// not fit, as database/sql does.
func narrowInt[T int8 | int16 | int32 | int](n int64, err error) (T, error) {
	if err != nil {
		return 0, err
	}
	t := T(n)
	if int64(t) != n {
		return 0, overflow(n, fmt.Sprintf("%T", t))
	}
	return t, nil
}

// narrowUint is narrowInt for unsigned types: negative values fail too.
func narrowUint[T uint8 | uint16 | uint32 | uint | uint64](n int64, err error) (T, error) {
	if err != nil {
		return 0, err
	}
	t := T(n)
	if n < 0 || uint64(t) != uint64(n) {
		return 0, overflow(n, fmt.Sprintf("%T", t))
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
			return overflow(bv.Int(), e.Type().String())
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
