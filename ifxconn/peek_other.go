//go:build !unix

package ifxconn

import (
	"fmt"
	"syscall"
)

// socketPeek is not available on this platform.
type socketPeek struct{}

func newSocketPeek(syscall.Conn) (*socketPeek, error) {
	return nil, fmt.Errorf("ifx: CheckConn: peeking at a socket is not supported on this platform: %w", ErrUnsupported)
}

func (*socketPeek) peek() error { return nil }
