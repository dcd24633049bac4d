package ifxtype

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
)

// DecimalFromFloat64 returns the Decimal with the fewest digits that
// converts back to exactly f (the same digits strconv.FormatFloat(f, 'g',
// -1, 64) prints), so 0.1 becomes 0.1 rather than the binary value
// 0.1000000000000000055…. NaN and ±Inf fail with ErrSyntax, magnitudes
// outside the DECIMAL range with ErrOverflow.
func DecimalFromFloat64(f float64) (Decimal, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Decimal{}, fmt.Errorf("ifxtype: float %v has no DECIMAL value: %w", f, ErrSyntax)
	}
	var buf [32]byte
	// Shortest round-trip digits never exceed 17, so they always fit.
	return ParseDecimal(string(strconv.AppendFloat(buf[:0], f, 'e', -1, 64)))
}

// DecimalFromBigInt returns v × 10^-scale. A nil v is treated as 0. It fails
// with ErrOverflow if the value needs more than 32 significant digits or
// lies outside the DECIMAL range. The value is always exact, but the
// result's Scale can differ from scale: trailing zeros of v are dropped
// when that makes it fit in 32 digits, and a negative scale is raised
// toward 0 by storing the zeros it implies (DecimalFromBigInt(5, -3) is
// 5000 with scale 0).
func DecimalFromBigInt(v *big.Int, scale int32) (Decimal, error) {
	if v == nil || v.Sign() == 0 {
		return zeroDecimal(int64(scale)), nil
	}
	var acc [MaxDecimalDigits + 1]byte
	text := v.Append(acc[:0], 10)
	neg := text[0] == '-'
	if neg {
		text = text[1:]
	}
	for i := range text {
		text[i] -= '0'
	}
	return newDecimal(neg, text, int64(scale))
}

// BigInt returns the unscaled coefficient and the scale of d, so that
// d = unscaled × 10^-scale. The *big.Int is freshly allocated and owned by
// the caller.
func (d Decimal) BigInt() (*big.Int, int32) {
	var hi, lo uint64
	// Split at 16 digits so each half fits a uint64 exactly.
	split := max(int(d.n)-16, 0)
	for _, c := range d.coef[:split] {
		hi = hi*10 + uint64(c)
	}
	for _, c := range d.coef[split:d.n] {
		lo = lo*10 + uint64(c)
	}
	v := new(big.Int).SetUint64(hi)
	if split > 0 {
		v.Mul(v, new(big.Int).SetUint64(1e16))
	}
	v.Add(v, new(big.Int).SetUint64(lo))
	if d.neg {
		v.Neg(v)
	}
	return v, d.scale
}

// Int64 returns d as an int64. It fails with ErrInexact if d has a non-zero
// fractional part (trailing zeros after the point are fine) and with
// ErrOverflow if the integer part does not fit.
func (d Decimal) Int64() (int64, error) {
	n, scale := int64(d.n), int64(d.scale)
	intDigits := n - scale // digits left of the point, including implied zeros
	for i := max(intDigits, 0); i < n; i++ {
		if d.coef[i] != 0 {
			return 0, fmt.Errorf("ifxtype: %s has a fractional part: %w", d, ErrInexact)
		}
	}
	if intDigits > 19 {
		return 0, fmt.Errorf("ifxtype: %s does not fit in int64: %w", d, ErrOverflow)
	}
	var u uint64
	for i := int64(0); i < intDigits; i++ {
		var c uint64
		if i < n {
			c = uint64(d.coef[i])
		}
		// At most 19 digits: u < 10^19 < 2^64, so only the final sign check
		// below can overflow.
		u = u*10 + c
	}
	if d.neg {
		if u > 1<<63 {
			return 0, fmt.Errorf("ifxtype: %s does not fit in int64: %w", d, ErrOverflow)
		}
		return -int64(u), nil // 1<<63 wraps to math.MinInt64 as intended
	}
	if u > math.MaxInt64 {
		return 0, fmt.Errorf("ifxtype: %s does not fit in int64: %w", d, ErrOverflow)
	}
	return int64(u), nil
}

// float64Pow10 holds the powers of ten that float64 represents exactly.
var float64Pow10 = [...]float64{
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
}

// Float64 returns the float64 nearest to d (correctly rounded).
func (d Decimal) Float64() float64 {
	if d.n == 0 {
		return 0
	}
	var f float64
	// Fast path: a coefficient below 2^53 and an exact power of ten make a
	// single correctly rounded IEEE operation.
	if d.n <= 15 && d.scale >= -22 && d.scale <= 22 {
		var u uint64
		for _, c := range d.coef[:d.n] {
			u = u*10 + uint64(c)
		}
		f = float64(u)
		if d.scale >= 0 {
			f /= float64Pow10[d.scale]
		} else {
			f *= float64Pow10[-d.scale]
		}
	} else {
		var buf [48]byte
		b := buf[:0]
		for _, c := range d.coef[:d.n] {
			b = append(b, '0'+c)
		}
		b = append(b, 'e')
		b = strconv.AppendInt(b, -int64(d.scale), 10)
		// Cannot fail: the text is well formed and within float64 range.
		f, _ = strconv.ParseFloat(string(b), 64)
	}
	if d.neg {
		f = -f
	}
	return f
}
