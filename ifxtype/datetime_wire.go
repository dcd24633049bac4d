package ifxtype

import "fmt"

// AppendDateTimeWire appends v in the packed DATETIME form at exactly
// v.Qualifier().WireLen() bytes, as a tuple column or as SQ_BIND data (the
// caller adds the bind's i16 length). The zero DateTime has no qualifier
// and appends nothing.
func AppendDateTimeWire(dst []byte, v DateTime) []byte {
	if v.q == 0 {
		return dst
	}
	f := v.fields()
	// Cannot fail: every field of a constructed DateTime fits its width.
	out, err := appendTemporal(dst, v.q, &f)
	if err != nil {
		return dst
	}
	return out
}

// DecodeDateTimeWire decodes a packed DATETIME value with qualifier q. NULL
// (leading 00 00) is reported as null=true with the zero DateTime. Bytes
// that put digits outside q's fields, carry a negative sign, or spell an
// impossible date fail with ErrWireFormat or ErrRange. It does not allocate
// unless it fails.
func DecodeDateTimeWire(src []byte, q Qualifier) (DateTime, bool, error) {
	if err := q.ValidateDateTime(); err != nil {
		return DateTime{}, false, err
	}
	f, null, err := decodeTemporal("DATETIME", src, q)
	if err != nil || null {
		return DateTime{}, null, err
	}
	if f.neg {
		return DateTime{}, false, fmt.Errorf("ifxtype: decode DATETIME: negative value: %w", ErrWireFormat)
	}
	d, err := dateTimeFromFields(q, &f)
	if err != nil {
		return DateTime{}, false, fmt.Errorf("ifxtype: decode DATETIME %s: %w", q, err)
	}
	return d, false, nil
}
