package ifx

// Hooks for adapters built on the native API: the database/sql driver in
// package stdlib and connection pools. Each one is small and has its own
// tests (stdlib_hooks_test.go).

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

// DriverValues stores the current row's columns in dest, one per column,
// as database/sql driver values, decoded straight from the fetched bytes:
//
//	SMALLINT, INTEGER, SERIAL, BIGINT, INT8, SERIAL8, BIGSERIAL  int64
//	SMALLFLOAT, FLOAT                                            float64
//	BOOLEAN                                                      bool
//	DATE, DATETIME (any qualifier)                               time.Time (Config.TimeLocation; fields a DATETIME lacks from 0001-01-01 00:00:00)
//	INTERVAL DAY…FRACTION                                        time.Duration (ifxtype.IntervalDF beyond its range)
//	INTERVAL YEAR…MONTH                                          ifxtype.IntervalYM
//	CHAR, VARCHAR, LVARCHAR, NCHAR, NVARCHAR, JSON, collections  string
//	DECIMAL, MONEY                                               string, every digit kept (ifxtype.Decimal scans it)
//	other opaque types                                           []byte (a copy)
//	NULL                                                         nil
//
// Fixed-width values cost no allocation beyond the one database/sql's
// interface boxing needs; a string costs its own. Package stdlib's
// Rows.Next is this method. It fails like Scan for a column type the
// driver cannot read yet.
func (r *Rows) DriverValues(dest []driver.Value) error {
	if !r.haveRow {
		if r.closed {
			return ErrRowsClosed
		}
		return errors.New("ifx: DriverValues called without a successful Next")
	}
	if len(dest) != len(r.cols) {
		return fmt.Errorf("ifx: DriverValues got %d destinations for %d columns", len(dest), len(r.cols))
	}
	for i := range r.cols {
		x, err := r.sqlValue(i)
		if err != nil {
			return &ScanError{Column: r.columns[i].Name, Index: i, Err: err}
		}
		dest[i] = x
	}
	return nil
}

// sqlValue is one column of DriverValues: what a sql.Scanner gets
// (driverValue), except that intervals keep their own types. An INTERVAL
// DAY…FRACTION beyond time.Duration goes as its text: database/sql can
// store a string into *string and ifxtype.IntervalDF's Scan reads it, but
// it refuses an ifxtype.IntervalDF for every destination but *any.
func (r *Rows) sqlValue(i int) (driver.Value, error) {
	if ci := &r.cols[i]; ci.kind == kIntervalDF || ci.kind == kIntervalYM {
		if v := r.vals[i]; !ci.isNull(v) {
			x, err := r.intervalValue(ci, v)
			if iv, ok := x.(ifxtype.IntervalDF); ok {
				return iv.String(), err
			}
			return x, err
		}
		return nil, nil
	}
	return r.driverValue(i)
}

// CheckConn reports whether an idle connection is still open, without
// sending anything: it peeks at the socket without blocking. A server
// that closed the connection (or sent bytes nobody asked for) makes it
// close the Conn and return an error matching ErrConnClosed; nil means
// the socket looked healthy. Pools call it before handing out an idle
// connection, as package stdlib does in ResetSession. Where the platform
// offers no way to peek (or the connection was not dialled as a socket
// it can reach), it returns an error matching errors.ErrUnsupported and
// leaves the Conn alone.
func (c *Conn) CheckConn() error {
	if err := c.enter(); err != nil {
		return err
	}
	defer c.leave()
	if err := c.checkExhausted(); err != nil {
		return err
	}
	if c.rows != nil && c.rows.inGroup {
		// A reply is still arriving for an open Rows: bytes on the
		// socket are expected.
		return nil
	}
	if err := c.checkNoStray("check"); err != nil {
		return err
	}
	p, err := c.socketPeek()
	if err != nil {
		return err
	}
	// A deadline left from the last exchange would fail the peek.
	c.nc.SetReadDeadline(time.Time{})
	if err = p.peek(); err == nil {
		return nil
	}
	c.closeNow()
	if err == errUnsolicited {
		return &ProtocolError{Op: "check", Err: err}
	}
	return c.lostErr("check", err)
}

// syscallConn returns the socket under the connection, if it can be
// reached.
func (c *Conn) syscallConn() syscall.Conn {
	if c.tcp != nil {
		return c.tcp
	}
	nc := c.nc
	if u, ok := nc.(interface{ NetConn() net.Conn }); ok { // *tls.Conn
		nc = u.NetConn()
	}
	if sc, ok := nc.(syscall.Conn); ok {
		return sc
	}
	return nil
}

// peekResult turns the outcome of a non-blocking one-byte peek into
// CheckConn's verdict.
func peekResult(n int, err error) error {
	switch {
	case n > 0:
		return errUnsolicited
	case err == nil:
		return io.EOF // orderly shutdown by the server
	}
	return err
}

// SafeToRetry reports whether err was returned before any byte of the
// failed request was written, so that running the request again, on
// another connection, cannot run it twice. That is the case when the Conn
// was already closed (by Close, or by an earlier failure) when the call
// began: the call returns ErrConnClosed itself. An error that closed the
// connection during the call also matches ErrConnClosed with errors.Is,
// but is a different value and is never safe: the server may have run
// the statement. package stdlib returns driver.ErrBadConn, which makes
// database/sql retry, only when SafeToRetry holds.
func SafeToRetry(err error) bool {
	return err == ErrConnClosed
}
