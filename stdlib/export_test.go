package stdlib

import (
	"database/sql/driver"
	"time"

	"github.com/ifxgo/ifx"
)

// SetPingIdle changes how long a connection may idle before ResetSession
// pings it where the socket cannot be peeked at; it returns the restore.
func SetPingIdle(d time.Duration) (restore func()) {
	old := pingIdle
	pingIdle = d
	return func() { pingIdle = old }
}

// DriverValues is driverValues, for the tests of package stdlib_test.
func DriverValues(r *ifx.Rows, dest []driver.Value) error { return driverValues(r, dest) }

// DriverValue is driverValue, for the tests.
func DriverValue(r *ifx.Rows, i int) (driver.Value, error) { return driverValue(r, i) }

// ScanDriverColumn is scanDriverColumn, for the tests.
func ScanDriverColumn(r *ifx.Rows, i int, dest any) (bool, error) {
	return scanDriverColumn(r, i, dest)
}
