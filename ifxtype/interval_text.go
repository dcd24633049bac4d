package ifxtype

import "fmt"

// String returns v as an Informix INTERVAL literal: a '-' for negative
// values, the first field without padding, the others with two digits, the
// fraction with exactly the qualifier's digits, e.g. "5 01:02:03" (DAY TO
// SECOND), "-5 01:02:03.00000" (DAY TO FRACTION(5)), "48:00" (HOUR TO
// MINUTE), ".500" (FRACTION TO FRACTION(3)). The zero IntervalDF prints as
// "".
func (v IntervalDF) String() string {
	if v.q == 0 {
		return ""
	}
	f := v.fields()
	return formatInterval(v.q, &f)
}

// String returns v as an Informix INTERVAL literal: "2-06" (YEAR TO
// MONTH), "-3-01", "7" (YEAR TO YEAR), "30" (MONTH TO MONTH). The zero
// IntervalYM prints as "".
func (v IntervalYM) String() string {
	if v.q == 0 {
		return ""
	}
	f := v.fields()
	return formatInterval(v.q, &f)
}

func formatInterval(q Qualifier, f *tfields) string {
	var buf [48]byte
	b := buf[:0]
	if f.neg {
		b = append(b, '-')
	}
	return string(appendFields(b, q, f, false))
}

// ParseIntervalDF parses a day-to-fraction INTERVAL literal holding exactly
// the fields of q, e.g. "5 01:02:03" or "-5 01:02:03.5" for DAY(3) TO
// FRACTION(5), "48:00" for HOUR TO MINUTE. A leading '+' or '-' is allowed.
// The first field may use up to q's declared digits (more fail with
// ErrOverflow); the others must be in range (hours < 24 …, else ErrRange).
// The fraction may have 1–9 digits and is truncated to q's.
func ParseIntervalDF(s string, q Qualifier) (IntervalDF, error) {
	if err := checkDF(q); err != nil {
		return IntervalDF{}, err
	}
	f, err := parseInterval(s, q)
	if err != nil {
		return IntervalDF{}, err
	}
	v, err := intervalDFFromFields(q, &f)
	if err != nil {
		return IntervalDF{}, fmt.Errorf("ifxtype: parse INTERVAL %q: %w", s, err)
	}
	return v, nil
}

// ParseIntervalYM parses a year-month INTERVAL literal holding exactly the
// fields of q: "2-06" or "-3-1" for YEAR TO MONTH, "7" for YEAR TO YEAR,
// "30" for MONTH TO MONTH. Limits are as for ParseIntervalDF.
func ParseIntervalYM(s string, q Qualifier) (IntervalYM, error) {
	if err := checkYM(q); err != nil {
		return IntervalYM{}, err
	}
	f, err := parseInterval(s, q)
	if err != nil {
		return IntervalYM{}, err
	}
	v, err := intervalYMFromFields(q, &f)
	if err != nil {
		return IntervalYM{}, fmt.Errorf("ifxtype: parse INTERVAL %q: %w", s, err)
	}
	return v, nil
}

// parseInterval reads the sign and the fields of q (already validated).
func parseInterval(s string, q Qualifier) (tfields, error) {
	var f tfields
	sp := spanOf(q)
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		f.neg = s[i] == '-'
		i++
	}
	for u := sp.su; u <= sp.eu; u++ {
		var ok bool
		if i, ok = scanSeparator(s, i, u, u == sp.su); !ok {
			return f, syntaxError("INTERVAL", s)
		}
		if u == unitFraction {
			var nsec uint64
			if nsec, i, ok = scanFraction(s, i); !ok {
				return f, syntaxError("INTERVAL", s)
			}
			f.frac = nsec / uint64(pow10u32[9-sp.fd])
			continue
		}
		val, n := scanDigits(s, i, sp.width(u))
		if n == 0 {
			return f, syntaxError("INTERVAL", s)
		}
		if isDigitAt(s, i+n) {
			if u == sp.su {
				return f, fmt.Errorf("ifxtype: parse INTERVAL %q: %s has more than %d digits: %w", s, unitNames[u], sp.first, ErrOverflow)
			}
			return f, syntaxError("INTERVAL", s)
		}
		f.v[u] = val
		i += n
	}
	if i != len(s) {
		return f, syntaxError("INTERVAL", s)
	}
	if f.neg {
		// "-0 00:00:00" is zero; the sign must not survive into the value.
		zero := f.frac == 0
		for _, v := range f.v {
			zero = zero && v == 0
		}
		f.neg = !zero
	}
	return f, nil
}
