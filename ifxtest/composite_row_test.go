package ifxtest

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// jdbcRowTypes are the named ROW types of conformance/probes/composite/
// RowProbe.java, by the prefix of their fixture names.
var jdbcRowTypes = map[string]string{
	"rab": "a INTEGER, b VARCHAR(10)",
	"rfx": "a INTEGER, f FLOAT, s SMALLINT",
	"rlv": "a LVARCHAR, b BOOLEAN, d DATE, i INT8",
	"rnl": "a INTEGER, b VARCHAR(10)",
	"rbg": "a BIGINT, m MONEY(8,2), d DECIMAL(10,3), sf SMALLFLOAT",
	"rch": "c CHAR(5), v VARCHAR(20), t DATETIME YEAR TO SECOND",
	"r1l": "a LVARCHAR, z INTEGER",
	"r1b": "b BOOLEAN, z INTEGER",
	"r1d": "d DATE, z INTEGER",
	"r1i": "i INT8, z INTEGER",
	"r1g": "a BIGINT, z INTEGER",
	"r1m": "m MONEY(8,2), z INTEGER",
	"r1e": "d DECIMAL(10,3), z INTEGER",
	"r1f": "sf SMALLFLOAT, z INTEGER",
	"rbn": "b BOOLEAN, z INTEGER",
}

// loadJDBCRowBinds reads testdata/jdbc15-row-binds.txt: the named ROW
// values IBM JDBC 15.0.0.1.1 bound through SQLData.
func loadJDBCRowBinds(t testing.TB) map[string]jdbcCollectionBind {
	t.Helper()
	return loadBinds(t, "testdata/jdbc15-row-binds.txt")
}

// loadBinds reads a file of JDBC bind values: name|type name|hex.
func loadBinds(t testing.TB, path string) map[string]jdbcCollectionBind {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]jdbcCollectionBind{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.SplitN(line, "|", 3)
		p, err := hex.DecodeString(parts[2])
		if err != nil {
			t.Fatalf("%s: %v", parts[0], err)
		}
		out[parts[0]] = jdbcCollectionBind{parts[1], p}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// createJDBCRowType creates the named ROW type of a fixture and a table
// t_rbin (id INTEGER, r type).
func createJDBCRowType(c *wireClient, name string) {
	c.exec("DROP TABLE IF EXISTS t_rbin")
	c.exec("DROP ROW TYPE IF EXISTS " + name + " RESTRICT")
	c.exec("CREATE ROW TYPE " + name + " (" + jdbcRowTypes[name] + ")")
	c.exec("CREATE TABLE t_rbin (id INTEGER, r " + name + ")")
}

// A named ROW bound as JDBC binds it through SQLData (type 44, the type's
// name, IDS's binary form) is stored as the ROW it carries. JDBC's bytes,
// kept as fixtures, are ground truth: a VARCHAR field comes padded with
// blanks to the type's maximum with that length (kept as sent), a NULL
// VARCHAR as 01 00, a BIGINT field in INT8's 10-byte form.
func TestRowBoundInBinaryForm(t *testing.T) {
	binds := loadJDBCRowBinds(t)
	c := loginTestDB(t)
	for _, tc := range []struct{ bind, want string }{
		{"rab_7_xy", "ROW(7          ,'xy        ')"},
		{"rfx_1_2.5_3", "ROW(1          ,2.5,3     )"},
		{"rlv_hello_true_2026-05-04_9", "ROW('hello',t,'05/04/2026',9                   )"},
		{"rnl_5_null", "ROW(5          ,NULL)"},
		{"rbg_12345678901_12.50_-3.125_1.5", "ROW(12345678901         ,12.50,-3.125,1.5)"},
		{"rch_ab_abcdefghij_2026-05-04_10:11:12", "ROW('ab   ','abcdefghij          ','2026-05-04 10:11:12')"},
		{"r1g_12345678901_1", "ROW(12345678901         ,1          )"},
		{"r1f_1.5_1", "ROW(1.5,1          )"},
		{"rbn_null_5", "ROW(NULL,5          )"},
	} {
		t.Run(tc.bind, func(t *testing.T) {
			b := binds[tc.bind]
			createJDBCRowType(c, b.typeName)
			if e := c.execErr("INSERT INTO t_rbin VALUES (1, ?)", b.value()); e != nil {
				t.Fatalf("INSERT: %+v", e)
			}
			_, rows := queryRows(t, c, "SELECT r FROM t_rbin")
			if len(rows) != 1 {
				t.Fatalf("%d rows", len(rows))
			}
			if got := string(rows[0][5:]); got != tc.want {
				t.Errorf("stored %q, want %q", got, tc.want)
			}
		})
	}
}

// Malformed binary ROWs are refused with a clear error (-1260 at the bind)
// rather than read wrongly.
func TestRowBinaryFormRefusesMalformedValues(t *testing.T) {
	binds := loadJDBCRowBinds(t)
	c := &conn{cs: utf8Charset{}}
	good := binds["rab_7_xy"].payload
	if s, null, err := c.decodeRowBinary(good); err != nil || null || s != "ROW(7,'xy        ')" {
		t.Fatalf("JDBC's value: %q %v %v", s, null, err)
	}
	data := treeRootLen + 2*treeEntryLen + 18
	for name, f := range map[string]func(p []byte) []byte{
		"short header":     func(p []byte) []byte { return p[:treeRootLen+2*treeEntryLen+17] },
		"entry count":      func(p []byte) []byte { p[treeCountAt+1] = 9; return p },
		"no entries":       func(p []byte) []byte { p[treeCountAt+1] = 0; return p },
		"data length":      func(p []byte) []byte { p[data-5]++; return p },
		"field type":       func(p []byte) []byte { p[treeRootLen+145] = 99; return p },
		"nested member":    func(p []byte) []byte { p[treeRootLen+9] = 2; return p },
		"directory marker": func(p []byte) []byte { p[len(p)-12] = 0; return p },
		"directory order":  func(p []byte) []byte { p[len(p)-1] = 9; return p },
		"VARCHAR length":   func(p []byte) []byte { p[data+4] = 200; return p },
		"field name":       func(p []byte) []byte { p[treeRootLen+12] = 1; return p },
	} {
		p := f(append([]byte(nil), good...))
		if s, _, err := c.decodeRowBinary(p); err == nil {
			t.Errorf("%s: read as %q", name, s)
		}
	}
}

// A client that asks for a named ROW column as type 44 (JDBC does) gets
// the binary form in an i32 length, byte for byte as JDBC binds the same
// value through SQLData where JDBC's field forms are the ones IDS uses in
// a tuple (JDBC reads these back through Struct.getAttributes, the
// conformance scenario composite_struct). JDBC's VARCHAR padding and its
// 10-byte BIGINT are bind-side only: the reply sends a VARCHAR at its
// length and a BIGINT in 8 bytes, which JDBC reads.
func TestRowSentInBinaryFormWhenAsked(t *testing.T) {
	binds := loadJDBCRowBinds(t)
	c := loginTestDB(t)
	for _, tc := range []struct{ bind, literal string }{
		{"rfx_1_2.5_3", "ROW(1, 2.5, 3)"},
		{"r1b_true_1", "ROW('t', 1)"},
		{"r1d_2026-05-04_1", "ROW('2026-05-04', 1)"},
		{"r1i_9_1", "ROW(9, 1)"},
		{"r1m_12.50_1", "ROW(12.50, 1)"},
		{"r1e_-3.125_1", "ROW(-3.125, 1)"},
		{"r1f_1.5_1", "ROW(1.5, 1)"},
	} {
		t.Run(tc.bind, func(t *testing.T) {
			b := binds[tc.bind]
			createJDBCRowType(c, b.typeName)
			c.exec("INSERT INTO t_rbin VALUES (5, " + tc.literal + "::" + b.typeName + ")")
			row := c.firstRowAsked("SELECT id, r FROM t_rbin", sqli.RetTypeColumn{Type: sqli.TypeInt, EncodedLength: 4},
				sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: b.typeName, EncodedLength: 2048})
			want := binary.BigEndian.AppendUint32([]byte{0, 0, 0, 5}, uint32(len(b.payload)))
			want = append(want, b.payload...)
			if !bytes.Equal(row, want) {
				t.Errorf("row\n got %x\nwant %x", row, want)
			}
		})
	}
	// A NULL ROW: the descriptor with the NULL flag and no data.
	createJDBCRowType(c, "rab")
	c.exec("INSERT INTO t_rbin VALUES (5, NULL)")
	row := c.firstRowAsked("SELECT id, r FROM t_rbin", sqli.RetTypeColumn{Type: sqli.TypeInt, EncodedLength: 4},
		sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: "rab", EncodedLength: 2048})
	tree := treeRootLen + 2*treeEntryLen
	if len(row) != 8+tree+18 || int32(binary.BigEndian.Uint32(row[8+tree+14:])) != collNull {
		t.Errorf("NULL ROW: %d bytes, flag % x", len(row), row[min(len(row), 8+tree+14):])
	}
}

// FuzzRowBinary: any bytes bound as a value with a type tree (a ROW, a
// nested collection) are read as its text or refused with an error, never
// a panic. The seeds are JDBC's ROW and nested values.
func FuzzRowBinary(f *testing.F) {
	for _, b := range loadJDBCRowBinds(f) {
		f.Add(b.payload)
	}
	for _, b := range loadBinds(f, "testdata/jdbc15-nested-binds.txt") {
		f.Add(b.payload)
	}
	c := &conn{cs: utf8Charset{}}
	f.Fuzz(func(t *testing.T, p []byte) {
		if len(p) < treeRootLen {
			return
		}
		s, null, err := c.decodeTreeBinary(p)
		if (err != nil || null) && s != "" {
			t.Fatalf("text %q with error %v / NULL %v", s, err, null)
		}
		if err == nil && !null && !strings.HasSuffix(s, ")") && !strings.HasSuffix(s, "}") {
			t.Fatalf("decoded to %q", s)
		}
	})
}

// Nested composites bound as JDBC binds them: a collection of collections
// (HashSets, ArrayLists or java.sql.Arrays in a collection) and a named
// ROW with a named ROW field (an SQLData written with writeObject). Each
// nested value is an i16 length, zero padding to an 8-byte boundary of the
// container's data, a 10-byte header and the value's data; the container's
// directory names each one (testdata/jdbc15-nested-binds.txt).
func TestNestedCompositesBoundInBinaryForm(t *testing.T) {
	binds := loadBinds(t, "testdata/jdbc15-nested-binds.txt")
	c := loginTestDB(t)
	c.exec("DROP ROW TYPE IF EXISTS nouter RESTRICT")
	c.exec("DROP ROW TYPE IF EXISTS nin RESTRICT")
	c.exec("CREATE ROW TYPE nin (x INTEGER, y VARCHAR(5))")
	c.exec("CREATE ROW TYPE nouter (k INTEGER, r nin)")
	c.exec("DROP ROW TYPE IF EXISTS nnout RESTRICT")
	c.exec("DROP ROW TYPE IF EXISTS nnin RESTRICT")
	c.exec("CREATE ROW TYPE nnin (x INTEGER, y VARCHAR(5))")
	c.exec("CREATE ROW TYPE nnout (k INTEGER, r nnin)")
	for _, tc := range []struct{ bind, column, want string }{
		{"list_of_multiset_int_1_2", "LIST(SET(INTEGER NOT NULL) NOT NULL)", "LIST{SET{1          ,2          }}"},
		{"list_of_array_int_1_2", "LIST(MULTISET(INTEGER NOT NULL) NOT NULL)", "LIST{MULTISET{1          ,2          }}"},
		{"list_of_multiset_int_1_2_3_and_4", "LIST(SET(INTEGER NOT NULL) NOT NULL)", "LIST{SET{1          ,2          ,3          },SET{4          }}"},
		{"list_of_list_lvarchar_a_bc", "LIST(LIST(VARCHAR(10) NOT NULL) NOT NULL)", "LIST{LIST{'a','bc'}}"},
		{"nouter_1_nin_2_ab", "nouter", "ROW(1          ,ROW(2          ,'ab   '))"},
		{"nouter_7_nin_300000_xyz", "nouter", "ROW(7          ,ROW(300000     ,'xyz  '))"},
		// An empty inner collection: its i16 length, padding and header,
		// no data; a NULL ROW field: an i16 length of 1 and the byte 01.
		{"list_of_multiset_int_empty_and_5", "LIST(SET(INTEGER NOT NULL) NOT NULL)", "LIST{SET{},SET{5          }}"},
		{"list_of_multiset_int_5_and_empty", "LIST(SET(INTEGER NOT NULL) NOT NULL)", "LIST{SET{5          },SET{}}"},
		{"list_of_multiset_char_empty", "LIST(SET(INTEGER NOT NULL) NOT NULL)", "LIST{SET{}}"},
		{"nnout_5_null", "nnout", "ROW(5          ,NULL)"},
		{"nnout_6_nnin_1_a", "nnout", "ROW(6          ,ROW(1          ,'a    '))"},
	} {
		t.Run(tc.bind, func(t *testing.T) {
			c.exec("DROP TABLE IF EXISTS t_nbin")
			c.exec("CREATE TABLE t_nbin (c " + tc.column + ")")
			if e := c.execErr("INSERT INTO t_nbin VALUES (?)", binds[tc.bind].value()); e != nil {
				t.Fatalf("INSERT: %+v", e)
			}
			_, rows := queryRows(t, c, "SELECT c FROM t_nbin")
			if len(rows) != 1 {
				t.Fatalf("%d rows", len(rows))
			}
			if got := string(rows[0][5:]); got != tc.want {
				t.Errorf("stored %q, want %q", got, tc.want)
			}
		})
	}
	c.exec("DROP TABLE IF EXISTS t_nbin")
	// The nested value's padding and header are checked.
	cc := &conn{cs: utf8Charset{}}
	good := binds["list_of_multiset_int_1_2"].payload
	data := treeRootLen + 2*treeEntryLen + 18
	for name, f := range map[string]func(p []byte) []byte{
		"padding":       func(p []byte) []byte { p[data+3] = 1; return p },
		"header":        func(p []byte) []byte { p[data+2+4+5] = 0; return p },
		"nested length": func(p []byte) []byte { p[data+1]++; return p },
		"directory":     func(p []byte) []byte { p[len(p)-1] = 4; return p },
		// A collection's element cannot be NULL: the nested NULL form
		// (i16 1, byte 01) in place of the element is refused.
		"NULL element": func(p []byte) []byte {
			p = append(p[:data-8], 0, 0, 0, 11, 0, 0, 0, 1)
			return append(p, 0, 1, 1, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0)
		},
	} {
		if s, _, err := cc.decodeCollectionBinary(f(append([]byte(nil), good...))); err == nil {
			t.Errorf("%s: read as %q", name, s)
		}
	}
	// Bound, a malformed nested value is -1260 and the connection goes on
	// (a server that does not fail the test on the client's error).
	srv := NewServer(t, Config{NotStrict: true})
	lc := dialWire(t, srv.Addr())
	lc.login(sqli.JDBCOffer)
	lc.openDB("testdb")
	lc.exec("CREATE TABLE t_nbin (c LIST(SET(INTEGER NOT NULL) NOT NULL))")
	hostile := binds["list_of_multiset_int_empty_and_5"]
	hostile.payload = append([]byte(nil), hostile.payload...)
	hostile.payload[data+3] = 7 // padding
	if e := lc.execErr("INSERT INTO t_nbin VALUES (?)", hostile.value()); e == nil || e.SQLCode != -1260 {
		t.Errorf("malformed nested bind: %+v, want -1260", e)
	}
	if got := countRows(t, lc, "SELECT COUNT(*) FROM t_nbin"); got != "0" {
		t.Errorf("after the refused bind: count %s", got)
	}
	// JDBC's NULL ROW field read, a malformed one refused.
	nullField := binds["nnout_5_null"].payload
	if s, null, err := cc.decodeRowBinary(nullField); err != nil || null || s != "ROW(5,NULL)" {
		t.Errorf("NULL ROW field: %q %v %v", s, null, err)
	}
	bad := append([]byte(nil), nullField...)
	bad[len(bad)-13] = 2 // 00 01 02
	if s, _, err := cc.decodeRowBinary(bad); err == nil {
		t.Errorf("NULL ROW field with indicator 2: read as %q", s)
	}
}

// ifx binds composites as their text (ifxtype's driver.Valuer), JDBC in
// the binary form: for the same nested values both are stored alike, so
// ifx's nested binds say what JDBC's do.
func TestNestedTextAndBinaryBindsAgree(t *testing.T) {
	binds := loadBinds(t, "testdata/jdbc15-nested-binds.txt")
	c := loginTestDB(t)
	c.exec("DROP ROW TYPE IF EXISTS nouter RESTRICT")
	c.exec("DROP ROW TYPE IF EXISTS nin RESTRICT")
	c.exec("CREATE ROW TYPE nin (x INTEGER, y VARCHAR(5))")
	c.exec("CREATE ROW TYPE nouter (k INTEGER, r nin)")
	for _, tc := range []struct {
		bind, column string
		ifx          any
	}{
		{"list_of_multiset_int_1_2_3_and_4", "LIST(MULTISET(INTEGER NOT NULL) NOT NULL)",
			ifxtype.List{ifxtype.Multiset{1, 2, 3}, ifxtype.Multiset{4}}},
		{"list_of_list_lvarchar_a_bc", "LIST(LIST(VARCHAR(10) NOT NULL) NOT NULL)", [][]string{{"a", "bc"}}},
		{"nouter_7_nin_300000_xyz", "nouter", ifxtype.Row{Fields: []ifxtype.RowField{{Value: 7},
			{Value: ifxtype.Row{Fields: []ifxtype.RowField{{Value: 300000}, {Value: "xyz  "}}}}}}},
	} {
		t.Run(tc.bind, func(t *testing.T) {
			text, null, ok, err := ifxtype.CompositeText(tc.ifx)
			if err != nil || null || !ok {
				t.Fatalf("CompositeText: %q %v %v %v", text, null, ok, err)
			}
			c.exec("DROP TABLE IF EXISTS t_nagree")
			c.exec("CREATE TABLE t_nagree (id INTEGER, c " + tc.column + ")")
			if e := c.execErr("INSERT INTO t_nagree VALUES (1, ?)", binds[tc.bind].value()); e != nil {
				t.Fatalf("JDBC's bind: %+v", e)
			}
			if e := c.execErr("INSERT INTO t_nagree VALUES (2, ?)", bindString(text)); e != nil {
				t.Fatalf("ifx's bind %q: %+v", text, e)
			}
			_, rows := queryRows(t, c, "SELECT c FROM t_nagree ORDER BY id")
			if len(rows) != 2 || !bytes.Equal(rows[0], rows[1]) {
				t.Errorf("stored\n JDBC %q\n  ifx %q (bound as %q)", rows[0], rows[min(1, len(rows)-1)], text)
			}
		})
	}
}
