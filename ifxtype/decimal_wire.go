package ifxtype

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// DecimalFloatingScale is the scale byte of a floating-point DECIMAL(p)
// column in its encoded_length (prec<<8 | scale).
const DecimalFloatingScale = 0xFF

// DecimalWireLen returns the width in bytes of a DECIMAL(prec,scale) or
// MONEY(prec,scale) value in a tuple: DECLEN = (prec + (scale&1) + 3) / 2,
// i.e. one sign/exponent byte plus enough pairs for the integral and the
// fractional digits, each rounded up to whole pairs. A floating
// DECIMAL(prec) has scale 0xFF, which is odd, so its width is (prec+4)/2:
// DECIMAL(16) is 10 bytes, room for 16 significant digits wherever the
// point falls (docs/PROTOCOL.md, "Floating DECIMAL(p) width"). It returns 0
// for a precision/scale pair Informix cannot declare (prec outside 1…32,
// scale above prec).
func DecimalWireLen(prec, scale int) int {
	if prec < 1 || prec > MaxDecimalDigits {
		return 0
	}
	if scale != DecimalFloatingScale && (scale < 0 || scale > prec) {
		return 0
	}
	return (prec + scale&1 + 3) / 2
}

// SplitDecimalLength splits a DECIMAL/MONEY encoded_length from SQ_DESCRIBE
// into its precision and scale (scale DecimalFloatingScale for DECIMAL(p)).
func SplitDecimalLength(encodedLength uint16) (prec, scale int) {
	return int(encodedLength >> 8), int(encodedLength & 0xff)
}

// pairs writes d's significant base-100 pairs (normalised: no leading or
// trailing zero pairs, none at all for zero) into buf and returns them with
// the base-100 exponent. 32 digits span at most 17 pairs when the point
// splits a pair.
func (d *Decimal) pairs(buf *[MaxDecimalDigits/2 + 1]byte) ([]byte, int) {
	if d.n == 0 {
		return buf[:0], 0
	}
	hi := d.adjExp() >> 1        // pair power of the leading digit (floor)
	lo := (-int64(d.scale)) >> 1 // pair power of the last digit (floor)
	m := 0
	for k := hi; k >= lo; k-- {
		buf[m] = d.digitAtPow(2*k+1)*10 + d.digitAtPow(2*k)
		m++
	}
	for m > 0 && buf[m-1] == 0 {
		m--
	}
	return buf[:m], int(hi + 1)
}

// AppendDecimalBind appends the minimal packed form of d used as SQ_BIND
// data: the sign/exponent byte and the significant pairs only, at most 18
// bytes. The caller writes the i16 byte count before it and the alignment
// pad after it, and the scale in the bind's prec slot, because the packed
// bytes do not carry trailing zeros. Zero is sent as 80 00. Check the
// value with CheckStorable first: the server stores a negative value of
// 10^124 or more as NULL.
func AppendDecimalBind(dst []byte, d Decimal) []byte {
	var buf [MaxDecimalDigits/2 + 1]byte
	p, exp := d.pairs(&buf)
	return appendPacked(dst, d.neg, exp, p, 0)
}

// maxStorableAdjExp is the decimal power of the leading digit of the
// largest magnitude IDS stores: IBM documents DECIMAL's range as 10^-130
// to 10^124 (docs/PROTOCOL.md). 10^124 and above need the base-100
// exponent 63, and the packed form of a negative one then begins with 00,
// the NULL marker: the server would store NULL.
const maxStorableAdjExp = 123

// CheckStorable reports, with ErrOverflow, a Decimal whose magnitude is
// 10^124 or more: IDS cannot store it (a negative one would be stored as
// NULL). Decimal itself holds magnitudes up to 10^126, which the packed
// form can carry, so that any value a server sends can be read.
func (d Decimal) CheckStorable() error {
	if d.n != 0 && d.adjExp() > maxStorableAdjExp {
		return fmt.Errorf("ifxtype: %s: magnitude 1e%d is beyond the DECIMAL range (below 1e124): %w", d, d.adjExp(), ErrOverflow)
	}
	return nil
}

// AppendDecimalWire appends d as a value of a DECIMAL(prec,scale) column:
// exactly DecimalWireLen(prec, scale) bytes. d is first rounded half away
// from zero to scale digits; the call fails with ErrOverflow if more than
// prec-scale integral digits remain, and with ErrQualifier if prec/scale is
// not declarable. For a floating DECIMAL(prec) (scale
// DecimalFloatingScale) d is rounded to prec significant digits, which
// always fit the width wherever the point falls.
func AppendDecimalWire(dst []byte, d Decimal, prec, scale int) ([]byte, error) {
	width := DecimalWireLen(prec, scale)
	if width == 0 {
		return dst, fmt.Errorf("ifxtype: DECIMAL(%d,%d): %w", prec, scale, ErrQualifier)
	}
	if err := d.CheckStorable(); err != nil {
		return dst, err
	}
	var buf [MaxDecimalDigits/2 + 1]byte
	if scale != DecimalFloatingScale {
		r := d.Round(int32(scale))
		if r.n != 0 && r.adjExp()+1 > int64(prec-scale) {
			return dst, fmt.Errorf("ifxtype: %s does not fit DECIMAL(%d,%d): %w", d, prec, scale, ErrOverflow)
		}
		p, exp := r.pairs(&buf)
		return appendPacked(dst, r.neg, exp, p, width), nil
	}
	if d.n == 0 {
		return appendPacked(dst, false, 0, nil, width), nil
	}
	// prec digits span at most prec/2+1 pairs, which is the width minus
	// byte 0; rounding may carry into one more digit and still fit.
	r := d.Round(int32(int64(prec) - 1 - d.adjExp()))
	p, exp := r.pairs(&buf)
	if len(p) > width-1 {
		return dst, fmt.Errorf("ifxtype: %s does not fit DECIMAL(%d): %w", d, prec, ErrOverflow)
	}
	return appendPacked(dst, r.neg, exp, p, width), nil
}

// AppendDecimalNullWire appends the NULL form of a DECIMAL(prec,scale)
// column: DecimalWireLen(prec, scale) zero bytes.
func AppendDecimalNullWire(dst []byte, prec, scale int) []byte {
	for range DecimalWireLen(prec, scale) {
		dst = append(dst, 0)
	}
	return dst
}

// DecodeDecimalWire decodes any packed DECIMAL/MONEY value: a full column
// value, with or without padding, or the minimal bind form. NULL (leading
// 00 00) is reported as null=true with a zero Decimal. Without a column to
// say otherwise the result has the smallest scale ≥ 0 that keeps every
// digit, so 1.00 decodes as 1; use DecodeDecimalWireScale when the column's
// scale is known. It does not allocate unless it fails.
func DecodeDecimalWire(src []byte) (d Decimal, null bool, err error) {
	v, null, err := readPacked("DECIMAL", src)
	if err != nil || null {
		return Decimal{}, null, err
	}
	f := v.first()
	if f < 0 {
		return Decimal{}, false, nil
	}
	if v.last-f+1 > MaxDecimalDigits/2+1 {
		return Decimal{}, false, fmt.Errorf("ifxtype: decode DECIMAL: %d significant pairs: %w", v.last-f+1, ErrWireFormat)
	}
	var digs [MaxDecimalDigits + 2]byte
	m := 0
	for i := f; i <= v.last; i++ {
		p := v.pair(i)
		digs[m], digs[m+1] = p/10, p%10
		m += 2
	}
	// The units digit of the last pair has decimal power 2*(exp-1-last).
	scale := 2 * int64(v.last+1-v.exp)
	if digs[m-1] == 0 && scale > 0 {
		m-- // a zero that only exists to fill the pair
		scale--
	}
	d, err = newDecimal(v.neg, digs[:m], scale)
	if err != nil {
		return Decimal{}, false, fmt.Errorf("ifxtype: decode DECIMAL: %w", err)
	}
	return d, false, nil
}

// DecodeDecimalWireScale is DecodeDecimalWire for a column whose scale is
// known: the result carries that scale, so the DECIMAL(6,2) value 1 becomes
// 1.00. A scale outside 0…32 (such as DecimalFloatingScale) behaves like
// DecodeDecimalWire, and a value with more fractional digits than scale
// keeps them rather than losing data.
func DecodeDecimalWireScale(src []byte, scale int) (d Decimal, null bool, err error) {
	if decodeDecimalScaleFast(&d, src, scale) {
		return d, false, nil
	}
	d, null, err = DecodeDecimalWire(src)
	if err != nil || null {
		return d, null, err
	}
	if scale >= 0 && scale <= MaxDecimalDigits && int32(scale) > d.scale {
		d = d.Round(int32(scale))
	}
	return d, false, nil
}

// DecodeDecimalInto decodes a DECIMAL(p,s) value of a column with scale
// s (0…32) straight into *d when it is a valid, non-zero value with no
// more fractional digits than s, as DecodeDecimalWireScale would. It
// returns false for anything else (NULL, zero, floating scale, an odd
// value), leaving *d alone: DecodeDecimalWireScale then decides. Writing
// the destination in place spares the row scanner a 40-byte copy of
// freshly written bytes, which the CPU cannot forward from its store
// buffer.
func DecodeDecimalInto(d *Decimal, src []byte, scale int) bool {
	if decimalInWord(src, scale) {
		return decodeDecimalWord(d, src, scale)
	}
	return decodeDecimalScaleFast(d, src, scale)
}

// decodeDecimalScaleFast is DecodeDecimalWireScale's fast path for the
// values a DECIMAL(p,s) column holds: valid, non-zero, with no more
// fractional digits than scale and at most 32 digits down to it. It
// writes the coefficient straight from the pairs, with the result the
// general path (decode, then Round to scale) gives; anything else reports
// ok=false and takes that path.
func decodeDecimalScaleFast(d *Decimal, src []byte, scale int) bool {
	if uint(scale) > MaxDecimalDigits || len(src) < 2 || src[0] == 0 {
		return false
	}
	if decimalInWord(src, scale) {
		return decodeDecimalWord(d, src, scale)
	}
	raw := src[1:]
	h := src[0]
	neg := h&signBit == 0
	// sub is the raw value of a zero pair of the magnitude: 00 when
	// positive, 99 before the last non-zero pair when negative (see
	// packedView.pair).
	var sub byte
	if neg {
		h = ^h
		sub = 99
	}
	last, f := -1, 0 // the last non-zero raw pair, the first non-zero magnitude pair
	if n := len(src); n >= 5 && n <= 16 {
		// src in two words, zero-padded: wa its first 8 bytes (two
		// overlapping 4-byte loads when shorter), wb its last 8 from kb
		// when longer, the head byte masked out. No pair may exceed 99,
		// and the non-zero bytes tell last and f without a branch per
		// byte.
		const head = 0xff << 56
		var wa, wb uint64
		kb := 0
		if n <= 8 {
			wa = uint64(binary.BigEndian.Uint32(src))<<32 | uint64(binary.BigEndian.Uint32(src[n-4:]))<<(8*(8-n))
		} else {
			wa = binary.BigEndian.Uint64(src)
			kb = n - 8
			wb = binary.BigEndian.Uint64(src[kb:])
		}
		wa &^= head
		if over99(wa)|over99(wb) != 0 {
			return false
		}
		if nz := nonZeroBytes(wb); nz != 0 {
			last = kb + 7 - bits.TrailingZeros64(nz)/8 - 1
		} else if nz := nonZeroBytes(wa); nz != 0 {
			last = 7 - bits.TrailingZeros64(nz)/8 - 1
		} else {
			return false // zero
		}
		// The first pair that is not sub; the padding after last, and
		// pair last itself, end the search.
		s := uint64(sub) * 0x0101010101010101
		f = last
		if nz := nonZeroBytes((wa ^ s) &^ head); nz != 0 {
			f = bits.LeadingZeros64(nz)/8 - 1
		} else if nz := nonZeroBytes(wb ^ s); kb > 0 && nz != 0 {
			f = kb + bits.LeadingZeros64(nz)/8 - 1
		}
		f = min(f, last)
	} else {
		for i, b := range raw {
			if b > 99 {
				return false
			}
			if b != 0 {
				last = i
			}
		}
		if last < 0 {
			return false // zero
		}
		for f < last && raw[f] == sub {
			f++
		}
	}
	// pair(i) is the magnitude's pair i: the raw pair when positive, else
	// its 100's complement, 99-b before the last non-zero pair and 100-b
	// at it.
	pair := func(i int) byte {
		b := raw[i]
		if sub != 0 {
			b = sub - b
			if i == last {
				b++
			}
		}
		return b
	}
	exp := int(h&0x7f) - exponentBias
	pf, pl := pair(f), pair(last)
	// Decimal powers: pair i holds 10^(2k+1) and 10^(2k), k = exp-1-i.
	top := 2*(exp-1-f) + 1
	if pf < 10 {
		top--
	}
	low := 2 * (exp - 1 - last) // units digit of the last pair
	if pl%10 == 0 {
		low++
	}
	if low < -scale {
		return false // more fractional digits than the column's scale
	}
	n := top + scale + 1
	if n > MaxDecimalDigits {
		return false
	}
	*d = Decimal{n: uint8(n), neg: neg, scale: int32(scale)}
	// Two digits per pair, from the table, starting with pair f, whose
	// tens digit is a leading zero when it is below 10. Every non-zero
	// digit lies within n (checked above with low); the units digit of
	// the last pair may be a trailing 0 at digit n, written only while
	// inside coef (which is zero past n anyway).
	j := 0
	if pf < 10 {
		d.coef[0] = pf
		j = 1
	} else {
		binary.LittleEndian.PutUint16(d.coef[:], pairDigits[pf])
		j = 2
	}
	if f == last {
		return true
	}
	for i := f + 1; i < last; i++ {
		binary.LittleEndian.PutUint16(d.coef[j:], pairDigits[pair(i)])
		j += 2
	}
	if j+1 < MaxDecimalDigits {
		binary.LittleEndian.PutUint16(d.coef[j:], pairDigits[pl])
	} else {
		d.coef[j] = pl / 10
	}
	return true
}

// decimalInWord reports whether decodeDecimalWord takes src: a
// positive value of 4 to 8 bytes (a DECIMAL(p,s) or MONEY column of p up
// to 13) and a column scale.
func decimalInWord(src []byte, scale int) bool {
	return len(src) >= 4 && len(src) <= 8 && src[0]&signBit != 0 && uint(scale) <= MaxDecimalDigits
}

// decodeDecimalWord is decodeDecimalScaleFast for the values
// decimalInWord takes: their pairs fit one word, from which the first
// and last non-zero pairs follow by counting zero bits, and the digits
// by pairDigits4, with no loop and no branch per pair.
func decodeDecimalWord(d *Decimal, src []byte, scale int) bool {
	n := len(src)
	w := uint64(binary.BigEndian.Uint32(src))<<32 | uint64(binary.BigEndian.Uint32(src[n-4:]))<<(uint(8*(8-n))&63)
	// The exponent comes out of the word, not out of src[0]: reading
	// that byte again would make the compiler build the word byte by byte.
	exp := int(w>>56&0x7f) - exponentBias
	w &^= 0xff << 56 // the pairs: raw pair i is byte i+1, zero-padded
	if w == 0 || over99(w) != 0 {
		return false // zero, or not a pair: let the general path judge
	}
	bf := bits.LeadingZeros64(w) >> 3    // the first non-zero pair's byte
	bl := 7 - bits.TrailingZeros64(w)>>3 // the last non-zero pair's byte (< n: the padding is zero)
	pf, pl := src[bf], src[bl]
	// As in decodeDecimalScaleFast, with pair f = bf-1 and last = bl-1.
	top := 2*(exp-bf) + 1
	if pf < 10 {
		top--
	}
	low := 2 * (exp - bl)
	if pl%10 == 0 {
		low++
	}
	if low < -scale {
		return false
	}
	nd := top + scale + 1
	if nd > MaxDecimalDigits {
		return false
	}
	*d = Decimal{n: uint8(nd), scale: int32(scale)}
	// Pair f to the top byte, then the digits of the word's 8 bytes, 16
	// in two words, less pair f's tens digit when it is a leading zero.
	// The pairs after last are zero, and so is every byte shifted in: the
	// digits past nd stay zero.
	w <<= uint(8*bf) & 63
	lo, hi := pairDigits4(uint32(w>>32)), pairDigits4(uint32(w))
	if pf < 10 {
		lo, hi = lo>>8|hi<<56, hi>>8
	}
	binary.LittleEndian.PutUint64(d.coef[:], lo)
	binary.LittleEndian.PutUint64(d.coef[8:], hi)
	return true
}

// pairDigits4 returns the decimal digits of the four pairs (each 0…99)
// of the big-endian word w, first pair first and tens digit before units
// digit, as a little-endian word of eight digit bytes. The pairs spread
// into 16-bit lanes, where x*103>>10 is x/10 for x below 179 and no
// product reaches the next lane.
func pairDigits4(w uint32) uint64 {
	x := uint64(bits.ReverseBytes32(w))
	x = (x | x<<16) & 0x0000ffff0000ffff
	x = (x | x<<8) & 0x00ff00ff00ff00ff
	tens := x * 103 >> 10 & 0x000f000f000f000f
	return tens | (x-tens*10)<<8
}

// over99 has the top bit set in each byte of x above 99: one of them, or
// the low 7 bits plus 28 reaching 128, which carries into no other byte.
func over99(x uint64) uint64 {
	const low7, add, top = 0x7f7f7f7f7f7f7f7f, 0x1c1c1c1c1c1c1c1c, 0x8080808080808080
	return (x | (x&low7 + add)) & top
}

// nonZeroBytes has the top bit set in each non-zero byte of x.
func nonZeroBytes(x uint64) uint64 {
	const low7, top = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	return (x | (x&low7 + low7)) & top
}

// pairDigits holds the two decimal digits of each pair 0…99, tens digit
// in the low byte, for a little-endian 2-byte store into a coefficient.
var pairDigits = func() (t [100]uint16) {
	for p := range t {
		t[p] = uint16(p/10) | uint16(p%10)<<8
	}
	return t
}()
