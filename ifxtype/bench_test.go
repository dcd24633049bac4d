package ifxtype

import (
	"testing"
	"time"
)

var (
	benchDecimalWire  = []byte{0x3d, 0x57, 0x41, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x00} // -1234.56 in DECIMAL(16,2)
	benchDateTimeWire = []byte{0xc7, 0x14, 0x1a, 0x05, 0x04, 0x0c, 0x22, 0x38, 0x4e, 0x5a, 0x0a}
	benchIntervalWire = []byte{0xc4, 0x01, 0x00, 0x00, 0x00, 0x32, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}
	sinkDecimal       Decimal
	sinkDateTime      DateTime
	sinkInterval      IntervalDF
	sinkBytes         []byte
)

func BenchmarkDecodeDecimalWire(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d, _, err := DecodeDecimalWireScale(benchDecimalWire, 2)
		if err != nil {
			b.Fatal(err)
		}
		sinkDecimal = d
	}
}

func BenchmarkAppendDecimalWire(b *testing.B) {
	d := mustDec(b, "-1234.56")
	buf := make([]byte, 0, 32)
	b.ReportAllocs()
	for b.Loop() {
		out, err := AppendDecimalWire(buf[:0], d, 16, 2)
		if err != nil {
			b.Fatal(err)
		}
		sinkBytes = out
	}
}

func BenchmarkAppendDecimalBind(b *testing.B) {
	d := mustDec(b, "-1234567890123456789012345.6789012")
	buf := make([]byte, 0, 32)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = AppendDecimalBind(buf[:0], d)
	}
}

func BenchmarkParseDecimal(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d, err := ParseDecimal("-1234567890.123456789")
		if err != nil {
			b.Fatal(err)
		}
		sinkDecimal = d
	}
}

func BenchmarkDecimalAppendText(b *testing.B) {
	d := mustDec(b, "-1234567890.123456789")
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes, _ = d.AppendText(buf[:0])
	}
}

func BenchmarkDecodeDateTimeWire(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d, _, err := DecodeDateTimeWire(benchDateTimeWire, QualYearToFraction5)
		if err != nil {
			b.Fatal(err)
		}
		sinkDateTime = d
	}
}

func BenchmarkAppendDateTimeWire(b *testing.B) {
	d := DateTimeFromTime(time.Date(2026, 5, 4, 12, 34, 56, 789010000, time.UTC), QualYearToFraction5)
	buf := make([]byte, 0, 32)
	b.ReportAllocs()
	for b.Loop() {
		sinkBytes = AppendDateTimeWire(buf[:0], d)
	}
}

func BenchmarkDecodeIntervalDFWire(b *testing.B) {
	q := Qualifier(0x144f)
	b.ReportAllocs()
	for b.Loop() {
		v, _, err := DecodeIntervalDFWire(benchIntervalWire, q)
		if err != nil {
			b.Fatal(err)
		}
		sinkInterval = v
	}
}
