package ifxtest

import (
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// IDS creates sysmaster with unbuffered logging that cannot be turned off
// (docs/PROTOCOL.md): DBOPEN reports a logged database, and the SQ_BEGIN
// that informix-driver sends before its first statement (autocommit off)
// succeeds there. A database created without a log still refuses it.
func TestSysmasterIsLogged(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	r := c.openDB("sysmaster")
	if r.err != nil || r.done == nil || r.done.Warnings&sqli.DBWarnLogged == 0 || r.done.Warnings&sqli.DBWarnANSI != 0 {
		t.Fatalf("DBOPEN sysmaster: %+v %+v", r.err, r.done)
	}
	if r := c.roundTrip(sqli.Begin{}); r.err != nil {
		t.Fatalf("BEGIN on sysmaster: %+v", r.err)
	}
	if n := countRows(t, c, "SELECT COUNT(*) FROM sysdatabases WHERE name = 'sysmaster' AND is_logging = 1"); n != "1" {
		t.Errorf("sysdatabases says sysmaster is_logging=1 in %s rows", n)
	}
	if r := c.roundTrip(sqli.CommitWork{}); r.err != nil {
		t.Fatalf("COMMIT on sysmaster: %+v", r.err)
	}

	c.exec("CREATE DATABASE nolog")
	r = c.openDB("nolog")
	if r.err != nil || r.done == nil || r.done.Warnings&sqli.DBWarnLogged != 0 {
		t.Fatalf("DBOPEN nolog: %+v %+v", r.err, r.done)
	}
	if r := c.roundTrip(sqli.Begin{}); r.err == nil || r.err.SQLCode != -256 {
		t.Errorf("BEGIN on a database without log: %+v", r.err)
	}
}
