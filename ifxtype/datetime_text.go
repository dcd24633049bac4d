package ifxtype

import "fmt"

// String returns d as an Informix DATETIME literal restricted to its
// qualifier's fields, e.g. "2026-05-04 12:34:56.78901" for YEAR TO
// FRACTION(5), "12:34" for HOUR TO MINUTE, ".789" for FRACTION TO
// FRACTION(3). The fraction always has exactly the qualifier's digits. The
// zero DateTime prints as "".
func (d DateTime) String() string {
	if d.q == 0 {
		return ""
	}
	var buf [32]byte
	f := d.fields()
	return string(appendFields(buf[:0], d.q, &f, true))
}

// ParseDateTime parses an Informix DATETIME literal holding exactly the
// fields of q, in order and with their separators: "2026-05-04
// 12:34:56.78901" for YEAR TO FRACTION(5), "12:34" for HOUR TO MINUTE,
// "2026-05" for YEAR TO MONTH. Fields may have fewer digits than their
// width ("2026-5-4"), but there is no two-digit-year expansion: "26" is
// year 26. The fraction may have 1–9 digits and is truncated to q's. Malformed text fails with ErrSyntax, impossible dates and times with
// ErrRange, an invalid q with ErrQualifier.
func ParseDateTime(s string, q Qualifier) (DateTime, error) {
	if err := q.ValidateDateTime(); err != nil {
		return DateTime{}, err
	}
	sp := spanOf(q)
	var (
		fields [unitSecond + 1]int
		nsec   uint64
		i      int
		ok     bool
	)
	for u := sp.su; u <= sp.eu; u++ {
		if i, ok = scanSeparator(s, i, u, u == sp.su); !ok {
			return DateTime{}, syntaxError("DATETIME", s)
		}
		if u == unitFraction {
			if nsec, i, ok = scanFraction(s, i); !ok {
				return DateTime{}, syntaxError("DATETIME", s)
			}
			continue
		}
		val, n := scanDigits(s, i, sp.width(u))
		if n == 0 || isDigitAt(s, i+n) {
			return DateTime{}, syntaxError("DATETIME", s)
		}
		fields[u] = int(val)
		i += n
	}
	if i != len(s) {
		return DateTime{}, syntaxError("DATETIME", s)
	}
	d, err := NewDateTime(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], int(nsec), q)
	if err != nil {
		return DateTime{}, fmt.Errorf("ifxtype: parse DATETIME %q: %w", s, err)
	}
	return d, nil
}
