package ifxtype

import (
	"fmt"
	"time"
)

// DateTime is an Informix DATETIME value: the calendar and clock fields its
// Qualifier covers, and nothing else. DATETIME HOUR TO MINUTE 12:34 has no
// date at all, which is why this is not a time.Time.
//
// Fields outside the qualifier are always zero, and the fraction is kept to
// the qualifier's digits, so == compares values of the same qualifier
// meaningfully. The zero DateTime has no qualifier; it is what the
// constructors return on failure, IsZero reports it, and it has no wire
// form.
type DateTime struct {
	year                             int16
	month, day, hour, minute, second uint8
	nsec                             int32
	q                                Qualifier
}

// NewDateTime returns the DATETIME with qualifier q and the given fields.
// Fields outside q are ignored, the nanoseconds are truncated to the
// qualifier's fraction digits, and the fields q covers are range-checked
// (year 1–9999, month 1–12, a day that exists in that month, hour < 24,
// minute and second < 60), failing with ErrRange. When q lacks the year,
// February 29 is accepted; when it lacks the month, any day up to 31 is.
func NewDateTime(year, month, day, hour, minute, second, nanosecond int, q Qualifier) (DateTime, error) {
	if err := q.ValidateDateTime(); err != nil {
		return DateTime{}, err
	}
	sp := spanOf(q)
	in := func(u int) bool { return u >= sp.su && u <= sp.eu }
	var f tfields
	for u, val := range [...]int{year, month, day, hour, minute, second} {
		if in(u) {
			if val < 0 {
				return DateTime{}, fieldRangeError(u, int64(val))
			}
			f.v[u] = uint64(val)
		}
	}
	if in(unitFraction) {
		if nanosecond < 0 || nanosecond >= 1e9 {
			return DateTime{}, fmt.Errorf("ifxtype: nanosecond %d: %w", nanosecond, ErrRange)
		}
		f.frac = uint64(nanosecond) / uint64(pow10u32[9-sp.fd])
	}
	return dateTimeFromFields(q, &f)
}

// dateTimeFromFields validates f against q (already valid) and builds the
// value; the wire decoder shares it so decoded values obey the same rules.
func dateTimeFromFields(q Qualifier, f *tfields) (DateTime, error) {
	sp := spanOf(q)
	in := func(u int) bool { return u >= sp.su && u <= sp.eu }
	v := &f.v
	switch {
	case in(unitYear) && (v[unitYear] < 1 || v[unitYear] > 9999):
		return DateTime{}, fieldRangeError(unitYear, int64(v[unitYear]))
	case in(unitMonth) && (v[unitMonth] < 1 || v[unitMonth] > 12):
		return DateTime{}, fieldRangeError(unitMonth, int64(v[unitMonth]))
	case in(unitDay) && (v[unitDay] < 1 || v[unitDay] > 31):
		return DateTime{}, fieldRangeError(unitDay, int64(v[unitDay]))
	case in(unitHour) && v[unitHour] > 23:
		return DateTime{}, fieldRangeError(unitHour, int64(v[unitHour]))
	case in(unitMinute) && v[unitMinute] > 59:
		return DateTime{}, fieldRangeError(unitMinute, int64(v[unitMinute]))
	case in(unitSecond) && v[unitSecond] > 59:
		return DateTime{}, fieldRangeError(unitSecond, int64(v[unitSecond]))
	}
	if in(unitDay) && in(unitMonth) {
		// Without a year, allow the leap day: some year has it.
		year := 2000
		if in(unitYear) {
			year = int(v[unitYear])
		}
		if int(v[unitDay]) > daysIn(time.Month(v[unitMonth]), year) {
			return DateTime{}, fmt.Errorf("ifxtype: day %d of month %d: %w", v[unitDay], v[unitMonth], ErrRange)
		}
	}
	var d DateTime
	d.q = q
	d.year = int16(v[unitYear])
	d.month, d.day = uint8(v[unitMonth]), uint8(v[unitDay])
	d.hour, d.minute, d.second = uint8(v[unitHour]), uint8(v[unitMinute]), uint8(v[unitSecond])
	if sp.fd > 0 {
		d.nsec = int32(f.frac) * int32(pow10u32[9-sp.fd])
	}
	return d, nil
}

func fieldRangeError(u int, val int64) error {
	return fmt.Errorf("ifxtype: %s %d: %w", unitNames[u], val, ErrRange)
}

// daysIn returns the number of days in month m of year y.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// DateTimeFromTime returns the fields of t (in t's own location) that q
// covers; the fraction is truncated, not rounded, to q's digits, matching
// how Informix narrows a DATETIME. It returns the zero DateTime if q is not
// a valid DATETIME qualifier or if q includes YEAR and t's year lies outside
// 1–9999; use NewDateTime to get an error instead.
func DateTimeFromTime(t time.Time, q Qualifier) DateTime {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	v, err := NewDateTime(y, int(mo), d, h, mi, s, t.Nanosecond(), q)
	if err != nil {
		return DateTime{}
	}
	return v
}

// Time returns d as a time.Time in loc (UTC if loc is nil). Fields the
// qualifier lacks are filled with year 1, month 1, day 1 and zero clock
// fields, so HOUR TO SECOND 12:34:56 becomes 0001-01-01 12:34:56. (IBM's
// JDBC driver uses year 1700 and the current month instead; we prefer a
// fixed, documented origin.) time.Date normalises the result, so a MONTH
// TO DAY value of 02-29 lands on March 1 of year 1, which is not a leap
// year.
func (d DateTime) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	year, month, day := int(d.year), time.Month(d.month), int(d.day)
	if year == 0 {
		year = 1
	}
	if month == 0 {
		month = time.January
	}
	if day == 0 {
		day = 1
	}
	return time.Date(year, month, day, int(d.hour), int(d.minute), int(d.second), int(d.nsec), loc)
}

// Qualifier returns the qualifier of d (0 for the zero DateTime).
func (d DateTime) Qualifier() Qualifier { return d.q }

// IsZero reports whether d is the zero DateTime, which carries no
// qualifier and no value.
func (d DateTime) IsZero() bool { return d == DateTime{} }

// Year returns the year, or 0 if the qualifier lacks it.
func (d DateTime) Year() int { return int(d.year) }

// Month returns the month, or 0 if the qualifier lacks it.
func (d DateTime) Month() time.Month { return time.Month(d.month) }

// Day returns the day of the month, or 0 if the qualifier lacks it.
func (d DateTime) Day() int { return int(d.day) }

// Hour returns the hour (0 if the qualifier lacks it).
func (d DateTime) Hour() int { return int(d.hour) }

// Minute returns the minute (0 if the qualifier lacks it).
func (d DateTime) Minute() int { return int(d.minute) }

// Second returns the second (0 if the qualifier lacks it).
func (d DateTime) Second() int { return int(d.second) }

// Nanosecond returns the fraction of the second in nanoseconds, already
// truncated to the qualifier's digits.
func (d DateTime) Nanosecond() int { return int(d.nsec) }

// fields converts d to the wire's field form.
func (d *DateTime) fields() tfields {
	var f tfields
	f.v = [...]uint64{uint64(d.year), uint64(d.month), uint64(d.day), uint64(d.hour), uint64(d.minute), uint64(d.second)}
	if fd := d.q.fracDigits(); fd > 0 {
		f.frac = uint64(d.nsec) / uint64(pow10u32[9-fd])
	}
	return f
}
