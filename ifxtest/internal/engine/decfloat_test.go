package engine

import (
	"math"
	"math/rand"
	"strconv"
	"strings"
	"testing"
)

// TestDecFloatExactMatchesParseFloat checks decFloatExact against
// strconv.ParseFloat of the decimal's text, bit for bit, over random
// decimals of 1 to 15 digits with 1 to 22 places (and some it must
// refuse), both signs, and the edges: 15 nines, 22 places, trailing
// zeros, a leading digit in the last place.
func TestDecFloatExactMatchesParseFloat(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	var ds []decNum
	for _, digits := range []string{"1", "9", "5", "999999999999999", "100000000000000", "123456789012345", "4503599627370497", "9007199254740993"} {
		for exp := -24; exp <= 1; exp++ {
			ds = append(ds, decNum{digits: digits, exp: exp}, decNum{neg: true, digits: digits, exp: exp})
		}
	}
	for range 200000 {
		n := 1 + r.Intn(16)
		var b strings.Builder
		b.WriteByte(byte('1' + r.Intn(9)))
		for range n - 1 {
			b.WriteByte(byte('0' + r.Intn(10)))
		}
		ds = append(ds, decNum{neg: r.Intn(2) == 0, digits: b.String(), exp: -r.Intn(24)})
	}
	took := 0
	for _, d := range ds {
		f, ok := decFloatExact(d)
		if !ok {
			if len(d.digits) <= 15 && d.exp < 0 && d.exp >= -22 {
				t.Fatalf("%+v refused", d)
			}
			continue
		}
		took++
		want, err := strconv.ParseFloat(d.format(-1), 64)
		if err != nil || math.Float64bits(f) != math.Float64bits(want) {
			t.Fatalf("%+v (%s): %v, ParseFloat %v %v", d, d.format(-1), f, want, err)
		}
	}
	if took < len(ds)/2 {
		t.Fatalf("took %d of %d", took, len(ds))
	}
}
