package ifxtest

import (
	"strings"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// Config.SPLMaxStatements and Config.SPLMaxDepth reach the engine: a
// routine that runs within the defaults fails with -746 naming the limit
// once the server is configured lower.
func TestSPLLimitsFromConfig(t *testing.T) {
	setup := []string{
		"CREATE PROCEDURE spin_to(n INT) DEFINE i INT; FOR i = 1 TO n END FOR; END PROCEDURE",
		"CREATE PROCEDURE dive(n INT) IF n > 0 THEN CALL dive(n - 1); END IF; END PROCEDURE",
	}
	calls := []struct{ sql, limit string }{
		{"EXECUTE PROCEDURE spin_to(1000)", "SPLMaxStatements"},
		{"EXECUTE PROCEDURE dive(20)", "SPLMaxDepth"},
	}
	for _, tc := range []struct {
		name    string
		cfg     Config
		limited bool
	}{
		{"defaults", Config{}, false},
		{"configured", Config{SPLMaxStatements: 500, SPLMaxDepth: 10}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := NewServer(t, tc.cfg)
			c := dialWire(t, srv.Addr())
			c.login(sqli.JDBCOffer)
			c.openDB("testdb")
			for _, q := range setup {
				c.exec(q)
			}
			for _, call := range calls {
				e := c.execErr(call.sql)
				switch {
				case !tc.limited && e != nil:
					t.Fatalf("%s: SQLCODE %d near %q, want success", call.sql, e.SQLCode, e.Near)
				case tc.limited && (e == nil || e.SQLCode != -746 || !strings.Contains(e.Near, call.limit)):
					t.Fatalf("%s: %+v, want -746 naming %s", call.sql, e, call.limit)
				}
			}
		})
	}
}
