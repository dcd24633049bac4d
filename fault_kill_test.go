package ifx_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// startFaultServer starts a strict ifxtest server with faults; stop
// closes it and reports any protocol violation the driver committed.
func startFaultServer(t *testing.T, faults ifxtest.Faults) (srv *ifxtest.Server, stop func()) {
	t.Helper()
	srv, err := ifxtest.Start(ifxtest.Config{Strict: true, Faults: faults})
	if err != nil {
		t.Fatal(err)
	}
	return srv, func() {
		srv.Close()
		for _, v := range srv.Violations() {
			t.Errorf("ifxtest strict mode (faults %+v): %s", faults, v)
		}
	}
}

// faultKillLimit bounds how long a workload may take when the server
// goes away: nothing waits on a dead socket, so this is only slack for a
// loaded -race run.
const faultKillLimit = 5 * time.Second

// TestFaultKillAtEveryGroupBoundary closes the connection (FIN, then
// RST) right after the server answered request group k, for every k of
// the workload. Each case must end in a connection error with the
// connection closed, never a hang, a panic or a wrong row; when the drop
// comes after the last group the workload succeeds.
//
// Without its protections this fails as follows: if recv did not close
// the connection on a read error, IsClosed would be false after the
// error; if Rows.Next returned a row from a partial batch the row check
// in runFaultWorkload would report a WRONG RESULT.
func TestFaultKillAtEveryGroupBoundary(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest faults")
	}
	groups, _, _ := faultBaseline(t)
	// The last group is SQ_EXIT, which Close sends; it has no answer a
	// drop could cut.
	work := groups - 1
	t.Logf("workload: %d request groups after the association (the last is SQ_EXIT)", groups)
	faultParallel(2*groups, func(i int) {
		rst, k := i%2 == 1, i/2+1
		name := fmt.Sprintf("drop after group %d (RST %v)", k, rst)
		run, err, el := runFaultServer(t, ifxtest.Faults{DropAfterGroups: k, ResetOnDrop: rst})
		failed := checkFaultOutcome(t, name, &run, err, el, faultKillLimit)
		if k < work && !failed {
			t.Errorf("%s: the workload succeeded although the server hung up before group %d", name, k+1)
		}
		if k >= work && failed {
			t.Errorf("%s: failed at step %s: %v", name, run.step, err)
		}
		if failed && k >= 4 && run.step == "connect" {
			t.Errorf("%s: failed in connect, but the login has 3 groups", name)
		}
	})
}

// TestFaultKillInsideResponses kills the connection (FIN or RST,
// alternating) after every n-th byte the server sends, through the fault
// proxy: inside the association accept, inside DESCRIBE, inside tuples
// of every fetch batch, inside SQ_DONE and SQ_EOT. Then the same for the
// client's bytes. The same rules as at group boundaries apply; a kill
// inside a fetch batch must never yield a row cut short or a row twice.
func TestFaultKillInsideResponses(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	_, s2c, c2s := faultBaseline(t)
	t.Logf("workload: %d bytes from the server, %d from the client", s2c, c2s)
	var cases atomic.Int64
	sweep := func(dir faultproxy.Direction, total, stride int64) {
		faultParallel(int((total+stride-1)/stride), func(i int) {
			off := int64(i) * stride
			action := faultproxy.Kill
			if i%2 == 1 {
				action = faultproxy.Reset
			}
			name := fmt.Sprintf("dir %d kill %d after %d of %d bytes", dir, action, off, total)
			// A fresh server per case: a killed session may leave its
			// table behind.
			srv, stop := startFaultServer(t, ifxtest.Faults{})
			p, err := faultproxy.New(srv.Addr())
			if err != nil {
				t.Error(err)
				return
			}
			p.SetRule(&faultproxy.Rule{Dir: dir, After: off, Action: action})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			var run faultRun
			start := time.Now()
			err = runFaultWorkload(ctx, faultConfig(t, faultProxyDSN(srv, p, "testdb")), &run)
			el := time.Since(start)
			cancel()
			p.Close()
			stop()
			cases.Add(1)
			failed := checkFaultOutcome(t, name, &run, err, el, faultKillLimit)
			// The server's last two bytes answer SQ_EXIT, which Close
			// reads best-effort; the client's last two bytes are SQ_EXIT.
			if off < total-2 && !failed {
				t.Errorf("%s: the workload succeeded", name)
			}
		})
	}
	// Strides prime to the message sizes, so the cuts fall at every
	// position inside headers, lengths and payloads over the sweep.
	sweep(faultproxy.ServerToClient, s2c, 13)
	sweep(faultproxy.ClientToServer, c2s, 41)
	t.Logf("%d kill cases", cases.Load())
}

// TestFaultDropAfterBytes cuts the server's replies short with ifxtest's
// own byte budget (FIN and RST) at offsets spread over the fetch replies,
// where a cut leaves a partial SQ_TUPLE in the client's buffer.
func TestFaultDropAfterBytes(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest faults")
	}
	offsets := []int{1, 17, 200, 333, 500, 777, 1000, 1200}
	faultParallel(2*len(offsets), func(i int) {
		rst, n := i%2 == 1, offsets[i/2]
		name := fmt.Sprintf("drop after %d bytes (RST %v)", n, rst)
		run, err, el := runFaultServer(t, ifxtest.Faults{DropAfterBytes: n, ResetOnDrop: rst})
		if !checkFaultOutcome(t, name, &run, err, el, faultKillLimit) {
			t.Errorf("%s: the workload succeeded", name)
		}
	})
}

// TestFaultServerClosesDuringLogin kills the connection at every byte of
// the server's association accept (and at offsets inside the client's
// connection request and the rest of the login). Connect must fail
// promptly with a connection error, and a server that had started to
// answer in SQLI must not be reported as a TLS port.
//
// Without the fix in login (ifxconn/connect.go) a cut inside the accept packet
// was reported as "the server answered the login in TLS".
func TestFaultServerClosesDuringLogin(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv, stop := startFaultServer(t, ifxtest.Faults{})
	defer stop()
	// Bytes of the login each way: the accept and 3 replies; the
	// request and 3 groups.
	loginS2C, loginC2S := faultLoginBytes(t, srv)
	t.Logf("login: %d bytes from the server, %d from the client", loginS2C, loginC2S)
	cases := 0
	defer func() { t.Logf("%d cases", cases) }()
	check := func(dir faultproxy.Direction, off int64, action faultproxy.Action) {
		p, err := faultproxy.New(srv.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		p.SetRule(&faultproxy.Rule{Dir: dir, After: off, Action: action})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		cases++
		start := time.Now()
		c, err := ifx.Connect(ctx, faultProxyDSN(srv, p, "testdb"))
		el := time.Since(start)
		name := fmt.Sprintf("dir %d action %d after %d bytes", dir, action, off)
		if err == nil {
			c.Close(ctx)
			if dir == faultproxy.ServerToClient {
				t.Errorf("%s: connected", name)
			}
			return // the whole login went through before the cut
		}
		if el > faultKillLimit {
			t.Errorf("%s: took %v", name, el)
		}
		if !ifx.IsConnectionLost(err) {
			t.Errorf("%s: not a connection error: %T %v", name, err, err)
		}
		var tm *ifx.TLSMismatchError
		if dir == faultproxy.ServerToClient && off > 0 && errors.As(err, &tm) {
			t.Errorf("%s: reported as a TLS mismatch: %v", name, err)
		}
	}
	for off := int64(0); off < loginS2C; off++ {
		check(faultproxy.ServerToClient, off, faultproxy.Kill)
	}
	for off := int64(0); off < loginS2C; off += 5 {
		check(faultproxy.ServerToClient, off, faultproxy.Reset)
	}
	for off := int64(0); off < loginC2S; off += 13 {
		check(faultproxy.ClientToServer, off, faultproxy.Kill)
	}
}

// faultLoginBytes measures the bytes each way of a login to srv.
func faultLoginBytes(t *testing.T, srv *ifxtest.Server) (s2c, c2s int64) {
	t.Helper()
	var cr, cw atomic.Int64
	cfg := faultConfig(t, srv.DSN("testdb"))
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		nc, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &faultByteConn{Conn: nc, r: &cr, w: &cw}, nil
	}
	c, err := ifx.ConnectConfig(ctxT(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	s2c, c2s = cr.Load(), cw.Load()
	c.Close(ctxT(t))
	return s2c, c2s
}
