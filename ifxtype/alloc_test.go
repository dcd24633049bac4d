//go:build !race

package ifxtype

import (
	"testing"
	"time"
)

// The codecs run once per column per row, so they must not allocate on
// success; the race detector's instrumentation can add allocations, hence
// the build tag.
func TestCodecZeroAllocs(t *testing.T) {
	ym := []byte{0xc6, 0x02, 0x06, 0x00}
	int8w := AppendInt8Wire(nil, -5)
	checks := map[string]func(){
		"DecodeDecimalWire":      func() { sinkDecimal, _, _ = DecodeDecimalWire(benchDecimalWire) },
		"DecodeDecimalWireScale": func() { sinkDecimal, _, _ = DecodeDecimalWireScale(benchDecimalWire, 2) },
		"DecodeDateTimeWire":     func() { sinkDateTime, _, _ = DecodeDateTimeWire(benchDateTimeWire, QualYearToFraction5) },
		"DecodeIntervalDFWire":   func() { sinkInterval, _, _ = DecodeIntervalDFWire(benchIntervalWire, 0x144f) },
		"DecodeIntervalYMWire":   func() { _, _, _ = DecodeIntervalYMWire(ym, 0x0602) },
		"DecodeInt8Wire":         func() { _, _, _ = DecodeInt8Wire(int8w) },
	}
	// The encoders too, given a buffer with room.
	buf := make([]byte, 0, 64)
	dec := mustDec(t, "-1234.56")
	dt := DateTimeFromTime(time.Date(2026, 5, 4, 12, 34, 56, 0, time.UTC), QualYearToFraction5)
	iv := IntervalDFFromDuration(-time.Hour, 0x144f)
	iym, _ := NewIntervalYM(-30, 0x0602)
	checks["AppendDecimalWire"] = func() { sinkBytes, _ = AppendDecimalWire(buf[:0], dec, 16, 2) }
	checks["AppendDecimalBind"] = func() { sinkBytes = AppendDecimalBind(buf[:0], dec) }
	checks["AppendDateTimeWire"] = func() { sinkBytes = AppendDateTimeWire(buf[:0], dt) }
	checks["AppendIntervalDFWire"] = func() { sinkBytes, _ = AppendIntervalDFWire(buf[:0], iv) }
	checks["AppendIntervalYMWire"] = func() { sinkBytes, _ = AppendIntervalYMWire(buf[:0], iym) }
	checks["AppendInt8Wire"] = func() { sinkBytes = AppendInt8Wire(buf[:0], -5) }
	for name, f := range checks {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocs per run", name, n)
		}
	}
}
