package ifxtype

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of
// them (or errors.ErrUnsupported, for Scan sources of the wrong type), so
// callers can classify failures with errors.Is without parsing messages.
var (
	// ErrSyntax reports text that is not a valid literal for the target type.
	ErrSyntax = errors.New("ifxtype: invalid syntax")

	// ErrOverflow reports a value that does not fit the target: more than 32
	// significant digits, more integral digits than a DECIMAL(p,s) column
	// allows, a leading INTERVAL field wider than its declared digits, or a
	// conversion to int64/time.Duration that would wrap.
	ErrOverflow = errors.New("ifxtype: value out of range")

	// ErrRange reports a calendar or clock field outside its valid range,
	// such as month 13, February 30 or minute 60.
	ErrRange = errors.New("ifxtype: field out of range")

	// ErrInexact reports a conversion that would silently drop information,
	// such as Decimal.Int64 on a value with a non-zero fractional part.
	ErrInexact = errors.New("ifxtype: inexact conversion")

	// ErrQualifier reports a DATETIME/INTERVAL qualifier, or a DECIMAL
	// precision/scale pair, that Informix cannot declare.
	ErrQualifier = errors.New("ifxtype: invalid qualifier")

	// ErrWireFormat reports bytes that cannot have come from a conforming
	// server: a digit pair above 99, a wrong length, digits outside the
	// qualifier's fields, and similar corruption.
	ErrWireFormat = errors.New("ifxtype: malformed wire value")
)
