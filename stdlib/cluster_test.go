package stdlib_test

import (
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/sqli"
)

// database/sql gets PAM logins (the default handler answers with the
// DSN's password) and redirects through the DSN alone.
func TestPAMAndRedirectThroughDSN(t *testing.T) {
	pam := ifxtest.NewServer(t, ifxtest.Config{PAM: []ifxtest.PAMStep{{Style: sqli.PAMPromptEchoOff, Text: "Password: ", Answer: "in4mix"}}})
	db := openDB(t, pam.DSN(""))
	if err := db.PingContext(ctxT(t)); err != nil {
		t.Fatalf("PAM login: %v", err)
	}
	bad := openDB(t, strings.Replace(pam.DSN(""), ":in4mix@", ":wrong@", 1))
	if err := bad.PingContext(ctxT(t)); !errors.Is(err, ifx.ErrPAMRefused) {
		t.Fatalf("wrong PAM password: %v, want ErrPAMRefused", err)
	}

	target := ifxtest.NewServer(t, ifxtest.Config{ServerName: "srv_b"})
	h, p, _ := net.SplitHostPort(target.Addr())
	cm := ifxtest.NewServer(t, ifxtest.Config{ServerName: "cm_sla", RedirectTo: "srv_b|" + h + "|" + p})
	rdb := openDB(t, cm.DSN(""))
	if err := rdb.PingContext(ctxT(t)); err != nil {
		t.Fatalf("redirected login: %v", err)
	}
	if n := len(target.Stats()); n == 0 {
		t.Fatal("the redirect target saw no connection")
	}
}
