package stdlib_test

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"math"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

const allTypesColumns = `(id INTEGER,
	c_smallint SMALLINT, c_int INTEGER, c_bigint BIGINT, c_int8 INT8,
	c_smallfloat SMALLFLOAT, c_float FLOAT, c_dec DECIMAL(12,2), c_money MONEY(8,2), c_bigdec DECIMAL(32,0),
	c_char CHAR(10), c_nchar NCHAR(10), c_varchar VARCHAR(20), c_nvarchar NVARCHAR(20), c_lvarchar LVARCHAR(100),
	c_bool BOOLEAN, c_date DATE, c_dt DATETIME YEAR TO FRACTION(5), c_dts DATETIME YEAR TO SECOND,
	c_hm DATETIME HOUR TO MINUTE, c_ids INTERVAL DAY(3) TO SECOND, c_iym INTERVAL YEAR(4) TO MONTH,
	c_notnull INTEGER NOT NULL)`

const allTypesInsert = `INSERT INTO sql_types VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func mustDec(t testing.TB, s string) ifxtype.Decimal {
	t.Helper()
	d, err := ifxtype.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func mustQual(t testing.TB, s string, interval bool) ifxtype.Qualifier {
	t.Helper()
	q, err := ifxtype.ParseQualifier(s, interval)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// myValuer is an application type with a driver.Valuer.
type myValuer struct{ n int }

func (v myValuer) Value() (driver.Value, error) { return int64(v.n * 10), nil }

type celsius float64 // a named type: database/sql's default conversion

var (
	tsVal  = time.Date(2026, 5, 4, 12, 34, 56, 789010000, time.UTC)
	dayVal = time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	ivDS   = 5*24*time.Hour + time.Hour + 2*time.Minute + 3*time.Second
)

// TestTypesRoundTrip sends every scalar type through database/sql and
// reads it back into typed destinations, then a row of NULLs into
// sql.Null* destinations.
func TestTypesRoundTrip(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "sql_types", allTypesColumns)

	big32, _ := new(big.Int).SetString("12345678901234567890123456789012", 10)
	hm, err := ifxtype.ParseDateTime("12:34", mustQual(t, "HOUR TO MINUTE", false))
	if err != nil {
		t.Fatal(err)
	}
	iym, err := ifxtype.ParseIntervalYM("2-06", mustQual(t, "YEAR(4) TO MONTH", true))
	if err != nil {
		t.Fatal(err)
	}
	money := mustDec(t, "123456.78")
	res, err := db.ExecContext(ctx, allTypesInsert, 1,
		int16(-12345), int32(-2147483647), int64(math.MaxInt64), int64(-9223372036854775807),
		float32(1.5), -2.25, mustDec(t, "-1234567890.12"), &money, big32,
		"abc", []byte("nch"), "varchar", "nvc", "lvarchar",
		true, dayVal, tsVal, tsVal,
		hm, ivDS, iym, myValuer{4})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		t.Errorf("RowsAffected %d, %v", n, err)
	}
	// NULL from every kind of nil: untyped nil, a nil pointer (database/sql's
	// default conversion), a NULL sql.Null* Valuer, a nil []byte.
	var nilInt *int
	if _, err := db.ExecContext(ctx, allTypesInsert, 2,
		nil, nilInt, sql.NullInt64{}, nil,
		sql.NullFloat64{}, nil, sql.Null[ifxtype.Decimal]{}, (*ifxtype.Decimal)(nil), (*big.Int)(nil),
		sql.NullString{}, []byte(nil), nil, nil, nil,
		sql.NullBool{}, sql.NullTime{}, nil, nil,
		nil, nil, nil, 0); err != nil {
		t.Fatal(err)
	}
	// Other Go types for the same columns: uint, named types, a Valuer
	// returning a value, IntervalDF, DateTime, *big.Rat.
	idf, err := ifxtype.NewIntervalDF(int64(26*3600+3*60+4), 0, mustQual(t, "DAY(3) TO SECOND", true))
	if err != nil {
		t.Fatal(err)
	}
	dts, err := ifxtype.ParseDateTime("2026-05-04 12:34:56", ifxtype.QualYearToSecond)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, allTypesInsert, 3,
		uint8(7), uint32(7), uint64(7), int(7),
		celsius(1.25), celsius(-3.5), "12.5", big.NewRat(7, 1), sql.NullInt64{Int64: 42, Valid: true},
		"x", "y", "z", "w", "v",
		sql.NullBool{Bool: false, Valid: true}, sql.NullTime{Time: dayVal, Valid: true}, dts, dts,
		"23:59", idf, "3-01", 9); err != nil {
		t.Fatal(err)
	}

	rows, err := db.QueryContext(ctx, "SELECT * FROM sql_types ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var (
		id               int
		si               int16
		i32              int32
		bi, i8           int64
		sf               float32
		f                float64
		d, m, bd         ifxtype.Decimal
		ch, nch, vc, nvc string
		lvc              []byte
		b                bool
		date, dt, dtsv   time.Time
		hmv              time.Time
		ids              time.Duration
		iymv             ifxtype.IntervalYM
		notNull          int
		check            = func(name string, got, want any) {
			t.Helper()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s = %#v, want %#v", name, got, want)
			}
		}
	)
	dest := []any{&id, &si, &i32, &bi, &i8, &sf, &f, &d, &m, &bd, &ch, &nch, &vc, &nvc, &lvc, &b, &date, &dt, &dtsv, &hmv, &ids, &iymv, &notNull}
	if !rows.Next() {
		t.Fatal("no row 1", rows.Err())
	}
	if err := rows.Scan(dest...); err != nil {
		t.Fatal(err)
	}
	check("smallint", si, int16(-12345))
	check("int", i32, int32(-2147483647))
	check("bigint", bi, int64(math.MaxInt64))
	check("int8", i8, int64(-9223372036854775807))
	check("smallfloat", sf, float32(1.5))
	check("float", f, -2.25)
	check("decimal", d.String(), "-1234567890.12")
	check("money", m.String(), "123456.78")
	check("decimal(32)", bd.String(), big32.String())
	check("char", ch, "abc       ")
	check("nchar", nch, "nch       ")
	check("varchar", vc, "varchar")
	check("nvarchar", nvc, "nvc")
	check("lvarchar", string(lvc), "lvarchar")
	check("bool", b, true)
	check("date", date, dayVal)
	check("datetime f5", dt, tsVal)
	check("datetime s", dtsv, tsVal.Truncate(time.Second))
	check("datetime hm", hmv, time.Date(1, 1, 1, 12, 34, 0, 0, time.UTC)) // the base date fills the missing fields
	check("interval ds", ids, ivDS)
	check("interval ym", iymv.String(), "2-06")
	check("valuer", notNull, 40)

	// The same row into other destinations: strings, float64, any,
	// sql.RawBytes, big.Int via string.
	var (
		decStr, anyDec, anyTS, anyIV, anyIYM, anyStr any
		s                                            string
		ff                                           float64
		raw                                          sql.RawBytes
		i64                                          int64
	)
	var sk any
	if err := rows.Scan(&i64, &sk, &s, &sk, &sk, &sk, &sk, &decStr, &ff, &sk, &raw, &sk, &anyStr, &sk, &sk, &sk, &sk, &sk, &anyTS, &sk, &anyIV, &anyIYM, &anyDec); err != nil {
		t.Fatal(err)
	}
	check("id as int64", i64, int64(1))
	check("int as string", s, "-2147483647")
	check("decimal as any", decStr, "-1234567890.12")
	check("money as float64", ff, 123456.78)
	check("char as RawBytes", string(raw), "abc       ")
	check("varchar as any", anyStr, "varchar")
	check("datetime as any", anyTS, tsVal.Truncate(time.Second))
	check("interval as any", anyIV, ivDS)
	check("interval ym as any", anyIYM, iymv)
	check("int as any", anyDec, int64(40))

	// Row 2: NULLs.
	if !rows.Next() {
		t.Fatal("no row 2", rows.Err())
	}
	var (
		nsi   sql.NullInt16
		ni32  sql.NullInt32
		nbi   sql.NullInt64
		ni8   sql.Null[int64]
		nsf   sql.Null[float32]
		nf    sql.NullFloat64
		nd    sql.Null[ifxtype.Decimal]
		nm    sql.NullString
		nbd   sql.Null[ifxtype.Decimal]
		nchr  sql.NullString
		nnch  sql.NullString
		nvch  sql.NullString
		nnvc  sql.NullString
		nlvc  []byte
		nb    sql.NullBool
		ndate sql.NullTime
		ndt   sql.NullTime
		ndts  *time.Time
		nhm   sql.NullTime
		nids  sql.Null[time.Duration]
		niym  sql.Null[ifxtype.IntervalYM]
		nnn   sql.NullInt64
	)
	ndts = &tsVal
	nlvc = []byte("not nil")
	if err := rows.Scan(&id, &nsi, &ni32, &nbi, &ni8, &nsf, &nf, &nd, &nm, &nbd, &nchr, &nnch, &nvch, &nnvc, &nlvc, &nb, &ndate, &ndt, &ndts, &nhm, &nids, &niym, &nnn); err != nil {
		t.Fatal(err)
	}
	for name, valid := range map[string]bool{
		"smallint": nsi.Valid, "int": ni32.Valid, "bigint": nbi.Valid, "int8": ni8.Valid, "smallfloat": nsf.Valid,
		"float": nf.Valid, "decimal": nd.Valid, "money": nm.Valid, "decimal(32)": nbd.Valid, "char": nchr.Valid,
		"nchar": nnch.Valid, "varchar": nvch.Valid, "nvarchar": nnvc.Valid, "bool": nb.Valid, "date": ndate.Valid,
		"datetime": ndt.Valid, "datetime hm": nhm.Valid, "interval": nids.Valid, "interval ym": niym.Valid,
		"lvarchar": nlvc != nil, "datetime s": ndts != nil,
	} {
		if valid {
			t.Errorf("%s: NULL scanned as a value", name)
		}
	}
	if !nnn.Valid || nnn.Int64 != 0 {
		t.Errorf("not null column: %+v", nnn)
	}
	// NULL into a plain destination is an error, as database/sql defines.
	var plain int
	if err := rows.Scan(&id, &plain, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk, &sk); err == nil {
		t.Error("NULL scanned into an int")
	}

	// Row 3: the other argument types.
	if !rows.Next() {
		t.Fatal("no row 3", rows.Err())
	}
	if err := rows.Scan(dest...); err != nil {
		t.Fatal(err)
	}
	check("uint8", si, int16(7))
	check("named float", sf, float32(1.25))
	check("named float64", f, -3.5)
	check("decimal from string", d.String(), "12.50")
	check("money from big.Rat", m.String(), "7.00")
	check("valuer in decimal", bd.String(), "42")
	check("bool false", b, false)
	check("datetime from DateTime", dtsv, tsVal.Truncate(time.Second))
	check("hm from string", hmv, time.Date(1, 1, 1, 23, 59, 0, 0, time.UTC))
	check("interval from IntervalDF", ids, 24*time.Hour+2*time.Hour+3*time.Minute+4*time.Second)
	check("interval ym from string", iymv.String(), "3-01")
	if rows.Next() {
		t.Error("a fourth row")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestColumnTypes checks every RowsColumnType* interface through
// sql.ColumnType, and that a value of each ScanType scans the column.
func TestColumnTypes(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "sql_types", allTypesColumns)
	hm, _ := ifxtype.ParseDateTime("12:34", mustQual(t, "HOUR TO MINUTE", false))
	iym, _ := ifxtype.ParseIntervalYM("2-06", mustQual(t, "YEAR(4) TO MONTH", true))
	if _, err := db.ExecContext(ctx, allTypesInsert, 1,
		int16(1), 2, 3, 4, float32(5), 6.5, "7.25", "8.5", "9", "a", "b", "c", "d", "e",
		true, dayVal, tsVal, tsVal, hm, ivDS, iym, 10); err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, "SELECT * FROM sql_types")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	const none = -2 // "not reported"
	want := []struct {
		name, dbType string
		length       int64
		prec, scale  int64
		scan         any
	}{
		{"id", "INTEGER", none, none, none, int32(0)},
		{"c_smallint", "SMALLINT", none, none, none, int16(0)},
		{"c_int", "INTEGER", none, none, none, int32(0)},
		{"c_bigint", "BIGINT", none, none, none, int64(0)},
		{"c_int8", "INT8", none, none, none, int64(0)},
		{"c_smallfloat", "SMALLFLOAT", none, none, none, float32(0)},
		{"c_float", "FLOAT", none, none, none, float64(0)},
		{"c_dec", "DECIMAL", none, 12, 2, ifxtype.Decimal{}},
		{"c_money", "MONEY", none, 8, 2, ifxtype.Decimal{}},
		{"c_bigdec", "DECIMAL", none, 32, 0, ifxtype.Decimal{}},
		{"c_char", "CHAR", 10, none, none, ""},
		{"c_nchar", "NCHAR", 10, none, none, ""},
		{"c_varchar", "VARCHAR", 20, none, none, ""},
		{"c_nvarchar", "NVARCHAR", 20, none, none, ""},
		{"c_lvarchar", "LVARCHAR", 100, none, none, ""},
		{"c_bool", "BOOLEAN", none, none, none, false},
		{"c_date", "DATE", none, none, none, time.Time{}},
		{"c_dt", "DATETIME YEAR TO FRACTION(5)", none, none, none, time.Time{}},
		{"c_dts", "DATETIME YEAR TO SECOND", none, none, none, time.Time{}},
		{"c_hm", "DATETIME HOUR TO MINUTE", none, none, none, time.Time{}},
		{"c_ids", "INTERVAL DAY(3) TO SECOND", none, none, none, time.Duration(0)},
		{"c_iym", "INTERVAL YEAR(4) TO MONTH", none, none, none, ifxtype.IntervalYM{}},
		{"c_notnull", "INTEGER", none, none, none, int32(0)},
	}
	if len(cts) != len(want) {
		t.Fatalf("%d columns", len(cts))
	}
	for i, ct := range cts {
		w := want[i]
		if ct.Name() != w.name || ct.DatabaseTypeName() != w.dbType {
			t.Errorf("column %d: %s %q, want %s %q", i, ct.Name(), ct.DatabaseTypeName(), w.name, w.dbType)
		}
		if l, ok := ct.Length(); (ok && l != w.length) || (!ok && w.length != none) {
			t.Errorf("%s: Length %d %v, want %d", w.name, l, ok, w.length)
		}
		if p, s, ok := ct.DecimalSize(); (ok && (p != w.prec || s != w.scale)) || (!ok && w.prec != none) {
			t.Errorf("%s: DecimalSize %d,%d %v, want %d,%d", w.name, p, s, ok, w.prec, w.scale)
		}
		nullable, ok := ct.Nullable()
		if !ok || nullable != (w.name != "c_notnull") {
			t.Errorf("%s: Nullable %v %v", w.name, nullable, ok)
		}
		if got := ct.ScanType(); got != reflect.TypeOf(w.scan) {
			t.Errorf("%s: ScanType %v, want %T", w.name, got, w.scan)
		}
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	dest := make([]any, len(cts))
	for i, ct := range cts {
		dest[i] = reflect.New(ct.ScanType()).Interface()
	}
	if err := rows.Scan(dest...); err != nil {
		t.Fatalf("scan into the ScanTypes: %v", err)
	}
	if got := *dest[7].(*ifxtype.Decimal); got.String() != "7.25" {
		t.Errorf("decimal %s", got)
	}
	if got := *dest[20].(*time.Duration); got != ivDS {
		t.Errorf("interval %v", got)
	}
	if got := *dest[21].(*ifxtype.IntervalYM); got != iym {
		t.Errorf("interval ym %v", got)
	}

	// Expressions and a floating DECIMAL.
	var dummy any
	r2, err := db.QueryContext(ctx, "SELECT COUNT(*), CAST(1.5 AS DECIMAL(10)), CAST(NULL AS VARCHAR(10)) FROM systables WHERE tabid = 1")
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	cts, _ = r2.ColumnTypes()
	if p, s, ok := cts[1].DecimalSize(); !ok || p != 10 || s != -1 {
		t.Errorf("floating decimal: %d,%d %v", p, s, ok)
	}
	for r2.Next() {
		if err := r2.Scan(&dummy, &dummy, &dummy); err != nil {
			t.Fatal(err)
		}
	}
	if err := r2.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestByteText: BYTE and TEXT through database/sql: bound as ifxtype.Byte
// and ifxtype.Text, scanned into []byte, string and any.
func TestByteText(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	db.ExecContext(ctx, "DROP TABLE bt")
	if _, err := db.ExecContext(ctx, "CREATE TABLE bt (id INTEGER, b BYTE, t TEXT)"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.ExecContext(context.Background(), "DROP TABLE bt") })
	big := bytes.Repeat([]byte{0, 1, 2, 0xfe}, 20000)
	if _, err := db.ExecContext(ctx, "INSERT INTO bt VALUES (?, ?, ?)", 1, ifxtype.Byte(big), ifxtype.Text("text")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO bt VALUES (?, ?, ?)", 2, ifxtype.Byte(nil), nil); err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, "SELECT b, t FROM bt ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types, _ := rows.ColumnTypes()
	if types[0].DatabaseTypeName() != "BYTE" || types[1].DatabaseTypeName() != "TEXT" ||
		types[0].ScanType() != reflect.TypeFor[[]byte]() || types[1].ScanType() != reflect.TypeFor[string]() {
		t.Errorf("column types %s %v, %s %v", types[0].DatabaseTypeName(), types[0].ScanType(), types[1].DatabaseTypeName(), types[1].ScanType())
	}
	check := func(wantB []byte, wantT any) {
		t.Helper()
		if !rows.Next() {
			t.Fatal(rows.Err())
		}
		var b []byte
		var tx any
		if err := rows.Scan(&b, &tx); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, wantB) || (b == nil) != (wantB == nil) || tx != wantT {
			t.Errorf("BYTE %d bytes, TEXT %#v", len(b), tx)
		}
	}
	check(big, "text")
	check(nil, nil)
}
