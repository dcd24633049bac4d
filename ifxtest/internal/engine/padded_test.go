package engine

import (
	"fmt"
	"testing"
)

// TestAppendPaddedMatchesFmt checks appendPadded against fmt's %0*d at
// the widths of DATETIME's fields, around their limits.
func TestAppendPaddedMatchesFmt(t *testing.T) {
	for _, w := range []int{1, 2, 4, 5} {
		for x := int64(-1001); x <= 100001; x++ {
			if x > 200 && x < 9900 && x%97 != 0 {
				continue
			}
			if got, want := string(appendPadded([]byte("a"), x, w)), "a"+fmt.Sprintf("%0*d", w, x); got != want {
				t.Fatalf("appendPadded(%d, %d) = %q, want %q", x, w, got, want)
			}
		}
	}
}
