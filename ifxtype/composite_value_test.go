package ifxtype

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCompositeText(t *testing.T) {
	type person struct {
		Name   string
		Age    int32
		secret int
		Skip   string `db:"-"`
		Tags   []string
	}
	for _, tc := range []struct {
		v    any
		want string
	}{
		{Set{1, 2, 3}, "SET{1,2,3}"},
		{Multiset{int64(5), int64(5)}, "MULTISET{5,5}"},
		{List{"a", "it's"}, "LIST{'a','it''s'}"},
		{[]int32{10, 20}, "LIST{10,20}"},
		{[]string{}, "LIST{}"},
		{List{true, false, 1.5, float32(2.25)}, "LIST{'t','f',1.5,2.25}"},
		{List{MustParseDecimal("-12.50")}, "LIST{-12.50}"},
		{List{time.Date(2026, 12, 6, 17, 4, 5, 123450000, time.UTC)}, "LIST{'2026-12-06 17:04:05.12345'}"},
		{Row{Fields: []RowField{{Name: "a", Value: 1}, {Name: "b", Value: nil}, {Name: "c", Value: Set{"x"}}}}, "ROW(1,NULL,SET{'x'})"},
		{&Row{Fields: []RowField{{Value: "y"}}}, "ROW('y')"},
		{person{Name: "Ann", Age: 41, secret: 7, Skip: "no", Tags: []string{"t"}}, "ROW('Ann',41,LIST{'t'})"},
		{List{person{Name: "B"}}, "LIST{ROW('B',0,NULL)}"},
		{[]List{{1}, {2, 3}}, "LIST{LIST{1},LIST{2,3}}"},
	} {
		text, null, ok, err := CompositeText(tc.v)
		if !ok || null || err != nil || text != tc.want {
			t.Errorf("CompositeText(%#v) = %q %v %v %v, want %q", tc.v, text, null, ok, err, tc.want)
		}
	}
	for _, v := range []any{42, "s", []byte("b"), time.Now(), MustParseDecimal("1"), struct{}{}, struct{ x int }{1}} {
		if _, _, ok, _ := CompositeText(v); ok {
			t.Errorf("CompositeText(%T) claims a composite", v)
		}
	}
	if _, null, ok, err := CompositeText([]int(nil)); !ok || !null || err != nil {
		t.Errorf("nil slice: null %v ok %v %v", null, ok, err)
	}
	for _, tc := range []struct {
		v    any
		want string
	}{
		{Set{1, nil}, "element 2"},
		{List{math.NaN()}, "no Informix literal"},
		{List{[]byte("x")}, "[]byte"},
		{List{make(chan int)}, "cannot be a composite element"},
	} {
		if _, _, _, err := CompositeText(tc.v); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CompositeText(%v): %v, want an error with %q", tc.v, err, tc.want)
		}
	}
	if _, _, _, err := CompositeText(Set{nil}); !errors.Is(err, ErrNullElement) {
		t.Errorf("NULL element: %v", err)
	}
	// A value that holds itself is refused at the depth limit.
	self := List{nil}
	self[0] = self
	if _, _, _, err := CompositeText(self); err == nil || !strings.Contains(err.Error(), "deeper") {
		t.Errorf("self-holding value: %v", err)
	}
}

// What CompositeText writes, DecodeComposite reads back as the same
// values, for the column's type.
func TestCompositeTextRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		typ string
		v   any
	}{
		{"SET(integer not null)", []any{int32(1), int32(-2)}},
		{"LIST(varchar(10) not null)", []any{"a'b", "", "c"}},
		{"MULTISET(bigint not null)", []any{int64(math.MaxInt64), int64(math.MinInt64 + 1)}},
		{"LIST(ROW(a integer, b SET(varchar(5) not null)) not null)", []any{&Row{Fields: []RowField{{Name: "a", Type: "integer", Value: int32(1)}, {Name: "b", Type: "SET(varchar(5) not null)", Value: []any{"x"}}}}}},
		{"LIST(boolean not null)", []any{true, false}},
		{"LIST(float not null)", []any{0.1, -2.5e300}},
	} {
		ct, err := ParseCompositeType(tc.typ)
		if err != nil {
			t.Fatal(err)
		}
		var arg any = List(tc.v.([]any))
		text, _, _, err := CompositeText(arg)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeComposite(text, ct, DefaultCompositeLimits)
		if err != nil || !reflect.DeepEqual(got, tc.v) {
			t.Errorf("%s: %q read back as %#v %v, want %#v", tc.typ, text, got, err, tc.v)
		}
	}
}

// The wrappers and Row are sql.Scanners of the text IDS sends, and
// driver.Valuers of their literal.
func TestCompositeScannerValuer(t *testing.T) {
	var s Set
	if err := s.Scan("SET{1          ,2          }"); err != nil || !reflect.DeepEqual(s, Set{int64(1), int64(2)}) {
		t.Errorf("Set.Scan = %#v %v", s, err)
	}
	var l List
	if err := l.Scan([]byte("LIST{'a','b''c',1.5,ROW(1,'x')}")); err != nil || len(l) != 4 || l[1] != "b'c" || l[2].(Decimal).String() != "1.5" {
		t.Errorf("List.Scan = %#v %v", l, err)
	}
	var m Multiset
	if err := m.Scan(nil); err != nil || m != nil {
		t.Errorf("Multiset.Scan(nil) = %#v %v", m, err)
	}
	if err := m.Scan("ROW(1)"); err == nil {
		t.Error("Multiset.Scan of a ROW succeeded")
	}
	if err := m.Scan(42); err == nil {
		t.Error("Multiset.Scan of an int succeeded")
	}
	var r Row
	if err := r.Scan("ROW('Alice',30         ,NULL)"); err != nil || len(r.Fields) != 3 || r.Fields[0].Value != "Alice" || r.Fields[1].Value != int64(30) || r.Fields[2].Value != nil {
		t.Errorf("Row.Scan = %#v %v", r, err)
	}
	if err := r.Scan("SET{1}"); err == nil {
		t.Error("Row.Scan of a SET succeeded")
	}
	if v, err := (Set{1, "x"}).Value(); err != nil || v != "SET{1,'x'}" {
		t.Errorf("Set.Value = %v %v", v, err)
	}
	if v, err := Set(nil).Value(); err != nil || v != nil {
		t.Errorf("nil Set.Value = %v %v", v, err)
	}
	if v, err := (Row{Fields: []RowField{{Value: 1}}}).Value(); err != nil || v != "ROW(1)" {
		t.Errorf("Row.Value = %v %v", v, err)
	}
	deep := strings.Repeat("LIST{", 40) + strings.Repeat("}", 40)
	if _, err := DecodeUntyped(deep, DefaultCompositeLimits); !errors.Is(err, ErrLimit) {
		t.Errorf("40 levels: %v", err)
	}
}

func MustParseDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// FuzzDecodeUntyped feeds arbitrary text to the type-less decoder behind
// the sql.Scanners: no panic, classified errors, limits kept; and what it
// decodes, CompositeText writes back to text it decodes again the same.
func FuzzDecodeUntyped(f *testing.F) {
	for _, s := range []string{
		"SET{1          ,2          }", "LIST{'a','b''c',1.5,ROW(1,'x')}", "ROW('Alice',30         ,NULL)",
		"MULTISET{}", "LIST{LIST{LIST{1}}}", "ROW()", "SET{-9223372036854775808}", "LIST{'unterminated}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lim := CompositeLimits{MaxDepth: 8, MaxElements: 100}
		v, err := DecodeUntyped(text, lim)
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrLimit) && !errors.Is(err, ErrOverflow) && !errors.Is(err, ErrRange) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if n := countElements(v); n > lim.MaxElements {
			t.Fatalf("%d elements decoded past the limit", n)
		}
		if v == nil {
			return
		}
		out, null, ok, err := CompositeText(v)
		if !ok || null || err != nil {
			t.Fatalf("CompositeText of a decoded %T: %v %v %v", v, ok, null, err)
		}
		again, err := DecodeUntyped(out, CompositeLimits{MaxDepth: 9, MaxElements: 100})
		if err != nil {
			t.Fatalf("%q re-encoded as %q, which does not decode: %v", text, out, err)
		}
		if out2, _, _, _ := CompositeText(again); out2 != out {
			t.Fatalf("%q: %q then %q", text, out, out2)
		}
	})
}
