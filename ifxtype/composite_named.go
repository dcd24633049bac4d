package ifxtype

import (
	"fmt"
	"strings"

	"github.com/ifxgo/ifx/sqli"
)

// A named ROW column's DESCRIBE carries the type's name, not its fields
// (docs/PROTOCOL.md, "Named ROW types"): the driver reads the type's tree
// from the catalog and turns it into the CompositeType the text decoder
// needs (CompositeFromTree), and puts it in where a composite's text names
// the type (ResolveNamed).

// CompositeFromTree returns the composite type of a type tree read from
// the catalog (TreeFromAttrRows, ResolveTree): field names, each field's
// type as IDS prints it, and, for the root, name the type's name.
func CompositeFromTree(n *TypeNode, name string) (*CompositeType, error) {
	t, err := compositeFromNode(n, 0)
	if err != nil {
		return nil, err
	}
	t.Name = name
	return t, nil
}

func compositeFromNode(n *TypeNode, depth int) (*CompositeType, error) {
	if depth > MaxTreeDepth {
		return nil, fmt.Errorf("%w: nested deeper than %d levels", ErrTypeTree, MaxTreeDepth)
	}
	t := &CompositeType{NotNull: n.Type&int16(sqli.TypeNotNull) != 0}
	switch base := sqli.TypeCode(n.Type & 0xff); base {
	case sqli.TypeRow:
		t.Kind = KindRow
		for _, m := range n.Members {
			ft, err := compositeFromNode(m, depth+1)
			if err != nil {
				return nil, err
			}
			t.Fields = append(t.Fields, CompositeField{Name: m.FieldName, Type: ft})
		}
	case sqli.TypeSet, sqli.TypeMultiset, sqli.TypeList:
		t.Kind = kindOfCode(base)
		if len(n.Members) != 1 {
			return nil, fmt.Errorf("%w: %s with %d element types", ErrTypeTree, base, len(n.Members))
		}
		et, err := compositeFromNode(n.Members[0], depth+1)
		if err != nil {
			return nil, err
		}
		t.Elem = et
	default:
		t.Scalar = scalarTypeText(base, n)
	}
	return t, nil
}

// scalarTypeText prints a catalog member's scalar type in lower case as
// IDS does in a DESCRIBE; the text decoder reads its first word.
func scalarTypeText(base sqli.TypeCode, n *TypeNode) string {
	switch {
	case base == sqli.TypeBool, (base == sqli.TypeUDTFixed || base == sqli.TypeUDTVar) && n.XID == sqli.XIDBoolean:
		return "boolean"
	case base == sqli.TypeLVarChar, base == sqli.TypeUDTVar && n.XID == sqli.XIDLVarChar:
		return "lvarchar"
	}
	return strings.ToLower(sizedTypeName(base, int(uint16(n.Length))))
}

// builtinScalars are the first words of the scalar types IDS prints in a
// composite's DESCRIBE name; any other word may name a named ROW type.
var builtinScalars = map[string]bool{
	"char": true, "character": true, "nchar": true, "varchar": true, "nvarchar": true, "lvarchar": true,
	"smallint": true, "integer": true, "int": true, "bigint": true, "int8": true, "serial": true,
	"serial8": true, "bigserial": true, "smallfloat": true, "real": true, "float": true, "double": true,
	"decimal": true, "dec": true, "numeric": true, "money": true, "date": true, "datetime": true,
	"interval": true, "boolean": true, "text": true, "byte": true, "blob": true, "clob": true,
	"json": true, "bson": true,
}

// NamedTypes appends to dst the names t's scalars give that are not
// built-in types: named ROW types, or other extended types (DISTINCT,
// opaque) the catalog tells apart.
func NamedTypes(dst []string, t *CompositeType) []string {
	if t == nil {
		return dst
	}
	switch {
	case t.Kind == KindScalar:
		w := t.Scalar
		if i := strings.IndexAny(w, "( "); i >= 0 {
			w = w[:i]
		}
		if w != "" && !builtinScalars[w] {
			dst = append(dst, t.Scalar)
		}
	case t.Kind == KindRow:
		for _, f := range t.Fields {
			dst = NamedTypes(dst, f.Type)
		}
	default:
		dst = NamedTypes(dst, t.Elem)
	}
	return dst
}

// ResolveNamed returns t with every scalar that lookup knows (by its
// text) replaced by lookup's type, copying only what changes; t itself
// when nothing does.
func ResolveNamed(t *CompositeType, lookup func(name string) *CompositeType) *CompositeType {
	if t == nil {
		return nil
	}
	switch {
	case t.Kind == KindScalar:
		if r := lookup(t.Scalar); r != nil {
			c := *r
			c.NotNull = t.NotNull
			return &c
		}
	case t.Kind == KindRow:
		var fields []CompositeField
		for i, f := range t.Fields {
			if nt := ResolveNamed(f.Type, lookup); nt != f.Type {
				if fields == nil {
					fields = append([]CompositeField(nil), t.Fields...)
				}
				fields[i].Type = nt
			}
		}
		if fields != nil {
			c := *t
			c.Fields = fields
			return &c
		}
	default:
		if e := ResolveNamed(t.Elem, lookup); e != t.Elem {
			c := *t
			c.Elem = e
			return &c
		}
	}
	return t
}
