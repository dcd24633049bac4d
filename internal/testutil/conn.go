// Package testutil holds what the module's tests share: a scripted
// stream in place of a server's socket.
package testutil

import (
	"bytes"
	"net"
	"time"
)

// ScriptedConn is a net.Conn whose reads come from a fixed byte string and
// whose writes are counted and discarded. A read returns at most two
// bytes (every message is a whole number of 16-bit words), so that the
// driver holds no byte of the next reply when it sends the next request,
// as on a real socket; the driver refuses to send with a reply's bytes
// still buffered.
type ScriptedConn struct {
	r       *bytes.Reader
	Written int  // bytes written
	Closed  bool // Close was called
}

// NewScriptedConn returns a ScriptedConn that reads b.
func NewScriptedConn(b []byte) *ScriptedConn { return &ScriptedConn{r: bytes.NewReader(b)} }

// Read implements net.Conn.
func (f *ScriptedConn) Read(p []byte) (int, error) {
	if f.Closed {
		return 0, net.ErrClosed
	}
	return f.r.Read(p[:min(len(p), 2)])
}

// Write implements net.Conn.
func (f *ScriptedConn) Write(p []byte) (int, error) {
	if f.Closed {
		return 0, net.ErrClosed
	}
	f.Written += len(p)
	return len(p), nil
}

// The rest of net.Conn.

func (f *ScriptedConn) Close() error        { f.Closed = true; return nil }
func (f *ScriptedConn) LocalAddr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)} }
func (f *ScriptedConn) RemoteAddr() net.Addr {
	return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9088}
}
func (f *ScriptedConn) SetDeadline(time.Time) error      { return nil }
func (f *ScriptedConn) SetReadDeadline(time.Time) error  { return nil }
func (f *ScriptedConn) SetWriteDeadline(time.Time) error { return nil }
