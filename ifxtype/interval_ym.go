package ifxtype

import "fmt"

// IntervalYM is an Informix INTERVAL of the year-month class (YEAR TO
// MONTH, YEAR TO YEAR, MONTH TO MONTH): a signed number of months with its
// Qualifier. Months cannot be converted to days without a calendar, which
// is why Informix keeps the two classes apart and so does this package.
//
// The zero IntervalYM has no qualifier and cannot be sent.
type IntervalYM struct {
	months int64
	q      Qualifier
}

// checkYM validates q as a year-month INTERVAL qualifier.
func checkYM(q Qualifier) error {
	if err := q.ValidateInterval(); err != nil {
		return err
	}
	if !q.IsYearMonth() {
		return fmt.Errorf("ifxtype: INTERVAL %s is day-to-fraction, not year-month: %w", q.IntervalString(), ErrQualifier)
	}
	return nil
}

// NewIntervalYM returns the interval of the given months with qualifier q.
// For YEAR TO YEAR the months are truncated toward zero to whole years. It
// fails with ErrQualifier if q is not a year-month qualifier and with
// ErrOverflow if the first field needs more digits than q declares.
func NewIntervalYM(months int64, q Qualifier) (IntervalYM, error) {
	if err := checkYM(q); err != nil {
		return IntervalYM{}, err
	}
	if q.End() == TUYear {
		months = months / 12 * 12
	}
	v := IntervalYM{months: months, q: q}
	f := v.fields()
	if err := checkFirstField(q, &f); err != nil {
		return IntervalYM{}, err
	}
	return v, nil
}

// Months returns the signed total number of months.
func (v IntervalYM) Months() int64 { return v.months }

// Qualifier returns the qualifier of v (0 for the zero IntervalYM).
func (v IntervalYM) Qualifier() Qualifier { return v.q }

// Sign returns -1, 0 or +1.
func (v IntervalYM) Sign() int {
	switch {
	case v.months < 0:
		return -1
	case v.months > 0:
		return 1
	}
	return 0
}

func (v *IntervalYM) fields() tfields {
	var f tfields
	mag := uint64(v.months)
	if v.months < 0 {
		mag = -mag
	}
	f.neg = v.months < 0
	if v.q.Start() == TUYear {
		f.v[unitYear] = mag / 12
		f.v[unitMonth] = mag % 12
	} else {
		f.v[unitMonth] = mag
	}
	return f
}

func intervalYMFromFields(q Qualifier, f *tfields) (IntervalYM, error) {
	if q.Start() == TUYear && q.End() == TUMonth && f.v[unitMonth] >= 12 {
		return IntervalYM{}, fieldRangeError(unitMonth, int64(f.v[unitMonth]))
	}
	// At most 9 digits of years: no overflow.
	months := int64(f.v[unitYear])*12 + int64(f.v[unitMonth])
	if f.neg {
		months = -months
	}
	return IntervalYM{months: months, q: q}, nil
}
