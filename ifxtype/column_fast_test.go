package ifxtype

import (
	"math/rand/v2"
	"testing"
	"time"
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
	var quals []Qualifier
	for end := TUYear; end <= TUFraction5; end++ {
		if end < TUSecond && end%2 != 0 {
			continue
		}
		q, err := DateTimeQualifier(TUYear, end)
		if err != nil {
			t.Fatal(err)
		}
		quals = append(quals, q)
	}
	fast := 0
	check := func(v []byte, q Qualifier) {
		t.Helper()
		low, ok := dateTimeLow(q)
		if !ok {
			t.Fatalf("%v: no fast path", q)
		}
		for _, l := range []*time.Location{time.UTC, loc} {
			dt, null, err := DecodeDateTimeWire(v, q)
			got, ok := fastDateTime(v, low, l)
			if !ok {
				continue
			}
			fast++
			if err != nil || null {
				t.Fatalf("% x %v: fast path accepted %v, general path: null=%v %v", v, q, got, null, err)
			}
			// == and not Equal: the fast path must build the very
			// value the general one does (wall, ext and zone).
			if want := dt.Time(l); got != want {
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
		w := AppendDateTimeWire(nil, DateTimeFromTime(tm, q))
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

// TestDaysSinceEpochEveryDate checks the civil-date arithmetic of the
// UTC fast path (and its month table) against time.Date on every date of
// years 1 to 9999.
func TestDaysSinceEpochEveryDate(t *testing.T) {
	d := time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	want := d.Unix() / 86400
	for d.Year() < 10000 {
		y, m, day := d.Date()
		if got := daysSinceEpoch(y, int(m), day); got != want {
			t.Fatalf("%v: %d days, want %d", d.Format(time.DateOnly), got, want)
		}
		if got := civilDays(y, int(m), day); got != want {
			t.Fatalf("%v: civilDays %d, want %d", d.Format(time.DateOnly), got, want)
		}
		d = d.AddDate(0, 0, 1)
		want++
	}
}

// TestRowLayoutSplitMatchesSplitRow: RowLayout.Split cuts every tuple
// SplitRow cuts, into the same values, and declines every tuple SplitRow
// rejects, on random column layouts and random or truncated tuples.
func TestRowLayoutSplitMatchesSplitRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	kinds := []ColumnKind{ColChar, ColVarChar, ColInt, ColBigInt, ColDecimal, ColDateTime, ColText, ColOpaque, ColBool, ColUnsupported}
	accepted := 0
	for range 50000 {
		plans := make([]ColumnPlan, 1+rng.IntN(6))
		var data []byte
		for i := range plans {
			k := kinds[rng.IntN(len(kinds))]
			plans[i].Kind = k
			switch k {
			case ColChar:
				plans[i].Width = rng.IntN(4) // CHAR(0) too
				data = append(data, make([]byte, plans[i].Width)...)
			case ColVarChar:
				n := rng.IntN(5)
				data = append(data, byte(n))
				data = append(data, make([]byte, n)...)
			case ColInt, ColBigInt, ColDecimal, ColDateTime:
				plans[i].Width = 1 + rng.IntN(8)
				data = append(data, make([]byte, plans[i].Width)...)
			default:
				n := rng.IntN(4)
				data = append(data, 0, 0, 0, 0, byte(n))
				data = append(data, make([]byte, n)...)
			}
		}
		switch rng.IntN(4) {
		case 0:
			data = data[:rng.IntN(len(data)+1)]
		case 1:
			data = append(data, 0)
		case 2:
			if len(data) > 0 {
				data[rng.IntN(len(data))] = byte(rng.IntN(256))
			}
		}
		want, err := SplitRow(nil, plans, data)
		got, ok := NewRowLayout(plans).Split(nil, data)
		if ok != (err == nil) {
			t.Fatalf("plans %+v tuple % x: Split ok=%v, SplitRow %v", plans, data, ok, err)
		}
		if !ok {
			continue
		}
		accepted++
		if len(got) != len(want) {
			t.Fatalf("tuple % x: %d values, want %d", data, len(got), len(want))
		}
		for i := range got {
			if string(got[i]) != string(want[i]) || cap(got[i]) != cap(want[i]) {
				t.Fatalf("tuple % x column %d: % x, want % x", data, i, got[i], want[i])
			}
		}
	}
	if accepted < 10000 {
		t.Errorf("only %d tuples accepted", accepted)
	}
}

// TestFastDateTimeYearToSecondEdges compares the YEAR TO SECOND fast path
// (yearToSecondUnix) with the general decode at every field's limits:
// months 0 and 13, the last day of each month and the one after it in
// leap and common years, 24 hours, 60 minutes and seconds, and years
// on either side of the month table.
func TestFastDateTimeYearToSecondEdges(t *testing.T) {
	q := QualYearToSecond
	low, ok := dateTimeLow(q)
	if !ok || low != 0 {
		t.Fatalf("YEAR TO SECOND: low %d, %v", low, ok)
	}
	taken := 0
	check := func(year, month, day, hour, minute, second int) {
		t.Helper()
		v := []byte{0xc7, byte(year / 100), byte(year % 100), byte(month), byte(day), byte(hour), byte(minute), byte(second)}
		got, ok := fastDateTime(v, low, time.UTC)
		dt, null, err := DecodeDateTimeWire(v, q)
		if !ok {
			if err == nil && !null && year >= 100 {
				t.Errorf("% x: fast path declined the valid %v", v, dt)
			}
			return
		}
		taken++
		if err != nil || null {
			t.Fatalf("% x: fast path accepted %v, general: null=%v %v", v, got, null, err)
		}
		if want := dt.Time(time.UTC); got != want {
			t.Fatalf("% x: fast %v, general %v", v, got, want)
		}
	}
	for _, year := range []int{99, 100, 1600, 1899, 1900, 1999, 2000, 2024, 2100, 2155, 2156, 9999} {
		for month := 0; month <= 13; month++ {
			for _, day := range []int{0, 1, 28, 29, 30, 31, 32} {
				check(year, month, day, 12, 30, 30)
			}
		}
		for _, hms := range [][3]int{{0, 0, 0}, {23, 59, 59}, {24, 0, 0}, {0, 60, 0}, {0, 0, 60}, {99, 99, 99}} {
			check(year, 2, 28, hms[0], hms[1], hms[2])
		}
	}
	if taken < 500 {
		t.Errorf("fast path taken %d times only", taken)
	}
}
