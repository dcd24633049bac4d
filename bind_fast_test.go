package ifx

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

// TestTimestampBindFastMatchesGeneral checks appendTimestampFast against
// AppendDateTimeWire(DateTimeFromTime(t, YEAR TO FRACTION(5))).
func TestTimestampBindFastMatchesGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200000 {
		tm := time.Date(1+rng.IntN(9999), time.Month(1+rng.IntN(12)), 1+rng.IntN(31), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
		switch rng.IntN(4) {
		case 0:
			tm = tm.Truncate(time.Second)
		case 1:
			tm = tm.Truncate(24 * time.Hour)
		}
		got, ok := appendTimestampFast([]byte{1, 2}, tm)
		if !ok {
			if y := tm.Year(); y >= 1000 {
				t.Fatalf("%v: no fast path", tm)
			}
			continue
		}
		want := ifxtype.AppendDateTimeWire([]byte{1, 2}, ifxtype.DateTimeFromTime(tm, qualTimestamp))
		if string(got) != string(want) {
			t.Fatalf("%v: fast % x, general % x", tm, got, want)
		}
	}
}
