package engine

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// postTable is a table with a value of every kind the hoisted conversions
// meet, NULLs and values that overflow the narrower casts.
func postTable(t *testing.T, s *Session) {
	t.Helper()
	exec(t, s, "CREATE TABLE pt (k INTEGER, i INTEGER, f FLOAT, sf SMALLFLOAT, d DECIMAL(16,4), fd DECIMAL, s VARCHAR(40), c CHAR(10), "+
		"dt DATETIME YEAR TO FRACTION(3), dd DATE, m MONEY(8,2), b BIGINT)")
	rows := []string{
		"1, 1, 1.005, 2.5, 1.005, 0.125, 'abc', 'xy', DATETIME(2026-01-31 10:11:12.345) YEAR TO FRACTION(3), DATE('01/31/2026'), 12.34, 9000000000",
		"2, -7, -123.456, -0.1, -99.995, 1e20, 'a longer text than five', 'ten chars!', DATETIME(2024-02-29 23:59:59.999) YEAR TO FRACTION(3), DATE('02/29/2024'), -0.01, -1",
		"3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL",
		"4, 0, 0, 0, 0, 0, '', ' ', DATETIME(0001-01-01 00:00:00.000) YEAR TO FRACTION(3), DATE('01/01/0001'), 0, 0",
		"5, 99, 99.994999, 1e-5, 12345.6789, 123456789.123456789, 'ünïcödé texts', 'àé', DATETIME(9999-12-31 23:59:59.999) YEAR TO FRACTION(3), DATE('12/31/9999'), 999999.99, 2147483648",
		"6, 123456, 1e15, 3.4e38, 999999999999.9999, -0.000001, '12345', '1', DATETIME(2000-02-29 12:00:00.000) YEAR TO FRACTION(3), DATE('02/29/2000'), 1, 32768",
	}
	for _, r := range rows {
		exec(t, s, "INSERT INTO pt VALUES ("+r+")")
	}
}

// postResult is what a query gave: its rows up to an error and the error's
// code (0: none).
type postResult struct {
	rows [][]Value
	code int
	err  string
}

func postRun(t *testing.T, s *Session, q string) (postResult, *Stmt) {
	t.Helper()
	st, _, rows, err := run(s, q)
	r := postResult{rows: rows}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: %v", q, err)
		}
		r.code, r.err = e.SQLCode, e.Error()
	}
	return r, st
}

// The cursor's conversions give exactly what SQLite's calls of the same
// Go functions give: every value, NULL, type and error (code and the row
// it stops at). The reference runs each expression in a derived table,
// whose select list SQLite computes.
func TestHoistedConversionsMatchSQLite(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	postTable(t, s)
	exprs := []string{
		"CAST(i AS DECIMAL(5,2))", "CAST(f AS DECIMAL(12,2))", "CAST(d AS DECIMAL(8,1))", "CAST(fd AS DECIMAL(6,3))",
		"CAST(f AS DECIMAL)", "CAST(d AS MONEY(10,2))", "CAST(m AS DECIMAL(4,0))", "CAST(i * 1234 / 100 AS DECIMAL(12,2))",
		"CAST(f AS INTEGER)", "CAST(d AS SMALLINT)", "CAST(b AS INTEGER)", "CAST(f AS SMALLFLOAT)", "CAST(sf AS DECIMAL(10,5))",
		"CAST(s AS VARCHAR(5))", "CAST(s AS CHAR(8))", "CAST(c AS VARCHAR(3))", "CAST(s AS LVARCHAR(4))", "CAST('x' || s AS VARCHAR(4))",
		"CAST(i AS VARCHAR(3))", "CAST(f AS CHAR(6))", "CAST(d AS VARCHAR(30))", "CAST(s AS INTEGER)", "CAST(c AS DECIMAL(5,1))",
		"CAST(dt AS DATETIME YEAR TO DAY)", "CAST(dt AS DATE)", "CAST(dt AS DATETIME HOUR TO SECOND)", "CAST(dt AS VARCHAR(12))",
		"CAST(dd AS DATETIME YEAR TO DAY)", "CAST(i AS DATE)",
		"DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + i UNITS SECOND",
		"DATETIME(2026-01-31) YEAR TO DAY + i UNITS MONTH",
		"DATETIME(2026-01-01 00:00:00.000) YEAR TO FRACTION(3) + f UNITS SECOND",
		"DATETIME(9999-12-31) YEAR TO DAY + i UNITS DAY",
		"DATETIME(12:00) HOUR TO MINUTE + i UNITS MINUTE",
		"DATETIME(2026-01-01 00:00:00) YEAR TO SECOND - i UNITS YEAR",
		"i UNITS HOUR + DATETIME(2026-03-01 00) YEAR TO HOUR",
		"DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + CAST(i AS INTERVAL MINUTE(9) TO MINUTE)",
	}
	hoisted := 0
	for _, x := range exprs {
		for _, where := range []string{"", " WHERE k = 3"} {
			q := "SELECT k, " + x + " AS v FROM pt" + where
			got, st := postRun(t, s, q)
			want, ref := postRun(t, s, "SELECT * FROM (SELECT k, "+x+" AS v FROM pt"+where+")")
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s:\n got %v\nwant %v", q, got, want)
			}
			if st != nil && st.post != nil {
				hoisted++
			}
			// A hoisted conversion leaves one Go call out of the SQL.
			if st != nil && ref != nil && (strings.Count(st.sql, "ifx_") < strings.Count(ref.sql, "ifx_")) != (st.post != nil && st.post[1].kind != postNone) {
				t.Errorf("%s: %s", q, st.sql)
			}
		}
	}
	if hoisted < len(exprs) {
		t.Errorf("only %d of %d queries have their conversion applied by the cursor", hoisted, 2*len(exprs))
	}
	// All at once: the conversions run left to right in one row.
	var items []string
	for i, x := range exprs {
		items = append(items, fmt.Sprintf("%s AS v%d", x, i))
	}
	all := strings.Join(items, ", ")
	got, _ := postRun(t, s, "SELECT k, "+all+" FROM pt")
	want, _ := postRun(t, s, "SELECT * FROM (SELECT k, "+all+" FROM pt)")
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("all:\n got %v\nwant %v", got, want)
	}
}

// When SQLite computes the select list is part of what a client sees:
// the cursor converts only where that changes nothing.
func TestHoistedConversionsKeepSQLiteOrder(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	postTable(t, s)
	for _, tc := range []struct {
		name, q string
		rows    int // rows before the error
		code    int
	}{
		// SQLite fails a row at its first failing column: the cast's
		// -1226 comes before the division's -1202 right of it.
		{"left column fails first", "SELECT CAST(i AS DECIMAL(3,0)) AS a, 1 / (i - i) AS b FROM pt WHERE k = 6", 0, -1226},
		{"left column fails before the value right of it", "SELECT CAST(i AS DECIMAL(3,0)) AS a, CAST(1 / (i - i) AS DECIMAL(5,2)) AS b FROM pt WHERE k = 6", 0, -1226},
		{"left column fails first, later row", "SELECT CAST(i AS DECIMAL(3,0)) AS a, 1 / (i - 123456) AS b FROM pt WHERE k > 4", 1, -1226},
		// A sorter computes every row before returning the first.
		{"order by", "SELECT k, CAST(i AS DECIMAL(3,0)) AS v FROM pt ORDER BY k", 0, -1226},
		{"group by", "SELECT k, CAST(i AS DECIMAL(3,0)) AS v FROM pt GROUP BY k, i ORDER BY k", 0, -1226},
		{"union", "SELECT k, CAST(i AS DECIMAL(3,0)) AS v FROM pt UNION SELECT 0, 0 FROM pt", 0, -1226},
		// Rows come out as they are computed: the rows before the
		// failing one arrive.
		{"streamed", "SELECT k, CAST(i AS DECIMAL(3,0)) AS v FROM pt", 5, -1226},
	} {
		r, _ := postRun(t, s, tc.q)
		if len(r.rows) != tc.rows || r.code != tc.code {
			t.Errorf("%s: %s: %d rows then %d (%s), want %d rows then %d", tc.name, tc.q, len(r.rows), r.code, r.err, tc.rows, tc.code)
		}
	}
	// DISTINCT compares the converted values.
	got := query(t, s, "SELECT DISTINCT CAST(s AS VARCHAR(1)) FROM pt WHERE s <> ''")
	if len(got) != 3 {
		t.Errorf("DISTINCT of the casts: %v", got)
	}
}

// postSlow is the cursor's result without the fused steps: the SQL
// function's result, then fromStorage.
func postSlow(p *postConv, v any, t ifxType) (Value, error) {
	var r any
	var err error
	switch p.kind {
	case postCast:
		r, err = castValue(v, p.from, p.to)
	case postDTAdd:
		r, err = dtAddValue(p.base, v, p.dt, p.iv)
	}
	if err != nil {
		return nil, err
	}
	return fromStorage(r, t)
}

// postFast is what Cursor.Next makes of it.
func postFast(p *postConv, v any, t ifxType) (Value, error) {
	r, final, err := p.apply(v, t, nil)
	if err != nil || final {
		return r, err
	}
	return fromStorage(r, t)
}

// A cast of a DECIMAL held as a float64 skips the stored value when it
// has at most 15 digits; the Value is the one the stored value gives,
// for any value, precision, scale and sign (negative zero included).
func TestHoistedDecimalCastSkipsStorage(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 5))
	types := []ifxType{tDecimal(32, 0xff), tDecimal(16, 0xff), tDecimal(5, 0xff), tDecimal(12, 2), tDecimal(5, 2), tDecimal(3, 0),
		tDecimal(32, 10), tDecimal(18, 4), tDecimal(16, 16), {code: TypeMoney, length: 8<<8 | 2}, {code: TypeMoney, length: 16<<8 | 4}}
	values := []float64{0, -0.001, 0.004, -0.005, 0.005, 1.005, 1e15, 999999999999999, 1e16 + 2, 123456789.123456789, -99.995,
		1e-20, 1e20, 1.7976931348623157e308, 5e-324, math.Inf(1), math.NaN(), 0.1 + 0.2, 2.675, 1234.5 / 100,
		0.125, -0.135, 0.5, 1.5, -2.5, 9.995, 99.5, 999.5, 999999999999.995, 99999999999999.9, 999999999999999, 1e-15, 9.99e-16,
		0.0049999999999999, 0.004999999999999999, 123456.785, -1234567890.125}
	for range 4000 {
		switch rng.IntN(4) {
		case 3:
			// Near a half at some scale, within a few units of the 15th
			// digit, where rounding x itself and its 15 digits differ.
			sc := math.Pow(10, float64(rng.IntN(8)))
			h := (float64(rng.Int64N(2e9)-1e9) + 0.5) / sc
			values = append(values, h, h*(1+float64(rng.IntN(21)-10)*1e-15), h*(1+float64(rng.IntN(21)-10)*1e-13))
		case 0:
			values = append(values, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(30)-10)))
		case 1:
			values = append(values, float64(rng.Int64N(1e15))/math.Pow(10, float64(rng.IntN(16))))
		default:
			values = append(values, math.Float64frombits(rng.Uint64()))
		}
	}
	fused, fixed := 0, 0
	for _, x := range values {
		for _, from := range types[:4] {
			for _, to := range types {
				p := &postConv{kind: postCast, from: from, to: to}
				want, werr := postSlow(p, x, to)
				got, gerr := postFast(p, x, to)
				if fmt.Sprint(got, gerr) != fmt.Sprint(want, werr) {
					t.Fatalf("CAST(%v AS %v FROM %v): got %#v %v, want %#v %v", x, to, from, got, gerr, want, werr)
				}
				if _, final, _ := p.apply(x, to, nil); final {
					fused++
				}
				if _, ok, _ := decCastFloatFixed(x, from, to, to, nil); ok {
					fixed++
				}
			}
		}
	}
	if fused == 0 || fixed < len(values) {
		t.Fatalf("%d casts took the fused path, %d the integer one", fused, fixed)
	}
}

// DATETIME literal + INTERVAL gives the DateTime of its text, for both
// interval families, every qualifier and the range's edges.
func TestHoistedDatetimeAddSkipsStorage(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	bases := []struct {
		text string
		dt   ifxType
	}{
		{"2026-01-01 00:00:00", tDatetime(QYear, QSecond)},
		{"2026-01-31", tDatetime(QYear, QDay)},
		{"2024-02-29 23:59:59.999", tDatetime(QYear, 13)},
		{"9999-12-31 23:59:59.99999", tDatetime(QYear, 15)},
		{"0001-01-01 00", tDatetime(QYear, 6)},
		{"12:00", tDatetime(6, QMinute)},
	}
	ivs := []ifxType{tInterval(QSecond, QSecond, 9), tInterval(QDay, QDay, 9), tInterval(QYear, QMonth, 9), tInterval(QMonth, QMonth, 9), tInterval(QDay, 15, 9)}
	for range 3000 {
		for _, b := range bases {
			for _, iv := range ivs {
				var n any = rng.Int64N(2_000_000_000) - 1_000_000_000
				switch rng.IntN(4) {
				case 0:
					n = nil
				case 1:
					n = float64(rng.IntN(100)) / 3
				case 2:
					n = rng.Int64N(100) - 50
				}
				c := newDTAddConv(b.text, b.dt, iv)
				p := &c
				want, werr := postSlow(p, n, b.dt)
				got, gerr := postFast(p, n, b.dt)
				if fmt.Sprint(got, gerr) != fmt.Sprint(want, werr) {
					t.Fatalf("%s + %v %v: got %#v %v, want %#v %v", b.text, n, iv, got, gerr, want, werr)
				}
			}
		}
	}
}

// A cast between variable-length character types gives the text cut as
// the two steps cut it, multibyte characters included.
func TestHoistedCharCastSkipsStorage(t *testing.T) {
	types := []ifxType{tVarchar(1), tVarchar(5), tVarchar(32), tVarchar(255), tLvarchar(3), tLvarchar(2048), tChar(4), {code: TypeText}, tInteger()}
	texts := []string{"", "a", "abc", "abcdef", "name12345", "ünï", "ü", "日本語テキスト", "a\x80b", "tail   ", strings.Repeat("x", 300)}
	for _, s := range texts {
		for _, from := range types {
			for _, to := range types {
				p := &postConv{kind: postCast, from: from, to: to}
				want, werr := postSlow(p, s, to)
				got, gerr := postFast(p, s, to)
				if fmt.Sprintf("%#v %v", got, gerr) != fmt.Sprintf("%#v %v", want, werr) {
					t.Fatalf("CAST(%q AS %v FROM %v): got %#v %v, want %#v %v", s, to, from, got, gerr, want, werr)
				}
			}
		}
	}
}

// noFailSQL accepts only what SQLite computes without failing.
func TestNoFailSQL(t *testing.T) {
	for sql, want := range map[string]bool{
		`("g"."value" * 1000000000)`:                     true,
		`CAST(round(("g"."value") * 100000) AS INTEGER)`: true,
		`('name' || "g"."value")`:                        true,
		`'abs(' || "t"."abs("`:                           true,
		`ifx_div(1, "t"."i")`:                            false,
		`abs("t"."i")`:                                   false,
		`(SELECT "u"."x" FROM "u" AS "u")`:               false,
		`"t"."i" IN (1, 2)`:                              false,
		`?1`:                                             false,
		`'unterminated`:                                  false,
	} {
		if got := noFailSQL(sql); got != want {
			t.Errorf("noFailSQL(%s) = %v, want %v", sql, got, want)
		}
	}
}

// The DATETIME sum worked in units (dtAddFixed) gives dtAddValue's text
// and errors for every end qualifier, sums across the whole range and
// past its edges (-1267), leap days and sums that wrap int64; and the
// fetch100k shape takes it.
func TestHoistedDatetimeAddFixedMatchesTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 19))
	bases := []string{"2026-01-01 00:00:00.00000", "0001-01-01 00:00:00.00000", "9999-12-31 23:59:59.99999", "2000-02-29 12:34:56.78901", "1969-12-31 23:59:59.50000", "1600-03-01 00:00:00.00000"}
	ivs := []ifxType{tInterval(QSecond, QSecond, 9), tInterval(QDay, QDay, 9), tInterval(QDay, 15, 9), tInterval(QHour, QMinute, 9)}
	edges := []int64{0, 1, -1, 99999, 100000, -100000, 86400 * 100000, 315537897599 * 100000, -315537897599 * 100000, math.MaxInt64, math.MinInt64, math.MaxInt64 - 5, math.MinInt64 + 5}
	fixed := 0
	for _, end := range []int{QYear, QMonth, QDay, QHour, QMinute, QSecond, 11, 12, 13, 14, 15} {
		dt := tDatetime(QYear, end)
		for _, base := range bases {
			full, err := dtAddBase(base, QYear)
			if err != nil {
				t.Fatal(err)
			}
			text := full.extend(QYear, end).format()
			for _, iv := range ivs {
				c := newDTAddConv(text, dt, iv)
				if !c.plan.ok {
					t.Fatalf("%s %v: no plan", text, iv)
				}
				ns := append([]int64(nil), edges...)
				for range 300 {
					ns = append(ns, rng.Int64N(2*316_000_000_000*100000)-316_000_000_000*100000, rng.Int64N(1e12)-5e11, int64(rng.Uint64()))
				}
				for _, n := range ns {
					want, werr := postSlow(&c, n, dt)
					got, gerr := postFast(&c, n, dt)
					if fmt.Sprintf("%#v %v", got, gerr) != fmt.Sprintf("%#v %v", want, werr) {
						t.Fatalf("%s + %d %v (end %d): got %#v %v, want %#v %v", text, n, iv, end, got, gerr, want, werr)
					}
					if _, ok, _ := c.dtAddFixed(n, dt, nil); ok {
						fixed++
					}
				}
			}
		}
	}
	if fixed == 0 {
		t.Fatal("no sum took dtAddFixed")
	}
	// A base whose qualifier lacks the year (filled from the clock) or a
	// YEAR TO MONTH interval keeps dtAddValue.
	if c := newDTAddConv("12:00", tDatetime(QHour, QMinute), tInterval(QSecond, QSecond, 9)); c.plan.ok {
		t.Error("HOUR TO MINUTE base has a plan")
	}
	if c := newDTAddConv("2026-01-01", tDatetime(QYear, QDay), tInterval(QYear, QMonth, 9)); c.plan.ok {
		t.Error("YEAR TO MONTH interval has a plan")
	}
}
