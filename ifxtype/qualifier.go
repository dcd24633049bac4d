package ifxtype

import (
	"fmt"
	"strconv"
	"strings"
)

// Time-unit codes used in DATETIME and INTERVAL qualifiers (datetime.h
// TU_*). The gaps are deliberate: a code minus the start code counts the
// digits between two fields, two per field, one per fraction digit.
const (
	TUYear      = 0
	TUMonth     = 2
	TUDay       = 4
	TUHour      = 6
	TUMinute    = 8
	TUSecond    = 10
	TUFraction1 = 11
	TUFraction2 = 12
	TUFraction3 = 13
	TUFraction4 = 14
	TUFraction5 = 15
)

// tuFraction is the start code of a qualifier that begins with FRACTION
// (datetime.h TU_FRAC). It coincides with FRACTION(2) because a leading
// FRACTION has no width of its own: its digits come from the end code.
const tuFraction = TUFraction2

// Qualifier is a DATETIME or INTERVAL qualifier as carried in a column's
// encoded_length: (total digits << 8) | (start << 4) | end, with start and
// end taken from the TU* codes. DATETIME YEAR TO SECOND is 0x0e0a; INTERVAL
// DAY(3) TO SECOND is 0x094a.
//
// The same encoding serves both types, so a Qualifier does not know which
// one it describes; the functions taking one check it against the type
// they handle.
type Qualifier uint16

// Common qualifiers.
const (
	// QualCurrent is what CURRENT returns: DATETIME YEAR TO FRACTION(3).
	QualCurrent Qualifier = 0x110d
	// QualYearToSecond is how drivers commonly bind a time.Time.
	QualYearToSecond Qualifier = 0x0e0a
	// QualYearToFraction5 keeps the finest precision DATETIME offers.
	QualYearToFraction5 Qualifier = 0x130f
)

// Start returns the start time-unit code (TUYear … TUSecond, or
// TUFraction2 when the qualifier starts with FRACTION).
func (q Qualifier) Start() int { return int(q>>4) & 0xf }

// End returns the end time-unit code (TUYear … TUFraction5).
func (q Qualifier) End() int { return int(q) & 0xf }

// Digits returns the total number of digits the qualifier's fields hold.
func (q Qualifier) Digits() int { return int(q >> 8) }

// FirstDigits returns the number of digits of the first field (datetime.h
// TU_FLEN): 4 for a DATETIME starting with YEAR, the declared n of an
// INTERVAL DAY(n) TO …, the fraction digits when the qualifier starts with
// FRACTION.
func (q Qualifier) FirstDigits() int {
	if q.Start() == tuFraction {
		return q.Digits()
	}
	return q.Digits() - (q.End() - q.Start())
}

// fracDigits returns the number of FRACTION digits (0 if none).
func (q Qualifier) fracDigits() int { return max(q.End()-TUSecond, 0) }

// WireLen returns the width in bytes of a value with this qualifier in a
// tuple or bind: DECLEN(digits, q) = (digits + (q&1) + 3) / 2. The low bit
// of q is set exactly when the fraction has an odd number of digits, which
// costs an extra half pair. It returns 0 for a qualifier that is neither a
// valid DATETIME nor a valid INTERVAL qualifier.
func (q Qualifier) WireLen() int {
	if !q.valid() {
		return 0
	}
	return (q.Digits() + int(q&1) + 3) / 2
}

// problem returns why q is not a valid DATETIME (interval false) or
// INTERVAL qualifier, or "" if it is. Constant strings keep the checks free
// of allocations, since WireLen and the codecs run them on every value.
func (q Qualifier) problem(interval bool) string {
	s, e := q.Start(), q.End()
	switch {
	case s > tuFraction || s&1 != 0:
		return "bad start code"
	case e <= TUSecond && e&1 != 0:
		return "bad end code"
	case s == tuFraction && e <= TUSecond, s != tuFraction && e < s:
		return "end before start"
	case s == tuFraction && q.Digits() != e-TUSecond:
		return "digit count differs from FRACTION TO FRACTION(n)"
	case q.FirstDigits() < 1 || q.FirstDigits() > 9:
		return "first field must have 1 to 9 digits"
	case interval && s <= TUMonth && e > TUMonth:
		// Informix cannot convert months to days without a calendar.
		return "mixes the year-month and day-time classes"
	case !interval && s != tuFraction && q.FirstDigits() != defaultFirstDigits(s):
		return "first field differs from its fixed DATETIME width"
	}
	return ""
}

// valid reports whether q is usable as either kind of qualifier.
func (q Qualifier) valid() bool {
	return q.problem(false) == "" || q.problem(true) == ""
}

// ValidateDateTime reports whether q is a valid DATETIME qualifier, whose
// first field has its fixed width (YEAR 4 digits, the others 2).
func (q Qualifier) ValidateDateTime() error {
	if p := q.problem(false); p != "" {
		return fmt.Errorf("ifxtype: DATETIME qualifier 0x%04x: %s: %w", uint16(q), p, ErrQualifier)
	}
	return nil
}

// ValidateInterval reports whether q is a valid INTERVAL qualifier: a first
// field of 1–9 digits and both ends in the same class, YEAR…MONTH or
// DAY…FRACTION.
func (q Qualifier) ValidateInterval() error {
	if p := q.problem(true); p != "" {
		return fmt.Errorf("ifxtype: INTERVAL qualifier 0x%04x: %s: %w", uint16(q), p, ErrQualifier)
	}
	return nil
}

// IsYearMonth reports whether q, taken as an INTERVAL qualifier, belongs to
// the YEAR…MONTH class (IntervalYM) rather than DAY…FRACTION (IntervalDF).
func (q Qualifier) IsYearMonth() bool { return q.End() <= TUMonth }

func defaultFirstDigits(start int) int {
	if start == TUYear {
		return 4
	}
	return 2
}

// DateTimeQualifier returns the DATETIME qualifier start TO end, for example
// DateTimeQualifier(TUYear, TUSecond) = 0x0e0a. A start code in the fraction
// range means FRACTION TO FRACTION(n).
func DateTimeQualifier(start, end int) (Qualifier, error) {
	if start >= TUFraction1 && start <= TUFraction5 {
		start = tuFraction
	}
	digits := end - start + defaultFirstDigits(start)
	if start == tuFraction {
		digits = end - TUSecond
	}
	q, err := encodeQualifier(digits, start, end)
	if err == nil {
		err = q.ValidateDateTime()
	}
	if err != nil {
		return 0, err
	}
	return q, nil
}

// IntervalQualifier returns the INTERVAL qualifier start(firstDigits) TO end,
// for example IntervalQualifier(TUDay, TUSecond, 3) = 0x094a. firstDigits
// must be 1–9; it is ignored for FRACTION TO FRACTION(n), whose width is n.
func IntervalQualifier(start, end, firstDigits int) (Qualifier, error) {
	if start >= TUFraction1 && start <= TUFraction5 {
		start = tuFraction
		firstDigits = end - TUSecond
	}
	digits := end - start + firstDigits
	if start == tuFraction {
		digits = firstDigits
	}
	q, err := encodeQualifier(digits, start, end)
	if err == nil {
		err = q.ValidateInterval()
	}
	if err != nil {
		return 0, err
	}
	return q, nil
}

// encodeQualifier guards the bit packing so out-of-range arguments cannot
// alias into other fields.
func encodeQualifier(digits, start, end int) (Qualifier, error) {
	if digits < 1 || digits > 0xff || start < 0 || start > 0xf || end < 0 || end > 0xf {
		return 0, fmt.Errorf("ifxtype: qualifier (%d digits, %d TO %d): %w", digits, start, end, ErrQualifier)
	}
	return Qualifier(digits<<8 | start<<4 | end), nil
}

// unitNames is indexed by code/2; fraction codes map to index 6 and beyond.
var unitNames = [...]string{"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "FRACTION", "FRACTION"}

// String returns the qualifier in Informix syntax, e.g. "YEAR TO SECOND",
// "HOUR TO FRACTION(3)", "DAY(3) TO SECOND". The first field's width is
// shown only when it differs from the default (4 for YEAR, 2 otherwise), so
// the text means the same thing in a DATETIME and an INTERVAL declaration;
// use IntervalString for the always-explicit interval form. An invalid
// qualifier prints as "Qualifier(0x….)".
func (q Qualifier) String() string { return q.format(false) }

// IntervalString is String with the first field's width always spelled
// out, as INTERVAL column declarations usually show it: "YEAR(4) TO MONTH",
// "DAY(2) TO SECOND".
func (q Qualifier) IntervalString() string { return q.format(true) }

func (q Qualifier) format(explicit bool) string {
	if !q.valid() {
		return fmt.Sprintf("Qualifier(0x%04x)", uint16(q))
	}
	var b strings.Builder
	s, e := q.Start(), q.End()
	b.WriteString(unitNames[s/2])
	if s != tuFraction && (explicit || q.FirstDigits() != defaultFirstDigits(s)) {
		b.WriteByte('(')
		b.WriteString(strconv.Itoa(q.FirstDigits()))
		b.WriteByte(')')
	}
	b.WriteString(" TO ")
	if e > TUSecond {
		b.WriteString("FRACTION(")
		b.WriteString(strconv.Itoa(e - TUSecond))
		b.WriteByte(')')
	} else {
		b.WriteString(unitNames[e/2])
	}
	return b.String()
}

// ParseQualifier parses Informix qualifier syntax such as "YEAR TO SECOND",
// "YEAR TO FRACTION(5)", "HOUR TO FRACTION" (FRACTION alone means
// FRACTION(3)), "DAY(3) TO SECOND" or "FRACTION TO FRACTION(2)". Keywords
// are case-insensitive and blanks are free. With interval false the first
// field may only carry its fixed DATETIME width (e.g. "YEAR(4) TO MONTH");
// with interval true it may carry 1–9 and defaults to 4 for YEAR, 2
// otherwise.
func ParseQualifier(s string, interval bool) (Qualifier, error) {
	p := qualParser{s: strings.ToUpper(s)}
	start, width, ok := p.field()
	if !ok || !p.keyword("TO") {
		return 0, syntaxError("qualifier", s)
	}
	end, endWidth, ok := p.field()
	if !ok || !p.done() {
		return 0, syntaxError("qualifier", s)
	}
	if end == tuFraction {
		if endWidth < 0 {
			endWidth = 3
		}
		if endWidth < 1 || endWidth > 5 {
			return 0, fmt.Errorf("ifxtype: qualifier %q: FRACTION(%d): %w", s, endWidth, ErrQualifier)
		}
		end = TUSecond + endWidth
	} else if endWidth >= 0 {
		return 0, fmt.Errorf("ifxtype: qualifier %q: only FRACTION takes a width at the end: %w", s, ErrQualifier)
	}
	if start == tuFraction && width >= 0 {
		return 0, fmt.Errorf("ifxtype: qualifier %q: a leading FRACTION takes no width: %w", s, ErrQualifier)
	}
	if width < 0 {
		width = defaultFirstDigits(start)
	}
	if !interval {
		if start != tuFraction && width != defaultFirstDigits(start) {
			return 0, fmt.Errorf("ifxtype: qualifier %q: DATETIME %s has %d digits: %w", s, unitNames[start/2], defaultFirstDigits(start), ErrQualifier)
		}
		return DateTimeQualifier(start, end)
	}
	return IntervalQualifier(start, end, width)
}

// qualParser is a tiny scanner for qualifier text; the grammar is too
// small to warrant anything more general.
type qualParser struct {
	s string
	i int
}

func (p *qualParser) skip() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

func (p *qualParser) word() string {
	p.skip()
	j := p.i
	for p.i < len(p.s) && p.s[p.i] >= 'A' && p.s[p.i] <= 'Z' {
		p.i++
	}
	return p.s[j:p.i]
}

func (p *qualParser) keyword(k string) bool { return p.word() == k }

func (p *qualParser) done() bool {
	p.skip()
	return p.i == len(p.s)
}

// field reads a unit name and an optional "(n)"; width is -1 when absent.
// FRACTION is returned as tuFraction whatever its position.
func (p *qualParser) field() (code, width int, ok bool) {
	code = -1
	w := p.word()
	for i, name := range unitNames[:7] {
		if w == name {
			code = 2 * i
		}
	}
	if code < 0 {
		return 0, 0, false
	}
	width = -1
	p.skip()
	if p.i < len(p.s) && p.s[p.i] == '(' {
		p.i++
		p.skip()
		j := p.i
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' && p.i-j < 3 {
			p.i++
		}
		n, err := strconv.Atoi(p.s[j:p.i])
		p.skip()
		if err != nil || p.i >= len(p.s) || p.s[p.i] != ')' {
			return 0, 0, false
		}
		p.i++
		width = n
	}
	return code, width, true
}
