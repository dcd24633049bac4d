package ifx

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
)

// Hooks for database/sql drivers that scan into the caller's destinations
// themselves (driver.RowsColumnScanner, Go 1.27). Boxing each value as a
// driver.Value costs an allocation per column; these let package stdlib
// skip it wherever the result cannot differ from database/sql's own
// conversion of that driver.Value.

// DriverValue returns column i of the current row as DriverValues would
// store it.
func (r *Rows) DriverValue(i int) (driver.Value, error) {
	if !r.haveRow {
		if r.closed {
			return nil, ErrRowsClosed
		}
		return nil, errors.New("ifx: DriverValue called without a successful Next")
	}
	if i < 0 || i >= len(r.cols) {
		return nil, fmt.Errorf("ifx: DriverValue: column %d of %d", i, len(r.cols))
	}
	x, err := r.sqlValue(i)
	if err != nil {
		return nil, &ScanError{Column: r.columns[i].Name, Index: i, Err: err}
	}
	return x, nil
}

// ScanDriverColumn stores column i of the current row in dest exactly as
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
func (r *Rows) ScanDriverColumn(i int, dest any) (bool, error) {
	if !r.haveRow || uint(i) >= uint(len(r.cols)) {
		return false, nil // DriverValue reports it
	}
	ci := &r.cols[i]
	v := r.vals[i]
	k := ci.Kind
	if k == ifxtype.ColUnsupported || k == ifxtype.ColBlobDesc || ci.IsNull(v) {
		return false, nil
	}
	// One switch, no further call, for the plain destinations: this runs
	// for every value of every row.
	switch d := dest.(type) {
	case *string:
		if k.IsText() || k.IsInteger() || k == ifxtype.ColDecimal || k == ifxtype.ColIntervalDF || k == ifxtype.ColIntervalYM {
			// Intervals in their Informix text form, whatever their
			// range: database/sql's conversion cannot turn the
			// ifxtype values (or time.Duration) into one.
			return true, store(d)(r.dec.Text(ci, v))
		}
	case *[]byte:
		// A copy of its own, as database/sql makes, but one instead of
		// two (the driver.Value's, then Scan's).
		switch {
		case k.IsText():
			*d = r.c.codec.AppendDecoded([]byte{}, ci.Payload(v), nil)
			return true, nil
		case k == ifxtype.ColOpaque:
			*d = append([]byte{}, ci.Payload(v)...)
			return true, nil
		}
	case *int64:
		if k.IsInteger() {
			return true, store(d)(r.dec.Int64(ci, v))
		}
	case *int32:
		if k.IsInteger() {
			return true, store(d)(narrowInt[int32](r.dec.Int64(ci, v)))
		}
	case *int16:
		if k.IsInteger() {
			return true, store(d)(narrowInt[int16](r.dec.Int64(ci, v)))
		}
	case *int8:
		if k.IsInteger() {
			return true, store(d)(narrowInt[int8](r.dec.Int64(ci, v)))
		}
	case *int:
		if k.IsInteger() {
			return true, store(d)(narrowInt[int](r.dec.Int64(ci, v)))
		}
	case *float64:
		if k == ifxtype.ColFloat || k == ifxtype.ColSmallFloat {
			return true, store(d)(r.dec.Float64(ci, v))
		}
	case *bool:
		if k == ifxtype.ColBool {
			*d = r.dec.Bool(v)
			return true, nil
		}
	case *time.Time:
		if k == ifxtype.ColDate || k == ifxtype.ColDateTime {
			return true, store(d)(r.dec.Time(ci, v))
		}
	case *ifxtype.DateTime, *ifxtype.IntervalDF, *ifxtype.IntervalYM:
		if k == ifxtype.ColDateTime || k == ifxtype.ColIntervalDF || k == ifxtype.ColIntervalYM {
			return true, r.scanColumn(i, d)
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
		return nullable(r.ScanDriverColumn(i, &d.String))(&d.Valid)
	case *sql.NullInt64:
		return nullable(r.ScanDriverColumn(i, &d.Int64))(&d.Valid)
	case *sql.NullInt32:
		return nullable(r.ScanDriverColumn(i, &d.Int32))(&d.Valid)
	case *sql.NullInt16:
		return nullable(r.ScanDriverColumn(i, &d.Int16))(&d.Valid)
	case *sql.NullFloat64:
		return nullable(r.ScanDriverColumn(i, &d.Float64))(&d.Valid)
	case *sql.NullBool:
		return nullable(r.ScanDriverColumn(i, &d.Bool))(&d.Valid)
	case *sql.NullTime:
		return nullable(r.ScanDriverColumn(i, &d.Time))(&d.Valid)
	case *sql.Null[ifxtype.Decimal]:
		return nullable(r.ScanDriverColumn(i, &d.V))(&d.Valid)
	case *sql.Null[string]:
		return nullable(r.ScanDriverColumn(i, &d.V))(&d.Valid)
	case *sql.Null[int64]:
		return nullable(r.ScanDriverColumn(i, &d.V))(&d.Valid)
	case *sql.Null[int32]:
		return nullable(r.ScanDriverColumn(i, &d.V))(&d.Valid)
	case *sql.Null[time.Time]:
		return nullable(r.ScanDriverColumn(i, &d.V))(&d.Valid)
	case *sql.Null[ifxtype.DateTime]:
		return nullable(r.ScanDriverColumn(i, &d.V))(&d.Valid)
	case *sql.Null[ifxtype.IntervalDF]:
		return nullable(r.ScanDriverColumn(i, &d.V))(&d.Valid)
	case *sql.Null[ifxtype.IntervalYM]:
		return nullable(r.ScanDriverColumn(i, &d.V))(&d.Valid)
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
