package ifxtype

import (
	"math"
	"time"
)

// DateNull is the DATE day number that means NULL on the wire (80 00 00
// 00): the smallest int32, which no real date reaches.
const DateNull int32 = math.MinInt32

// dateEpochUnix is day 0 of Informix DATE, 1899-12-31 (so that
// 1900-01-01 is day 1), in Unix seconds.
var dateEpochUnix = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC).Unix()

// DateToDayNumber returns the Informix DATE day number of t's calendar date
// in t's own location (the clock time is ignored): days since 1899-12-31,
// so 1900-01-01 is 1 and 2026-05-04 is 46145. Dates too far out for an
// int32 (beyond ±5.8 million years) saturate, and never produce DateNull.
func DateToDayNumber(t time.Time) int32 {
	y, m, d := t.Date()
	// Re-anchoring the calendar date at UTC midnight removes the location's
	// offset and any DST gap from the day arithmetic.
	days := (time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() - dateEpochUnix) / 86400
	return int32(min(max(days, math.MinInt32+1), math.MaxInt32))
}

// DayNumberToDate returns midnight in loc (UTC if nil) of DATE day number
// n. It does not treat DateNull specially; check for it first.
func DayNumberToDate(n int32, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(1899, time.December, 31+int(n), 0, 0, 0, 0, loc)
}
