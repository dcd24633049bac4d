package ifx

import (
	"context"
	"fmt"
	"io"

	"github.com/ifxgo/ifx/ifxtype"
)

// CLOBReader is an argument for a CLOB parameter whose text streams from
// R (in the client code set), as an io.Reader argument streams into a
// BLOB parameter.
type CLOBReader struct{ R io.Reader }

// streamLOArgs turns io.Reader arguments (BLOB) and CLOBReader arguments
// into new smart large objects: each is created, filled from its reader
// a bounded piece at a time, closed, and bound by its locator. The
// driver cannot learn a parameter's type without a round trip, so a
// plain io.Reader makes a BLOB; the object has no type of its own and the
// column gives it one (docs/PROTOCOL.md, "Smart large objects").
func (c *Conn) streamLOArgs(ctx context.Context, args []any) ([]any, error) {
	var out []any
	for i, a := range args {
		kind := ifxtype.BLOB
		var r io.Reader
		switch v := a.(type) {
		case CLOBReader:
			kind, r = ifxtype.CLOB, v.R
		case io.Reader:
			r = v
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		lo, err := c.CreateLargeObject(ctx, kind)
		if err != nil {
			return nil, &bindError{idx: i, err: err}
		}
		if _, err := io.Copy(lo, r); err != nil {
			lo.Close()
			return nil, &bindError{idx: i, err: fmt.Errorf("streaming into a %v: %w", kind, err)}
		}
		if err := lo.Close(); err != nil {
			return nil, &bindError{idx: i, err: err}
		}
		out[i] = lo.Locator()
	}
	if out == nil {
		return args, nil
	}
	return out, nil
}
