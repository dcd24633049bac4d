package ifxconn

import (
	"io"
	"net"
	"os"
	"syscall"
	"unsafe"

	"github.com/ifxgo/ifx/internal/testhook"
)

// loVecReader returns the socket for vectored LO reads: a plain TCP
// connection (not TLS, not a DialFunc's own stream); nil otherwise.
func (c *Conn) loVecReader() syscall.RawConn {
	tc, ok := c.nc.(*net.TCPConn)
	if !ok {
		return nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	return rc
}

// readVec is watchedIO.Read for one readv into segs (none empty) on rc:
// the poller waits under the read deadline, and the context watch and
// the late interrupt apply as to any read.
func (w watchedIO) readVec(rc syscall.RawConn, segs [][]byte) (int, error) {
	iov := make([]syscall.Iovec, len(segs))
	for i, s := range segs {
		iov[i].Base = &s[0]
		iov[i].SetLen(len(s))
	}
	c := w.c
	if !c.watching {
		return readv(rc, iov)
	}
	ctx := c.wCtx
	if ctx.Err() != nil {
		c.interrupt()
	}
	stop := testhook.WatchContext(ctx, c.interrupt)
	n, err := readv(rc, iov)
	stop()
	if n == 0 && err != nil && ctx.Err() != nil && isTimeout(err) && c.interruptLate() {
		return readv(rc, iov)
	}
	return n, err
}

func readv(rc syscall.RawConn, iov []syscall.Iovec) (int, error) {
	var n int
	var errno syscall.Errno
	err := rc.Read(func(fd uintptr) bool {
		for {
			r, _, e := syscall.Syscall(syscall.SYS_READV, fd, uintptr(unsafe.Pointer(&iov[0])), uintptr(len(iov)))
			switch e {
			case syscall.EINTR:
				continue
			case syscall.EAGAIN:
				return false // wait for the socket, under the deadline
			}
			n, errno = int(r), e
			return true
		}
	})
	switch {
	case err != nil:
		return 0, err
	case errno != 0:
		return 0, os.NewSyscallError("readv", errno)
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}
