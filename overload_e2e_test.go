package ifx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
)

// Overloaded SPL functions through the driver: the arguments' types pick
// the routine; DROP of the overloaded name without parameter types is an
// *ifx.Error, with them it drops one.
func TestRoutineOverloadsThroughTheDriver(t *testing.T) {
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, testDSN(t, "testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	drop := func() {
		for _, q := range []string{"DROP FUNCTION IF EXISTS ifx_ovl(INT)", "DROP FUNCTION IF EXISTS ifx_ovl(VARCHAR(10))"} {
			c.Exec(context.Background(), q)
		}
	}
	drop()
	t.Cleanup(drop)
	for _, q := range []string{
		"CREATE FUNCTION ifx_ovl(n INT) RETURNING VARCHAR(20); RETURN 'int ' || n; END FUNCTION",
		"CREATE FUNCTION ifx_ovl(s VARCHAR(10)) RETURNING VARCHAR(20); RETURN 'text ' || s; END FUNCTION",
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, tc := range []struct {
		q    string
		arg  any
		want string
	}{
		{"EXECUTE FUNCTION ifx_ovl(?::INT)", 7, "int 7"},
		{"EXECUTE FUNCTION ifx_ovl(?::VARCHAR(10))", "abc", "text abc"},
		{"SELECT ifx_ovl(tabname) FROM systables WHERE tabid = ?", 1, "text systables"},
	} {
		var got string
		if err := c.QueryRow(ctx, tc.q, tc.arg).Scan(&got); err != nil || got != tc.want {
			t.Fatalf("%s: %q %v, want %q", tc.q, got, err, tc.want)
		}
	}
	_, err = c.Exec(ctx, "DROP FUNCTION ifx_ovl")
	var ie *ifx.Error
	if !errors.As(err, &ie) || ie.SQLCode != -674 {
		t.Fatalf("DROP of an overloaded name: %v, want -674", err)
	}
	if _, err := c.Exec(ctx, "DROP FUNCTION ifx_ovl(INT)"); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := c.QueryRow(ctx, "EXECUTE FUNCTION ifx_ovl('left')").Scan(&got); err != nil || got != "text left" {
		t.Fatalf("after DROP: %q %v", got, err)
	}
}
