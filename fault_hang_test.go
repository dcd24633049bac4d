package ifx_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// Timings of the hung-server cases: the statement's context deadline,
// the driver's wait for the server's -213 after the interrupt, and the
// slack a loaded -race run needs.
const (
	hangDeadline  = 300 * time.Millisecond
	hangInterrupt = 200 * time.Millisecond
	hangSlack     = 1500 * time.Millisecond
)

// hangDSN adds the short interrupt wait to dsn.
func hangDSN(dsn string) string {
	return dsn + fmt.Sprintf("&interrupt_wait=%dms", hangInterrupt.Milliseconds())
}

// TestFaultHungServerDeadline stops the server answering at request
// group k (ifxtest StallAfterGroups) for groups spread over the
// workload, under a context deadline. The call that waits must return a
// deadline error within deadline + InterruptWait + slack, and the
// connection must be closed: a server that does not answer the interrupt
// cannot be trusted with the next statement.
func TestFaultHungServerDeadline(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest faults")
	}
	groups, _, _ := faultBaseline(t)
	var ks []int
	for k := 1; k < groups; k += 2 {
		ks = append(ks, k)
	}
	faultParallel(len(ks), func(i int) {
		k := ks[i]
		name := fmt.Sprintf("stall at group %d", k)
		srv, stop := startFaultServer(t, ifxtest.Faults{StallAfterGroups: k})
		cfg := faultConfig(t, hangDSN(srv.DSN("testdb")))
		// One deadline for the whole workload: the steps before the
		// stall take a few milliseconds.
		ctx, cancel := context.WithTimeout(context.Background(), hangDeadline)
		var run faultRun
		err, el := faultWatch(t, name, hangDeadline+hangInterrupt+hangSlack, func() error {
			return runFaultWorkload(ctx, cfg, &run)
		}, func() { srv.Close() })
		cancel()
		stop()
		if err == nil {
			t.Errorf("%s: the workload succeeded", name)
			return
		}
		if !deadlineOutcome(err, el) {
			t.Errorf("%s: step %s: %T %v is not a deadline error", name, run.step, err, err)
		}
		if limit := hangDeadline + hangInterrupt + hangSlack; el > limit {
			t.Errorf("%s: returned after %v, limit %v", name, el, limit)
		}
		// On a loaded machine the deadline can end the workload before it
		// reaches the stall: the server then acknowledges the interrupt
		// (-213) and the connection rightly stays open. Only a server that
		// stalled ignored the interrupt.
		groups := 0
		for _, st := range srv.Stats() {
			groups = max(groups, st.RequestGroups)
		}
		if run.conn != nil && run.openAtReturn && groups >= k {
			t.Errorf("%s: connection open after the server ignored the interrupt", name)
		}
	})
}

// TestFaultProxyStallDeadline stalls the stream in the proxy (nothing
// more is forwarded either way, the sockets stay open) at offsets inside
// the replies; the interrupt byte is swallowed by the proxy too.
func TestFaultProxyStallDeadline(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	_, s2c, _ := faultBaseline(t)
	offs := []int64{0, 100, 279, 290, 500, 800, 1000, 1200, s2c - 10}
	faultParallel(len(offs), func(i int) {
		off := offs[i]
		name := fmt.Sprintf("stall after %d bytes", off)
		srv, stop := startFaultServer(t, ifxtest.Faults{})
		p, err := faultproxy.New(srv.Addr())
		if err != nil {
			t.Error(err)
			return
		}
		p.SetRule(&faultproxy.Rule{Dir: faultproxy.ServerToClient, After: off, Action: faultproxy.Stall})
		cfg := faultConfig(t, hangDSN(faultProxyDSN(srv, p, "testdb")))
		ctx, cancel := context.WithTimeout(context.Background(), hangDeadline)
		var run faultRun
		err, el := faultWatch(t, name, hangDeadline+hangInterrupt+hangSlack, func() error {
			return runFaultWorkload(ctx, cfg, &run)
		}, func() { p.Close() })
		cancel()
		p.Close()
		stop()
		if err == nil {
			t.Errorf("%s: the workload succeeded", name)
			return
		}
		if !deadlineOutcome(err, el) {
			t.Errorf("%s: step %s: %T %v is not a deadline error", name, run.step, err, err)
		}
		if limit := hangDeadline + hangInterrupt + hangSlack; el > limit {
			t.Errorf("%s: returned after %v, limit %v", name, el, limit)
		}
		// As above: a deadline that ends the workload before the proxy
		// stalls gets the server's -213 and rightly keeps the connection.
		if run.conn != nil && run.openAtReturn && p.Fired() > 0 {
			t.Errorf("%s: connection open after a stall", name)
		}
	})
}

// TestFaultGarbageReply replaces the server's reply to group k with
// bytes that are no SQLI message, for every group of the workload: the
// driver must return a *ProtocolError (also matching ErrConnClosed) and
// close the connection, at once.
func TestFaultGarbageReply(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest faults")
	}
	groups, _, _ := faultBaseline(t)
	faultParallel(groups-1, func(i int) {
		k := i + 1
		name := fmt.Sprintf("garbage for group %d", k)
		run, err, el := runFaultServer(t, ifxtest.Faults{GarbleAfterGroups: k})
		checkFaultOutcome(t, name, &run, err, el, faultKillLimit)
		var pe *ifx.ProtocolError
		if !errors.As(err, &pe) {
			t.Errorf("%s: step %s: %T %v is not a ProtocolError", name, run.step, err, err)
		}
		if !errors.Is(err, ifx.ErrConnClosed) {
			t.Errorf("%s: %v does not match ErrConnClosed", name, err)
		}
	})
}

// TestFaultTLSHandshake breaks TLS handshakes every way we can make
// them break: the handshake cut (FIN, RST) or stalled at offsets inside
// the server's flight, a certificate from an unknown CA, a certificate
// for another name, TLS to a plain port. Each must fail promptly, with
// an error that says what happened, and never fall back to plain text.
func TestFaultTLSHandshake(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv := ifxtest.NewServer(t, ifxtest.Config{TLSAddr: "127.0.0.1:0", NotStrict: true})
	tlsDSN := strings.Replace(srv.DSN("testdb"), srv.Addr(), srv.TLSAddr(), 1)
	good := func(dsn string) *ifx.Config {
		cfg, err := ifx.ParseConfig(dsn + "&tls=verify-full&connect_timeout=500ms")
		if err != nil {
			t.Fatal(err)
		}
		cfg.TLSConfig = &tls.Config{RootCAs: srv.CertPool(), ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
		return cfg
	}
	// The healthy case first.
	c, err := ifx.ConnectConfig(ctxT(t), good(tlsDSN))
	if err != nil {
		t.Fatal(err)
	}
	c.Close(ctxT(t))

	connectWithin := func(name string, cfg *ifx.Config, limit time.Duration) error {
		t.Helper()
		start := time.Now()
		c, err := ifx.ConnectConfig(ctxT(t), cfg)
		if el := time.Since(start); el > limit {
			t.Errorf("%s: took %v, limit %v", name, el, limit)
		}
		if err == nil {
			c.Close(ctxT(t))
			t.Errorf("%s: connected", name)
			return nil
		}
		if strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), "in4mix") {
			t.Errorf("%s: error shows the password", name)
		}
		return err
	}

	// Cut or stalled inside the server's first flight (ServerHello,
	// certificate, …) and inside the client's.
	for _, dir := range []faultproxy.Direction{faultproxy.ServerToClient, faultproxy.ClientToServer} {
		for _, off := range []int64{0, 5, 60, 400} {
			for _, action := range []faultproxy.Action{faultproxy.Kill, faultproxy.Reset, faultproxy.Stall} {
				p, err := faultproxy.New(srv.TLSAddr())
				if err != nil {
					t.Fatal(err)
				}
				p.SetRule(&faultproxy.Rule{Dir: dir, After: off, Action: action})
				cfg := good(strings.Replace(tlsDSN, srv.TLSAddr(), p.Addr(), 1))
				name := fmt.Sprintf("TLS dir %d action %d after %d bytes", dir, action, off)
				err = connectWithin(name, cfg, 500*time.Millisecond+hangSlack)
				p.Close()
				if err == nil {
					continue
				}
				if !ifx.IsConnectionLost(err) && !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("%s: %T %v", name, err, err)
				}
			}
		}
	}

	// Unknown CA: verify-full is the default with tls on.
	cfg, err := ifx.ParseConfig(tlsDSN + "&tls=true&connect_timeout=2s")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.TLSMode != ifx.TLSVerifyFull {
		t.Errorf("tls=true gives mode %q, want verify-full", cfg.TLSMode)
	}
	err = connectWithin("unknown CA", cfg, 2*time.Second)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("unknown CA: %v", err)
	}

	// The right CA, the wrong name.
	cfg = good(tlsDSN)
	cfg.TLSConfig.ServerName = "db.example.org"
	if err := connectWithin("wrong name", cfg, 2*time.Second); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("wrong name: %v", err)
	}

	// TLS to the plain port.
	cfg = good(srv.DSN("testdb"))
	err = connectWithin("TLS to a plain port", cfg, 500*time.Millisecond+hangSlack)
	var me *ifx.TLSMismatchError
	if !errors.As(err, &me) {
		t.Errorf("TLS to a plain port: %T %v", err, err)
	}
}

// deadlineOutcome accepts a deadline error, or, when the deadline has
// passed, the closed connection it left behind: on a loaded machine a
// step can start just after the previous one's interrupt wait closed the
// connection.
func deadlineOutcome(err error, el time.Duration) bool {
	return errors.Is(err, context.DeadlineExceeded) || (el >= hangDeadline && errors.Is(err, ifx.ErrConnClosed))
}
