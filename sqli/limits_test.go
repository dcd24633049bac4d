package sqli

import (
	"errors"
	"strings"
	"testing"
)

// TestFieldLimits: the checks a client makes before encoding a message
// whose i16/i32 fields would otherwise wrap.
func TestFieldLimits(t *testing.T) {
	var none Features
	long := NewFeatures([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	if MaxSQLText(none) != 32767 || MaxSQLText(long) != 1<<31-1 {
		t.Fatalf("MaxSQLText: %d %d", MaxSQLText(none), MaxSQLText(long))
	}
	text := strings.Repeat("x", 32768)
	if err := (&Prepare{SQL: text}).Check(none); !errors.Is(err, ErrFieldTooLong) {
		t.Errorf("32,768-byte SQL text without feature 62: %v", err)
	}
	if err := (&Command{SQL: text}).Check(long); err != nil {
		t.Errorf("with feature 62: %v", err)
	}
	b := &Bind{Values: make([]BindValue, 32768)}
	if err := b.Check(); !errors.Is(err, ErrFieldTooLong) {
		t.Errorf("32,768 bind values: %v", err)
	}
	b.Values = b.Values[:32767]
	if err := b.Check(); err != nil {
		t.Errorf("32,767 bind values: %v", err)
	}
	var fe *FieldTooLongError
	if err := CheckField("parameters", 65537, MaxInt16Field); !errors.As(err, &fe) || fe.Len != 65537 || !strings.Contains(err.Error(), "65537") {
		t.Errorf("CheckField: %v", err)
	}
}
