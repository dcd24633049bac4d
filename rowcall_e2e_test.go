package ifx_test

import (
	"context"
	"testing"

	"github.com/ifxgo/ifx"
)

// A user SPL function whose arguments are columns is called for each row,
// in the select list and in WHERE, through the driver.
func TestUserFunctionPerRowThroughTheDriver(t *testing.T) {
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, testDSN(t, "testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	cleanup := []string{"DROP TABLE IF EXISTS ifx_rowcall_t", "DROP FUNCTION IF EXISTS ifx_rowcall_sq"}
	for _, q := range cleanup {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, q := range cleanup {
			c.Exec(context.Background(), q)
		}
	})
	for _, q := range []string{
		"CREATE TABLE ifx_rowcall_t (n INT)",
		"INSERT INTO ifx_rowcall_t SELECT value FROM TABLE(ifx_generate(5)) AS g(value)",
		"CREATE FUNCTION ifx_rowcall_sq(n INT) RETURNING INT; RETURN n * n; END FUNCTION",
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	rows, err := c.Query(ctx, "SELECT n, ifx_rowcall_sq(n) FROM ifx_rowcall_t WHERE ifx_rowcall_sq(n) > ? ORDER BY n", 4)
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]int
	for rows.Next() {
		var n, sq int
		if err := rows.Scan(&n, &sq); err != nil {
			t.Fatal(err)
		}
		got = append(got, [2]int{n, sq})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{3, 9}, {4, 16}, {5, 25}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}
