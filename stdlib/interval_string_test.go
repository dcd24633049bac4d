package stdlib_test

import (
	"strings"
	"testing"

	"github.com/ifxgo/ifx/ifxtype"
)

// An INTERVAL DAY…FRACTION beyond time.Duration's ±292 years reaches
// database/sql in its Informix text form, so it scans into *string (and
// back into ifxtype.IntervalDF, whose Scan reads that text) whatever the
// Go release; before, database/sql got an ifxtype.IntervalDF and refused
// every destination but *any ("unsupported Scan, storing driver.Value
// type ifxtype.IntervalDF into type *string").
func TestIntervalBeyondDurationScansIntoString(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	const q = "SELECT INTERVAL(99999999 12:00:00) DAY(9) TO SECOND FROM systables WHERE tabid = 1"
	var s string
	if err := db.QueryRowContext(ctx, q).Scan(&s); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(s) != "99999999 12:00:00" {
		t.Errorf("*string: %q, want the text form", s)
	}
	// The text carries no qualifier: an IntervalDF that has one reads it.
	iv, err := ifxtype.NewIntervalDF(0, 0, mustQual(t, "DAY(9) TO SECOND", true))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, q).Scan(&iv); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(iv.String()) != "99999999 12:00:00" {
		t.Errorf("IntervalDF: %s", iv)
	}
}
