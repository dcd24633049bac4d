package ifxtype

import (
	"fmt"
	"math"
	"time"
)

// unitSeconds is the length of each DAY…SECOND field in seconds; a
// day-to-fraction INTERVAL is a plain duration, so days are exactly 86400 s.
var unitSeconds = [...]uint64{unitDay: 86400, unitHour: 3600, unitMinute: 60, unitSecond: 1}

// unitModulus bounds a field that is not the first one (hours < 24 …).
var unitModulus = [...]uint64{unitMonth: 12, unitDay: 0, unitHour: 24, unitMinute: 60, unitSecond: 60}

// IntervalDF is an Informix INTERVAL of the day-to-fraction class (DAY,
// HOUR, MINUTE, SECOND, FRACTION): a signed span of time held as whole
// seconds plus nanoseconds, both carrying the sign, together with its
// Qualifier. Its range (DAY(9) reaches about 2.7 million years) exceeds
// time.Duration's, hence the separate fields.
//
// The value is always truncated to the qualifier's last field, so == is
// meaningful between values of one qualifier. The zero IntervalDF has no
// qualifier and is what the lenient constructors return on failure.
type IntervalDF struct {
	sec  int64
	nsec int32 // same sign as sec, |nsec| < 1e9
	q    Qualifier
}

// checkDF validates q as a day-to-fraction INTERVAL qualifier.
func checkDF(q Qualifier) error {
	if err := q.ValidateInterval(); err != nil {
		return err
	}
	if q.IsYearMonth() {
		return fmt.Errorf("ifxtype: INTERVAL %s is year-month, not day-to-fraction: %w", q.IntervalString(), ErrQualifier)
	}
	return nil
}

// NewIntervalDF returns the interval sec seconds + nsec nanoseconds with
// qualifier q, truncated toward zero to q's last field. Mixed signs are
// allowed (5 s and -1 ns is 4.999999999 s). It fails with ErrQualifier if q
// is not a DAY…FRACTION interval qualifier and with ErrOverflow if the
// first field needs more digits than q declares.
func NewIntervalDF(sec, nsec int64, q Qualifier) (IntervalDF, error) {
	if err := checkDF(q); err != nil {
		return IntervalDF{}, err
	}
	carry := nsec / 1e9
	nsec %= 1e9
	if (carry > 0 && sec > math.MaxInt64-carry) || (carry < 0 && sec < math.MinInt64-carry) {
		return IntervalDF{}, fmt.Errorf("ifxtype: INTERVAL of %d s + %d ns: %w", sec, nsec, ErrOverflow)
	}
	sec += carry
	switch {
	case sec > 0 && nsec < 0:
		sec, nsec = sec-1, nsec+1e9
	case sec < 0 && nsec > 0:
		sec, nsec = sec+1, nsec-1e9
	}
	v := truncateDF(sec, int32(nsec), q)
	f := v.fields()
	if err := checkFirstField(q, &f); err != nil {
		return IntervalDF{}, err
	}
	return v, nil
}

// truncateDF drops everything below q's last field, toward zero like
// Informix's own narrowing.
func truncateDF(sec int64, nsec int32, q Qualifier) IntervalDF {
	eu := unitOf(q.End())
	if eu == unitFraction {
		p := int32(pow10u32[9-q.fracDigits()])
		nsec = nsec / p * p
	} else {
		u := int64(unitSeconds[eu])
		sec, nsec = sec/u*u, 0
	}
	return IntervalDF{sec: sec, nsec: nsec, q: q}
}

// checkFirstField reports a first field wider than the qualifier declares
// (for a leading FRACTION: any whole seconds).
func checkFirstField(q Qualifier, f *tfields) error {
	sp := spanOf(q)
	if sp.su == unitFraction {
		for _, v := range f.v {
			if v != 0 {
				return fmt.Errorf("ifxtype: INTERVAL %s cannot hold whole seconds: %w", q.IntervalString(), ErrOverflow)
			}
		}
		return nil
	}
	if sp.first < 20 && f.v[sp.su] >= pow10u64(sp.first) {
		return fmt.Errorf("ifxtype: INTERVAL %s: %s %d needs more than %d digits: %w",
			q.IntervalString(), unitNames[sp.su], f.v[sp.su], sp.first, ErrOverflow)
	}
	return nil
}

func pow10u64(n int) uint64 {
	p := uint64(1)
	for range n {
		p *= 10
	}
	return p
}

// IntervalDFFromDuration returns d as an interval with qualifier q,
// truncated toward zero to q's last field (a DAY TO MINUTE interval drops
// the seconds). It returns the zero IntervalDF if q is not a DAY…FRACTION
// interval qualifier. A first field too wide for q is not detected here
// but by AppendIntervalDFWire; use NewIntervalDF to check up front.
func IntervalDFFromDuration(d time.Duration, q Qualifier) IntervalDF {
	if checkDF(q) != nil {
		return IntervalDF{}
	}
	return truncateDF(int64(d/time.Second), int32(d%time.Second), q)
}

// Duration returns v as a time.Duration, failing with ErrOverflow beyond
// its ±292-year range.
func (v IntervalDF) Duration() (time.Duration, error) {
	const maxSec = math.MaxInt64 / int64(time.Second)
	if v.sec > maxSec || v.sec < -maxSec-1 {
		return 0, fmt.Errorf("ifxtype: INTERVAL %s exceeds time.Duration: %w", v, ErrOverflow)
	}
	d := time.Duration(v.sec) * time.Second
	n := time.Duration(v.nsec)
	if (n > 0 && d > math.MaxInt64-n) || (n < 0 && d < math.MinInt64-n) {
		return 0, fmt.Errorf("ifxtype: INTERVAL %s exceeds time.Duration: %w", v, ErrOverflow)
	}
	return d + n, nil
}

// Seconds returns the whole seconds of v (negative for negative intervals).
func (v IntervalDF) Seconds() int64 { return v.sec }

// Nanoseconds returns the sub-second part of v in nanoseconds, with the
// same sign as Seconds.
func (v IntervalDF) Nanoseconds() int32 { return v.nsec }

// Sign returns -1, 0 or +1.
func (v IntervalDF) Sign() int {
	switch {
	case v.sec < 0 || v.nsec < 0:
		return -1
	case v.sec > 0 || v.nsec > 0:
		return 1
	}
	return 0
}

// Qualifier returns the qualifier of v (0 for the zero IntervalDF).
func (v IntervalDF) Qualifier() Qualifier { return v.q }

// fields splits v into per-field magnitudes: the first field absorbs all
// larger units (HOUR TO SECOND of two days has 48 hours).
func (v *IntervalDF) fields() tfields {
	var f tfields
	mag := uint64(v.sec)
	if v.sec < 0 {
		mag = -mag
	}
	ns := v.nsec
	if ns < 0 {
		ns = -ns
	}
	f.neg = v.sec < 0 || v.nsec < 0
	sp := spanOf(v.q)
	if sp.su == unitFraction {
		f.v[unitSecond] = mag // only to let checkFirstField see it
	}
	for u := sp.su; u <= min(sp.eu, unitSecond); u++ {
		f.v[u] = mag / unitSeconds[u]
		if u != sp.su {
			f.v[u] %= unitModulus[u]
		}
	}
	if sp.fd > 0 {
		f.frac = uint64(ns) / uint64(pow10u32[9-sp.fd])
	}
	return f
}

// intervalDFFromFields is the inverse of fields, shared by the parser and
// the wire decoder.
func intervalDFFromFields(q Qualifier, f *tfields) (IntervalDF, error) {
	sp := spanOf(q)
	var mag uint64
	for u := sp.su; u <= min(sp.eu, unitSecond); u++ {
		if u != sp.su && f.v[u] >= unitModulus[u] {
			return IntervalDF{}, fieldRangeError(u, int64(f.v[u]))
		}
		mag += f.v[u] * unitSeconds[u]
	}
	// The first field has at most 9 digits, so mag < 10^9 × 86400 + 86400
	// and the conversion below cannot wrap.
	v := IntervalDF{sec: int64(mag), q: q}
	if sp.fd > 0 {
		v.nsec = int32(f.frac) * int32(pow10u32[9-sp.fd])
	}
	if f.neg {
		v.sec, v.nsec = -v.sec, -v.nsec
	}
	return v, nil
}
