//go:build unix

package ifxconn

import (
	"errors"
	"net"
	"syscall"
)

// interruptByte is what IBM's clients send to interrupt a statement: one
// TCP urgent (out-of-band) byte, 'B'.
const interruptByte = 0x42

// sendInterrupt sends the out-of-band interrupt byte on the socket.
func sendInterrupt(tc *net.TCPConn) error {
	rc, err := tc.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	err = rc.Control(func(fd uintptr) {
		serr = syscall.Sendto(int(fd), []byte{interruptByte}, syscall.MSG_OOB, nil)
	})
	return errors.Join(err, serr)
}
