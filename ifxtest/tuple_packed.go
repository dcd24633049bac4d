package ifxtest

import "github.com/ifxgo/ifx/ifxtype"

// The engine hands DECIMAL and DATETIME values over as text in one
// canonical layout (a DECIMAL(p,s) with exactly s fraction digits, a
// DATETIME YEAR TO x zero-padded field by field). The packed wire form
// (docs/PROTOCOL.md, note N3) of such text is its digits cut into pairs
// at the point, so the tuple encoder packs them straight from the text
// instead of parsing an ifxtype value and packing that, which took most
// of the encoder's time on bench/'s fetch100k (0.98 s of encodeRow's
// 1.33 s in a CPU profile). Any other text, and any value the wire form
// would round or refuse, goes the ifxtype way, which stays the reference
// (TestPackedTextMatchesIfxtype). ifxtest packs these itself, apart from
// the driver's encoder, as it keeps its own judgement of the client.

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
	n, i := 0, 0
	if point&1 == 1 {
		pb[0] = digits[0] - '0'
		n, i = 1, 1
	}
	for ; i+1 < len(digits); i += 2 {
		pb[n] = (digits[i]-'0')*10 + digits[i+1] - '0'
		n++
	}
	if i < len(digits) {
		pb[n] = (digits[i] - '0') * 10
		n++
	}
	return appendPackedPairs(b, neg, pb[:n], (point+1)/2, width)
}

// appendPackedPairs appends ±0.pairs × 100^exp (base-100 digits, leading
// and trailing zero pairs allowed), padded with 00 to width bytes.
func appendPackedPairs(b []byte, neg bool, pairs []byte, exp, width int) []byte {
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
	if pad := width - (len(b) - start); pad > 0 {
		b = append(b, make([]byte, pad)...)
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
	// WireLen validates q: once per value, not again for the padding.
	width := q.WireLen()
	if q.Start() != ifxtype.TUYear || width == 0 {
		return b, false
	}
	end := q.End()
	// The text is "YYYY-MM-DD hh:mm:ss.fffff" cut after q's last field;
	// its fields are the pairs of the packed value, the year's two first.
	n := 4 + 3*(min(end, ifxtype.TUSecond)/2)
	fd := 0
	if end > ifxtype.TUSecond {
		fd = end - ifxtype.TUSecond
		n += 1 + fd
	}
	if len(s) != n {
		return b, false
	}
	var pb [10]byte
	pb[0], pb[1] = digitPair(s, 0), digitPair(s, 2)
	np := 2
	for i := 4; i < n && i < 19; i += 3 {
		if s[i] != "-- ::"[i/3-1] {
			return b, false
		}
		pb[np] = digitPair(s, i+1)
		np++
	}
	if fd > 0 {
		if s[19] != '.' {
			return b, false
		}
		for i := 20; i < n; i += 2 {
			if i+1 < n {
				pb[np] = digitPair(s, i)
			} else if c := s[i] - '0'; c <= 9 {
				pb[np] = c * 10
			} else {
				pb[np] = 100
			}
			np++
		}
	}
	for _, p := range pb[:np] {
		if p > 99 {
			return b, false
		}
	}
	year := int(pb[0])*100 + int(pb[1])
	switch {
	case year < 1:
		return b, false
	case np > 2 && (pb[2] < 1 || pb[2] > 12):
		return b, false
	case np > 3 && (pb[3] < 1 || int(pb[3]) > daysInMonth(year, int(pb[2]))):
		return b, false
	case np > 4 && pb[4] > 23, np > 5 && pb[5] > 59, np > 6 && pb[6] > 59:
		return b, false
	}
	return appendPackedPairs(b, false, pb[:np], 7, width), true
}

// digitPair is the two digits at s[i:i+2] as a base-100 digit, or 100
// when either is not a digit.
func digitPair(s string, i int) byte {
	hi, lo := s[i]-'0', s[i+1]-'0'
	if hi > 9 || lo > 9 {
		return 100
	}
	return hi*10 + lo
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
