//go:build go1.27

package stdlib

import (
	"database/sql"
	"database/sql/driver"
	"io"

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
	if adapter.ScanColumnFast(r.rows, i, dest) {
		return nil
	}
	return r.scanColumn(sc, i, dest)
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
