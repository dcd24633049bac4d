package ifxtest

import (
	"strings"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// A secondary sharing its primary's DBDir reads what the primary
// committed, reports itself read-only in the DBOPEN reply, refuses every
// write with IDS's error and ISAM -140, and takes writes once promoted.
func TestSecondaryRefusesWritesUntilPromoted(t *testing.T) {
	dir := t.TempDir()
	prim := NewServer(t, Config{DBDir: dir, Role: RolePrimary})
	sec := NewServer(t, Config{DBDir: dir, Role: "secondary"})
	if prim.Role() != RolePrimary || sec.Role() != RoleSecondary {
		t.Fatalf("roles %s, %s", prim.Role(), sec.Role())
	}

	p := dialWire(t, prim.Addr())
	p.login(sqli.JDBCOffer)
	if r := p.openDB("testdb"); r.err != nil || r.done.Warnings&sqli.DBWarnReadOnly != 0 {
		t.Fatalf("primary DBOPEN: %+v %+v", r.err, r.done)
	}
	p.exec("CREATE TABLE ha_t (id SERIAL, v INT)")
	p.exec("INSERT INTO ha_t (v) VALUES (10)")

	s := dialWire(t, sec.Addr())
	s.login(sqli.JDBCOffer)
	r := s.openDB("testdb")
	if r.err != nil || r.done.Warnings&sqli.DBWarnReadOnly == 0 {
		t.Fatalf("secondary DBOPEN: %+v, want the read-only warning (32)", r.done)
	}
	if got := countRows(t, s, "SELECT v FROM ha_t"); strings.TrimSpace(got) == "" {
		t.Fatal("the secondary does not see the primary's committed row")
	}
	for _, tc := range []struct {
		sql  string
		code int32
	}{
		{"INSERT INTO ha_t (v) VALUES (11)", -271},
		{"UPDATE ha_t SET v = 12", -346},
		{"DELETE FROM ha_t WHERE v = 10", -240},
		{"CREATE TABLE ha_u (i INT)", -26097},
		{"DROP TABLE ha_t", -26097},
	} {
		e := s.execErr(tc.sql)
		if e == nil || e.SQLCode != tc.code || e.ISAMCode != isamDRSecondary {
			t.Errorf("%s on the secondary: %+v, want %d with ISAM -140", tc.sql, e, tc.code)
		}
	}
	if err := prim.Promote(); err == nil {
		t.Error("promoting a primary succeeded")
	}

	prim.Close() // the primary dies
	if err := sec.Promote(); err != nil {
		t.Fatal(err)
	}
	if sec.Role() != RolePrimary {
		t.Fatalf("role after Promote: %s", sec.Role())
	}
	s2 := dialWire(t, sec.Addr())
	s2.login(sqli.JDBCOffer)
	if r := s2.openDB("testdb"); r.err != nil || r.done.Warnings&sqli.DBWarnReadOnly != 0 {
		t.Fatalf("promoted DBOPEN: %+v", r.done)
	}
	ins := s2.exec("INSERT INTO ha_t (v) VALUES (13)")
	if ins.done.Serial != 2 {
		t.Errorf("SERIAL after promotion: %d, want 2 (the primary used 1)", ins.done.Serial)
	}
	if e := s.execErr("UPDATE ha_t SET v = 14 WHERE v = 13"); e != nil {
		t.Errorf("write on a session opened before the promotion: %+v", e)
	}
}

func TestRoleConfigRefusesUnknown(t *testing.T) {
	if _, err := Start(Config{Role: "tertiary"}); err == nil || !strings.Contains(err.Error(), "tertiary") {
		t.Fatalf("Role tertiary: %v", err)
	}
}
