package ifxtest

import (
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// CLOSE or RELEASE naming a statement already released gets -267 and the
// connection goes on, as on IDS (informix-driver's
// test_stale_queued_cleanup_does_not_kill_the_connection): a client
// mistake, not a protocol violation. Other actions on such an id still are.
func TestStaleCleanupIsAnError(t *testing.T) {
	// Strict, but not through NewServer, which fails the test on any
	// violation: one is expected at the end.
	srv, err := Start(Config{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	r := c.roundTrip(&sqli.Prepare{SQL: "SELECT FIRST 1 tabid FROM systables"}, sqli.NDescribe{}, sqli.WantDone{})
	id := &sqli.ID{StatementID: r.describe.StmtID}
	c.roundTrip(id, sqli.Release{})
	for _, m := range []sqli.Message{sqli.Close{}, sqli.Release{}} {
		if r := c.roundTrip(id, m); r.err == nil || r.err.SQLCode != -267 {
			t.Errorf("%v of a released statement: %+v", m.Tag(), r.err)
		}
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Errorf("stale cleanup reported as violations: %v", v)
	}
	if n := countRows(t, c, "SELECT COUNT(*) FROM systables WHERE tabid = 1"); n != "1" {
		t.Errorf("connection after stale cleanup: %s", n)
	}
	if r := c.roundTrip(id, sqli.Open{}); r.err == nil || r.err.SQLCode != -410 {
		t.Errorf("OPEN of a released statement: %+v", r.err)
	}
	if v := srv.Violations(); len(v) != 1 {
		t.Errorf("OPEN of a released statement: violations %v", v)
	}
}
