package sqli

import (
	"bytes"
	"testing"
)

func TestPAMMessagesRoundTrip(t *testing.T) {
	// The bytes JDBC read as style 1, "Password: " (docs/PROTOCOL.md).
	ch := &Challenge{Style: PAMPromptEchoOff, Text: []byte("Password: ")}
	b := ch.Encode([]byte{0xee}, Features{})
	want := []byte{0xee, 0x00, 0x81, 0x00, 0x01, 0x00, 0x0a, 'P', 'a', 's', 's', 'w', 'o', 'r', 'd', ':', ' '}
	if !bytes.Equal(b, want) {
		t.Fatalf("challenge % x, want % x", b, want)
	}
	var got Challenge
	n, err := got.Decode(b[3:], Features{})
	if err != nil || n != len(b)-3 || got.Style != 1 || string(got.Text) != "Password: " {
		t.Fatalf("decode %d %v %+v", n, err, got)
	}
	// Decode aliases its input instead of copying.
	b[7] = 'p'
	if got.Text[0] != 'p' {
		t.Fatal("Challenge.Text was copied")
	}

	// JDBC's answer "ABC": 00 82 00 03 41 42 43 00 (then SQ_EOT).
	r := &Response{Text: []byte("ABC")}
	b = r.Encode(nil, Features{})
	if !bytes.Equal(b, []byte{0x00, 0x82, 0x00, 0x03, 'A', 'B', 'C', 0x00}) {
		t.Fatalf("response % x", b)
	}
	var gr Response
	if n, err := gr.Decode(b[2:], Features{}); err != nil || n != 6 || string(gr.Text) != "ABC" {
		t.Fatalf("response decode %d %v %q", n, err, gr.Text)
	}
	if b := (Ack{}).Encode(nil, Features{}); !bytes.Equal(b, []byte{0x00, 0x80}) {
		t.Fatalf("ack % x", b)
	}
	if b := (Accept{}).Encode(nil, Features{}); !bytes.Equal(b, []byte{0x00, 0x7f}) {
		t.Fatalf("accept % x", b)
	}
}

func TestPAMChallengeLengthsChecked(t *testing.T) {
	var ch Challenge
	for _, b := range [][]byte{
		{0x00, 0x01},                  // short
		{0x00, 0x01, 0x00, 0x10, 'a'}, // text shorter than its length
		{0x00, 0x01, 0xff, 0xff},      // negative length
		{0x00, 0x01, 0x00, 0x01, 'a'}, // odd length without its pad
	} {
		if _, err := ch.Decode(b, Features{}); err == nil {
			t.Errorf("% x decoded", b)
		}
	}
}

func FuzzDecodePAM(f *testing.F) {
	f.Add((&Challenge{Style: 1, Text: []byte("Password: ")}).Encode(nil, Features{})[2:])
	f.Add((&Challenge{Style: 4, Text: []byte("odd")}).Encode(nil, Features{})[2:])
	f.Add((&Response{Text: []byte("secret")}).Encode(nil, Features{})[2:])
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeBothLayouts(t, b, func() Message { return &Challenge{} })
		decodeBothLayouts(t, b, func() Message { return &Response{} })
	})
}
