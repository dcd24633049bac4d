package ifxtype

import (
	"math"
	"reflect"
	"strings"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// A collection argument's type tree and type name, made from its Go
// values as JDBC makes them from its Java values (docs/PROTOCOL.md,
// "JDBC's SQ_BIND of a collection"): `list (  int  not null) ` — the
// kind, two blanks around the element type, one blank after the
// parenthesis; a nested collection's name nests without that last blank.

// Element types as JDBC names them, with their tree nodes.
var (
	elemSmallint   = elemType{"smallint", sqli.TypeSmallInt, 2}
	elemInt        = elemType{"int", sqli.TypeInt, 4}
	elemInt8       = elemType{"int8", sqli.TypeInt8, 10}
	elemFloat      = elemType{"float", sqli.TypeFloat, 8}
	elemSmallfloat = elemType{"smallfloat", sqli.TypeSmallFloat, 4}
	elemLVarchar   = elemType{"lvarchar", sqli.TypeLVarChar, 0x7fe3}
	elemBoolean    = elemType{"boolean", sqli.TypeBool, 1}
)

type elemType struct {
	name   string
	code   sqli.TypeCode
	length int
}

func (e elemType) node() *TypeNode {
	return &TypeNode{Type: int16(e.code) | notNull, Length: int16(uint16(e.length))}
}

// qualDuration is the qualifier a time.Duration binds with.
var qualDuration = func() Qualifier {
	q, err := IntervalQualifier(TUDay, TUFraction5, 9)
	if err != nil {
		panic(err)
	}
	return q
}()

// CollectionTree returns the type name and type tree JDBC would bind a
// collection argument with: ifxtype.Set as SET, Multiset as MULTISET,
// List and any other slice (but []byte) as LIST. Element types from the
// Go values: int32, uint16 INT; int16, int8, uint8 SMALLINT; int64,
// uint32, uint, uint64 INT8 (a Java Long); int INT when every element
// fits, else INT8; float64 FLOAT; float32 SMALLFLOAT; string LVARCHAR;
// bool BOOLEAN; time.Time DATETIME YEAR TO FRACTION(5); DateTime
// DATETIME and IntervalDF/IntervalYM INTERVAL at their qualifiers;
// time.Duration INTERVAL DAY(9) TO FRACTION(5); Decimal LVARCHAR (its
// text, as JDBC binds a BigDecimal); slices nest. ok is false when v is
// no collection or has no binary form: elements of different types, a
// ROW or struct element, an empty collection whose element type is not
// static ([]any{}, Set{}) — those bind as their text.
func CollectionTree(v any) (typeName string, root *TypeNode, ok bool) {
	name, n, ok := collNode(reflect.ValueOf(v), 0)
	if !ok {
		return "", nil, false
	}
	return name + " ", n, true
}

func collKind(rv reflect.Value) (sqli.TypeCode, bool) {
	if !rv.IsValid() || rv.Kind() != reflect.Slice || rv.Type().Elem().Kind() == reflect.Uint8 {
		return 0, false
	}
	switch rv.Type() {
	case reflect.TypeFor[Set]():
		return sqli.TypeSet, true
	case reflect.TypeFor[Multiset]():
		return sqli.TypeMultiset, true
	}
	return sqli.TypeList, true
}

func collName(k sqli.TypeCode, elem string) string {
	return strings.ToLower(kindOfCode(k).String()) + " (  " + elem + "  not null)"
}

// collNode is the node and name (without the trailing blank) of the
// collection rv.
func collNode(rv reflect.Value, depth int) (string, *TypeNode, bool) {
	k, ok := collKind(rv)
	if !ok || depth > MaxTreeDepth {
		return "", nil, false
	}
	var name string
	var elem *TypeNode
	if rv.Len() == 0 {
		// No values: the static element type decides.
		et := rv.Type().Elem()
		if et.Kind() == reflect.Interface {
			return "", nil, false
		}
		name, elem, ok = valueNode(reflect.Zero(et), depth)
	} else {
		name, elem, ok = elemsNode(rv, depth)
	}
	if !ok {
		return "", nil, false
	}
	return collName(k, name), &TypeNode{Type: int16(k), Members: []*TypeNode{elem}}, true
}

// elemsNode is the element node of a non-empty collection: every
// element's type must be the first's.
func elemsNode(rv reflect.Value, depth int) (string, *TypeNode, bool) {
	first := elemValue(rv.Index(0))
	if first.Kind() == reflect.Int && first.Type() == reflect.TypeFor[int]() {
		// Go's int: INT when all fit (as a scalar int binds INTEGER
		// when it fits), else INT8.
		e := elemInt
		for i := range rv.Len() {
			x := elemValue(rv.Index(i))
			if !x.IsValid() || x.Type() != first.Type() {
				return "", nil, false
			}
			if v := x.Int(); v <= math.MinInt32 || v > math.MaxInt32 {
				e = elemInt8
			}
		}
		return e.name, e.node(), true
	}
	// An empty collection without a static element type (Multiset{})
	// takes its siblings' type: JDBC names a list of HashSets whose first
	// is empty after the others.
	var name string
	var node *TypeNode
	var untyped []sqli.TypeCode
	for i := range rv.Len() {
		x := elemValue(rv.Index(i))
		if k, ok := untypedEmpty(x); ok {
			untyped = append(untyped, k)
			continue
		}
		n, nd, ok := valueNode(x, depth)
		if !ok || node != nil && n != name {
			return "", nil, false
		}
		if node == nil {
			name, node = n, nd
		}
	}
	if node == nil {
		return "", nil, false
	}
	for _, k := range untyped {
		if sqli.TypeCode(node.Type&0xff) != k {
			return "", nil, false
		}
	}
	return name, node, true
}

// untypedEmpty reports an empty collection whose Go type names no
// element type, and its kind.
func untypedEmpty(rv reflect.Value) (sqli.TypeCode, bool) {
	k, ok := collKind(rv)
	if !ok || rv.Len() != 0 || rv.Type().Elem().Kind() != reflect.Interface {
		return 0, false
	}
	return k, true
}

// elemValue unwraps interfaces and pointers; the invalid Value for nil.
func elemValue(rv reflect.Value) reflect.Value {
	for rv.IsValid() && (rv.Kind() == reflect.Interface || rv.Kind() == reflect.Pointer) {
		if rv.IsNil() {
			return reflect.Value{}
		}
		rv = rv.Elem()
	}
	return rv
}

// valueNode is the element type of one value (nested collections
// included).
func valueNode(rv reflect.Value, depth int) (string, *TypeNode, bool) {
	if !rv.IsValid() {
		return "", nil, false
	}
	if _, ok := collKind(rv); ok {
		name, n, ok := collNode(rv, depth+1)
		if ok {
			n.Type |= notNull // as every element
		}
		return name, n, ok
	}
	var e elemType
	switch x := rv.Interface().(type) {
	case time.Time:
		return temporalNode("datetime "+strings.ToLower(QualYearToFraction5.String()), sqli.TypeDateTime, QualYearToFraction5)
	case DateTime:
		if x.IsZero() {
			return "", nil, false
		}
		return temporalNode("datetime "+strings.ToLower(x.Qualifier().String()), sqli.TypeDateTime, x.Qualifier())
	case IntervalDF:
		return temporalNode("interval "+strings.ToLower(x.Qualifier().IntervalString()), sqli.TypeInterval, x.Qualifier())
	case IntervalYM:
		return temporalNode("interval "+strings.ToLower(x.Qualifier().IntervalString()), sqli.TypeInterval, x.Qualifier())
	case time.Duration:
		return temporalNode("interval "+strings.ToLower(qualDuration.IntervalString()), sqli.TypeInterval, qualDuration)
	case Decimal:
		e = elemLVarchar
	default:
		switch rv.Kind() {
		case reflect.Int32, reflect.Uint16:
			e = elemInt
		case reflect.Int16, reflect.Int8, reflect.Uint8:
			e = elemSmallint
		case reflect.Int, reflect.Int64, reflect.Uint32, reflect.Uint, reflect.Uint64:
			// Go's int reaches here only as a static type or nested
			// value: INT8 is safe for any value.
			e = elemInt8
			if rv.Kind() == reflect.Int && rv.Type() == reflect.TypeFor[int]() {
				e = elemInt
				if v := rv.Int(); v <= math.MinInt32 || v > math.MaxInt32 {
					e = elemInt8
				}
			}
		case reflect.Float64:
			e = elemFloat
		case reflect.Float32:
			e = elemSmallfloat
		case reflect.String:
			e = elemLVarchar
		case reflect.Bool:
			e = elemBoolean
		default:
			return "", nil, false
		}
		if rv.Type().Implements(valuerType) {
			// A named type with its own Value: its text form decides.
			return "", nil, false
		}
	}
	return e.name, e.node(), true
}

func temporalNode(name string, t sqli.TypeCode, q Qualifier) (string, *TypeNode, bool) {
	return name, &TypeNode{Type: int16(t) | notNull, Length: int16(uint16(q))}, true
}

// IsCompositeArg reports whether v binds as a composite: Set, Multiset,
// List, Row, *Row, a slice other than []byte, or a struct that is no
// scalar (time.Time, Decimal, a driver.Valuer) with an exported field.
func IsCompositeArg(v any) bool { return isComposite(reflect.ValueOf(v)) }
