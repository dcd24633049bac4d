package ifxtype

import (
	"errors"
	"testing"
)

func TestQualifierExamples(t *testing.T) {
	// Every example value in docs/PROTOCOL.md, note N1.
	tests := []struct {
		text     string
		interval bool
		want     Qualifier
		start    int
		end      int
		digits   int
		first    int
		wireLen  int
	}{
		{"YEAR TO SECOND", false, 0x0e0a, TUYear, TUSecond, 14, 4, 8},
		{"YEAR TO FRACTION(5)", false, 0x130f, TUYear, TUFraction5, 19, 4, 11},
		{"HOUR TO SECOND", false, 0x066a, TUHour, TUSecond, 6, 2, 4},
		{"YEAR TO DAY", false, 0x0804, TUYear, TUDay, 8, 4, 5},
		{"DAY(3) TO SECOND", true, 0x094a, TUDay, TUSecond, 9, 3, 6},
		{"YEAR(4) TO MONTH", true, 0x0602, TUYear, TUMonth, 6, 4, 4},
		{"DAY(9) TO FRACTION(5)", true, 0x144f, TUDay, TUFraction5, 20, 9, 12},
		{"YEAR TO FRACTION(3)", false, 0x110d, TUYear, TUFraction3, 17, 4, 10}, // CURRENT
	}
	for _, tt := range tests {
		q, err := ParseQualifier(tt.text, tt.interval)
		if err != nil || q != tt.want {
			t.Errorf("ParseQualifier(%q) = %#04x, %v; want %#04x", tt.text, uint16(q), err, uint16(tt.want))
			continue
		}
		if q.Start() != tt.start || q.End() != tt.end || q.Digits() != tt.digits || q.FirstDigits() != tt.first || q.WireLen() != tt.wireLen {
			t.Errorf("%s: start %d end %d digits %d first %d wirelen %d", tt.text, q.Start(), q.End(), q.Digits(), q.FirstDigits(), q.WireLen())
		}
		var built Qualifier
		if tt.interval {
			built, err = IntervalQualifier(tt.start, tt.end, tt.first)
		} else {
			built, err = DateTimeQualifier(tt.start, tt.end)
		}
		if err != nil || built != tt.want {
			t.Errorf("constructor for %s = %#04x, %v", tt.text, uint16(built), err)
		}
	}
	if QualCurrent != 0x110d || QualYearToSecond != 0x0e0a || QualYearToFraction5 != 0x130f {
		t.Error("named qualifier constants")
	}
}

func TestQualifierString(t *testing.T) {
	tests := []struct {
		q              Qualifier
		text, interval string
	}{
		{0x0e0a, "YEAR TO SECOND", "YEAR(4) TO SECOND"},
		{0x130f, "YEAR TO FRACTION(5)", "YEAR(4) TO FRACTION(5)"},
		{0x094a, "DAY(3) TO SECOND", "DAY(3) TO SECOND"},
		{0x0602, "YEAR TO MONTH", "YEAR(4) TO MONTH"},
		{0x144f, "DAY(9) TO FRACTION(5)", "DAY(9) TO FRACTION(5)"},
		{0x086a, "HOUR(4) TO SECOND", "HOUR(4) TO SECOND"},
		{0x0288, "MINUTE TO MINUTE", "MINUTE(2) TO MINUTE"},
		{0x03cd, "FRACTION TO FRACTION(3)", "FRACTION TO FRACTION(3)"},
		{0x0000, "Qualifier(0x0000)", "Qualifier(0x0000)"},
		{0x0e0b, "Qualifier(0x0e0b)", "Qualifier(0x0e0b)"},
	}
	for _, tt := range tests {
		if got := tt.q.String(); got != tt.text {
			t.Errorf("%#04x.String() = %q, want %q", uint16(tt.q), got, tt.text)
		}
		if got := tt.q.IntervalString(); got != tt.interval {
			t.Errorf("%#04x.IntervalString() = %q, want %q", uint16(tt.q), got, tt.interval)
		}
	}
}

func TestParseQualifier(t *testing.T) {
	tests := []struct {
		text     string
		interval bool
		want     Qualifier
	}{
		{"HOUR TO FRACTION", false, 0x096d}, // FRACTION alone = FRACTION(3)
		{"hour to fraction", false, 0x096d},
		{"  Year  To  Fraction ( 2 )  ", false, 0x100c},
		{"YEAR(4) TO MONTH", false, 0x0602},
		{"YEAR TO MONTH", true, 0x0602}, // interval YEAR defaults to 4 digits
		{"DAY TO SECOND", true, 0x084a}, // others default to 2
		{"MONTH(5) TO MONTH", true, 0x0522},
		{"SECOND(9) TO FRACTION(5)", true, 0x0eaf},
		{"FRACTION TO FRACTION(1)", false, 0x01cb},
		{"FRACTION TO FRACTION", true, 0x03cd},
		{"YEAR TO YEAR", false, 0x0400},
	}
	for _, tt := range tests {
		q, err := ParseQualifier(tt.text, tt.interval)
		if err != nil || q != tt.want {
			t.Errorf("ParseQualifier(%q, %v) = %#04x, %v; want %#04x", tt.text, tt.interval, uint16(q), err, uint16(tt.want))
		}
		// The text form parses back to the same qualifier.
		if err == nil {
			for _, s := range []string{q.String(), q.IntervalString()} {
				if back, err := ParseQualifier(s, tt.interval); (err != nil || back != q) && (tt.interval || s == q.String()) {
					t.Errorf("ParseQualifier(%q) = %#04x, %v; want %#04x", s, uint16(back), err, uint16(q))
				}
			}
		}
	}
}

func TestParseQualifierErrors(t *testing.T) {
	tests := []struct {
		text     string
		interval bool
		want     error
	}{
		{"", false, ErrSyntax},
		{"YEAR", false, ErrSyntax},
		{"YEAR TO", false, ErrSyntax},
		{"YEAR FROM SECOND", false, ErrSyntax},
		{"YEAR TO SECOND junk", false, ErrSyntax},
		{"WEEK TO DAY", false, ErrSyntax},
		{"YEAR( TO DAY", false, ErrSyntax},
		{"YEAR(4 TO DAY", false, ErrSyntax},
		{"SECOND TO YEAR", false, ErrQualifier},
		{"YEAR(3) TO MONTH", false, ErrQualifier},
		{"DAY(3) TO SECOND", false, ErrQualifier},
		{"DAY(10) TO SECOND", true, ErrQualifier},
		{"DAY(0) TO SECOND", true, ErrQualifier},
		{"YEAR TO DAY", true, ErrQualifier},
		{"MONTH TO HOUR", true, ErrQualifier},
		{"YEAR TO FRACTION(6)", false, ErrQualifier},
		{"YEAR TO FRACTION(0)", false, ErrQualifier},
		{"YEAR TO SECOND(2)", false, ErrQualifier},
		{"FRACTION(2) TO FRACTION(3)", false, ErrQualifier},
		{"FRACTION TO SECOND", false, ErrQualifier},
	}
	for _, tt := range tests {
		if _, err := ParseQualifier(tt.text, tt.interval); !errors.Is(err, tt.want) {
			t.Errorf("ParseQualifier(%q, %v) error = %v, want %v", tt.text, tt.interval, err, tt.want)
		}
	}
}

func TestQualifierValidate(t *testing.T) {
	for _, q := range []Qualifier{0, 0x0e0b, 0x0e1a, 0x0ee0, 0x0fa0, 0x040a, 0x0e0a + 0x100, 0xffff, 0x00cd} {
		if q.ValidateDateTime() == nil {
			t.Errorf("%#04x accepted as DATETIME", uint16(q))
		}
	}
	for _, q := range []Qualifier{0, 0x0e0a, 0x0a04 + 0x0100*20, 0x104a} {
		if q.ValidateInterval() == nil {
			t.Errorf("%#04x accepted as INTERVAL", uint16(q))
		}
	}
	if _, err := DateTimeQualifier(TUSecond, TUYear); !errors.Is(err, ErrQualifier) {
		t.Errorf("DateTimeQualifier(SECOND, YEAR) = %v", err)
	}
	if _, err := DateTimeQualifier(-1, 99); !errors.Is(err, ErrQualifier) {
		t.Errorf("DateTimeQualifier(-1, 99) = %v", err)
	}
	if _, err := IntervalQualifier(TUDay, TUSecond, 10); !errors.Is(err, ErrQualifier) {
		t.Errorf("IntervalQualifier(DAY(10)) = %v", err)
	}
	if q, err := DateTimeQualifier(TUFraction3, TUFraction3); err != nil || q != 0x03cd {
		t.Errorf("DateTimeQualifier(F3, F3) = %#04x, %v", uint16(q), err)
	}
	if q, err := IntervalQualifier(TUFraction1, TUFraction5, 7); err != nil || q != 0x05cf || q.FirstDigits() != 5 {
		t.Errorf("IntervalQualifier(F, F5) = %#04x, %v", uint16(q), err)
	}
	if !Qualifier(0x0602).IsYearMonth() || Qualifier(0x094a).IsYearMonth() {
		t.Error("IsYearMonth")
	}
}
