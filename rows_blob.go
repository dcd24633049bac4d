package ifx

import (
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// A result with BYTE or TEXT columns holds only descriptors in its
// tuples; each value's contents come from SQ_FETCHBLOB while the cursor
// is open (docs/PROTOCOL.md, "BYTE and TEXT"). Such a Rows reads each
// fetch reply whole, keeping its tuples, and when Next reaches a row it
// fetches that row's values (one request group each, written together)
// before the next NFETCH or CLOSE. The row is then rebuilt in the layout
// of an opaque value (BYTE: []byte) or of LVARCHAR (TEXT: string), so
// that Scan and Values treat it like any other row. Memory holds one
// fetch buffer of descriptors and one row's values.

// blobRows is the state of a Rows over BYTE/TEXT columns.
type blobRows struct {
	descCols []colInfo // the plan of the tuples as the server sends them
	rowCols  []colInfo // the plan of the rebuilt rows
	batch    [][]byte  // the current fetch reply's tuples (copies)
	next     int
	arena    []byte // backs batch
	row      []byte // the rebuilt current row
	values   [][]byte
}

// hasBlobColumns reports a plan with BYTE or TEXT columns.
func hasBlobColumns(cols []colInfo) bool {
	for i := range cols {
		if cols[i].kind == kBlobDesc {
			return true
		}
	}
	return false
}

// startBlobRows switches r to reading BYTE/TEXT contents. Query calls it
// after reading the first message of the first reply, which may have
// been a row (r.peeked).
func (r *Rows) startBlobRows() error {
	b := &blobRows{descCols: r.cols, rowCols: make([]colInfo, len(r.cols))}
	copy(b.rowCols, r.cols)
	for i := range b.rowCols {
		ci := &b.rowCols[i]
		if ci.kind != kBlobDesc {
			continue
		}
		ci.kind, ci.width = kOpaque, 0
		if ci.desc.Type.Base() == sqli.TypeText {
			ci.kind = kText
		}
	}
	r.blob = b
	if r.peeked {
		r.peeked = false
		b.keep(r.vals)
	}
	return r.readBlobBatch()
}

// keep copies a tuple (its column values are contiguous) into the batch.
func (b *blobRows) keep(vals [][]byte) {
	start := len(b.arena)
	for _, v := range vals {
		b.arena = append(b.arena, v...)
	}
	b.batch = append(b.batch, b.arena[start:len(b.arena):len(b.arena)])
}

// readBlobBatch reads the rest of the current fetch reply into the batch.
func (r *Rows) readBlobBatch() error {
	b := r.blob
	r.cols = b.descCols
	defer func() { r.cols = b.rowCols }()
	for r.inGroup {
		ok, err := r.readMessage()
		if err != nil {
			return err
		}
		if ok {
			b.keep(r.vals)
		}
	}
	return nil
}

// nextBlobRow is Next for a Rows over BYTE/TEXT columns.
func (r *Rows) nextBlobRow() bool {
	b := r.blob
	for b.next >= len(b.batch) {
		if r.ended {
			r.finishEnd()
			return false
		}
		b.batch, b.arena, b.next = b.batch[:0], b.arena[:0], 0
		if err := r.requestBatch(); err != nil {
			r.fail(err)
			return false
		}
		if err := r.readBlobBatch(); err != nil {
			r.fail(err)
			return false
		}
	}
	tuple := b.batch[b.next]
	b.next++
	if err := r.fetchBlobs(tuple); err != nil {
		r.fail(err)
		return false
	}
	r.vals = r.vals[:0]
	if err := r.splitData(b.row); err != nil {
		r.c.closeNow()
		r.fail(err)
		return false
	}
	r.haveRow = true
	return true
}

// fetchBlobs fetches the BYTE/TEXT values of tuple and rebuilds it into
// b.row.
func (r *Rows) fetchBlobs(tuple []byte) error {
	b, c := r.blob, r.c
	r.cols = b.descCols
	r.vals = r.vals[:0]
	err := r.splitData(tuple)
	r.cols = b.rowCols
	if err != nil {
		c.closeNow()
		return err
	}
	var descs []int // columns whose values to fetch
	for i := range b.descCols {
		if b.descCols[i].kind == kBlobDesc && !b.descCols[i].isNull(r.vals[i]) {
			descs = append(descs, i)
		}
	}
	b.values = b.values[:0]
	for range b.descCols {
		b.values = append(b.values, nil)
	}
	if len(descs) > 0 {
		if err := c.arm(r.ctx); err != nil {
			return err
		}
		buf, pending := c.appendPending(c.wbuf[:0])
		for _, i := range descs {
			buf = (&sqli.ID{StatementID: r.stmtID}).Encode(buf, c.feat)
			buf = (&sqli.FetchBlob{Descriptor: r.vals[i]}).Encode(buf, c.feat)
			buf = sqli.EOT{}.Encode(buf, c.feat)
		}
		c.wbuf = buf[:0]
		err := c.write("fetch blob", buf)
		if err == nil {
			err = c.readPendingReplies(pending)
		}
		// One reply per group sent, even after a statement error in one
		// of them; a lost or desynchronised connection ends the loop.
		var (
			arena    = make([]byte, 0, 256) // non-nil: an empty value is not NULL
			firstErr error
		)
		for k := 0; err == nil && k < len(descs); k++ {
			start := len(arena)
			var ferr error
			arena, ferr = c.readBlob(arena)
			var se *Error
			switch {
			case ferr == nil:
				b.values[descs[k]] = arena[start:len(arena):len(arena)]
			case errors.As(ferr, &se) && !c.closed.Load():
				if firstErr == nil {
					firstErr = ferr
				}
			default:
				err = ferr
			}
		}
		if err == nil {
			err = firstErr
		}
		if err = c.finish(err); err != nil {
			return err
		}
	}
	// Rebuild: BYTE and TEXT as u8 indicator, i32 length, bytes.
	row := b.row[:0]
	for i := range b.descCols {
		if b.descCols[i].kind != kBlobDesc {
			row = append(row, r.vals[i]...)
			continue
		}
		v := b.values[i]
		if v == nil {
			row = append(row, 1, 0, 0, 0, 0)
			continue
		}
		row = append(row, 0)
		row = sqli.AppendInt32(row, int32(len(v)))
		row = append(row, v...)
	}
	b.row = row
	return nil
}

// readBlob reads the reply to one SQ_FETCHBLOB, appending the value to
// dst. A value beyond Config.MaxMessageSize is refused: a server cannot
// make the client hold more than that per value.
func (c *Conn) readBlob(dst []byte) ([]byte, error) {
	start := len(dst)
	var sqlErr *Error
	ended := false
	for {
		m, err := c.recv("fetch blob")
		if err != nil {
			return dst, err
		}
		switch m := m.(type) {
		case *sqli.Blob:
			if len(m.Data) == 0 {
				ended = true
				continue
			}
			if ended {
				c.closeNow()
				return dst, &ProtocolError{Op: "fetch blob", Err: errors.New("SQ_BLOB after the end of the value")}
			}
			if len(dst)-start+len(m.Data) > c.cfg.MaxMessageSize {
				c.closeNow()
				return dst, &ProtocolError{Op: "fetch blob", Err: fmt.Errorf("a BYTE/TEXT value beyond %d bytes (Config.MaxMessageSize)", c.cfg.MaxMessageSize)}
			}
			dst = append(dst, m.Data...)
		case *sqli.Err:
			c.keepFirstErr(&sqlErr, m)
		case *sqli.Done, *sqli.Cost, *sqli.XactStat:
		case sqli.EOT:
			if sqlErr != nil {
				return dst, sqlErr
			}
			return dst, nil
		default:
			c.closeNow()
			return dst, &ProtocolError{Op: "fetch blob", Err: errors.New("unexpected " + m.Tag().String())}
		}
	}
}
