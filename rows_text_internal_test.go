package ifx

import "testing"

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
