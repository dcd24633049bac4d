package ifxtype

import "fmt"

// DATETIME and INTERVAL values travel as packed decimals whose point sits
// after the SECOND field: every field occupies fixed decimal digit
// positions, so the value of YEAR TO SECOND 2026-05-04 12:34:56 is the
// number 20260504123456 and HOUR TO MINUTE 12:34 is 123400 (the SECOND
// position is an implied zero). The exponent byte therefore locates the
// fields, leading zero pairs are dropped like any decimal, and trailing
// zero pairs are only present as padding.

// Field units, in significance order. They index tfields.v; the fraction
// is held separately because its width varies.
const (
	unitYear = iota
	unitMonth
	unitDay
	unitHour
	unitMinute
	unitSecond
	unitFraction
)

// unitOf maps a time-unit code to its field unit.
func unitOf(code int) int {
	if code > TUSecond {
		return unitFraction
	}
	return code / 2
}

// basePow is the decimal power of the units digit of each field, counting
// from the SECOND units digit at 10^0.
func basePow(u int) int { return 10 - 2*u }

// tfields is the sign and the per-field magnitudes of a DATETIME or
// INTERVAL value, the common ground between the value types and the wire.
type tfields struct {
	v    [unitSecond + 1]uint64 // YEAR … SECOND; fields outside the qualifier are 0
	frac uint64                 // fraction as an integer of fracDigits digits
	neg  bool
}

// temporalSpan describes which digit powers a qualifier occupies.
type temporalSpan struct {
	su, eu   int // first and last unit
	first    int // digits of the first field
	fd       int // fraction digits
	top, low int // highest and lowest digit power that may be non-zero
}

// digitsBias offsets digit powers (-6 … 19 at most: YEAR(9) reaches 10^18,
// FRACTION(5) with its fill nibble 10^-6) into array indexes.
const digitsBias = 6

func spanOf(q Qualifier) temporalSpan {
	sp := temporalSpan{su: unitOf(q.Start()), eu: unitOf(q.End()), first: q.FirstDigits(), fd: q.fracDigits()}
	if sp.su == unitFraction {
		sp.top = -1
	} else {
		sp.top = basePow(sp.su) + sp.first - 1
	}
	if sp.fd > 0 {
		sp.low = -sp.fd
	} else {
		sp.low = basePow(sp.eu)
	}
	return sp
}

// width returns the digits of unit u in this span.
func (sp *temporalSpan) width(u int) int {
	switch {
	case u == unitFraction:
		return sp.fd
	case u == sp.su:
		return sp.first
	}
	return 2
}

// appendTemporal writes f in the packed form at q's exact wire width. q
// must already be validated. The only possible failure is a field wider
// than its digits, which for valid values can only be the first INTERVAL
// field.
func appendTemporal(dst []byte, q Qualifier, f *tfields) ([]byte, error) {
	sp := spanOf(q)
	var digs [26]byte // indexed by power + digitsBias
	for u := sp.su; u <= sp.eu; u++ {
		val, base := f.frac, -sp.fd
		if u != unitFraction {
			val, base = f.v[u], basePow(u)
		}
		w := sp.width(u)
		for i := range w {
			digs[base+i+digitsBias] = byte(val % 10)
			val /= 10
		}
		if val != 0 {
			return dst, fmt.Errorf("ifxtype: %s field needs more than %d digits: %w", unitNames[u], w, ErrOverflow)
		}
	}
	var buf [13]byte
	var pairs []byte
	exp, nonzero := 0, false
	for k := sp.top >> 1; k >= sp.low>>1; k-- {
		p := digs[2*k+1+digitsBias]*10 + digs[2*k+digitsBias]
		if !nonzero {
			if p == 0 {
				continue
			}
			nonzero, exp = true, k+1
		}
		pairs = append(buf[:len(pairs)], p)
	}
	for len(pairs) > 0 && pairs[len(pairs)-1] == 0 {
		pairs = pairs[:len(pairs)-1]
	}
	return appendPacked(dst, f.neg && nonzero, exp, pairs, q.WireLen()), nil
}

// decodeTemporal reads a packed value against q (already validated). Any
// non-zero digit outside q's fields means the bytes do not belong to this
// qualifier, so it is an error rather than silently dropped data.
func decodeTemporal(typ string, src []byte, q Qualifier) (f tfields, null bool, err error) {
	v, null, err := readPacked(typ, src)
	if err != nil || null {
		return f, null, err
	}
	sp := spanOf(q)
	var digs [26]byte
	nonzero := false
	for i := 0; i <= v.last; i++ {
		p := v.pair(i)
		if p == 0 {
			continue
		}
		nonzero = true
		k := v.exp - 1 - i
		for j, d := range [2]byte{p / 10, p % 10} {
			pow := 2*k + 1 - j
			if d == 0 {
				continue
			}
			if pow > sp.top || pow < sp.low {
				return f, false, fmt.Errorf("ifxtype: decode %s %s: digit at 10^%d lies outside the qualifier: %w", typ, q, pow, ErrWireFormat)
			}
			digs[pow+digitsBias] = d
		}
	}
	for u := sp.su; u <= sp.eu; u++ {
		base := -sp.fd
		if u != unitFraction {
			base = basePow(u)
		}
		var val uint64
		for i := sp.width(u) - 1; i >= 0; i-- {
			val = val*10 + uint64(digs[base+i+digitsBias])
		}
		if u == unitFraction {
			f.frac = val
		} else {
			f.v[u] = val
		}
	}
	f.neg = v.neg && nonzero
	return f, false, nil
}

// pow10u32 holds 10^0 … 10^9 for fraction scaling.
var pow10u32 = [...]uint32{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// AppendDateTimeNullWire appends the NULL form of a DATETIME or INTERVAL
// column with qualifier q: q.WireLen() zero bytes.
func AppendDateTimeNullWire(dst []byte, q Qualifier) []byte {
	for range q.WireLen() {
		dst = append(dst, 0)
	}
	return dst
}
