package sqli

import (
	"bytes"
	"errors"
	"testing"
)

// TestLODataMessagesRefuseBadLengths: the SQ_LODATA decoders refuse a
// chunk longer than the bytes still expected or negative, a negative
// request count and an unknown operation, and take a chunk of 12 bytes
// (SQ_EOT's value) as data while bytes are expected.
func TestLODataMessagesRefuseBadLengths(t *testing.T) {
	if _, _, _, err := DecodeLOChunk([]byte{0x7f, 0xff, 1, 2}, 10); err == nil || errors.Is(err, ErrShortMessage) {
		t.Errorf("chunk beyond what is expected: %v", err)
	}
	if _, _, _, err := DecodeLOChunk([]byte{0xff, 0xf0}, 10); err == nil || errors.Is(err, ErrShortMessage) {
		t.Errorf("negative chunk: %v", err)
	}
	twelve := append([]byte{0x00, 0x0c}, bytes.Repeat([]byte{'x'}, 12)...)
	if d, eot, n, err := DecodeLOChunk(twelve, 12); err != nil || eot || n != 14 || len(d) != 12 {
		t.Errorf("12-byte chunk: %q %v %d %v", d, eot, n, err)
	}
	if _, eot, n, err := DecodeLOChunk([]byte{0x00, 0x0c}, 0); err != nil || !eot || n != 2 {
		t.Errorf("SQ_EOT after the data: %v %d %v", eot, n, err)
	}
	var m LOData
	if _, err := m.Decode([]byte{0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0x7d, 0x00}, Features{}); err == nil {
		t.Error("negative count accepted")
	}
	if _, err := m.Decode([]byte{0, 9, 0, 1, 0, 0, 0, 1, 0x7d, 0x00}, Features{}); err == nil {
		t.Error("operation 9 accepted")
	}
	// Round trip of a read with seek.
	in := LOData{Op: LOReadWithSeek, FD: 3, Length: 100, BufSize: 32000, Offset: 1 << 40, Whence: 1}
	b := in.Encode(nil, Features{})
	var out LOData
	if n, err := out.Decode(b[2:], Features{}); err != nil || n != len(b)-2 || out != in {
		t.Errorf("round trip: %+v %d %v", out, n, err)
	}
}
