package ifxtype

import "fmt"

// AppendIntervalDFWire appends v in the packed INTERVAL form at exactly
// v.Qualifier().WireLen() bytes; negative intervals are complemented like
// negative decimals. It fails with ErrOverflow if the first field needs
// more digits than the qualifier declares (possible for values built with
// IntervalDFFromDuration) and with ErrQualifier for the zero IntervalDF.
func AppendIntervalDFWire(dst []byte, v IntervalDF) ([]byte, error) {
	if err := checkDF(v.q); err != nil {
		return dst, err
	}
	f := v.fields()
	if err := checkFirstField(v.q, &f); err != nil {
		return dst, err
	}
	return appendTemporal(dst, v.q, &f)
}

// AppendIntervalYMWire is AppendIntervalDFWire for year-month intervals.
func AppendIntervalYMWire(dst []byte, v IntervalYM) ([]byte, error) {
	if err := checkYM(v.q); err != nil {
		return dst, err
	}
	f := v.fields()
	if err := checkFirstField(v.q, &f); err != nil {
		return dst, err
	}
	return appendTemporal(dst, v.q, &f)
}

// DecodeIntervalDFWire decodes a packed day-to-fraction INTERVAL with
// qualifier q. NULL (leading 00 00) is reported as null=true. It does not
// allocate unless it fails.
func DecodeIntervalDFWire(src []byte, q Qualifier) (IntervalDF, bool, error) {
	if err := checkDF(q); err != nil {
		return IntervalDF{}, false, err
	}
	f, null, err := decodeTemporal("INTERVAL", src, q)
	if err != nil || null {
		return IntervalDF{}, null, err
	}
	v, err := intervalDFFromFields(q, &f)
	if err != nil {
		return IntervalDF{}, false, fmt.Errorf("ifxtype: decode INTERVAL %s: %w", q.IntervalString(), err)
	}
	return v, false, nil
}

// DecodeIntervalYMWire decodes a packed year-month INTERVAL with qualifier
// q. NULL (leading 00 00) is reported as null=true. It does not allocate
// unless it fails.
func DecodeIntervalYMWire(src []byte, q Qualifier) (IntervalYM, bool, error) {
	if err := checkYM(q); err != nil {
		return IntervalYM{}, false, err
	}
	f, null, err := decodeTemporal("INTERVAL", src, q)
	if err != nil || null {
		return IntervalYM{}, null, err
	}
	v, err := intervalYMFromFields(q, &f)
	if err != nil {
		return IntervalYM{}, false, fmt.Errorf("ifxtype: decode INTERVAL %s: %w", q.IntervalString(), err)
	}
	return v, false, nil
}
