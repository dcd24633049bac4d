//go:build go1.27

package stdlib_test

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/stdlib"
)

// nullRow is one row of TestScanColumnNullWrappersTakePlannedOps in the
// sql.Null wrappers code over database/sql scans nullable columns into.
type nullRow struct {
	id   sql.NullInt32
	big  sql.NullInt64
	name sql.NullString
	amt  sql.Null[ifxtype.Decimal]
	ts   sql.NullTime
}

func (r *nullRow) dest() []any { return []any{&r.id, &r.big, &r.name, &r.amt, &r.ts} }

// TestScanColumnNullWrappersTakePlannedOps: a result whose first row is
// scanned into sql.Null wrappers gets each column's op planned for the
// wrapper's value field, so that a non-NULL value costs what it costs in a
// typed destination (no allocation for a string either), NULL still
// clears Valid, and a later row may switch to typed destinations.
func TestScanColumnNullWrappersTakePlannedOps(t *testing.T) {
	db, _ := newDB(t)
	ctx := ctxT(t)
	table(t, db, "nullwrap", "(id INTEGER, big BIGINT, name VARCHAR(32), amt DECIMAL(12,2), ts DATETIME YEAR TO SECOND)")
	const n = 400
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	isNull := func(k int) bool { return k%7 == 3 } // row 3 is NULL: the first row is not
	for k := 1; k <= n; k++ {
		args := []any{k, nil, nil, nil, nil}
		if !isNull(k) {
			args = []any{k, int64(k) * 1_000_000_000, fmt.Sprintf("name%d", k), mustDec(t, fmt.Sprintf("%d.25", k)),
				base.Add(time.Duration(k) * time.Second)}
		}
		if _, err := db.ExecContext(ctx, "INSERT INTO nullwrap VALUES (?, ?, ?, ?, ?)", args...); err != nil {
			t.Fatal(err)
		}
	}
	const q = "SELECT * FROM nullwrap ORDER BY id"
	check := func(k int, r *nullRow) {
		t.Helper()
		if isNull(k) {
			if !r.id.Valid || r.big.Valid || r.name.Valid || r.amt.Valid || r.ts.Valid {
				t.Fatalf("row %d, NULL: %+v", k, r)
			}
			return
		}
		if !r.id.Valid || int(r.id.Int32) != k || !r.big.Valid || r.big.Int64 != int64(k)*1_000_000_000 ||
			!r.name.Valid || r.name.String != fmt.Sprintf("name%d", k) ||
			!r.amt.Valid || r.amt.V.String() != fmt.Sprintf("%d.25", k) ||
			!r.ts.Valid || !r.ts.Time.Equal(base.Add(time.Duration(k)*time.Second)) {
			t.Fatalf("row %d: %+v", k, r)
		}
	}

	// The ops are planned for the value fields: the planned op itself
	// stores an *int32, *int64, *string, *ifxtype.Decimal, *time.Time.
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	err = sc.Raw(func(dc any) error {
		dr, err := dc.(driver.QueryerContext).QueryContext(ctx, q, nil)
		if err != nil {
			return err
		}
		defer dr.Close()
		r := dr.(*stdlib.Rows)
		var row nullRow
		for k := 1; k <= 2; k++ {
			if err := r.NextRow(); err != nil {
				return err
			}
			for i, d := range row.dest() {
				if err := r.ScanColumn(driver.ScanContext{}, i, d); err != nil {
					return err
				}
			}
			check(k, &row)
		}
		var (
			id   int32
			big  int64
			name string
			amt  ifxtype.Decimal
			ts   time.Time
		)
		for i, d := range []any{&id, &big, &name, &amt, &ts} {
			if !stdlib.ScanColumnFast(r.Native(), i, d) {
				t.Errorf("column %d: no planned op for %T", i, d)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Through database/sql: every row right, NULLs included; a row's
	// Scan allocates nothing. (Only Scan is counted: the test server's
	// work behind Next runs in this process.)
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var row nullRow
	dest := row.dest()
	k := 0
	next := func() {
		if !rows.Next() {
			t.Fatalf("row %d: %v", k+1, rows.Err())
		}
		k++
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		check(k, &row)
	}
	for k < 200 {
		next()
	}
	if a := testing.AllocsPerRun(200, func() { rows.Scan(dest...) }); a != 0 {
		t.Errorf("%v allocations per Scan into sql.Null wrappers", a)
	}
	check(k, &row)
	// Typed destinations after wrappers: the same planned ops.
	var (
		id   int32
		name string
	)
	for rows.Next() {
		k++
		var big sql.NullInt64
		if err := rows.Scan(&id, &big, &name, &row.amt, &row.ts); err != nil {
			if isNull(k) {
				continue // NULL into *string: database/sql's error
			}
			t.Fatalf("row %d: %v", k, err)
		}
		if int(id) != k || !isNull(k) && (name != fmt.Sprintf("name%d", k) || big.Int64 != int64(k)*1_000_000_000) {
			t.Fatalf("row %d: %d %v %q", k, id, big, name)
		}
	}
	if err := rows.Err(); err != nil || k != n {
		t.Fatalf("%d rows: %v", k, err)
	}
}
