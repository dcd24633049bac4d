package ifxtype

import (
	"database/sql"
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"
)

// A ROW scans into a struct pointer, its fields matched by name to the
// struct's `db` tags or, without one, to the field names (both
// case-insensitive), as RowToStructByName matches columns; a collection
// scans into a pointer to a slice of any element type this file can
// convert to. Nested ROWs and collections convert at any depth.

// ScanCompositeInto stores a non-NULL composite in a struct or slice
// pointer; ok is false for any other destination (or one that scans
// itself). DATE elements read in the layout of d.DBDATE, DATE and
// DATETIME elements in d.Location.
func (d *ColumnDecoder) ScanCompositeInto(ci *ColumnPlan, v []byte, dest any) (ok bool, err error) {
	if ci.Comp == nil {
		return false, nil
	}
	if _, isScanner := dest.(sql.Scanner); isScanner {
		return false, nil
	}
	rv := reflect.ValueOf(dest)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return false, nil
	}
	switch t := rv.Type().Elem(); {
	case t.Kind() == reflect.Struct && ci.Comp.Kind == KindRow && t != reflect.TypeFor[time.Time]():
	case t.Kind() == reflect.Slice && ci.Comp.Kind.IsCollection() && t.Elem().Kind() != reflect.Uint8:
	default:
		return false, nil
	}
	val, err := d.Composite(ci, v)
	if err != nil {
		return true, err
	}
	a := compAssign{loc: d.Location, dateLayout: dateLayout(d.DBDATE)}
	return true, a.assign(rv.Elem(), val)
}

// compAssign converts decoded composite values for their destinations;
// DATE and DATETIME elements arrive as text, read in the session's zone
// and DBDATE.
type compAssign struct {
	loc        *time.Location
	dateLayout string
}

// assign stores a decoded composite value (DecodeComposite's
// types) in dst, converting as the destination's type asks.
func (a compAssign) assign(dst reflect.Value, val any) error {
	if val == nil {
		if dst.CanAddr() {
			if sc, ok := dst.Addr().Interface().(sql.Scanner); ok {
				return sc.Scan(nil)
			}
		}
		dst.SetZero()
		return nil
	}
	if dst.Kind() == reflect.Pointer {
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return a.assign(dst.Elem(), val)
	}
	if dst.Kind() == reflect.Interface && reflect.TypeOf(val).AssignableTo(dst.Type()) {
		dst.Set(reflect.ValueOf(val))
		return nil
	}
	switch x := val.(type) {
	case *Row:
		if dst.Type() == reflect.TypeFor[Row]() {
			dst.Set(reflect.ValueOf(*x))
			return nil
		}
		if dst.Kind() != reflect.Struct {
			return fmt.Errorf("cannot store a ROW in a %s", dst.Type())
		}
		return a.assignRow(dst, x)
	case []any:
		if dst.Kind() != reflect.Slice {
			return fmt.Errorf("cannot store a collection in a %s", dst.Type())
		}
		out := reflect.MakeSlice(dst.Type(), len(x), len(x))
		for i, e := range x {
			if err := a.assign(out.Index(i), e); err != nil {
				return fmt.Errorf("element %d: %w", i+1, err)
			}
		}
		dst.Set(out)
		return nil
	}
	src := reflect.ValueOf(val)
	if src.Type().AssignableTo(dst.Type()) {
		dst.Set(src)
		return nil
	}
	if dst.CanAddr() {
		if sc, ok := dst.Addr().Interface().(sql.Scanner); ok {
			return sc.Scan(scannerValue(val))
		}
	}
	switch {
	case src.CanInt() && dst.CanInt():
		n := src.Int()
		if dst.OverflowInt(n) {
			return fmt.Errorf("%d overflows %s", n, dst.Type())
		}
		dst.SetInt(n)
		return nil
	case src.CanInt() && dst.CanUint():
		n := src.Int()
		if n < 0 || dst.OverflowUint(uint64(n)) {
			return fmt.Errorf("%d overflows %s", n, dst.Type())
		}
		dst.SetUint(uint64(n))
		return nil
	case src.CanInt() && dst.CanFloat():
		dst.SetFloat(float64(src.Int()))
		return nil
	case src.CanFloat() && dst.CanFloat():
		f := src.Float()
		if dst.Kind() == reflect.Float32 && math.Abs(f) > math.MaxFloat32 {
			return fmt.Errorf("%v overflows float32", f)
		}
		dst.SetFloat(f)
		return nil
	case src.Kind() == reflect.String && dst.Kind() == reflect.String:
		dst.SetString(src.String())
		return nil
	case src.Kind() == reflect.String && dst.Type() == reflect.TypeFor[time.Time]():
		t, err := a.parseTime(src.String())
		if err != nil {
			return err
		}
		dst.Set(reflect.ValueOf(t))
		return nil
	}
	return fmt.Errorf("cannot store a %T in a %s", val, dst.Type())
}

// assignRow stores a ROW's fields in the struct dst by name.
func (a compAssign) assignRow(dst reflect.Value, row *Row) error {
	t := dst.Type()
	for _, f := range row.Fields {
		i := structFieldFor(t, f.Name)
		if i < 0 {
			return fmt.Errorf("ROW field %s has no field in %s (by db tag or name)", f.Name, t)
		}
		if err := a.assign(dst.Field(i), f.Value); err != nil {
			return fmt.Errorf("ROW field %s: %w", f.Name, err)
		}
	}
	return nil
}

// structFieldFor finds the exported field of t named name by its db tag,
// else by its name, case-insensitively; -1 when there is none.
func structFieldFor(t reflect.Type, name string) int {
	byName := -1
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("db"), ",")
		if tag == "-" {
			continue
		}
		if tag != "" {
			if strings.EqualFold(tag, name) {
				return i
			}
			continue
		}
		if byName < 0 && strings.EqualFold(f.Name, name) {
			byName = i
		}
	}
	return byName
}

// dateTimeLayouts are the text forms of DATETIME elements (the fields
// a qualifier lacks come from 0001-01-01 00:00:00, as for DATETIME
// columns).
var dateTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999", "2006-01-02 15:04", "2006-01-02 15", "2006-01-02", "2006-01", "2006",
	"15:04:05.999999999", "15:04", "04:05.999999999", "05.999999999",
}

// parseTime reads a DATE element in the DBDATE layout, or a DATETIME
// element.
func (a compAssign) parseTime(s string) (time.Time, error) {
	loc := a.loc
	if loc == nil {
		loc = time.UTC
	}
	if t, err := time.ParseInLocation(a.dateLayout, s, loc); err == nil {
		return t, nil
	}
	for _, l := range dateTimeLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			if t.Year() == 0 {
				t = t.AddDate(1, 0, 0) // Go's base year is 0, Informix's 1
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a DATE (DBDATE %s) or DATETIME", s, a.dateLayout)
}

// dateLayout turns a DBDATE value (MDY4/, DMY2-, Y4MD., …; IDS's default
// MDY4/) into a Go layout.
func dateLayout(dbdate string) string {
	if dbdate == "" {
		dbdate = "MDY4/"
	}
	var parts []string
	sep := "/"
	for i := 0; i < len(dbdate); i++ {
		switch c := dbdate[i]; c {
		case 'M', 'm':
			parts = append(parts, "01")
		case 'D', 'd':
			parts = append(parts, "02")
		case 'Y', 'y':
			if i+1 < len(dbdate) && dbdate[i+1] == '2' {
				parts = append(parts, "06")
			} else {
				parts = append(parts, "2006")
			}
			if i+1 < len(dbdate) && (dbdate[i+1] == '2' || dbdate[i+1] == '4') {
				i++
			}
		case '/', '-', '.', '0':
			sep = string(c)
			if c == '0' {
				sep = ""
			}
		}
	}
	if len(parts) != 3 {
		return "01/02/2006"
	}
	return strings.Join(parts, sep)
}

// scannerValue gives an sql.Scanner element the driver.Value type
// database/sql would: int64, float64, string.
func scannerValue(v any) any {
	switch x := v.(type) {
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case float32:
		return float64(x)
	case Decimal:
		return x.String()
	}
	return v
}
