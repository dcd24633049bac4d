package ifxtype

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// jdbcBind is one value IBM JDBC 15.0.0.1.1 bound in the binary form.
type jdbcBind struct {
	typeName string
	value    []byte
}

// readJDBCBinds reads a fixture of ifxtest/testdata: name|type name|hex.
func readJDBCBinds(t *testing.T, file string) map[string]jdbcBind {
	t.Helper()
	f, err := os.Open("../ifxtest/testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]jdbcBind{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) != 3 {
			t.Fatalf("%s: bad line %.40q", file, line)
		}
		b, err := hex.DecodeString(parts[2])
		if err != nil {
			t.Fatal(err)
		}
		out[parts[0]] = jdbcBind{parts[1], b}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func mustIntervalDF(t *testing.T, sec int64, start, end, digits int) IntervalDF {
	q, err := IntervalQualifier(start, end, digits)
	if err != nil {
		t.Fatal(err)
	}
	v, err := NewIntervalDF(sec, 0, q)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func mustIntervalYM(t *testing.T, months int64, start, end, digits int) IntervalYM {
	q, err := IntervalQualifier(start, end, digits)
	if err != nil {
		t.Fatal(err)
	}
	v, err := NewIntervalYM(months, q)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// encodeCollection is what the driver binds for a collection argument.
func encodeCollection(t *testing.T, v any) (string, []byte) {
	t.Helper()
	name, tree, ok := CollectionTree(v)
	if !ok {
		t.Fatalf("%#v: no binary form", v)
	}
	b, err := AppendCompositeBinary(nil, tree, func(b []byte) ([]byte, error) {
		return AppendCompositeData(b, tree, v, &BinaryOptions{Location: time.UTC})
	})
	if err != nil {
		t.Fatalf("%#v: %v", v, err)
	}
	return name, b
}

// TestCollectionBinaryMatchesJDBC: for every collection JDBC bound
// (ifxtest/testdata/jdbc15-collection-binds.txt, jdbc15-nested-binds.txt)
// that has a Go equivalent, ifx's type name and value bytes equal JDBC's.
// Without one:
//   - empty_set: JDBC binds an empty Java collection with the column's
//     DESCRIBE name and the NULL flag (it has no element type); a Go
//     empty collection keeps its static element type and the flag 1
//     (TestEmptyCollectionBinary), and an untyped one binds as text.
//   - multiset_date_2026-05-04: Go has no date-only type (time.Time is a
//     DATETIME, as JDBC's Timestamp).
//   - list_of_array_int_1_2: a java.sql.Array, the same bytes as
//     list_of_multiset_int_1_2.
//   - list_of_multiset_char_empty: an empty HashSet of Java Characters
//     (char(1) elements): Go has no character type, and the set is empty.
//   - nouter_*, nnout_*: named ROWs, in TestRowBinaryMatchesJDBC.
func TestCollectionBinaryMatchesJDBC(t *testing.T) {
	want := readJDBCBinds(t, "jdbc15-collection-binds.txt")
	for k, v := range readJDBCBinds(t, "jdbc15-nested-binds.txt") {
		want[k] = v
	}
	cases := map[string]any{
		"multiset_int_1_2":                       Multiset{int32(1), int32(2)},
		"list_int_1_2":                           []int32{1, 2},
		"multiset_int8_1_2":                      Multiset{int64(1), int64(2)},
		"multiset_smallint_1_2":                  Multiset{int16(1), int16(2)},
		"multiset_float_1.5":                     Multiset{1.5},
		"multiset_lvarchar_a_bc":                 Multiset{"a", "bc"},
		"multiset_lvarchar_empty_string":         Multiset{""},
		"list_lvarchar_300x":                     []string{strings.Repeat("x", 300)},
		"multiset_lvarchar_12.5":                 Multiset{"12.5"},
		"multiset_boolean_true":                  Multiset{true},
		"multiset_datetime_2026-05-04_10:11:12":  Multiset{time.Date(2026, 5, 4, 10, 11, 12, 0, time.UTC)},
		"list_smallfloat_1.5":                    List{float32(1.5)},
		"multiset_int8_1_long_into_bigint":       Multiset{int64(1)},
		"list_lvarchar_-3.125_into_decimal":      List{MustParseDecimal("-3.125")},
		"list_interval_day_to_second_1_02:03:04": List{mustIntervalDF(t, 86400+2*3600+3*60+4, TUDay, TUSecond, 2)},
		"list_interval_year_to_month_3-04":       List{mustIntervalYM(t, 3*12+4, TUYear, TUMonth, 4)},
		"list_lvarchar_12.50_into_money":         List{MustParseDecimal("12.50")},
		"list_of_multiset_int_1_2":               List{Multiset{int32(1), int32(2)}},
		"list_of_multiset_int_1_2_3_and_4":       [][]int32{{1, 2, 3}, {4}},
		"list_of_list_lvarchar_a_bc":             List{List{"a", "bc"}},
		"list_of_multiset_int_5_and_empty":       List{Multiset{int32(5)}, Multiset{}},
		"list_of_multiset_int_empty_and_5":       List{Multiset{}, Multiset{int32(5)}},
	}
	noGo := map[string]bool{"empty_set": true, "multiset_date_2026-05-04": true, "list_of_array_int_1_2": true,
		"nouter_1_nin_2_ab": true, "nouter_7_nin_300000_xyz": true,
		"nnout_6_nnin_1_a": true, "nnout_5_null": true, "list_of_multiset_char_empty": true}
	for name := range want {
		if _, ok := cases[name]; !ok && !noGo[name] {
			t.Errorf("fixture %s has no case here", name)
		}
	}
	for name, v := range cases {
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: not in the fixtures", name)
			continue
		}
		if name == "list_of_multiset_int_1_2_3_and_4" {
			// JDBC's value is LIST of MULTISETs; [][]int32 is LIST of LISTs.
			v = List{Multiset{int32(1), int32(2), int32(3)}, Multiset{int32(4)}}
		}
		gotName, got := encodeCollection(t, v)
		if gotName != w.typeName {
			t.Errorf("%s: type name %q, JDBC %q", name, gotName, w.typeName)
		}
		if !bytes.Equal(got, w.value) {
			t.Errorf("%s: bytes differ from JDBC's at %d:\n got %x\nwant %x", name, firstDiff(got, w.value), got, w.value)
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestEmptyCollectionBinary: a Go empty collection with a static element
// type binds as that type with the flag 1 and no data (JDBC's NULL flag
// would store NULL); one without (Set{}, []any{}) has no binary form.
func TestEmptyCollectionBinary(t *testing.T) {
	name, b := encodeCollection(t, []int32{})
	if name != "list (  int  not null) " {
		t.Errorf("type name %q", name)
	}
	if len(b) != 976 || !bytes.Equal(b[958+10:], []byte{0, 0, 0, 0, 0, 0, 0, 1}) {
		t.Errorf("value of %d bytes, header % x", len(b), b[958:])
	}
	for _, v := range []any{Set{}, []any{}, List{1, "a"}, List{Row{}}, List{int32(1), int64(2)}} {
		if _, _, ok := CollectionTree(v); ok {
			t.Errorf("%#v has a binary form", v)
		}
	}
}

// TestCollectionBinaryElementTypes: the Go element types' names.
func TestCollectionBinaryElementTypes(t *testing.T) {
	for v, want := range map[any]string{
		any(&[]int{1, 2}):                "list (  int  not null) ",
		any(&[]int{1, 1 << 40}):          "list (  int8  not null) ",
		any(&[]uint8{}):                  "",
		any(&[]time.Duration{time.Hour}): "list (  interval day(9) to fraction(5)  not null) ",
		any(&Set{int32(1)}):              "set (  int  not null) ",
		any(&[][]string{{"a"}}):          "list (  list (  lvarchar  not null)  not null) ",
	} {
		rv := derefValue(v)
		name, _, ok := CollectionTree(rv)
		if name != want || ok != (want != "") {
			t.Errorf("%#v: %q %v, want %q", rv, name, ok, want)
		}
	}
}

// TestCollectionBinaryRefusesBadElements: NULL elements and values out
// of their type's range are errors, not bytes.
func TestCollectionBinaryRefusesBadElements(t *testing.T) {
	for _, v := range []any{List{"a", (*string)(nil)}, []*int32{nil}} {
		_, tree, ok := CollectionTree(v)
		if !ok {
			tree = &TypeNode{Type: 21, Members: []*TypeNode{elemLVarchar.node()}}
		}
		if _, err := AppendCompositeData(nil, tree, v, nil); !errors.Is(err, ErrNullElement) {
			t.Errorf("%#v: %v", v, err)
		}
	}
	tree := &TypeNode{Type: 21, Members: []*TypeNode{elemSmallint.node()}}
	if _, err := AppendCompositeData(nil, tree, List{40000}, nil); !errors.Is(err, ErrOverflow) {
		t.Errorf("40000 as SMALLINT: %v", err)
	}
	if _, err := AppendCompositeData(nil, tree, List{"x"}, nil); !errors.Is(err, ErrCompositeBinary) {
		t.Errorf("a string as SMALLINT: %v", err)
	}
}

// attrRowsOf reads the type tree JDBC wrote back into the sysattrtypes
// rows it copied (JDBC writes LVARCHAR and BOOLEAN members, 40/41 with
// ids 1 and 5 in the catalog, as 43 and 45), and the root's name and
// owner.
func attrRowsOf(t *testing.T, b []byte) ([]AttrRow, string, string) {
	t.Helper()
	i16 := func(at int) int16 { return int16(uint16(b[at])<<8 | uint16(b[at+1])) }
	n := int(i16(134))
	var rows []AttrRow
	for i := range n {
		e := 130 + i*414
		r := AttrRow{Seqno: int(i16(e + 6)), Levelno: int(i16(e + 8)), ParentNo: int(i16(e + 10)),
			FieldName: string(b[e+14 : e+14+int(i16(e+12))]), FieldNo: int(i16(e + 142)),
			Type: i16(e + 144), Length: i16(e + 146), XID: int32(i16(e+148))<<16 | int32(uint16(i16(e+150)))}
		switch {
		case r.Type&0xff == 43 && r.XID == 1:
			r.Type = r.Type&^0xff | 40
		case r.Type&0xff == 45 && r.XID == 5:
			r.Type = r.Type&^0xff | 41
		}
		rows = append(rows, r)
	}
	return rows, string(b[130+156 : 130+156+int(i16(130+154))]), string(b[130+286 : 130+286+int(i16(130+284))])
}

// TestRowBinaryMatchesJDBC: a named ROW's value, encoded by the tree
// built from its catalog rows, equals JDBC's bytes
// (ifxtest/testdata/jdbc15-row-binds.txt, the nouter values of
// jdbc15-nested-binds.txt). JDBC pads a VARCHAR field with blanks to the
// type's maximum and says that length; ifx writes a string as it is
// (CHOICE), so the cases with VARCHAR fields bind the padded string,
// which gives JDBC's bytes. No Go equivalent: rnl_5_null, whose NULL
// VARCHAR JDBC writes as 01 00 and 8 blanks (ifx writes 01 00, the
// tuple's NULL: TestRowBinaryNullFields).
func TestRowBinaryMatchesJDBC(t *testing.T) {
	want := readJDBCBinds(t, "jdbc15-row-binds.txt")
	for k, v := range readJDBCBinds(t, "jdbc15-nested-binds.txt") {
		if strings.HasPrefix(k, "nouter") || strings.HasPrefix(k, "nnout") {
			want[k] = v
		}
	}
	day := time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	cases := map[string][]any{
		"rab_7_xy":                              {7, "xy        "},
		"rfx_1_2.5_3":                           {1, 2.5, 3},
		"rlv_hello_true_2026-05-04_9":           {"hello", true, day, int64(9)},
		"rbg_12345678901_12.50_-3.125_1.5":      {int64(12345678901), MustParseDecimal("12.50"), MustParseDecimal("-3.125"), float32(1.5)},
		"rch_ab_abcdefghij_2026-05-04_10:11:12": {"ab", "abcdefghij          ", time.Date(2026, 5, 4, 10, 11, 12, 0, time.UTC)},
		"r1l_hello_1":                           {"hello", 1},
		"r1b_true_1":                            {true, 1},
		"r1d_2026-05-04_1":                      {day, 1},
		"r1i_9_1":                               {int64(9), 1},
		"r1g_12345678901_1":                     {int64(12345678901), 1},
		"r1m_12.50_1":                           {MustParseDecimal("12.50"), 1},
		"r1e_-3.125_1":                          {MustParseDecimal("-3.125"), 1},
		"r1f_1.5_1":                             {float32(1.5), 1},
		"nouter_1_nin_2_ab":                     {1, Row{Fields: []RowField{{Value: 2}, {Value: "ab   "}}}},
		"nouter_7_nin_300000_xyz":               {7, []any{300000, "xyz  "}},
		"nnout_6_nnin_1_a":                      {6, []any{1, "a    "}},
		"nnout_5_null":                          {5, nil},
		"rbn_null_5":                            {nil, 5},
	}
	for name := range want {
		if _, ok := cases[name]; !ok && name != "rnl_5_null" {
			t.Errorf("fixture %s has no case here", name)
		}
	}
	for name, vals := range cases {
		w, ok := want[name]
		if !ok {
			t.Errorf("%s: not in the fixtures", name)
			continue
		}
		rows, tn, owner := attrRowsOf(t, w.value)
		tree, err := TreeFromAttrRows(rows, tn, owner)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		row := Row{TypeName: w.typeName}
		for _, v := range vals {
			row.Fields = append(row.Fields, RowField{Value: v})
		}
		got, err := AppendCompositeBinary(nil, tree, func(b []byte) ([]byte, error) {
			return AppendCompositeData(b, tree, row, &BinaryOptions{Location: time.UTC})
		})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got, w.value) {
			t.Errorf("%s: bytes differ from JDBC's at %d:\n got %x\nwant %x", name, firstDiff(got, w.value), got[min(len(got), 1300):], w.value[min(len(w.value), 1300):])
		}
	}
}

// TestRowBinaryNullFields: NULL fields go in the tuple's NULL forms;
// a VARCHAR is not padded.
func TestRowBinaryNullFields(t *testing.T) {
	rows := []AttrRow{
		{Seqno: 1, Type: 0x1016, Length: 2048},
		{Seqno: 2, Levelno: 1, ParentNo: 1, FieldName: "a", FieldNo: 1, Type: 2, Length: 4},
		{Seqno: 3, Levelno: 1, ParentNo: 1, FieldName: "b", FieldNo: 2, Type: 13, Length: 10},
		{Seqno: 4, Levelno: 1, ParentNo: 1, FieldName: "c", FieldNo: 3, Type: 40, Length: 2048, XID: 1},
	}
	tree, err := TreeFromAttrRows(rows, "rnl", "informix")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		v    []any
		want string
	}{
		{[]any{5, nil, nil}, "00000005" + "0100" + "0100000000" + "ffffffff" + "00000006" + "00000004" + "00000000"},
		{[]any{nil, "xy", "z"}, "80000000" + "027879" + "00000000017a" + "ffffffff" + "00000007" + "00000004" + "00000000"},
	} {
		got, err := AppendCompositeData(nil, tree, tc.v, nil)
		if err != nil || hex.EncodeToString(got) != tc.want {
			t.Errorf("%v: %x %v, want %s", tc.v, got, err, tc.want)
		}
	}
	if _, err := AppendCompositeData(nil, tree, []any{1, "much too long", ""}, nil); !errors.Is(err, ErrCompositeBinary) {
		t.Errorf("13 bytes for VARCHAR(10): %v", err)
	}
	if _, err := AppendCompositeData(nil, tree, []any{1, "x"}, nil); !errors.Is(err, ErrCompositeBinary) {
		t.Errorf("2 values for 3 fields: %v", err)
	}
}

// TestTreeFromAttrRowsRefusesBadCatalogs: catalog rows that do not make
// a bounded, depth-first tree of known types are ErrTypeTree, not a
// tree, a panic or a recursion.
func TestTreeFromAttrRowsRefusesBadCatalogs(t *testing.T) {
	root := AttrRow{Seqno: 1, Type: 0x1016, Length: 2048}
	field := func(seq, level, parent int, typ int16) AttrRow {
		return AttrRow{Seqno: seq, Levelno: level, ParentNo: parent, FieldName: "f", Type: typ, Length: 4}
	}
	deep := []AttrRow{root}
	for i := 2; i <= MaxTreeDepth+3; i++ {
		deep = append(deep, AttrRow{Seqno: i, Levelno: i - 1, ParentNo: i - 1, Type: 22, Length: 2048})
	}
	many := []AttrRow{root}
	for i := 2; i <= MaxTreeNodes+1; i++ {
		many = append(many, field(i, 1, 1, 2))
	}
	for name, rows := range map[string][]AttrRow{
		"none":               nil,
		"too deep":           deep,
		"too many":           many,
		"root not a ROW":     {{Seqno: 1, Type: 2, Length: 4}, field(2, 1, 1, 2)},
		"unknown type":       {root, field(2, 1, 1, 11)}, // BYTE
		"UDT":                {root, {Seqno: 2, Levelno: 1, ParentNo: 1, Type: 41, XID: 300}},
		"seqno gap":          {root, field(3, 1, 1, 2)},
		"parent later":       {root, field(2, 1, 3, 2), field(3, 1, 1, 2)},
		"parent itself":      {root, field(2, 1, 2, 2)},
		"parent scalar":      {root, field(2, 1, 1, 2), field(3, 2, 2, 2)},
		"wrong level":        {root, field(2, 2, 1, 2)},
		"ROW without fields": {root, {Seqno: 2, Levelno: 1, ParentNo: 1, Type: 22}},
		"two element types":  {root, {Seqno: 2, Levelno: 1, ParentNo: 1, Type: 21}, field(3, 2, 2, 2), field(4, 2, 2, 2)},
		"long field name":    {root, {Seqno: 2, Levelno: 1, ParentNo: 1, FieldName: strings.Repeat("n", 129), Type: 2}},
	} {
		if tree, err := TreeFromAttrRows(rows, "t", "o"); !errors.Is(err, ErrTypeTree) {
			t.Errorf("%s: %v %v", name, tree, err)
		}
	}
	// Not depth first: a field of the first ROW after the second's.
	rows := []AttrRow{root, {Seqno: 2, Levelno: 1, ParentNo: 1, Type: 0x1016}, {Seqno: 3, Levelno: 1, ParentNo: 1, Type: 0x1016},
		field(4, 2, 2, 2), field(5, 2, 3, 2), field(6, 2, 2, 2)}
	if _, err := TreeFromAttrRows(rows, "t", "o"); !errors.Is(err, ErrTypeTree) {
		t.Errorf("not depth first: %v", err)
	}
}

// FuzzTreeFromAttrRows feeds arbitrary catalog rows (9 bytes a row: seqno,
// levelno, parent_no, type and length as bytes and 16-bit values) to the
// tree builder and, when a tree comes out, encodes a value by it: no
// panic, no unbounded tree, and every refusal is ErrTypeTree or
// ErrCompositeBinary.
func FuzzTreeFromAttrRows(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0x10, 0x16, 0x08, 0x00, 0, 0, 2, 1, 1, 0, 2, 0, 4, 0, 0})
	f.Add([]byte{1, 0, 0, 0x10, 0x16, 0x08, 0x00, 0, 0, 2, 1, 1, 0, 21, 0, 0, 0, 0, 3, 2, 2, 1, 2, 0, 4, 0, 0})
	f.Add([]byte{1, 0, 0, 0x10, 0x16, 0x08, 0x00, 0, 0, 2, 1, 1, 0, 40, 0, 10, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		var rows []AttrRow
		for len(b) >= 9 {
			rows = append(rows, AttrRow{Seqno: int(b[0]), Levelno: int(b[1]), ParentNo: int(b[2]), FieldName: "f",
				Type: int16(uint16(b[3])<<8 | uint16(b[4])), Length: int16(uint16(b[5])<<8 | uint16(b[6])), XID: int32(b[7])<<8 | int32(b[8])})
			b = b[9:]
		}
		tree, err := TreeFromAttrRows(rows, "t", "o")
		if err != nil {
			if !errors.Is(err, ErrTypeTree) {
				t.Fatalf("error %v is not ErrTypeTree", err)
			}
			return
		}
		err = ResolveTree(tree, func(int32) (*TypeNode, error) { return TreeFromAttrRows(rows, "t", "o") })
		if err != nil {
			if !errors.Is(err, ErrTypeTree) {
				t.Fatalf("resolve: %v", err)
			}
			return
		}
		vals := make([]any, len(tree.Members))
		for i, m := range tree.Members {
			if nodeBase(m) == 22 {
				vals[i] = Row{}
			} else if isCollectionCode(nodeBase(m)) {
				vals[i] = List{}
			}
		}
		_, err = AppendCompositeBinary(nil, tree, func(dst []byte) ([]byte, error) { return AppendCompositeData(dst, tree, vals, nil) })
		if err != nil && !errors.Is(err, ErrCompositeBinary) {
			t.Fatalf("encode: %v", err)
		}
	})
}
