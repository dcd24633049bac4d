package ifx

// Hooks for adapters built on the native API: the database/sql driver in
// package stdlib and connection pools. Each one is small and has its own
// tests (stdlib_hooks_test.go).

import (
	"database/sql/driver"
	"errors"
	"fmt"

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
	if ci := &r.cols[i]; ci.Kind == ifxtype.ColIntervalDF || ci.Kind == ifxtype.ColIntervalYM {
		if v := r.vals[i]; !ci.IsNull(v) {
			x, err := r.dec.IntervalValue(ci, v)
			if iv, ok := x.(ifxtype.IntervalDF); ok {
				return iv.String(), err
			}
			return x, err
		}
		return nil, nil
	}
	return r.dec.DriverValue(&r.cols[i], r.vals[i])
}
