package ifx

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// ErrTooManyRows is returned by CollectExactlyOneRow when the result has
// more than one row.
var ErrTooManyRows = errors.New("ifx: too many rows in result set")

// CollectableRow is the current row of a result as a RowToFunc sees it.
// *Rows implements it.
type CollectableRow interface {
	Columns() []Column
	Scan(dest ...any) error
	Values() ([]any, error)
}

// RowToFunc turns the current row into a T. RowTo, RowToStructByName and
// the other RowTo functions are RowToFuncs.
type RowToFunc[T any] func(row CollectableRow) (T, error)

// CollectRows reads every row of rows through fn and closes rows. It is
// AppendRows to a nil slice.
func CollectRows[T any](rows *Rows, fn RowToFunc[T]) ([]T, error) {
	return AppendRows([]T(nil), rows, fn)
}

// AppendRows appends every row of rows, turned into a T by fn, to slice,
// and closes rows. On an error it returns the slice as far as it got.
func AppendRows[T any, S ~[]T](slice S, rows *Rows, fn RowToFunc[T]) (S, error) {
	if rows == nil {
		return slice, errNilRows
	}
	defer rows.Close()
	for rows.Next() {
		v, err := fn(rows)
		if err != nil {
			return slice, err
		}
		slice = append(slice, v)
	}
	return slice, rows.Err()
}

// CollectOneRow turns the first row of rows into a T and closes rows,
// ignoring any further rows. It returns ErrNoRows when there is none.
func CollectOneRow[T any](rows *Rows, fn RowToFunc[T]) (T, error) {
	var zero T
	if rows == nil {
		return zero, errNilRows
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return zero, err
		}
		return zero, ErrNoRows
	}
	v, err := fn(rows)
	if err != nil {
		return zero, err
	}
	rows.Close()
	return v, rows.Err()
}

// CollectExactlyOneRow is CollectOneRow that also fails, with
// ErrTooManyRows, when the result has a second row.
func CollectExactlyOneRow[T any](rows *Rows, fn RowToFunc[T]) (T, error) {
	var zero T
	if rows == nil {
		return zero, errNilRows
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return zero, err
		}
		return zero, ErrNoRows
	}
	v, err := fn(rows)
	if err != nil {
		return zero, err
	}
	if rows.Next() {
		return zero, ErrTooManyRows
	}
	if err := rows.Err(); err != nil {
		return zero, err
	}
	return v, nil
}

// ForEachRow scans every row of rows into scans and calls fn after each;
// it closes rows and returns its CommandTag. An error from fn stops it.
func ForEachRow(rows *Rows, scans []any, fn func() error) (CommandTag, error) {
	if rows == nil {
		return CommandTag{}, errNilRows
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(scans...); err != nil {
			return CommandTag{}, err
		}
		if err := fn(); err != nil {
			return CommandTag{}, err
		}
	}
	if err := rows.Err(); err != nil {
		return CommandTag{}, err
	}
	return rows.CommandTag(), nil
}

var errNilRows = errors.New("ifx: nil Rows (check the error Query returned)")

// RowTo scans a one-column row into a T.
func RowTo[T any](row CollectableRow) (T, error) {
	var v T
	err := row.Scan(&v)
	return v, err
}

// RowToAddrOf scans a one-column row into a new T and returns its
// address.
func RowToAddrOf[T any](row CollectableRow) (*T, error) {
	v := new(T)
	return v, row.Scan(v)
}

// RowToMap returns the row as a map from column name to value, the
// values in their natural Go types (see Rows.Values).
func RowToMap(row CollectableRow) (map[string]any, error) {
	vals, err := row.Values()
	if err != nil {
		return nil, err
	}
	cols := row.Columns()
	m := make(map[string]any, len(cols))
	for i, c := range cols {
		m[c.Name] = vals[i]
	}
	return m, nil
}

// RowToStructByPos scans the row into the exported fields of a struct T
// in order (fields of embedded structs in place, fields tagged db:"-"
// left out). The number of fields must equal the number of columns.
func RowToStructByPos[T any](row CollectableRow) (T, error) { return structValue[T](row, byPos) }

// RowToAddrOfStructByPos is RowToStructByPos returning a pointer.
func RowToAddrOfStructByPos[T any](row CollectableRow) (*T, error) { return structAddr[T](row, byPos) }

// RowToStructByName scans the row into the fields of a struct T by
// column name: a field tagged db:"name" takes that column, an untagged
// exported field the column whose name matches its own ignoring case
// and underscores (CustomerNum takes customer_num); db:"-" leaves a
// field out, and embedded structs' fields count as T's own. Every
// column must have a field and every field a column.
func RowToStructByName[T any](row CollectableRow) (T, error) { return structValue[T](row, byName) }

// RowToAddrOfStructByName is RowToStructByName returning a pointer.
func RowToAddrOfStructByName[T any](row CollectableRow) (*T, error) {
	return structAddr[T](row, byName)
}

// RowToStructByNameLax is RowToStructByName that leaves fields without a
// column at their zero value. Every column still needs a field.
func RowToStructByNameLax[T any](row CollectableRow) (T, error) {
	return structValue[T](row, byNameLax)
}

// RowToAddrOfStructByNameLax is RowToStructByNameLax returning a
// pointer.
func RowToAddrOfStructByNameLax[T any](row CollectableRow) (*T, error) {
	return structAddr[T](row, byNameLax)
}

func structValue[T any](row CollectableRow, match structMatch) (T, error) {
	var v T
	return v, scanStruct(row, &v, match)
}

func structAddr[T any](row CollectableRow, match structMatch) (*T, error) {
	v := new(T)
	return v, scanStruct(row, v, match)
}

// structMatch says how columns find their fields.
type structMatch uint8

const (
	byPos structMatch = iota
	byName
	byNameLax
)

// structPlan maps a result's columns to the fields of one struct type:
// fields[i] is the index path of column i's field.
type structPlan struct {
	fields [][]int
	dest   []any // reused by scanStruct; a Rows serves one goroutine
}

type structPlanKey struct {
	t     reflect.Type
	match structMatch
}

// scanStruct scans row into *ptr, a struct. The plan is made once per
// Rows and struct type.
func scanStruct(row CollectableRow, ptr any, match structMatch) error {
	pv := reflect.ValueOf(ptr).Elem()
	if pv.Kind() != reflect.Struct {
		return fmt.Errorf("ifx: %s is not a struct", pv.Type())
	}
	var plan *structPlan
	rows, _ := row.(*Rows)
	key := structPlanKey{pv.Type(), match}
	if rows != nil {
		plan = rows.structPlans[key]
	}
	if plan == nil {
		var err error
		if plan, err = newStructPlan(pv.Type(), row.Columns(), match); err != nil {
			return err
		}
		if rows != nil {
			if rows.structPlans == nil {
				rows.structPlans = map[structPlanKey]*structPlan{}
			}
			rows.structPlans[key] = plan
		}
	}
	for i, path := range plan.fields {
		plan.dest[i] = pv.FieldByIndex(path).Addr().Interface()
	}
	err := row.Scan(plan.dest...)
	clear(plan.dest) // hold no pointer into the caller's value
	return err
}

// structField is a field that can take a column.
type structField struct {
	name   string // the db tag, or the Go field name
	tagged bool
	path   []int
}

func newStructPlan(t reflect.Type, cols []Column, match structMatch) (*structPlan, error) {
	fields := structFields(t, nil, nil)
	plan := &structPlan{fields: make([][]int, len(cols)), dest: make([]any, len(cols))}
	if match == byPos {
		if len(fields) != len(cols) {
			return nil, fmt.Errorf("ifx: %s has %d fields for %d columns", t, len(fields), len(cols))
		}
		for i, f := range fields {
			plan.fields[i] = f.path
		}
		return plan, nil
	}
	used := make([]bool, len(fields))
	for i, c := range cols {
		j := fieldFor(fields, c.Name)
		if j < 0 {
			return nil, fmt.Errorf("ifx: %s has no field for column %q", t, c.Name)
		}
		if used[j] {
			return nil, fmt.Errorf("ifx: columns %q and another both match field %s of %s", c.Name, fields[j].name, t)
		}
		used[j] = true
		plan.fields[i] = fields[j].path
	}
	if match == byName {
		for j, f := range fields {
			if !used[j] {
				return nil, fmt.Errorf("ifx: no column for field %s of %s", f.name, t)
			}
		}
	}
	return plan, nil
}

// fieldFor returns the index of the field that takes column name, or -1:
// a tag equal to it ignoring case, else a field name equal to it
// ignoring case and underscores.
func fieldFor(fields []structField, name string) int {
	for j, f := range fields {
		if f.tagged && strings.EqualFold(f.name, name) {
			return j
		}
	}
	norm := normalizeName(name)
	for j, f := range fields {
		if !f.tagged && normalizeName(f.name) == norm {
			return j
		}
	}
	return -1
}

func normalizeName(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}

// structFields lists t's fields that can take a column, in order, with
// the fields of untagged embedded structs in place.
func structFields(t reflect.Type, prefix []int, out []structField) []structField {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, tagged := f.Tag.Lookup("db")
		if tag == "-" {
			continue
		}
		if i := strings.IndexByte(tag, ','); i >= 0 {
			tag = tag[:i]
		}
		path := append(append([]int(nil), prefix...), i)
		if f.Anonymous && !tagged {
			ft := f.Type
			if ft.Kind() == reflect.Struct {
				out = structFields(ft, path, out)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if tagged && tag != "" {
			out = append(out, structField{name: tag, tagged: true, path: path})
		} else {
			out = append(out, structField{name: f.Name, path: path})
		}
	}
	return out
}
