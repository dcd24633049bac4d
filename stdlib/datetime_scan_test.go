package stdlib_test

import (
	"database/sql"
	"reflect"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/stdlib"
)

// columnScanner reports whether this Go's database/sql hands Scan
// destinations to the driver (Go 1.27's driver.RowsColumnScanner).
func columnScanner() bool {
	_, ok := reflect.TypeFor[*stdlib.Rows]().MethodByName("ScanColumn")
	return ok
}

// TestDateTimeWithoutYearScan: a DATETIME without YEAR scans into
// *time.Time and sql.NullTime through database/sql as it does through
// the native API, with the missing fields from the base date 0001-01-01.
func TestDateTimeWithoutYearScan(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "dt_noyear", "(id INTEGER, hm DATETIME HOUR TO MINUTE, md DATETIME MONTH TO DAY, hs DATETIME HOUR TO FRACTION(3))")
	if _, err := db.ExecContext(ctx, "INSERT INTO dt_noyear VALUES (1, DATETIME(12:34) HOUR TO MINUTE, DATETIME(05-04) MONTH TO DAY, DATETIME(01:02:03.456) HOUR TO FRACTION(3))"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO dt_noyear VALUES (2, NULL, NULL, NULL)"); err != nil {
		t.Fatal(err)
	}
	want := []time.Time{
		time.Date(1, 1, 1, 12, 34, 0, 0, time.UTC),
		time.Date(1, 5, 4, 0, 0, 0, 0, time.UTC),
		time.Date(1, 1, 1, 1, 2, 3, 456000000, time.UTC),
	}

	var hm, md, hs time.Time
	if err := db.QueryRowContext(ctx, "SELECT hm, md, hs FROM dt_noyear WHERE id = 1").Scan(&hm, &md, &hs); err != nil {
		t.Fatal(err)
	}
	if got := []time.Time{hm, md, hs}; !reflect.DeepEqual(got, want) {
		t.Errorf("*time.Time: got %v, want %v", got, want)
	}
	var nhm, nmd sql.NullTime
	if err := db.QueryRowContext(ctx, "SELECT hm, md FROM dt_noyear WHERE id = 1").Scan(&nhm, &nmd); err != nil {
		t.Fatal(err)
	}
	if !nhm.Valid || !nhm.Time.Equal(want[0]) || !nmd.Valid || !nmd.Time.Equal(want[1]) {
		t.Errorf("sql.NullTime: got %v %v", nhm, nmd)
	}
	if err := db.QueryRowContext(ctx, "SELECT hm, md FROM dt_noyear WHERE id = 2").Scan(&nhm, &nmd); err != nil || nhm.Valid || nmd.Valid {
		t.Errorf("NULL into sql.NullTime: %v %v %v", nhm, nmd, err)
	}

	// The native API gives the same times.
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var native [3]time.Time
	if err := conn.Raw(func(dc any) error {
		return dc.(*stdlib.Conn).Conn().QueryRow(ctx, "SELECT hm, md, hs FROM dt_noyear WHERE id = 1").Scan(&native[0], &native[1], &native[2])
	}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(native[:], want) {
		t.Errorf("native: got %v, want %v", native, want)
	}
}

// TestTemporalScannersRoundTrip sends ifxtype.DateTime, IntervalDF and
// IntervalYM through database/sql and scans them back into the same
// types (sql.Scanner) and their sql.Null forms.
func TestTemporalScannersRoundTrip(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "tmp_scan", "(id INTEGER, hm DATETIME HOUR TO MINUTE, ts DATETIME YEAR TO SECOND, ids INTERVAL DAY(3) TO SECOND, iym INTERVAL YEAR(4) TO MONTH)")
	qHM, err := ifxtype.DateTimeQualifier(ifxtype.TUHour, ifxtype.TUMinute)
	if err != nil {
		t.Fatal(err)
	}
	qDS, err := ifxtype.IntervalQualifier(ifxtype.TUDay, ifxtype.TUSecond, 3)
	if err != nil {
		t.Fatal(err)
	}
	qYM, err := ifxtype.IntervalQualifier(ifxtype.TUYear, ifxtype.TUMonth, 4)
	if err != nil {
		t.Fatal(err)
	}
	hm, _ := ifxtype.ParseDateTime("12:34", qHM)
	ts, _ := ifxtype.ParseDateTime("2026-05-04 12:34:56", ifxtype.QualYearToSecond)
	ids, _ := ifxtype.ParseIntervalDF("5 01:02:03", qDS)
	iym, _ := ifxtype.ParseIntervalYM("2-06", qYM)
	if _, err := db.ExecContext(ctx, "INSERT INTO tmp_scan VALUES (?, ?, ?, ?, ?)", 1, hm, ts, ids, iym); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO tmp_scan VALUES (2, NULL, NULL, NULL, NULL)"); err != nil {
		t.Fatal(err)
	}

	var (
		ghm, gts ifxtype.DateTime
		gids     ifxtype.IntervalDF
		giym     ifxtype.IntervalYM
	)
	if err := db.QueryRowContext(ctx, "SELECT hm, ts, ids, iym FROM tmp_scan WHERE id = 1").Scan(&ghm, &gts, &gids, &giym); err != nil {
		t.Fatal(err)
	}
	if columnScanner() {
		// Go 1.27: the driver stores the column's own value, as the
		// native Scan does.
		if ghm != hm || gts != ts || gids != ids {
			t.Errorf("Go 1.27: got %v %v %v, want %v %v %v", ghm, gts, gids, hm, ts, ids)
		}
	} else {
		// Go 1.26: the Scanners see time.Time and time.Duration.
		if !ghm.Time(nil).Equal(hm.Time(nil)) || ghm.Qualifier() != ifxtype.QualYearToFraction5 {
			t.Errorf("Go 1.26: hm = %v (%v)", ghm, ghm.Qualifier())
		}
		if !gts.Time(nil).Equal(ts.Time(nil)) {
			t.Errorf("Go 1.26: ts = %v", gts)
		}
		gd, err1 := gids.Duration()
		wd, err2 := ids.Duration()
		if err1 != nil || err2 != nil || gd != wd {
			t.Errorf("Go 1.26: ids = %v, want %v", gids, ids)
		}
	}
	if giym != iym {
		t.Errorf("iym = %v, want %v", giym, iym)
	}

	// A DateTime that already has the qualifier keeps it on either Go.
	pre, _ := ifxtype.ParseDateTime("00:00", qHM)
	if err := db.QueryRowContext(ctx, "SELECT hm FROM tmp_scan WHERE id = 1").Scan(&pre); err != nil || pre != hm {
		t.Errorf("pre-qualified DateTime: %v %v, want %v", pre, err, hm)
	}

	// NULL: an error into the bare types, Valid=false into sql.Null.
	var bare ifxtype.DateTime
	if err := db.QueryRowContext(ctx, "SELECT hm FROM tmp_scan WHERE id = 2").Scan(&bare); err == nil {
		t.Error("NULL into ifxtype.DateTime succeeded")
	}
	var (
		nhm  sql.Null[ifxtype.DateTime]
		nids sql.Null[ifxtype.IntervalDF]
		niym sql.Null[ifxtype.IntervalYM]
	)
	if err := db.QueryRowContext(ctx, "SELECT hm, ids, iym FROM tmp_scan WHERE id = 2").Scan(&nhm, &nids, &niym); err != nil || nhm.Valid || nids.Valid || niym.Valid {
		t.Errorf("NULL into sql.Null: %v %v %v %v", nhm, nids, niym, err)
	}
	if err := db.QueryRowContext(ctx, "SELECT hm, ids, iym FROM tmp_scan WHERE id = 1").Scan(&nhm, &nids, &niym); err != nil || !nhm.Valid || !nids.Valid || niym.V != iym {
		t.Errorf("values into sql.Null: %v %v %v %v", nhm, nids, niym, err)
	}
	if !nhm.V.Time(nil).Equal(hm.Time(nil)) {
		t.Errorf("sql.Null[DateTime] = %v, want %v", nhm.V, hm)
	}
	if columnScanner() && (nhm.V != hm || nids.V != ids) {
		t.Errorf("Go 1.27: sql.Null values %v %v, want %v %v", nhm.V, nids.V, hm, ids)
	}
}
