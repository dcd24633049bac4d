package ifxtype

import "fmt"

// MaxDecimalDigits is the largest precision Informix allows for DECIMAL and
// MONEY, and therefore the largest number of significant digits a Decimal
// holds.
const MaxDecimalDigits = 32

// The packed form stores the exponent as a signed base-100 power in seven
// bits (-64…63). Keeping every Decimal inside that range means any Decimal
// can be bound without an error path; these are the matching decimal powers
// of the most significant digit.
const (
	minAdjExp = -130 // 10^-130 is the first digit of pair power -65
	maxAdjExp = 125  // 10^125 is the tens digit of pair power 62
	// maxScale bounds the scale of zeros, whose scale is only cosmetic, to
	// the largest scale any non-zero Decimal can have.
	maxScale = MaxDecimalDigits - 1 - minAdjExp
)

// Decimal is an exact decimal number: up to 32 significant digits, a sign
// and a scale (the number of digits after the decimal point), mirroring
// Informix DECIMAL/MONEY. The value is coefficient × 10^-scale.
//
// Decimal is a small value type without pointers, so copies never alias and
// decoding needs no allocation. The zero value is 0 with scale 0.
//
// The magnitude is limited to what the packed wire form can express
// (roughly 1e-130 to 1e126), so every Decimal can be sent to the server.
// The scale is normally ≥ 0; it is negative only for integers with more
// than 32 digits, whose trailing zeros cannot all be held in the
// coefficient (1e40 has 32 digits and scale -9).
//
// Comparing Decimals with == compares representations, so 1.0 != 1.00; use
// Cmp to compare values.
type Decimal struct {
	// coef holds decimal digits (0–9), most significant first; only coef[:n]
	// is meaningful and the rest stays zero so that == remains usable.
	coef  [MaxDecimalDigits]byte
	n     uint8 // number of digits; 0 means zero, otherwise coef[0] != 0
	neg   bool  // never set for zero, so -0 and 0 are identical
	scale int32
}

// newDecimal builds the canonical Decimal for ±digits × 10^-scale. digits may
// carry leading zeros and may be longer than 32 if the excess is trailing
// zeros. Every constructor funnels through here so that the invariants
// documented on Decimal hold everywhere.
func newDecimal(neg bool, digits []byte, scale int64) (Decimal, error) {
	for len(digits) > 0 && digits[0] == 0 {
		digits = digits[1:]
	}
	for len(digits) > MaxDecimalDigits && digits[len(digits)-1] == 0 {
		digits = digits[:len(digits)-1]
		scale--
	}
	if len(digits) > MaxDecimalDigits {
		return Decimal{}, fmt.Errorf("ifxtype: more than %d significant digits: %w", MaxDecimalDigits, ErrOverflow)
	}
	if len(digits) == 0 {
		return zeroDecimal(scale), nil
	}
	adj := int64(len(digits)) - 1 - scale
	if adj > maxAdjExp {
		return Decimal{}, fmt.Errorf("ifxtype: magnitude 1e%d exceeds the DECIMAL range: %w", adj, ErrOverflow)
	}
	if adj < minAdjExp {
		return Decimal{}, fmt.Errorf("ifxtype: magnitude 1e%d is below the DECIMAL range: %w", adj, ErrOverflow)
	}
	var d Decimal
	d.neg = neg
	d.n = uint8(copy(d.coef[:], digits))
	// Move a negative scale toward 0 by storing the zeros it stands for, so
	// that integers such as 1e5 read back with Scale() == 0 like any SQL
	// integer, and so that each value has one representation (== works).
	if scale < 0 {
		shift := min(-scale, int64(MaxDecimalDigits-d.n))
		d.n += uint8(shift)
		scale += shift
	}
	d.scale = int32(scale)
	return d, nil
}

// zeroDecimal returns 0 with the given scale, clamped to the scales a
// non-zero Decimal could have, because a zero's scale only decides how many
// "0" digits String prints.
func zeroDecimal(scale int64) Decimal {
	return Decimal{scale: int32(min(max(scale, 0), maxScale))}
}

// DecimalFromInt64 returns v as a Decimal with scale 0. It cannot fail
// because every int64 has at most 19 digits.
func DecimalFromInt64(v int64) Decimal {
	// Work on the unsigned magnitude so math.MinInt64 needs no special case.
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	var buf [20]byte
	i := len(buf)
	for u != 0 {
		i--
		buf[i] = byte(u % 10)
		u /= 10
	}
	d, _ := newDecimal(v < 0, buf[i:], 0)
	return d
}

// Sign returns -1, 0 or +1 according to the sign of d.
func (d Decimal) Sign() int {
	switch {
	case d.n == 0:
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// IsZero reports whether d equals zero, whatever its scale.
func (d Decimal) IsZero() bool { return d.n == 0 }

// Scale returns the number of digits after the decimal point that d carries,
// including trailing zeros (12.3400 has scale 4).
func (d Decimal) Scale() int32 { return d.scale }

// Neg returns -d.
func (d Decimal) Neg() Decimal {
	if d.n != 0 {
		d.neg = !d.neg
	}
	return d
}

// Abs returns |d|.
func (d Decimal) Abs() Decimal {
	d.neg = false
	return d
}

// adjExp is the decimal power of the most significant digit; it orders
// magnitudes without aligning scales.
func (d *Decimal) adjExp() int64 { return int64(d.n) - 1 - int64(d.scale) }

// digitAtPow returns the digit multiplying 10^p, or 0 outside the
// coefficient.
func (d *Decimal) digitAtPow(p int64) byte {
	i := int64(d.n) - 1 - int64(d.scale) - p
	if i < 0 || i >= int64(d.n) {
		return 0
	}
	return d.coef[i]
}

// Cmp compares d and e by value and returns -1, 0 or +1; scales do not
// matter, so 1.5 and 1.50 compare equal.
func (d Decimal) Cmp(e Decimal) int {
	ds, es := d.Sign(), e.Sign()
	if ds != es {
		if ds < es {
			return -1
		}
		return 1
	}
	if ds == 0 {
		return 0
	}
	c := cmpMagnitude(&d, &e)
	if ds < 0 {
		return -c
	}
	return c
}

// cmpMagnitude compares |a| and |b| for non-zero a and b.
func cmpMagnitude(a, b *Decimal) int {
	if aa, ba := a.adjExp(), b.adjExp(); aa != ba {
		if aa < ba {
			return -1
		}
		return 1
	}
	// Same leading power: the digit strings are aligned at index 0.
	for i := 0; i < MaxDecimalDigits; i++ {
		if a.coef[i] != b.coef[i] {
			if a.coef[i] < b.coef[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// Round returns d rounded to scale digits after the decimal point, with ties
// rounded away from zero as Informix does. A negative scale rounds to tens,
// hundreds and so on.
//
// When scale exceeds d's scale the value is unchanged and trailing zeros are
// added, but only as many as fit in 32 digits. In the one case where rounding
// up would leave the DECIMAL range (a value just below 1e126), d is truncated
// to scale instead.
func (d Decimal) Round(scale int32) Decimal {
	if d.n == 0 {
		return zeroDecimal(int64(scale))
	}
	drop := int64(d.scale) - int64(scale)
	if drop <= 0 {
		add := min(-drop, int64(MaxDecimalDigits-d.n))
		d.n += uint8(add) // the appended coef digits are already zero
		d.scale += int32(add)
		return d
	}
	if drop > int64(d.n) {
		return zeroDecimal(int64(scale))
	}
	keep := int(int64(d.n) - drop)
	var buf [MaxDecimalDigits + 1]byte
	copy(buf[1:], d.coef[:keep])
	if d.coef[keep] >= 5 {
		i := keep
		for ; buf[i] == 9; i-- {
			buf[i] = 0
		}
		buf[i]++
	}
	r, err := newDecimal(d.neg, buf[:keep+1], int64(scale))
	if err != nil {
		// Only the carry out of a value just below 1e126 can get here.
		r, _ = newDecimal(d.neg, d.coef[:keep], int64(scale))
	}
	return r
}
