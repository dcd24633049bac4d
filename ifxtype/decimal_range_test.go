package ifxtype

import (
	"bytes"
	"errors"
	"testing"
)

// TestDecimalStorableRange: IBM documents DECIMAL magnitudes from 10^-130
// to 10^124. Beyond, the packed form needs the base-100 exponent 63, and a
// negative value then begins with 00, the NULL marker: -9.901E+125 was
// bound as 00 00 63 and stored as NULL. Such values are refused with
// ErrOverflow; the largest in-range ones encode and decode exactly.
func TestDecimalStorableRange(t *testing.T) {
	for _, s := range []string{"-9.901E+125", "9.901E+125", "1E+124", "-1E+124", "-9.99999E+123"} {
		d := mustDec(t, s)
		err := d.CheckStorable()
		if s == "-9.99999E+123" {
			if err != nil {
				t.Errorf("%s: %v", s, err)
			}
			continue
		}
		if !errors.Is(err, ErrOverflow) {
			t.Errorf("%s: CheckStorable = %v, want ErrOverflow", s, err)
		}
		if _, err := AppendDecimalWire(nil, d, 32, DecimalFloatingScale); !errors.Is(err, ErrOverflow) {
			t.Errorf("%s: AppendDecimalWire = %v, want ErrOverflow", s, err)
		}
	}
	for _, tt := range []struct {
		value string
		want  []byte
	}{
		{"1.23E+123", []byte{0xfe, 12, 30}},
		{"-1.23E+123", []byte{0x01, 87, 70}},
		{"1E-130", []byte{0x80, 1}},
		{"-1E-130", []byte{0x7f, 99}},
	} {
		d := mustDec(t, tt.value)
		if err := d.CheckStorable(); err != nil {
			t.Errorf("%s: %v", tt.value, err)
		}
		got := AppendDecimalBind(nil, d)
		if !bytes.Equal(got, tt.want) {
			t.Errorf("%s: % x, want % x", tt.value, got, tt.want)
		}
		back, null, err := DecodeDecimalWire(got)
		if err != nil || null || back.Cmp(d) != 0 {
			t.Errorf("%s: decoded %v null=%v %v", tt.value, back, null, err)
		}
	}
}
