package ifxtype

// Text forms of DATETIME and INTERVAL values follow the Informix literal
// syntax: every field after the first is introduced by its separator
// ("yyyy-mo-dd hh:mi:ss.fffff"), so the qualifier alone says how to read
// a value and no field names appear in the text.

// separators[u] precedes field u when u is not the first field; a leading
// FRACTION keeps its '.', as in the INTERVAL literal ".fffff".
var separators = [...]byte{unitYear: 0, unitMonth: '-', unitDay: '-', unitHour: ' ', unitMinute: ':', unitSecond: ':', unitFraction: '.'}

// scanDigits reads at most maxN decimal digits of s from i and returns
// their value and count.
func scanDigits(s string, i, maxN int) (val uint64, n int) {
	for n < maxN && i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		val = val*10 + uint64(s[i+n]-'0')
		n++
	}
	return val, n
}

// isDigitAt reports whether s[i] exists and is a digit; used to reject
// fields that are longer than their width.
func isDigitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

// scanSeparator consumes the separator of field u. It is mandatory before
// any field but the first, and optional before a leading FRACTION.
func scanSeparator(s string, i, u int, first bool) (int, bool) {
	if !first {
		if i < len(s) && s[i] == separators[u] {
			return i + 1, true
		}
		return i, false
	}
	if u == unitFraction && i < len(s) && s[i] == '.' {
		return i + 1, true
	}
	return i, true
}

// scanFraction reads 1–9 fraction digits and returns them as nanoseconds.
func scanFraction(s string, i int) (nsec uint64, next int, ok bool) {
	val, n := scanDigits(s, i, 9)
	if n == 0 || isDigitAt(s, i+n) {
		return 0, i, false
	}
	return val * uint64(pow10u32[9-n]), i + n, true
}

// appendPadded appends val in decimal with at least width digits.
func appendPadded(b []byte, val uint64, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for val != 0 || len(buf)-i < width {
		i--
		buf[i] = byte('0' + val%10)
		val /= 10
	}
	return append(b, buf[i:]...)
}

// appendFields formats f for q: the first field unpadded except YEAR (4
// digits) and FRACTION (always its full digits), the others with two
// digits. DATETIME pads its first field to its fixed width; INTERVAL does
// not, since its first field is a count, not a position.
func appendFields(b []byte, q Qualifier, f *tfields, padFirst bool) []byte {
	sp := spanOf(q)
	for u := sp.su; u <= sp.eu; u++ {
		if u != sp.su || u == unitFraction {
			b = append(b, separators[u])
		}
		switch {
		case u == unitFraction:
			b = appendPadded(b, f.frac, sp.fd)
		case u == sp.su && !padFirst:
			b = appendPadded(b, f.v[u], 1)
		default:
			b = appendPadded(b, f.v[u], sp.width(u))
		}
	}
	return b
}
