package ifxtest

import "github.com/ifxgo/ifx/ifxtype"

// The engine hands DECIMAL and DATETIME values over as text in one
// canonical layout (a DECIMAL(p,s) with exactly s fraction digits, a
// DATETIME YEAR TO x zero-padded field by field). The packed wire form
// (docs/PROTOCOL.md, note N3) of such text is its digits cut into pairs
// at the point, so the tuple encoder packs them straight from the text
// instead of parsing an ifxtype value and packing that: a third of the
// encoder's time on bench/'s fetch100k. Any other text, and any value
// the wire form would round or refuse, goes the ifxtype way, which stays
// the reference (TestPackedTextMatchesIfxtype).

// packedBuf holds the digits of the longest value: 32 DECIMAL digits with
// a padding digit on either side of the point.
type packedBuf [34]byte

// appendPackedDigits appends the packed form of ±0.digits × 10^point (the
// first point digits are integral; digits holds '0'-'9'), padded with 00
// to width bytes, as ifxtype's appendPacked lays it out.
func appendPackedDigits(b []byte, neg bool, digits []byte, point, width int) []byte {
	// Pair the digits around the point: an odd integral count takes a
	// leading 0, an odd fraction a trailing one.
	var pb [18]byte
	pairs := pb[:0]
	i := 0
	if point&1 == 1 {
		pairs = append(pairs, digits[0]-'0')
		i = 1
	}
	for ; i+1 < len(digits); i += 2 {
		pairs = append(pairs, (digits[i]-'0')*10+digits[i+1]-'0')
	}
	if i < len(digits) {
		pairs = append(pairs, (digits[i]-'0')*10)
	}
	exp := (point + 1) / 2
	for len(pairs) > 0 && pairs[0] == 0 {
		pairs, exp = pairs[1:], exp-1
	}
	for len(pairs) > 0 && pairs[len(pairs)-1] == 0 {
		pairs = pairs[:len(pairs)-1]
	}
	start := len(b)
	if len(pairs) == 0 {
		b = append(b, 0x80, 0)
	} else {
		head := byte(0x80 | (exp + 64))
		if neg {
			head ^= 0xff
		}
		b = append(b, head)
		body := len(b)
		b = append(b, pairs...)
		if neg {
			p := b[body:]
			k := len(p) - 1 // the last pair is not zero
			p[k] = 100 - p[k]
			for k--; k >= 0; k-- {
				p[k] = 99 - p[k]
			}
		}
	}
	for len(b)-start < width {
		b = append(b, 0)
	}
	return b
}

// appendDecimalText packs s, a DECIMAL(prec,scale) in the engine's text
// ("-12.30": optional minus, integral digits, exactly scale fraction
// digits), when it fits the column as it stands; ok is false otherwise.
func appendDecimalText(b []byte, s string, prec, scale int) ([]byte, bool) {
	if scale == ifxtype.DecimalFloatingScale || scale > prec || prec > ifxtype.MaxDecimalDigits {
		return b, false
	}
	width := ifxtype.DecimalWireLen(prec, scale)
	if width == 0 {
		return b, false
	}
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	for len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9' {
		s = s[1:]
	}
	var buf packedBuf
	digits := buf[:0]
	point := -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if len(digits) == len(buf) {
				return b, false
			}
			digits = append(digits, c)
		case c == '.' && point < 0 && i > 0:
			point = len(digits)
		default:
			return b, false
		}
	}
	switch {
	case point < 0:
		point = len(digits)
	case point == len(digits):
		return b, false // "12.": left to ParseDecimal's verdict
	}
	if len(digits) == 0 || len(digits)-point != scale || point > prec-scale && !(point == 1 && digits[0] == '0') {
		return b, false
	}
	return appendPackedDigits(b, neg, digits, point, width), true
}

// appendDateTimeText packs s, a DATETIME YEAR TO x in the engine's text
// ("2026-01-01 00:00:05" for YEAR TO SECOND: every field zero-padded to
// its width, the fraction to q's digits), when it holds a valid date and
// time; ok is false otherwise.
func appendDateTimeText(b []byte, s string, q ifxtype.Qualifier) ([]byte, bool) {
	if q.Start() != ifxtype.TUYear || q.WireLen() == 0 {
		return b, false
	}
	end := q.End()
	fd := 0
	if end > ifxtype.TUSecond {
		fd = end - ifxtype.TUSecond
	}
	// Text positions of year, month, day, hour, minute, second.
	const layout = "0000-00-00 00:00:00"
	n := len(layout)
	if end < ifxtype.TUSecond {
		n = 4 + 3*(end/2)
	} else if fd > 0 {
		n += 1 + fd
	}
	if len(s) != n {
		return b, false
	}
	var buf packedBuf
	digits := buf[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		var want byte = '0'
		if i < len(layout) {
			want = layout[i]
		} else if i == len(layout) {
			want = '.'
		}
		if want == '0' {
			if c < '0' || c > '9' {
				return b, false
			}
			digits = append(digits, c)
		} else if c != want {
			return b, false
		}
	}
	// The fields the text leaves out down to SECOND are zero digits.
	for len(digits) < 14 {
		digits = append(digits, '0')
	}
	num := func(i int) int { return int(digits[i]-'0')*10 + int(digits[i+1]-'0') }
	year := num(0)*100 + num(2)
	if year < 1 {
		return b, false
	}
	if end >= ifxtype.TUMonth {
		m := num(4)
		if m < 1 || m > 12 {
			return b, false
		}
		if end >= ifxtype.TUDay {
			if d := num(6); d < 1 || d > daysInMonth(year, m) {
				return b, false
			}
		}
	}
	if num(8) > 23 || num(10) > 59 || num(12) > 59 {
		return b, false
	}
	return appendPackedDigits(b, false, digits, 14, q.WireLen()), true
}

// daysInMonth is the length of month m of year y (proleptic Gregorian).
func daysInMonth(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
