package ifxtest

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// setTreeMemberName overwrites entry i of a value's type tree with a named
// ROW's name and extended id.
func setTreeMemberName(p []byte, i int, name string, xid int32) {
	e := p[treeRootAt+i*treeEntryLen:]
	for j := 156; j < 284; j++ {
		e[j] = ' '
	}
	binary.BigEndian.PutUint16(e[154:], uint16(copy(e[156:284], name)))
	binary.BigEndian.PutUint32(e[148:], uint32(xid))
}

// typeXID is the extended id of a named ROW type.
func typeXID(t *testing.T, c *wireClient, name string) int32 {
	t.Helper()
	_, rows := queryRows(t, c, "SELECT extended_id FROM sysxtdtypes WHERE name = '"+name+"'")
	if len(rows) != 1 || len(rows[0]) != 4 {
		t.Fatalf("extended id of %s: % x", name, rows)
	}
	return int32(binary.BigEndian.Uint32(rows[0]))
}

// A client that asks for a nested composite as type 44 (JDBC does) gets it
// in the layout JDBC binds nested values in (docs/PROTOCOL.md, "Nested
// values"): for the values JDBC bound, ifxtest's reply is JDBC's bytes,
// but for what JDBC reads differently from what it binds (an LVARCHAR
// element described as 40 with extended id 1) and for the nested ROW
// member's entry, where JDBC writes the outer type's name and ifxtest the
// member's own type (testdata/jdbc15-nested-binds.txt). JDBC reads these
// replies (conformance scenario composite_nested).
func TestNestedCompositesSentInBinaryForm(t *testing.T) {
	binds := loadBinds(t, "testdata/jdbc15-nested-binds.txt")
	c := loginTestDB(t)
	for _, ty := range []string{"nouter", "nin", "nnout", "nnin"} {
		c.exec("DROP ROW TYPE IF EXISTS " + ty + " RESTRICT")
	}
	c.exec("CREATE ROW TYPE nin (x INTEGER, y VARCHAR(5))")
	c.exec("CREATE ROW TYPE nouter (k INTEGER, r nin)")
	c.exec("CREATE ROW TYPE nnin (x INTEGER, y VARCHAR(5))")
	c.exec("CREATE ROW TYPE nnout (k INTEGER, r nnin)")
	for _, tc := range []struct {
		column, literal, bind string
		patch                 func(p []byte)
	}{
		{"LIST(MULTISET(INTEGER NOT NULL) NOT NULL)", "LIST{MULTISET{1,2,3},MULTISET{4}}", "list_of_multiset_int_1_2_3_and_4", nil},
		{"LIST(MULTISET(INTEGER NOT NULL) NOT NULL)", "LIST{MULTISET{1,2}}", "list_of_multiset_int_1_2", nil},
		{"LIST(MULTISET(INTEGER NOT NULL) NOT NULL)", "LIST{MULTISET{},MULTISET{5}}", "list_of_multiset_int_empty_and_5", nil},
		{"LIST(MULTISET(INTEGER NOT NULL) NOT NULL)", "LIST{MULTISET{5},MULTISET{}}", "list_of_multiset_int_5_and_empty", nil},
		{"LIST(LIST(LVARCHAR NOT NULL) NOT NULL)", "LIST{LIST{'a','bc'}}", "list_of_list_lvarchar_a_bc", func(p []byte) {
			e := p[treeRootAt+2*treeEntryLen:]
			e[145] = byte(sqli.TypeUDTVar)
			binary.BigEndian.PutUint32(e[148:], uint32(sqli.XIDLVarChar))
		}},
		{"nouter", "ROW(7, ROW(300000, 'xyz  ')::nin)::nouter", "nouter_7_nin_300000_xyz", func(p []byte) {
			setTreeMemberName(p, 2, "nin", typeXID(t, c, "nin"))
		}},
		{"nnout", "ROW(5, NULL)::nnout", "nnout_5_null", func(p []byte) {
			setTreeMemberName(p, 2, "nnin", typeXID(t, c, "nnin"))
		}},
	} {
		t.Run(tc.bind, func(t *testing.T) {
			c.exec("DROP TABLE IF EXISTS t_nout")
			c.exec("CREATE TABLE t_nout (i INT, c " + tc.column + ")")
			c.exec("INSERT INTO t_nout VALUES (5, " + tc.literal + ")")
			row := c.firstRowAsked("SELECT i, c FROM t_nout", sqli.RetTypeColumn{Type: sqli.TypeInt, EncodedLength: 4},
				sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: tc.column, EncodedLength: 2048})
			p := append([]byte(nil), binds[tc.bind].payload...)
			if tc.patch != nil {
				tc.patch(p)
			}
			want := binary.BigEndian.AppendUint32([]byte{0, 0, 0, 5}, uint32(len(p)))
			want = append(want, p...)
			if !bytes.Equal(row, want) {
				t.Errorf("row\n got %x\nwant %x", row, want)
			}
		})
	}
	c.exec("DROP TABLE IF EXISTS t_nout")
}

// Every nested value ifxtest sends in the binary form reads back, through
// ifxtest's own decoder of JDBC's binds, as the value stored: a ROW with a
// collection field, a collection of ROWs, a named ROW in a named ROW and
// in a collection, three levels of collections, NULL members and empty
// nested collections.
func TestNestedReplyDecodesToTheStoredValue(t *testing.T) {
	c := loginTestDB(t)
	for _, ty := range []string{"rt_out", "rt_in"} {
		c.exec("DROP ROW TYPE IF EXISTS " + ty + " RESTRICT")
	}
	c.exec("CREATE ROW TYPE rt_in (x INTEGER, y VARCHAR(5), b BOOLEAN)")
	c.exec("CREATE ROW TYPE rt_out (k INTEGER, r rt_in, l LIST(rt_in NOT NULL))")
	for _, tc := range []struct{ column, literal string }{
		{"ROW(a INTEGER, s SET(INTEGER NOT NULL), v VARCHAR(5))", "ROW(7, SET{1,2}, 'ab')"},
		{"ROW(a INTEGER, s SET(INTEGER NOT NULL), v VARCHAR(5))", "ROW(7, NULL, NULL)"},
		{"ROW(a INTEGER, s SET(INTEGER NOT NULL), v VARCHAR(5))", "ROW(NULL, SET{}, 'x')"},
		{"LIST(ROW(x INTEGER, y LVARCHAR, d DECIMAL(10,2)) NOT NULL)", "LIST{ROW(1,'a',1.5),ROW(2,'it''s',NULL)}"},
		{"SET(LIST(LVARCHAR NOT NULL) NOT NULL)", "SET{LIST{'a','bc'},LIST{},LIST{'d'}}"},
		{"LIST(SET(MULTISET(SMALLINT NOT NULL) NOT NULL) NOT NULL)", "LIST{SET{MULTISET{1,2},MULTISET{}},SET{}}"},
		{"MULTISET(ROW(a LIST(DATE NOT NULL), b ROW(c FLOAT, d CHAR(3))) NOT NULL)", "MULTISET{ROW(LIST{'2026-12-07'},ROW(1.5,'ab')),ROW(LIST{},NULL)}"},
		{"rt_out", "ROW(1, ROW(2,'ab','t')::rt_in, LIST{ROW(3,'c','f')::rt_in})::rt_out"},
		{"rt_out", "ROW(NULL, NULL, LIST{})::rt_out"},
		{"LIST(rt_in NOT NULL)", "LIST{ROW(4,NULL,NULL)::rt_in}"},
		{"LIST(MULTISET(INTEGER NOT NULL) NOT NULL)", "NULL"},
	} {
		t.Run(tc.column+"/"+tc.literal, func(t *testing.T) {
			c.exec("DROP TABLE IF EXISTS t_nrt")
			c.exec("CREATE TABLE t_nrt (id INT, c " + tc.column + ")")
			c.exec("INSERT INTO t_nrt VALUES (1, " + tc.literal + ")")
			row := c.firstRowAsked("SELECT c FROM t_nrt",
				sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: tc.column, EncodedLength: 2048})
			if n := int(binary.BigEndian.Uint32(row)); n != len(row)-4 {
				t.Fatalf("length %d for %d bytes", n, len(row)-4)
			}
			s, null, err := (&conn{cs: utf8Charset{}}).decodeTreeBinary(row[4:])
			if err != nil {
				t.Fatalf("decoding the reply: %v", err)
			}
			if null {
				if tc.literal != "NULL" {
					t.Fatalf("read as NULL")
				}
				return
			}
			// The decoded text, stored as a second row, equals the first.
			if e := c.execErr("INSERT INTO t_nrt VALUES (2, ?)", bindString(s)); e != nil {
				t.Fatalf("storing the decoded %q: %+v", s, e)
			}
			_, rows := queryRows(t, c, "SELECT c FROM t_nrt ORDER BY id")
			if len(rows) != 2 || !bytes.Equal(rows[0], rows[1]) {
				t.Errorf("decoded as %q: stored\n %q\n %q", s, rows[0], rows[min(1, len(rows)-1)])
			}
		})
	}
	c.exec("DROP TABLE IF EXISTS t_nrt")
	c.exec("DROP ROW TYPE rt_out RESTRICT")
	c.exec("DROP ROW TYPE rt_in RESTRICT")
}

// A nested value too long for its i16 length cannot be sent in the binary
// form: the fetch fails with an error rather than a value JDBC would read
// wrongly, and the connection stays usable.
func TestNestedReplyTooLongRefused(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE t_nlong (c LIST(LIST(LVARCHAR NOT NULL) NOT NULL))")
	elems := make([]string, 40)
	for i := range elems {
		elems[i] = "'" + strings.Repeat("x", 2000) + "'"
	}
	c.exec("INSERT INTO t_nlong VALUES (LIST{LIST{" + strings.Join(elems, ",") + "}})")
	r := c.roundTrip(&sqli.Prepare{SQL: "SELECT c FROM t_nlong"}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		t.Fatalf("prepare: %+v", r.err)
	}
	id := &sqli.ID{StatementID: r.describe.StmtID}
	rt := &sqli.RetType{Direction: 1, Columns: []sqli.RetTypeColumn{{Type: sqli.TypeSendRecv, Owner: "informix", Name: "x", EncodedLength: 2048}}}
	r = c.roundTrip(id, &sqli.CurName{Name: "nl_c"}, rt, sqli.Open{}, id, &sqli.NFetch{BufSize: 4096})
	if r.err == nil {
		t.Fatalf("a nested value of 80,000 bytes was sent (%d tuples)", len(r.tuples))
	}
	c.roundTrip(id, sqli.Close{})
	c.roundTrip(id, sqli.Release{})
	if _, rows := queryRows(t, c, "SELECT CARDINALITY(c) FROM t_nlong"); len(rows) != 1 {
		t.Errorf("connection after the refusal: %d rows", len(rows))
	}
}

// A NULL BOOLEAN field goes as 01 00 00 00 00 and one byte more: JDBC
// binds it in 5 bytes (rbn_null_5 in testdata/jdbc15-row-binds.txt) but
// reads 6, the directory notwithstanding; in 5 the fields after it read
// shifted (a NULL BIGINT came back as 128). ifxtest's decoder reads both.
func TestRowNullBooleanFieldSentInSixBytes(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE t_rbool (r ROW(b BOOLEAN, z INTEGER))")
	c.exec("INSERT INTO t_rbool VALUES (ROW(NULL, 5))")
	row := c.firstRowAsked("SELECT r FROM t_rbool",
		sqli.RetTypeColumn{Type: sqli.TypeSendRecv, Owner: "informix", Name: "ROW(b boolean, z integer)", EncodedLength: 2048})
	want := []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 6, 0, 0, 0, 0}
	if !bytes.HasSuffix(row, want) {
		t.Fatalf("ROW(NULL, 5) data ends % x, want % x", row[max(0, len(row)-len(want)):], want)
	}
	s, _, err := (&conn{cs: utf8Charset{}}).decodeTreeBinary(row[4:])
	if err != nil || s != "ROW(NULL,5)" {
		t.Errorf("decoded %q, %v", s, err)
	}
	jdbc := append([]byte(nil), row[4:len(row)-len(want)]...)
	binary.BigEndian.PutUint32(jdbc[len(jdbc)-8:], 21)
	jdbc = append(jdbc, 1, 0, 0, 0, 0, 0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 5, 0, 0, 0, 0)
	if s, _, err := (&conn{cs: utf8Charset{}}).decodeTreeBinary(jdbc); err != nil || s != "ROW(NULL,5)" {
		t.Errorf("JDBC's 5-byte NULL BOOLEAN decoded %q, %v", s, err)
	}
}
