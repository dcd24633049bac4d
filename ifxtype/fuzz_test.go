package ifxtype

import (
	"bytes"
	"testing"
	"time"
)

// Every fuzz target checks two things: no input makes a decoder panic, and
// whatever decodes re-encodes to bytes that decode to the same value.

func FuzzDecodeDecimalWire(f *testing.F) {
	for _, v := range decimalColumnVectors {
		f.Add(hx(f, v.wire), v.s)
	}
	f.Add([]byte{0x80}, 0)
	f.Add([]byte{0x00, 0x00}, 2)
	f.Add([]byte{0xc2, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}, 0)
	// One word's worth (decodeDecimalWord): pairs at both ends, a leading
	// pair below 10, a 4-byte DECIMAL(5,2).
	f.Add([]byte{0xc4, 0x07, 0x22, 0x00, 0x63, 0x00, 0x00, 0x05}, 2)
	f.Add([]byte{0xc1, 0x63, 0x63, 0x63}, 2)
	f.Fuzz(func(t *testing.T, src []byte, scale int) {
		// The fast path of a column's decode must agree with the general
		// one on every input, hostile ones included.
		got, gnull, gerr := DecodeDecimalWireScale(src, scale)
		want, wnull, werr := decodeScaleSlow(src, scale)
		if got != want || gnull != wnull || (gerr == nil) != (werr == nil) {
			t.Fatalf("% x scale %d: fast %v %v %v, general %v %v %v", src, scale, got, gnull, gerr, want, wnull, werr)
		}
		var into Decimal
		if DecodeDecimalInto(&into, src, scale) && (into != want || wnull || werr != nil) {
			t.Fatalf("% x scale %d: DecodeDecimalInto %v, general %v %v %v", src, scale, into, want, wnull, werr)
		}
		d, null, err := DecodeDecimalWire(src)
		if err != nil || null {
			return
		}
		bind := AppendDecimalBind(nil, d)
		d2, null2, err := DecodeDecimalWire(bind)
		if err != nil || null2 || d2 != d {
			t.Fatalf("% x -> %s -> % x -> %s, %v, %v", src, d, bind, d2, null2, err)
		}
		if p, err := ParseDecimal(d.String()); err != nil || p != d {
			t.Fatalf("%s does not parse back: %v, %v", d, p, err)
		}
		// Place the value in the narrowest column that holds it exactly.
		if d.scale >= 0 && d.scale <= MaxDecimalDigits {
			intDigits := max(int(d.adjExp())+1, 0)
			if p := max(intDigits+int(d.scale), 1); p <= MaxDecimalDigits {
				col, err := AppendDecimalWire(nil, d, p, int(d.scale))
				if err != nil || len(col) != DecimalWireLen(p, int(d.scale)) {
					t.Fatalf("%s in DECIMAL(%d,%d): % x, %v", d, p, d.scale, col, err)
				}
				d3, _, err := DecodeDecimalWireScale(col, int(d.scale))
				if err != nil || d3 != d {
					t.Fatalf("%s in DECIMAL(%d,%d) = % x -> %s, %v", d, p, d.scale, col, d3, err)
				}
			}
		}
	})
}

func FuzzDecodeDateTimeWire(f *testing.F) {
	for _, v := range dateTimeVectors {
		q, err := ParseQualifier(v.qual, false)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(hx(f, v.wire), uint16(q))
	}
	// YEAR TO SECOND's fast path (yearToSecondUnix): 2024-02-29 12:00:00.
	f.Add([]byte{0xc7, 20, 24, 2, 29, 12, 0, 0}, uint16(QualYearToSecond))
	f.Fuzz(func(t *testing.T, src []byte, qual uint16) {
		q := Qualifier(qual)
		d, null, err := DecodeDateTimeWire(src, q)
		// The row scanner's fast path must agree with the general one.
		if low, ok := dateTimeLow(q); ok {
			if got, ok := fastDateTime(src, low, time.UTC); ok && (err != nil || null || got != d.Time(time.UTC)) {
				t.Fatalf("% x %s: fast %v, general %v %v %v", src, q, got, d, null, err)
			}
		}
		if err != nil || null {
			return
		}
		w := AppendDateTimeWire(nil, d)
		if len(w) != q.WireLen() {
			t.Fatalf("%s %s: %d bytes, WireLen %d", q, d, len(w), q.WireLen())
		}
		d2, null2, err := DecodeDateTimeWire(w, q)
		if err != nil || null2 || d2 != d {
			t.Fatalf("% x -> %s -> % x -> %s, %v", src, d, w, d2, err)
		}
		if p, err := ParseDateTime(d.String(), q); err != nil || p != d {
			t.Fatalf("%q does not parse back: %v, %v", d.String(), p, err)
		}
	})
}

func fuzzIntervalSeeds(f *testing.F) {
	for _, v := range intervalVectors {
		q, err := ParseQualifier(v.qual, true)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(hx(f, v.wire), uint16(q))
	}
}

func FuzzDecodeIntervalDFWire(f *testing.F) {
	fuzzIntervalSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte, qual uint16) {
		q := Qualifier(qual)
		v, null, err := DecodeIntervalDFWire(src, q)
		if err != nil || null {
			return
		}
		w, err := AppendIntervalDFWire(nil, v)
		if err != nil || len(w) != q.WireLen() {
			t.Fatalf("%s %s: % x, %v", q.IntervalString(), v, w, err)
		}
		v2, null2, err := DecodeIntervalDFWire(w, q)
		if err != nil || null2 || v2 != v {
			t.Fatalf("% x -> %s -> % x -> %s, %v", src, v, w, v2, err)
		}
		if p, err := ParseIntervalDF(v.String(), q); err != nil || p != v {
			t.Fatalf("%q does not parse back: %v, %v", v.String(), p, err)
		}
	})
}

func FuzzDecodeIntervalYMWire(f *testing.F) {
	fuzzIntervalSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte, qual uint16) {
		q := Qualifier(qual)
		v, null, err := DecodeIntervalYMWire(src, q)
		if err != nil || null {
			return
		}
		w, err := AppendIntervalYMWire(nil, v)
		if err != nil || len(w) != q.WireLen() {
			t.Fatalf("%s %s: % x, %v", q.IntervalString(), v, w, err)
		}
		v2, null2, err := DecodeIntervalYMWire(w, q)
		if err != nil || null2 || v2 != v {
			t.Fatalf("% x -> %s -> % x -> %s, %v", src, v, w, v2, err)
		}
		if p, err := ParseIntervalYM(v.String(), q); err != nil || p != v {
			t.Fatalf("%q does not parse back: %v, %v", v.String(), p, err)
		}
	})
}

func FuzzDecodeInt8Wire(f *testing.F) {
	f.Add(hx(f, "00 01 00 00 00 05 00 00 00 00"))
	f.Add(hx(f, "ff ff 00 00 00 00 80 00 00 00"))
	f.Add(make([]byte, 10))
	f.Fuzz(func(t *testing.T, src []byte) {
		v, null, err := DecodeInt8Wire(src)
		if err != nil || null {
			return
		}
		w := AppendInt8Wire(nil, v)
		if v2, _, err := DecodeInt8Wire(w); err != nil || v2 != v {
			t.Fatalf("% x -> %d -> % x -> %d, %v", src, v, w, v2, err)
		}
		// Sign-magnitude has one encoding per value except -0, which reads
		// as 0 and is written with sign +1; otherwise the bytes match too.
		if !bytes.Equal(w, src) && v != 0 {
			t.Fatalf("% x re-encodes as % x", src, w)
		}
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "-12.3400", "+.5", "1e5", "1e-130", "9.95e125", "1." + "0000000000000000000000000000000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		if err != nil {
			return
		}
		if p, err := ParseDecimal(d.String()); err != nil || p != d {
			t.Fatalf("%q -> %s does not parse back: %v, %v", s, d, p, err)
		}
		if back, _, err := DecodeDecimalWire(AppendDecimalBind(nil, d)); err != nil || back.Cmp(d) != 0 {
			t.Fatalf("%q -> %s: wire round trip %s, %v", s, d, back, err)
		}
	})
}

func FuzzParseQualifier(f *testing.F) {
	for _, s := range []string{"YEAR TO SECOND", "DAY(3) TO FRACTION(5)", "FRACTION TO FRACTION", "hour(9) to minute"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, interval bool) {
		q, err := ParseQualifier(s, interval)
		if err != nil {
			return
		}
		text := q.String()
		if interval {
			text = q.IntervalString()
		}
		if back, err := ParseQualifier(text, interval); err != nil || back != q {
			t.Fatalf("%q -> %#04x -> %q -> %#04x, %v", s, uint16(q), text, uint16(back), err)
		}
	})
}

func FuzzParseTemporal(f *testing.F) {
	for _, v := range dateTimeVectors {
		f.Add(v.text, uint16(mustQual(f, v.qual, false)))
	}
	for _, v := range intervalVectors {
		f.Add(v.text, uint16(mustQual(f, v.qual, true)))
	}
	f.Fuzz(func(t *testing.T, s string, qual uint16) {
		q := Qualifier(qual)
		if d, err := ParseDateTime(s, q); err == nil {
			if p, err := ParseDateTime(d.String(), q); err != nil || p != d {
				t.Fatalf("DATETIME %q -> %q -> %v, %v", s, d.String(), p, err)
			}
		}
		if v, err := ParseIntervalDF(s, q); err == nil {
			if p, err := ParseIntervalDF(v.String(), q); err != nil || p != v {
				t.Fatalf("INTERVAL %q -> %q -> %v, %v", s, v.String(), p, err)
			}
			if _, err := AppendIntervalDFWire(nil, v); err != nil {
				t.Fatalf("parsed INTERVAL %q cannot be sent: %v", s, err)
			}
		}
		if v, err := ParseIntervalYM(s, q); err == nil {
			if p, err := ParseIntervalYM(v.String(), q); err != nil || p != v {
				t.Fatalf("INTERVAL %q -> %q -> %v, %v", s, v.String(), p, err)
			}
			if _, err := AppendIntervalYMWire(nil, v); err != nil {
				t.Fatalf("parsed INTERVAL %q cannot be sent: %v", s, err)
			}
		}
	})
}
