package stdlib_test

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/stdlib"
)

// TestDriverValuesStringsFromSharedBlocks: Rows.Next (database/sql
// before Go 1.27) stores character and DECIMAL values as strings cut from
// the Rows' shared blocks, as Scan does: the same text as before, kept
// intact across later rows and blocks, with no allocation of its own.
func TestDriverValuesStringsFromSharedBlocks(t *testing.T) {
	c := nativeConn(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE texts (id INTEGER, c CHAR(6), v VARCHAR(100), nv NVARCHAR(20), "+
		"lv LVARCHAR(200), d DECIMAL(12,2), f DECIMAL(16), m MONEY(10,2))"); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("0123456789", 7) // longer than a shared block takes
	type row struct {
		id                int
		c, v, nv, lv      any
		d, f, m           any
		wantD, wantF, wmM any
	}
	rows := []row{
		{1, "ab", "héllo wörld", "x", long, 12.5, 1.5e20, -3.25, "12.50", "150000000000000000000", "-3.25"},
		{2, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
		{3, "", "", "", "", 0, -0.125, 0, "0.00", "-0.125", "0.00"},
	}
	for i := 4; i < 400; i++ {
		s := fmt.Sprintf("name%d", i)
		rows = append(rows, row{i, "c", s, "n" + s, "l" + s, float64(i) / 4, i, i, fmt.Sprintf("%d.%02d", i/4, i%4*25),
			fmt.Sprint(i), fmt.Sprintf("%d.00", i)})
	}
	for _, r := range rows {
		if _, err := c.Exec(ctx, "INSERT INTO texts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.id, r.c, r.v, r.nv, r.lv, r.d, r.f, r.m); err != nil {
			t.Fatal(err)
		}
	}
	want := func(r row) []driver.Value {
		pad := func(x any, n int) driver.Value {
			if x == nil {
				return nil
			}
			return fmt.Sprintf("%-*s", n, x)
		}
		val := func(x any) driver.Value { return x }
		return []driver.Value{int64(r.id), pad(r.c, 6), val(r.v), val(r.nv), val(r.lv), r.wantD, r.wantF, r.wmM}
	}
	rs, err := c.Query(ctx, "SELECT * FROM texts ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var got [][]driver.Value
	for rs.Next() {
		dest := make([]driver.Value, 8)
		if err := stdlib.DriverValues(rs, dest); err != nil {
			t.Fatal(err)
		}
		got = append(got, dest)
	}
	if err := rs.Err(); err != nil || len(got) != len(rows) {
		t.Fatalf("%d rows, err %v", len(got), err)
	}
	// Checked after the whole result: a later row or block must not have
	// written over an earlier string.
	for k, r := range rows {
		for i, w := range want(r) {
			if got[k][i] != w {
				t.Errorf("row %d column %d: %#v, want %#v", r.id, i, got[k][i], w)
			}
		}
	}

	// A row of VARCHAR and DECIMAL costs database/sql's boxing of each
	// string and nothing more.
	rs, err = c.Query(ctx, "SELECT v, d FROM texts WHERE id = 7")
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if !rs.Next() {
		t.Fatal(rs.Err())
	}
	d2 := make([]driver.Value, 2)
	if n := testing.AllocsPerRun(100, func() { stdlib.DriverValues(rs, d2) }); n > 2 {
		t.Errorf("%v allocations for VARCHAR, DECIMAL", n)
	}
	if d2[0] != "name7" || d2[1] != "1.75" {
		t.Errorf("%#v", d2)
	}
}
