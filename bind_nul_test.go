package ifx_test

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

// TestStringWithNULRefused: a string beginning with NUL was stored and
// read back as NULL (a leading 00 is the CHAR/VARCHAR NULL marker on the
// wire); Informix character data cannot hold NUL at all. Such strings are
// refused with ErrNULInString before anything is sent; never turned into
// NULL.
func TestStringWithNULRefused(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "nul_bind", "c CHAR(8), n NCHAR(8), v VARCHAR(8), nv NVARCHAR(8), lv LVARCHAR(100)")
	type str string
	for _, col := range []string{"c", "n", "v", "nv", "lv"} {
		for _, val := range []any{"\x00", "\x00abc", "ab\x00c", str("\x00")} {
			_, err := c.Exec(ctx, "INSERT INTO nul_bind ("+col+") VALUES (?)", val)
			if !errors.Is(err, ifx.ErrNULInString) {
				t.Errorf("%s %q: %v, want ErrNULInString", col, val, err)
			}
		}
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM nul_bind").Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows stored (%v)", n, err)
	}
}
