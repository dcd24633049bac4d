package ifxtype

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"errors"
	"fmt"
)

// Compile-time checks that Decimal plugs into the standard interfaces.
var (
	_ fmt.Stringer             = Decimal{}
	_ encoding.TextMarshaler   = Decimal{}
	_ encoding.TextAppender    = Decimal{}
	_ encoding.TextUnmarshaler = (*Decimal)(nil)
	_ driver.Valuer            = Decimal{}
	_ sql.Scanner              = (*Decimal)(nil)
)

// Value implements driver.Valuer. It returns the String form because
// database/sql only passes a fixed set of types to drivers, and text is the
// one that keeps every digit and the scale.
func (d Decimal) Value() (driver.Value, error) {
	return d.String(), nil
}

// Scan implements sql.Scanner. It accepts string and []byte (parsed with
// ParseDecimal), int64, float64 (as in DecimalFromFloat64) and Decimal.
// NULL cannot be stored in a Decimal and fails; scan into
// sql.Null[Decimal] for nullable columns.
func (d *Decimal) Scan(src any) error {
	var (
		v   Decimal
		err error
	)
	switch s := src.(type) {
	case string:
		v, err = ParseDecimal(s)
	case []byte:
		v, err = ParseDecimal(string(s))
	case int64:
		v = DecimalFromInt64(s)
	case float64:
		v, err = DecimalFromFloat64(s)
	case Decimal:
		v = s
	case nil:
		return fmt.Errorf("ifxtype: cannot scan NULL into Decimal (use sql.Null[Decimal]): %w", errors.ErrUnsupported)
	default:
		return fmt.Errorf("ifxtype: cannot scan %T into Decimal: %w", src, errors.ErrUnsupported)
	}
	if err != nil {
		return err
	}
	*d = v
	return nil
}
