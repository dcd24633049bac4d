package ifxtype

import "math"

// A collection of integers scans into an integer slice straight from the
// value's bytes: no text string, no []any, no boxed elements; the only
// allocation is the slice (none when the destination's capacity holds
// the elements). Anything but the plain form IDS sends
// (KEYWORD{n   ,n   }) falls back to DecodeComposite, which
// reports what is wrong. Digits, blanks, commas and braces are ASCII in
// every code set the driver reads.

// ScanIntCollection scans a non-NULL collection of SMALLINT, INTEGER,
// BIGINT or INT8 elements into *[]int16, *[]int32, *[]int64 or *[]int;
// ok is false when the fast form does not apply (another column type,
// destination or text form), and the caller decodes the general way.
func (d *ColumnDecoder) ScanIntCollection(ci *ColumnPlan, v []byte, dest any) (ok bool, err error) {
	t := ci.Comp
	if t == nil {
		return false, nil
	}
	if !t.Kind.IsCollection() || t.Elem.Kind != KindScalar {
		return false, nil
	}
	switch t.Elem.Scalar {
	case "smallint", "integer", "int", "serial", "bigint", "int8", "serial8", "bigserial":
	default:
		return false, nil
	}
	body, n, ok := collectionBody(ci.Payload(v))
	if !ok || n > DefaultCompositeLimits.MaxElements {
		return false, nil
	}
	switch dst := dest.(type) {
	case *[]int16:
		return fillInts(dst, body, n, math.MinInt16, math.MaxInt16)
	case *[]int32:
		return fillInts(dst, body, n, math.MinInt32, math.MaxInt32)
	case *[]int64:
		return fillInts(dst, body, n, math.MinInt64, math.MaxInt64)
	case *[]int:
		return fillInts(dst, body, n, math.MinInt, math.MaxInt)
	}
	return false, nil
}

// collectionBody strips KEYWORD{ and } from a collection's text and
// counts its elements (commas + 1); ok is false for anything else.
func collectionBody(b []byte) (body []byte, n int, ok bool) {
	i := 0
	for i < len(b) && (b[i] >= 'A' && b[i] <= 'Z' || b[i] >= 'a' && b[i] <= 'z') {
		i++
	}
	if i == 0 || i >= len(b) || b[i] != '{' || b[len(b)-1] != '}' {
		return nil, 0, false
	}
	body = b[i+1 : len(b)-1]
	for _, c := range body {
		if c == ',' {
			n++
		}
	}
	if len(body) > 0 {
		n++
	}
	return body, n, true
}

// fillInts parses n comma-separated integers of body into *d, each
// within lo..hi; ok is false (for the general path) at anything else.
func fillInts[T int16 | int32 | int64 | int](d *[]T, body []byte, n int, lo, hi int64) (bool, error) {
	out := (*d)[:0]
	if cap(out) < n {
		out = make([]T, 0, n)
	}
	for len(body) > 0 || len(out) < n {
		j := 0
		for j < len(body) && body[j] != ',' {
			j++
		}
		x, ok := parseIntBytes(body[:j])
		if !ok || x < lo || x > hi {
			return false, nil
		}
		out = append(out, T(x))
		if j == len(body) {
			break
		}
		body = body[j+1:]
	}
	*d = out
	return true, nil
}

// parseIntBytes reads a decimal integer between optional blanks.
func parseIntBytes(b []byte) (int64, bool) {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	var u uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}
