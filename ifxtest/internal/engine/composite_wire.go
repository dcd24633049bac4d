package engine

import "fmt"

// CollectionElements splits a value of a collection column into its kind
// (TypeSet, TypeMultiset, TypeList), its element type (as a column) and
// its elements as canonical values, for the server's binary send/recv form
// (docs/PROTOCOL.md, "Composite types"). ok is false when the column is
// not a collection. A composite element is a column with its Composite
// text and a canonical text value, which CollectionElements or RowFields
// split in turn.
func CollectionElements(col Column, v Value) (kind int, elem Column, vals []Value, ok bool, err error) {
	switch int(col.Type) & 0xff {
	case TypeSet, TypeMultiset, TypeList:
	default:
		return 0, Column{}, nil, false, nil
	}
	if col.Type&FlagNamedRow != 0 {
		return 0, Column{}, nil, false, nil
	}
	t, err := typeFromText(col.ExtendedName)
	if err != nil || t.comp == nil || t.code == TypeRow {
		return 0, Column{}, nil, false, nil
	}
	elem = t.comp.elem.column("")
	if v == nil {
		return t.code, elem, nil, true, nil
	}
	s, isText := v.(string)
	if !isText {
		return 0, Column{}, nil, false, compErr(fmt.Sprintf("%T is not a %s", v, compText(t)))
	}
	d, err := decodeComp(s, t)
	if err != nil {
		return 0, Column{}, nil, false, err
	}
	list, isList := d.([]any)
	if !isList {
		return 0, Column{}, nil, false, compErr(fmt.Sprintf("%T is not a %s", d, compText(t)))
	}
	vals = make([]Value, 0, len(list))
	for _, e := range list {
		c, err := canonFromDecoded(e, t.comp.elem)
		if err != nil {
			return 0, Column{}, nil, false, err
		}
		vals = append(vals, c)
	}
	return t.code, elem, vals, true, nil
}

// RowFields splits a value of a ROW column, named or not, into its fields
// (as columns named after them) and their canonical values (nil for a NULL
// field), for the server's binary send/recv form. ok is false when the
// column is not a ROW. A composite field is a column with its Composite
// text and a canonical text value. A NULL ROW has fields and no values.
func RowFields(col Column, v Value) (fields []Column, vals []Value, ok bool, err error) {
	if int(col.Type)&0xff != TypeRow || col.Composite == "" {
		return nil, nil, false, nil
	}
	t, err := typeFromText(col.Composite)
	if err != nil || t.code != TypeRow {
		return nil, nil, false, nil
	}
	for _, f := range t.comp.fields {
		fields = append(fields, f.t.column(f.name))
	}
	if v == nil {
		return fields, nil, true, nil
	}
	s, isText := v.(string)
	if !isText {
		return nil, nil, false, compErr(fmt.Sprintf("%T is not a %s", v, compText(t)))
	}
	d, err := decodeComp(s, t)
	if err != nil {
		return nil, nil, false, err
	}
	row, isRow := d.(compRowVal)
	if !isRow || len(row) != len(fields) {
		return nil, nil, false, compErr(fmt.Sprintf("%T is not a %s", d, compText(t)))
	}
	for i, f := range row {
		c, err := canonFromDecoded(f, t.comp.fields[i].t)
		if err != nil {
			return nil, nil, false, err
		}
		vals = append(vals, c)
	}
	return fields, vals, true, nil
}
