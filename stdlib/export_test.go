package stdlib

import "time"

// SetPingIdle changes how long a connection may idle before ResetSession
// pings it where the socket cannot be peeked at; it returns the restore.
func SetPingIdle(d time.Duration) (restore func()) {
	old := pingIdle
	pingIdle = d
	return func() { pingIdle = old }
}
