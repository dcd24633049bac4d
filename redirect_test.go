package ifx_test

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// redirector starts an ifxtest server that sends every login to
// server name at addr.
func redirector(t *testing.T, name, addr string, cfg ifxtest.Config) *ifxtest.Server {
	h, p, _ := net.SplitHostPort(addr)
	cfg.RedirectTo = name + "|" + h + "|" + p
	cfg.ServerName = "cm_sla"
	return ifxtest.NewServer(t, cfg)
}

func TestRedirectChainIsFollowed(t *testing.T) {
	final := ifxtest.NewServer(t, ifxtest.Config{ServerName: "srv_c"})
	mid := redirector(t, "srv_c", final.Addr(), ifxtest.Config{})
	cm := redirector(t, "srv_b", mid.Addr(), ifxtest.Config{})
	c, err := ifx.Connect(ctxT(t), cm.DSN(""))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctxT(t))
	if si := c.ServerInfo(); si.Address != final.Addr() || si.Name != "srv_c" {
		t.Fatalf("connected to %s (%s), want %s (srv_c)", si.Address, si.Name, final.Addr())
	}

	// With max_redirects=1 the second redirect is refused.
	_, err = ifx.Connect(ctxT(t), cm.DSN("")+"&max_redirects=1")
	if !errors.Is(err, ifx.ErrRedirect) || !strings.Contains(err.Error(), "max_redirects is 1") {
		t.Fatalf("error %v, want ErrRedirect naming the limit", err)
	}
	// A negative limit follows none.
	if _, err := ifx.Connect(ctxT(t), cm.DSN("")+"&max_redirects=-1"); !errors.Is(err, ifx.ErrRedirect) {
		t.Fatalf("max_redirects=-1: %v", err)
	}
}

func TestRedirectLoopIsDetected(t *testing.T) {
	addr := deadAddr(t) // a free port, for a server that redirects to itself
	srv := redirector(t, "self", addr, ifxtest.Config{Addr: addr})
	start := time.Now()
	_, err := ifx.Connect(ctxT(t), srv.DSN("")+"&max_redirects=10")
	if !errors.Is(err, ifx.ErrRedirect) || !strings.Contains(err.Error(), "loop") {
		t.Fatalf("error %v, want a redirect loop", err)
	}
	if n := len(srv.Stats()); n != 2 {
		t.Fatalf("%d connections to the looping server, want 2 (the login, then one as server self; the repeat is not dialed)", n)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("loop detection took too long")
	}
}

func TestRedirectToDeadHostFails(t *testing.T) {
	dead := deadAddr(t)
	srv := redirector(t, "gone", dead, ifxtest.Config{})
	_, err := ifx.Connect(ctxT(t), srv.DSN(""))
	var he *ifx.RedirectHopError
	if !errors.As(err, &he) || he.To != dead || he.Server != "gone" {
		t.Fatalf("error %v, want a RedirectHopError to %s", err, dead)
	}
}

func TestRedirectHopIsBoundedByConnectTimeout(t *testing.T) {
	// A target that accepts and never answers the login.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { <-done; c.Close() }()
		}
	}()
	srv := redirector(t, "silent", ln.Addr().String(), ifxtest.Config{})
	start := time.Now()
	_, err = ifx.Connect(ctxT(t), srv.DSN("")+"&connect_timeout=300ms")
	if el := time.Since(start); el > 3*time.Second {
		t.Fatalf("connect took %v with connect_timeout=300ms", el)
	}
	var he *ifx.RedirectHopError
	if !errors.As(err, &he) {
		t.Fatalf("error %v, want a RedirectHopError", err)
	}
}
