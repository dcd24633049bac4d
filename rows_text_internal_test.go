package ifx

import (
	"testing"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/ifxtype"
)

// TestIsASCII checks the word-at-a-time test against a byte loop for
// every length up to 40 and a non-ASCII byte at every position.
func TestIsASCII(t *testing.T) {
	for n := 0; n <= 40; n++ {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + i%26)
		}
		if !isASCII(b) {
			t.Fatalf("len %d: ASCII reported as not", n)
		}
		for i := range b {
			c := b[i]
			for _, x := range []byte{0x80, 0xC3, 0xFF} {
				b[i] = x
				if isASCII(b) {
					t.Fatalf("len %d: byte %#x at %d reported as ASCII", n, x, i)
				}
			}
			b[i] = c
		}
	}
}

// TestTextArenaMatchesDecodeText checks Scan's string arena, its word
// copy of short values included, against ColumnDecoder.DecodeText for
// every length up to 70 with an 8859-1 byte at every position, and that
// no string changes as later ones fill the same blocks.
func TestTextArenaMatchesDecodeText(t *testing.T) {
	codec, err := ifxconn.CodecFor("en_US.8859-1")
	if err != nil {
		t.Fatal(err)
	}
	dec := ifxtype.ColumnDecoder{Codec: codec}
	var a textArena
	type kept struct{ got, want string }
	var all []kept
	for n := 0; n <= 70; n++ {
		for pos := -1; pos < n; pos++ { // -1: ASCII only
			v := make([]byte, n)
			for i := range v {
				v[i] = byte('a' + (i+n)%26)
			}
			if pos >= 0 {
				v[pos] = 0xe9 // é
			}
			want := dec.DecodeText(v)
			got := a.text(&dec, v)
			if got != want {
				t.Fatalf("% x: %q, want %q", v, got, want)
			}
			all = append(all, kept{got, want})
		}
	}
	for _, k := range all {
		if k.got != k.want {
			t.Fatalf("%q became %q as later strings were added", k.want, k.got)
		}
	}
}
