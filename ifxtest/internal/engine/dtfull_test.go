package engine

import (
	"fmt"
	"math/rand"
	"testing"
)

// TestParseDTFullMatchesGeneral checks the fixed-layout DATETIME parser
// against parseDTFast's general loop: whatever it accepts, the loop
// accepts with the same fields and qualifier, for every preferred start
// field, over random values (fields out of range included, which
// validate judges afterwards), fractions of 0 to 7 digits, and every
// one-byte change, deletion and insertion of them.
func TestParseDTFullMatchesGeneral(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var texts []string
	for range 400 {
		s := fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", r.Intn(10000), r.Intn(100), r.Intn(100), r.Intn(100), r.Intn(100), r.Intn(100))
		if n := r.Intn(8); n > 0 {
			s += "." + fmt.Sprintf("%07d", r.Intn(10000000))[:n]
		}
		texts = append(texts, s)
	}
	texts = append(texts, "0000-00-00 00:00:00", "9999-12-31 23:59:59.99999", "2026-01-01 00:00:00.", "2026-01-01 00:00:00.123456")
	var all []string
	for _, s := range texts[:60] {
		for i := 0; i <= len(s); i++ {
			for _, c := range []byte("0 9-:. xT\x00") {
				if i < len(s) {
					all = append(all, s[:i]+string(c)+s[i+1:])
				}
				all = append(all, s[:i]+string(c)+s[i:])
			}
			if i < len(s) {
				all = append(all, s[:i]+s[i+1:])
			}
		}
	}
	all = append(all, texts...)
	accepted := 0
	for _, s := range all {
		v, ok := parseDTFull(s)
		if !ok {
			continue
		}
		accepted++
		for want := 0; want <= 15; want++ {
			g, gok := parseDTParts(s, want)
			if !gok || g != v {
				t.Fatalf("%q (want %d): fixed layout %+v, general %+v %v", s, want, v, g, gok)
			}
		}
	}
	if accepted < len(texts) {
		t.Fatalf("the fixed layout took %d of %d texts, fewer than the %d canonical ones", accepted, len(all), len(texts)-1)
	}
}
