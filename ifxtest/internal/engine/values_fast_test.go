package engine

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
)

// The decimal and DATETIME text helpers were rewritten to allocate less;
// these tests compare them with the originals (values_ref_test.go).

func randDecText(rng *rand.Rand) string {
	b := []byte{}
	switch rng.IntN(4) {
	case 0:
		b = append(b, '-')
	case 1:
		b = append(b, '+')
	}
	for range rng.IntN(12) {
		b = append(b, byte('0'+rng.IntN(10)))
	}
	if rng.IntN(2) == 0 {
		b = append(b, '.')
		for range rng.IntN(12) {
			b = append(b, byte('0'+rng.IntN(10)))
		}
	}
	if rng.IntN(5) == 0 {
		b = append(b, 'e')
		b = strconv.AppendInt(b, int64(rng.IntN(41)-20), 10)
	}
	if rng.IntN(20) == 0 && len(b) > 0 {
		b[rng.IntN(len(b))] = 'x'
	}
	return string(b)
}

func TestDecimalHelpersMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 12.34, 1e15, 1e16, 123456789012345678, 1e-7, math.MaxFloat64, math.SmallestNonzeroFloat64}
	for range 50000 {
		floats = append(floats, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(40)-20)), float64(rng.IntN(1e6))*1234/100)
	}
	var decs []decNum
	for _, f := range floats {
		for _, sig := range []int{-1, 15} {
			got, want := decFromFloat(f, sig), refDecFromFloat(f, sig)
			if got != want {
				t.Fatalf("decFromFloat(%v, %d) = %+v, want %+v", f, sig, got, want)
			}
			decs = append(decs, got)
		}
	}
	for range 100000 {
		s := randDecText(rng)
		got, gok := parseDec(s)
		want, wok := refParseDec(s)
		if got != want || gok != wok {
			t.Fatalf("parseDec(%q) = %+v %v, want %+v %v", s, got, gok, want, wok)
		}
		if gok {
			decs = append(decs, got)
		}
	}
	for _, d := range decs {
		for _, sc := range []int{-1, 0, 1, 2, 5, 14} {
			if got, want := d.format(sc), refFormat(d, sc); got != want {
				t.Fatalf("%+v.format(%d) = %q, want %q", d, sc, got, want)
			}
			if sc >= 0 {
				if got, want := d.roundScale(sc), refRoundScale(d, sc); got != want {
					t.Fatalf("%+v.roundScale(%d) = %+v, want %+v", d, sc, got, want)
				}
			}
		}
		for _, p := range []int{1, 3, 12, 16, 32} {
			if got, want := d.roundSig(p), refRoundSig(d, p); got != want {
				t.Fatalf("%+v.roundSig(%d) = %+v, want %+v", d, p, got, want)
			}
		}
		if got, want := decStorage(d), refDecStorage(d); got != want {
			t.Fatalf("decStorage(%+v) = %#v, want %#v", d, got, want)
		}
	}
}

func TestDateTimeHelpersMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	seps := "-- ::."
	for range 200000 {
		// Mostly well-formed texts of some qualifier, now and then damaged.
		k := rng.IntN(7)
		n := 1 + rng.IntN(7-k)
		b := []byte{}
		for i := range n {
			fi := k + i
			w := 2
			switch fi {
			case 0:
				w = 4
			case 6:
				w = 1 + rng.IntN(6)
			}
			if rng.IntN(10) == 0 {
				w = rng.IntN(6)
			}
			for range w {
				b = append(b, byte('0'+rng.IntN(10)))
			}
			if i < n-1 {
				b = append(b, seps[fi])
			}
		}
		if rng.IntN(10) == 0 && len(b) > 0 {
			b[rng.IntN(len(b))] = " -:.T"[rng.IntN(5)]
		}
		if rng.IntN(20) == 0 {
			b = append([]byte(" "), b...)
		}
		s := string(b)
		for _, want := range []int{QYear, QDay, QHour, 15} {
			got, gerr := parseDT(s, want)
			ref, rerr := refParseDT(s, want)
			if !reflect.DeepEqual(got, ref) || (gerr == nil) != (rerr == nil) || gerr != nil && gerr.Error() != rerr.Error() {
				t.Fatalf("parseDT(%q, %d) = %+v %v, want %+v %v", s, want, got, gerr, ref, rerr)
			}
			if gerr == nil {
				if g, r := got.format(), refDTFormat(got); g != r {
					t.Fatalf("format(%+v) = %q, want %q", got, g, r)
				}
			}
		}
	}
	for _, v := range []dtVal{{f: [7]int64{-5, 1, 1}, start: QYear, end: QDay}, {f: [7]int64{2026, 1, 1, 0, 0, 0, 123456}, start: QYear, end: 15}} {
		if g, r := v.format(), refDTFormat(v); g != r {
			t.Fatalf("format(%+v) = %q, want %q", v, g, r)
		}
	}
	for y := 1; y < 2500; y++ {
		for m := 1; m <= 12; m++ {
			if got, want := daysIn(y, m), refDaysIn(y, m); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, want %d", y, m, got, want)
			}
		}
	}
}

func TestDecimalConversionShortcuts(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	types := []ifxType{tDecimal(32, 0xff), tDecimal(12, 2), tDecimal(16, 0xff), tDecimal(5, 0), tDecimal(32, 10), tDecimal(8, 8)}
	for range 20000 {
		x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(30)-12))
		if rng.IntN(4) == 0 {
			x = math.Round(x)
		}
		d := decFromFloat(x, 15)
		for _, sc := range []int{-1, 0, 2, 7} {
			want, _ := parseDec(d.format(sc))
			if got := d.reparse(sc); got != want {
				t.Fatalf("%+v.reparse(%d) = %+v, want %+v", d, sc, got, want)
			}
		}
		for _, from := range types {
			for _, to := range types {
				got, gerr := convertValue(x, from, to)
				want, werr := convertValueText(x, from, to)
				if got != want || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
					t.Fatalf("convertValue(%v, %v, %v) = %#v %v, want %#v %v", x, from, to, got, gerr, want, werr)
				}
			}
		}
	}
}
