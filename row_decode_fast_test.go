package ifx

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

// TestFastDateTimeMatchesGeneral checks fastDateTime against
// DecodeDateTimeWire + DateTime.Time for every YEAR TO x qualifier, on
// valid values and on random bytes.
func TestFastDateTimeMatchesGeneral(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		loc = time.FixedZone("X", -5*3600)
	}
	var quals []ifxtype.Qualifier
	for end := ifxtype.TUYear; end <= ifxtype.TUFraction5; end++ {
		if end < ifxtype.TUSecond && end%2 != 0 {
			continue
		}
		q, err := ifxtype.DateTimeQualifier(ifxtype.TUYear, end)
		if err != nil {
			t.Fatal(err)
		}
		quals = append(quals, q)
	}
	fast := 0
	check := func(v []byte, q ifxtype.Qualifier) {
		t.Helper()
		low, ok := dateTimeLow(q)
		if !ok {
			t.Fatalf("%v: no fast path", q)
		}
		for _, l := range []*time.Location{time.UTC, loc} {
			dt, null, err := ifxtype.DecodeDateTimeWire(v, q)
			got, ok := fastDateTime(v, low, l)
			if !ok {
				continue
			}
			fast++
			if err != nil || null {
				t.Fatalf("% x %v: fast path accepted %v, general path: null=%v %v", v, q, got, null, err)
			}
			if want := dt.Time(l); !got.Equal(want) || got.Location() != want.Location() {
				t.Fatalf("% x %v: fast %v, general %v", v, q, got, want)
			}
			if gotDT, ok := fastDateTimeValue(v, low, q); !ok || gotDT != dt {
				t.Fatalf("% x %v: fast DateTime %v %v, general %v", v, q, gotDT, ok, dt)
			}
		}
	}
	for range 100000 {
		q := quals[rng.IntN(len(quals))]
		tm := time.Date(1+rng.IntN(9999), time.Month(1+rng.IntN(12)), 1+rng.IntN(31), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
		if rng.IntN(4) == 0 {
			tm = tm.Truncate(time.Hour)
		}
		w := ifxtype.AppendDateTimeWire(nil, ifxtype.DateTimeFromTime(tm, q))
		check(w, q)
		// Corrupt one byte now and then.
		if len(w) > 1 && rng.IntN(3) == 0 {
			w[rng.IntN(len(w))] = byte(rng.IntN(256))
			check(w, q)
		}
	}
	for range 100000 {
		q := quals[rng.IntN(len(quals))]
		v := make([]byte, q.WireLen())
		for i := range v {
			v[i] = byte(rng.IntN(100))
		}
		v[0] = byte(0xc0 + rng.IntN(8))
		check(v, q)
	}
	if fast < 100000 {
		t.Errorf("fast path taken %d times only", fast)
	}
}

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
