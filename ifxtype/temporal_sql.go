package ifxtype

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// Compile-time checks that the temporal types plug into database/sql.
var (
	_ driver.Valuer = DateTime{}
	_ sql.Scanner   = (*DateTime)(nil)
	_ driver.Valuer = IntervalDF{}
	_ sql.Scanner   = (*IntervalDF)(nil)
	_ driver.Valuer = IntervalYM{}
	_ sql.Scanner   = (*IntervalYM)(nil)
)

// Value implements driver.Valuer: the Informix literal (String), which
// keeps the qualifier's fields and digits, or NULL for the zero DateTime.
// This module's drivers bind a DateTime directly and never call it.
func (d DateTime) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan implements sql.Scanner. It accepts a DateTime (kept as is), a
// time.Time and a string or []byte literal. A time.Time or a literal takes
// the qualifier d already has; a DateTime without one (the zero value)
// takes a time.Time as YEAR TO FRACTION(5), so fields the column lacks
// come from Time's base date (year 1, January 1), and cannot read a
// literal. Through database/sql a DATETIME column arrives as time.Time
// on Go 1.26 and as the column's own DateTime from Go 1.27 (the stdlib
// driver scans it directly). NULL fails; scan into sql.Null[DateTime].
func (d *DateTime) Scan(src any) error {
	var (
		v   DateTime
		err error
	)
	switch s := src.(type) {
	case DateTime:
		v = s
	case time.Time:
		q := d.q
		if q == 0 {
			q = QualYearToFraction5
		}
		v, err = NewDateTime(s.Year(), int(s.Month()), s.Day(), s.Hour(), s.Minute(), s.Second(), s.Nanosecond(), q)
	case string:
		v, err = d.parseLike(s)
	case []byte:
		v, err = d.parseLike(string(s))
	case nil:
		return fmt.Errorf("ifxtype: cannot scan NULL into DateTime (use sql.Null[DateTime]): %w", errors.ErrUnsupported)
	default:
		return fmt.Errorf("ifxtype: cannot scan %T into DateTime: %w", src, errors.ErrUnsupported)
	}
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func (d *DateTime) parseLike(s string) (DateTime, error) {
	if d.q == 0 {
		return DateTime{}, fmt.Errorf("ifxtype: cannot scan text %q into a DateTime without a qualifier: %w", s, errors.ErrUnsupported)
	}
	return ParseDateTime(s, d.q)
}

// defaultDFQualifier is what an IntervalDF without a qualifier takes a
// time.Duration as: every digit a Duration can fill.
var defaultDFQualifier, _ = IntervalQualifier(TUDay, TUFraction5, 9)

// Value implements driver.Valuer: the Informix literal (String), or NULL
// for the zero IntervalDF. This module's drivers bind it directly.
func (v IntervalDF) Value() (driver.Value, error) {
	if v == (IntervalDF{}) {
		return nil, nil
	}
	return v.String(), nil
}

// Scan implements sql.Scanner. It accepts an IntervalDF (kept as is), a
// time.Duration (what database/sql passes for a day-to-fraction INTERVAL
// on Go 1.26), and a string or []byte literal. A Duration or a literal
// takes the qualifier v already has; without one a Duration becomes DAY(9)
// TO FRACTION(5) and a literal fails. NULL fails; scan into
// sql.Null[IntervalDF].
func (v *IntervalDF) Scan(src any) error {
	var (
		x   IntervalDF
		err error
	)
	switch s := src.(type) {
	case IntervalDF:
		x = s
	case time.Duration:
		q := v.q
		if q == 0 {
			q = defaultDFQualifier
		}
		x, err = NewIntervalDF(int64(s/time.Second), int64(s%time.Second), q)
	case string:
		x, err = v.parseLike(s)
	case []byte:
		x, err = v.parseLike(string(s))
	case nil:
		return fmt.Errorf("ifxtype: cannot scan NULL into IntervalDF (use sql.Null[IntervalDF]): %w", errors.ErrUnsupported)
	default:
		return fmt.Errorf("ifxtype: cannot scan %T into IntervalDF: %w", src, errors.ErrUnsupported)
	}
	if err != nil {
		return err
	}
	*v = x
	return nil
}

func (v *IntervalDF) parseLike(s string) (IntervalDF, error) {
	if v.q == 0 {
		return IntervalDF{}, fmt.Errorf("ifxtype: cannot scan text %q into an IntervalDF without a qualifier: %w", s, errors.ErrUnsupported)
	}
	return ParseIntervalDF(s, v.q)
}

// Value implements driver.Valuer: the Informix literal (String), or NULL
// for the zero IntervalYM. This module's drivers bind it directly.
func (v IntervalYM) Value() (driver.Value, error) {
	if v == (IntervalYM{}) {
		return nil, nil
	}
	return v.String(), nil
}

// Scan implements sql.Scanner. It accepts an IntervalYM (kept as is, which
// is what database/sql passes for a year-to-month INTERVAL) and a string
// or []byte literal read with the qualifier v already has. NULL fails;
// scan into sql.Null[IntervalYM].
func (v *IntervalYM) Scan(src any) error {
	var (
		x   IntervalYM
		err error
	)
	switch s := src.(type) {
	case IntervalYM:
		x = s
	case string, []byte:
		text, _ := s.(string)
		if b, ok := s.([]byte); ok {
			text = string(b)
		}
		if v.q == 0 {
			return fmt.Errorf("ifxtype: cannot scan text %q into an IntervalYM without a qualifier: %w", text, errors.ErrUnsupported)
		}
		x, err = ParseIntervalYM(text, v.q)
	case nil:
		return fmt.Errorf("ifxtype: cannot scan NULL into IntervalYM (use sql.Null[IntervalYM]): %w", errors.ErrUnsupported)
	default:
		return fmt.Errorf("ifxtype: cannot scan %T into IntervalYM: %w", src, errors.ErrUnsupported)
	}
	if err != nil {
		return err
	}
	*v = x
	return nil
}
