package ifx_test

// Regression tests for the audit of informix-driver: "login failures
// were hard to tell apart" (medium), and "close() could raise and leave a
// half-closed state" (medium).

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// loginFailureKind classifies a connect error the way an application
// would, with the driver's exported types and helpers only.
func loginFailureKind(err error) string {
	var sn *ifx.ServerNameError
	var tm *ifx.TLSMismatchError
	switch {
	case err == nil:
		return "none"
	case errors.As(err, &sn):
		return "server name (-761)"
	case errors.As(err, &tm):
		return "TLS mismatch"
	case ifx.SQLCode(err) == -951:
		return "bad user or password (-951)"
	case ifx.SQLCode(err) == -329:
		return "no such database (-329)"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	}
	return "other: " + err.Error()
}

// TestAuditLoginFailuresDistinct makes each kind of login failure happen
// and checks that each is its own typed error: a wrong password (-951),
// a wrong server name (-761, with the server's real name), an unknown
// database (-329), a closed port, TLS to a plain port and plain text to
// a TLS port. Every one is a *ConnectError naming host and user, none
// shows the password, and only the network failures count as
// IsConnectionLost.
func TestAuditLoginFailuresDistinct(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv := ifxtest.NewServer(t, ifxtest.Config{TLSAddr: "127.0.0.1:0", NotStrict: true})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := ln.Addr().String()
	ln.Close()
	base := srv.DSN("testdb")
	tlsDSN := strings.Replace(base, srv.Addr(), srv.TLSAddr(), 1)
	cases := []struct {
		name, dsn, want string
		lost            bool
	}{
		{"wrong password", strings.Replace(base, ":in4mix@", ":Wr0ngPassw0rd@", 1), "bad user or password (-951)", false},
		{"wrong server name", strings.Replace(base, "server=informix", "server=nosuch", 1), "server name (-761)", false},
		{"unknown database", strings.Replace(base, "/testdb?", "/nosuchdb?", 1), "no such database (-329)", false},
		{"closed port", strings.Replace(base, srv.Addr(), closedPort, 1), "connection refused", true},
		{"TLS to a plain port", base + "&tls=require&connect_timeout=2s", "TLS mismatch", true},
		{"plain to a TLS port", tlsDSN + "&connect_timeout=2s", "TLS mismatch", true},
	}
	seen := map[string]string{}
	for _, tc := range cases {
		start := time.Now()
		c, err := ifx.Connect(ctxT(t), tc.dsn)
		if err == nil {
			c.Close(ctxT(t))
			t.Errorf("%s: connected", tc.name)
			continue
		}
		if el := time.Since(start); el > 3*time.Second {
			t.Errorf("%s: took %v", tc.name, el)
		}
		kind := loginFailureKind(err)
		if kind != tc.want {
			t.Errorf("%s: classified as %q, want %q (%v)", tc.name, kind, tc.want, err)
		}
		if prev, dup := seen[kind]; dup && !strings.HasPrefix(kind, "TLS") {
			t.Errorf("%s and %s are not told apart (%s)", prev, tc.name, kind)
		}
		seen[kind] = tc.name
		var ce *ifx.ConnectError
		if !errors.As(err, &ce) || ce.User != "informix" || ce.Host == "" {
			t.Errorf("%s: %T %v is not a ConnectError with host and user", tc.name, err, err)
		}
		if got := ifx.IsConnectionLost(err); got != tc.lost {
			t.Errorf("%s: IsConnectionLost = %v", tc.name, got)
		}
		for _, form := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			if s := fmt.Sprintf(form, err); strings.Contains(s, "Wr0ngPassw0rd") || strings.Contains(s, "in4mix") {
				t.Errorf("%s: %s shows the password: %s", tc.name, form, s)
			}
		}
		t.Logf("%-20s %-28s %v", tc.name, kind, err)
	}
	// The -761 names the server to use instead.
	_, err = ifx.Connect(ctxT(t), strings.Replace(base, "server=informix", "server=nosuch", 1))
	var sn *ifx.ServerNameError
	if errors.As(err, &sn) && (sn.Actual != "informix" || sn.Asked != "nosuch") {
		t.Errorf("-761: asked %q actual %q", sn.Asked, sn.Actual)
	}
}

// trackedConn records whether the driver closed its socket.
type trackedConn struct {
	net.Conn
	closed atomic.Bool
}

func (c *trackedConn) Close() error {
	c.closed.Store(true)
	return c.Conn.Close()
}

// TestAuditCloseNeverFailsOrLeaks closes connections in every broken
// state: the server gone (FIN), reset, stalled (the proxy holds the
// socket open and forwards nothing), a call still blocked in another
// goroutine, a Rows open in the middle of a batch, and twice. Close must
// return nil, quickly — within its ctx deadline or its own 1 s bound —
// leave IsClosed true, release the socket, and wake the blocked call.
//
// Protection: Conn.Close (query.go) bounds the SQ_EXIT exchange with a
// socket deadline and closes the socket in a defer; with another call in
// progress it cuts the socket at once. Without the deadline the stalled
// case blocks forever (the watchdog here fails it after 10 s); without
// the deferred close the socket-released check fails.
func TestAuditCloseNeverFailsOrLeaks(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv := ifxtest.NewServer(t, ifxtest.Config{NotStrict: true})
	open := func(t *testing.T, p *faultproxy.Proxy, extra string) (*ifx.Conn, *trackedConn) {
		t.Helper()
		cfg, err := ifx.ParseConfig(faultProxyDSN(srv, p, "testdb") + extra)
		if err != nil {
			t.Fatal(err)
		}
		var tc *trackedConn
		cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
			nc, err := (&net.Dialer{}).DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			tc = &trackedConn{Conn: nc}
			return tc, nil
		}
		c, err := ifx.ConnectConfig(ctxT(t), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return c, tc
	}
	closeWithin := func(t *testing.T, c *ifx.Conn, tc *trackedConn, ctx context.Context, limit time.Duration) {
		t.Helper()
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- c.Close(ctx) }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Close: %v", err)
			}
		case <-time.After(10 * time.Second):
			tc.Conn.Close()
			<-done
			t.Fatalf("Close still blocked after 10 s")
		}
		if el := time.Since(start); el > limit {
			t.Errorf("Close took %v, limit %v", el, limit)
		}
		if !c.IsClosed() {
			t.Error("IsClosed is false after Close")
		}
		if !tc.closed.Load() {
			t.Error("the socket was not closed")
		}
		if err := c.Close(ctx); err != nil {
			t.Errorf("second Close: %v", err)
		}
		if err := c.Ping(ctxT(t)); !errors.Is(err, ifx.ErrConnClosed) {
			t.Errorf("Ping after Close: %v", err)
		}
	}

	t.Run("server gone", func(t *testing.T) {
		for _, action := range []faultproxy.Action{faultproxy.Kill, faultproxy.Reset} {
			p := newFaultProxy(t, srv.Addr())
			c, tc := open(t, p, "")
			if action == faultproxy.Kill {
				p.KillAll()
			} else {
				p.Close()
			}
			time.Sleep(20 * time.Millisecond)
			closeWithin(t, c, tc, context.Background(), 500*time.Millisecond)
		}
	})
	t.Run("server stalled", func(t *testing.T) {
		p := newFaultProxy(t, srv.Addr())
		p.SetRule(&faultproxy.Rule{Dir: faultproxy.ServerToClient, After: 279, Action: faultproxy.Stall})
		c, tc := open(t, p, "")
		// The login's 279 bytes went through; SQ_EXIT is never answered.
		closeWithin(t, c, tc, context.Background(), 1500*time.Millisecond)
		p2 := newFaultProxy(t, srv.Addr())
		p2.SetRule(&faultproxy.Rule{Dir: faultproxy.ServerToClient, After: 279, Action: faultproxy.Stall})
		c, tc = open(t, p2, "")
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		closeWithin(t, c, tc, ctx, 100*time.Millisecond+500*time.Millisecond)
	})
	t.Run("call in progress", func(t *testing.T) {
		p := newFaultProxy(t, srv.Addr())
		p.SetRule(&faultproxy.Rule{Dir: faultproxy.ServerToClient, After: 279, Action: faultproxy.Stall})
		c, tc := open(t, p, "")
		var wg sync.WaitGroup
		wg.Add(1)
		var callErr error
		go func() {
			defer wg.Done()
			_, callErr = c.Exec(context.Background(), "CREATE TABLE x (id INTEGER)")
		}()
		time.Sleep(50 * time.Millisecond) // the Exec waits for its reply
		closeWithin(t, c, tc, context.Background(), 200*time.Millisecond)
		waited := make(chan struct{})
		go func() { wg.Wait(); close(waited) }()
		select {
		case <-waited:
		case <-time.After(5 * time.Second):
			t.Fatal("the blocked call did not return after Close")
		}
		if callErr == nil || !ifx.IsConnectionLost(callErr) {
			t.Errorf("blocked call: %v", callErr)
		}
	})
	t.Run("rows open mid-batch", func(t *testing.T) {
		p := newFaultProxy(t, srv.Addr())
		c, tc := open(t, p, "&fetch_buffer=256")
		rows, err := c.Query(ctxT(t), "SELECT tabid, tabname FROM systables ORDER BY tabid")
		if err != nil {
			t.Fatal(err)
		}
		rows.Next()
		closeWithin(t, c, tc, context.Background(), 500*time.Millisecond)
		if rows.Next() {
			t.Error("Rows still yields rows after Close")
		}
		rows.Close()
	})
}
