package ifxtype

import (
	"math/rand/v2"
	"testing"
)

// decodeScaleSlow is DecodeDecimalWireScale without its fast path.
func decodeScaleSlow(src []byte, scale int) (Decimal, bool, error) {
	d, null, err := DecodeDecimalWire(src)
	if err != nil || null {
		return d, null, err
	}
	if scale >= 0 && scale <= MaxDecimalDigits && int32(scale) > d.scale {
		d = d.Round(int32(scale))
	}
	return d, false, nil
}

// TestDecodeDecimalScaleFastMatchesSlow compares the fast path with the
// general one on random column values and random raw bytes.
func TestDecodeDecimalScaleFastMatchesSlow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(src []byte, scale int) {
		t.Helper()
		want, wnull, werr := decodeScaleSlow(src, scale)
		got, gnull, gerr := DecodeDecimalWireScale(src, scale)
		if got != want || gnull != wnull || (gerr == nil) != (werr == nil) {
			t.Fatalf("% x scale %d: got %v (%+v) %v %v, want %v (%+v) %v %v", src, scale, got, got, gnull, gerr, want, want, wnull, werr)
		}
	}
	digits := []byte("0123456789")
	for range 200000 {
		prec := 1 + rng.IntN(32)
		scale := rng.IntN(prec + 1)
		nd := 1 + rng.IntN(prec)
		b := make([]byte, 0, 40)
		if rng.IntN(2) == 0 {
			b = append(b, '-')
		}
		for k := range nd {
			if k == nd-scale && scale > 0 {
				b = append(b, '.')
			}
			b = append(b, digits[rng.IntN(10)])
		}
		d, err := ParseDecimal(string(b))
		if err != nil {
			continue
		}
		w, err := AppendDecimalWire(nil, d, prec, scale)
		if err != nil {
			continue
		}
		check(w, scale)
		check(AppendDecimalBind(nil, d), scale)
		for s := range 4 {
			check(w, s)
		}
		check(w, DecimalFloatingScale)
	}
	for range 200000 {
		n := 1 + rng.IntN(18)
		src := make([]byte, n)
		for i := range src {
			if rng.IntN(4) == 0 {
				src[i] = byte(rng.IntN(256))
			} else {
				src[i] = byte(rng.IntN(100))
			}
		}
		if rng.IntN(2) == 0 {
			src[0] = byte(rng.IntN(256))
		}
		check(src, rng.IntN(34))
	}
}

// TestDecodeDecimalScaleFastEdges compares the fast path with the general
// one on edge values: negatives whose complement holds 99 pairs, a last
// pair at either end of the 8-byte words the fast path reads, the
// exponent's extremes, NULL and zero, in every width from 2 to 18 bytes.
func TestDecodeDecimalScaleFastEdges(t *testing.T) {
	vals := []string{
		"1", "-1", "0.01", "-0.01", "99.99", "-99.99", "100", "-100", "-0.99", "-1.01",
		"12345678901234.56", "-12345678901234.56", "99999999999999999999999999999999",
		"-99999999999999999999999999999999", "0.00000000000000000000000000000001",
		"1e125", "-1e125", "9e-130", "-9e-130", "1e-128", "123456789012345678901234567890.12",
		"1234567890.12", "9876543.21", "10203.04", "99999999.99999",
	}
	for _, sv := range vals {
		d, err := ParseDecimal(sv)
		if err != nil {
			t.Fatal(sv, err)
		}
		for prec := 1; prec <= MaxDecimalDigits; prec++ {
			for _, scale := range []int{0, 1, 2, prec / 2, prec, DecimalFloatingScale} {
				w, err := AppendDecimalWire(nil, d, prec, scale)
				if err != nil {
					continue
				}
				for s := range 5 {
					want, wnull, werr := decodeScaleSlow(w, s)
					got, gnull, gerr := DecodeDecimalWireScale(w, s)
					if got != want || gnull != wnull || (gerr == nil) != (werr == nil) {
						t.Fatalf("%s (%d,%d) % x scale %d: got %v %v %v, want %v %v %v", sv, prec, scale, w, s, got, gnull, gerr, want, wnull, werr)
					}
					var into Decimal
					if DecodeDecimalInto(&into, w, s) && into != want {
						t.Fatalf("%s (%d,%d) % x scale %d: DecodeDecimalInto %v, want %v", sv, prec, scale, w, s, into, want)
					}
				}
			}
		}
	}
	for n := 2; n <= 18; n++ {
		null := make([]byte, n) // 00 00 …: NULL
		zero := append([]byte{zeroHead}, make([]byte, n-1)...)
		for _, src := range [][]byte{null, zero} {
			var d Decimal
			if DecodeDecimalInto(&d, src, 2) {
				t.Fatalf("% x: fast path took NULL or zero", src)
			}
		}
	}
}

// TestPairDigits4 checks the word-wide pair-to-digits conversion against
// division for every pair value in every position of the word.
func TestPairDigits4(t *testing.T) {
	for p := range 100 {
		for pos := range 4 {
			for _, other := range []byte{0, 9, 10, 99} {
				var b [4]byte
				for i := range b {
					b[i] = other
				}
				b[pos] = byte(p)
				w := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
				got := pairDigits4(w)
				for i, pb := range b {
					tens, ones := byte(got>>(16*i)), byte(got>>(16*i+8))
					if tens != pb/10 || ones != pb%10 {
						t.Fatalf("pairs % d: digits %016x, pair %d gives %d%d", b, got, i, tens, ones)
					}
				}
			}
		}
	}
}
