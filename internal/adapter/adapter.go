// Package adapter is what package ifx lends to the packages built on it
// (stdlib, ifxpool) without making it part of ifx's API: the current row
// of a Rows as the server sent it, with its column plans and decoder, and
// an empty batch result. Package ifx fills the hooks in when it is
// initialised; the adapters call them. (pgx's stdlib reaches the same
// through pgx.Rows.RawValues and the type map, which are public there.)
package adapter

import (
	"fmt"

	"github.com/ifxgo/ifx/ifxtype"
)

// Row is the current row of an *ifx.Rows.
type Row struct {
	Have    bool // Next succeeded and the row is current
	Closed  bool // the Rows is closed
	Plans   []ifxtype.ColumnPlan
	Columns []ifxtype.Column
	// Vals are the row's values as SplitRow cut them (BYTE and TEXT
	// contents in the layout of an opaque value); they alias the
	// connection's buffer until the next call to Next.
	Vals [][]byte
	Dec  *ifxtype.ColumnDecoder
	// Rows is the *ifx.Rows itself, for LOValue.
	Rows any
}

// Hooks package ifx sets in its init.
var (
	// CurrentRow returns the current row of rows, an *ifx.Rows.
	CurrentRow func(rows any) Row
	// NewBatchResults returns an *ifx.BatchResults of a batch that could
	// not run at all: every Exec and Close return err.
	NewBatchResults func(err error) any
	// LOValue reads the non-NULL BLOB (as []byte) or CLOB (as string)
	// column i of rows' current row whole, through the rows' connection:
	// its value is a locator, not the bytes.
	LOValue func(rows any, i int) (any, error)
	// HandOverRowsLeak tells the connection of an *ifx.Rows or *ifx.Row
	// whose cursor is open that a handle of the caller wraps it and
	// reports its leak: the driver still closes the cursor of a
	// collected one, and counts it, without a second report.
	HandOverRowsLeak func(rows any)
	// ScanColumnFast stores column i of rows' current row in dest by
	// the op native Scan plans for the column and dest's type, and
	// reports whether it did; it declines (false, dest untouched) for
	// NULL, a destination or value the op does not cover, a BYTE/TEXT
	// result and outside a row, where the caller's own conversion
	// gives the result or the error.
	ScanColumnFast func(rows any, i int, dest any) bool
)

// Store returns a function that stores a conversion's result in dest
// unless it failed: database/sql leaves a destination alone on error.
func Store[T any](dest *T) func(T, error) error {
	return func(x T, err error) error {
		if err == nil {
			*dest = x
		}
		return err
	}
}

// NarrowInt converts an int64 to a narrower integer, failing on
// overflow.
func NarrowInt[T int8 | int16 | int32 | int](n int64, err error) (T, error) {
	if err != nil {
		return 0, err
	}
	t := T(n)
	if int64(t) != n {
		return 0, Overflow(n, fmt.Sprintf("%T", t))
	}
	return t, nil
}

// Overflow is the error of an integer that does not fit its destination.
func Overflow(n int64, typ string) error {
	return fmt.Errorf("value %d overflows %s", n, typ)
}
