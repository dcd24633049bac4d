package engine

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Value is one SQL value in canonical form: nil (NULL), int64, float64,
// string, bool, Decimal, Date, DateTime, Interval or []byte.
type Value = any

// Decimal is a DECIMAL/MONEY value as a plain decimal literal ("-12.34").
type Decimal string

// Date is an Informix DATE: days since 1899-12-31 (day 0).
type Date int32

// DateTime is a DATETIME literal restricted to the qualifier's fields, e.g.
// "2026-05-04 12:34:56.000" for YEAR TO FRACTION(3) or "12:34" for HOUR TO MINUTE.
type DateTime string

// Interval is an INTERVAL literal such as "5 01:02:03.00000" or "-2-06".
type Interval string

var dateEpoch = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)

// NewDate returns the Date for a calendar day. It counts in Unix seconds,
// not a time.Duration, which saturates at ±292 years: IDS dates run from
// 0001-01-01 (day -693594) to 9999-12-31 (day 2958464).
func NewDate(year, month, day int) Date {
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return Date((t.Unix() - dateEpoch.Unix()) / 86400)
}

// YMD returns the calendar day of d.
func (d Date) YMD() (year, month, day int) {
	t := dateEpoch.AddDate(0, 0, int(d))
	return t.Year(), int(t.Month()), t.Day()
}

// String formats d in the default Informix DBDATE form MDY4/ ("05/04/2026").
func (d Date) String() string {
	y, m, dd := d.YMD()
	return fmt.Sprintf("%02d/%02d/%04d", m, dd, y)
}

func daysIn(y, m int) int {
	switch m {
	case 1, 3, 5, 7, 8, 10, 12:
		return 31
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseDate accepts "mm/dd/yyyy" (DBDATE MDY4/, also with '-' or '.'),
// "mm/dd/yy" and ISO "yyyy-mm-dd".
func parseDate(s string) (Date, error) { return defaultDBDate.parse(s) }

// parse reads a DATE from text with the fields in f's order (any of the
// separators '/', '-', '.'); a first field of four digits is an ISO
// year-month-day whatever f says.
func (f dbDate) parse(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var parts []string
	var seps []byte
	cur := ""
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			cur += string(c)
		case c == '/' || c == '-' || c == '.':
			if cur == "" {
				return 0, newErr(-1218, 0, "")
			}
			parts = append(parts, cur)
			seps = append(seps, c)
			cur = ""
		default:
			return 0, newErr(-1218, 0, "")
		}
	}
	parts = append(parts, cur)
	if len(parts) != 3 || parts[2] == "" || seps[0] != seps[1] {
		return 0, newErr(-1218, 0, "")
	}
	var y, m, d int
	if len(parts[0]) == 4 {
		y, _ = strconv.Atoi(parts[0])
		m, _ = strconv.Atoi(parts[1])
		d, _ = strconv.Atoi(parts[2])
	} else {
		yp := ""
		for i, p := range parts {
			n, _ := strconv.Atoi(p)
			switch f.order[i] {
			case 'M':
				m = n
			case 'D':
				d = n
			case 'Y':
				y, yp = n, p
			}
		}
		if len(yp) <= 2 {
			y += 2000
			if y > time.Now().Year()+50 {
				y -= 100
			}
		} else if len(yp) != 4 {
			return 0, newErr(-1204, 0, "")
		}
	}
	if len(parts[1]) > 2 || len(parts[0]) > 4 || len(parts[2]) > 4 {
		return 0, newErr(-1218, 0, "")
	}
	return dateOf(y, m, d)
}

func dateOf(y, m, d int) (Date, error) {
	if y < 1 || y > 9999 {
		return 0, newErr(-1204, 0, "")
	}
	if m < 1 || m > 12 {
		return 0, newErr(-1205, 0, "")
	}
	if d < 1 || d > daysIn(y, m) {
		return 0, newErr(-1206, 0, "")
	}
	return NewDate(y, m, d), nil
}

// ---- DECIMAL ----

// decNum is an exact decimal: value = digits * 10^exp.
type decNum struct {
	neg    bool
	digits string // no leading zeros; "" means zero
	exp    int
}

func parseDec(s string) (decNum, bool) {
	s = strings.TrimSpace(s)
	var d decNum
	if s == "" {
		return d, false
	}
	if s[0] == '-' || s[0] == '+' {
		d.neg = s[0] == '-'
		s = s[1:]
	}
	mant, expPart := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expPart = s[:i], s[i+1:]
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	if intPart == "" && frac == "" {
		return d, false
	}
	if !allDigits(intPart) || !allDigits(frac) {
		return d, false
	}
	if expPart != "" {
		e, err := strconv.Atoi(expPart)
		if err != nil || e > 1000 || e < -1000 {
			return d, false
		}
		d.exp = e
	}
	// The digits are intPart+frac without leading zeros; only a
	// fraction after significant integer digits needs a new string.
	switch ip := strings.TrimLeft(intPart, "0"); {
	case frac == "":
		d.digits = ip
	case ip == "":
		d.digits = strings.TrimLeft(frac, "0")
	default:
		d.digits = ip + frac
	}
	d.exp -= len(frac)
	return d.norm(), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (d decNum) norm() decNum {
	d.digits = strings.TrimLeft(d.digits, "0")
	if d.digits == "" {
		d.neg = false
		d.exp = 0
	}
	return d
}

// dropDigits removes k trailing digits with round-half-up.
func (d decNum) dropDigits(k int) decNum {
	if k <= 0 {
		return d
	}
	n := len(d.digits)
	roundUp := false
	if k <= n {
		roundUp = d.digits[n-k] >= '5'
		d.digits = d.digits[:n-k]
	} else {
		d.digits = ""
	}
	d.exp += k
	if roundUp {
		var buf [64]byte
		b := append(buf[:0], d.digits...)
		i := len(b) - 1
		for ; i >= 0; i-- {
			if b[i] == '9' {
				b[i] = '0'
			} else {
				b[i]++
				break
			}
		}
		if i < 0 {
			d.digits = "1" + string(b)
		} else {
			d.digits = string(b)
		}
	}
	return d.norm()
}

// roundScale rounds to scale fractional digits.
func (d decNum) roundScale(scale int) decNum { return d.dropDigits(-d.exp - scale) }

// roundSig rounds to p significant digits.
func (d decNum) roundSig(p int) decNum {
	d = d.dropDigits(len(d.digits) - p)
	for len(d.digits) > p && strings.HasSuffix(d.digits, "0") {
		d.digits = d.digits[:len(d.digits)-1]
		d.exp++
	}
	return d
}

func (d decNum) intDigits() int {
	if n := len(d.digits) + d.exp; n > 0 {
		return n
	}
	return 0
}

// format renders d in plain notation; scale < 0 means minimal.
func (d decNum) format(scale int) string {
	var buf [64]byte
	return string(d.appendFormat(buf[:0], scale))
}

// appendFormat appends the text of format.
func (d decNum) appendFormat(b []byte, scale int) []byte {
	digits, exp := d.digits, d.exp
	pad := 0 // zeros after digits
	if scale < 0 {
		for len(digits) > 0 && digits[len(digits)-1] == '0' && exp < 0 {
			digits = digits[:len(digits)-1]
			exp++
		}
	} else if -exp < scale {
		pad = scale + exp
		exp = -scale
	}
	if digits == "" && pad == 0 {
		if scale > 0 {
			b = append(b, "0."...)
			return appendZeros(b, scale)
		}
		return append(b, '0')
	}
	if d.neg {
		b = append(b, '-')
	}
	n := len(digits) + pad // digits of the padded coefficient
	switch {
	case exp >= 0:
		b = append(b, digits...)
		b = appendZeros(b, pad+exp)
	case n+exp > 0:
		p := n + exp // digits before the point
		b = appendPadDigits(b, digits, pad, 0, p)
		b = append(b, '.')
		b = appendPadDigits(b, digits, pad, p, n)
	default:
		b = append(b, "0."...)
		b = appendZeros(b, -(n + exp))
		b = append(b, digits...)
		b = appendZeros(b, pad)
	}
	return b
}

// appendPadDigits appends positions from…to-1 of digits followed by pad
// zeros.
func appendPadDigits(b []byte, digits string, pad, from, to int) []byte {
	for i := from; i < to; i++ {
		if i < len(digits) {
			b = append(b, digits[i])
		} else {
			b = append(b, '0')
		}
	}
	return b
}

func appendZeros(b []byte, n int) []byte {
	for range n {
		b = append(b, '0')
	}
	return b
}

// fitDecimal rounds d to the DECIMAL/MONEY type t and checks its precision.
func fitDecimal(d decNum, t ifxType) (decNum, error) {
	p, s := t.decPrec(), t.decScale()
	if p == 0 {
		p = 16
	}
	if s == 0xff {
		d = d.roundSig(p)
		if !floatingDecInRange(d) {
			return d, newErr(-1226, 0, "")
		}
		return d, nil
	}
	d = d.roundScale(s)
	if d.intDigits() > p-s {
		return d, newErr(-1226, 0, "")
	}
	return d, nil
}

// floatingDecInRange reports whether d fits a floating DECIMAL(p): IBM
// documents magnitudes from 10^-130 up to below 10^126, which is what the
// packed form's base-100 exponent (-64…63) holds. A negative value of
// magnitude 10^124 or more needs exponent 63, which packs to a head byte
// of 00, the NULL form, so it is refused with the rest rather than stored
// as a value no client can read (docs/PROTOCOL.md).
func floatingDecInRange(d decNum) bool {
	if d.digits == "" {
		return true
	}
	adj := len(d.digits) - 1 + d.exp // power of the leading digit
	if adj < -130 || adj > 125 {
		return false
	}
	return !(d.neg && adj >= 124)
}

// decStorage chooses the SQLite storage class for an exact decimal:
// integral values that fit int64 as INTEGER, up to 15 significant digits as
// REAL, anything longer as TEXT (exact, but compares as text).
func decStorage(d decNum) any {
	if d.digits == "" {
		return int64(0)
	}
	var buf [64]byte
	if d.exp >= 0 && len(d.digits)+d.exp <= 18 {
		v, _ := strconv.ParseInt(string(d.appendFormat(buf[:0], -1)), 10, 64)
		return v
	}
	if f, ok := decFloatExact(d); ok {
		return f
	}
	if len(d.digits) <= 15 {
		f, _ := strconv.ParseFloat(string(d.appendFormat(buf[:0], -1)), 64)
		return f
	}
	return d.format(-1)
}

func decFromFloat(f float64, sig int) decNum {
	var buf [40]byte
	b := strconv.AppendFloat(buf[:0], f, 'g', sig, 64)
	if d, ok := parseFloatText(b); ok {
		return d
	}
	d, _ := parseDec(string(b))
	return d
}

// parseFloatText is parseDec for strconv's 'g' output ([-]d[.d][e±d]),
// building the digit string with one allocation; ok=false (NaN, Inf)
// leaves it to parseDec.
func parseFloatText(b []byte) (d decNum, ok bool) {
	i := 0
	if i < len(b) && b[i] == '-' {
		d.neg = true
		i++
	}
	var digs [40]byte
	n, frac, dot := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			if n == 0 && c == '0' {
				// leading zero: dropped, but still a fraction digit
			} else {
				if n == len(digs) {
					return d, false
				}
				digs[n] = c
				n++
			}
			if dot {
				frac++
			}
			continue
		case c == '.' && !dot:
			dot = true
			continue
		case c == 'e':
		default:
			return d, false
		}
		break
	}
	if i < len(b) { // exponent
		e, err := strconv.Atoi(string(b[i+1:]))
		if err != nil || e > 1000 || e < -1000 {
			return d, false
		}
		d.exp = e
	}
	if n > 0 {
		d.digits = string(digs[:n])
	}
	d.exp -= frac
	return d.norm(), true
}

// reparse returns parseDec(d.format(scale)) without the text: the value
// as the next conversion sees it after a round trip through its text,
// with the padding zeros of that text now part of the digits.
func (d decNum) reparse(scale int) decNum {
	digits, exp := d.digits, d.exp
	pad := 0
	if scale < 0 {
		for len(digits) > 0 && digits[len(digits)-1] == '0' && exp < 0 {
			digits = digits[:len(digits)-1]
			exp++
		}
	} else if -exp < scale {
		pad = scale + exp
		exp = -scale
	}
	if digits == "" {
		return decNum{}
	}
	if exp >= 0 {
		pad += exp
		exp = 0
	}
	if pad > 0 {
		digits += strings.Repeat("0", pad)
	}
	return decNum{neg: d.neg, digits: digits, exp: exp}
}

// ---- DATETIME ----

// dtVal holds datetime fields: year, month, day, hour, minute, second,
// fraction (in 1e-5 s) with the qualifier actually present.
type dtVal struct {
	f          [7]int64
	start, end int
}

func qIdx(q int) int {
	if q > QSecond {
		return 6
	}
	return q / 2
}

func idxQ(i int) int {
	if i == 6 {
		return 15
	}
	return i * 2
}

var dtSepAfter = [7]byte{'-', '-', ' ', ':', ':', '.', 0}

// splitDT splits a datetime/interval text into digit runs and separators.
func splitDT(s string) (parts []string, seps []byte, err error) {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "T", " ")), " ")
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			continue
		}
		if i == start {
			return nil, nil, newErr(-1262, 0, "")
		}
		parts = append(parts, s[start:i])
		if i < len(s) {
			c := s[i]
			if c != '-' && c != ':' && c != '.' && c != ' ' {
				return nil, nil, newErr(-1262, 0, "")
			}
			seps = append(seps, c)
		}
		start = i + 1
	}
	return parts, seps, nil
}

func matchStart(k int, n int, seps []byte) bool {
	if k+n-1 > 6 {
		return false
	}
	for i, s := range seps {
		if dtSepAfter[k+i] != s {
			return false
		}
	}
	return true
}

// parseDT parses a DATETIME literal; want is the preferred start field.
func parseDT(s string, want int) (dtVal, error) {
	if v, ok := parseDTFast(s, want); ok {
		return v, v.validate()
	}
	var v dtVal
	parts, seps, err := splitDT(strings.TrimSpace(s))
	if err != nil {
		return v, err
	}
	k := -1
	if matchStart(qIdx(want), len(parts), seps) {
		k = qIdx(want)
	} else {
		for i := 0; i <= 6; i++ {
			if matchStart(i, len(parts), seps) {
				k = i
				break
			}
		}
	}
	if k < 0 {
		return v, newErr(-1262, 0, "")
	}
	for i, p := range parts {
		fi := k + i
		if fi == 6 {
			if len(p) > 5 {
				p = p[:5]
			}
			n, _ := strconv.ParseInt(p+strings.Repeat("0", 5-len(p)), 10, 64)
			v.f[6] = n
			continue
		}
		if (fi == 0 && len(p) > 4) || (fi > 0 && len(p) > 2) {
			return v, newErr(-1263, 0, "")
		}
		v.f[fi], _ = strconv.ParseInt(p, 10, 64)
	}
	v.start = idxQ(k)
	last := k + len(parts) - 1
	v.end = idxQ(last)
	if last == 6 {
		n := len(parts[len(parts)-1])
		if n > 5 {
			n = 5
		}
		v.end = 10 + n
	}
	return v, v.validate()
}

// parseDTFast is parseDT for the canonical text the engine itself
// stores ("2026-01-01 00:00:00", single separators, nothing around it),
// without allocating. ok=false sends anything else to the general parser,
// which gives the same result for what this one accepts.
func parseDTFast(s string, want int) (v dtVal, ok bool) {
	if v, ok := parseDTFull(s); ok {
		return v, true
	}
	return parseDTParts(s, want)
}

// parseDTParts is parseDTFast's general loop.
func parseDTParts(s string, want int) (v dtVal, ok bool) {
	var (
		start, end [7]int
		seps       [6]byte
		n          int
	)
	if s == "" {
		return v, false
	}
	begin := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			continue
		}
		if i == begin || n == 7 {
			return v, false // empty part (also a leading or doubled separator), or too many
		}
		start[n], end[n] = begin, i
		if i < len(s) {
			c := s[i]
			if c != '-' && c != ':' && c != '.' && c != ' ' || n == 6 {
				return v, false
			}
			seps[n] = c
		}
		n++
		begin = i + 1
	}
	k := -1
	if matchStart(qIdx(want), n, seps[:n-1]) {
		k = qIdx(want)
	} else {
		for i := 0; i <= 6; i++ {
			if matchStart(i, n, seps[:n-1]) {
				k = i
				break
			}
		}
	}
	if k < 0 {
		return v, false
	}
	for i := range n {
		p := s[start[i]:end[i]]
		fi := k + i
		if fi == 6 {
			var f int64
			for j := range 5 {
				f *= 10
				if j < len(p) {
					f += int64(p[j] - '0')
				}
			}
			v.f[6] = f
			continue
		}
		if (fi == 0 && len(p) > 4) || (fi > 0 && len(p) > 2) {
			return v, false
		}
		var x int64
		for j := range len(p) {
			x = x*10 + int64(p[j]-'0')
		}
		v.f[fi] = x
	}
	v.start = idxQ(k)
	last := k + n - 1
	v.end = idxQ(last)
	if last == 6 {
		v.end = 10 + min(end[n-1]-start[n-1], 5)
	}
	return v, true
}

func (v dtVal) has(i int) bool { return qIdx(v.start) <= i && i <= qIdx(v.end) }

func (v dtVal) validate() error {
	bad := func() error { return newErr(-1263, 0, "") }
	if v.has(0) && (v.f[0] < 1 || v.f[0] > 9999) {
		return bad()
	}
	if v.has(1) && (v.f[1] < 1 || v.f[1] > 12) {
		return bad()
	}
	if v.has(2) {
		max := int64(31)
		if v.has(0) && v.has(1) {
			max = int64(daysIn(int(v.f[0]), int(v.f[1])))
		}
		if v.f[2] < 1 || v.f[2] > max {
			return bad()
		}
	}
	if v.has(3) && v.f[3] > 23 || v.has(4) && v.f[4] > 59 || v.has(5) && v.f[5] > 59 {
		return bad()
	}
	return nil
}

// addUnits adds n units of 1e-5 s to t. It counts in Unix seconds, not a
// time.Duration, which saturates at ±292 years while DATETIME spans 9999.
func addUnits(t time.Time, n int64) time.Time {
	total := t.Unix()*100000 + int64(t.Nanosecond()/10000) + n
	sec, frac := total/100000, total%100000
	if frac < 0 {
		sec, frac = sec-1, frac+100000
	}
	return time.Unix(sec, frac*10000).UTC()
}

// unitsBetween is x-y in units of 1e-5 s, over the whole DATETIME range.
func unitsBetween(x, y time.Time) int64 {
	return (x.Unix()-y.Unix())*100000 + int64(x.Nanosecond()/10000-y.Nanosecond()/10000)
}

func dtNow() dtVal {
	n := time.Now()
	return dtVal{f: [7]int64{int64(n.Year()), int64(n.Month()), int64(n.Day()), int64(n.Hour()), int64(n.Minute()), int64(n.Second()), int64(n.Nanosecond() / 10000)}, start: QYear, end: 15}
}

// extend converts v to the qualifier start..end (Informix EXTEND rules:
// missing leading fields come from the current time, missing trailing
// fields are the lowest legal value).
func (v dtVal) extend(start, end int) dtVal {
	var r dtVal
	r.start, r.end = start, end
	var now dtVal
	nowSet := false
	for i := qIdx(start); i <= qIdx(end); i++ {
		switch {
		case v.has(i):
			r.f[i] = v.f[i]
		case i < qIdx(v.start):
			if !nowSet {
				now, nowSet = dtNow(), true
			}
			r.f[i] = now.f[i]
		case i == 1 || i == 2:
			r.f[i] = 1
		}
	}
	if i := 6; qIdx(end) == 6 && v.has(6) {
		// truncate fraction to the target precision
		div := int64(1)
		for k := end - 10; k < 5; k++ {
			div *= 10
		}
		r.f[i] = r.f[i] / div * div
	}
	if r.has(2) && r.has(1) && r.has(0) {
		if m := int64(daysIn(int(r.f[0]), int(r.f[1]))); r.f[2] > m {
			r.f[2] = m
		}
	}
	return r
}

func (v dtVal) format() string {
	var buf [32]byte
	return string(v.appendFormat(buf[:0]))
}

// appendFormat appends the text of format: the fields with zero padding
// (%04d for the year, %02d for the others, the fraction as %05d cut to
// its digits), as fmt would print them.
func (v dtVal) appendFormat(b []byte) []byte {
	for i := qIdx(v.start); i <= qIdx(v.end); i++ {
		if i > qIdx(v.start) {
			b = append(b, dtSepAfter[i-1])
		}
		switch i {
		case 0:
			b = appendPadded(b, v.f[0], 4)
		case 6:
			n := v.end - 10
			if n < 1 || n > 5 {
				n = 5
			}
			if f := v.f[6]; f >= 0 && f < 100000 {
				b = append(b, "00000"[:n]...)
				for j, x := len(b)-1, f/pow10i[5-n]; j >= len(b)-n; j, x = j-1, x/10 {
					b[j] = byte('0' + x%10)
				}
			} else {
				b = append(b, fmt.Sprintf("%05d", f)[:n]...)
			}
		default:
			b = appendPadded(b, v.f[i], 2)
		}
	}
	return b
}

var pow10i = [...]int64{1, 10, 100, 1000, 10000, 100000}

// appendPadded appends x as fmt's %0*d with width w.
func appendPadded(b []byte, x int64, w int) []byte {
	if x < 0 {
		return fmt.Appendf(b, "%0*d", w, x)
	}
	// DATETIME's fields: two digits, and a year of four.
	switch {
	case w == 2 && x < 100:
		return append(b, byte('0'+x/10), byte('0'+x%10))
	case w == 4 && x < 10000:
		return append(b, byte('0'+x/1000), byte('0'+x/100%10), byte('0'+x/10%10), byte('0'+x%10))
	}
	var d [20]byte
	i := len(d)
	for x >= 10 {
		i--
		d[i] = byte('0' + x%10)
		x /= 10
	}
	i--
	d[i] = byte('0' + x)
	for k := len(d) - i; k < w; k++ {
		b = append(b, '0')
	}
	return append(b, d[i:]...)
}

func (v dtVal) date() (Date, error) {
	if !v.has(0) || !v.has(2) {
		return 0, newErr(-1260, 0, "")
	}
	return dateOf(int(v.f[0]), int(v.f[1]), int(v.f[2]))
}

func dtFromDate(d Date) dtVal {
	y, m, dd := d.YMD()
	return dtVal{f: [7]int64{int64(y), int64(m), int64(dd)}, start: QYear, end: QDay}
}

// ---- INTERVAL ----

// ivUnit is the size of interval field i in its family's base unit
// (months for YEAR-MONTH, 1e-5 s for DAY-FRACTION).
var ivUnit = [7]int64{12, 1, 8640000000, 360000000, 6000000, 100000, 1}

func ivFamilyYM(start int) bool { return start <= QMonth }

// endUnit is the granularity of an interval ending at end.
func endUnit(end int) int64 {
	if end > QSecond {
		u := int64(1)
		for k := end - 10; k < 5; k++ {
			u *= 10
		}
		return u
	}
	return ivUnit[qIdx(end)]
}

var ivSepAfter = [7]byte{'-', 0, ' ', ':', ':', '.', 0}

// parseInterval parses an INTERVAL literal for qualifier start..end into the
// family's base units.
func parseInterval(s string, start, end int) (int64, error) {
	s = strings.TrimSpace(s)
	neg := false
	if strings.HasPrefix(s, "-") {
		neg = true
		s = strings.TrimSpace(s[1:])
	} else if strings.HasPrefix(s, "+") {
		s = strings.TrimSpace(s[1:])
	}
	parts, seps, err := splitDT(s)
	if err != nil {
		return 0, err
	}
	ym := ivFamilyYM(start)
	lo, hi := 2, 6
	if ym {
		lo, hi = 0, 1
	}
	match := func(k int) bool {
		if k < lo || k+len(parts)-1 > hi {
			return false
		}
		for i, c := range seps {
			if ivSepAfter[k+i] != c {
				return false
			}
		}
		return true
	}
	k := -1
	if match(qIdx(start)) {
		k = qIdx(start)
	} else {
		for i := lo; i <= hi; i++ {
			if match(i) {
				k = i
				break
			}
		}
	}
	if k < 0 {
		return 0, newErr(-1262, 0, "")
	}
	var total int64
	for i, p := range parts {
		fi := k + i
		if fi == 6 {
			if len(p) > 5 {
				p = p[:5]
			}
			n, _ := strconv.ParseInt(p+strings.Repeat("0", 5-len(p)), 10, 64)
			total += n
			continue
		}
		if len(p) > 9 {
			return 0, newErr(-1261, 0, "")
		}
		n, _ := strconv.ParseInt(p, 10, 64)
		if i > 0 {
			lim := map[int]int64{1: 11, 3: 23, 4: 59, 5: 59}[fi]
			if n > lim {
				return 0, newErr(-1263, 0, "")
			}
		}
		total += n * ivUnit[fi]
	}
	u := endUnit(end)
	total = total / u * u
	if neg {
		total = -total
	}
	return total, nil
}

// checkIntervalLead verifies the first field fits the declared precision.
func checkIntervalLead(total int64, t ifxType) error {
	lead := total
	if lead < 0 {
		lead = -lead
	}
	lead /= ivUnit[qIdx(t.qualStart())]
	if len(strconv.FormatInt(lead, 10)) > t.leadDigits() && t.qualStart() <= QSecond {
		return newErr(-1261, 0, "")
	}
	return nil
}

func formatInterval(total int64, start, end int) string {
	var b strings.Builder
	if total < 0 {
		b.WriteByte('-')
		total = -total
	}
	first := true
	for i := qIdx(start); i <= qIdx(end); i++ {
		u := ivUnit[i]
		if i == 6 {
			n := end - 10
			if n < 1 || n > 5 {
				n = 5
			}
			s := fmt.Sprintf("%05d", total)
			if !first {
				b.WriteByte('.')
			}
			b.WriteString(s[:n])
			break
		}
		n := total / u
		total -= n * u
		if first {
			b.WriteString(strconv.FormatInt(n, 10))
			first = false
		} else {
			b.WriteByte(ivSepAfter[i-1])
			fmt.Fprintf(&b, "%02d", n)
		}
	}
	return b.String()
}
