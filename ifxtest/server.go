package ifxtest

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sync"
	"testing"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
)

// Server is a running SQLI server.
type Server struct {
	cfg     Config
	persona persona // resolved from cfg.Version
	engine  *engine.Engine
	ln      net.Listener
	tlsLn   net.Listener
	certs   *x509.CertPool
	wg      sync.WaitGroup
	mu      sync.Mutex
	conns   map[*conn]struct{}
	closed  bool
	stats   []ConnStats
	nextID  int
	strictV []string
	role    string // Config.Role, changed by Promote (role.go)
	// routines: what the fast path resolves (fastpath.go)
	routines *routineTable

	// logMu serialises Logf with its silencing at the end of a test: a
	// connection may still log while NewServer's cleanup runs.
	logMu  sync.Mutex
	logOff bool
}

// logf logs through Config.Logf unless the test that owns the server
// has ended.
func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	if !s.logOff {
		s.cfg.Logf(format, args...)
	}
}

// ConnStats counts what one client connection did.
type ConnStats struct {
	ID            int    // 1 for the first connection
	RemoteAddr    string // client address
	User          string
	RequestGroups int // request groups received after login (round trips)
	// OpenStatements are the statements prepared and not yet released
	// after the last request group: a client that leaks them shows here.
	OpenStatements int
	// OpenCursors are the cursors opened and not yet closed after the
	// last request group (a client that abandons them shows here).
	OpenCursors int
	BytesIn     int64
	BytesOut    int64
	Closed      bool
}

// Start starts a server with cfg and returns once it accepts connections.
func Start(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := checkRedirectTo(cfg.RedirectTo); err != nil {
		return nil, err
	}
	p, err := personaFor(cfg.Version)
	if err != nil {
		return nil, err
	}
	cfg.Version = p.version
	if cfg.Role, err = checkRole(cfg.Role); err != nil {
		return nil, err
	}
	routines, err := newRoutineTable(cfg.Routines)
	if err != nil {
		return nil, err
	}
	eng, err := engine.Open(engine.Config{Dir: cfg.DBDir, Version: cfg.Version, HostName: "localhost", Blobspaces: cfg.Blobspaces, ServerFiles: cfg.ServerFiles,
		SPLMaxStatements: cfg.SPLMaxStatements, SPLMaxDepth: cfg.SPLMaxDepth})
	if err != nil {
		return nil, fmt.Errorf("ifxtest: %w", err)
	}
	s := &Server{cfg: cfg, persona: p, engine: eng, conns: map[*conn]struct{}{}, routines: routines, role: cfg.Role}
	s.ln, err = net.Listen("tcp", cfg.Addr)
	if err != nil {
		eng.Close()
		return nil, fmt.Errorf("ifxtest: listen: %w", err)
	}
	if cfg.TLSAddr != "" {
		tc := cfg.TLSConfig
		if tc == nil {
			tc, s.certs, err = selfSignedTLS()
			if err != nil {
				s.ln.Close()
				eng.Close()
				return nil, fmt.Errorf("ifxtest: %w", err)
			}
		}
		s.tlsLn, err = tls.Listen("tcp", cfg.TLSAddr, tc)
		if err != nil {
			s.ln.Close()
			eng.Close()
			return nil, fmt.Errorf("ifxtest: listen TLS: %w", err)
		}
		s.wg.Add(1)
		go s.acceptLoop(s.tlsLn, true)
	}
	s.wg.Add(1)
	go s.acceptLoop(s.ln, false)
	return s, nil
}

// NewServer starts a server for a test and closes it when the test ends.
// Unless cfg.NotStrict is set it runs in strict mode, and every protocol
// violation a client commits fails the test.
func NewServer(tb testing.TB, cfgs ...Config) *Server {
	tb.Helper()
	var cfg Config
	if len(cfgs) > 0 {
		cfg = cfgs[0]
	}
	if !cfg.NotStrict {
		cfg.Strict = true
	}
	if cfg.Logf == nil {
		cfg.Logf = tb.Logf
	}
	s, err := Start(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		// Test-scoped logging must stop before the test ends.
		s.logMu.Lock()
		s.logOff = true
		s.logMu.Unlock()
		if err := s.Close(); err != nil {
			tb.Errorf("ifxtest: close: %v", err)
		}
		for _, v := range s.Violations() {
			tb.Errorf("ifxtest strict mode: %s", v)
		}
	})
	return s
}

// Addr returns the plain listener's host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// TLSAddr returns the TLS listener's host:port, or "" without one.
func (s *Server) TLSAddr() string {
	if s.tlsLn == nil {
		return ""
	}
	return s.tlsLn.Addr().String()
}

// CertPool returns a pool holding the generated TLS certificate, for
// clients to verify the server with; nil when Config.TLSConfig was given.
func (s *Server) CertPool() *x509.CertPool { return s.certs }

// DSN returns a DSN for database that the ifx driver accepts.
func (s *Server) DSN(database string) string {
	u := url.URL{
		Scheme:   "informix",
		User:     url.UserPassword(s.cfg.User, s.cfg.Password),
		Host:     s.Addr(),
		Path:     "/" + database,
		RawQuery: "server=" + url.QueryEscape(s.cfg.ServerName),
	}
	return u.String()
}

// Config returns the server's configuration, defaults filled in.
func (s *Server) Config() Config { return s.cfg }

// Stats returns a snapshot of every connection's counters, in the order
// the connections were accepted.
func (s *Server) Stats() []ConnStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ConnStats, len(s.stats))
	copy(out, s.stats)
	return out
}

// Violations returns the strict-mode violations seen so far.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.strictV...)
}

func (s *Server) violation(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.logf("ifxtest: PROTOCOL VIOLATION: %s", msg)
	if !s.cfg.Strict {
		return
	}
	s.mu.Lock()
	s.strictV = append(s.strictV, msg)
	s.mu.Unlock()
}

// Close stops the listeners, closes every connection and waits for their
// goroutines to end.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	for c := range s.conns {
		c.netConn.Close()
	}
	s.mu.Unlock()
	err := s.ln.Close()
	if s.tlsLn != nil {
		s.tlsLn.Close()
	}
	s.wg.Wait()
	return errors.Join(err, s.engine.Close())
}

func (s *Server) acceptLoop(ln net.Listener, isTLS bool) {
	defer s.wg.Done()
	for {
		nc, err := ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			nc.Close()
			return
		}
		s.nextID++
		s.stats = append(s.stats, ConnStats{ID: s.nextID, RemoteAddr: nc.RemoteAddr().String()})
		c := newConn(s, nc, s.nextID, isTLS)
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			c.serve()
			s.mu.Lock()
			delete(s.conns, c)
			s.stats[c.id-1].Closed = true
			s.mu.Unlock()
		}()
	}
}

func (s *Server) updateStats(id int, f func(*ConnStats)) {
	s.mu.Lock()
	f(&s.stats[id-1])
	s.mu.Unlock()
}
