package sqli

import (
	"errors"
	"math"
	"strconv"
)

// The protocol carries lengths and counts in fixed-width fields: most are
// i16 (read as signed by servers and by this package's decoder, so 32,767
// at most), a few are i32. Encode writes what it is given; a value that a
// field cannot carry would wrap (65,537 parameters become 1, and the
// surplus bytes parse as further messages: protocol smuggling when the
// values come from users). Clients check with the functions below before
// encoding, and refuse with a FieldTooLongError.

// MaxInt16Field is the largest length or count an i16 field carries.
const MaxInt16Field = math.MaxInt16

// MaxInt32Field is the largest length an i32 field carries.
const MaxInt32Field = math.MaxInt32

// ErrFieldTooLong is matched (errors.Is) by every FieldTooLongError.
var ErrFieldTooLong = errors.New("sqli: too long for its field in the protocol")

// FieldTooLongError reports a length or count that its field in the
// protocol cannot carry.
type FieldTooLongError struct {
	Field string // what was measured: "SQL text", "parameters", …
	Len   int
	Max   int
}

// Error implements error.
func (e *FieldTooLongError) Error() string {
	return "sqli: " + e.Field + ": " + strconv.Itoa(e.Len) + " is more than the protocol carries (" + strconv.Itoa(e.Max) + ")"
}

// Is matches ErrFieldTooLong.
func (e *FieldTooLongError) Is(target error) bool { return target == ErrFieldTooLong }

// CheckField reports n beyond max for field.
func CheckField(field string, n, max int) error {
	if n < 0 || n > max {
		return &FieldTooLongError{Field: field, Len: n, Max: max}
	}
	return nil
}

// MaxSQLText is the longest SQL text (in bytes, after code set
// conversion) SQ_PREPARE and SQ_COMMAND carry: an i32 length under
// feature 62, else an i16 one.
func MaxSQLText(f Features) int {
	if f.LongSQLText() {
		return MaxInt32Field
	}
	return MaxInt16Field
}

// Check reports a Prepare that cannot be encoded: more parameters than
// NumParams' i16 could have been given is the caller's to check (see
// CheckField) before it converts the count.
func (m *Prepare) Check(f Features) error {
	return CheckField("SQL text", len(m.SQL), MaxSQLText(f))
}

// Check reports a Command whose SQL text its length field cannot carry.
func (m *Command) Check(f Features) error {
	return CheckField("SQL text", len(m.SQL), MaxSQLText(f))
}

// Check reports a Bind that cannot be encoded: more than 32,767 values,
// owner or type names longer than their i16 length, or value data whose
// length prefix the caller wrote wider than BindDataLen reads back.
func (m *Bind) Check() error {
	if err := CheckField("bind values", len(m.Values), MaxInt16Field); err != nil {
		return err
	}
	for i := range m.Values {
		v := &m.Values[i]
		if err := CheckField("bind type owner", len(v.Owner), MaxInt16Field); err != nil {
			return err
		}
		if err := CheckField("bind type name", len(v.TypeName), MaxInt16Field); err != nil {
			return err
		}
	}
	return nil
}

// CheckASCString reports an association-phase string (user, password,
// database, environment values at login) that its u16 length, which
// counts a trailing NUL, cannot carry.
func CheckASCString(field, s string) error {
	return CheckField(field, len(s), math.MaxUint16-1)
}
