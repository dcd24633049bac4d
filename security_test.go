package ifx_test

// Security tests: TLS is verify-full by default with no silent fall
// back to plain text; the password never shows in Config's or any
// error's formatting; arguments are always bound, never spliced into
// SQL; the test server listens on loopback only unless told otherwise.

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// secretPassword is a password that appears nowhere else.
const secretPassword = "S3cr3t-Pw-7f1a9"

// formatAll renders v every way fmt can, and, for an error, every error
// in its chain too.
func formatAll(v any) string {
	var b strings.Builder
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		fmt.Fprintf(&b, f+"\n", v)
	}
	if err, ok := v.(error); ok {
		b.WriteString(err.Error())
		var walk func(error)
		seen := 0
		walk = func(e error) {
			if e == nil || seen > 50 {
				return
			}
			seen++
			fmt.Fprintf(&b, "%v %+v %#v\n", e, e, e)
			if rv := reflect.ValueOf(e); rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Elem().Kind() == reflect.Struct {
				fmt.Fprintf(&b, "%#v\n", rv.Elem().Interface())
			}
			switch u := e.(type) {
			case interface{ Unwrap() error }:
				walk(u.Unwrap())
			case interface{ Unwrap() []error }:
				for _, x := range u.Unwrap() {
					walk(x)
				}
			}
		}
		walk(err)
	}
	return b.String()
}

// TestSecurityPasswordNeverShown checks Config's String and every fmt
// verb on Config (pointer and value), ParseConfigError for broken DSNs
// of all three forms, and the error of every kind of failed connect:
// rejected password, wrong server name, unknown database, closed port,
// TLS mismatch both ways, an untrusted certificate, garbage from the
// server, a server that hangs up or stalls during the login, and a
// cancelled login.
func TestSecurityPasswordNeverShown(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	check := func(what string, v any) {
		t.Helper()
		if s := formatAll(v); strings.Contains(s, secretPassword) {
			t.Errorf("%s shows the password:\n%s", what, s)
		}
	}

	// Config, parsed from each DSN form.
	for _, dsn := range []string{
		"informix://informix:" + secretPassword + "@h:9088/db?server=s",
		"host=h port=9088 server=s user=informix password='" + secretPassword + "'",
		"jdbc:informix-sqli://h:9088/db:INFORMIXSERVER=s;user=informix;password=" + secretPassword,
		"informix://informix@h/db?password=" + secretPassword,
	} {
		cfg, err := ifx.ParseConfig(dsn)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Password != secretPassword {
			t.Fatalf("%q: password %q", dsn, cfg.Password)
		}
		check("Config "+dsn, cfg)
		check("Config value "+dsn, *cfg)
		check("Config.String "+dsn, cfg.String())
		check("Config.Copy "+dsn, cfg.Copy())
	}

	// ParseConfigError for broken DSNs.
	for _, dsn := range []string{
		"informix://informix:" + secretPassword + "@h:notaport/db",
		"informix://informix:" + secretPassword + "%zz@h/db",
		"informix://informix:" + secretPassword + "@h/db?x=%zz",
		"informix://informix@h/db?password=" + secretPassword + "%zz",
		"host=h port=x password='" + secretPassword + "'",
		"host=h password='" + secretPassword,
		"password=" + secretPassword + " port=99999",
		"jdbc:informix-sqli://h:9088/db:password=" + secretPassword + ";tls=nonsense",
		"jdbc:informix-sqli://[h:9088/db:password=" + secretPassword,
		"informix://informix:" + secretPassword + "@h/db?client_locale=xx.nosuch",
	} {
		_, err := ifx.ParseConfig(dsn)
		if err == nil {
			t.Errorf("%q parsed", dsn)
			continue
		}
		check("ParseConfigError for "+dsn, err)
	}

	// Every kind of failed connect.
	srv := ifxtest.NewServer(t, ifxtest.Config{TLSAddr: "127.0.0.1:0", NotStrict: true, Password: secretPassword})
	garble := ifxtest.NewServer(t, ifxtest.Config{Password: secretPassword, NotStrict: true, Faults: ifxtest.Faults{GarbleAfterGroups: 1}})
	stall := ifxtest.NewServer(t, ifxtest.Config{Password: secretPassword, NotStrict: true, Faults: ifxtest.Faults{StallAfterGroups: 2}})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closedPort := ln.Addr().String()
	ln.Close()
	p := newFaultProxy(t, srv.Addr())
	p.SetRule(&faultproxy.Rule{Dir: faultproxy.ServerToClient, After: 100, Action: faultproxy.Kill})
	good := srv.DSN("testdb")
	tlsDSN := strings.Replace(good, srv.Addr(), srv.TLSAddr(), 1)
	attempts := map[string]string{
		"wrong password":    strings.Replace(good, ":"+secretPassword+"@", ":"+secretPassword+"x@", 1),
		"wrong server":      strings.Replace(good, "server=informix", "server=other", 1),
		"unknown database":  strings.Replace(good, "/testdb?", "/nodb?", 1),
		"closed port":       strings.Replace(good, srv.Addr(), closedPort, 1),
		"TLS to plain":      good + "&tls=require&connect_timeout=2s",
		"plain to TLS":      tlsDSN + "&connect_timeout=2s",
		"untrusted cert":    tlsDSN + "&tls=verify-full",
		"garbage":           garble.DSN("testdb"),
		"killed in login":   faultProxyDSN(srv, p, "testdb"),
		"stalled in login":  stall.DSN("testdb") + "&connect_timeout=300ms&interrupt_wait=100ms",
		"cancelled context": good,
	}
	for name, dsn := range attempts {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if name == "cancelled context" {
			cancel()
		}
		c, err := ifx.Connect(ctx, dsn)
		cancel()
		if err == nil {
			c.Close(context.Background())
			t.Errorf("%s: connected", name)
			continue
		}
		check(name, err)
		t.Logf("%-18s %v", name, err)
	}

	// Errors of a live connection: a statement error, a bind error, a
	// scan error, a protocol error.
	c, err := ifx.Connect(ctxT(t), good)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	_, err = c.Exec(ctxT(t), "SELECT nosuch FROM nowhere")
	check("statement error", err)
	_, err = c.Exec(ctxT(t), "SELECT tabid FROM systables WHERE tabid = ?", struct{}{})
	check("bind error", err)
	var m map[string]int
	err = c.QueryRow(ctxT(t), "SELECT tabname FROM systables WHERE tabid = 1").Scan(&m)
	check("scan error", err)
	check("Conn.Config", c.Config())
}

// TestSecurityTLSNoDowngrade: with TLS asked for in any way, the mode is
// verify-full unless a weaker one is named, and a plain-text server is
// an error — never a plain-text session. A tls=disable DSN to a TLS port
// fails too, instead of sending the password in clear to a server that
// expects TLS.
func TestSecurityTLSNoDowngrade(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	for dsn, want := range map[string]ifx.TLSMode{
		"informix://u@h/db?tls=true":                       ifx.TLSVerifyFull,
		"informix://u@h/db?tls=verify-full":                ifx.TLSVerifyFull,
		"informix://u@h/db?tls_ca=/nonexistent/ca.pem":     ifx.TLSVerifyFull,
		"host=h tls=true":                                  ifx.TLSVerifyFull,
		"jdbc:informix-sqli://h:1/db:ENCRYPT=true;user=u":  ifx.TLSVerifyFull,
		"informix://u@h/db":                                ifx.TLSDisable,
		"informix://u@h/db?tls=require":                    ifx.TLSRequire,
		"informix://u@h/db?tls_cert=/c.pem&tls_key=/k.pem": ifx.TLSVerifyFull,
		"informix://u@h/db?tls=verify-ca&tls_ca=/x/ca.pem": ifx.TLSVerifyCA,
	} {
		cfg, err := ifx.ParseConfig(dsn)
		if err != nil {
			t.Errorf("%s: %v", dsn, err)
			continue
		}
		if cfg.TLSMode != want {
			t.Errorf("%s: TLS mode %q, want %q", dsn, cfg.TLSMode, want)
		}
	}
	if _, err := ifx.ParseConfig("informix://u@h/db?tls=sometimes"); err == nil {
		t.Error("an unknown TLS mode was accepted")
	}

	// A plain server: every TLS mode fails, and the server never sees a
	// plain-text login (no request group reaches it).
	srv := ifxtest.NewServer(t, ifxtest.Config{NotStrict: true})
	for _, mode := range []string{"true", "verify-full", "verify-ca", "require"} {
		cfg, err := ifx.ParseConfig(srv.DSN("testdb") + "&tls=" + mode + "&connect_timeout=1s")
		if err != nil {
			t.Fatal(err)
		}
		var dialed []net.Conn
		var mu sync.Mutex
		cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
			nc, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			mu.Lock()
			dialed = append(dialed, nc)
			mu.Unlock()
			return nc, err
		}
		c, err := ifx.ConnectConfig(ctxT(t), cfg)
		if err == nil {
			c.Close(ctxT(t))
			t.Errorf("tls=%s connected to a plain server", mode)
			continue
		}
		if len(dialed) != 1 {
			t.Errorf("tls=%s: %d connections dialed (a retry in plain text?)", mode, len(dialed))
		}
	}
	for _, st := range srv.Stats() {
		if st.RequestGroups > 0 || st.User != "" {
			t.Errorf("the plain server saw a login: %+v", st)
		}
	}

	// The right CA but a certificate for another name: verify-full
	// checks the name.
	tsrv := ifxtest.NewServer(t, ifxtest.Config{TLSAddr: "127.0.0.1:0", NotStrict: true})
	tlsDSN := strings.Replace(tsrv.DSN("testdb"), tsrv.Addr(), tsrv.TLSAddr(), 1)
	cfg, _ := ifx.ParseConfig(tlsDSN + "&tls=verify-full")
	cfg.TLSConfig = &tls.Config{RootCAs: tsrv.CertPool(), ServerName: "not-this-host.example"}
	if c, err := ifx.ConnectConfig(ctxT(t), cfg); err == nil {
		c.Close(ctxT(t))
		t.Error("verify-full accepted a certificate for another host name")
	}
	// …and with the name right, it connects.
	cfg.TLSConfig.ServerName = "127.0.0.1"
	c, err := ifx.ConnectConfig(ctxT(t), cfg)
	if err != nil {
		t.Fatalf("verify-full with the right CA and name: %v", err)
	}
	c.Close(ctxT(t))
}

// TestSecurityArgumentsAreBound sends hostile strings as arguments: each
// must round-trip as data, and the table must survive. The driver sends
// arguments in SQ_BIND, never in the SQL text.
func TestSecurityArgumentsAreBound(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE victim (id INTEGER, s LVARCHAR(4000))"); err != nil {
		t.Fatal(err)
	}
	hostile := []string{
		"'); DROP TABLE victim; --",
		"x' OR '1'='1",
		"?", "??", "'?'", "-- ?", "/* ? */", "{ ? }",
		`\'; DELETE FROM victim; --`,
		"'' ; UPDATE victim SET s = 'pwned'",
		"\x01'\"`;", // not \x00: character data ends at a NUL (docs/PROTOCOL.md)
		strings.Repeat("'", 1000),
	}
	for i, s := range hostile {
		if _, err := c.Exec(ctx, "INSERT INTO victim VALUES (?, ?)", i, s); err != nil {
			t.Fatalf("insert %q: %v", s, err)
		}
	}
	for i, s := range hostile {
		var got string
		if err := c.QueryRow(ctx, "SELECT s FROM victim WHERE id = ? AND s = ?", i, s).Scan(&got); err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		if got != s {
			t.Errorf("round trip: got %q, want %q", got, s)
		}
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM victim WHERE s <> 'pwned'").Scan(&n); err != nil || n != len(hostile) {
		t.Fatalf("victim holds %d intact rows (%v), want %d", n, err, len(hostile))
	}
	// A '?' inside a literal or comment is not a placeholder, so an
	// argument count mismatch is reported before anything is sent.
	if _, err := c.Exec(ctx, "SELECT '?' FROM victim WHERE id = ?", 1, 2); err == nil {
		t.Error("two arguments for one placeholder were accepted")
	}
}

// TestSecurityTestServerLoopbackOnly: ifxtest listens on 127.0.0.1 by
// default (plain and TLS), never on all interfaces.
func TestSecurityTestServerLoopbackOnly(t *testing.T) {
	srv := ifxtest.NewServer(t, ifxtest.Config{TLSAddr: "127.0.0.1:0"})
	if got := srv.Config().Addr; got != "127.0.0.1:0" {
		t.Errorf("default Addr %q, want 127.0.0.1:0", got)
	}
	for _, a := range []string{srv.Addr(), srv.TLSAddr()} {
		host, _, err := net.SplitHostPort(a)
		if err != nil {
			t.Fatal(err)
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			t.Errorf("listening on %s, not loopback", a)
		}
	}
	var zero ifxtest.Config
	if zero.Addr != "" {
		t.Fatal("zero Config has an address")
	}
	s2, err := ifxtest.Start(zero)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if host, _, _ := net.SplitHostPort(s2.Addr()); host != "127.0.0.1" {
		t.Errorf("Start with a zero Config listens on %s", s2.Addr())
	}
	_ = errors.New
}

// TestSecurityRedactDSNRegressions are the inputs fuzzing found
// (testdata/fuzz/FuzzParseConfigSecrets/regress-*):
//   - a DSN with invalid UTF-8 made the password masker panic (it
//     indexed the DSN with offsets found in strings.ToLower of it, whose
//     length differs), so a malformed DSN crashed ParseConfig;
//   - a URL password with a raw '?' (or '/') broke the URL, and the
//     error showed the password, because only the authority before the
//     first '/' or '?' was searched for "user:password@".
func TestSecurityRedactDSNRegressions(t *testing.T) {
	for _, dsn := range []string{
		"\x88\xf8\x93 host=h password='" + secretPassword + "' 0",
		"\xc4\xb0 password=" + secretPassword + " port=x",
		"informix://u:" + secretPassword + "?x@h/db",
		"informix://u:" + secretPassword + "/x@h:notaport/db",
		"informix://u:" + secretPassword + "#x@h:notaport/db",
		// A raw '/' in the password moved the rest of it into the path,
		// where it parsed as the database name for host "u": it would
		// have been sent to that host (FuzzParseConfigSecrets
		// b39d6e3d44d4abbb).
		"informix://u:/" + secretPassword + "@h0/db",
		"informix://u:x/" + secretPassword + "@h0:9088/db?server=s",
	} {
		var err error
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("ParseConfig panicked on %q: %v", dsn, r)
				}
			}()
			_, err = ifx.ParseConfig(dsn)
		}()
		if err == nil {
			t.Errorf("%q parsed", dsn)
			continue
		}
		if strings.Contains(formatAll(err), secretPassword) {
			t.Errorf("%q: the error shows the password: %v", dsn, err)
		}
	}
}
