package ifxtype

import "fmt"

// The packed base-100 layout is shared by DECIMAL, MONEY, DATETIME and
// INTERVAL:
//
//	byte 0:  bit 7 = sign (1 positive), bits 0–6 = exponent + 64, where the
//	         exponent counts the base-100 digit pairs left of the point
//	byte 1…: digit pairs 0–99, most significant first, first pair non-zero
//	         (normalised), then 00 padding up to the column width
//
// A negative value complements byte 0 (XOR 0xFF) and takes the 100's
// complement of the pairs: scanning right to left, trailing 00 pairs stay
// 00, the first non-zero pair d becomes 100-d and every pair before it
// becomes 99-d. The transformation is its own inverse, and because trailing
// zeros are untouched it gives the same bytes whether it is applied to the
// minimal form or to the padded column form.

const (
	signBit      = 0x80
	exponentBias = 64
	minPairExp   = -64
	maxPairExp   = 63
	// zeroHead is byte 0 of zero: positive with the smallest exponent, which
	// is what the server sends (80 00 …).
	zeroHead = signBit
)

// appendPacked writes the packed form of ±pairs × 100^(exp-len(pairs)).
// pairs must be normalised (no leading or trailing zero pairs; empty for
// zero) and exp must lie in -64…63. The output is padded with 00 to width
// bytes; width <= 0 asks for the minimal form, which for zero is 80 00 so
// that no reader mistakes a lone byte for a truncated value.
func appendPacked(dst []byte, neg bool, exp int, pairs []byte, width int) []byte {
	start := len(dst)
	if len(pairs) == 0 {
		dst = append(dst, zeroHead, 0)
	} else {
		head := byte(signBit | (exp + exponentBias))
		if neg {
			head ^= 0xff
		}
		dst = append(dst, head)
		body := len(dst)
		dst = append(dst, pairs...)
		if neg {
			complement100(dst[body:])
		}
	}
	for len(dst)-start < width {
		dst = append(dst, 0)
	}
	return dst
}

// complement100 takes the 100's complement of p in place.
func complement100(p []byte) {
	i := len(p) - 1
	for i >= 0 && p[i] == 0 {
		i--
	}
	if i < 0 {
		return
	}
	p[i] = 100 - p[i]
	for i--; i >= 0; i-- {
		p[i] = 99 - p[i]
	}
}

// packedView reads a packed value in place. The complement of negative
// values is undone on the fly by pair, so decoding needs no scratch copy.
type packedView struct {
	raw  []byte // the digit-pair bytes after byte 0
	neg  bool
	exp  int // base-100 exponent: pair i multiplies 100^(exp-1-i)
	last int // index of the last non-zero raw pair, -1 if all are zero
}

// readPacked validates src and reports NULL (a leading 00 00, or a lone 00)
// separately from malformed input, because NULL is a legitimate value.
func readPacked(typ string, src []byte) (v packedView, null bool, err error) {
	if len(src) == 0 {
		return v, false, fmt.Errorf("ifxtype: decode %s: empty value: %w", typ, ErrWireFormat)
	}
	if src[0] == 0 && (len(src) == 1 || src[1] == 0) {
		return v, true, nil
	}
	v.raw = src[1:]
	v.last = -1
	for i, b := range v.raw {
		if b > 99 {
			return v, false, fmt.Errorf("ifxtype: decode %s: digit pair 0x%02x at byte %d: %w", typ, b, i+1, ErrWireFormat)
		}
		if b != 0 {
			v.last = i
		}
	}
	h := src[0]
	v.neg = h&signBit == 0
	if v.neg {
		h = ^h
	}
	v.exp = int(h&0x7f) - exponentBias
	return v, false, nil
}

// pair returns the true (uncomplemented) value of pair i.
func (v *packedView) pair(i int) byte {
	b := v.raw[i]
	switch {
	case !v.neg || i > v.last:
		return b
	case i == v.last:
		return 100 - b
	}
	return 99 - b
}

// first returns the index of the first non-zero pair, or -1 for zero. The
// value is zero exactly when every raw pair is zero, since the complement of
// anything else is non-zero.
func (v *packedView) first() int {
	if v.last < 0 {
		return -1
	}
	for i := range v.raw {
		if v.pair(i) != 0 {
			return i
		}
	}
	return -1
}
