package ifx

import (
	"fmt"

	"github.com/ifxgo/ifx/ifxtype"
)

// splitData cuts a tuple (packed layout) into column values
// (ifxtype.SplitRow). The slices alias the reader's buffer and are valid
// until the next read.
func (r *Rows) splitData(data []byte) error {
	var err error
	if r.vals, err = ifxtype.SplitRow(r.vals, r.cols, data); err != nil {
		return &ProtocolError{Op: "fetch", Err: err}
	}
	return nil
}

// ScanError reports a column that could not be stored in its destination.
type ScanError struct {
	Column string // column name
	Index  int    // 0-based column index
	Err    error
}

// Error implements error.
func (e *ScanError) Error() string {
	return fmt.Sprintf("ifx: scan column %d (%s): %v", e.Index, e.Column, e.Err)
}

// Unwrap returns the cause.
func (e *ScanError) Unwrap() error { return e.Err }

var errNull = fmt.Errorf("NULL cannot be stored here; scan into a pointer or an sql.Null type")
