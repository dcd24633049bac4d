package ifxtest

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// jdbcCollectionBind is one collection IBM JDBC 15.0.0.1.1 bound with
// setObject (testdata/jdbc15-collection-binds.txt).
type jdbcCollectionBind struct {
	typeName string
	payload  []byte // the value's bytes after its i32 length
}

func loadJDBCCollectionBinds(t *testing.T) map[string]jdbcCollectionBind {
	t.Helper()
	f, err := os.Open("testdata/jdbc15-collection-binds.txt")
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

func (b jdbcCollectionBind) value() sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeSendRecv, TypeName: b.typeName,
		Data: append(binary.BigEndian.AppendUint32(nil, uint32(len(b.payload))), b.payload...)}
}

// A collection bound as JDBC binds it (type 44, IDS's binary form) is
// stored as the collection it carries: JDBC's bytes, kept as fixtures, are
// ground truth for the bind form. An empty Java collection comes with the
// NULL flag and is stored as NULL.
func TestCollectionBoundInBinaryForm(t *testing.T) {
	binds := loadJDBCCollectionBinds(t)
	c := loginTestDB(t)
	for _, tc := range []struct {
		bind, column, want string
	}{
		{"multiset_int_1_2", "SET(INTEGER NOT NULL)", "SET{1          ,2          }"},
		{"list_int_1_2", "LIST(INTEGER NOT NULL)", "LIST{1          ,2          }"},
		{"multiset_int_1_2", "MULTISET(INTEGER NOT NULL)", "MULTISET{1          ,2          }"},
		{"multiset_int8_1_2", "SET(INT8 NOT NULL)", "SET{1                   ,2                   }"},
		{"multiset_smallint_1_2", "SET(SMALLINT NOT NULL)", "SET{1     ,2     }"},
		{"multiset_float_1.5", "SET(FLOAT NOT NULL)", "SET{1.5}"},
		{"multiset_lvarchar_a_bc", "SET(VARCHAR(10) NOT NULL)", "SET{'a','bc'}"},
		{"multiset_lvarchar_empty_string", "SET(VARCHAR(10) NOT NULL)", "SET{''}"},
		{"list_lvarchar_300x", "LIST(LVARCHAR NOT NULL)", "LIST{'" + strings.Repeat("x", 300) + "'}"},
		{"multiset_lvarchar_12.5", "SET(DECIMAL(10,2) NOT NULL)", "SET{12.50}"},
		{"multiset_date_2026-05-04", "SET(DATE NOT NULL)", "SET{'05/04/2026'}"},
		{"multiset_boolean_true", "SET(BOOLEAN NOT NULL)", "SET{t}"},
		{"multiset_datetime_2026-05-04_10:11:12", "SET(DATETIME YEAR TO FRACTION(5) NOT NULL)", "SET{'2026-05-04 10:11:12.00000'}"},
		{"list_smallfloat_1.5", "LIST(SMALLFLOAT NOT NULL)", "LIST{1.5}"},
		{"multiset_int8_1_long_into_bigint", "SET(BIGINT NOT NULL)", "SET{1                   }"},
		{"list_interval_day_to_second_1_02:03:04", "LIST(INTERVAL DAY TO SECOND NOT NULL)", "LIST{'1 02:03:04'}"},
		{"list_interval_year_to_month_3-04", "LIST(INTERVAL YEAR TO MONTH NOT NULL)", "LIST{'3-04'}"},
		{"list_lvarchar_-3.125_into_decimal", "LIST(DECIMAL(10,3) NOT NULL)", "LIST{-3.125}"},
		{"empty_set", "SET(INTEGER NOT NULL)", ""},
	} {
		t.Run(tc.bind+"/"+tc.column, func(t *testing.T) {
			c.exec("DROP TABLE IF EXISTS t_cbin")
			c.exec("CREATE TABLE t_cbin (c " + tc.column + ")")
			if e := c.execErr("INSERT INTO t_cbin VALUES (?)", binds[tc.bind].value()); e != nil {
				t.Fatalf("INSERT: %+v", e)
			}
			_, rows := queryRows(t, c, "SELECT c FROM t_cbin")
			if len(rows) != 1 {
				t.Fatalf("%d rows", len(rows))
			}
			got := rows[0]
			if tc.want == "" {
				if got[0] != 1 {
					t.Errorf("stored % x, want NULL", got)
				}
				return
			}
			if string(got[5:]) != tc.want {
				t.Errorf("stored %q, want %q", got[5:], tc.want)
			}
		})
	}
}

// Malformed binary collections are refused with a clear error (the bind
// then fails with -1260) rather than read wrongly.
func TestCollectionBinaryFormRefusesMalformedValues(t *testing.T) {
	binds := loadJDBCCollectionBinds(t)
	c := &conn{cs: utf8Charset{}}
	good := binds["multiset_lvarchar_a_bc"].payload
	if s, null, err := c.decodeCollectionBinary(good); err != nil || null || s != "MULTISET{'a','bc'}" {
		t.Fatalf("JDBC's value: %q %v %v", s, null, err)
	}
	setLen := func(p []byte) []byte {
		binary.BigEndian.PutUint32(p[collDescriptorLen+10:], uint32(len(p)-collHeaderLen))
		return p
	}
	for name, f := range map[string]func(p []byte) []byte{
		"short header":       func(p []byte) []byte { return p[:collHeaderLen-1] },
		"data length":        func(p []byte) []byte { p[collDescriptorLen+13]++; return p },
		"kind":               func(p []byte) []byte { p[collKindAt+3] = 99; return p },
		"element type":       func(p []byte) []byte { p[collElemTypeAt+1] = 5; return p },
		"directory offset":   func(p []byte) []byte { p[len(p)-1] = 1; return p },
		"element length":     func(p []byte) []byte { p[collHeaderLen+4] = 0x7f; return p },
		"NULL element":       func(p []byte) []byte { p[collHeaderLen] = 1; return p },
		"no directory":       func(p []byte) []byte { return setLen(p[:len(p)-12]) },
		"directory too long": func(p []byte) []byte { return setLen(append(p, 0, 0, 0, 0)) },
		"NULL with elements": func(p []byte) []byte { p[collDescriptorLen+14] = 0x80; p[collDescriptorLen+17] = 0; return p },
	} {
		p := f(append([]byte(nil), good...))
		if s, _, err := c.decodeCollectionBinary(p); err == nil {
			t.Errorf("%s: read as %q", name, s)
		}
	}
}

// A client that asks for a collection column as type 44 in SQ_RET_TYPE,
// as JDBC does, gets the binary form in an i32 length with no indicator
// byte, laid out byte for byte as JDBC binds the same collection; NULL is
// the form JDBC binds an empty collection in (JDBC reads it back as
// NULL). Evidence for the reply form is JDBC reading it (the conformance
// scenario composite_collections); JDBC's bind bytes are the fixture.
func TestCollectionSentInBinaryFormWhenAsked(t *testing.T) {
	binds := loadJDBCCollectionBinds(t)
	c := loginTestDB(t)
	for _, tc := range []struct {
		column, literal, bind string
	}{
		{"MULTISET(INTEGER NOT NULL)", "MULTISET{1,2}", "multiset_int_1_2"},
		{"LIST(INTEGER NOT NULL)", "LIST{1,2}", "list_int_1_2"},
		{"MULTISET(INT8 NOT NULL)", "MULTISET{1,2}", "multiset_int8_1_2"},
		{"MULTISET(SMALLINT NOT NULL)", "MULTISET{1,2}", "multiset_smallint_1_2"},
		{"MULTISET(FLOAT NOT NULL)", "MULTISET{1.5}", "multiset_float_1.5"},
		{"MULTISET(DATE NOT NULL)", "MULTISET{'2026-05-04'}", "multiset_date_2026-05-04"},
		{"MULTISET(DATETIME YEAR TO FRACTION(5) NOT NULL)", "MULTISET{'2026-05-04 10:11:12'}", "multiset_datetime_2026-05-04_10:11:12"},
		{"MULTISET(LVARCHAR NOT NULL)", "MULTISET{'a','bc'}", "multiset_lvarchar_a_bc"},
		{"MULTISET(BOOLEAN NOT NULL)", "MULTISET{'t'}", "multiset_boolean_true"},
		{"LIST(SMALLFLOAT NOT NULL)", "LIST{1.5}", "list_smallfloat_1.5"},
		{"LIST(INTERVAL DAY TO SECOND NOT NULL)", "LIST{'1 02:03:04'}", "list_interval_day_to_second_1_02:03:04"},
		{"MULTISET(INTEGER NOT NULL)", "NULL", "null_multiset_int"},
	} {
		t.Run(tc.column+"/"+tc.literal, func(t *testing.T) {
			c.exec("DROP TABLE IF EXISTS t_cout")
			c.exec("CREATE TABLE t_cout (i INT, c " + tc.column + ")")
			c.exec("INSERT INTO t_cout VALUES (5, " + tc.literal + ")")
			row := c.firstRowAsked("SELECT i, c FROM t_cout", sqli.RetTypeColumn{Type: sqli.TypeInt, EncodedLength: 4},
				sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: tc.column, EncodedLength: 2048})
			p := binds[tc.bind].payload
			if tc.bind == "null_multiset_int" {
				// JDBC's empty (NULL) collection with the column's
				// element type (JDBC's has none: type 0, width 1).
				p = append([]byte(nil), binds["empty_set"].payload...)
				p[collElemTypeAt+1], p[collElemLenAt+1] = 2, 4
			}
			if tc.bind == "multiset_lvarchar_a_bc" {
				// JDBC binds LVARCHAR elements as 43 but reads them only
				// described as 40 (UDTVAR) with extended id 1.
				p = append([]byte(nil), p...)
				p[collElemTypeAt+1] = byte(sqli.TypeUDTVar)
				binary.BigEndian.PutUint32(p[collElemXidAt:], uint32(sqli.XIDLVarChar))
			}
			want := binary.BigEndian.AppendUint32([]byte{0, 0, 0, 5}, uint32(len(p)))
			want = append(want, p...)
			if !bytes.Equal(row, want) {
				t.Errorf("row\n got %x\nwant %x", row, want)
			}
		})
	}
	// Without SQ_RET_TYPE the column keeps its text form.
	_, rows := queryRows(t, c, "SELECT c FROM t_cout")
	if len(rows) != 1 || rows[0][0] != 1 {
		t.Errorf("text form of NULL: % x", rows)
	}
}

// BIGINT, DECIMAL and MONEY elements, which JDBC never binds (a Long goes
// as INT8, a BigDecimal as LVARCHAR text), go at their tuple widths: BIGINT
// 8 bytes, DECIMAL/MONEY packed at the type's width, the bytes JDBC binds
// for the same values in ROW fields (testdata/jdbc15-row-binds.txt). JDBC
// reads them so (Long, BigDecimal; conformance scenario
// composite_collections).
func TestCollectionElementsAtTheirTupleWidth(t *testing.T) {
	c := loginTestDB(t)
	for _, tc := range []struct {
		column, literal string
		elem            uint16 // element type with NOT NULL
		elen            uint16
		data            string // hex
	}{
		{"SET(BIGINT NOT NULL)", "SET{12345678901}", 0x134, 8, "00000002dfdc1c35"},
		{"LIST(DECIMAL(10,3) NOT NULL)", "LIST{-3.125}", 0x105, 0x0a03, "3e605732000000"},
		{"LIST(MONEY(8,2) NOT NULL)", "LIST{12.50}", 0x108, 0x0802, "c10c320000"},
		{"LIST(SMALLFLOAT NOT NULL)", "LIST{-0.25}", 0x104, 4, "be800000"},
		// JDBC binds 3-04 as c7 00 03 04 (a leading zero pair, one more
		// in the exponent): the same number. It reads this form.
		{"LIST(INTERVAL YEAR TO MONTH NOT NULL)", "LIST{'3-04'}", 0x10e, 0x0602, "c6030400"},
	} {
		t.Run(tc.column, func(t *testing.T) {
			c.exec("DROP TABLE IF EXISTS t_cw")
			c.exec("CREATE TABLE t_cw (c " + tc.column + ")")
			c.exec("INSERT INTO t_cw VALUES (" + tc.literal + ")")
			row := c.firstRowAsked("SELECT c FROM t_cw",
				sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: tc.column, EncodedLength: 2048})
			data, _ := hex.DecodeString(tc.data)
			if len(row) != 4+collHeaderLen+len(data) {
				t.Fatalf("%d bytes, want %d", len(row), 4+collHeaderLen+len(data))
			}
			v := row[4:]
			if et, el := binary.BigEndian.Uint16(v[collElemTypeAt:]), binary.BigEndian.Uint16(v[collElemLenAt:]); et != tc.elem || el != tc.elen {
				t.Errorf("element %#x/%#x, want %#x/%#x", et, el, tc.elem, tc.elen)
			}
			if got := v[collHeaderLen:]; !bytes.Equal(got, data) {
				t.Errorf("data % x, want % x", got, data)
			}
		})
	}
}

// firstRowAsked fetches the first row of sql after an SQ_RET_TYPE naming
// cols, as JDBC sends it.
func (c *wireClient) firstRowAsked(sql string, cols ...sqli.RetTypeColumn) []byte {
	c.t.Helper()
	r := c.roundTrip(&sqli.Prepare{SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		c.t.Fatalf("%s: %d", sql, r.err.SQLCode)
	}
	id := &sqli.ID{StatementID: r.describe.StmtID}
	rt := &sqli.RetType{Direction: 1, Columns: cols}
	r = c.roundTrip(id, &sqli.CurName{Name: "ret_c"}, rt, sqli.Open{}, id, &sqli.NFetch{BufSize: 4096})
	if r.err != nil || len(r.tuples) == 0 {
		c.t.Fatalf("%s: fetch %+v", sql, r.err)
	}
	c.roundTrip(id, sqli.Close{})
	c.roundTrip(id, sqli.Release{})
	return r.tuples[0]
}

// A collection whose element type has no binary form in ifxtest (a
// BLOB: JDBC neither binds nor reads one) asked for as type 44 goes as its
// text in the same i32 envelope, without the indicator byte, so that a
// client reading the binary envelope (JDBC) still finds the next column
// where it is.
func TestCompositeWithoutBinaryFormKeepsTheEnvelope(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE t_crow (r LIST(BLOB NOT NULL), s SET(INTEGER NOT NULL))")
	c.exec("INSERT INTO t_crow VALUES (LIST{}, SET{4})")
	row := c.firstRowAsked("SELECT r, s FROM t_crow",
		sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: "LIST(blob not null)", EncodedLength: 2048},
		sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: "SET(integer not null)", EncodedLength: 2048})
	text := "LIST{}"
	want := append(binary.BigEndian.AppendUint32(nil, uint32(len(text))), text...)
	if !bytes.HasPrefix(row, want) {
		t.Fatalf("LIST(BLOB) asked as type 44: % x, want it to start % x", row[:min(len(row), len(want)+4)], want)
	}
	rest := row[len(want):]
	if len(rest) != 4+collHeaderLen+4 || binary.BigEndian.Uint32(rest) != collHeaderLen+4 || binary.BigEndian.Uint32(rest[4+collHeaderLen:]) != 4 {
		t.Errorf("SET after the LIST: % x", rest[:min(len(rest), 8)])
	}
}

// FuzzCollectionBinary: any bytes bound as a binary collection are read
// as a collection text or refused with an error, never a panic or an
// allocation sized by the input's lengths. The seeds are JDBC's values.
func FuzzCollectionBinary(f *testing.F) {
	data, err := os.ReadFile("testdata/jdbc15-collection-binds.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if parts := strings.SplitN(line, "|", 3); len(parts) == 3 && line[0] != '#' {
			p, err := hex.DecodeString(parts[2])
			if err != nil {
				f.Fatal(err)
			}
			f.Add(p)
		}
	}
	c := &conn{cs: utf8Charset{}}
	f.Fuzz(func(t *testing.T, p []byte) {
		s, null, err := c.decodeCollectionBinary(p)
		if err != nil || null {
			if s != "" {
				t.Fatalf("text %q with error %v / NULL %v", s, err, null)
			}
			return
		}
		if !strings.HasSuffix(s, "}") || !(strings.HasPrefix(s, "SET{") || strings.HasPrefix(s, "MULTISET{") || strings.HasPrefix(s, "LIST{")) {
			t.Fatalf("decoded to %q", s)
		}
	})
}

// VARCHAR and CHAR elements asked for as type 44: VARCHAR ones as u8
// length and bytes with the directory of offsets (last element first),
// CHAR(n) ones as n blank-padded bytes back to back (docs/PROTOCOL.md,
// "Composite types: the binary form"; JDBC reads both). The descriptor is
// JDBC's own, with the element's type and encoded length.
func TestCollectionOfCharactersSentInBinaryForm(t *testing.T) {
	binds := loadJDBCCollectionBinds(t)
	c := loginTestDB(t)
	for _, tc := range []struct {
		column, literal string
		elemType        uint16 // with NOT NULL's 0x100
		elemLen         uint16
		data            []byte
	}{
		{"MULTISET(VARCHAR(10) NOT NULL)", "MULTISET{'a','bc'}", 0x10d, 10,
			[]byte{1, 'a', 2, 'b', 'c', 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2, 0, 0, 0, 0}},
		{"LIST(VARCHAR(5) NOT NULL)", "LIST{''}", 0x10d, 5,
			[]byte{0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0}},
		{"LIST(CHAR(3) NOT NULL)", "LIST{'a','xyz'}", 0x100, 3, []byte("a  xyz")},
	} {
		t.Run(tc.column+"/"+tc.literal, func(t *testing.T) {
			c.exec("DROP TABLE IF EXISTS t_cchar")
			c.exec("CREATE TABLE t_cchar (i INT, c " + tc.column + ")")
			c.exec("INSERT INTO t_cchar VALUES (5, " + tc.literal + ")")
			row := c.firstRowAsked("SELECT i, c FROM t_cchar", sqli.RetTypeColumn{Type: sqli.TypeInt, EncodedLength: 4},
				sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: tc.column, EncodedLength: 2048})
			kind := uint32(20) // MULTISET
			if strings.HasPrefix(tc.column, "LIST") {
				kind = 21
			}
			p := append([]byte(nil), binds["multiset_lvarchar_a_bc"].payload[:collDescriptorLen]...)
			binary.BigEndian.PutUint32(p[collKindAt:], kind)
			binary.BigEndian.PutUint16(p[collElemTypeAt:], tc.elemType)
			binary.BigEndian.PutUint16(p[collElemLenAt:], tc.elemLen)
			p = append(p, make([]byte, 10)...)
			p = binary.BigEndian.AppendUint32(p, uint32(len(tc.data)))
			p = binary.BigEndian.AppendUint32(p, 1)
			p = append(p, tc.data...)
			want := binary.BigEndian.AppendUint32([]byte{0, 0, 0, 5}, uint32(len(p)))
			want = append(want, p...)
			if !bytes.Equal(row, want) {
				t.Errorf("row\n got %x\nwant %x", row, want)
			}
		})
	}
}
