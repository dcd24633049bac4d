package ifx

import (
	"context"
	"errors"
	"fmt"
	"weak"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
	"github.com/ifxgo/ifx/sqli"
)

// Rows is the result of a query. It streams: rows are fetched from the
// server in batches of Config.FetchBufferSize bytes as Next asks for them,
// so memory stays constant however many rows there are. The values a Scan
// decodes come straight from the fetched bytes.
//
// Always Close a Rows (or read it to the end): until then it holds the
// connection's cursor. A Rows left open is closed by the next statement
// on the same connection. The connection refers to its open Rows weakly:
// one dropped without Close is garbage collected, and the connection's
// next call (or Close) closes its cursor and reports it through
// Config.LeakLogger (rows_leak.go); do not rely on it.
type Rows struct {
	c       *Conn
	ctx     context.Context
	stmtID  int16
	release bool  // release the statement when done (Conn.Query)
	stmt    *Stmt // the owning Stmt, for Stmt.Query
	cols    []ifxtype.ColumnPlan
	columns []Column
	vals    [][]byte // the current row's column values
	fast    fastRows // per-column plans of Scan and splitData (scan_fast.go)

	structPlans map[structPlanKey]*structPlan // RowToStruct*'s, per struct type
	traceDone   func(CommandTag, error)       // the tracer's end of this query

	inGroup       bool // a fetch reply is being read
	oneShot       bool // QueryRow: the cursor was closed in the group of its first fetch
	armed         bool // the connection's watcher runs for this Rows
	peeked        bool // the first tuple was read by Query
	tuplesInGroup int
	ended         bool // end of data seen
	serverClosed  bool // the server closed the cursor itself
	closed        bool
	haveRow       bool
	abandoned     bool // closed by a later statement on the connection
	err           error
	fetched       int64
	tag           CommandTag
	scratch       []byte
	blob          *blobRows // BYTE/TEXT columns: rows_blob.go
	dec           ifxtype.ColumnDecoder
	text          textArena          // the bytes of Scan's short strings (rows_text.go)
	self          weak.Pointer[Rows] // the connection's reference to r (rows_leak.go)
}

// Columns describes the result's columns.
func (r *Rows) Columns() []Column { return r.columns }

// Err returns the error that ended iteration, if any. Call it after Next
// returns false. A Rows closed by a later statement on its connection
// reports ErrRowsClosed.
func (r *Rows) Err() error {
	if r.err == nil && r.abandoned {
		return ErrRowsClosed
	}
	return r.err
}

// CommandTag reports the statement's outcome; for a query, RowsAffected
// counts the rows read so far.
func (r *Rows) CommandTag() CommandTag {
	t := r.tag
	if t.rows < r.fetched {
		t.rows = r.fetched
	}
	return t
}

// Next advances to the next row, fetching another batch from the server
// when the current one is used up. It returns false at the end of the
// result or on an error (see Err); the Rows is then closed.
func (r *Rows) Next() bool {
	r.haveRow = false
	if r.closed || r.err != nil {
		return false
	}
	if r.peeked {
		r.peeked = false
		r.haveRow = true
		return true
	}
	c := r.c
	if err := c.enter(); err != nil {
		r.fail(err)
		return false
	}
	defer c.leave()
	if !c.holds(r) {
		r.closed, r.abandoned = true, true
		return false
	}
	if r.blob != nil {
		return r.nextBlobRow()
	}
	for {
		if !r.inGroup {
			if r.ended {
				r.finishEnd()
				return false
			}
			if err := r.requestBatch(); err != nil {
				r.fail(err)
				return false
			}
		}
		// Fast path: a tuple already in the read buffer.
		if data, ok := c.pc.BufferedTuple(); ok {
			if r.ended {
				r.fail(c.replyShapeError("fetch", ifxconn.ErrTupleAfterEnd))
				return false
			}
			r.tuplesInGroup++
			r.fetched++
			r.vals = r.vals[:0]
			if err := r.splitData(data); err != nil {
				c.closeNow()
				r.fail(err)
				return false
			}
			r.haveRow = true
			return true
		}
		ok, err := r.readMessage()
		if err != nil {
			r.fail(err)
			return false
		}
		if ok {
			r.haveRow = true
			return true
		}
	}
}

// requestBatch sends ID NFETCH for the next batch.
func (r *Rows) requestBatch() error {
	c := r.c
	if !r.armed {
		if err := c.arm(r.ctx); err != nil {
			return err
		}
		r.armed = true
	}
	if err := c.pc.SendFetch(r.stmtID); err != nil {
		return err
	}
	r.inGroup = true
	c.open.inGroup = true
	r.tuplesInGroup = 0
	return nil
}

// readMessage reads one message of the current fetch reply. It returns
// true when a row is ready.
func (r *Rows) readMessage() (bool, error) {
	c := r.c
	c.refreshReadDeadline(r.ctx)
	m, err := c.recv("fetch")
	if err != nil {
		return false, err
	}
	switch m := m.(type) {
	case *sqli.Tuple:
		if r.ended {
			// The end marker (SQ_DONE, SQ_ERR 100, SQ_CLOSE) comes after
			// the last row of a fetch reply, never before a row.
			return false, c.replyShapeError("fetch", ifxconn.ErrTupleAfterEnd)
		}
		r.tuplesInGroup++
		r.fetched++
		r.vals = r.vals[:0]
		if err := r.splitData(m.Data); err != nil {
			c.closeNow()
			return false, err
		}
		return true, nil
	case *sqli.Done:
		if err := c.checkDone("fetch", m); err != nil {
			return false, err
		}
		r.ended = true
		if m.Rows > r.tag.rows {
			r.tag.rows = m.Rows
		}
	case *sqli.Err:
		if m.SQLCode == sqli.SQLCodeNotFound {
			r.ended = true
			break
		}
		var rep reply
		c.noteErr(&rep, m)
		if r.err == nil {
			r.err = rep.Err
		}
		r.ended = true
	case sqli.Close:
		r.ended = true
		r.serverClosed = true
	case *sqli.Cost, *sqli.XactStat:
	case sqli.EOT:
		r.inGroup = false
		c.open.inGroup = false
		if r.tuplesInGroup == 0 && !r.ended {
			// Neither a row nor an end marker: the end of the rows,
			// unless this SQ_EOT is a stray one and the real reply
			// follows it.
			if err := c.checkQuiet("fetch"); err != nil {
				return false, err
			}
		}
		if r.tuplesInGroup == 0 || r.oneShot {
			// A batch without rows and without an end marker: the
			// result is over all the same.
			r.ended = true
		}
		err := r.err
		r.err = nil
		if r.armed {
			// The exchange is over: the watcher must not interrupt
			// the idle server while the application reads the rows.
			r.armed = false
			err = c.finish(err)
		}
		if err != nil {
			return false, err
		}
	default:
		c.closeNow()
		return false, &ProtocolError{Op: "fetch", Err: fmt.Errorf("unexpected %v", m.Tag())}
	}
	return false, nil
}

// fail ends iteration with err and closes the Rows.
func (r *Rows) fail(err error) {
	c := r.c
	if errors.Is(err, ErrConnBusy) {
		r.err = err
		return
	}
	if r.armed {
		r.armed = false
		err = c.finish(err)
	}
	r.err = err
	r.closed = true
	defer r.endTrace()
	if c.holds(r) {
		c.untrackRows()
	}
	if c.isClosed() {
		return
	}
	if r.inGroup {
		// Errors are returned at SQ_EOT, so this cannot happen with a
		// conforming server; the stream position is unknown.
		c.closeNow()
		return
	}
	// A statement error: the reply was read to its end; the cursor is
	// released with the next request.
	r.queueCleanup()
}

// finishEnd closes the Rows after the end of data.
func (r *Rows) finishEnd() {
	c := r.c
	if r.armed {
		r.armed = false
		if err := c.finish(nil); err != nil {
			r.err = err
		}
	}
	r.closed = true
	if c.holds(r) {
		c.untrackRows()
	}
	if !c.isClosed() {
		r.queueCleanup()
	}
	if !r.abandoned {
		// Read to the end or closed by its user (not detached by the
		// next call, whose end commits).
		r.autocommit()
	}
	if r.stmt == nil {
		r.tag.stmtType = sqli.StmtSelect
	}
	r.tag.rows = max(r.tag.rows, r.fetched)
	r.endTrace()
}

// queueCleanup queues CLOSE (unless the server closed the cursor) and,
// for a statement prepared by Query, RELEASE.
func (r *Rows) queueCleanup() {
	c := r.c
	if !r.serverClosed || r.release {
		var msgs []sqli.Message
		if !r.serverClosed {
			msgs = append(msgs, &sqli.ID{StatementID: r.stmtID}, sqli.Close{})
		}
		if r.release {
			c.releasing(r.stmtID)
			msgs = append(msgs, &sqli.ID{StatementID: r.stmtID}, sqli.Release{})
		}
		c.queueCleanup(sqli.AppendGroup(nil, c.feat, msgs...))
	}
	r.serverClosed = true
	r.release = false
}

// Close closes the result set. A partly read result has its current
// batch drained and its cursor closed and released at once; a finished
// one is released together with the next request. Close is idempotent.
func (r *Rows) Close() {
	if r.closed {
		return
	}
	c := r.c
	if err := c.enter(); err != nil {
		if errors.Is(err, ErrConnBusy) {
			// Another goroutine is using the connection; it will clean
			// the abandoned Rows up before its next statement.
			return
		}
		r.closed = true
		return
	}
	defer c.leave()
	if !c.holds(r) {
		r.closed = true
		r.endTrace()
		return
	}
	r.closeLocked(nil)
}

// closeLocked closes r while the connection is held. With next == nil
// (Rows.Close) the cursor of a partly read result is closed in a round
// trip of its own under the Rows' context; otherwise another exchange
// follows and the cleanup is queued ahead of it.
func (r *Rows) closeLocked(next context.Context) {
	c := r.c
	defer r.endTrace()
	r.peeked = false
	if err := r.drain(); err != nil && r.err == nil {
		r.err = err
	}
	if c.isClosed() {
		r.closed = true
		c.untrackRows()
		return
	}
	if r.ended || next != nil {
		r.finishEnd()
		return
	}
	// Partly read: close and release the cursor now, so that its locks
	// go at once.
	r.closed = true
	c.untrackRows()
	r.queueCleanup()
	ctx := r.ctx
	if ctx.Err() != nil {
		return // stays queued for the next request
	}
	if err := c.arm(ctx); err != nil {
		return
	}
	buf, n := c.appendPending(c.wbuf[:0])
	c.wbuf = buf[:0]
	err := c.write("close rows", buf)
	if err == nil {
		err = c.readPendingReplies(n)
	}
	c.finish(err)
	r.autocommit()
}

// drain reads the rest of the current fetch reply, discarding rows, and
// ends the Rows' exchange. A -213 answering an interrupt keeps the
// connection; the returned error is then the cancellation.
func (r *Rows) drain() error {
	c := r.c
	var sqlErr error
	for r.inGroup {
		if _, err := r.readMessage(); err != nil {
			var se *Error
			if errors.As(err, &se) && !c.isClosed() {
				sqlErr = err
				continue
			}
			if r.armed {
				r.armed = false
				err = c.finish(err)
			}
			return err
		}
	}
	if r.armed {
		r.armed = false
		return c.finish(sqlErr)
	}
	return sqlErr
}

// detachRows closes the connection's abandoned Rows before another
// statement: its batch is drained and its cursor cleanup queued. A Rows
// the garbage collector took is closed the same way (rows_leak.go).
func (c *Conn) detachRows() error {
	r := c.openRowsValue()
	if r == nil {
		return nil
	}
	r.abandoned = true
	r.closeLocked(context.Background())
	c.untrackRows()
	if c.isClosed() {
		return ErrConnClosed
	}
	return nil
}

func init() {
	adapter.CurrentRow = func(rows any) adapter.Row {
		r := rows.(*Rows)
		return adapter.Row{Have: r.haveRow, Closed: r.closed, Plans: r.cols, Columns: r.columns, Vals: r.vals, Dec: &r.dec, Rows: r}
	}
	adapter.NewBatchResults = func(err error) any { return &BatchResults{err: err} }
	adapter.HandOverRowsLeak = handOverRowsLeak
	adapter.LOValue = func(rows any, i int) (any, error) {
		// A row not read from a connection (a test's, a fuzzer's) has
		// no connection to read the object through: an error, not a
		// panic.
		r, ok := rows.(*Rows)
		if !ok || r == nil {
			return nil, errLOWithoutConn
		}
		kind, _ := r.cols[i].LOKind()
		return r.driverLO(i, kind)
	}
}

// errLOWithoutConn is LOValue's error for a row that came from no Rows.
var errLOWithoutConn = errors.New("ifx: a BLOB or CLOB value is read through its Rows' connection, and this row has none")

// Column describes a result column (ifxtype.Column).
type Column = ifxtype.Column
