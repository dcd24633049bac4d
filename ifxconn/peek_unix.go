//go:build unix

package ifxconn

import "syscall"

// socketPeek looks at a socket without blocking and without consuming
// anything. It is made once per connection, so that the pool's check
// before every checkout costs no allocation: the raw conn and the
// callback (with what it reports) live here, not in a closure per call.
type socketPeek struct {
	rc   syscall.RawConn
	fn   func(fd uintptr) bool
	buf  [1]byte
	n    int
	perr error
}

func newSocketPeek(sc syscall.Conn) (*socketPeek, error) {
	rc, err := sc.SyscallConn()
	if err != nil {
		return nil, err
	}
	p := &socketPeek{rc: rc}
	p.fn = func(fd uintptr) bool {
		for {
			p.n, _, p.perr = syscall.Recvfrom(int(fd), p.buf[:], syscall.MSG_PEEK)
			if p.perr != syscall.EINTR {
				return true
			}
		}
	}
	return p, nil
}

// peek returns nil while nothing is there (EAGAIN), io.EOF after the
// peer's FIN, the socket error after a reset, errUnsolicited if bytes
// arrived. Go keeps its sockets non-blocking, so MSG_PEEK alone cannot
// block.
func (p *socketPeek) peek() error {
	if err := p.rc.Read(p.fn); err != nil {
		return err
	}
	if p.perr == syscall.EAGAIN || p.perr == syscall.EWOULDBLOCK {
		return nil
	}
	return peekResult(p.n, p.perr)
}
