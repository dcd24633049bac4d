package ifx_test

import (
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
)

// TestDelimIdentFromLogin: with env.DELIMIDENT=y a double-quoted name is
// a delimited identifier, without it a string (IBM: DELIMIDENT
// environment variable).
func TestDelimIdentFromLogin(t *testing.T) {
	dsn := testDSN(t, "testdb")
	ctx := ctxT(t)
	for _, tc := range []struct {
		dsn  string
		want any
	}{{dsn, "a"}, {dsn + "&env.DELIMIDENT=y", int32(7)}} {
		c, err := ifx.Connect(ctx, tc.dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		freshTable(t, c, "delim", "a INTEGER")
		if _, err := c.Exec(ctx, "INSERT INTO delim VALUES (7)"); err != nil {
			t.Fatal(err)
		}
		var got any
		if err := c.QueryRow(ctx, `SELECT "a" FROM delim`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("%s: got %#v, want %#v", tc.dsn, got, tc.want)
		}
	}
}

// TestDBServerName: DBSERVERNAME and SITENAME give the server's name.
func TestDBServerName(t *testing.T) {
	dsn := testDSN(t, "testdb")
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	c := connect(t, "testdb")
	for _, kw := range []string{"DBSERVERNAME", "SITENAME"} {
		var got string
		if err := c.QueryRow(ctxT(t), "SELECT "+kw+" FROM systables WHERE tabid = 1").Scan(&got); err != nil {
			t.Fatalf("%s: %v", kw, err)
		}
		if strings.TrimSpace(got) != cfg.Server {
			t.Errorf("%s = %q, want %q", kw, got, cfg.Server)
		}
	}
}
