package ifxtype

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func mustQual(t testing.TB, s string, interval bool) Qualifier {
	t.Helper()
	q, err := ParseQualifier(s, interval)
	if err != nil {
		t.Fatalf("ParseQualifier(%q): %v", s, err)
	}
	return q
}

// DATETIME vectors: the first five are docs/PROTOCOL.md note N7 (the
// first confirmed by the live prefix c7 14 1a 05 04); the rest are
// derived with the same rules to cover leading zero pairs, implied trailing
// fields and odd fractions.
var dateTimeVectors = []struct {
	qual, text, wire string
}{
	{"YEAR TO SECOND", "2026-05-04 12:34:56", "c7 14 1a 05 04 0c 22 38"},
	{"YEAR TO FRACTION(3)", "2026-05-04 12:34:56.789", "c7 14 1a 05 04 0c 22 38 4e 5a"},
	{"YEAR TO FRACTION(5)", "2026-05-04 12:34:56.78901", "c7 14 1a 05 04 0c 22 38 4e 5a 0a"},
	{"YEAR TO DAY", "2026-05-04", "c7 14 1a 05 04"},
	{"HOUR TO SECOND", "12:34:56", "c3 0c 22 38"},
	{"HOUR TO MINUTE", "12:34", "c3 0c 22"},
	{"HOUR TO SECOND", "00:34:56", "c2 22 38 00"},
	{"HOUR TO SECOND", "00:00:00", "80 00 00 00"},
	{"HOUR TO SECOND", "00:00:01", "c1 01 00 00"},
	{"MONTH TO DAY", "02-29", "c5 02 1d"},
	{"YEAR TO MONTH", "0001-01", "c6 01 01 00"},
	{"YEAR TO YEAR", "9999", "c7 63 63"},
	{"FRACTION TO FRACTION(3)", ".789", "c0 4e 5a"},
	{"SECOND TO FRACTION(1)", "00.5", "c0 32 00"},
	{"DAY TO FRACTION(5)", "31 23:59:59.00001", "c4 1f 17 3b 3b 00 00 0a"},
	{"YEAR TO FRACTION(2)", "0001-01-01 00:00:00.01", "c6 01 01 01 00 00 00 01 00"},
}

func TestDateTimeVectors(t *testing.T) {
	for _, tt := range dateTimeVectors {
		q := mustQual(t, tt.qual, false)
		want := hx(t, tt.wire)
		d, err := ParseDateTime(tt.text, q)
		if err != nil {
			t.Errorf("ParseDateTime(%q, %s): %v", tt.text, tt.qual, err)
			continue
		}
		if got := d.String(); got != tt.text {
			t.Errorf("ParseDateTime(%q, %s).String() = %q", tt.text, tt.qual, got)
		}
		got := AppendDateTimeWire(nil, d)
		if !bytes.Equal(got, want) {
			t.Errorf("AppendDateTimeWire(%s %s) = % x, want % x", tt.qual, tt.text, got, want)
		}
		if len(got) != q.WireLen() {
			t.Errorf("AppendDateTimeWire(%s %s) wrote %d bytes, WireLen %d", tt.qual, tt.text, len(got), q.WireLen())
		}
		back, null, err := DecodeDateTimeWire(want, q)
		if err != nil || null || back != d {
			t.Errorf("DecodeDateTimeWire(% x, %s) = %v, %v, %v; want %v", want, tt.qual, back, null, err, d)
		}
	}
}

func TestDateTimeFromTime(t *testing.T) {
	tm := time.Date(2026, 5, 4, 12, 34, 56, 789012345, time.FixedZone("X", 3600))
	tests := []struct {
		qual, want string
	}{
		{"YEAR TO SECOND", "2026-05-04 12:34:56"},
		{"YEAR TO FRACTION(5)", "2026-05-04 12:34:56.78901"},
		{"YEAR TO FRACTION(1)", "2026-05-04 12:34:56.7"}, // truncated, not rounded
		{"HOUR TO MINUTE", "12:34"},
		{"YEAR TO MONTH", "2026-05"},
		{"DAY TO HOUR", "04 12"},
		{"FRACTION TO FRACTION(4)", ".7890"},
	}
	for _, tt := range tests {
		d := DateTimeFromTime(tm, mustQual(t, tt.qual, false))
		if d.String() != tt.want {
			t.Errorf("DateTimeFromTime(%s) = %q, want %q", tt.qual, d, tt.want)
		}
	}
	d := DateTimeFromTime(tm, QualYearToFraction5)
	if d.Year() != 2026 || d.Month() != time.May || d.Day() != 4 || d.Hour() != 12 || d.Minute() != 34 ||
		d.Second() != 56 || d.Nanosecond() != 789010000 || d.Qualifier() != QualYearToFraction5 {
		t.Errorf("accessors: %+v", d)
	}
	if got := d.Time(time.UTC); !got.Equal(time.Date(2026, 5, 4, 12, 34, 56, 789010000, time.UTC)) {
		t.Errorf("Time() = %v", got)
	}
	if !DateTimeFromTime(tm, 0).IsZero() || !DateTimeFromTime(tm, 0x0e0b).IsZero() {
		t.Error("invalid qualifier must give the zero DateTime")
	}
	if !DateTimeFromTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), QualYearToSecond).IsZero() {
		t.Error("year 10000 must give the zero DateTime")
	}
	if DateTimeFromTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), mustQual(t, "MONTH TO DAY", false)).String() != "01-01" {
		t.Error("year outside the qualifier must not matter")
	}
	if (DateTime{}).String() != "" {
		t.Error("zero DateTime String")
	}
	if got := AppendDateTimeWire([]byte{1}, DateTime{}); !bytes.Equal(got, []byte{1}) {
		t.Errorf("AppendDateTimeWire(zero) = % x", got)
	}
}

func TestDateTimeTime(t *testing.T) {
	tests := []struct {
		qual, text string
		want       time.Time
	}{
		{"HOUR TO SECOND", "12:34:56", time.Date(1, 1, 1, 12, 34, 56, 0, time.UTC)},
		{"YEAR TO MONTH", "2026-05", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"DAY TO DAY", "17", time.Date(1, 1, 17, 0, 0, 0, 0, time.UTC)},
		{"MONTH TO DAY", "02-29", time.Date(1, 3, 1, 0, 0, 0, 0, time.UTC)}, // year 1 has no Feb 29
	}
	for _, tt := range tests {
		d, err := ParseDateTime(tt.text, mustQual(t, tt.qual, false))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Time(nil); !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("%s %s .Time(nil) = %v, want %v", tt.qual, tt.text, got, tt.want)
		}
	}
	loc := time.FixedZone("Y", -7*3600)
	d, _ := ParseDateTime("2026-05-04 12:00:00", QualYearToSecond)
	if got := d.Time(loc); got.Location() != loc || got.Hour() != 12 {
		t.Errorf("Time(loc) = %v", got)
	}
}

func TestParseDateTimeLenient(t *testing.T) {
	d, err := ParseDateTime("2026-5-4 1:2:3.4", QualYearToFraction5)
	if err != nil || d.String() != "2026-05-04 01:02:03.40000" {
		t.Errorf("short fields: %v, %v", d, err)
	}
	d, err = ParseDateTime("2026-05-04 12:34:56.123456789", QualYearToFraction5)
	if err != nil || d.String() != "2026-05-04 12:34:56.12345" {
		t.Errorf("long fraction: %v, %v", d, err)
	}
	d, err = ParseDateTime("789", mustQual(t, "FRACTION TO FRACTION(3)", false))
	if err != nil || d.String() != ".789" {
		t.Errorf("leading fraction without dot: %v, %v", d, err)
	}
}

func TestDateTimeErrors(t *testing.T) {
	ys := QualYearToSecond
	tests := []struct {
		text string
		q    Qualifier
		want error
	}{
		{"", ys, ErrSyntax},
		{"2026-05-04", ys, ErrSyntax},
		{"2026-05-04 12:34:56 ", ys, ErrSyntax},
		{"2026-05-04T12:34:56", ys, ErrSyntax},
		{"2026-05-04  12:34:56", ys, ErrSyntax},
		{"20260-05-04 12:34:56", ys, ErrSyntax},
		{"2026-005-04 12:34:56", ys, ErrSyntax},
		{"-2026-05-04 12:34:56", ys, ErrSyntax},
		{"2026-05-04 12:34:56.", QualYearToFraction5, ErrSyntax},
		{"2026-05-04 12:34:56.1234567890", QualYearToFraction5, ErrSyntax},
		{"2026-05-04 12:34:56.5", ys, ErrSyntax},
		{"0000-05-04 12:34:56", ys, ErrRange},
		{"2026-13-04 12:34:56", ys, ErrRange},
		{"2026-00-04 12:34:56", ys, ErrRange},
		{"2026-02-29 12:34:56", ys, ErrRange},
		{"2024-02-30 12:34:56", ys, ErrRange},
		{"2026-04-31 12:34:56", ys, ErrRange},
		{"2026-05-00 12:34:56", ys, ErrRange},
		{"2026-05-04 24:00:00", ys, ErrRange},
		{"2026-05-04 12:60:00", ys, ErrRange},
		{"2026-05-04 12:00:60", ys, ErrRange},
		{"02-30", 0x0424, ErrRange},
		{"2026-05-04 12:34:56", 0, ErrQualifier},
		{"1 12:34:56", 0x094a, ErrQualifier}, // an INTERVAL qualifier
	}
	for _, tt := range tests {
		if _, err := ParseDateTime(tt.text, tt.q); !errors.Is(err, tt.want) {
			t.Errorf("ParseDateTime(%q, %#04x) error = %v, want %v", tt.text, uint16(tt.q), err, tt.want)
		}
	}
	if got, err := ParseDateTime("2024-02-29 00:00:00", ys); err != nil || got.Day() != 29 {
		t.Errorf("leap day: %v, %v", got, err)
	}
	if _, err := NewDateTime(2026, 5, 4, 12, 0, 0, 1e9, QualYearToFraction5); !errors.Is(err, ErrRange) {
		t.Errorf("NewDateTime(nsec 1e9) = %v", err)
	}
	if _, err := NewDateTime(-1, 5, 4, 12, 0, 0, 0, ys); !errors.Is(err, ErrRange) {
		t.Errorf("NewDateTime(year -1) = %v", err)
	}
	// Fields outside the qualifier are ignored, not validated.
	if d, err := NewDateTime(-1, 99, 99, 12, 34, 99, -5, mustQual(t, "HOUR TO MINUTE", false)); err != nil || d.String() != "12:34" {
		t.Errorf("NewDateTime outside fields: %v, %v", d, err)
	}
}

func TestDecodeDateTimeWireErrors(t *testing.T) {
	ys := QualYearToSecond
	tests := []struct {
		wire string
		q    Qualifier
		want error
	}{
		{"", ys, ErrWireFormat},
		{"c7 14 1a 05 04 0c 22 64", ys, ErrWireFormat},                // pair 100
		{"c8 14 1a 05 04 0c 22 38", ys, ErrWireFormat},                // shifted: digits above YEAR
		{"c7 14 1a 05 04 0c 22 38 01", ys, ErrWireFormat},             // a fraction YEAR TO SECOND lacks
		{"38 14 1a 05 04 0c 22 38", ys, ErrWireFormat},                // negative DATETIME
		{"c7 14 1a 0d 04 0c 22 38", ys, ErrRange},                     // month 13
		{"c7 14 1a 02 1e 0c 22 38", ys, ErrRange},                     // 30 February
		{"c7 14 1a 05 04 18 22 38", ys, ErrRange},                     // hour 24
		{"80 00 00 00", ys, ErrRange},                                 // zero: year 0
		{"c7 14 1a 05 04 0c 22 38 4e 5b", QualCurrent, ErrWireFormat}, // odd fraction's fill nibble set
		{"c7 14 1a 05 04", 0x0e0b, ErrQualifier},
	}
	for _, tt := range tests {
		var src []byte
		if tt.wire != "" {
			src = hx(t, tt.wire)
		}
		if _, _, err := DecodeDateTimeWire(src, tt.q); !errors.Is(err, tt.want) {
			t.Errorf("DecodeDateTimeWire(%s, %#04x) error = %v, want %v", tt.wire, uint16(tt.q), err, tt.want)
		}
	}
	for _, w := range []string{"00 00 00 00 00 00 00 00", "00 00", "00"} {
		d, null, err := DecodeDateTimeWire(hx(t, w), ys)
		if err != nil || !null || !d.IsZero() {
			t.Errorf("DecodeDateTimeWire(%s) = %v, %v, %v; want NULL", w, d, null, err)
		}
	}
	if got := AppendDateTimeNullWire(nil, ys); !bytes.Equal(got, make([]byte, 8)) {
		t.Errorf("AppendDateTimeNullWire = % x", got)
	}
	// The padding is optional on input: bind values may be minimal.
	if d, _, err := DecodeDateTimeWire(hx(t, "c7 14 1a 05 04"), ys); err != nil || d.String() != "2026-05-04 00:00:00" {
		t.Errorf("short input: %v, %v", d, err)
	}
}

// allDateTimeQualifiers lists every valid DATETIME qualifier.
func allDateTimeQualifiers(t testing.TB) []Qualifier {
	var qs []Qualifier
	for s := TUYear; s <= TUFraction2; s += 2 {
		for e := min(s, TUFraction1); e <= TUFraction5; e++ {
			if q, err := DateTimeQualifier(s, e); err == nil {
				qs = append(qs, q)
			}
		}
	}
	// 21 pairs start ≤ end among YEAR…SECOND, 6 starts × 5 fraction ends,
	// and FRACTION TO FRACTION(1…5).
	if len(qs) != 21+30+5 {
		t.Fatalf("%d DATETIME qualifiers", len(qs))
	}
	return qs
}

// refDateTimeWire encodes through the already-verified decimal encoder: the
// fields, with zeros down to SECOND, read as a decimal number.
func refDateTimeWire(t testing.TB, d DateTime) []byte {
	var sb strings.Builder
	sp := spanOf(d.q)
	f := d.fields()
	for u := sp.su; u <= unitSecond; u++ {
		if u <= sp.eu {
			sb.Write(appendPadded(nil, f.v[u], sp.width(u)))
		} else {
			sb.WriteString("00")
		}
	}
	if sp.su > unitSecond {
		sb.WriteString("0")
	}
	if sp.fd > 0 {
		sb.WriteByte('.')
		sb.Write(appendPadded(nil, f.frac, sp.fd))
	}
	dec := mustDec(t, sb.String())
	out := AppendDecimalBind(nil, dec)
	for len(out) < d.q.WireLen() {
		out = append(out, 0)
	}
	return out
}

func TestDateTimeRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	qs := allDateTimeQualifiers(t)
	lo := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	for i := range 50000 {
		q := qs[i%len(qs)]
		tm := time.Unix(lo+rng.Int64N(hi-lo), rng.Int64N(1e9)).UTC()
		if i%7 == 0 {
			tm = tm.Truncate(24 * time.Hour) // exercise zero clock fields
		}
		d := DateTimeFromTime(tm, q)
		if d.IsZero() {
			t.Fatalf("DateTimeFromTime(%v, %s) failed", tm, q)
		}
		w := AppendDateTimeWire(nil, d)
		if len(w) != q.WireLen() {
			t.Fatalf("%s %s: %d bytes, WireLen %d", q, d, len(w), q.WireLen())
		}
		if ref := refDateTimeWire(t, d); !bytes.Equal(w, ref) {
			t.Fatalf("%s %s: % x, reference % x", q, d, w, ref)
		}
		back, null, err := DecodeDateTimeWire(w, q)
		if err != nil || null || back != d {
			t.Fatalf("%s %s: decode % x = %v, %v, %v", q, d, w, back, null, err)
		}
		p, err := ParseDateTime(d.String(), q)
		if err != nil || p != d {
			t.Fatalf("%s: ParseDateTime(%q) = %v, %v", q, d.String(), p, err)
		}
		if sp := spanOf(q); sp.su == unitYear && sp.eu == unitFraction {
			if !d.Time(time.UTC).Equal(tm.Truncate(time.Duration(pow10u32[9-sp.fd]))) {
				t.Fatalf("%s: Time() = %v, want %v", q, d.Time(time.UTC), tm)
			}
		}
	}
}
