package ifxtype

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
)

func mustDec(t testing.TB, s string) Decimal {
	t.Helper()
	d, err := ParseDecimal(s)
	if err != nil {
		t.Fatalf("ParseDecimal(%q): %v", s, err)
	}
	return d
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in, want string
		scale    int32
		sign     int
	}{
		{"0", "0", 0, 0},
		{"-0", "0", 0, 0},
		{"0.00", "0.00", 2, 0},
		{"-12.3400", "-12.3400", 4, -1},
		{"+.5", "0.5", 1, 1},
		{".5", "0.5", 1, 1},
		{"5.", "5", 0, 1},
		{"1e5", "100000", 0, 1},
		{"1E+5", "100000", 0, 1},
		{"1.5e-3", "0.0015", 4, 1},
		{"12.50e1", "125.0", 1, 1},
		{"000123.4500", "123.4500", 4, 1},
		{"-0.000", "0.000", 3, 0},
		{"99999999999999999999999999999999", "99999999999999999999999999999999", 0, 1},
		{"0.00000000000000000000000000000001", "0.00000000000000000000000000000001", 32, 1},
		{"-9223372036854775808", "-9223372036854775808", 0, -1},
		// Trailing zeros beyond 32 digits are dropped because the value
		// stays exact; the integer form then needs a negative scale.
		{"1" + strings.Repeat("0", 40), "1" + strings.Repeat("0", 40), -9, 1},
		{"1." + strings.Repeat("0", 40), "1." + strings.Repeat("0", 31), 31, 1},
		{"1e125", "1" + strings.Repeat("0", 125), -94, 1},
		{"1e-130", "0." + strings.Repeat("0", 129) + "1", 130, 1},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", tt.in, err)
			continue
		}
		if got := d.String(); got != tt.want {
			t.Errorf("ParseDecimal(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		if d.Scale() != tt.scale {
			t.Errorf("ParseDecimal(%q).Scale() = %d, want %d", tt.in, d.Scale(), tt.scale)
		}
		if d.Sign() != tt.sign {
			t.Errorf("ParseDecimal(%q).Sign() = %d, want %d", tt.in, d.Sign(), tt.sign)
		}
	}
}

func TestParseDecimalErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrSyntax},
		{"-", ErrSyntax},
		{".", ErrSyntax},
		{"+.", ErrSyntax},
		{"1.2.3", ErrSyntax},
		{"1e", ErrSyntax},
		{"1e+", ErrSyntax},
		{"e5", ErrSyntax},
		{" 1", ErrSyntax},
		{"1 ", ErrSyntax},
		{"1,5", ErrSyntax},
		{"NaN", ErrSyntax},
		{"Inf", ErrSyntax},
		{"0x10", ErrSyntax},
		{"--1", ErrSyntax},
		{"123456789012345678901234567890123", ErrOverflow},
		{"1.23456789012345678901234567890123", ErrOverflow},
		{"1e126", ErrOverflow},
		{"1e-131", ErrOverflow},
		{"1e999999999999999999999", ErrOverflow},
	}
	for _, tt := range tests {
		_, err := ParseDecimal(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseDecimal(%q) error = %v, want %v", tt.in, err, tt.want)
		}
	}
	// A zero is exact whatever its exponent, so only its scale is clamped.
	if d, err := ParseDecimal("0e-999999"); err != nil || !d.IsZero() {
		t.Errorf("ParseDecimal(0e-999999) = %v, %v", d, err)
	}
}

func TestDecimalFromInt64(t *testing.T) {
	for _, v := range []int64{0, 1, -1, 42, -1234567890, math.MaxInt64, math.MinInt64} {
		d := DecimalFromInt64(v)
		got, err := d.Int64()
		if err != nil || got != v {
			t.Errorf("DecimalFromInt64(%d).Int64() = %d, %v", v, got, err)
		}
		if d.Scale() != 0 {
			t.Errorf("DecimalFromInt64(%d).Scale() = %d", v, d.Scale())
		}
		if want := big.NewInt(v).String(); d.String() != want {
			t.Errorf("DecimalFromInt64(%d).String() = %q", v, d.String())
		}
	}
}

func TestDecimalInt64(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  error
	}{
		{"12.000", 12, nil},
		{"-0.00", 0, nil},
		{"1e18", 1e18, nil},
		{"9223372036854775807", math.MaxInt64, nil},
		{"-9223372036854775808", math.MinInt64, nil},
		{"9223372036854775808", 0, ErrOverflow},
		{"-9223372036854775809", 0, ErrOverflow},
		{"99999999999999999999", 0, ErrOverflow},
		{"1e40", 0, ErrOverflow},
		{"12.5", 0, ErrInexact},
		{"0.001", 0, ErrInexact},
	}
	for _, tt := range tests {
		got, err := mustDec(t, tt.in).Int64()
		if !errors.Is(err, tt.err) || (tt.err == nil && got != tt.want) {
			t.Errorf("%s.Int64() = %d, %v; want %d, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestDecimalFloat64(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.1, -0.1, 1.5, 123456.789, 1e-7, 1e20, 1e100, -1e-100,
		math.Pi, math.MaxInt64, 2.2250738585072014e-108, 1.7976931348623157e125, 5e-130} {
		d, err := DecimalFromFloat64(f)
		if err != nil {
			t.Errorf("DecimalFromFloat64(%v): %v", f, err)
			continue
		}
		if got := d.Float64(); got != f {
			t.Errorf("DecimalFromFloat64(%v).Float64() = %v", f, got)
		}
	}
	if d, _ := DecimalFromFloat64(0.1); d.String() != "0.1" {
		t.Errorf("DecimalFromFloat64(0.1) = %s, want shortest form 0.1", d)
	}
	if d, _ := DecimalFromFloat64(math.Copysign(0, -1)); d.Sign() != 0 || d.String() != "0" {
		t.Errorf("DecimalFromFloat64(-0) = %s", d)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := DecimalFromFloat64(f); !errors.Is(err, ErrSyntax) {
			t.Errorf("DecimalFromFloat64(%v) error = %v", f, err)
		}
	}
	for _, f := range []float64{1e300, 1e-300, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		if _, err := DecimalFromFloat64(f); !errors.Is(err, ErrOverflow) {
			t.Errorf("DecimalFromFloat64(%v) error = %v", f, err)
		}
	}
	// The slow path must round correctly too (more than 15 digits).
	a, b := 0.1, 0.2
	if got := mustDec(t, "0.30000000000000004").Float64(); got != a+b {
		t.Errorf("Float64 slow path = %v", got)
	}
	if got := mustDec(t, "-12345678901234567890.123456789").Float64(); got != -12345678901234567890.123456789 {
		t.Errorf("Float64 slow path = %v", got)
	}
}

func TestDecimalBigInt(t *testing.T) {
	for _, s := range []string{"0", "1", "-1", "12.3400", "-99999999999999999999999999999999",
		"0.00000000000000000000000000000001", "123456789012345678.90123456789012", "1e125"} {
		d := mustDec(t, s)
		v, scale := d.BigInt()
		back, err := DecimalFromBigInt(v, scale)
		if err != nil || back != d {
			t.Errorf("DecimalFromBigInt(%s.BigInt()) = %v, %v", s, back, err)
		}
	}
	v, scale := mustDec(t, "-12.3400").BigInt()
	if v.String() != "-123400" || scale != 4 {
		t.Errorf("BigInt(-12.3400) = %v, %d", v, scale)
	}
	if d, err := DecimalFromBigInt(big.NewInt(12345), 2); err != nil || d.String() != "123.45" {
		t.Errorf("DecimalFromBigInt(12345, 2) = %v, %v", d, err)
	}
	if d, err := DecimalFromBigInt(big.NewInt(5), -3); err != nil || d.String() != "5000" || d.Scale() != 0 {
		t.Errorf("DecimalFromBigInt(5, -3) = %v (scale %d), %v", d, d.Scale(), err)
	}
	if d, err := DecimalFromBigInt(nil, 2); err != nil || d.String() != "0.00" {
		t.Errorf("DecimalFromBigInt(nil, 2) = %v, %v", d, err)
	}
	huge := new(big.Int).Exp(big.NewInt(10), big.NewInt(40), nil)
	huge.Add(huge, big.NewInt(1))
	if _, err := DecimalFromBigInt(huge, 0); !errors.Is(err, ErrOverflow) {
		t.Errorf("DecimalFromBigInt(10^40+1) error = %v", err)
	}
}

func TestDecimalCmp(t *testing.T) {
	ordered := []string{"-1e100", "-100", "-99.99", "-1", "-0.5", "-0.0001", "0", "0.0001",
		"0.5", "1", "1.0000000000000000000000000000001", "99.99", "100", "1e100"}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := mustDec(t, a).Cmp(mustDec(t, b)); got != want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
	if mustDec(t, "1.50").Cmp(mustDec(t, "1.5")) != 0 || mustDec(t, "0.00").Cmp(Decimal{}) != 0 {
		t.Error("Cmp must ignore scale")
	}
}

func TestDecimalRound(t *testing.T) {
	tests := []struct {
		in    string
		scale int32
		want  string
	}{
		{"1.25", 1, "1.3"},
		{"-1.25", 1, "-1.3"},
		{"1.249", 1, "1.2"},
		{"-1.249", 1, "-1.2"},
		{"0.5", 0, "1"},
		{"-0.5", 0, "-1"},
		{"0.4", 0, "0"},
		{"-0.4", 0, "0"},
		{"9.995", 2, "10.00"},
		{"99.5", 0, "100"},
		{"0.05", 1, "0.1"},
		{"0.005", 1, "0.0"},
		{"12345", -2, "12300"},
		{"12355", -1, "12360"},
		{"1.5", 3, "1.500"},
		{"0", 2, "0.00"},
		{"0.00", 0, "0"},
		{"99999999999999999999999999999999", 2, "99999999999999999999999999999999"},
		{"9999999999999999999999999999999.9", 0, "10000000000000000000000000000000"},
		{"1.5", -100, "0"},
	}
	for _, tt := range tests {
		got := mustDec(t, tt.in).Round(tt.scale)
		if got.String() != tt.want {
			t.Errorf("%s.Round(%d) = %s, want %s", tt.in, tt.scale, got, tt.want)
		}
	}
	// Carrying past the top of the DECIMAL range truncates instead.
	top := mustDec(t, "9.95e125")
	if got := top.Round(-124); got.Cmp(mustDec(t, "9.9e125")) != 0 {
		t.Errorf("Round at range top = %s", got)
	}
}

func TestDecimalText(t *testing.T) {
	d := mustDec(t, "-12.3400")
	b, err := json.Marshal(struct{ D Decimal }{d})
	if err != nil || string(b) != `{"D":"-12.3400"}` {
		t.Fatalf("json.Marshal = %s, %v", b, err)
	}
	var back struct{ D Decimal }
	if err := json.Unmarshal(b, &back); err != nil || back.D != d {
		t.Fatalf("json.Unmarshal = %v, %v", back.D, err)
	}
	if err := back.D.UnmarshalText([]byte("junk")); !errors.Is(err, ErrSyntax) {
		t.Errorf("UnmarshalText(junk) = %v", err)
	}
	if out, _ := d.AppendText([]byte("x=")); string(out) != "x=-12.3400" {
		t.Errorf("AppendText = %q", out)
	}
}

func TestDecimalSQL(t *testing.T) {
	v, err := mustDec(t, "1.10").Value()
	if err != nil || v != driver.Value("1.10") {
		t.Errorf("Value() = %v, %v", v, err)
	}
	tests := []struct {
		src  any
		want string
	}{
		{"3.14", "3.14"},
		{[]byte("-2.50"), "-2.50"},
		{int64(-7), "-7"},
		{0.25, "0.25"},
		{mustDec(t, "9.9"), "9.9"},
	}
	for _, tt := range tests {
		var d Decimal
		if err := d.Scan(tt.src); err != nil || d.String() != tt.want {
			t.Errorf("Scan(%#v) = %s, %v", tt.src, d, err)
		}
	}
	var d Decimal
	for _, src := range []any{nil, true, int32(1)} {
		if err := d.Scan(src); !errors.Is(err, errors.ErrUnsupported) {
			t.Errorf("Scan(%#v) error = %v", src, err)
		}
	}
	if err := d.Scan("x"); !errors.Is(err, ErrSyntax) {
		t.Errorf("Scan(x) error = %v", err)
	}
	// sql.Null[Decimal] is the documented way to read nullable columns.
	var n sql.Null[Decimal]
	if err := n.Scan(nil); err != nil || n.Valid {
		t.Errorf("sql.Null[Decimal].Scan(nil) = %v, %v", n, err)
	}
}

func TestDecimalNegAbs(t *testing.T) {
	d := mustDec(t, "1.5")
	if d.Neg().String() != "-1.5" || d.Neg().Abs() != d || (Decimal{}).Neg() != (Decimal{}) {
		t.Error("Neg/Abs")
	}
}
