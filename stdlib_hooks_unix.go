//go:build unix

package ifx

import "syscall"

// peekSocket looks at the socket without blocking and without consuming
// anything: nil while nothing is there (EAGAIN), io.EOF after the peer's
// FIN, the socket error after a reset, errUnsolicited if bytes arrived.
// Go keeps its sockets non-blocking, so MSG_PEEK alone cannot block.
func peekSocket(sc syscall.Conn) error {
	rc, err := sc.SyscallConn()
	if err != nil {
		return err
	}
	var (
		buf  [1]byte
		n    int
		perr error
	)
	err = rc.Read(func(fd uintptr) bool {
		for {
			n, _, perr = syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK)
			if perr != syscall.EINTR {
				return true
			}
		}
	})
	if err != nil {
		return err
	}
	if perr == syscall.EAGAIN || perr == syscall.EWOULDBLOCK {
		return nil
	}
	return peekResult(n, perr)
}
