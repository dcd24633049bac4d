package stdlib

// Conversions of a row's values for database/sql, straight from the
// fetched bytes: what Rows.Next stores (driverValues) and what Rows.ScanColumn
// (Go 1.27's driver.RowsColumnScanner) stores without boxing
// (scanRowColumn). They read the current row of an *ifx.Rows through
// internal/adapter, and decode with ifxtype's ColumnDecoder.

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
)

// driverValues stores the current row's columns in dest, one per column,
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
// interface boxing needs. The bytes of character and DECIMAL strings of
// up to 64 bytes are cut from blocks shared by the Rows, as native Scan's
// (keeping one string keeps its block, at most 1 KiB, alive); a longer
// one costs its own allocation. Rows.Next is this
// function. It fails like Scan for a column type the
// driver cannot read yet.
func driverValues(rows *ifx.Rows, dest []driver.Value) error {
	r := adapter.CurrentRow(rows)
	if !r.Have {
		if r.Closed {
			return ifx.ErrRowsClosed
		}
		return errors.New("ifx: DriverValues called without a successful Next")
	}
	if len(dest) != len(r.Plans) {
		return fmt.Errorf("ifx: DriverValues got %d destinations for %d columns", len(dest), len(r.Plans))
	}
	for i := range r.Plans {
		x, err := sqlValue(&r, i)
		if err != nil {
			return &ifx.ScanError{Column: r.Columns[i].Name, Index: i, Err: err}
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
func sqlValue(r *adapter.Row, i int) (driver.Value, error) {
	if ci := &r.Plans[i]; ci.Kind == ifxtype.ColIntervalDF || ci.Kind == ifxtype.ColIntervalYM {
		if v := r.Vals[i]; !ci.IsNull(v) {
			x, err := r.Dec.IntervalValue(ci, v)
			if iv, ok := x.(ifxtype.IntervalDF); ok {
				return iv.String(), err
			}
			return x, err
		}
		return nil, nil
	}
	if ci := &r.Plans[i]; ci.Kind == ifxtype.ColOpaque && ci.IsLO() && !ci.IsNull(r.Vals[i]) {
		// A BLOB or CLOB holds a locator: the value is the object's
		// bytes ([]byte) or text (string), read whole.
		return adapter.LOValue(r.Rows, i)
	}
	switch r.Plans[i].Kind {
	case ifxtype.ColChar, ifxtype.ColVarChar, ifxtype.ColText, ifxtype.ColDecimal:
		// The string's bytes from the Rows' shared blocks, as Scan's:
		// one allocation fewer per value than DriverValue's string.
		if s, ok := adapter.RowText(r.Rows, i); ok {
			return s, nil
		}
	}
	return r.Dec.DriverValue(&r.Plans[i], r.Vals[i])
}

// Hooks for database/sql drivers that scan into the caller's destinations
// themselves (driver.RowsColumnScanner, Go 1.27). Boxing each value as a
// driver.Value costs an allocation per column; these let package stdlib
// skip it wherever the result cannot differ from database/sql's own
// conversion of that driver.Value.

// rowDriverValue returns column i of row r as driverValues would store
// it.
func rowDriverValue(r *adapter.Row, i int) (driver.Value, error) {
	if !r.Have {
		if r.Closed {
			return nil, ifx.ErrRowsClosed
		}
		return nil, errors.New("ifx: DriverValue called without a successful Next")
	}
	if i < 0 || i >= len(r.Plans) {
		return nil, fmt.Errorf("ifx: DriverValue: column %d of %d", i, len(r.Plans))
	}
	x, err := sqlValue(r, i)
	if err != nil {
		return nil, &ifx.ScanError{Column: r.Columns[i].Name, Index: i, Err: err}
	}
	return x, nil
}

// scanRowColumn stores column i of row r in dest exactly as
// database/sql's Rows.Scan would store DriverValue(i) there, but straight
// from the fetched bytes, without boxing the value. It does so for a
// non-NULL value and the destinations database/sql code uses most:
//
//	*string                  character types, integers, DECIMAL and MONEY
//	*[]byte                  character types, BYTE and other opaque types
//	*int64, *int32, *int16,
//	*int8, *int              integers (range checked)
//	*float64                 SMALLFLOAT, FLOAT
//	*bool                    BOOLEAN
//	*time.Time               DATE, DATETIME (any qualifier: the fields
//	                         it lacks come from ifxtype.DateTime.Time's
//	                         base date, 0001-01-01 00:00:00)
//	*ifxtype.Decimal         DECIMAL, MONEY
//	*ifxtype.DateTime,
//	*ifxtype.IntervalDF,
//	*ifxtype.IntervalYM      DATETIME, INTERVAL with the column's own
//	                         qualifier (see below)
//	*sql.NullString, *sql.NullInt64, *sql.NullInt32, *sql.NullInt16,
//	*sql.NullFloat64, *sql.NullBool, *sql.NullTime, *sql.Null[T] for
//	T ifxtype.Decimal, string, int64, int32, time.Time,
//	ifxtype.DateTime, IntervalDF, IntervalYM
//	                         as their value field
//
// The ifxtype temporal destinations are the exception to "exactly as
// database/sql": from DriverValue(i), a time.Time or time.Duration, their
// Scan methods cannot know the column's qualifier, so this stores what
// the native Rows.Scan stores instead.
//
// For anything else it reports false and leaves dest alone: the caller
// converts DriverValue(i) itself (package stdlib calls
// sql.ConvertAssign). Where both could store a value, a test holds them
// to the same result (TestScanDriverColumnMatchesConvertAssign in
// package stdlib).
func scanRowColumn(r *adapter.Row, i int, dest any) (bool, error) {
	if !r.Have || uint(i) >= uint(len(r.Plans)) {
		return false, nil // DriverValue reports it
	}
	ci := &r.Plans[i]
	v := r.Vals[i]
	k := ci.Kind
	if k == ifxtype.ColUnsupported || k == ifxtype.ColBlobDesc || ci.IsNull(v) || (k == ifxtype.ColOpaque && ci.IsLO()) {
		return false, nil // BLOB, CLOB: DriverValue reads the object
	}
	// One switch, no further call, for the plain destinations: this runs
	// for every value of every row.
	switch d := dest.(type) {
	case *string:
		if k.IsText() || k.IsInteger() || k == ifxtype.ColDecimal || k == ifxtype.ColIntervalDF || k == ifxtype.ColIntervalYM {
			// Intervals in their Informix text form, whatever their
			// range: database/sql's conversion cannot turn the
			// ifxtype values (or time.Duration) into one.
			return true, adapter.Store(d)(r.Dec.Text(ci, v))
		}
	case *[]byte:
		// A copy of its own, as database/sql makes, but one instead of
		// two (the driver.Value's, then Scan's).
		switch {
		case k.IsText():
			*d = r.Dec.Codec.AppendDecoded([]byte{}, ci.Payload(v), nil)
			return true, nil
		case k == ifxtype.ColOpaque:
			*d = append([]byte{}, ci.Payload(v)...)
			return true, nil
		}
	case *int64:
		if k.IsInteger() {
			return true, adapter.Store(d)(r.Dec.Int64(ci, v))
		}
	case *int32:
		if k.IsInteger() {
			return true, adapter.Store(d)(adapter.NarrowInt[int32](r.Dec.Int64(ci, v)))
		}
	case *int16:
		if k.IsInteger() {
			return true, adapter.Store(d)(adapter.NarrowInt[int16](r.Dec.Int64(ci, v)))
		}
	case *int8:
		if k.IsInteger() {
			return true, adapter.Store(d)(adapter.NarrowInt[int8](r.Dec.Int64(ci, v)))
		}
	case *int:
		if k.IsInteger() {
			return true, adapter.Store(d)(adapter.NarrowInt[int](r.Dec.Int64(ci, v)))
		}
	case *float64:
		if k == ifxtype.ColFloat || k == ifxtype.ColSmallFloat {
			return true, adapter.Store(d)(r.Dec.Float64(ci, v))
		}
	case *bool:
		if k == ifxtype.ColBool {
			*d = r.Dec.Bool(v)
			return true, nil
		}
	case *time.Time:
		if k == ifxtype.ColDate || k == ifxtype.ColDateTime {
			return true, adapter.Store(d)(r.Dec.Time(ci, v))
		}
	case *ifxtype.DateTime, *ifxtype.IntervalDF, *ifxtype.IntervalYM:
		if k == ifxtype.ColDateTime || k == ifxtype.ColIntervalDF || k == ifxtype.ColIntervalYM {
			// What the native Rows.Scan stores.
			switch d := d.(type) {
			case *ifxtype.DateTime:
				return true, r.Dec.ScanDateTime(ci, v, d)
			case *ifxtype.IntervalDF:
				return true, r.Dec.ScanIntervalDF(ci, v, d)
			case *ifxtype.IntervalYM:
				return true, r.Dec.ScanIntervalYM(ci, v, d)
			}
		}
	case *ifxtype.Decimal:
		if k == ifxtype.ColDecimal {
			// Straight into *d, as native Scan does: a value that fails
			// to decode is a protocol error, not a conversion to undo.
			var err error
			*d, _, err = ifxtype.DecodeDecimalWireScale(v, ci.Scale)
			return true, err
		}
	case *sql.NullString:
		return nullable(scanRowColumn(r, i, &d.String))(&d.Valid)
	case *sql.NullInt64:
		return nullable(scanRowColumn(r, i, &d.Int64))(&d.Valid)
	case *sql.NullInt32:
		return nullable(scanRowColumn(r, i, &d.Int32))(&d.Valid)
	case *sql.NullInt16:
		return nullable(scanRowColumn(r, i, &d.Int16))(&d.Valid)
	case *sql.NullFloat64:
		return nullable(scanRowColumn(r, i, &d.Float64))(&d.Valid)
	case *sql.NullBool:
		return nullable(scanRowColumn(r, i, &d.Bool))(&d.Valid)
	case *sql.NullTime:
		return nullable(scanRowColumn(r, i, &d.Time))(&d.Valid)
	case *sql.Null[ifxtype.Decimal]:
		return nullable(scanRowColumn(r, i, &d.V))(&d.Valid)
	case *sql.Null[string]:
		return nullable(scanRowColumn(r, i, &d.V))(&d.Valid)
	case *sql.Null[int64]:
		return nullable(scanRowColumn(r, i, &d.V))(&d.Valid)
	case *sql.Null[int32]:
		return nullable(scanRowColumn(r, i, &d.V))(&d.Valid)
	case *sql.Null[time.Time]:
		return nullable(scanRowColumn(r, i, &d.V))(&d.Valid)
	case *sql.Null[ifxtype.DateTime]:
		return nullable(scanRowColumn(r, i, &d.V))(&d.Valid)
	case *sql.Null[ifxtype.IntervalDF]:
		return nullable(scanRowColumn(r, i, &d.V))(&d.Valid)
	case *sql.Null[ifxtype.IntervalYM]:
		return nullable(scanRowColumn(r, i, &d.V))(&d.Valid)
	}
	return false, nil
}

// nullable finishes an sql.NullX's Scan of a non-NULL value: Valid
// reports whether the conversion succeeded, as database/sql's does.
func nullable(done bool, err error) func(valid *bool) (bool, error) {
	return func(valid *bool) (bool, error) {
		if done {
			*valid = err == nil
		}
		return done, err
	}
}
