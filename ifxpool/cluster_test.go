package ifxpool

import (
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/sqli"
)

// The pool's connections log in through PAM and follow redirects as
// single connections do; a refused PAM login fails the acquire with
// ErrPAMRefused.
func TestPoolPAMAndRedirect(t *testing.T) {
	pam := ifxtest.NewServer(t, ifxtest.Config{PAM: []ifxtest.PAMStep{{Style: sqli.PAMPromptEchoOff, Text: "Password: ", Answer: "in4mix"}}})
	p, err := New(ctxT(t), pam.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Ping(ctxT(t)); err != nil {
		t.Fatalf("PAM login: %v", err)
	}
	bad, err := New(ctxT(t), strings.Replace(pam.DSN(""), ":in4mix@", ":wrong@", 1))
	if err != nil {
		t.Fatal(err)
	}
	defer bad.Close()
	if err := bad.Ping(ctxT(t)); !errors.Is(err, ifx.ErrPAMRefused) {
		t.Fatalf("wrong PAM password: %v, want ErrPAMRefused", err)
	}

	target := ifxtest.NewServer(t, ifxtest.Config{ServerName: "srv_b"})
	h, port, _ := net.SplitHostPort(target.Addr())
	cm := ifxtest.NewServer(t, ifxtest.Config{ServerName: "cm_sla", RedirectTo: "srv_b|" + h + "|" + port})
	rp, err := New(ctxT(t), cm.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	defer rp.Close()
	if err := rp.Ping(ctxT(t)); err != nil {
		t.Fatalf("redirected login: %v", err)
	}
	if len(target.Stats()) == 0 {
		t.Fatal("the redirect target saw no connection")
	}
}
