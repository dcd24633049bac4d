package sqli

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

// TestReadDirectPlacesBytesOnce: ReadDirect hands over the buffered bytes,
// reads the rest into p, and keeps what arrived past n for the next
// decode, in order, whatever sizes the source's reads return.
func TestReadDirectPlacesBytesOnce(t *testing.T) {
	stream := []byte("0123456789abcdefghijKLMNOP")
	for name, src := range map[string]io.Reader{
		"whole":       bytes.NewReader(stream),
		"byte a time": iotest.OneByteReader(bytes.NewReader(stream)),
		"half":        iotest.HalfReader(bytes.NewReader(stream)),
	} {
		t.Run(name, func(t *testing.T) {
			r := NewReader(src)
			// Buffer a few bytes first, as a header decode does.
			if err := r.Decode(func(b []byte) (int, error) {
				if len(b) < 2 {
					return 0, ErrShortMessage
				}
				return 2, nil
			}); err != nil {
				t.Fatal(err)
			}
			p := make([]byte, 16)
			if err := r.ReadDirect(p, 12); err != nil {
				t.Fatal(err)
			}
			if string(p[:12]) != "23456789abcd" {
				t.Fatalf("p = %q", p[:12])
			}
			var rest []byte
			for len(rest) < len(stream)-14 {
				if err := r.Decode(func(b []byte) (int, error) {
					rest = append(rest, b...)
					return len(b), nil
				}); err != nil {
					t.Fatal(err)
				}
			}
			if string(rest) != "efghijKLMNOP" {
				t.Fatalf("after ReadDirect the stream goes on with %q", rest)
			}
		})
	}
}

// TestReadDirectFailures: a stream that ends early is
// io.ErrUnexpectedEOF, and n beyond p is refused before any read.
func TestReadDirectFailures(t *testing.T) {
	r := NewReader(bytes.NewReader([]byte("abc")))
	if err := r.ReadDirect(make([]byte, 8), 8); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("short stream: %v", err)
	}
	r = NewReader(iotest.ErrReader(errors.New("no read expected")))
	if err := r.ReadDirect(make([]byte, 4), 5); err == nil || err.Error() == "no read expected" {
		t.Fatalf("n beyond p: %v", err)
	}
}
