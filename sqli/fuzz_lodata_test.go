package sqli

import (
	"errors"
	"testing"
)

// FuzzDecodeLOData feeds the smart-LOB decoders (SQ_LODATA requests,
// answers and chunks, SQ_FILE totals and chunks) arbitrary bytes: each
// consumes no more than it was given, refuses what it cannot read with
// ErrShortMessage or a ProtocolError, and never hands back a chunk longer
// than the bytes still expected. Seeds: testdata/fuzz/FuzzDecodeLOData/.
func FuzzDecodeLOData(f *testing.F) {
	f.Add([]byte{0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x18, 0x7d, 0x00}, int64(24))
	f.Add([]byte{0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x18, 0x7d, 0x00, 0x00, 0x01, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0}, int64(5))
	f.Add([]byte{0x00, 0x05, 'h', 'e', 'l', 'l', 'o', 0x00, 0x00, 0x0c}, int64(5))
	f.Fuzz(func(t *testing.T, b []byte, want int64) {
		check := func(what string, n int, err error) {
			if n < 0 || n > len(b) {
				t.Fatalf("%s: consumed %d of %d bytes", what, n, len(b))
			}
			var pe *ProtocolError
			if err != nil && !errors.Is(err, ErrShortMessage) && !errors.As(err, &pe) {
				t.Fatalf("%s: error %T %v", what, err, err)
			}
		}
		var m LOData
		n, err := m.Decode(b, Features{})
		check("LOData", n, err)
		if err == nil && m.Length < 0 {
			t.Fatalf("negative count %d accepted", m.Length)
		}
		if want >= 0 {
			d, _, n, err := DecodeLOChunk(b, want)
			check("LO chunk", n, err)
			if err == nil && int64(len(d)) > want {
				t.Fatalf("chunk of %d bytes with %d expected", len(d), want)
			}
		}
		_, n, err = DecodeLODataReply(b)
		check("LODATA reply", n, err)
		_, n, err = DecodeFileTotal(b, TagFileRead)
		check("file total", n, err)
		_, _, n, err = DecodeFileChunk(b, TagFileWrite)
		check("file chunk", n, err)
	})
}
