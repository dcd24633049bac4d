//go:build !unix

package ifx

import (
	"fmt"
	"syscall"
)

// peekSocket is not available on this platform.
func peekSocket(syscall.Conn) error {
	return fmt.Errorf("ifx: CheckConn: peeking at a socket is not supported on this platform: %w", ErrUnsupported)
}
