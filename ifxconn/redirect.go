package ifxconn

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"

	"github.com/ifxgo/ifx/sqli"
)

// DefaultMaxRedirects is how many redirects a connection follows when
// Config.MaxRedirects is 0.
const DefaultMaxRedirects = 3

// ErrRedirect is wrapped by the error of a connection whose redirects
// could not be followed: too many, a loop, or a target that is no
// address.
var ErrRedirect = errors.New("ifx: redirect not followed")

// redirectedError is a server's answer that the login belongs elsewhere
// (SL type 13 with SQ_ASCDBLIST, docs/PROTOCOL.md "Redirects"); the
// connect loop follows it.
type redirectedError struct {
	to sqli.Redirect
}

func (e *redirectedError) Error() string {
	return fmt.Sprintf("ifx: redirected to server %s at %s:%s", e.to.Server, e.to.Host, e.to.Service)
}

// RedirectHopError reports a redirect target that could not be reached
// or refused the login; Err is that hop's error.
type RedirectHopError struct {
	From, To string // host:port of the redirecting server and of the target
	Server   string // the target's DBSERVERNAME
	Err      error
}

// Error implements error.
func (e *RedirectHopError) Error() string {
	return fmt.Sprintf("ifx: %s redirected to server %s at %s: %v", e.From, e.Server, e.To, e.Err)
}

// Unwrap returns the cause.
func (e *RedirectHopError) Unwrap() error { return e.Err }

// connectFollowingRedirects connects to hp and follows the redirects the
// servers answer with: at most cfg.MaxRedirects of them, never to an
// address already visited, each hop within its own ConnectTimeout.
func connectFollowingRedirects(ctx context.Context, cfg *Config, hp HostPort, tlsCfg *tls.Config) (*Conn, error) {
	limit := cfg.MaxRedirects
	if limit == 0 {
		limit = DefaultMaxRedirects
	} else if limit < 0 {
		limit = 0
	}
	key := func(server string, hp HostPort) string { return server + "@" + hp.String() }
	seen := map[string]bool{key(cfg.Server, hp): true}
	var from HostPort
	c, err := connectHost(ctx, cfg, hp, tlsCfg)
	for hop := 1; ; hop++ {
		var re *redirectedError
		if !errors.As(err, &re) {
			if err != nil && hop > 1 {
				return nil, &RedirectHopError{From: from.String(), To: hp.String(), Server: cfg.Server, Err: err}
			}
			return c, err
		}
		if hop > limit {
			return nil, fmt.Errorf("%w: %s asked for redirect %d (to server %s at %s:%s); max_redirects is %d", ErrRedirect, hp, hop, re.to.Server, re.to.Host, re.to.Service, limit)
		}
		port, perr := redirectPort(ctx, re.to.Service)
		if perr != nil {
			return nil, fmt.Errorf("%w: %s redirected to %s:%s: %v", ErrRedirect, hp, re.to.Host, re.to.Service, perr)
		}
		server := cfg.Server
		if re.to.Server != "" {
			server = re.to.Server
		}
		next := HostPort{Host: re.to.Host, Port: port, Server: server}
		if k := key(server, next); seen[k] {
			return nil, fmt.Errorf("%w: redirect loop: %s sent the login back to server %s at %s", ErrRedirect, hp, server, next)
		}
		seen[key(server, next)] = true
		if server != cfg.Server {
			cfg = cfg.Copy()
			cfg.Server = server
		}
		from, hp = hp, next
		c, err = connectHost(ctx, cfg, hp, tlsCfg)
	}
}

// redirectPort resolves a redirect's port: a number or a service name
// (/etc/services).
func redirectPort(ctx context.Context, s string) (uint16, error) {
	if p, err := strconv.ParseUint(s, 10, 16); err == nil && p > 0 {
		return uint16(p), nil
	}
	p, err := net.DefaultResolver.LookupPort(ctx, "tcp", s)
	if err != nil {
		return 0, err
	}
	return uint16(p), nil
}
