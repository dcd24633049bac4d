package ifxtest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/ifxtype"
)

// The packed form made from the engine's text is byte for byte the one
// ifxtype makes of the parsed value, and text that ifxtype would refuse,
// round or reparse leniently never takes the text path.
func TestPackedTextMatchesIfxtype(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 3))
	digits := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteByte(byte('0' + rng.IntN(10)))
		}
		return sb.String()
	}

	// DECIMAL(p,s): every declarable p and s, canonical text of every
	// length and text the engine never makes.
	decTexts := func(p, s int) []string {
		if s == ifxtype.DecimalFloatingScale {
			s = rng.IntN(p + 1)
		}
		out := []string{"0", "-0", "0.00", "-0.00", "12.", ".5", "1e5", "+1", " 1", "1 ", "", "-", "1.2.3", "00012.50", "-007", "0.0000001"}
		for range 40 {
			n := rng.IntN(p-s+2) + rng.IntN(2)
			x := digits(n)
			if n == 0 || rng.IntN(4) == 0 {
				x = "0"
			}
			if f := s + rng.IntN(3) - 1; f > 0 && rng.IntN(8) != 0 {
				x += "." + digits(f)
			} else if s > 0 {
				x += "." + digits(s)
			}
			if rng.IntN(2) == 0 {
				x = "-" + x
			}
			out = append(out, x)
		}
		return out
	}
	fast := 0
	for p := 1; p <= 32; p++ {
		for _, s := range []int{0, 1, 2, p / 2, p, 0xff} {
			if s != 0xff && s > p {
				continue
			}
			for _, x := range decTexts(p, s) {
				got, ok := appendDecimalText([]byte{9}, x, p, s)
				var want []byte
				d, err := ifxtype.ParseDecimal(x)
				if err == nil {
					want, err = ifxtype.AppendDecimalWire([]byte{9}, d, p, s)
				}
				if !ok {
					if !bytes.Equal(got, []byte{9}) {
						t.Fatalf("DECIMAL(%d,%d) %q: refused after appending %x", p, s, x, got)
					}
					continue
				}
				fast++
				if err != nil || !bytes.Equal(got, want) {
					t.Fatalf("DECIMAL(%d,%d) %q: text path %x, ifxtype %x %v", p, s, x, got, want, err)
				}
			}
		}
	}
	if fast < 1000 {
		t.Fatalf("only %d DECIMAL texts took the text path", fast)
	}

	// DATETIME YEAR TO x: every end, valid dates across the range and
	// impossible or malformed ones.
	fast = 0
	for end := ifxtype.TUYear; end <= ifxtype.TUFraction5; end++ {
		if end < ifxtype.TUSecond && end%2 != 0 {
			continue
		}
		q, err := ifxtype.DateTimeQualifier(ifxtype.TUYear, end)
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{"0000-01-01 00:00:00.00000", "2026-13-01 00:00:00.00000", "2026-04-31 00:00:00.00000", "2025-02-29 00:00:00.00000",
			"2024-02-29 23:59:59.99999", "1900-02-29 00:00:00.00000", "2000-02-29 00:00:00.00000", "2026-01-01 24:00:00.00000",
			"2026-01-01 00:60:00.00000", "2026-01-01 00:00:60.00000", "9999-12-31 23:59:59.99999", "0001-01-01 00:00:00.00000",
			"2026-00-10 00:00:00.00000", "2026-01-00 00:00:00.00000", "2026/01/01 00:00:00.00000", "2026-01-01T00:00:00.00000",
			"2026-1-01 00:00:00.00000", "20a6-01-01 00:00:00.00000", "0099-05-05 05:05:05.05050", "0100-01-01 00:00:00.00000"}
		for range 300 {
			texts = append(texts, fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d.%05d", rng.IntN(10000), rng.IntN(13), rng.IntN(32),
				rng.IntN(25), rng.IntN(61), rng.IntN(61), rng.IntN(100000)))
		}
		want := 19
		if end < ifxtype.TUSecond {
			want = 4 + 3*(end/2)
		} else if end > ifxtype.TUSecond {
			want = 20 + end - ifxtype.TUSecond
		}
		for i, x := range texts {
			for _, cut := range []int{want, want - 1, want + 1} {
				if cut > len(x) {
					continue
				}
				x := x[:cut]
				got, ok := appendDateTimeText([]byte{9}, x, q)
				var wantB []byte
				dt, err := ifxtype.ParseDateTime(x, q)
				if err == nil {
					wantB = ifxtype.AppendDateTimeWire([]byte{9}, dt)
				}
				if !ok {
					if !bytes.Equal(got, []byte{9}) {
						t.Fatalf("%v %q: refused after appending %x", q, x, got)
					}
					if err == nil && cut == want && i >= 20 {
						t.Fatalf("%v %q: valid canonical text refused", q, x) // the random texts are canonical
					}
					continue
				}
				fast++
				if err != nil || !bytes.Equal(got, wantB) {
					t.Fatalf("%v %q: text path %x, ifxtype %x %v", q, x, got, wantB, err)
				}
			}
		}
	}
	if fast < 1000 {
		t.Fatalf("only %d DATETIME texts took the text path", fast)
	}
}
