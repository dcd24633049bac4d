package ifxtype

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestDateDayNumber(t *testing.T) {
	tests := []struct {
		y    int
		m    time.Month
		d    int
		want int32
	}{
		{1899, time.December, 31, 0},
		{1900, time.January, 1, 1},
		{1899, time.December, 30, -1},
		{1900, time.March, 1, 60}, // 1900 is not a leap year (unlike some spreadsheets)
		{1970, time.January, 1, 25568},
		{2026, time.May, 4, 46145}, // docs/PROTOCOL.md, note N7
		{1, time.January, 1, -693594},
		{9999, time.December, 31, 2958464},
	}
	for _, tt := range tests {
		tm := time.Date(tt.y, tt.m, tt.d, 0, 0, 0, 0, time.UTC)
		if got := DateToDayNumber(tm); got != tt.want {
			t.Errorf("DateToDayNumber(%s) = %d, want %d", tm.Format(time.DateOnly), got, tt.want)
		}
		if got := DayNumberToDate(tt.want, nil); !got.Equal(tm) || got.Location() != time.UTC {
			t.Errorf("DayNumberToDate(%d) = %v, want %v", tt.want, got, tm)
		}
	}
	// §11.8 gives the wire bytes too.
	if b := binary.BigEndian.AppendUint32(nil, uint32(DateToDayNumber(time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)))); string(b) != "\x00\x00\xb4\x41" {
		t.Errorf("46145 = % x", b)
	}
	if null := binary.BigEndian.AppendUint32(nil, uint32(int64(DateNull)&0xffffffff)); string(null) != "\x80\x00\x00\x00" {
		t.Errorf("DateNull = % x", null)
	}
}

func TestDateLocation(t *testing.T) {
	// The calendar date in t's own zone counts, not the UTC instant.
	west := time.FixedZone("W", -7*3600)
	late := time.Date(2026, 5, 4, 23, 30, 0, 0, west) // already May 5 in UTC
	if got := DateToDayNumber(late); got != 46145 {
		t.Errorf("DateToDayNumber(late evening west of UTC) = %d", got)
	}
	east := time.FixedZone("E", 14*3600)
	early := time.Date(2026, 5, 4, 0, 30, 0, 0, east) // still May 3 in UTC
	if got := DateToDayNumber(early); got != 46145 {
		t.Errorf("DateToDayNumber(early morning east of UTC) = %d", got)
	}
	got := DayNumberToDate(46145, west)
	if got.Location() != west || got.Hour() != 0 || got.Day() != 4 {
		t.Errorf("DayNumberToDate(46145, west) = %v", got)
	}
}

func TestDateSaturates(t *testing.T) {
	if got := DateToDayNumber(time.Date(7000000, 1, 1, 0, 0, 0, 0, time.UTC)); got != math.MaxInt32 {
		t.Errorf("far future = %d", got)
	}
	if got := DateToDayNumber(time.Date(-7000000, 1, 1, 0, 0, 0, 0, time.UTC)); got != math.MinInt32+1 {
		t.Errorf("far past = %d (must not be DateNull)", got)
	}
}

func TestDateRoundTripRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		n := int32(rng.Int64N(2958464+693594+1) - 693594)
		if back := DateToDayNumber(DayNumberToDate(n, time.Local)); back != n {
			t.Fatalf("day %d round trips to %d", n, back)
		}
	}
}
