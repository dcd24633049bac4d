package ifxtype

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestInt8Wire(t *testing.T) {
	tests := []struct {
		v    int64
		wire string
	}{
		// docs/PROTOCOL.md, note N4 examples.
		{5, "00 01 00 00 00 05 00 00 00 00"},
		{-5, "ff ff 00 00 00 05 00 00 00 00"},
		{1 << 32, "00 01 00 00 00 00 00 00 00 01"},
		// Derived.
		{0, "00 01 00 00 00 00 00 00 00 00"},
		{math.MaxInt64, "00 01 ff ff ff ff 7f ff ff ff"},
		{math.MinInt64, "ff ff 00 00 00 00 80 00 00 00"},
		{-(1<<32 + 7), "ff ff 00 00 00 07 00 00 00 01"},
	}
	for _, tt := range tests {
		want := hx(t, tt.wire)
		if got := AppendInt8Wire([]byte{0xaa}, tt.v); !bytes.Equal(got[1:], want) || got[0] != 0xaa {
			t.Errorf("AppendInt8Wire(%d) = % x, want % x", tt.v, got[1:], want)
		}
		v, null, err := DecodeInt8Wire(want)
		if err != nil || null || v != tt.v {
			t.Errorf("DecodeInt8Wire(% x) = %d, %v, %v", want, v, null, err)
		}
	}
	null := AppendInt8NullWire(nil)
	if !bytes.Equal(null, make([]byte, 10)) {
		t.Errorf("AppendInt8NullWire = % x", null)
	}
	if v, isNull, err := DecodeInt8Wire(null); err != nil || !isNull || v != 0 {
		t.Errorf("DecodeInt8Wire(NULL) = %d, %v, %v", v, isNull, err)
	}
	if v, isNull, err := DecodeInt8Wire(hx(t, "ff ff 00 00 00 00 00 00 00 00")); err != nil || isNull || v != 0 {
		t.Errorf("DecodeInt8Wire(-0) = %d, %v, %v", v, isNull, err)
	}
	// Only the sign word decides NULL.
	if _, isNull, _ := DecodeInt8Wire(hx(t, "00 00 00 00 00 05 00 00 00 00")); !isNull {
		t.Error("sign 0 with a magnitude must still be NULL")
	}
}

func TestInt8WireErrors(t *testing.T) {
	tests := []struct {
		wire string
		want error
	}{
		{"00 01 00 00 00 05 00 00 00", ErrWireFormat},
		{"00 01 00 00 00 05 00 00 00 00 00", ErrWireFormat},
		{"00 02 00 00 00 05 00 00 00 00", ErrWireFormat},
		{"ff fe 00 00 00 05 00 00 00 00", ErrWireFormat},
		{"00 01 00 00 00 00 80 00 00 00", ErrOverflow},
		{"ff ff 00 00 00 01 80 00 00 00", ErrOverflow},
	}
	for _, tt := range tests {
		if _, _, err := DecodeInt8Wire(hx(t, tt.wire)); !errors.Is(err, tt.want) {
			t.Errorf("DecodeInt8Wire(%s) = %v, want %v", tt.wire, err, tt.want)
		}
	}
	if _, _, err := DecodeInt8Wire(nil); !errors.Is(err, ErrWireFormat) {
		t.Errorf("DecodeInt8Wire(nil) = %v", err)
	}
}

func TestInt8WireRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for range 100000 {
		v := int64(rng.Uint64())
		w := AppendInt8Wire(nil, v)
		if back, null, err := DecodeInt8Wire(w); err != nil || null || back != v || len(w) != Int8WireLen {
			t.Fatalf("%d -> % x -> %d, %v, %v", v, w, back, null, err)
		}
	}
}
