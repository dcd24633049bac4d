package ifxtype

import "fmt"

// ParseDecimal parses a decimal literal: an optional sign, digits with an
// optional decimal point (at least one digit on either side), and an
// optional exponent, e.g. "-12.3400", "+.5", "1e5", "6.02E23".
//
// The scale of the result is the number of digits written after the point
// minus the exponent, so trailing zeros are kept ("12.3400" has scale 4)
// and "1e5" is the integer 100000 with scale 0. Surrounding spaces, "NaN"
// and "Inf" are rejected with ErrSyntax. A value needing more than 32
// significant digits, or outside the DECIMAL range, fails with ErrOverflow;
// trailing zeros beyond 32 digits are dropped instead, since that keeps the
// value exact.
func ParseDecimal(s string) (Decimal, error) {
	var (
		acc       digitAcc
		neg       bool
		fracDigs  int64 // digits seen after the point
		sawDigit  bool
		sawPoint  bool
		exp       int64
		i         int
		expDigits bool
	)
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			acc.push(c - '0')
			if sawPoint {
				fracDigs++
			}
			continue
		case c == '.' && !sawPoint:
			sawPoint = true
			continue
		}
		break
	}
	if !sawDigit {
		return Decimal{}, syntaxError("DECIMAL", s)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		expNeg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			expNeg = s[i] == '-'
			i++
		}
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			expDigits = true
			// Saturate: anything this large is out of range anyway, and
			// saturating keeps the arithmetic below from wrapping.
			if exp < 1<<40 {
				exp = exp*10 + int64(s[i]-'0')
			}
		}
		if !expDigits {
			return Decimal{}, syntaxError("DECIMAL", s)
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != len(s) {
		return Decimal{}, syntaxError("DECIMAL", s)
	}
	if acc.tooLong {
		return Decimal{}, fmt.Errorf("ifxtype: parse DECIMAL %q: more than %d significant digits: %w", s, MaxDecimalDigits, ErrOverflow)
	}
	d, err := newDecimal(neg, acc.buf[:acc.n], fracDigs-exp-acc.dropped)
	if err != nil {
		return Decimal{}, fmt.Errorf("ifxtype: parse DECIMAL %q: %w", s, err)
	}
	return d, nil
}

// digitAcc collects a digit stream into a fixed buffer so that parsing needs
// no allocation however long the input is. Leading zeros are skipped;
// trailing zeros that no longer fit are counted in dropped so the caller can
// lower the scale, and any non-zero digit that does not fit sets tooLong.
type digitAcc struct {
	buf     [MaxDecimalDigits]byte
	n       int
	dropped int64
	tooLong bool
}

func (a *digitAcc) push(d byte) {
	switch {
	case a.n == 0 && d == 0:
	case a.n < len(a.buf):
		a.buf[a.n] = d
		a.n++
	case d == 0:
		a.dropped++
	default:
		a.tooLong = true
	}
}

// syntaxError keeps parse failures uniform across types.
func syntaxError(typ, s string) error {
	return fmt.Errorf("ifxtype: parse %s %q: %w", typ, s, ErrSyntax)
}

// String returns d in plain notation (never with an exponent), keeping the
// trailing zeros its scale implies: "12.3400", "-0.5", "0.00", "100".
func (d Decimal) String() string {
	var buf [64]byte
	return string(d.appendText(buf[:0]))
}

// AppendText appends the String form of d to b; it implements
// encoding.TextAppender and lets callers format without allocating.
func (d Decimal) AppendText(b []byte) ([]byte, error) {
	return d.appendText(b), nil
}

// MarshalText implements encoding.TextMarshaler using the String form.
func (d Decimal) MarshalText() ([]byte, error) {
	return d.appendText(nil), nil
}

// UnmarshalText implements encoding.TextUnmarshaler using ParseDecimal.
func (d *Decimal) UnmarshalText(text []byte) error {
	v, err := ParseDecimal(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func (d Decimal) appendText(b []byte) []byte {
	if d.neg {
		b = append(b, '-')
	}
	n, scale := int(d.n), int(d.scale)
	switch {
	case scale <= 0:
		if n == 0 {
			b = append(b, '0')
		}
		for _, c := range d.coef[:n] {
			b = append(b, '0'+c)
		}
		for range -scale {
			b = append(b, '0')
		}
	case n > scale:
		for _, c := range d.coef[:n-scale] {
			b = append(b, '0'+c)
		}
		b = append(b, '.')
		for _, c := range d.coef[n-scale : n] {
			b = append(b, '0'+c)
		}
	default:
		b = append(b, '0', '.')
		for range scale - n {
			b = append(b, '0')
		}
		for _, c := range d.coef[:n] {
			b = append(b, '0'+c)
		}
	}
	return b
}
