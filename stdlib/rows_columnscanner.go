//go:build go1.27

package stdlib

import (
	"database/sql"
	"database/sql/driver"
	"io"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
)

// From Go 1.27, database/sql lets a driver scan into the caller's
// destinations itself (driver.RowsColumnScanner) and no longer calls
// Next for such Rows. Rows then stores fixed-width values and strings
// straight from the fetched bytes, with no driver.Value boxed per
// column; other destinations get DriverValue through sql.ConvertAssign,
// which is what Next and database/sql did before.

var _ driver.RowsColumnScanner = (*Rows)(nil)

// NextRow advances to the next row, fetching the next batch from the
// server when the current one is used up. It returns io.EOF at the end.
func (r *Rows) NextRow() error {
	ok := r.rows.Next()
	r.stale = true
	if !ok {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return io.EOF
	}
	return nil
}

// ScanColumn stores column i of the row NextRow made current in dest,
// with the conversions of database/sql's Rows.Scan.
func (r *Rows) ScanColumn(sc driver.ScanContext, i int, dest any) error {
	// First the op native Scan planned for the column and dest's type:
	// a typed destination of a non-NULL value needs nothing else.
	// (r.fast is nil until the first row has shown no sql.Null wrapper.)
	if adapter.ScanColumnFast(r.fast, i, dest) {
		return nil
	}
	if r.mode != scanPlain {
		return r.scanUnwrapped(sc, i, dest)
	}
	return r.scanColumn(sc, i, dest)
}

// scanUnwrapped is ScanColumn in the first row and in results whose
// first row had an sql.Null wrapper: a wrapper's value field goes to the
// planned op, which then serves the column as it serves a typed
// destination (the column's op is planned on its first scan, for the
// type it gets then). A stored value makes the wrapper Valid, as its
// Scan does; NULL and what the op declines take scanColumn with the
// wrapper.
func (r *Rows) scanUnwrapped(sc driver.ScanContext, i int, dest any) error {
	inner, valid := nullValue(dest)
	if r.mode == scanProbe {
		r.wrapped = r.wrapped || valid != nil
		if i == len(r.cols)-1 {
			r.mode = scanPlain
			if r.wrapped {
				r.mode = scanUnwrap
			} else {
				r.fast = r.rows
			}
		}
	}
	if valid == nil {
		inner = dest
	}
	if adapter.ScanColumnFast(r.rows, i, inner) {
		if valid != nil {
			*valid = true
		}
		return nil
	}
	return r.scanColumn(sc, i, dest)
}

// nullValue returns the value field and Valid of an sql.Null wrapper of
// a type a planned op can store (valid nil for any other dest).
func nullValue(dest any) (inner any, valid *bool) {
	switch d := dest.(type) {
	case *sql.NullString:
		return &d.String, &d.Valid
	case *sql.NullInt64:
		return &d.Int64, &d.Valid
	case *sql.NullInt32:
		return &d.Int32, &d.Valid
	case *sql.NullInt16:
		return &d.Int16, &d.Valid
	case *sql.NullFloat64:
		return &d.Float64, &d.Valid
	case *sql.NullTime:
		return &d.Time, &d.Valid
	case *sql.Null[ifxtype.Decimal]:
		return &d.V, &d.Valid
	case *sql.Null[string]:
		return &d.V, &d.Valid
	case *sql.Null[int64]:
		return &d.V, &d.Valid
	case *sql.Null[int32]:
		return &d.V, &d.Valid
	case *sql.Null[time.Time]:
		return &d.V, &d.Valid
	}
	return nil, nil
}

// scanColumn is ScanColumn for what the planned op declines: NULL,
// destinations and column types it does not cover, and the errors.
func (r *Rows) scanColumn(sc driver.ScanContext, i int, dest any) error {
	if r.stale {
		r.takeRow()
		r.stale = false
	}
	if done, err := scanRowColumn(&r.cur, i, dest); done {
		return err
	}
	v, err := rowDriverValue(&r.cur, i)
	if err != nil {
		return err
	}
	return sql.ConvertAssign(sc, dest, v)
}

// takeRow makes r.cur the current row of r.rows. Only what changes from
// row to row is stored once the result's columns are known: a whole
// adapter.Row written into r (six pointers, each behind a write barrier)
// cost a few per cent of a fetch.
func (r *Rows) takeRow() {
	cur := adapter.CurrentRow(r.rows)
	if len(cur.Plans) == 0 || len(cur.Plans) != len(r.cur.Plans) || &cur.Plans[0] != &r.cur.Plans[0] ||
		cur.Dec != r.cur.Dec || cur.Rows != r.cur.Rows {
		r.cur = cur
		return
	}
	r.cur.Have, r.cur.Closed, r.cur.Vals = cur.Have, cur.Closed, cur.Vals
}
