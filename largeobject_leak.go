package ifx

import (
	"context"
	"errors"
	"runtime"
	"sync"
)

// A LargeObject dropped without Close keeps its descriptor open on the
// server until the session ends. As for a Stmt (stmt_leak.go), a cleanup
// records the descriptor when the LargeObject is collected (it never
// touches the socket: another goroutine may be using the connection), and
// the connection's next OpenLargeObject or CreateLargeObject closes the
// recorded descriptors first.

// loLeakList collects the descriptors of collected LargeObjects.
type loLeakList struct {
	mu  sync.Mutex
	fds []int32
}

type loLeak struct {
	c  *Conn
	fd int32
}

func (l *loLeak) found() {
	if l.c.closed.Load() {
		return
	}
	l.c.loLeaks.mu.Lock()
	l.c.loLeaks.fds = append(l.c.loLeaks.fds, l.fd)
	l.c.loLeaks.mu.Unlock()
}

// trackLO attaches the recording cleanup to lo.
func (c *Conn) trackLO(lo *LargeObject) {
	lo.cleanup = runtime.AddCleanup(lo, (*loLeak).found, &loLeak{c: c, fd: lo.fd})
}

// closeLeakedLOs closes the descriptors of collected LargeObjects. A
// descriptor the server no longer knows (-9810) is not an error.
func (c *Conn) closeLeakedLOs(ctx context.Context) error {
	c.loLeaks.mu.Lock()
	fds := c.loLeaks.fds
	c.loLeaks.fds = nil
	c.loLeaks.mu.Unlock()
	for _, fd := range fds {
		if _, err := c.CallRoutine(ctx, sigLOClose, fd); err != nil && !isSQLCode(err, -9810) {
			return err
		}
		c.reportLeak("ifx.LargeObject", "", nil)
	}
	return nil
}

func isSQLCode(err error, code int) bool {
	var e *Error
	return errors.As(err, &e) && e.SQLCode == code
}
