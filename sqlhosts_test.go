package ifx_test

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

func writeSQLHosts(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "sqlhosts")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// deadAddr returns a loopback port nothing listens on.
func deadAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestSQLHostsResolvesServerInEveryDSNForm(t *testing.T) {
	clearIfxEnv(t)
	p := writeSQLHosts(t, "g_c group - - i=3\nsrv_a onsoctcp 10.0.0.1 9088 g=g_c\nsrv_b onsoctcp 10.0.0.2 9089 g=g_c\nsolo onsocssl db.example 9090\n")
	for _, dsn := range []string{
		"informix:///db?server=g_c&sqlhosts=" + p,
		"server=g_c sqlhosts=" + p,
		// JDBC's URL without a host, with JDBC's name for the file.
		"jdbc:informix-sqli:///db:INFORMIXSERVER=g_c;SQLH_FILE=" + p,
	} {
		cfg, err := ifx.ParseConfig(dsn)
		if err != nil {
			t.Fatalf("%s: %v", dsn, err)
		}
		want := []ifx.HostPort{{Host: "10.0.0.1", Port: 9088, Server: "srv_a"}, {Host: "10.0.0.2", Port: 9089, Server: "srv_b"}}
		if len(cfg.Hosts) != 2 || cfg.Hosts[0] != want[0] || cfg.Hosts[1] != want[1] {
			t.Fatalf("%s: hosts %+v, want %+v", dsn, cfg.Hosts, want)
		}
		if cfg.Server != "g_c" || cfg.TLSMode != ifx.TLSDisable {
			t.Fatalf("%s: server %q tls %q", dsn, cfg.Server, cfg.TLSMode)
		}
	}
	// INFORMIXSQLHOSTS, and an onsocssl entry turns TLS on.
	t.Setenv("INFORMIXSQLHOSTS", p)
	cfg, err := ifx.ParseConfig("server=solo")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Hosts) != 1 || cfg.Hosts[0].Host != "db.example" || cfg.Hosts[0].Port != 9090 || cfg.TLSMode != ifx.TLSVerifyFull {
		t.Fatalf("solo: %+v tls %s", cfg.Hosts, cfg.TLSMode)
	}
	// A DSN that names a host does not consult sqlhosts.
	cfg, err = ifx.ParseConfig("host=h1 server=g_c")
	if err != nil || len(cfg.Hosts) != 1 || cfg.Hosts[0].Host != "h1" {
		t.Fatalf("named host: %+v %v", cfg, err)
	}
	// A name missing from an explicit file is an error.
	if _, err := ifx.ParseConfig("server=nosuch"); err == nil || !strings.Contains(err.Error(), `"nosuch"`) {
		t.Fatalf("unknown server: %v", err)
	}
}

func TestSQLHostsImplicitFileMissingKeepsDefault(t *testing.T) {
	clearIfxEnv(t)
	t.Setenv("INFORMIXDIR", t.TempDir()) // no etc/sqlhosts in it
	cfg, err := ifx.ParseConfig("server=anything")
	if err != nil || len(cfg.Hosts) != 1 || cfg.Hosts[0].Host != ifx.DefaultHost {
		t.Fatalf("%+v %v", cfg, err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "etc"), 0o700)
	os.WriteFile(filepath.Join(dir, "etc", "sqlhosts"), []byte("anything onsoctcp ifxhost 9099\n"), 0o600)
	t.Setenv("INFORMIXDIR", dir)
	cfg, err = ifx.ParseConfig("server=anything")
	if err != nil || len(cfg.Hosts) != 1 || cfg.Hosts[0].Host != "ifxhost" || cfg.Hosts[0].Port != 9099 {
		t.Fatalf("$INFORMIXDIR/etc/sqlhosts: %+v %v", cfg, err)
	}
}

func TestSQLHostsBadLineFailsTheParseNamingFileAndLine(t *testing.T) {
	clearIfxEnv(t)
	p := writeSQLHosts(t, "ok onsoctcp h 1\n\nbroken onsoctcp h\n")
	_, err := ifx.ParseConfig("server=ok sqlhosts=" + p)
	if err == nil || !strings.Contains(err.Error(), p+":3:") {
		t.Fatalf("error %v, want one naming %s:3", err, p)
	}
}

func TestSQLHostsGroupWithDeadFirstMemberConnectsToTheNext(t *testing.T) {
	clearIfxEnv(t)
	srv := ifxtest.NewServer(t, ifxtest.Config{ServerName: "live_b"})
	dh, dp, _ := net.SplitHostPort(deadAddr(t))
	lh, lp, _ := net.SplitHostPort(srv.Addr())
	p := writeSQLHosts(t, "g_c group - - e=live_b\ndead_a onsoctcp "+dh+" "+dp+" g=g_c\nlive_b onsoctcp "+lh+" "+lp+" g=g_c\n")
	c, err := ifx.Connect(ctxT(t), "user=informix password=in4mix server=g_c sqlhosts="+p)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	if got := c.ServerInfo().Address; got != srv.Addr() {
		t.Fatalf("connected to %s, want %s", got, srv.Addr())
	}
	// The member's own name went to the server: ifxtest refuses any other
	// name with -761, so the group's name would not have logged in.
	if got := c.ServerInfo().Name; got != "live_b" {
		t.Fatalf("server name %q", got)
	}
}

// portOf returns the port of a host:port address.
func portOf(t *testing.T, addr string) uint16 {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.ParseUint(p, 10, 16)
	if err != nil {
		t.Fatal(err)
	}
	return uint16(n)
}
