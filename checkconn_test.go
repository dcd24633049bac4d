package ifx_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// Tests of the connection checks package stdlib and ifxpool use:
// CheckConn and SafeToRetry.

// TestCheckConn: no bytes sent; a server that went away is noticed.
func TestCheckConn(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p, err := faultproxy.New(cfg.Hosts[0].String())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	pdsn := strings.Replace(dsn, cfg.Hosts[0].String(), p.Addr(), 1)
	ctx := ctxT(t)
	// A short ReadTimeout leaves expired deadlines behind, which must not
	// fool the check.
	c, err := ifx.Connect(ctx, pdsn+"&read_timeout=50ms")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if c.Config().ReadTimeout != 50*time.Millisecond {
		t.Fatalf("ReadTimeout %v", c.Config().ReadTimeout)
	}
	before := groups(srv)
	for range 3 {
		if err := c.CheckConn(); err != nil {
			t.Fatalf("healthy connection: %v", err)
		}
	}
	// Pools check before every checkout: no garbage per check.
	if n := testing.AllocsPerRun(100, func() { c.CheckConn() }); n != 0 {
		t.Errorf("CheckConn allocates %v objects per call", n)
	}
	time.Sleep(20 * time.Millisecond)
	if srv != nil && groups(srv) != before {
		t.Errorf("CheckConn sent something: %d request groups before, %d after", before, groups(srv))
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond)
	if err := c.CheckConn(); err != nil {
		t.Fatalf("healthy connection after a deadline passed: %v", err)
	}
	// An open Rows in the middle of its reply: bytes are expected.
	rows, err := c.Query(ctx, "SELECT tabid FROM systables")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckConn(); err != nil {
		t.Errorf("with an open Rows: %v", err)
	}
	for rows.Next() {
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	p.KillAll()
	time.Sleep(20 * time.Millisecond)
	err = c.CheckConn()
	if !errors.Is(err, ifx.ErrConnClosed) || !ifx.IsConnectionLost(err) || !c.IsClosed() {
		t.Fatalf("after the kill: %v (closed %v)", err, c.IsClosed())
	}
	if err := c.CheckConn(); !ifx.SafeToRetry(err) {
		t.Errorf("on a closed Conn: %v", err)
	}

	// A connection whose socket the driver cannot reach.
	cfg2, _ := ifx.ParseConfig(dsn)
	cfg2.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		return hiddenConn{nc}, err
	}
	c2, err := ifx.ConnectConfig(ctx, cfg2)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close(ctx)
	if err := c2.CheckConn(); !errors.Is(err, ifx.ErrUnsupported) || c2.IsClosed() {
		t.Errorf("hidden socket: %v", err)
	}
}

type hiddenConn struct{ net.Conn }

func TestSafeToRetry(t *testing.T) {
	if ifx.SafeToRetry(nil) {
		t.Error("nil")
	}
	c := connect(t, "testdb")
	ctx := ctxT(t)
	c.Close(ctx)
	_, err := c.Exec(ctx, "DELETE FROM x")
	if !ifx.SafeToRetry(err) {
		t.Errorf("Exec on a closed Conn: %v", err)
	}
	_, err = c.Query(ctx, "SELECT 1 FROM x")
	if !ifx.SafeToRetry(err) {
		t.Errorf("Query on a closed Conn: %v", err)
	}
	if _, err := c.Prepare(ctx, "SELECT 1 FROM x"); !ifx.SafeToRetry(err) {
		t.Errorf("Prepare on a closed Conn: %v", err)
	}
	if _, err := c.Begin(ctx); !ifx.SafeToRetry(err) {
		t.Errorf("Begin on a closed Conn: %v", err)
	}

	// The connection breaks after the request went out: not safe.
	dsn, _ := testServer(t, "testdb")
	cfg, _ := ifx.ParseConfig(dsn)
	p, err := faultproxy.New(cfg.Hosts[0].String())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c2, err := ifx.Connect(ctx, strings.Replace(dsn, cfg.Hosts[0].String(), p.Addr(), 1))
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close(ctx)
	p.KillAll()
	time.Sleep(20 * time.Millisecond)
	_, err = c2.Exec(ctx, "DELETE FROM x")
	if err == nil || ifx.SafeToRetry(err) || !errors.Is(err, ifx.ErrConnClosed) {
		t.Errorf("lost during the exchange: %v", err)
	}
	// A statement error or a cancelled context is not a retry either.
	c3 := connect(t, "testdb")
	if _, err := c3.Exec(ctx, "DELETE FROM nosuch"); err == nil || ifx.SafeToRetry(err) {
		t.Errorf("statement error: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := c3.Exec(cctx, "DELETE FROM nosuch"); !errors.Is(err, context.Canceled) || ifx.SafeToRetry(err) {
		t.Errorf("cancelled: %v", err)
	}
}
