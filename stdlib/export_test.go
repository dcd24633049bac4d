package stdlib

import (
	"database/sql/driver"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/adapter"
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

// DriverValue is rowDriverValue on r's current row, for the tests.
func DriverValue(r *ifx.Rows, i int) (driver.Value, error) {
	row := adapter.CurrentRow(r)
	return rowDriverValue(&row, i)
}

// ScanDriverColumn is scanRowColumn on r's current row, for the tests.
func ScanDriverColumn(r *ifx.Rows, i int, dest any) (bool, error) {
	row := adapter.CurrentRow(r)
	return scanRowColumn(&row, i, dest)
}

// ScanColumnFast is the planned op ScanColumn tries first
// (adapter.ScanColumnFast), on r's current row, for the tests.
func ScanColumnFast(r *ifx.Rows, i int, dest any) bool { return adapter.ScanColumnFast(r, i, dest) }

// CopyInSpareBytes is the memory of the CopyIn queue dc, a driver
// connection from sql.Conn.Raw, keeps for its next CopyIn; -1 for none.
func CopyInSpareBytes(dc any) int {
	c := dc.(*Conn)
	if c.copyInSpare == nil {
		return -1
	}
	return c.copyInSpare.Retained()
}
