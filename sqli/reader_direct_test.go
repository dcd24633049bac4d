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

// TestUnreadComesBackFirst: bytes put back are decoded before the ones
// still buffered, whether they fit before them, in the buffer, or only in
// a larger one.
func TestUnreadComesBackFirst(t *testing.T) {
	big := bytes.Repeat([]byte("u"), 3*initialReadBuffer)
	for name, tc := range map[string]struct {
		consumed int
		back     []byte
	}{
		"before the buffered bytes": {consumed: 6, back: []byte("xyz")},
		"shifting them":             {consumed: 1, back: []byte("xyz")},
		"in a larger buffer":        {consumed: 1, back: big},
	} {
		t.Run(name, func(t *testing.T) {
			r := NewReader(bytes.NewReader([]byte("0123456789")))
			if err := r.Decode(func(b []byte) (int, error) {
				if len(b) < 10 {
					return 0, ErrShortMessage
				}
				return tc.consumed, nil
			}); err != nil {
				t.Fatal(err)
			}
			r.Unread(tc.back)
			var got []byte
			if err := r.Decode(func(b []byte) (int, error) {
				got = append(got, b...)
				return len(b), nil
			}); err != nil {
				t.Fatal(err)
			}
			if want := string(tc.back) + "0123456789"[tc.consumed:]; string(got) != want {
				t.Fatalf("after Unread: %.40q…, want %.40q…", got, want)
			}
		})
	}
}
