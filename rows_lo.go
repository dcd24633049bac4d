package ifx

import (
	"fmt"
	"io"
	"strings"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// BLOB and CLOB columns carry a locator (docs/PROTOCOL.md, "Smart large
// objects"). They scan into *ifxtype.Locator, and, reading the object
// through the fast path while the Rows is positioned on the row, into
// *[]byte and *string (whole values, at most Config.MaxMessageSize
// bytes) and io.Writer (streamed, any size). A result with such columns
// reads each fetch reply whole first (as for BYTE and TEXT), so that the
// connection is free for those reads between rows.

// loKind reports a BLOB or CLOB column and its kind.
func (ci *colInfo) loKind() (ifxtype.LOKind, bool) {
	if ci.kind != kOpaque {
		return 0, false
	}
	switch {
	case ci.desc.ExtendedID == sqli.XIDBlob || strings.EqualFold(ci.desc.ExtendedName, "blob"):
		return ifxtype.BLOB, true
	case ci.desc.ExtendedID == sqli.XIDClob || strings.EqualFold(ci.desc.ExtendedName, "clob"):
		return ifxtype.CLOB, true
	}
	return 0, false
}

// isLOColumn reports a BLOB or CLOB column.
func (ci *colInfo) isLOColumn() bool {
	_, ok := ci.loKind()
	return ok
}

// locator decodes a non-NULL BLOB/CLOB value.
func (r *Rows) locator(ci *colInfo, v []byte, kind ifxtype.LOKind) (ifxtype.Locator, error) {
	return ifxtype.ParseLocatorWire(ci.payload(v), kind)
}

// scanLO stores a BLOB or CLOB column into dest.
func (r *Rows) scanLO(i int, kind ifxtype.LOKind, null bool, dest any) error {
	ci := &r.cols[i]
	if null {
		if _, ok := dest.(io.Writer); ok {
			return errNull
		}
		return r.scanNull(dest)
	}
	loc, err := r.locator(ci, r.vals[i], kind)
	if err != nil {
		return err
	}
	switch d := dest.(type) {
	case *ifxtype.Locator:
		*d = loc
		return nil
	case **ifxtype.Locator:
		*d = &loc
		return nil
	case *any:
		*d = loc
		return nil
	case *[]byte:
		var buf strings.Builder
		if err := r.copyLO(loc, &limitedWriter{w: &buf, left: int64(r.c.cfg.MaxMessageSize)}); err != nil {
			return err
		}
		*d = append((*d)[:0], buf.String()...)
		if *d == nil {
			*d = []byte{}
		}
		return nil
	case *string:
		var buf strings.Builder
		if err := r.copyLO(loc, &limitedWriter{w: &buf, left: int64(r.c.cfg.MaxMessageSize)}); err != nil {
			return err
		}
		if kind == ifxtype.CLOB {
			*d = r.c.codec.decode([]byte(buf.String()), &r.scratch)
		} else {
			*d = buf.String()
		}
		return nil
	case io.Writer:
		return r.copyLO(loc, d)
	}
	return fmt.Errorf("cannot scan %v into %T: %w", kind, dest, ErrUnsupported)
}

// ErrLargeObjectTooLarge is returned when a BLOB or CLOB scanned into
// []byte or string exceeds Config.MaxMessageSize; scan it into an
// io.Writer or an *ifxtype.Locator instead.
var ErrLargeObjectTooLarge = fmt.Errorf("ifx: large object exceeds Config.MaxMessageSize (scan into an io.Writer or *ifxtype.Locator)")

type limitedWriter struct {
	w    io.Writer
	left int64
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		return 0, ErrLargeObjectTooLarge
	}
	l.left -= int64(len(p))
	return l.w.Write(p)
}

// copyLO streams the object loc names into w, one SQ_LODATA exchange at
// a time, under the Rows' context.
func (r *Rows) copyLO(loc ifxtype.Locator, w io.Writer) (err error) {
	c := r.c
	if err := c.arm(r.ctx); err != nil {
		return err
	}
	defer func() { err = c.finish(err) }()
	vals, err := c.callRoutine(sigLOOpen, []any{fpLocator(loc), int32(loReadMode)})
	if err != nil {
		return err
	}
	fd, ok := oneInt(vals)
	if !ok {
		return &ProtocolError{Op: "open large object", Err: fmt.Errorf("ifx_lo_open returned %v", vals)}
	}
	buf := c.loBuffer()
	for {
		n, rerr := c.loRead(fd, buf, -1)
		if rerr != nil {
			err = rerr
			break
		}
		if n == 0 {
			break
		}
		if _, werr := w.Write(buf[:n]); werr != nil {
			err = werr
			break
		}
		c.refreshReadDeadline(r.ctx)
	}
	if c.closed.Load() {
		return err
	}
	if _, cerr := c.callRoutine(sigLOClose, []any{fd}); err == nil {
		err = cerr
	}
	return err
}

// loBuffer returns the connection's buffer for SQ_LODATA reads.
func (c *Conn) loBuffer() []byte {
	if c.loBuf == nil {
		c.loBuf = make([]byte, 256<<10)
	}
	return c.loBuf
}

// driverLO is a BLOB ([]byte) or CLOB (string) value for database/sql,
// read whole (at most Config.MaxMessageSize bytes).
func (r *Rows) driverLO(i int, kind ifxtype.LOKind) (any, error) {
	if kind == ifxtype.CLOB {
		var s string
		err := r.scanLO(i, kind, false, &s)
		return s, err
	}
	b := []byte{}
	err := r.scanLO(i, kind, false, &b)
	return b, err
}

// loReadMode is the open mode for reading a column's value: JDBC's
// LO_NODIRTY_READ (0x800) without an access bit, which reads.
const loReadMode = 0x800
