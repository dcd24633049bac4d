package ifx_test

import (
	"crypto/tls"
	"errors"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

func TestTLS(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv := ifxtest.NewServer(t, ifxtest.Config{TLSAddr: "127.0.0.1:0", NotStrict: true})
	ctx := ctxT(t)
	tlsDSN := strings.Replace(srv.DSN("testdb"), srv.Addr(), srv.TLSAddr(), 1)

	// verify-full with the server's CA, set in code.
	cfg, err := ifx.ParseConfig(tlsDSN + "&tls=verify-full")
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSConfig = &tls.Config{RootCAs: srv.CertPool(), ServerName: "127.0.0.1"}
	c, err := ifx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := c.QueryRow(ctx, "SELECT tabid FROM systables WHERE tabid = 2").Scan(&n); err != nil || n != 2 {
		t.Fatal(n, err)
	}
	c.Close(ctx)

	// tls=require skips verification.
	c, err = ifx.Connect(ctx, tlsDSN+"&tls=require")
	if err != nil {
		t.Fatal(err)
	}
	c.Close(ctx)

	// verify-full against an unknown CA fails; there is no fallback.
	if _, err := ifx.Connect(ctx, tlsDSN+"&tls=verify-full"); err == nil {
		t.Fatal("verify-full with an unknown CA connected")
	}

	// TLS to the plain port.
	_, err = ifx.Connect(ctx, srv.DSN("testdb")+"&tls=require&connect_timeout=0.5")
	var me *ifx.TLSMismatchError
	if !errors.As(err, &me) {
		t.Errorf("TLS to a plain port: %v", err)
	}
	// Plain to the TLS port.
	_, err = ifx.Connect(ctx, tlsDSN+"&connect_timeout=3s")
	if !errors.As(err, &me) {
		t.Errorf("plain to a TLS port: %v", err)
	}
	t.Logf("%v", err)
}
