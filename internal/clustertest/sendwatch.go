package clustertest

import (
	"context"
	"net"
	"sync/atomic"
)

// SendWatch is a dial function whose connections report their next
// write once armed: a test that must cut a connection while a request is
// in flight (sent, unanswered) arms it, starts the request, and cuts when
// Sent fires.
type SendWatch struct {
	armed atomic.Bool
	sent  chan struct{}
}

// NewSendWatch returns a disarmed SendWatch.
func NewSendWatch() *SendWatch { return &SendWatch{sent: make(chan struct{}, 1)} }

// Arm makes the next write on any of its connections signal Sent.
func (w *SendWatch) Arm() { w.armed.Store(true) }

// Sent receives once per armed write.
func (w *SendWatch) Sent() <-chan struct{} { return w.sent }

// Dial dials TCP and watches the connection's writes.
func (w *SendWatch) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &watchedConn{Conn: c, w: w}, nil
}

type watchedConn struct {
	net.Conn
	w *SendWatch
}

// NetConn returns the TCP connection, so that the driver's socket check
// (CheckConn) reaches the socket as it would without the watch.
func (c *watchedConn) NetConn() net.Conn { return c.Conn }

func (c *watchedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	if c.w.armed.CompareAndSwap(true, false) {
		c.w.sent <- struct{}{}
	}
	return n, err
}
