package ifx_test

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// newPair starts a primary and a read-only secondary sharing one
// database directory (ifxtest's shared-disk cluster).
func newPair(t *testing.T) (prim, sec *ifxtest.Server) {
	t.Helper()
	dir := t.TempDir()
	prim = ifxtest.NewServer(t, ifxtest.Config{DBDir: dir, Role: ifxtest.RolePrimary})
	sec = ifxtest.NewServer(t, ifxtest.Config{DBDir: dir, Role: ifxtest.RoleSecondary})
	return prim, sec
}

func hostsDSN(db, opts string, addrs ...string) string {
	return fmt.Sprintf("informix://informix:in4mix@%s/%s?server=informix%s", strings.Join(addrs, ","), db, opts)
}

func TestTargetSessionAttrsPicksByRole(t *testing.T) {
	prim, sec := newPair(t)
	cases := []struct {
		target   string
		addrs    []string
		want     string
		readOnly bool
		db       string
	}{
		{"any", []string{sec.Addr(), prim.Addr()}, sec.Addr(), true, "testdb"},
		{"read-write", []string{sec.Addr(), prim.Addr()}, prim.Addr(), false, "testdb"},
		{"read-write", []string{sec.Addr(), prim.Addr()}, prim.Addr(), false, ""},
		{"read-only", []string{prim.Addr(), sec.Addr()}, sec.Addr(), true, "testdb"},
		{"read-only", []string{prim.Addr(), sec.Addr()}, sec.Addr(), true, ""},
		{"prefer-standby", []string{prim.Addr(), sec.Addr()}, sec.Addr(), true, "testdb"},
		{"prefer-standby", []string{prim.Addr()}, prim.Addr(), false, "testdb"},
		{"primary", []string{sec.Addr(), prim.Addr()}, prim.Addr(), false, "testdb"},
	}
	for _, tc := range cases {
		t.Run(tc.target+"/"+tc.db, func(t *testing.T) {
			c, err := ifx.Connect(ctxT(t), hostsDSN(tc.db, "&target_session_attrs="+tc.target, tc.addrs...))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close(ctxT(t))
			si := c.ServerInfo()
			if si.Address != tc.want || si.ReadOnly != tc.readOnly {
				t.Fatalf("connected to %s (read-only %v), want %s (%v)", si.Address, si.ReadOnly, tc.want, tc.readOnly)
			}
			if db := c.DatabaseInfo(); db.Open != (tc.db != "") {
				t.Fatalf("database open %v after learning the role (DSN database %q)", db.Open, tc.db)
			}
			// The connection works: the role probe left no state behind.
			if err := c.Ping(ctxT(t)); err != nil && tc.db != "" {
				t.Fatal(err)
			}
		})
	}
}

func TestTargetSessionAttrsWithoutFittingServer(t *testing.T) {
	prim, sec := newPair(t)
	_, err := ifx.Connect(ctxT(t), hostsDSN("testdb", "&target_session_attrs=read-write", sec.Addr()))
	var we *ifx.WrongRoleError
	if !errors.As(err, &we) || !we.ReadOnly {
		t.Fatalf("read-write against a lone secondary: %v, want WrongRoleError", err)
	}
	_, err = ifx.Connect(ctxT(t), hostsDSN("testdb", "&target_session_attrs=read-only", prim.Addr()))
	if !errors.As(err, &we) || we.ReadOnly {
		t.Fatalf("read-only against a lone primary: %v, want WrongRoleError", err)
	}
	// Every refused server was logged out of.
	waitClosed(t, prim)
	waitClosed(t, sec)
}

// waitClosed waits until every connection to s has ended.
func waitClosed(t *testing.T, s *ifxtest.Server) {
	t.Helper()
	for i := 0; i < 200; i++ {
		open := 0
		for _, st := range s.Stats() {
			if !st.Closed {
				open++
			}
		}
		if open == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("connections to %s left open", s.Addr())
}

func TestTargetSessionAttrsInEveryDSNForm(t *testing.T) {
	for _, dsn := range []string{
		"informix://u@h/db?target_session_attrs=read-write",
		"host=h user=u target_session_attrs=read-write",
		"jdbc:informix-sqli://h:9088/db:INFORMIXSERVER=s;user=u;target_session_attrs=read-write",
	} {
		cfg, err := ifx.ParseConfig(dsn)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.TargetSessionAttrs != ifx.TargetReadWrite {
			t.Errorf("%s: %q", dsn, cfg.TargetSessionAttrs)
		}
	}
	cfg, err := ifx.ParseConfig("informix://u@h/db")
	if err != nil || cfg.TargetSessionAttrs != ifx.TargetAny {
		t.Fatalf("default: %v %q", err, cfg.TargetSessionAttrs)
	}
	if _, err := ifx.ParseConfig("informix://u@h/db?target_session_attrs=standby-ish"); err == nil {
		t.Fatal("an unknown target_session_attrs was accepted")
	}
}

// JDBC's HDR properties add the secondary, under its own server name,
// after the primary.
func TestJDBCHDRSwitchAddsTheSecondary(t *testing.T) {
	cfg, err := ifx.ParseConfig("jdbc:informix-sqli://pri:9088/db:INFORMIXSERVER=srv_a;user=u;ENABLE_HDRSWITCH=true;INFORMIXSERVER_SECONDARY=srv_b;IFXHOST_SECONDARY=sec;PORTNO_SECONDARY=9090")
	if err != nil {
		t.Fatal(err)
	}
	want := []ifx.HostPort{{Host: "pri", Port: 9088}, {Host: "sec", Port: 9090, Server: "srv_b"}}
	if fmt.Sprint(cfg.Hosts) != fmt.Sprint(want) {
		t.Fatalf("hosts %v, want %v", cfg.Hosts, want)
	}
	// Switch off, or incomplete: nothing added, or a clear error.
	cfg, err = ifx.ParseConfig("jdbc:informix-sqli://pri:9088/db:INFORMIXSERVER=srv_a;ENABLE_HDRSWITCH=false;INFORMIXSERVER_SECONDARY=srv_b;PORTNO_SECONDARY=9090")
	if err != nil || len(cfg.Hosts) != 1 {
		t.Fatalf("ENABLE_HDRSWITCH=false: %v %v", err, cfg.Hosts)
	}
	if _, err := ifx.ParseConfig("jdbc:informix-sqli://pri:9088/db:INFORMIXSERVER=srv_a;ENABLE_HDRSWITCH=true;PORTNO_SECONDARY=9090"); err == nil || !strings.Contains(err.Error(), "INFORMIXSERVER_SECONDARY") {
		t.Fatalf("no secondary name: %v", err)
	}

	// Against a dead primary, the connection lands on the secondary.
	sec := ifxtest.NewServer(t, ifxtest.Config{ServerName: "srv_b"})
	h, p, _ := net.SplitHostPort(sec.Addr())
	dead := deadAddr(t)
	c, err := ifx.Connect(ctxT(t), "jdbc:informix-sqli://"+dead+"/testdb:INFORMIXSERVER=srv_a;user=informix;password=in4mix;ENABLE_HDRSWITCH=true;INFORMIXSERVER_SECONDARY=srv_b;IFXHOST_SECONDARY="+h+";PORTNO_SECONDARY="+p)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	if si := c.ServerInfo(); si.Name != "srv_b" || si.Address != sec.Addr() {
		t.Fatalf("connected to %+v", si)
	}
}

// A sqlhosts group of a dead member, a secondary and a primary, each
// with its own name: read-write skips the first two, read-only stops at
// the secondary.
func TestTargetSessionAttrsThroughSQLHostsGroup(t *testing.T) {
	clearIfxEnv(t)
	dir := t.TempDir()
	prim := ifxtest.NewServer(t, ifxtest.Config{DBDir: dir, Role: ifxtest.RolePrimary, ServerName: "ol_a"})
	sec := ifxtest.NewServer(t, ifxtest.Config{DBDir: dir, Role: ifxtest.RoleSecondary, ServerName: "ol_b"})
	dh, dp, _ := net.SplitHostPort(deadAddr(t))
	sh, sp, _ := net.SplitHostPort(sec.Addr())
	ph, pp, _ := net.SplitHostPort(prim.Addr())
	file := writeSQLHosts(t, "g_ha group - - i=1\nol_dead onsoctcp "+dh+" "+dp+" g=g_ha\nol_b onsoctcp "+sh+" "+sp+" g=g_ha\nol_a onsoctcp "+ph+" "+pp+" g=g_ha\n")
	for _, tc := range []struct{ target, name string }{{"read-write", "ol_a"}, {"read-only", "ol_b"}, {"prefer-standby", "ol_b"}} {
		c, err := ifx.Connect(ctxT(t), "user=informix password=in4mix database=testdb server=g_ha sqlhosts="+file+" target_session_attrs="+tc.target)
		if err != nil {
			t.Fatalf("%s: %v", tc.target, err)
		}
		if got := c.ServerInfo().Name; got != tc.name {
			t.Errorf("%s: connected to %s, want %s", tc.target, got, tc.name)
		}
		c.Close(ctxT(t))
	}
}
