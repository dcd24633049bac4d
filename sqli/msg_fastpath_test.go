package sqli

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// Bytes of informix-driver 2026.9.3's _fastpath.py (build_get_routine_pdu,
// build_exfp_routine_pdu), which its authors ran against IDS 15.0.1 and
// 12.10 (docs/PROTOCOL.md, "Fast path"). It always writes the signature's
// length as an i32: the width of feature 62, which those servers
// negotiate.
const (
	pyGetRoutineClose = "0065000000002766756e6374696f6e20696e666f726d69782e6966785f6c6f5f636c6f736528696e746567657229000000000c"
	pyGetRoutineEven  = "0065000000001866756e6374696f6e20696e666f726d69782e6628696e74290000000c"
	pyExFPInt         = "00660006746573746462000000070001000000050001000200000a00ffffffff000c"
	pyExFPNullAndInt  = "00660003646231000102030400020000000500020000ffff0000000200000a0000000005000c"
)

func TestGetRoutineMatchesInformixDriver(t *testing.T) {
	for _, tc := range []struct{ sig, hex string }{
		{"function informix.ifx_lo_close(integer)", pyGetRoutineClose}, // odd length: pad
		{"function informix.f(int)", pyGetRoutineEven},
	} {
		got := AppendGroup(nil, ModernFeatures(), &GetRoutine{Signature: []byte(tc.sig)})
		if hex.EncodeToString(got) != tc.hex {
			t.Errorf("%s:\n got %x\nwant %s", tc.sig, got, tc.hex)
		}
		msgs := readAll(t, tc.hex, ModernFeatures())
		if len(msgs) != 2 {
			t.Fatalf("%d messages", len(msgs))
		}
		if g := msgs[0].(*GetRoutine); string(g.Signature) != tc.sig || g.FParam != 0 {
			t.Errorf("decoded %q fparam %d", g.Signature, g.FParam)
		}
	}
}

func TestGetRoutineShortLengthWithoutFeature62(t *testing.T) {
	got := (&GetRoutine{Signature: []byte("f(int)")}).Encode(nil, Features{})
	if want := "0065" + "00" + "0006" + hex.EncodeToString([]byte("f(int)")) + "0000"; hex.EncodeToString(got) != want {
		t.Fatalf("got %x want %s", got, want)
	}
	var m GetRoutine
	if n, err := m.Decode(got[2:], Features{}); err != nil || n != len(got)-2 || string(m.Signature) != "f(int)" {
		t.Fatalf("n=%d err=%v sig=%q", n, err, m.Signature)
	}
}

func TestGetRoutineByIDRefused(t *testing.T) {
	var m GetRoutine
	if _, err := m.Decode([]byte{1, 0, 0, 0, 0, 0, 0}, ModernFeatures()); err == nil || err == ErrShortMessage {
		t.Fatalf("by-id request decoded: %v", err)
	}
}

func TestExFPRoutineMatchesInformixDriver(t *testing.T) {
	f := ModernFeatures()
	for _, tc := range []struct {
		hex    string
		db     string
		handle int32
		vals   []BindValue
	}{
		{pyExFPInt, "testdb", 7, []BindValue{{Type: TypeInt, Prec: 0x0a00, Data: []byte{0xff, 0xff, 0xff, 0xff}}}},
		{pyExFPNullAndInt, "db1", 0x01020304, []BindValue{
			{Type: TypeChar, Indicator: IndicatorNull},
			{Type: TypeInt, Prec: 0x0a00, Data: []byte{0, 0, 0, 5}},
		}},
	} {
		got := AppendGroup(nil, f, &ExFPRoutine{DB: []byte(tc.db), Handle: tc.handle, NParams: int16(len(tc.vals))}, &Bind{Values: tc.vals})
		if hex.EncodeToString(got) != tc.hex {
			t.Errorf("got %x\nwant %s", got, tc.hex)
		}
		msgs := readAll(t, tc.hex, f)
		ex := msgs[0].(*ExFPRoutine)
		if string(ex.DB) != tc.db || ex.Handle != tc.handle || int(ex.NParams) != len(tc.vals) || ex.FParam != 0 {
			t.Errorf("decoded %+v", ex)
		}
		if b := msgs[1].(*Bind); len(b.Values) != len(tc.vals) {
			t.Errorf("bind has %d values", len(b.Values))
		}
	}
}

// Replies that informix-driver's parse_get_routine_response and
// parse_fp_routine_response read as ("testdb", 42) and [0, None, None].
const (
	pyRoutineHandle = "0065" + "0006746573746462" + "0000002a" + "000c"
	pyFPRoutine     = "0067" + "0003" + "00020000000000000000" + "0034ffff0000" + "00290008696e666f726d69780004626c6f62ffff0000" + "000c"
)

func readBackendAll(t *testing.T, h string) []Message {
	t.Helper()
	b, _ := hex.DecodeString(h)
	rd := NewReader(bytes.NewReader(b))
	rd.SetFeatures(ModernFeatures())
	var out []Message
	var enc []byte
	for {
		m, err := rd.ReadBackend()
		if err != nil {
			t.Fatalf("after %d messages: %v", len(out), err)
		}
		enc = m.Encode(enc, ModernFeatures())
		out = append(out, m)
		if m.Tag() == TagEOT {
			if hex.EncodeToString(enc) != h {
				t.Fatalf("re-encoded %x\nwant %s", enc, h)
			}
			return out
		}
	}
}

func TestRoutineHandleMatchesInformixDriver(t *testing.T) {
	msgs := readBackendAll(t, pyRoutineHandle)
	if m := msgs[0].(*RoutineHandle); string(m.DB) != "testdb" || m.Handle != 42 {
		t.Fatalf("%+v", m)
	}
}

func TestFPRoutineMatchesInformixDriver(t *testing.T) {
	msgs := readBackendAll(t, pyFPRoutine)
	m := msgs[0].(*FPRoutine)
	if len(m.Values) != 3 {
		t.Fatalf("%d values", len(m.Values))
	}
	if v := m.Values[0]; v.Type != TypeInt || v.Indicator != 0 || !bytes.Equal(v.Data, []byte{0, 0, 0, 0}) {
		t.Errorf("value 0: %+v", v)
	}
	if v := m.Values[1]; v.Type != TypeBigInt || v.Indicator != IndicatorNull || v.Data != nil {
		t.Errorf("value 1: %+v", v)
	}
	if v := m.Values[2]; string(v.Owner) != "informix" || string(v.TypeName) != "blob" || v.Indicator != IndicatorNull {
		t.Errorf("value 2: %+v", v)
	}
}

func TestFPRoutineHostileCounts(t *testing.T) {
	for name, h := range map[string]string{
		"negative count":   "ffff",
		"huge count":       "7fff",
		"huge lvarchar":    "0001" + "002b0008696e666f726d697800086c766172636861720000" + "0000" + "7fffffff",
		"negative varchar": "0001" + "000d" + "0000" + "0000" + "ff00",
	} {
		b, _ := hex.DecodeString(h)
		var m FPRoutine
		_, err := m.Decode(b, ModernFeatures())
		if err == nil || (name != "huge count" && err == ErrShortMessage) {
			t.Errorf("%s: %v", name, err)
		}
		if cap(m.Values) > 1 {
			t.Errorf("%s: grew the values to %d", name, cap(m.Values))
		}
	}
}

func FuzzDecodeFastPath(f *testing.F) {
	for _, h := range []string{pyGetRoutineClose, pyExFPInt, pyRoutineHandle, pyFPRoutine} {
		b, _ := hex.DecodeString(h)
		f.Add(b[2:])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeBothLayouts(t, b, func() Message { return &GetRoutine{} })
		decodeBothLayouts(t, b, func() Message { return &RoutineHandle{} })
		decodeBothLayouts(t, b, func() Message { return &ExFPRoutine{} })
		decodeBothLayouts(t, b, func() Message { return &FPRoutine{} })
	})
}
