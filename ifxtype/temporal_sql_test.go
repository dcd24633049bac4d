package ifxtype

import (
	"errors"
	"testing"
	"time"
)

// TestDateTimeScanValue: every source DateTime.Scan takes, and Value's
// literal.
func TestDateTimeScanValue(t *testing.T) {
	qHM, _ := DateTimeQualifier(TUHour, TUMinute)
	hm, _ := ParseDateTime("12:34", qHM)
	tm := time.Date(2026, 5, 4, 12, 34, 56, 789000000, time.UTC)

	var d DateTime
	if err := d.Scan(hm); err != nil || d != hm {
		t.Errorf("DateTime: %v %v", d, err)
	}
	d = DateTime{}
	if err := d.Scan(tm); err != nil || d.Qualifier() != QualYearToFraction5 || d.String() != "2026-05-04 12:34:56.78900" {
		t.Errorf("time.Time into zero DateTime: %v (%v) %v", d, d.Qualifier(), err)
	}
	d = hm
	if err := d.Scan(tm); err != nil || d.String() != "12:34" || d.Qualifier() != qHM {
		t.Errorf("time.Time into HOUR TO MINUTE: %v %v", d, err)
	}
	d = hm
	if err := d.Scan("23:59"); err != nil || d.String() != "23:59" {
		t.Errorf("string: %v %v", d, err)
	}
	if err := d.Scan([]byte("01:02")); err != nil || d.String() != "01:02" {
		t.Errorf("[]byte: %v %v", d, err)
	}
	before := d
	for _, src := range []any{nil, int64(1), "nonsense"} {
		if err := d.Scan(src); err == nil || d != before {
			t.Errorf("Scan(%#v) = %v, left %v", src, err, d)
		}
	}
	var zero DateTime
	if err := zero.Scan("12:34"); !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("literal into a DateTime without qualifier: %v", err)
	}
	if v, err := hm.Value(); err != nil || v != "12:34" {
		t.Errorf("Value = %#v, %v", v, err)
	}
	if v, err := (DateTime{}).Value(); err != nil || v != nil {
		t.Errorf("zero Value = %#v, %v", v, err)
	}
}

// TestIntervalScanValue: IntervalDF and IntervalYM as sql.Scanner and
// driver.Valuer.
func TestIntervalScanValue(t *testing.T) {
	qDS, _ := IntervalQualifier(TUDay, TUSecond, 3)
	ds, _ := ParseIntervalDF("5 01:02:03", qDS)
	var v IntervalDF
	if err := v.Scan(ds); err != nil || v != ds {
		t.Errorf("IntervalDF: %v %v", v, err)
	}
	v = IntervalDF{}
	dur := 5*24*time.Hour + time.Hour + 2*time.Minute + 3*time.Second + 500*time.Millisecond
	if err := v.Scan(dur); err != nil || v.Qualifier() != defaultDFQualifier {
		t.Errorf("Duration into zero IntervalDF: %v (%v) %v", v, v.Qualifier(), err)
	}
	if got, err := v.Duration(); err != nil || got != dur {
		t.Errorf("Duration round trip: %v %v", got, err)
	}
	v = ds
	if err := v.Scan(dur); err != nil || v != ds { // the half second truncated away
		t.Errorf("Duration into DAY(3) TO SECOND: %q %v", v.String(), err)
	}
	if err := v.Scan("7 00:00:01"); err != nil {
		t.Errorf("string: %v", err)
	}
	for _, src := range []any{nil, 1.5} {
		if err := v.Scan(src); err == nil {
			t.Errorf("Scan(%#v) succeeded", src)
		}
	}
	if x, err := ds.Value(); err != nil || x != ds.String() {
		t.Errorf("Value = %#v, %v", x, err)
	}

	qYM, _ := IntervalQualifier(TUYear, TUMonth, 4)
	ym, _ := ParseIntervalYM("2-06", qYM)
	var w IntervalYM
	if err := w.Scan(ym); err != nil || w != ym {
		t.Errorf("IntervalYM: %v %v", w, err)
	}
	if err := w.Scan("3-01"); err != nil || w.Months() != 37 {
		t.Errorf("string: %v %v", w, err)
	}
	var zero IntervalYM
	for _, src := range []any{nil, "3-01", int64(3)} {
		if err := zero.Scan(src); err == nil {
			t.Errorf("Scan(%#v) into zero IntervalYM succeeded", src)
		}
	}
	if x, err := ym.Value(); err != nil || x != ym.String() {
		t.Errorf("Value = %#v, %v", x, err)
	}
	if x, err := (IntervalYM{}).Value(); err != nil || x != nil {
		t.Errorf("zero Value = %#v, %v", x, err)
	}
}
