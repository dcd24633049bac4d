package engine

import "testing"

// A floating DECIMAL(p) holds IBM's documented range, 10^-130 up to below
// 10^126 (it was capped at 10^64, refusing 1.23E+123), and refuses what
// lies outside, including negatives whose packed form would read as NULL.
func TestFloatingDecimalRange(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	exec(t, s, "create table fd (id int, d decimal(32))")
	for i, v := range []string{"1.23E+123", "-1.23E+123", "9.999E+125", "-9.99E+123", "1E-130", "-1E-130", "12345678901234567890123456789012E+94"} {
		exec(t, s, "insert into fd values (?, ?)", int64(i), v)
	}
	exec(t, s, "insert into fd values (100, 1.23E+123)")
	eq(t, "1.23E+123", one(t, s, "select d from fd where id = 0"), Decimal("123"+zeros(121)))
	eq(t, "literal", one(t, s, "select d from fd where id = 100"), Decimal("123"+zeros(121)))
	eq(t, "-9.99E+123", one(t, s, "select d from fd where id = 3"), Decimal("-999"+zeros(121)))
	eq(t, "1E-130", one(t, s, "select d from fd where id = 4"), Decimal("0."+zeros(129)+"1"))
	eq(t, "32 digits", one(t, s, "select d from fd where id = 6"), Decimal("12345678901234567890123456789012"+zeros(94)))
	// A negative of magnitude 1E+124 or more packs to the NULL marker.
	for _, v := range []string{"1E+126", "-1E+126", "-9.9E+125", "-9.89E+125", "-5E+124", "-1E+124", "1E-131"} {
		wantErr(t, s, -1226, "insert into fd values (9, ?)", v)
	}
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}
