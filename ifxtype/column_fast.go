package ifxtype

import (
	"encoding/binary"
	"slices"
	"time"
)

// Fast paths of the row decoder for the common, well-formed values. Each
// reports ok=false for anything unusual, and the caller then takes the
// general ifxtype path, which produces the same value or the error.

// pow100 holds 100^0 … 100^6.
var pow100 = [...]uint64{1, 100, 1e4, 1e6, 1e8, 1e10, 1e12}

// pow10 holds 10^0 … 10^10.
var pow10 = [...]uint64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}

// dateTimeLow returns the lowest decimal power a DATETIME YEAR TO x
// value may use (the SECOND units digit is 10^0), and whether the fast
// path handles the qualifier at all.
func dateTimeLow(q Qualifier) (low int, ok bool) {
	if q.ValidateDateTime() != nil || q.Start() != TUYear {
		return 0, false
	}
	// The codes of YEAR…SECOND are 0…10, two per unit, and each unit's
	// units digit lies at 10^(10-code); FRACTION(n) is code 10+n.
	return TUSecond - q.End(), true
}

// fastDateTime decodes a non-NULL DATETIME YEAR TO x value straight into
// a time.Time, as DecodeDateTimeWire followed by DateTime.Time would.
func fastDateTime(v []byte, low int, loc *time.Location) (time.Time, bool) {
	if low == 0 && loc == time.UTC && len(v) == 8 && v[0] == 0xc7 {
		// YEAR TO SECOND from year 100 on, into UTC: the common case,
		// straight from the bytes to the instant, with no fields struct
		// stored and reloaded.
		sec, ok := yearToSecondUnix(v)
		if !ok {
			return time.Time{}, false
		}
		return time.Unix(sec, 0).UTC(), true
	}
	var f dtFields
	if !dateTimeFields(&f, v, low) {
		return time.Time{}, false
	}
	month, day := f.month, f.day
	if month == 0 {
		month = 1
	}
	if day == 0 {
		day = 1
	}
	if loc == time.UTC {
		// The fields are checked, so time.Date would normalise nothing
		// and look no zone up: the instant follows from the civil date.
		sec := civilDays(f.year, month, day)*86400 + int64(f.hour*3600+f.minute*60+f.second)
		return time.Unix(sec, int64(f.nsec)).UTC(), true
	}
	return time.Date(f.year, time.Month(month), day, f.hour, f.minute, f.second, f.nsec, loc), true
}

// yearToSecondUnix returns the Unix time of a non-NULL DATETIME YEAR TO
// SECOND value of 8 bytes with exponent 7 (years 100 to 9999), checked as
// dtFields.valid checks it; ok is false for anything else.
func yearToSecondUnix(v []byte) (sec int64, ok bool) {
	// The fields come out of the word, not out of v: reading the bytes
	// again would make the compiler build the word byte by byte.
	w := binary.BigEndian.Uint64(v) &^ (0xff << 56)
	if over99(w) != 0 {
		return 0, false
	}
	year, month, day := int(w>>48)*100+int(w>>40&0xff), int(w>>32&0xff), int(w>>24&0xff)
	hour, minute, second := int(w>>16&0xff), int(w>>8&0xff), int(w&0xff)
	if year < 1 || hour > 23 || minute > 59 || second > 59 || uint(month-1) > 11 ||
		day < 1 || day > 28 && day > daysIn(time.Month(month), year) {
		return 0, false
	}
	return civilDays(year, month, day)*86400 + int64(hour*3600+minute*60+second), true
}

// civilDays is daysSinceEpoch, read from monthStart for the years it
// holds: a result's timestamps mostly share a few months, whose entries
// stay cached, where the era arithmetic costs some 50 instructions a
// value.
func civilDays(year, month, day int) int64 {
	if i := uint((year-monthStartYear)*12 + month - 1); i < uint(len(monthStart)) {
		return int64(monthStart[i]) + int64(day-1)
	}
	return daysSinceEpoch(year, month, day)
}

// monthStart holds the day number (days since 1970-01-01) of the first
// day of each month of the years monthStartYear to monthStartYear+255.
const monthStartYear = 1900

var monthStart = func() (t [256 * 12]int32) {
	for i := range t {
		t[i] = int32(daysSinceEpoch(monthStartYear+i/12, i%12+1, 1))
	}
	return t
}()

// daysSinceEpoch returns the days from 1970-01-01 to the valid
// proleptic Gregorian date year-month-day (year 1…9999): the era
// arithmetic of Howard Hinnant's days_from_civil, with March as the
// first month so that a leap day ends its year.
func daysSinceEpoch(year, month, day int) int64 {
	if month <= 2 {
		year--
	}
	era := year / 400 // year >= 0 here
	yoe := year - era*400
	mp := month + 9 // March = 0 … February = 11
	if mp >= 12 {
		mp -= 12
	}
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// fastDateTimeValue is fastDateTime for an DateTime destination.
func fastDateTimeValue(v []byte, low int, q Qualifier) (DateTime, bool) {
	var f dtFields
	if !dateTimeFields(&f, v, low) {
		return DateTime{}, false
	}
	dt, err := NewDateTime(f.year, f.month, f.day, f.hour, f.minute, f.second, f.nsec, q)
	return dt, err == nil
}

// dtFields are the fields of a DATETIME YEAR TO x; those the qualifier
// lacks are 0.
type dtFields struct {
	year, month, day, hour, minute, second, nsec int
}

// dateTimeFields reads a non-NULL DATETIME YEAR TO x value whose lowest
// digit lies at 10^low into *f and checks its fields. The packed digits
// sit at fixed powers (YYYYMMDDhhmmss.ffffff), so the pairs add up to two
// integers from which the fields are cut. *f is the caller's, written
// field by field: a struct returned by value was spilled in 8-byte
// stores and copied in 16-byte loads, a store-forwarding stall that cost
// more than the decode.
func dateTimeFields(f *dtFields, v []byte, low int) bool {
	if len(v) < 2 || v[0]&0x80 == 0 {
		return false // negative (or NULL): let the general path judge
	}
	exp := int(v[0]&0x7f) - 64
	if exp == 7 && low == 0 && len(v) == 8 {
		// YEAR TO SECOND from year 100 on, the common case: each pair
		// is one field (the year two), with nothing below the seconds.
		// One 8-byte word checks the seven pairs (the head byte, 0xc7,
		// masked out).
		if over99(binary.BigEndian.Uint64(v)&^(0xff<<56)) != 0 {
			return false
		}
		p := v[1:8]
		f.year, f.month, f.day = int(p[0])*100+int(p[1]), int(p[2]), int(p[3])
		f.hour, f.minute, f.second, f.nsec = int(p[4]), int(p[5]), int(p[6]), 0
		return f.valid(low)
	}
	var ip, fp uint64 // digits at powers 13…0, and at -1…-6 as a 6-digit integer
	for i, p := range v[1:] {
		if p == 0 {
			continue
		}
		if p > 99 {
			return false
		}
		switch k := exp - 1 - i; {
		case k >= 0 && k <= 6:
			ip += uint64(p) * pow100[k]
		case k < 0 && k >= -3:
			fp += uint64(p) * pow100[3+k]
		default:
			return false
		}
	}
	if low >= 0 {
		if fp != 0 || ip%pow10[low] != 0 {
			return false
		}
	} else if fp%pow10[6+low] != 0 {
		return false
	}
	f.year, f.month, f.day = int(ip/1e10), int(ip/1e8%100), int(ip/1e6%100)
	f.hour, f.minute, f.second = int(ip/1e4%100), int(ip/100%100), int(ip%100)
	f.nsec = int(fp) * 1000
	return f.valid(low)
}

// valid checks the fields of a DATETIME YEAR TO x whose lowest digit
// lies at 10^low; the fields the qualifier lacks are zero.
func (f *dtFields) valid(low int) bool {
	if f.year < 1 || f.year > 9999 || f.hour > 23 || f.minute > 59 || f.second > 59 {
		return false
	}
	if low <= TUSecond-TUMonth && (f.month < 1 || f.month > 12) {
		return false
	}
	if low <= TUSecond-TUDay && (f.day < 1 || f.day > daysIn(time.Month(f.month), f.year)) {
		return false
	}
	return true
}

// FastDateTimeTime is fastDateTime for package ifx's row scanner: a
// non-NULL DATETIME YEAR TO x whose plan is DTFast with lowest digit at
// 10^low (ColumnPlan.DTLow), as ColumnDecoder.Time decodes it. ok is
// false for NULL and for any value the fast path does not handle.
func FastDateTimeTime(v []byte, low int, loc *time.Location) (time.Time, bool) {
	return fastDateTime(v, low, loc)
}

// RowLayout is the layout of a tuple in a compact form for SplitRow's
// fast path, one entry per column: the fixed width (>= 0), layoutVarChar
// (u8 length + bytes) or layoutWrapped (u8 indicator, i32 length,
// bytes). A result of many columns then splits without reading each
// column's whole ColumnPlan.
type RowLayout []int32

const (
	layoutVarChar = -1
	layoutWrapped = -2
)

// NewRowLayout returns the layout SplitRow reads from plans.
func NewRowLayout(plans []ColumnPlan) RowLayout {
	l := make(RowLayout, len(plans))
	for i := range plans {
		l[i] = columnLayout(&plans[i])
	}
	return l
}

// columnLayout is the RowLayout entry of a column.
func columnLayout(ci *ColumnPlan) int32 {
	switch {
	case ci.Width > 0 || ci.Kind == ColChar: // CHAR(0): values of no bytes
		return int32(ci.Width)
	case ci.Kind == ColVarChar:
		return layoutVarChar
	}
	return layoutWrapped
}

// valueEnd returns where the value of layout w that starts at off in
// data ends, or -1 when data ends inside it.
func valueEnd(data []byte, off int, w int32) int {
	switch {
	case w >= 0:
		off += int(w)
	case w == layoutVarChar:
		if off >= len(data) {
			return -1
		}
		off += 1 + int(data[off])
	default: // u8 indicator, i32 length, bytes
		if off+5 > len(data) {
			return -1
		}
		n := int(int32(binary.BigEndian.Uint32(data[off+1:])))
		if n < 0 {
			return -1
		}
		off += 5 + n
	}
	if off > len(data) {
		return -1
	}
	return off
}

// Split is SplitRow by the layout: it appends the column values of data
// to dst. ok is false when the tuple does not fit the layout; SplitRow
// then gives the error. The values are stored by index into room grown
// once, not appended one by one.
func (l RowLayout) Split(dst [][]byte, data []byte) (_ [][]byte, ok bool) {
	base := len(dst)
	dst = slices.Grow(dst, len(l))[:base+len(l)]
	vals := dst[base:]
	off := 0
	for i, w := range l {
		end := valueEnd(data, off, w)
		if end < 0 {
			return dst[:base+i], false
		}
		vals[i] = data[off:end:end]
		off = end
	}
	return dst, off == len(data)
}
