//go:build unix

// Package clustertest runs ifxtestd processes as a test cluster: a
// primary and read-only secondaries sharing one database directory, the
// primary killed with SIGKILL and a secondary promoted with SIGUSR1, as
// the failover tests of ifxpool and stdlib need.
package clustertest

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Server is one ifxtestd process.
type Server struct {
	Addr string
	cmd  *exec.Cmd
}

// Kill ends the process with SIGKILL: no client hears a goodbye.
func (s *Server) Kill() error { return s.cmd.Process.Kill() }

// Promote makes a secondary the primary (SIGUSR1).
func (s *Server) Promote() error { return s.cmd.Process.Signal(syscall.SIGUSR1) }

// Build builds cmd/ifxtestd into a temporary directory of t.
func Build(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ifxtestd")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/ifxgo/ifx/cmd/ifxtestd").CombinedOutput()
	if err != nil {
		t.Fatalf("building ifxtestd: %v\n%s", err, out)
	}
	return bin
}

// Start starts bin on a free loopback port with args and waits until it
// accepts connections; the process is killed when the test ends.
func Start(t testing.TB, bin string, args ...string) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, append([]string{"-listen", addr}, args...)...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return &Server{Addr: addr, cmd: cmd}
		}
		if time.Now().After(deadline) {
			t.Fatalf("ifxtestd %s did not start: %v", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Cluster starts a primary and n read-only secondaries sharing one
// database directory, the primary first.
func Cluster(t testing.TB, n int) (primary *Server, secondaries []*Server) {
	t.Helper()
	bin := Build(t)
	dir := t.TempDir()
	primary = Start(t, bin, "-role", "primary", "-db-dir", dir)
	for i := 0; i < n; i++ {
		secondaries = append(secondaries, Start(t, bin, "-role", "secondary", "-db-dir", dir))
	}
	return primary, secondaries
}
