package ifx

import (
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// A result with BYTE or TEXT columns holds only descriptors in its
// tuples; each value's contents come from SQ_FETCHBLOB while the cursor
// is open (docs/PROTOCOL.md, "BYTE and TEXT"). Such a Rows reads each
// fetch reply whole, keeping its tuples, and when Next reaches a row
// whose values it does not hold it fetches those of a window of rows
// from there (one request group per value, written together), all
// before the next NFETCH or CLOSE. The row is then rebuilt in the layout
// of an opaque value (BYTE: []byte) or of LVARCHAR (TEXT: string), so
// that Scan and Values treat it like any other row. Memory holds one
// fetch buffer of descriptors and one window of values (1 MiB, or one
// row's).

// blobRows is the state of a Rows over BYTE/TEXT columns.
type blobRows struct {
	descCols []colInfo // the plan of the tuples as the server sends them
	rowCols  []colInfo // the plan of the rebuilt rows
	batch    [][]byte  // the current fetch reply's tuples (copies)
	next     int
	arena    []byte // backs batch
	row      []byte // the rebuilt current row
	// The window: rows winStart … winStart+len(winErr)-1 of the batch,
	// their values row by row (len(descCols) each; nil: NULL or not
	// BYTE/TEXT) and the statement error each row's fetch got.
	winStart int
	winVals  [][]byte
	winErr   []error
	winArena []byte // backs winVals
	wants    []blobWant
}

// blobWant is a value a window fetches: its place in winVals and its
// descriptor (the batch's bytes).
type blobWant struct {
	at   int
	desc []byte
}

// hasBlobColumns reports a plan with BYTE or TEXT columns.
func hasBlobColumns(cols []colInfo) bool {
	for i := range cols {
		if cols[i].kind == kBlobDesc || cols[i].isLOColumn() {
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
		b.winVals, b.winErr, b.winStart = b.winVals[:0], b.winErr[:0], 0
		if err := r.requestBatch(); err != nil {
			r.fail(err)
			return false
		}
		if err := r.readBlobBatch(); err != nil {
			r.fail(err)
			return false
		}
	}
	i := b.next
	b.next++
	if i < b.winStart || i >= b.winStart+len(b.winErr) {
		if err := r.fetchBlobWindow(i); err != nil {
			r.fail(err)
			return false
		}
	}
	k := i - b.winStart
	if err := b.winErr[k]; err != nil {
		r.fail(err)
		return false
	}
	n := len(b.descCols)
	if err := r.rebuildBlobRow(b.batch[i], b.winVals[k*n:(k+1)*n]); err != nil {
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

// A window of rows has its values fetched together: one SQ_FETCHBLOB
// group per value, all written at once and answered in order. A window
// is one row, or as many rows as fit blobWindowBytes by their
// descriptors' lengths (end-start+1, which IBM's JDBC driver relies on),
// so that many small values cost one round trip without a large one
// being held for long.
const (
	blobWindowBytes  = 1 << 20
	blobWindowValues = 256 // groups written at once: some 20 KiB
)

// fetchBlobWindow fetches the values of the rows of the batch from row
// i on.
func (r *Rows) fetchBlobWindow(i int) error {
	b, c := r.blob, r.c
	// wants are the values to fetch, as indexes into winVals; their
	// descriptors are the batch's bytes, which stay put.
	var (
		wants = b.wants[:0]
		total int
		rows  int
		n     = len(b.descCols)
	)
	for j := i; j < len(b.batch); j++ {
		if err := r.splitBlobTuple(b.batch[j]); err != nil {
			return err
		}
		mark, size := len(wants), 0
		for k := range b.descCols {
			if b.descCols[k].kind != kBlobDesc || b.descCols[k].isNull(r.vals[k]) {
				continue
			}
			if d, err := sqli.ParseBlobDescriptor(r.vals[k]); err == nil && d.End >= d.Start {
				size += int(d.End-d.Start) + 1
			}
			wants = append(wants, blobWant{at: rows*n + k, desc: r.vals[k]})
		}
		if j > i && (total+size > blobWindowBytes || len(wants) > blobWindowValues) {
			wants = wants[:mark]
			break
		}
		total += size
		rows++
	}
	b.wants = wants
	b.winStart = i
	b.winVals = append(b.winVals[:0], make([][]byte, rows*n)...)
	b.winErr = append(b.winErr[:0], make([]error, rows)...)
	if len(wants) == 0 {
		return nil
	}
	if err := c.arm(r.ctx); err != nil {
		return err
	}
	buf, pending := c.appendPending(c.wbuf[:0])
	for _, w := range wants {
		buf = (&sqli.ID{StatementID: r.stmtID}).Encode(buf, c.feat)
		buf = (&sqli.FetchBlob{Descriptor: w.desc}).Encode(buf, c.feat)
		buf = sqli.EOT{}.Encode(buf, c.feat)
	}
	c.wbuf = buf[:0]
	err := c.write("fetch blob", buf)
	if err == nil {
		err = c.readPendingReplies(pending)
	}
	// One reply per group sent, even after a statement error in one of
	// them (it fails only its own row); a lost or desynchronised
	// connection ends the loop. The arena is reused window after window:
	// rows are rebuilt into b.row, and Scan and Values copy from there.
	arena := b.winArena[:0]
	if arena == nil {
		arena = make([]byte, 0, 4096) // non-nil: an empty value is not NULL
	}
	for _, w := range wants {
		if err != nil {
			break
		}
		start := len(arena)
		var ferr error
		arena, ferr = c.readBlob(arena)
		switch {
		case ferr == nil && len(arena) > c.cfg.MaxMessageSize+blobWindowBytes:
			// The descriptors understated the values: a server may not
			// make the client hold more than one value and a window.
			c.closeNow()
			err = &ProtocolError{Op: "fetch blob", Err: fmt.Errorf("BYTE/TEXT values of %d bytes against descriptors of %d", len(arena), total)}
		case ferr == nil:
			b.winVals[w.at] = arena[start:len(arena):len(arena)]
		case c.closed.Load():
			err = ferr // the connection is gone; the reply is not
		default:
			// A statement error fails its own row.
			if row := w.at / n; b.winErr[row] == nil {
				b.winErr[row] = ferr
			}
		}
	}
	b.winArena = arena
	return c.finish(err)
}

// splitBlobTuple splits a tuple as the server sent it into r.vals.
func (r *Rows) splitBlobTuple(tuple []byte) error {
	b := r.blob
	r.cols = b.descCols
	r.vals = r.vals[:0]
	err := r.splitData(tuple)
	r.cols = b.rowCols
	if err != nil {
		r.c.closeNow()
	}
	return err
}

// rebuildBlobRow lays tuple out with its BYTE and TEXT columns replaced
// by their values (u8 indicator, i32 length, bytes) in b.row.
func (r *Rows) rebuildBlobRow(tuple []byte, values [][]byte) error {
	b := r.blob
	if err := r.splitBlobTuple(tuple); err != nil {
		return err
	}
	row := b.row[:0]
	for i := range b.descCols {
		if b.descCols[i].kind != kBlobDesc {
			row = append(row, r.vals[i]...)
			continue
		}
		v := values[i]
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
