package ifxtype

import (
	"reflect"
	"strings"
	"testing"
)

// A composite's DESCRIBE name may name a named ROW type in an element or
// a field ("list(rt_p not null)"): NamedTypes finds the name,
// ResolveNamed puts in the type read from the catalog's rows, and the
// text then decodes into Rows with field names and the type's name.
func TestNamedTypeInCompositeResolves(t *testing.T) {
	tree, err := TreeFromAttrRows([]AttrRow{
		{Seqno: 1, Type: 22 | 0x1000, Length: 2048},
		{Seqno: 2, Levelno: 1, ParentNo: 1, FieldName: "name", FieldNo: 1, Type: 13, Length: 20},
		{Seqno: 3, Levelno: 1, ParentNo: 1, FieldName: "age", FieldNo: 2, Type: 2, Length: 4},
		{Seqno: 4, Levelno: 1, ParentNo: 1, FieldName: "pay", FieldNo: 3, Type: 5, Length: 8<<8 | 2},
	}, "rt_p", "ann")
	if err != nil {
		t.Fatal(err)
	}
	rt, err := CompositeFromTree(tree, "rt_p")
	if err != nil {
		t.Fatal(err)
	}
	if got := rt.Fields[0].Type.String() + "|" + rt.Fields[1].Type.String() + "|" + rt.Fields[2].Type.String(); got != "varchar(20)|integer|decimal(8,2)" {
		t.Errorf("field types %s", got)
	}
	lookup := func(name string) *CompositeType {
		if name == "rt_p" {
			return rt
		}
		return nil
	}
	for _, tc := range []struct {
		desc, text string
		want       any
	}{
		{"list(rt_p not null)", "LIST{ROW('Bo',7,1.50)}", []any{&Row{TypeName: "rt_p", Fields: []RowField{
			{Name: "name", Type: "varchar(20)", Value: "Bo"}, {Name: "age", Type: "integer", Value: int32(7)},
			{Name: "pay", Type: "decimal(8,2)", Value: mustDecimal(t, "1.50")}}}}},
		{"row(t varchar(5), lead rt_p)", "ROW('x',ROW('Di',50,NULL))", &Row{Fields: []RowField{
			{Name: "t", Type: "varchar(5)", Value: "x"},
			{Name: "lead", Type: "rt_p", Value: &Row{TypeName: "rt_p", Fields: []RowField{
				{Name: "name", Type: "varchar(20)", Value: "Di"}, {Name: "age", Type: "integer", Value: int32(50)},
				{Name: "pay", Type: "decimal(8,2)"}}}}}}},
	} {
		ct, err := ParseCompositeType(tc.desc)
		if err != nil {
			t.Fatal(err)
		}
		if names := NamedTypes(nil, ct); !reflect.DeepEqual(names, []string{"rt_p"}) {
			t.Errorf("%s: named types %q", tc.desc, names)
		}
		res := ResolveNamed(ct, lookup)
		if NamedTypes(nil, res) != nil || !strings.EqualFold(ct.String(), tc.desc) {
			t.Errorf("%s: resolved %s, the original now %s", tc.desc, res, ct)
		}
		got, err := DecodeComposite(tc.text, res, DefaultCompositeLimits)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %#v, %v", tc.desc, got, err)
		}
	}
	if ct, _ := ParseCompositeType("set(integer not null)"); NamedTypes(nil, ct) != nil || ResolveNamed(ct, lookup) != ct {
		t.Error("a composite of built-in types names a type")
	}
}

func mustDecimal(t *testing.T, s string) Decimal {
	t.Helper()
	d, err := ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
