package ifx_test

import (
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

// A Rows' current row points into the connection's read buffer, which the
// next exchange reuses: after Close, or once another statement has closed
// the Rows, Scan and Values must refuse rather than decode whatever the
// buffer holds by then.
func TestScanAfterRowsClosedIsRefused(t *testing.T) {
	c := connect(t, "testdb")
	fill(t, c, 300)
	ctx := ctxT(t)
	for _, how := range []string{"Close", "another statement"} {
		t.Run(how, func(t *testing.T) {
			rows, err := c.Query(ctx, "SELECT id, name FROM big ORDER BY id")
			if err != nil {
				t.Fatal(err)
			}
			if !rows.Next() {
				t.Fatal(rows.Err())
			}
			if how == "Close" {
				rows.Close()
			}
			var s string
			if err := c.QueryRow(ctx, "SELECT tabname FROM systables WHERE tabid = 1").Scan(&s); err != nil {
				t.Fatal(err)
			}
			var id int
			var text string
			if err := rows.Scan(&id, &text); !errors.Is(err, ifx.ErrRowsClosed) {
				t.Fatalf("Scan after the Rows closed: got %v (id %d, text %q), want ErrRowsClosed", err, id, text)
			}
			if _, err := rows.Values(); !errors.Is(err, ifx.ErrRowsClosed) {
				t.Fatalf("Values after the Rows closed: got %v, want ErrRowsClosed", err)
			}
			rows.Close()
		})
	}
}
