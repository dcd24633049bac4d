package ifxtype

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseCompositeTypePrintsAsIDS(t *testing.T) {
	for _, s := range []string{
		"ROW(name varchar(50), age integer)",
		"SET(varchar(20) not null)",
		"LIST(ROW(a integer, b SET(varchar(10) not null)) not null)",
		"MULTISET(decimal(10,2) not null)",
		"ROW(t datetime year to second, d double precision)",
	} {
		ct, err := ParseCompositeType(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if got := ct.String(); got != s {
			t.Errorf("String() = %q, want %q", got, s)
		}
	}
}

func TestParseCompositeTypeRejectsMalformed(t *testing.T) {
	for _, s := range []string{"", "SET(", "ROW(a)", "ROW(a integer", "LIST(integer not null) x", "ROW(,)"} {
		if _, err := ParseCompositeType(s); !errors.Is(err, ErrSyntax) {
			t.Errorf("%q: err = %v, want ErrSyntax", s, err)
		}
	}
	deep := strings.Repeat("LIST(", 100) + "integer" + strings.Repeat(")", 100)
	if _, err := ParseCompositeType(deep); !errors.Is(err, ErrLimit) {
		t.Errorf("100 levels: err = %v, want ErrLimit", err)
	}
}

func mustType(t *testing.T, s string) *CompositeType {
	t.Helper()
	ct, err := ParseCompositeType(s)
	if err != nil {
		t.Fatal(err)
	}
	return ct
}

func TestDecodeCompositeLiveForms(t *testing.T) {
	// The three values informix-driver saw from a real IDS.
	row, err := DecodeComposite("ROW('Alice',30         )", mustType(t, "ROW(name varchar(50), age integer)"), DefaultCompositeLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := &Row{Fields: []RowField{{"name", "varchar(50)", "Alice"}, {"age", "integer", int32(30)}}}
	if !reflect.DeepEqual(row, want) {
		t.Errorf("ROW = %#v, want %#v", row, want)
	}
	set, err := DecodeComposite("SET{'red','green','blue'}", mustType(t, "SET(varchar(20) not null)"), DefaultCompositeLimits)
	if err != nil || !reflect.DeepEqual(set, []any{"red", "green", "blue"}) {
		t.Errorf("SET = %#v, %v", set, err)
	}
	list, err := DecodeComposite("LIST{10         ,20         ,30         }", mustType(t, "LIST(integer not null)"), DefaultCompositeLimits)
	if err != nil || !reflect.DeepEqual(list, []any{int32(10), int32(20), int32(30)}) {
		t.Errorf("LIST = %#v, %v", list, err)
	}
}

func TestDecodeCompositeNested(t *testing.T) {
	ct := mustType(t, "LIST(ROW(a integer, b SET(varchar(10) not null)) not null)")
	v, err := DecodeComposite("LIST{ROW(1          ,SET{'x','it''s'}),ROW(NULL,SET{})}", ct, DefaultCompositeLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{
		&Row{Fields: []RowField{{"a", "integer", int32(1)}, {"b", "SET(varchar(10) not null)", []any{"x", "it's"}}}},
		&Row{Fields: []RowField{{"a", "integer", nil}, {"b", "SET(varchar(10) not null)", []any{}}}},
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("got %#v", v)
	}
}

func TestDecodeCompositeRejectsMalformed(t *testing.T) {
	li := mustType(t, "LIST(integer not null)")
	for _, s := range []string{"", "LIST{", "LIST{1,}", "LIST{1 2}", "LIST{NULL}", "LIST{'x'}", "ROW(1)", "LIST{1}x", "LIST{99999999999}"} {
		if _, err := DecodeComposite(s, li, DefaultCompositeLimits); !errors.Is(err, ErrSyntax) {
			t.Errorf("%q: err = %v, want ErrSyntax", s, err)
		}
	}
	r := mustType(t, "ROW(a integer, b integer)")
	for _, s := range []string{"ROW(1)", "ROW(1,2,3)", "SET{1}"} {
		if _, err := DecodeComposite(s, r, DefaultCompositeLimits); !errors.Is(err, ErrSyntax) {
			t.Errorf("%q: err = %v, want ErrSyntax", s, err)
		}
	}
}

func TestDecodeCompositeLimits(t *testing.T) {
	li := mustType(t, "LIST(integer not null)")
	_, err := DecodeComposite("LIST{1,2,3,4}", li, CompositeLimits{MaxDepth: 4, MaxElements: 3})
	var le *LimitError
	if !errors.As(err, &le) || le.What != "elements" || le.Limit != 3 {
		t.Errorf("4 elements, limit 3: err = %v", err)
	}
	nested := mustType(t, "LIST(LIST(LIST(integer not null) not null) not null)")
	_, err = DecodeComposite("LIST{LIST{LIST{1}}}", nested, CompositeLimits{MaxDepth: 2, MaxElements: 10})
	if !errors.As(err, &le) || le.What != "nesting depth" || !errors.Is(err, ErrLimit) {
		t.Errorf("3 levels, limit 2: err = %v", err)
	}
	if _, err := DecodeComposite("LIST{LIST{LIST{1}}}", nested, CompositeLimits{MaxDepth: 3, MaxElements: 3}); err != nil {
		t.Errorf("within limits: %v", err)
	}
}

func FuzzDecodeComposite(f *testing.F) {
	f.Add("ROW(name varchar(50), age integer)", "ROW('Alice',30         )")
	f.Add("SET(varchar(20) not null)", "SET{'red','green','blue'}")
	f.Add("LIST(integer not null)", "LIST{10         ,20         ,30         }")
	f.Add("LIST(ROW(a integer, b SET(varchar(10) not null)) not null)", "LIST{ROW(1,SET{'a'}),ROW(NULL,SET{})}")
	f.Add("MULTISET(decimal(10,2) not null)", "MULTISET{1.5,2}")
	f.Fuzz(func(t *testing.T, typ, text string) {
		ct, err := ParseCompositeType(typ)
		if err != nil {
			return
		}
		_ = ct.String()
		lim := CompositeLimits{MaxDepth: 8, MaxElements: 100}
		v, err := DecodeComposite(text, ct, lim)
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrLimit) && !errors.Is(err, ErrOverflow) && !errors.Is(err, ErrRange) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if n := countElements(v); n > lim.MaxElements {
			t.Fatalf("%d elements decoded past the limit", n)
		}
	})
}

func countElements(v any) int {
	switch x := v.(type) {
	case []any:
		n := len(x)
		for _, e := range x {
			n += countElements(e)
		}
		return n
	case *Row:
		n := len(x.Fields)
		for _, f := range x.Fields {
			n += countElements(f.Value)
		}
		return n
	}
	return 0
}
