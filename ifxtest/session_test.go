package ifxtest

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Bind helpers, shaped as IBM's JDBC driver and informix-driver send them.
func bindInt(v int32) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeInt, Prec: 0x0a00, Data: sqli.AppendInt32(nil, v)}
}
func bindBigInt(v int64) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeBigInt, Prec: 0x1300, Data: sqli.AppendInt64(nil, v)}
}
func bindString(s string) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeChar, Data: append(sqli.AppendInt16(nil, int16(len(s))), s...)}
}
func bindFloat(f float64) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeFloat, Data: sqli.AppendInt64(nil, int64(math.Float64bits(f)))}
}
func bindBool(b bool) sqli.BindValue {
	v := byte(0)
	if b {
		v = 1
	}
	return sqli.BindValue{Type: sqli.TypeBool, TypeName: "boolean", Prec: 1, Data: []byte{0, 0, 0, 1, v}}
}
func bindNull(t sqli.TypeCode) sqli.BindValue {
	return sqli.BindValue{Type: t, Indicator: sqli.IndicatorNull}
}
func bindDecimal(t testing.TB, s string) sqli.BindValue {
	d, err := ifxtype.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	packed := ifxtype.AppendDecimalBind(nil, d)
	return sqli.BindValue{Type: sqli.TypeDecimal, Prec: int16(d.Scale()), Data: append(sqli.AppendInt16(nil, int16(len(packed))), packed...)}
}
func bindDate(t time.Time) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeDate, Data: sqli.AppendInt32(nil, ifxtype.DateToDayNumber(t))}
}
func bindDateTime(t testing.TB, lit string, qual string) sqli.BindValue {
	q, err := ifxtype.ParseQualifier(qual, false)
	if err != nil {
		t.Fatal(err)
	}
	dt, err := ifxtype.ParseDateTime(lit, q)
	if err != nil {
		t.Fatal(err)
	}
	packed := ifxtype.AppendDateTimeWire(nil, dt)
	return sqli.BindValue{Type: sqli.TypeDateTime, Prec: int16(q), Data: append(sqli.AppendInt16(nil, int16(len(packed))), packed...)}
}
func bindInterval(t testing.TB, lit string, qual string) sqli.BindValue {
	q, err := ifxtype.ParseQualifier(qual, true)
	if err != nil {
		t.Fatal(err)
	}
	var packed []byte
	if q.IsYearMonth() {
		v, err := ifxtype.ParseIntervalYM(lit, q)
		if err != nil {
			t.Fatal(err)
		}
		packed, err = ifxtype.AppendIntervalYMWire(nil, v)
		if err != nil {
			t.Fatal(err)
		}
	} else {
		v, err := ifxtype.ParseIntervalDF(lit, q)
		if err != nil {
			t.Fatal(err)
		}
		packed, err = ifxtype.AppendIntervalDFWire(nil, v)
		if err != nil {
			t.Fatal(err)
		}
	}
	return sqli.BindValue{Type: sqli.TypeInterval, Prec: int16(q), Data: append(sqli.AppendInt16(nil, int16(len(packed))), packed...)}
}

const allTypesDDL = `CREATE TABLE alltypes (
	id SERIAL NOT NULL,
	si SMALLINT, i INTEGER, bi BIGINT, i8 INT8,
	sf SMALLFLOAT, f FLOAT,
	d DECIMAL(16,4), m MONEY(12,2),
	c CHAR(10), nc NCHAR(6), vc VARCHAR(40), nvc NVARCHAR(20), lvc LVARCHAR(500),
	b BOOLEAN, dt DATE,
	ts DATETIME YEAR TO FRACTION(5), hm DATETIME HOUR TO MINUTE,
	ids INTERVAL DAY(3) TO SECOND, iym INTERVAL YEAR(4) TO MONTH,
	PRIMARY KEY (id))`

// A full session with sqli client-side messages only: login, open testdb,
// a table with every scalar type, inserts with parameters including NULLs,
// a select through several NFETCH batches, transactions and errors.
func TestFullSession(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	r := c.openDB("testdb")
	if r.err != nil || r.done == nil {
		t.Fatalf("DBOPEN testdb: %+v", r)
	}
	if r.done.Warnings&(sqli.DBWarnLogged|sqli.DBWarnInformix) != sqli.DBWarnLogged|sqli.DBWarnInformix {
		t.Errorf("testdb warnings %#x: want logged", r.done.Warnings)
	}
	c.exec(allTypesDDL)

	insert := "INSERT INTO alltypes VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	day := time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	type row []sqli.BindValue
	rows := []row{
		{bindInt(-32767), bindInt(-2147483647), bindBigInt(math.MaxInt64), bindBigInt(-(1 << 40)),
			bindFloat(1.5), bindFloat(-2.25e300), bindDecimal(t, "-123456789012.3456"), bindDecimal(t, "1234567890.12"),
			bindString("abc"), bindString("ñandú"), bindString("hello, world"), bindString("日本語"), bindString(strings.Repeat("x", 300)),
			bindBool(true), bindDate(day),
			bindDateTime(t, "2026-05-04 12:34:56.78901", "YEAR TO FRACTION(5)"), bindDateTime(t, "23:59", "HOUR TO MINUTE"),
			bindInterval(t, "-5 01:02:03", "DAY(3) TO SECOND"), bindInterval(t, "2-06", "YEAR(4) TO MONTH")},
		{bindNull(sqli.TypeSmallInt), bindNull(sqli.TypeInt), bindNull(sqli.TypeBigInt), bindNull(sqli.TypeBigInt),
			bindNull(sqli.TypeFloat), bindNull(sqli.TypeFloat), bindNull(sqli.TypeDecimal), bindNull(sqli.TypeDecimal),
			bindNull(sqli.TypeChar), bindNull(sqli.TypeChar), bindNull(sqli.TypeChar), bindNull(sqli.TypeChar), bindNull(sqli.TypeChar),
			bindNull(sqli.TypeBool), bindNull(sqli.TypeDate),
			bindNull(sqli.TypeDateTime), bindNull(sqli.TypeDateTime), bindNull(sqli.TypeInterval), bindNull(sqli.TypeInterval)},
	}
	want := [][]any{
		{int64(1), int64(-32767), int64(-2147483647), int64(math.MaxInt64), int64(-(1 << 40)), 1.5, -2.25e300,
			"-123456789012.3456", "1234567890.12", "abc       ", "ñandú", "hello, world", "日本語", strings.Repeat("x", 300),
			true, "2026-05-04", "2026-05-04 12:34:56.78901", "23:59", "-5 01:02:03", "2-06"},
		{int64(2), nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
	}
	// "ñandú" is 7 bytes in UTF-8: NCHAR(6) holds bytes, so it is cut.
	want[0][10] = nil
	rows[0][9] = bindString("ñan")
	want[0][10] = "ñan  "

	for i, rw := range rows {
		if e := c.execErr(insert, rw...); e != nil {
			t.Fatalf("insert %d: SQLCODE %d near %q", i, e.SQLCode, e.Near)
		}
	}
	// 1,000 more rows so that the select needs several fetch buffers.
	r = c.roundTrip(&sqli.Prepare{NumParams: 2, SQL: "INSERT INTO alltypes (id, i, vc) VALUES (0, ?, ?)"}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		t.Fatal(r.err)
	}
	id := &sqli.ID{StatementID: r.describe.StmtID}
	for i := range 1000 {
		r = c.roundTrip(id, &sqli.Bind{Values: []sqli.BindValue{bindInt(int32(i)), bindString(fmt.Sprint("row ", i))}}, sqli.Execute{})
		if r.err != nil || r.done == nil || r.done.Rows != 1 || r.done.Serial != int32(i+3) {
			t.Fatalf("insert %d: %+v done %+v", i, r.err, r.done)
		}
	}
	c.roundTrip(id, sqli.Release{})

	d, got, fetches, err := c.query("SELECT * FROM alltypes ORDER BY id", 4096)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1002 {
		t.Fatalf("%d rows, want 1002", len(got))
	}
	if fetches < 5 {
		t.Errorf("1002 rows came in %d fetches of 4096 bytes", fetches)
	}
	if len(d.Columns) != 20 || d.Columns[0].Type != sqli.TypeSerial|sqli.TypeNotNull || d.Columns[0].Name != "id" {
		t.Fatalf("describe %+v", d.Columns)
	}
	for i := range 2 {
		vals, err := decodeRow(d, got[i])
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		for j := range vals {
			if !reflect.DeepEqual(vals[j], want[i][j]) {
				t.Errorf("row %d column %s = %#v, want %#v", i, d.Columns[j].Name, vals[j], want[i][j])
			}
		}
	}
	last, err := decodeRow(d, got[1001])
	if err != nil || last[0] != int64(1002) || last[2] != int64(999) || last[11] != "row 999" {
		t.Errorf("last row %v %v", last, err)
	}

	// Transactions: rollback hides, commit keeps.
	c.roundTrip(sqli.Begin{})
	c.exec("INSERT INTO alltypes (id, i) VALUES (0, -1)")
	if r := c.roundTrip(&sqli.Rollback{}); r.err != nil {
		t.Fatal(r.err)
	}
	if n := countRows(t, c, "SELECT COUNT(*) FROM alltypes WHERE i = -1"); n != "0" {
		t.Errorf("after rollback: %s rows", n)
	}
	c.roundTrip(sqli.Begin{})
	c.exec("INSERT INTO alltypes (id, i) VALUES (0, -1)")
	if r := c.roundTrip(sqli.CommitWork{}); r.err != nil {
		t.Fatal(r.err)
	}
	if n := countRows(t, c, "SELECT COUNT(*) FROM alltypes WHERE i = -1"); n != "1" {
		t.Errorf("after commit: %s rows", n)
	}
	if r := c.roundTrip(sqli.CommitWork{}); r.err == nil || r.err.SQLCode != -255 {
		t.Errorf("COMMIT without a transaction: %+v", r.err)
	}

	// Every common error, produced by a real statement; the connection
	// stays usable after each.
	c.exec("CREATE TABLE uniq (k INT NOT NULL, v VARCHAR(10), PRIMARY KEY (k))")
	c.exec("INSERT INTO uniq VALUES (1, 'one')")
	c.exec("CREATE TABLE uidx (k INT, v VARCHAR(10))")
	c.exec("CREATE UNIQUE INDEX uidx_k ON uidx (k)")
	c.exec("INSERT INTO uidx VALUES (1, 'one')")
	if e := c.execErr("INSERT INTO uidx VALUES (1, 'again')"); e == nil || e.SQLCode != -239 {
		t.Errorf("unique index violation: %+v, want -239", e)
	}
	errs := []struct {
		sql  string
		code int32
		near string
	}{
		{"SELEC 1 FROM systables", -201, ""},
		{"SELECT * FROM no_such_table", -206, "no_such_table"},
		{"SELECT no_such_column FROM systables", -217, "no_such_column"},
		{"INSERT INTO uniq VALUES (1, 'again')", -268, "uniq"},
		{"INSERT INTO uniq VALUES (NULL, 'null')", -391, "uniq.k"},
		{"INSERT INTO uniq VALUES ('abc', 'conv')", -1213, ""},
	}
	for _, e := range errs {
		got := c.execErr(e.sql)
		if got == nil || got.SQLCode != e.code || (e.near != "" && !strings.Contains(got.Near, e.near)) {
			t.Errorf("%s: got %+v, want SQLCODE %d near %q", e.sql, got, e.code, e.near)
		}
		if n := countRows(t, c, "SELECT COUNT(*) FROM uniq"); n != "1" {
			t.Errorf("after %q: %s rows in uniq", e.sql, n)
		}
	}
}

func countRows(t *testing.T, c *wireClient, sql string) string {
	t.Helper()
	d, rows, _, err := c.query(sql, 4096)
	if err != nil || len(rows) != 1 {
		t.Fatalf("%s: %v (%d rows)", sql, err, len(rows))
	}
	v, err := decodeRow(d, rows[0])
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(v[0])
}
