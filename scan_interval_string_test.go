package ifx_test

import (
	"strings"
	"testing"
)

// TestIntervalScansIntoString: ScanDriverColumn, database/sql's direct
// path (Go 1.27's RowsColumnScanner), stores every INTERVAL into a
// *string in its Informix text form, as it does for every other type.
// Before, it left them to database/sql's conversion, which fails for an
// INTERVAL beyond time.Duration ("unsupported Scan, storing driver.Value
// type ifxtype.IntervalDF into type *string") and for YEAR TO MONTH, and
// gave a count of nanoseconds for the others.
func TestIntervalScansIntoString(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	for _, tc := range []struct{ sql, want string }{
		{"SELECT INTERVAL(99999999 12:00:00) DAY(9) TO SECOND FROM systables WHERE tabid = 1", "99999999 12:00:00"},
		{"SELECT INTERVAL(1 12:00:00) DAY(3) TO SECOND FROM systables WHERE tabid = 1", "1 12:00:00"},
		{"SELECT INTERVAL(5-03) YEAR TO MONTH FROM systables WHERE tabid = 1", "5-03"},
	} {
		rows, err := c.Query(ctx, tc.sql)
		if err != nil {
			t.Fatal(err)
		}
		if !rows.Next() {
			t.Fatal(rows.Err())
		}
		var s string
		done, err := rows.ScanDriverColumn(0, &s)
		rows.Close()
		if !done || err != nil || s == "" {
			t.Errorf("%s: done=%v %q %v", tc.sql, done, s, err)
			continue
		}
		if strings.TrimSpace(s) != tc.want {
			t.Errorf("%s: %q, want the text form %q", tc.sql, s, tc.want)
		}
	}
}
