package ifxtype

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// hx turns "c2 0c 22 38" into bytes; vectors are copied from docs/PROTOCOL.md
// in the same spacing so they can be compared by eye.
func hx(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func TestDecimalWireLen(t *testing.T) {
	tests := []struct{ p, s, want int }{
		{15, 0, 9}, {6, 2, 4}, {32, 0, 17}, {16, 4, 9}, // docs/PROTOCOL.md, note N5
		{5, 0, 4}, {3, 1, 3}, {5, 2, 4}, {32, 1, 18}, {1, 0, 2}, {1, 1, 2}, {32, 32, 17}, {32, 31, 18},
		// Floating DECIMAL(p): scale 0xFF is odd, as informix-driver reads
		// real servers' tuples (docs/PROTOCOL.md).
		{16, DecimalFloatingScale, 10}, {15, DecimalFloatingScale, 9}, {32, DecimalFloatingScale, 18}, {1, DecimalFloatingScale, 2},
		{0, 0, 0}, {33, 0, 0}, {5, 6, 0}, {5, -1, 0},
	}
	for _, tt := range tests {
		if got := DecimalWireLen(tt.p, tt.s); got != tt.want {
			t.Errorf("DecimalWireLen(%d,%d) = %d, want %d", tt.p, tt.s, got, tt.want)
		}
	}
	if p, s := SplitDecimalLength(0x0f00); p != 15 || s != 0 {
		t.Errorf("SplitDecimalLength(0x0f00) = %d,%d", p, s)
	}
	if p, s := SplitDecimalLength(0x10ff); p != 16 || s != DecimalFloatingScale {
		t.Errorf("SplitDecimalLength(0x10ff) = %d,%d", p, s)
	}
}

// Vectors at DECLEN width, from docs/PROTOCOL.md note N5 (derived ones) and
// Leffler's on-disk examples placed in a column of matching width.
var decimalColumnVectors = []struct {
	value string
	p, s  int
	wire  string
}{
	{"1234.56", 6, 2, "c2 0c 22 38"},
	{"-1234.56", 6, 2, "3d 57 41 2c"},
	{"1", 5, 0, "c1 01 00 00"},
	{"0.5", 3, 1, "c0 32 00"},
	{"-0.5", 3, 1, "3f 32 00"},
	{"0.00", 5, 2, "80 00 00 00"},
	{"276", 15, 0, "c2 02 4c 00 00 00 00 00 00"},
	{"0", 8, 0, "80 00 00 00 00"}, // Leffler 0
	{"9.9", 5, 1, "c1 09 5a 00"},  // Leffler 9.9
	{"-9.9", 5, 1, "3e 5a 0a 00"}, // Leffler -9.9 (tail derived)
	{"1", 1, 0, "c1 01"},          // Leffler 1
	{"-1", 1, 0, "3e 63"},         // Leffler -1
	{"-100", 3, 0, "3d 63 00"},    // trailing 00 stays 00 when complemented
	{"-0.01", 2, 2, "3f 63"},      // exponent 0
	{"0.001", 3, 3, "bf 0a 00"},   // leading zero pair dropped: exponent -1
	{"-0.001", 3, 3, "40 5a 00"},  // …and complemented
	{"12345.6789", 9, 4, "c3 01 17 2d 43 59"},
	{"99999999999999999999999999999999", 32, 0, "d0" + strings.Repeat(" 63", 16)},
	{"-99999999999999999999999999999999", 32, 0, "2f" + strings.Repeat(" 00", 15) + " 01"},
}

func TestAppendDecimalWireVectors(t *testing.T) {
	for _, tt := range decimalColumnVectors {
		want := hx(t, tt.wire)
		got, err := AppendDecimalWire(nil, mustDec(t, tt.value), tt.p, tt.s)
		if err != nil {
			t.Errorf("AppendDecimalWire(%s, %d,%d): %v", tt.value, tt.p, tt.s, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("AppendDecimalWire(%s, %d,%d) = % x, want % x", tt.value, tt.p, tt.s, got, want)
		}
		if len(got) != DecimalWireLen(tt.p, tt.s) {
			t.Errorf("AppendDecimalWire(%s, %d,%d) wrote %d bytes", tt.value, tt.p, tt.s, len(got))
		}
	}
}

func TestDecodeDecimalWireVectors(t *testing.T) {
	for _, tt := range decimalColumnVectors {
		d, null, err := DecodeDecimalWireScale(hx(t, tt.wire), tt.s)
		if err != nil || null {
			t.Errorf("DecodeDecimalWireScale(%s, %d) = %v, %v, %v", tt.wire, tt.s, d, null, err)
			continue
		}
		if want := mustDec(t, tt.value).Round(int32(tt.s)); d != want {
			t.Errorf("DecodeDecimalWireScale(%s, %d) = %s, want %s", tt.wire, tt.s, d, want)
		}
	}
}

func TestDecodeDecimalWireMinimal(t *testing.T) {
	tests := []struct{ wire, want string }{
		{"c1 01", "1"},
		{"3e 63", "-1"},
		{"c1 09 5a", "9.9"},
		{"c1 09 5a 00", "9.9"},
		{"c2 0c 22 38", "1234.56"},
		{"80 00 00 00 00", "0"},
		{"80", "0"},
		{"7f 00", "0"},   // negative zero reads as zero
		{"c1 0a", "10"},  // the fill zero of the pair is not a fraction digit
		{"c0 0a", "0.1"}, // …but here it is the only place for the 1
		{"c3 01 00 00", "10000"},
		{"c1 01 00 00 32", "1.00005"}, // zero pairs inside the value are kept
		{"c0 00 32", "0.005"},         // unnormalised leading zero pair tolerated
		// docs/PROTOCOL.md note N6: these are the COUNT(*) bytes quoted from
		// informix-db. By the note N5 rules they read as 200, not the 276 the commit message
		// claims; the example is illustrative only.
		{"c2 02 00 00 00 00 00 00 00", "200"},
	}
	for _, tt := range tests {
		d, null, err := DecodeDecimalWire(hx(t, tt.wire))
		if err != nil || null || d.String() != tt.want {
			t.Errorf("DecodeDecimalWire(%s) = %s, %v, %v; want %s", tt.wire, d, null, err, tt.want)
		}
	}
}

func TestDecodeDecimalWireScale(t *testing.T) {
	tests := []struct {
		wire  string
		scale int
		want  string
	}{
		{"c1 01 00 00", 2, "1.00"},
		{"80 00 00 00", 2, "0.00"},
		{"c1 01 32 00", 0, "1.5"}, // keeps a digit the column should not have
		{"c1 01", DecimalFloatingScale, "1"},
		{"c1 01", -1, "1"},
	}
	for _, tt := range tests {
		d, _, err := DecodeDecimalWireScale(hx(t, tt.wire), tt.scale)
		if err != nil || d.String() != tt.want {
			t.Errorf("DecodeDecimalWireScale(%s, %d) = %s, %v; want %s", tt.wire, tt.scale, d, err, tt.want)
		}
	}
}

func TestDecodeDecimalWireNull(t *testing.T) {
	for _, w := range []string{"00 00 00 00", "00 00", "00", "00 00 12 34"} {
		d, null, err := DecodeDecimalWire(hx(t, w))
		if err != nil || !null || !d.IsZero() {
			t.Errorf("DecodeDecimalWire(%s) = %v, %v, %v; want NULL", w, d, null, err)
		}
	}
	if got := AppendDecimalNullWire(nil, 6, 2); !bytes.Equal(got, hx(t, "00 00 00 00")) {
		t.Errorf("AppendDecimalNullWire(6,2) = % x", got)
	}
}

func TestDecodeDecimalWireErrors(t *testing.T) {
	tests := []struct {
		wire string
		want error
	}{
		{"", ErrWireFormat},
		{"c1 64", ErrWireFormat},                          // pair 100
		{"c1 ff", ErrWireFormat},                          // pair 255
		{"3e 64", ErrWireFormat},                          // negative, pair 100
		{"d1" + strings.Repeat(" 01", 18), ErrWireFormat}, // 18 significant pairs
		{"d1" + strings.Repeat(" 11", 17), ErrOverflow},   // 34 significant digits
		{"80 00 01", ErrOverflow},                         // 10^-132, below the DECIMAL range
	}
	for _, tt := range tests {
		var src []byte
		if tt.wire != "" {
			src = hx(t, tt.wire)
		}
		_, _, err := DecodeDecimalWire(src)
		if !errors.Is(err, tt.want) {
			t.Errorf("DecodeDecimalWire(%s) error = %v, want %v", tt.wire, err, tt.want)
		}
	}
}

func TestAppendDecimalBind(t *testing.T) {
	tests := []struct{ value, wire string }{
		{"1", "c1 01"},
		{"-1", "3e 63"},
		{"1.00", "c1 01"},
		{"9.9", "c1 09 5a"},
		{"-9.9", "3e 5a 0a"},
		{"1234.56", "c2 0c 22 38"},
		{"-1234.56", "3d 57 41 2c"},
		{"276", "c2 02 4c"},
		{"100", "c2 01"},
		{"-100", "3d 63"},
		{"0", "80 00"},
		{"0.000", "80 00"},
		{"1e125", "ff 0a"},
		{"1e-130", "80 01"},
		{"-1e-130", "7f 63"},
	}
	for _, tt := range tests {
		got := AppendDecimalBind([]byte{0xaa}, mustDec(t, tt.value))
		if want := append([]byte{0xaa}, hx(t, tt.wire)...); !bytes.Equal(got, want) {
			t.Errorf("AppendDecimalBind(%s) = % x, want aa % x", tt.value, got[1:], want[1:])
		}
	}
}

func TestAppendDecimalWireErrors(t *testing.T) {
	tests := []struct {
		value string
		p, s  int
		want  error
	}{
		{"1000", 3, 0, ErrOverflow},
		{"999.995", 5, 2, ErrOverflow}, // rounds up to 1000.00
		{"10", 2, 1, ErrOverflow},
		{"1", 0, 0, ErrQualifier},
		{"1", 33, 0, ErrQualifier},
		{"1", 5, 6, ErrQualifier},
	}
	for _, tt := range tests {
		dst := []byte{1, 2}
		got, err := AppendDecimalWire(dst, mustDec(t, tt.value), tt.p, tt.s)
		if !errors.Is(err, tt.want) || !bytes.Equal(got, dst) {
			t.Errorf("AppendDecimalWire(%s, %d,%d) = % x, %v; want %v and dst untouched", tt.value, tt.p, tt.s, got, err, tt.want)
		}
	}
	// Rounding to the column scale happens before the overflow check.
	if got, err := AppendDecimalWire(nil, mustDec(t, "99.994"), 4, 2); err != nil || !bytes.Equal(got, hx(t, "c1 63 63")) {
		t.Errorf("AppendDecimalWire(99.994, 4,2) = % x, %v", got, err)
	}
	if got, err := AppendDecimalWire(nil, mustDec(t, "-0.125"), 3, 2); err != nil || !bytes.Equal(got, hx(t, "3f 57 00")) {
		t.Errorf("AppendDecimalWire(-0.125, 3,2) = % x, %v (want -0.13)", got, err)
	}
}

func TestAppendDecimalWireFloating(t *testing.T) {
	const fl = DecimalFloatingScale
	tests := []struct {
		value string
		p     int
		wire  string
	}{
		{"1234.5", 5, "c2 0c 22 32"},
		{"12345.678", 5, "c3 01 17 2e"}, // 5 significant digits
		{"1e100", 5, "f3 01 00 00"},
		{"123456.7", 6, "c3 0c 22 39 00"},     // 6 digits, pair-aligned: 3 pairs and a pad
		{"12345.6", 6, "c3 01 17 2d 3c"},      // 6 digits across 4 pairs: all kept
		{"12345.67", 6, "c3 01 17 2d 46"},     // 7 digits rounded to 6
		{"-0.000123456", 6, "40 62 4c 36 28"}, // complemented
		{"99999.95", 6, "c3 0a 00 00 00"},     // rounds up to 100000
		{"0", 16, "80 00 00 00 00 00 00 00 00 00"},
	}
	for _, tt := range tests {
		got, err := AppendDecimalWire(nil, mustDec(t, tt.value), tt.p, fl)
		if err != nil {
			t.Errorf("AppendDecimalWire(%s, DECIMAL(%d)): %v", tt.value, tt.p, err)
			continue
		}
		if len(got) != DecimalWireLen(tt.p, fl) {
			t.Errorf("AppendDecimalWire(%s, DECIMAL(%d)) wrote %d bytes", tt.value, tt.p, len(got))
		}
		if want := hx(t, tt.wire); !bytes.Equal(got, want) {
			t.Errorf("AppendDecimalWire(%s, DECIMAL(%d)) = % x, want % x", tt.value, tt.p, got, want)
		}
	}
}

// refEncode is an independent encoder built on math/big, used to check the
// digit-array implementation: scale the value to an integer number of
// base-100 fraction pairs, take its base-100 digits, and derive the
// exponent from how many of them lie left of the point.
func refEncode(value string, p, s int) []byte {
	r, ok := new(big.Rat).SetString(value)
	if !ok {
		panic(value)
	}
	neg := r.Sign() < 0
	r.Abs(r)
	fracPairs := (s + 1) / 2
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(100), big.NewInt(int64(fracPairs)), nil)))
	if !r.IsInt() {
		panic("value has more digits than the scale: " + value)
	}
	v := r.Num()
	width := (p + s&1 + 3) / 2
	out := make([]byte, width)
	if v.Sign() == 0 {
		out[0] = 0x80
		return out
	}
	var digits []byte
	hundred := big.NewInt(100)
	for v.Sign() > 0 {
		m := new(big.Int)
		v.DivMod(v, hundred, m)
		digits = append([]byte{byte(m.Int64())}, digits...)
	}
	exp := len(digits) - fracPairs
	for len(digits) > 0 && digits[len(digits)-1] == 0 {
		digits = digits[:len(digits)-1]
	}
	out[0] = byte(0x80 | (exp + 64))
	copy(out[1:], digits)
	if neg {
		out[0] ^= 0xff
		complement100(out[1:])
	}
	return out
}

func randomDecimalText(rng *rand.Rand, p, s int) string {
	var b strings.Builder
	if rng.IntN(2) == 0 {
		b.WriteByte('-')
	}
	intDigits := rng.IntN(p - s + 1)
	if intDigits == 0 {
		b.WriteByte('0')
	}
	for i := range intDigits {
		c := byte('0' + rng.IntN(10))
		if i == 0 && c == '0' && rng.IntN(4) != 0 {
			c = '1'
		}
		b.WriteByte(c)
	}
	if s > 0 {
		b.WriteByte('.')
		// Bias toward zeros so that trailing/leading zero pairs are exercised.
		for range s {
			if rng.IntN(3) == 0 {
				b.WriteByte('0')
			} else {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
		}
	}
	return b.String()
}

func TestDecimalWireRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 0
	for p := 1; p <= MaxDecimalDigits; p++ {
		for s := 0; s <= p; s++ {
			for range 40 {
				text := randomDecimalText(rng, p, s)
				d := mustDec(t, text)
				got, err := AppendDecimalWire(nil, d, p, s)
				if err != nil {
					t.Fatalf("AppendDecimalWire(%s, %d,%d): %v", text, p, s, err)
				}
				if want := refEncode(text, p, s); !bytes.Equal(got, want) {
					t.Fatalf("AppendDecimalWire(%s, %d,%d) = % x, reference % x", text, p, s, got, want)
				}
				back, null, err := DecodeDecimalWireScale(got, s)
				if err != nil || null || back.Cmp(d) != 0 || back.Scale() != int32(s) {
					t.Fatalf("round trip %s (%d,%d): % x -> %s (scale %d), %v, %v", text, p, s, got, back, back.Scale(), null, err)
				}
				if back.String() != d.String() && d.Scale() == int32(s) {
					t.Fatalf("round trip %s (%d,%d) printed %s", text, p, s, back)
				}
				bind := AppendDecimalBind(nil, d)
				if !bytes.HasPrefix(got, bind) {
					t.Fatalf("bind form % x is not a prefix of the column form % x", bind, got)
				}
				if back2, _, err := DecodeDecimalWire(bind); err != nil || back2.Cmp(d) != 0 {
					t.Fatalf("bind round trip %s: % x -> %s, %v", text, bind, back2, err)
				}
				n++
			}
		}
	}
	t.Logf("%d random values checked", n)
}

func TestDecimalWireRoundTripFloatingRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		p := 1 + rng.IntN(MaxDecimalDigits)
		text := fmt.Sprintf("%s%de%d", []string{"", "-"}[rng.IntN(2)], rng.Int64N(1e18), rng.IntN(200)-110)
		d := mustDec(t, text)
		got, err := AppendDecimalWire(nil, d, p, DecimalFloatingScale)
		if err != nil || len(got) != DecimalWireLen(p, DecimalFloatingScale) {
			t.Fatalf("AppendDecimalWire(%s, DECIMAL(%d)) = % x, %v", text, p, got, err)
		}
		back, _, err := DecodeDecimalWire(got)
		if err != nil {
			t.Fatalf("decode % x: %v", got, err)
		}
		// The decoded value is d rounded to p significant digits.
		adj := d.adjExp()
		if back.Cmp(d.Round(int32(int64(p)-1-adj))) != 0 {
			t.Fatalf("DECIMAL(%d) %s -> %s is not a rounding of it", p, text, back)
		}
	}
}
