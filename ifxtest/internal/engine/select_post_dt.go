package engine

import "time"

// A hoisted DATETIME literal + INTERVAL DAY TO FRACTION family of a
// DATETIME YEAR TO x (bench/'s fetch100k: DATETIME(...) YEAR TO SECOND +
// value UNITS SECOND) is, per row, a sum in units of 1e-5 s and the
// calendar fields of that sum. dtAddValue reaches them through the base's
// text, time.Time, dtVal.extend and format for every row; dtAddFixed
// keeps the base as a count of units from the Unix epoch, worked out once
// per statement as dtAddValue works it out, and prints the fields of the
// sum straight into the DateTime's text.

// dtAddPlan is a postDTAdd's base in units of 1e-5 s, when the fast path
// applies (ok).
type dtAddPlan struct {
	units int64 // tm.Unix()*100000 + tm.Nanosecond()/10000, as addUnits counts
	ok    bool
}

// newDTAddConv is the postConv of base (a DATETIME literal's text, of
// type dt) + an INTERVAL of type iv, its base read once when the sum can
// take dtAddFixed.
func newDTAddConv(base string, dt, iv ifxType) postConv {
	p := postConv{kind: postDTAdd, base: base, dt: dt, iv: iv}
	if dt.qualStart() != QYear || ivFamilyYM(iv.qualStart()) || dt.comp != nil {
		return p
	}
	full, err := dtAddBase(base, QYear)
	if err != nil {
		return p // dtAddValue reports it for every row, as before
	}
	tm := time.Date(int(full.f[0]), time.Month(full.f[1]), int(full.f[2]), int(full.f[3]), int(full.f[4]), int(full.f[5]), int(full.f[6])*10000, time.UTC)
	p.plan = dtAddPlan{units: tm.Unix()*100000 + int64(tm.Nanosecond()/10000), ok: true}
	return p
}

// The Unix seconds of 0001-01-01 00:00:00 and of 10000-01-01 00:00:00
// UTC: the sums dtAddValue accepts lie between them (-1267 outside).
const (
	dtMinUnix = -62135596800
	dtEndUnix = 253402300800
)

// dtAddFixed is dtAddValue then the cursor's boxing for a plan that
// applies and an integer n, typed for the column t (the sum's type); ok
// is false for anything else, left to dtAddValue.
func (p *postConv) dtAddFixed(n any, t ifxType, text *textArena) (v Value, ok bool, err error) {
	k, isInt := n.(int64)
	if !p.plan.ok || !isInt || t.code != TypeDatetime || t.comp != nil ||
		t.qualStart() != p.dt.qualStart() || t.qualEnd() != p.dt.qualEnd() {
		return nil, false, nil
	}
	// addUnits's sum, wrapping as it wraps.
	total := p.plan.units + k
	sec, frac := total/100000, total%100000
	if frac < 0 {
		sec, frac = sec-1, frac+100000
	}
	if sec < dtMinUnix || sec >= dtEndUnix {
		return nil, true, newErr(-1267, 0, "")
	}
	days, tod := (sec-dtMinUnix)/86400, (sec-dtMinUnix)%86400
	y, mo, d := civilFromDays(days)
	hh, mi, ss := tod/3600, tod/60%60, tod%60
	// The whole "YYYY-MM-DD hh:mm:ss.fffff", cut after the type's last
	// field: stores at fixed places, where appending field by field cost
	// a bounds check and a length update per byte.
	b := [25]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + mo/10), byte('0' + mo%10), '-',
		byte('0' + d/10), byte('0' + d%10), ' ',
		byte('0' + hh/10), byte('0' + hh%10), ':',
		byte('0' + mi/10), byte('0' + mi%10), ':',
		byte('0' + ss/10), byte('0' + ss%10), '.',
		byte('0' + frac/10000), byte('0' + frac/1000%10), byte('0' + frac/100%10), byte('0' + frac/10%10), byte('0' + frac%10),
	}
	cut := 20 + p.dt.qualEnd() - QSecond // the fraction's digits
	if e := p.dt.qualEnd(); e <= QSecond {
		cut = 4 + 3*(e/2)
	}
	return DateTime(text.text(b[:cut])), true, nil
}

// civilFromDays is the proleptic Gregorian date days after 0001-01-01
// (days >= 0), as time.Time's Date gives it (H. Hinnant's days_from_civil
// inverted, counted from 0000-03-01).
func civilFromDays(days int64) (y, m, d int64) {
	z := days + 306 // 0000-03-01 is 306 days before 0001-01-01
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}
