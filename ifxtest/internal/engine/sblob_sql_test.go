package engine

import (
	"context"
	"testing"
)

// TestLargeObjectColumnsInSQL: what SQL may do with BLOB and CLOB
// columns (IBM: IS [NOT] NULL and equality only; not in arithmetic,
// LIKE/MATCHES, GROUP BY, ORDER BY, DISTINCT or a UNION; LENGTH is not
// defined for them) and the errors for the rest.
func TestLargeObjectColumnsInSQL(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	ctx := context.Background()
	exec(t, s, "CREATE TABLE lobs (n INT, b BLOB, c CLOB, b2 BLOB)")
	loc, err := s.CreateLargeObject(ctx, XIDBlob)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.CreateLargeObject(ctx, XIDBlob)
	exec(t, s, "INSERT INTO lobs VALUES (1, ?, ?, ?)", loc, loc, loc)
	exec(t, s, "INSERT INTO lobs VALUES (2, ?, NULL, ?)", loc, other)
	exec(t, s, "INSERT INTO lobs VALUES (3, NULL, NULL, NULL)")

	ints := func(q string, args ...Value) []int64 {
		t.Helper()
		var out []int64
		for _, r := range query(t, s, q, args...) {
			out = append(out, r[0].(int64))
		}
		return out
	}
	eq(t, "IS NULL", ints("SELECT n FROM lobs WHERE c IS NULL ORDER BY n"), []int64{2, 3})
	eq(t, "IS NOT NULL", ints("SELECT n FROM lobs WHERE b IS NOT NULL ORDER BY n"), []int64{1, 2})
	eq(t, "= between columns", ints("SELECT n FROM lobs WHERE b = b2 ORDER BY n"), []int64{1})
	eq(t, "<> between columns", ints("SELECT n FROM lobs WHERE b <> b2 ORDER BY n"), []int64{2})
	eq(t, "= a bound locator", ints("SELECT n FROM lobs WHERE b2 = ? ORDER BY n", other), []int64{2})

	for _, c := range []struct {
		q    string
		code int
		near string
	}{
		{"SELECT LENGTH(b) FROM lobs", -674, "length"},
		{"SELECT OCTET_LENGTH(c) FROM lobs", -674, "octet_length"},
		{"SELECT CHAR_LENGTH(c) FROM lobs", -674, "char_length"},
		{"SELECT n FROM lobs WHERE b < b2", -674, "lessthan"},
		{"SELECT n FROM lobs WHERE b >= b2", -674, "greaterthanorequal"},
		{"SELECT n FROM lobs WHERE b = c", -674, "equal"},
		{"SELECT b + 1 FROM lobs", -674, "plus"},
		{"SELECT n FROM lobs WHERE c LIKE 'a%'", -674, "like"},
		{"SELECT n FROM lobs WHERE c MATCHES 'a*'", -674, "matches"},
		{"SELECT n FROM lobs ORDER BY b", -614, ""},
		{"SELECT n, c FROM lobs ORDER BY 2", -614, ""},
		{"SELECT n FROM lobs GROUP BY n, c", -612, ""},
		{"SELECT DISTINCT b FROM lobs", -613, ""},
		{"SELECT b FROM lobs UNION SELECT b2 FROM lobs", -9651, ""},
	} {
		err := wantErr(t, s, c.code, c.q)
		if err != nil && err.Near != c.near {
			t.Errorf("%s: near %q, want %q", c.q, err.Near, c.near)
		}
	}
}

// TestByteTextColumnsInSQL: what SQL may do with BYTE and TEXT columns
// (IBM's SQL Reference: IS [NOT] NULL is their one Boolean expression;
// not in arithmetic or string operations, aggregates, IN, LIKE/MATCHES,
// GROUP BY or ORDER BY; SQL Syntax: not in a set operation but UNION
// ALL; LENGTH is defined for them) and the errors for the rest, the
// clauses' codes the same as for BLOB and CLOB.
func TestByteTextColumnsInSQL(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE bt (n INT, b BYTE, x TEXT)")
	exec(t, s, "INSERT INTO bt VALUES (1, ?, ?)", []byte{0, 1, 2}, "text")
	exec(t, s, "INSERT INTO bt VALUES (2, NULL, NULL)")

	eq(t, "IS NULL", query(t, s, "SELECT n FROM bt WHERE x IS NULL"), [][]Value{{int64(2)}})
	eq(t, "IS NOT NULL", query(t, s, "SELECT n FROM bt WHERE b IS NOT NULL"), [][]Value{{int64(1)}})
	eq(t, "LENGTH", query(t, s, "SELECT LENGTH(b), LENGTH(x) FROM bt WHERE n = 1"), [][]Value{{int64(3), int64(4)}})
	eq(t, "UNION ALL", len(query(t, s, "SELECT x FROM bt UNION ALL SELECT x FROM bt")), 4)

	for _, c := range []struct {
		q    string
		code int
	}{
		{"SELECT n FROM bt ORDER BY b", -614},
		{"SELECT n, x FROM bt ORDER BY 2", -614},
		{"SELECT n FROM bt GROUP BY n, x", -612},
		{"SELECT DISTINCT b FROM bt", -613},
		{"SELECT UNIQUE x FROM bt", -613},
		{"SELECT x FROM bt UNION SELECT x FROM bt", -9651},
		{"SELECT b FROM bt UNION ALL SELECT b FROM bt UNION SELECT b FROM bt", -9651},
		{"SELECT n FROM bt WHERE x LIKE 't%'", -615},
		{"SELECT n FROM bt WHERE x MATCHES 't*'", -615},
		{"SELECT n FROM bt WHERE x = 'text'", -615},
		{"SELECT n FROM bt WHERE b = b", -615},
		{"SELECT n FROM bt WHERE x < 'u'", -615},
		{"SELECT n FROM bt WHERE x BETWEEN 'a' AND 'z'", -615},
		{"SELECT n FROM bt WHERE x IN ('text')", -615},
		{"SELECT x || 'a' FROM bt", -615},
		{"SELECT MAX(x) FROM bt", -615},
		{"SELECT COUNT(DISTINCT b) FROM bt", -615},
		{"SELECT UPPER(x) FROM bt", -615},
		{"SELECT TRIM(x) FROM bt", -615},
		{"SELECT SUBSTR(x, 1, 2) FROM bt", -615},
		{"SELECT REPLACE(b, 'a', 'b') FROM bt", -615},
		{"SELECT CONCAT('a', x) FROM bt", -615},
		{"SELECT LPAD(x, 10) FROM bt", -615},
	} {
		wantErr(t, s, c.code, c.q)
	}
}
