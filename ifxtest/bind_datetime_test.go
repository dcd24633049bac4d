package ifxtest

import (
	"math/rand/v2"
	"testing"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// checkDateTimeFast asserts that dateTimeFast, when it takes a bound
// DATETIME (prec, data with its length prefix), gives decodeBoundDateTime's
// text, and reports whether it took it.
func checkDateTimeFast(t *testing.T, prec int16, data []byte) bool {
	t.Helper()
	fast, ok := dateTimeFast(prec, data)
	if !ok {
		return false
	}
	want, err := decodeBoundDateTime(prec, data)
	if err != nil {
		t.Fatalf("% x: the fast path took %q, the decoder fails: %v", data, fast, err)
	}
	if engine.DateTime(fast) != want {
		t.Fatalf("% x: fast %q, decoder %q", data, fast, want)
	}
	return true
}

// TestDateTimeFastMatchesDecoder: the fast decoding of a bound DATETIME
// YEAR TO SECOND / YEAR TO FRACTION(5) gives the general decoder's text
// for every value it takes, takes the plain values drivers send, and
// leaves the rest (other qualifiers, lengths, signs, days past 28, fields
// out of range, pairs over 99) to the general decoder.
func TestDateTimeFastMatchesDecoder(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 3))
	taken := 0
	for range 20000 {
		lit := randDateTimeLit(r)
		for _, qual := range []string{"YEAR TO SECOND", "YEAR TO FRACTION(5)"} {
			l := lit
			if qual == "YEAR TO SECOND" {
				l = lit[:19]
			}
			bv := bindDateTime(t, l, qual)
			if checkDateTimeFast(t, bv.Prec, bv.Data) {
				taken++
			} else if day := l[8:10]; day <= "28" && l[0] != '0' {
				t.Fatalf("%s %s: not taken", l, qual)
			}
		}
	}
	if taken == 0 {
		t.Fatal("the fast path took nothing")
	}
	// Raw forms: each mutation of a plain value must be left alone or
	// decode as the general decoder does.
	base := bindDateTime(t, "2026-05-04 03:02:01.12345", "YEAR TO FRACTION(5)")
	sec := bindDateTime(t, "2026-05-04 03:02:01", "YEAR TO SECOND")
	feb := bindDateTime(t, "2026-02-04 03:02:01", "YEAR TO SECOND") // a day 29-31 is not a date
	for _, bv := range []sqli.BindValue{base, sec, feb} {
		for i := 2; i < len(bv.Data); i++ {
			for _, b := range []byte{0, 1, 9, 10, 12, 13, 23, 24, 28, 29, 31, 32, 59, 60, 99, 100, 0x80, 0xC6, 0xC7, 0xC8, 0x3F, 0xFF} {
				d := append([]byte(nil), bv.Data...)
				d[i] = b
				checkDateTimeFast(t, bv.Prec, d)
			}
		}
		// informix-driver's sixth fraction digit, and shorter or longer data
		d := append([]byte(nil), bv.Data...)
		d[len(d)-1] |= 7
		checkDateTimeFast(t, bv.Prec, d)
		if _, ok := dateTimeFast(bv.Prec, bv.Data[:len(bv.Data)-1]); ok {
			t.Fatalf("short data taken")
		}
		if _, ok := dateTimeFast(bv.Prec, append(append([]byte(nil), bv.Data...), 0)); ok {
			t.Fatalf("long data taken")
		}
		if _, ok := dateTimeFast(0, bv.Data); ok {
			t.Fatalf("no qualifier in prec taken")
		}
	}
	if _, ok := dateTimeFast(base.Prec, base.Data[:1]); ok {
		t.Fatal("data without its length taken")
	}
	if s, ok := dateTimeFast(base.Prec, base.Data); !ok || s != "2026-05-04 03:02:01.12345" {
		t.Fatalf("got %q %v", s, ok)
	}
}

// randDateTimeLit is a YEAR TO FRACTION(5) literal, some of its fields at
// their limits.
func randDateTimeLit(r *rand.Rand) string {
	pick := func(lo, hi int) int {
		switch r.IntN(6) {
		case 0:
			return lo
		case 1:
			return hi
		}
		return lo + r.IntN(hi-lo+1)
	}
	y := pick(1, 9999)
	mo := pick(1, 12)
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[mo]
	if mo == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		days = 29
	}
	b := []byte{}
	b = appendDigits(b, y, 4)
	b = appendDigits(append(b, '-'), mo, 2)
	b = appendDigits(append(b, '-'), pick(1, days), 2)
	b = appendDigits(append(b, ' '), pick(0, 23), 2)
	b = appendDigits(append(b, ':'), pick(0, 59), 2)
	b = appendDigits(append(b, ':'), pick(0, 59), 2)
	b = appendDigits(append(b, '.'), pick(0, 99999), 5)
	return string(b)
}

func appendDigits(b []byte, v, n int) []byte {
	var d [8]byte
	for i := n - 1; i >= 0; i-- {
		d[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, d[:n]...)
}
