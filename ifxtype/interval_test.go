package ifxtype

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// INTERVAL vectors: the first four are docs/PROTOCOL.md note N7, the rest
// derived with the same rules (negative year-month, odd first-field widths,
// a first field holding larger units).
var intervalVectors = []struct {
	qual, text, wire string
}{
	{"DAY(3) TO SECOND", "5 01:02:03", "c4 05 01 02 03 00"},
	{"DAY(3) TO SECOND", "-5 01:02:03", "3b 5e 62 61 61 00"},
	{"YEAR(4) TO MONTH", "2-06", "c6 02 06 00"},
	{"DAY(9) TO FRACTION(5)", "1 00:00:00.50000", "c4 01 00 00 00 32 00 00 00 00 00 00"},
	{"YEAR(4) TO MONTH", "-3-01", "39 60 63 00"},
	{"DAY(3) TO SECOND", "123 00:00:00", "c5 01 17 00 00 00"},
	{"DAY(3) TO SECOND", "0 00:00:00", "80 00 00 00 00 00"},
	{"DAY(3) TO SECOND", "0 00:00:01", "c1 01 00 00 00 00"},
	{"DAY(3) TO SECOND", "-0 00:00:01", "3e 63 00 00 00 00"},
	{"HOUR(4) TO MINUTE", "1234:56", "c4 0c 22 38"},
	{"DAY(2) TO FRACTION(5)", "-5 01:02:03.00000", "3b 5e 62 61 61 00 00 00"},
	{"YEAR(9) TO MONTH", "999999999-11", "ca 09 63 63 63 63 0b"},
	{"MONTH(3) TO MONTH", "-120", "39 62 50"},
	{"FRACTION TO FRACTION(3)", ".500", "c0 32 00"},
	{"SECOND(2) TO FRACTION(1)", "-9.5", "3e 5a 32"},
}

func TestIntervalVectors(t *testing.T) {
	for _, tt := range intervalVectors {
		q := mustQual(t, tt.qual, true)
		want := hx(t, tt.wire)
		var (
			str string
			w   []byte
			err error
		)
		if q.IsYearMonth() {
			var v IntervalYM
			if v, err = ParseIntervalYM(tt.text, q); err == nil {
				str = v.String()
				w, err = AppendIntervalYMWire(nil, v)
				back, null, derr := DecodeIntervalYMWire(want, q)
				if derr != nil || null || back != v {
					t.Errorf("DecodeIntervalYMWire(% x, %s) = %v, %v, %v; want %v", want, tt.qual, back, null, derr, v)
				}
			}
		} else {
			var v IntervalDF
			if v, err = ParseIntervalDF(tt.text, q); err == nil {
				str = v.String()
				w, err = AppendIntervalDFWire(nil, v)
				back, null, derr := DecodeIntervalDFWire(want, q)
				if derr != nil || null || back != v {
					t.Errorf("DecodeIntervalDFWire(% x, %s) = %v, %v, %v; want %v", want, tt.qual, back, null, derr, v)
				}
			}
		}
		if err != nil {
			t.Errorf("%s %q: %v", tt.qual, tt.text, err)
			continue
		}
		if str != tt.text {
			t.Errorf("%s %q: String() = %q", tt.qual, tt.text, str)
		}
		if !bytes.Equal(w, hx(t, tt.wire)) {
			t.Errorf("Append %s %q = % x, want %s", tt.qual, tt.text, w, tt.wire)
		}
		if len(w) != q.WireLen() {
			t.Errorf("Append %s %q wrote %d bytes, WireLen %d", tt.qual, tt.text, len(w), q.WireLen())
		}
	}
}

func TestIntervalDFDuration(t *testing.T) {
	q := mustQual(t, "DAY(9) TO FRACTION(5)", true)
	for _, d := range []time.Duration{0, time.Nanosecond * 10000, -time.Nanosecond * 10000, 36*time.Hour + 1500*time.Millisecond,
		-36*time.Hour - 1500*time.Millisecond, math.MaxInt64 / 10000 * 10000, math.MinInt64 / 10000 * 10000} {
		v := IntervalDFFromDuration(d, q)
		got, err := v.Duration()
		if err != nil || got != d {
			t.Errorf("IntervalDFFromDuration(%v).Duration() = %v, %v", d, got, err)
		}
		w, err := AppendIntervalDFWire(nil, v)
		if err != nil {
			t.Errorf("AppendIntervalDFWire(%v): %v", d, err)
			continue
		}
		back, _, err := DecodeIntervalDFWire(w, q)
		if err != nil || back != v {
			t.Errorf("wire round trip %v: % x -> %v, %v", d, w, back, err)
		}
	}
	// Truncation toward zero, as Informix narrows.
	tests := []struct {
		d    time.Duration
		qual string
		want string
	}{
		{36*time.Hour + 90*time.Second + 999*time.Millisecond, "DAY TO SECOND", "1 12:01:30"},
		{-(36*time.Hour + 90*time.Second + 999*time.Millisecond), "DAY TO SECOND", "-1 12:01:30"},
		{36*time.Hour + 90*time.Second, "DAY TO MINUTE", "1 12:01"},
		{36*time.Hour + 90*time.Second, "HOUR(3) TO SECOND", "36:01:30"},
		{1234567891 * time.Nanosecond, "SECOND TO FRACTION(3)", "1.234"},
		{-1234567891 * time.Nanosecond, "SECOND TO FRACTION(3)", "-1.234"},
		{-1 * time.Nanosecond, "SECOND TO FRACTION(5)", "0.00000"},
		{59 * time.Minute, "HOUR TO HOUR", "0"},
		{567 * time.Millisecond, "FRACTION TO FRACTION(2)", ".56"},
	}
	for _, tt := range tests {
		v := IntervalDFFromDuration(tt.d, mustQual(t, tt.qual, true))
		if v.String() != tt.want {
			t.Errorf("IntervalDFFromDuration(%v, %s) = %q, want %q", tt.d, tt.qual, v, tt.want)
		}
	}
	if !(IntervalDFFromDuration(time.Second, 0) == IntervalDF{}) || !(IntervalDFFromDuration(time.Second, 0x0602) == IntervalDF{}) {
		t.Error("invalid qualifier must give the zero IntervalDF")
	}
}

func TestIntervalDFText(t *testing.T) {
	// The first field wraps over the larger units, as in "HOUR(3) TO SECOND".
	q := mustQual(t, "HOUR(3) TO SECOND", true)
	v, err := ParseIntervalDF("100:00:00", q)
	if err != nil || v.Seconds() != 360000 || v.Nanoseconds() != 0 || v.Sign() != 1 || v.Qualifier() != q {
		t.Errorf("ParseIntervalDF(100:00:00) = %+v, %v", v, err)
	}
	if v, err := ParseIntervalDF("+1 2:3:4.5", mustQual(t, "DAY TO FRACTION(2)", true)); err != nil || v.String() != "1 02:03:04.50" {
		t.Errorf("lenient parse = %v, %v", v, err)
	}
	if v, err := ParseIntervalDF("-0 00:00:00", mustQual(t, "DAY TO SECOND", true)); err != nil || v.Sign() != 0 || v.String() != "0 00:00:00" {
		t.Errorf("negative zero = %v, %v", v, err)
	}
	if v, err := ParseIntervalDF("5", mustQual(t, "FRACTION TO FRACTION(1)", true)); err != nil || v.Nanoseconds() != 5e8 {
		t.Errorf("leading fraction without dot = %v, %v", v, err)
	}
	tests := []struct {
		text string
		qual string
		want error
	}{
		{"", "DAY TO SECOND", ErrSyntax},
		{"-", "DAY TO SECOND", ErrSyntax},
		{"5 01:02", "DAY TO SECOND", ErrSyntax},
		{"5 01:02:03 ", "DAY TO SECOND", ErrSyntax},
		{"5  01:02:03", "DAY TO SECOND", ErrSyntax},
		{"5 001:02:03", "DAY TO SECOND", ErrSyntax},
		{"5 01:02:03.", "DAY TO FRACTION(3)", ErrSyntax},
		{"--5 01:02:03", "DAY TO SECOND", ErrSyntax},
		{"1000 01:02:03", "DAY(3) TO SECOND", ErrOverflow},
		{"5 24:00:00", "DAY TO SECOND", ErrRange},
		{"5 01:60:00", "DAY TO SECOND", ErrRange},
		{"5 01:00:60", "DAY TO SECOND", ErrRange},
		{"1-00", "YEAR TO MONTH", ErrQualifier},
	}
	for _, tt := range tests {
		if _, err := ParseIntervalDF(tt.text, mustQual(t, tt.qual, true)); !errors.Is(err, tt.want) {
			t.Errorf("ParseIntervalDF(%q, %s) = %v, want %v", tt.text, tt.qual, err, tt.want)
		}
	}
}

func TestIntervalYM(t *testing.T) {
	ym := mustQual(t, "YEAR(4) TO MONTH", true)
	v, err := NewIntervalYM(-37, ym)
	if err != nil || v.String() != "-3-01" || v.Months() != -37 || v.Sign() != -1 || v.Qualifier() != ym {
		t.Errorf("NewIntervalYM(-37) = %v, %v", v, err)
	}
	if v, err := NewIntervalYM(-37, mustQual(t, "YEAR TO YEAR", true)); err != nil || v.String() != "-3" || v.Months() != -36 {
		t.Errorf("NewIntervalYM(-37, YEAR TO YEAR) = %v, %v", v, err)
	}
	if v, err := NewIntervalYM(37, mustQual(t, "MONTH(3) TO MONTH", true)); err != nil || v.String() != "37" {
		t.Errorf("NewIntervalYM(37, MONTH TO MONTH) = %v, %v", v, err)
	}
	if _, err := NewIntervalYM(12*10000, ym); !errors.Is(err, ErrOverflow) {
		t.Errorf("NewIntervalYM(10000 years) = %v", err)
	}
	if _, err := NewIntervalYM(math.MinInt64, ym); !errors.Is(err, ErrOverflow) {
		t.Errorf("NewIntervalYM(MinInt64) = %v", err)
	}
	if _, err := NewIntervalYM(1, mustQual(t, "DAY TO SECOND", true)); !errors.Is(err, ErrQualifier) {
		t.Errorf("NewIntervalYM(DAY TO SECOND) = %v", err)
	}
	tests := []struct {
		text string
		want error
	}{
		{"1-12", ErrRange},
		{"12345-01", ErrOverflow},
		{"1-", ErrSyntax},
		{"1", ErrSyntax},
		{"1-2-3", ErrSyntax},
		{"1 02", ErrSyntax},
	}
	for _, tt := range tests {
		if _, err := ParseIntervalYM(tt.text, ym); !errors.Is(err, tt.want) {
			t.Errorf("ParseIntervalYM(%q) = %v, want %v", tt.text, err, tt.want)
		}
	}
	if _, err := AppendIntervalYMWire(nil, IntervalYM{}); !errors.Is(err, ErrQualifier) {
		t.Errorf("AppendIntervalYMWire(zero) = %v", err)
	}
	if (IntervalYM{}).String() != "" || (IntervalDF{}).String() != "" {
		t.Error("zero intervals print as empty")
	}
}

func TestIntervalWireErrors(t *testing.T) {
	q3 := mustQual(t, "DAY(3) TO SECOND", true)
	// IntervalDFFromDuration cannot fail, so the width check is at Append.
	v := IntervalDFFromDuration(1000*24*time.Hour, q3)
	if out, err := AppendIntervalDFWire([]byte{9}, v); !errors.Is(err, ErrOverflow) || !bytes.Equal(out, []byte{9}) {
		t.Errorf("AppendIntervalDFWire(1000 days, DAY(3)) = % x, %v", out, err)
	}
	if _, err := NewIntervalDF(1000*86400, 0, q3); !errors.Is(err, ErrOverflow) {
		t.Errorf("NewIntervalDF(1000 days, DAY(3)) = %v", err)
	}
	if _, err := NewIntervalDF(1, 0, mustQual(t, "FRACTION TO FRACTION(5)", true)); !errors.Is(err, ErrOverflow) {
		t.Errorf("NewIntervalDF(1 s, FRACTION TO FRACTION) = %v", err)
	}
	if _, err := NewIntervalDF(math.MaxInt64, 1e9, q3); !errors.Is(err, ErrOverflow) {
		t.Errorf("NewIntervalDF(MaxInt64 s + 1 s) = %v", err)
	}
	if v, err := NewIntervalDF(5, -1, mustQual(t, "SECOND TO FRACTION(5)", true)); err != nil || v.String() != "4.99999" {
		t.Errorf("NewIntervalDF(5 s - 1 ns) = %v, %v", v, err)
	}
	if v, err := NewIntervalDF(-5, 1, mustQual(t, "SECOND TO FRACTION(5)", true)); err != nil || v.String() != "-4.99999" {
		t.Errorf("NewIntervalDF(-5 s + 1 ns) = %v, %v", v, err)
	}
	if _, err := AppendIntervalDFWire(nil, IntervalDF{}); !errors.Is(err, ErrQualifier) {
		t.Errorf("AppendIntervalDFWire(zero) = %v", err)
	}
	tests := []struct {
		wire string
		q    Qualifier
		want error
	}{
		{"", q3, ErrWireFormat},
		{"c5 0a 00 00 00 00", q3, ErrWireFormat},     // 1000 days: a 4th digit
		{"c4 05 18 00 00 00", q3, ErrRange},          // hour 24
		{"c4 05 01 3c 00 00", q3, ErrRange},          // minute 60
		{"c4 05 01 02 03 01", q3, ErrWireFormat},     // a fraction DAY TO SECOND lacks
		{"c6 02 0c 00", 0x0602, ErrRange},            // month 12
		{"c4 05 01 02 03 00", 0x0602, ErrWireFormat}, // day-time digits for YEAR TO MONTH
	}
	for _, tt := range tests {
		var src []byte
		if tt.wire != "" {
			src = hx(t, tt.wire)
		}
		var err error
		if tt.q.IsYearMonth() {
			_, _, err = DecodeIntervalYMWire(src, tt.q)
		} else {
			_, _, err = DecodeIntervalDFWire(src, tt.q)
		}
		if !errors.Is(err, tt.want) {
			t.Errorf("decode %s as %s: %v, want %v", tt.wire, tt.q.IntervalString(), err, tt.want)
		}
	}
	if _, _, err := DecodeIntervalDFWire(hx(t, "c6 02 06 00"), 0x0602); !errors.Is(err, ErrQualifier) {
		t.Errorf("DecodeIntervalDFWire(YEAR TO MONTH) = %v", err)
	}
	if _, _, err := DecodeIntervalYMWire(hx(t, "c6 02 06 00"), q3); !errors.Is(err, ErrQualifier) {
		t.Errorf("DecodeIntervalYMWire(DAY TO SECOND) = %v", err)
	}
	for _, q := range []Qualifier{q3, 0x0602} {
		var null bool
		if q.IsYearMonth() {
			_, null, _ = DecodeIntervalYMWire(AppendDateTimeNullWire(nil, q), q)
		} else {
			_, null, _ = DecodeIntervalDFWire(AppendDateTimeNullWire(nil, q), q)
		}
		if !null {
			t.Errorf("NULL %s not recognised", q.IntervalString())
		}
	}
}

// allIntervalQualifiers lists every valid INTERVAL qualifier.
func allIntervalQualifiers() []Qualifier {
	var qs []Qualifier
	for s := TUYear; s <= TUFraction2; s += 2 {
		for e := min(s, TUFraction1); e <= TUFraction5; e++ {
			for n := 1; n <= 9; n++ {
				if q, err := IntervalQualifier(s, e, n); err == nil && (n == 1 || s != tuFraction) {
					qs = append(qs, q)
				}
			}
		}
	}
	return qs
}

// refIntervalWire encodes through the decimal encoder, like
// refDateTimeWire.
func refIntervalWire(t testing.TB, q Qualifier, f *tfields) []byte {
	var sb strings.Builder
	if f.neg {
		sb.WriteByte('-')
	}
	sp := spanOf(q)
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
	out := AppendDecimalBind(nil, mustDec(t, sb.String()))
	for len(out) < q.WireLen() {
		out = append(out, 0)
	}
	return out
}

func TestIntervalRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	qs := allIntervalQualifiers()
	// YEAR TO YEAR/MONTH and MONTH TO MONTH, the ten DAY…SECOND pairs and
	// the four starts TO FRACTION(1…5), each with widths 1–9, plus
	// FRACTION TO FRACTION(1…5).
	if want := 3*9 + 10*9 + 4*5*9 + 5; len(qs) != want {
		t.Fatalf("%d INTERVAL qualifiers, want %d", len(qs), want)
	}
	for i := range 100000 {
		q := qs[i%len(qs)]
		sp := spanOf(q)
		limit := int64(1)
		for range sp.first {
			limit *= 10
		}
		if sp.su == unitFraction {
			limit = 1
		}
		neg := rng.IntN(2) == 0
		if q.IsYearMonth() {
			months := rng.Int64N(limit)
			if sp.su == unitYear {
				months = months*12 + rng.Int64N(12)
			}
			if neg {
				months = -months
			}
			v, err := NewIntervalYM(months, q)
			if err != nil {
				t.Fatalf("NewIntervalYM(%d, %s): %v", months, q.IntervalString(), err)
			}
			w, err := AppendIntervalYMWire(nil, v)
			f := v.fields()
			if ref := refIntervalWire(t, q, &f); err != nil || !bytes.Equal(w, ref) || len(w) != q.WireLen() {
				t.Fatalf("%s %s: % x, %v; reference % x", q.IntervalString(), v, w, err, ref)
			}
			back, _, err := DecodeIntervalYMWire(w, q)
			if err != nil || back != v {
				t.Fatalf("%s %s: decode = %v, %v", q.IntervalString(), v, back, err)
			}
			if p, err := ParseIntervalYM(v.String(), q); err != nil || p != v {
				t.Fatalf("%s: ParseIntervalYM(%q) = %v, %v", q.IntervalString(), v.String(), p, err)
			}
			continue
		}
		var sec int64
		if sp.su <= unitSecond {
			u := int64(unitSeconds[sp.su])
			sec = rng.Int64N(limit)*u + rng.Int64N(u)
		}
		nsec := rng.Int64N(1e9)
		if neg {
			sec, nsec = -sec, -nsec
		}
		v, err := NewIntervalDF(sec, nsec, q)
		if err != nil {
			t.Fatalf("NewIntervalDF(%d, %d, %s): %v", sec, nsec, q.IntervalString(), err)
		}
		w, err := AppendIntervalDFWire(nil, v)
		f := v.fields()
		if ref := refIntervalWire(t, q, &f); err != nil || !bytes.Equal(w, ref) || len(w) != q.WireLen() {
			t.Fatalf("%s %s: % x, %v; reference % x", q.IntervalString(), v, w, err, ref)
		}
		back, _, err := DecodeIntervalDFWire(w, q)
		if err != nil || back != v {
			t.Fatalf("%s %s: decode = %v, %v", q.IntervalString(), v, back, err)
		}
		if p, err := ParseIntervalDF(v.String(), q); err != nil || p != v {
			t.Fatalf("%s: ParseIntervalDF(%q) = %v, %v", q.IntervalString(), v.String(), p, err)
		}
	}
}

func TestIntervalDurationOverflowAndSign(t *testing.T) {
	q := mustQual(t, "DAY(9) TO FRACTION(5)", true)
	for _, sec := range []int64{999999999 * 86400, -999999999 * 86400} {
		v, err := NewIntervalDF(sec, 0, q)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.Duration(); !errors.Is(err, ErrOverflow) {
			t.Errorf("Duration(%d s) = %v", sec, err)
		}
	}
	// Past the top of time.Duration through the nanoseconds alone.
	maxSec := int64(math.MaxInt64) / int64(time.Second)
	v, _ := NewIntervalDF(maxSec, 999990000, q)
	if _, err := v.Duration(); !errors.Is(err, ErrOverflow) {
		t.Errorf("Duration(max s + ns) = %v", err)
	}
	v, _ = NewIntervalDF(maxSec, 854770000, q)
	if d, err := v.Duration(); err != nil || d != math.MaxInt64/10000*10000 {
		t.Errorf("Duration(near max) = %v, %v", d, err)
	}
	neg, _ := NewIntervalDF(0, -10000, q)
	if neg.Sign() != -1 || (IntervalDF{}).Sign() != 0 || IntervalDFFromDuration(time.Hour, q).Sign() != 1 {
		t.Error("IntervalDF.Sign")
	}
	ym, _ := NewIntervalYM(5, 0x0602)
	if ym.Sign() != 1 || (IntervalYM{}).Sign() != 0 {
		t.Error("IntervalYM.Sign")
	}
	if Qualifier(0).WireLen() != 0 || Qualifier(0x0e0b).WireLen() != 0 {
		t.Error("WireLen of an invalid qualifier must be 0")
	}
}
