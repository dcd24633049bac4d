package ifxtest

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// queryRows runs sql on a fresh session of srv's testdb after setup and
// returns the describe and the raw tuples.
func queryRows(t *testing.T, c *wireClient, sql string, binds ...sqli.BindValue) (*sqli.Describe, [][]byte) {
	t.Helper()
	d, rows, _, err := c.query(sql, 4096, binds...)
	if err != nil {
		t.Fatalf("%s: %v (SQLCODE %d)", sql, err, sqlCode(err))
	}
	return d, rows
}

func loginTestDB(t *testing.T) *wireClient {
	t.Helper()
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	return c
}

// A floating DECIMAL(p) takes (p+4)/2 bytes in a tuple, as real servers
// send it (informix-driver reads DECIMAL(16) as 10 bytes); AVG's
// DECIMAL(32) takes 18. The start positions and the tuple agree.
func TestFloatingDecimalTupleWidth(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE w (a DECIMAL(16), b DECIMAL(15), c INT)")
	c.exec("INSERT INTO w VALUES (1234567.890123456, 1.5, 7)")
	d, rows := queryRows(t, c, "SELECT a, b, c FROM w")
	wantStart := []int32{0, 10, 19}
	for i, col := range d.Columns {
		if col.StartPos != wantStart[i] {
			t.Errorf("column %s starts at %d, want %d", col.Name, col.StartPos, wantStart[i])
		}
	}
	if d.TupleSize != 23 || len(rows) != 1 || len(rows[0]) != 23 {
		t.Fatalf("tuple size %d, rows %d of %d bytes; want one of 23", d.TupleSize, len(rows), len(rows[0]))
	}
	v, err := decodeRow(d, rows[0])
	if err != nil || v[0] != "1234567.890123456" || v[1] != "1.5" || v[2] != int64(7) {
		t.Fatalf("row %v, %v", v, err)
	}

	d, rows = queryRows(t, c, "SELECT AVG(c), c FROM w GROUP BY c")
	if col := d.Columns[0]; col.Type.Base() != sqli.TypeDecimal || col.EncodedLength != 32<<8|0xff {
		t.Fatalf("AVG described as %v/%#x, want DECIMAL(32)", col.Type, col.EncodedLength)
	}
	if d.Columns[1].StartPos != 18 || d.TupleSize != 22 || len(rows) != 1 || len(rows[0]) != 22 {
		t.Fatalf("AVG width: next column at %d, tuple size %d, rows %d", d.Columns[1].StartPos, d.TupleSize, len(rows))
	}
}

// DATE binds and fetches carry the whole IDS range, 0001-01-01 (day
// -693594) to 9999-12-31 (day 2958464), and SQL text agrees with them.
func TestDateRangeOnTheWire(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE dr (id INT, d DATE)")
	bindDate := func(n int32) sqli.BindValue {
		return sqli.BindValue{Type: sqli.TypeDate, Data: sqli.AppendInt32(nil, n)}
	}
	for i, n := range []int32{-693594, 2958464} {
		if e := c.execErr("INSERT INTO dr VALUES (?, ?)", bindInt(int32(i)), bindDate(n)); e != nil {
			t.Fatalf("insert day %d: SQLCODE %d", n, e.SQLCode)
		}
	}
	c.exec("INSERT INTO dr VALUES (2, MDY(1, 1, 1))")
	c.exec("INSERT INTO dr VALUES (3, '9999-12-31')")
	d, rows := queryRows(t, c, "SELECT d, YEAR(d) FROM dr ORDER BY id")
	want := []int32{-693594, 2958464, -693594, 2958464}
	if len(rows) != len(want) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		v, err := decodeRow(d, r)
		if err != nil {
			t.Fatal(err)
		}
		if got := int32(binary.BigEndian.Uint32(r)); got != want[i] {
			t.Errorf("row %d: day %d (%v), want %d", i, got, v, want[i])
		}
	}
}

// 1.23E+123 lies inside IBM's DECIMAL range and comes back over the wire.
func TestFloatingDecimalRangeOnTheWire(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE fd (d DECIMAL(32))")
	c.exec("INSERT INTO fd VALUES (1.23E+123)")
	c.exec("INSERT INTO fd VALUES (-1E-130)")
	d, rows := queryRows(t, c, "SELECT d FROM fd")
	var got []any
	for _, r := range rows {
		v, err := decodeRow(d, r)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v[0])
	}
	if len(got) != 2 || got[0] != "123"+strings.Repeat("0", 121) || got[1] != "-0."+strings.Repeat("0", 129)+"1" {
		t.Fatalf("got %v", got)
	}
	if e := c.execErr("INSERT INTO fd VALUES (1E+126)"); e == nil || e.SQLCode != -1226 {
		t.Fatalf("1E+126: %+v, want -1226", e)
	}
}

// FLOAT and SMALLFLOAT -0 travel back with their sign bit (IDS stores C
// doubles and floats).
func TestFloatNegativeZeroOnTheWire(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE nz (f FLOAT, sf SMALLFLOAT)")
	f := sqli.BindValue{Type: sqli.TypeFloat, Data: []byte{0x80, 0, 0, 0, 0, 0, 0, 0}}
	sf := sqli.BindValue{Type: sqli.TypeSmallFloat, Data: []byte{0x80, 0, 0, 0}}
	if e := c.execErr("INSERT INTO nz VALUES (?, ?)", f, sf); e != nil {
		t.Fatalf("insert: SQLCODE %d", e.SQLCode)
	}
	_, rows := queryRows(t, c, "SELECT f, sf FROM nz")
	if want := []byte{0x80, 0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0}; len(rows) != 1 || string(rows[0]) != string(want) {
		t.Fatalf("rows % x, want % x", rows, want)
	}
}

// DBDATE from the login environment decides how a DATE reads as text
// (informix-driver logs in with Y4MD- and expects '2026-08-31').
func TestDBDATEFromLogin(t *testing.T) {
	srv := NewServer(t)
	for _, tt := range []struct{ dbdate, want string }{{"Y4MD-", "2026-08-31"}, {"", "08/31/2026"}} {
		c := dialWire(t, srv.Addr())
		if tt.dbdate != "" {
			c.env = []sqli.EnvVar{{Name: "DBDATE", Value: tt.dbdate}}
		}
		c.login(sqli.JDBCOffer)
		c.openDB("testdb")
		d, rows := queryRows(t, c, "SELECT MDY(8, 31, 2026)::LVARCHAR FROM systables WHERE tabid = 1")
		v, err := decodeRow(d, rows[0])
		if err != nil || v[0] != tt.want {
			t.Errorf("DBDATE %q: %v, %v; want %q", tt.dbdate, v, err, tt.want)
		}
	}
}

// A DATETIME bound with digits beyond the column's qualifier is truncated,
// as IDS does: informix-driver binds YEAR TO FRACTION(5) carrying Python's
// sixth microsecond digit, into FRACTION(5) and YEAR TO SECOND columns.
func TestDateTimeBindTruncatesToQualifier(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE dtf (f5 DATETIME YEAR TO FRACTION(5), s DATETIME YEAR TO SECOND, f2 DATETIME YEAR TO FRACTION(2))")
	// 2026-08-31 12:30:15.999999 as informix-driver sends it: 20 digits
	// under a FRACTION(5) qualifier (19 digits).
	packed := []byte{0xc7, 20, 26, 8, 31, 12, 30, 15, 99, 99, 99}
	bv := sqli.BindValue{Type: sqli.TypeDateTime, Prec: 19<<8 | 15, Data: append([]byte{0, byte(len(packed))}, packed...)}
	if e := c.execErr("INSERT INTO dtf VALUES (?, ?, ?)", bv, bv, bv); e != nil {
		t.Fatalf("insert: SQLCODE %d near %q", e.SQLCode, e.Near)
	}
	d, rows := queryRows(t, c, "SELECT f5, s, f2 FROM dtf")
	v, err := decodeRow(d, rows[0])
	want := []any{"2026-08-31 12:30:15.99999", "2026-08-31 12:30:15", "2026-08-31 12:30:15.99"}
	if err != nil || len(v) != 3 || v[0] != want[0] || v[1] != want[1] || v[2] != want[2] {
		t.Fatalf("got %v, %v; want %v", v, err, want)
	}
}

// A VARCHAR(255) holds 255 characters of the 8859-1 code set, each one
// byte (the full range 0x20…0xFE round-trips for an 8859-1 client), and a
// UTF-8 client's value is cut at a character boundary.
func TestCharacterLengthsInDatabaseCodeSet(t *testing.T) {
	srv := NewServer(t)
	latin := make([]byte, 0, 0xff-0x20)
	for b := 0x20; b < 0xff; b++ {
		latin = append(latin, byte(b))
	}
	for _, locale := range []string{"en_US.8859-1", "en_US.utf8"} {
		c := dialWire(t, srv.Addr())
		c.env = []sqli.EnvVar{{Name: "CLIENT_LOCALE", Value: locale}, {Name: "DB_LOCALE", Value: "en_US.8859-1"}}
		c.login(sqli.JDBCOffer)
		c.openDB("testdb")
		c.exec("CREATE TEMP TABLE cs (v VARCHAR(255), c CHAR(4))")
		value := string(latin)
		if locale == "en_US.utf8" {
			value = strings.Repeat("é", 200) // 400 bytes in UTF-8
		}
		str := func(s string) sqli.BindValue {
			return sqli.BindValue{Type: sqli.TypeVarChar, Data: append(sqli.AppendInt16(nil, int16(len(s))), s...)}
		}
		if e := c.execErr("INSERT INTO cs VALUES (?, ?)", str(value), str(value)); e != nil {
			t.Fatalf("%s: insert: SQLCODE %d", locale, e.SQLCode)
		}
		d, rows := queryRows(t, c, "SELECT v, c FROM cs")
		v, err := decodeRow(d, rows[0])
		if err != nil {
			t.Fatal(err)
		}
		want := []any{value, value[:4]}
		if locale == "en_US.utf8" {
			want = []any{strings.Repeat("é", 127), "éé"}
		}
		if v[0] != want[0] || v[1] != want[1] {
			t.Errorf("%s: got %q, want %q", locale, v, want)
		}
	}
}

// A statement with more markers than ifxtest can bind is refused at
// PREPARE with -254 and the session goes on; the connection used to drop
// at 32,768 (the SQ_BIND count is an i16) and fail with -999 at 32,767.
func TestTooManyMarkersIsAnError(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE mp (i INT)")
	prepare := func(n int) *reply {
		sql := "SELECT i FROM mp WHERE i IN (" + strings.Repeat("?,", n-1) + "?)"
		return c.roundTrip(&sqli.Prepare{NumParams: int16(n), SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
	}
	for _, n := range []int{32767, 32768} {
		if r := prepare(n); r.err == nil || r.err.SQLCode != -254 {
			t.Fatalf("%d markers: %+v, want -254", n, r.err)
		}
		if _, rows := queryRows(t, c, "SELECT tabid FROM systables WHERE tabid = 1"); len(rows) != 1 {
			t.Fatalf("after %d markers: %d rows", n, len(rows))
		}
	}
	if r := prepare(32766); r.err != nil {
		t.Fatalf("32,766 markers: SQLCODE %d", r.err.SQLCode)
	}
}

// Character data is a C string to IDS: a bound value ends at its first
// NUL. "\x00abc" is stored as the empty string, so what the server holds
// and what a client reads agree; it used to be stored whole and its
// tuple, led by 00, read back as NULL.
func TestBoundNULEndsCharacterValue(t *testing.T) {
	c := loginTestDB(t)
	c.exec("CREATE TABLE nul (id INT, c CHAR(6), nc NCHAR(6), v VARCHAR(6), nv NVARCHAR(6), lv LVARCHAR(20))")
	str := func(s string) sqli.BindValue {
		return sqli.BindValue{Type: sqli.TypeChar, Data: append(sqli.AppendInt16(nil, int16(len(s))), s...)}
	}
	lvar := func(s string) sqli.BindValue {
		return sqli.BindValue{Type: sqli.TypeLVarChar, Data: append(sqli.AppendInt32(nil, int32(len(s))), s...)}
	}
	for i, s := range []string{"\x00", "\x00abc", "ab\x00cd"} {
		if e := c.execErr("INSERT INTO nul VALUES (?, ?, ?, ?, ?, ?)", bindInt(int32(i)), str(s), str(s), str(s), str(s), lvar(s)); e != nil {
			t.Fatalf("insert %q: SQLCODE %d", s, e.SQLCode)
		}
	}
	d, rows := queryRows(t, c, "SELECT c, nc, v, nv, lv, c IS NULL OR nc IS NULL OR v IS NULL OR nv IS NULL OR lv IS NULL FROM nul ORDER BY id")
	want := [][]any{
		{"      ", "      ", "", "", "", false},
		{"      ", "      ", "", "", "", false},
		{"ab    ", "ab    ", "ab", "ab", "ab", false},
	}
	for i, r := range rows {
		v, err := decodeRow(d, r)
		if err != nil {
			t.Fatal(err)
		}
		for j := range want[i] {
			if v[j] != want[i][j] {
				t.Errorf("row %d column %d: %#v, want %#v", i, j, v[j], want[i][j])
			}
		}
	}
}
