package clustertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// Pair starts an in-process primary and a read-only secondary sharing one
// database directory, and returns a DSN naming both, primary first, for a
// client that wants writes (target_session_attrs=read-write).
func Pair(t testing.TB) (dsn string, primary, secondary *ifxtest.Server) {
	t.Helper()
	dir := t.TempDir()
	primary = ifxtest.NewServer(t, ifxtest.Config{DBDir: dir, Role: ifxtest.RolePrimary})
	secondary = ifxtest.NewServer(t, ifxtest.Config{DBDir: dir, Role: ifxtest.RoleSecondary})
	dsn = fmt.Sprintf("informix://informix:in4mix@%s,%s/testdb?server=informix&target_session_attrs=read-write", primary.Addr(), secondary.Addr())
	return dsn, primary, secondary
}

// InFlight is a server that holds every answer back 150 ms, behind a
// proxy that can cut every connection, with a SendWatch to dial it
// through: a test can cut a connection while its request is in flight
// (sent, unanswered).
type InFlight struct {
	// DSN reaches the server through the proxy.
	DSN string
	// Watch is the dial function a client must use for Cut to see its
	// writes.
	Watch *SendWatch
	px    *faultproxy.Proxy
}

// NewInFlight starts the server and the proxy; both end with the test.
func NewInFlight(t testing.TB) *InFlight {
	t.Helper()
	srv := ifxtest.NewServer(t, ifxtest.Config{Faults: ifxtest.Faults{Delay: 150 * time.Millisecond}})
	px, err := faultproxy.New(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { px.Close() })
	return &InFlight{DSN: strings.Replace(srv.DSN("testdb"), srv.Addr(), px.Addr(), 1), Watch: NewSendWatch(), px: px}
}

// Cut runs run and cuts every connection 20 ms after run's first write,
// while the server still holds its answer; it returns run's error once
// the cut is done. A connection must be ready with no cleanup queued
// before (a release sent first would be what the cut hits).
func (f *InFlight) Cut(run func() error) error {
	killed := make(chan struct{})
	f.Watch.Arm()
	go func() {
		<-f.Watch.Sent()
		time.Sleep(20 * time.Millisecond)
		f.px.KillAll()
		close(killed)
	}()
	err := run()
	<-killed
	return err
}
