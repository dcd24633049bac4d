// Package faultproxy is a TCP proxy for tests that breaks connections on
// purpose: it kills them (FIN or RST) or stalls them after a given number
// of bytes in either direction, so that a client's behaviour at every point
// of a conversation can be tested. At the message level (SetMessageRule)
// it decodes the SQLI stream and inserts, duplicates, drops, reorders or
// rewrites whole messages of the server's replies (messages.go).
package faultproxy

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Action is what the proxy does when a rule fires.
type Action int

// Actions.
const (
	Kill  Action = iota // close both sides with FIN
	Reset               // close both sides with RST
	Stall               // stop forwarding; keep both sides open
)

// Direction selects the stream a rule counts bytes in.
type Direction int

// Directions.
const (
	ServerToClient Direction = iota
	ClientToServer
)

// Rule breaks a connection once After bytes went through in Dir: exactly
// After bytes are forwarded, then Action happens.
type Rule struct {
	Dir    Direction
	After  int64
	Action Action
}

// Proxy forwards connections from Addr() to a target, applying a rule to
// each new connection.
type Proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	rule   *Rule
	// msgRule, when set, makes new connections message-level ones.
	msgRule  *MessageRule
	attacked atomic.Int64
	conns    map[net.Conn]struct{}
	wg       sync.WaitGroup
	closed   atomic.Bool
	count    atomic.Int64
	fired    atomic.Int64
}

// New starts a proxy on a loopback port in front of target.
func New(target string) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{ln: ln, target: target, conns: map[net.Conn]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr is the address clients dial.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// SetRule sets the rule for connections accepted from now on; nil forwards
// faithfully.
func (p *Proxy) SetRule(r *Rule) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.rule = r
}

// Connections returns how many connections the proxy accepted.
func (p *Proxy) Connections() int64 { return p.count.Load() }

// Fired returns how many connections reached their rule's byte count. A
// test that expects a fault's consequence checks it first: on a loaded
// machine a deadline can end the workload before the stream gets there.
func (p *Proxy) Fired() int64 { return p.fired.Load() }

// KillAll closes every open connection at once (FIN), as a server restart
// would.
func (p *Proxy) KillAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c := range p.conns {
		c.Close()
	}
}

// Close stops the proxy and closes every connection.
func (p *Proxy) Close() error {
	p.closed.Store(true)
	err := p.ln.Close()
	p.KillAll()
	p.wg.Wait()
	return err
}

func (p *Proxy) track(c net.Conn, add bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if add {
		if p.closed.Load() {
			return false
		}
		p.conns[c] = struct{}{}
	} else {
		delete(p.conns, c)
	}
	return true
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.count.Add(1)
		server, err := net.DialTimeout("tcp", p.target, 5*time.Second)
		if err != nil {
			client.Close()
			continue
		}
		if !p.track(client, true) || !p.track(server, true) {
			client.Close()
			server.Close()
			return
		}
		p.mu.Lock()
		var rule *Rule
		if p.rule != nil {
			r := *p.rule
			rule = &r
		}
		var msgRule *MessageRule
		if p.msgRule != nil {
			r := *p.msgRule
			msgRule = &r
		}
		p.mu.Unlock()
		p.wg.Add(1)
		if msgRule != nil {
			go func() {
				defer p.wg.Done()
				defer p.track(client, false)
				defer p.track(server, false)
				p.serveMessages(client, server, *msgRule)
			}()
			continue
		}
		go p.serve(client, server, rule)
	}
}

func (p *Proxy) serve(client, server net.Conn, rule *Rule) {
	defer p.wg.Done()
	defer p.track(client, false)
	defer p.track(server, false)
	var once sync.Once
	stop := make(chan struct{})
	end := func(a Action) {
		once.Do(func() {
			switch a {
			case Stall:
				return // keep both open; the peers time out on their own
			case Reset:
				for _, c := range []net.Conn{client, server} {
					if tc, ok := c.(*net.TCPConn); ok {
						tc.SetLinger(0)
					}
				}
			}
			client.Close()
			server.Close()
			close(stop)
		})
	}
	var wg sync.WaitGroup
	pipe := func(dst, src net.Conn, dir Direction) {
		defer wg.Done()
		limit := int64(-1)
		if rule != nil && rule.Dir == dir {
			limit = rule.After
		}
		err := copyLimited(dst, src, limit)
		if errors.Is(err, errLimit) {
			p.fired.Add(1)
			if rule.Action == Stall {
				// Hold the connection open but forward nothing more.
				io.Copy(io.Discard, src)
			}
			end(rule.Action)
			return
		}
		end(Kill)
	}
	wg.Add(2)
	go pipe(client, server, ServerToClient)
	go pipe(server, client, ClientToServer)
	wg.Wait()
	client.Close()
	server.Close()
}

var errLimit = errors.New("limit reached")

// copyLimited copies until EOF, or exactly limit bytes when limit >= 0.
func copyLimited(dst io.Writer, src io.Reader, limit int64) error {
	buf := make([]byte, 32<<10)
	for {
		if limit == 0 {
			return errLimit
		}
		b := buf
		if limit > 0 && int64(len(b)) > limit {
			b = b[:limit]
		}
		n, err := src.Read(b)
		if n > 0 {
			if _, werr := dst.Write(b[:n]); werr != nil {
				return werr
			}
			if limit > 0 {
				limit -= int64(n)
			}
		}
		if err != nil {
			return err
		}
	}
}
