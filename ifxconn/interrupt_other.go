//go:build !unix

package ifxconn

import (
	"errors"
	"net"
)

// sendInterrupt is not available on this platform: without an urgent byte
// the only way to stop a statement is to close the connection.
func sendInterrupt(*net.TCPConn) error {
	return errors.New("ifx: out-of-band interrupt not supported on this platform")
}
