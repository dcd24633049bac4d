package ifx

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/sqli"
)

// CursorOption changes the cursor QueryScroll opens. Pass options ahead
// of the statement's arguments: conn.QueryScroll(ctx, sql, ifx.WithHold(), 42).
type CursorOption struct {
	hold      bool
	window    int
	windowSet bool
}

// WithHold opens the cursor WITH HOLD: it stays open, where it was, across
// COMMIT WORK and ROLLBACK WORK. Without it, the end of the transaction
// the cursor was opened in closes it (IDS closes every other cursor then).
func WithHold() CursorOption { return CursorOption{hold: true} }

// WithScrollWindow sets how many rows a move that needs the server fetches
// around the new position, in one round trip (default
// DefaultScrollWindow, at most MaxScrollWindow). Moves within the window
// cost no round trip.
func WithScrollWindow(rows int) CursorOption { return CursorOption{window: rows, windowSet: true} }

const (
	// DefaultScrollWindow is the number of rows a ScrollRows fetches per
	// round trip unless WithScrollWindow says otherwise.
	DefaultScrollWindow = 32
	// MaxScrollWindow bounds WithScrollWindow: one SQ_SFETCH per row
	// travels in a single request group.
	MaxScrollWindow = 1024
)

// cursorOptions takes the leading CursorOptions off args.
func cursorOptions(args []any) (CursorOption, []any, error) {
	o := CursorOption{window: DefaultScrollWindow}
	for len(args) > 0 {
		opt, ok := args[0].(CursorOption)
		if !ok {
			break
		}
		args = args[1:]
		o.hold = o.hold || opt.hold
		if opt.windowSet {
			if opt.window < 1 || opt.window > MaxScrollWindow {
				return o, nil, fmt.Errorf("ifx: scroll window of %d rows: it must be 1 to %d", opt.window, MaxScrollWindow)
			}
			o.window = opt.window
		}
	}
	return o, args, nil
}

// ScrollRows is the result of QueryScroll: a scroll cursor that moves to
// any row of the result, forwards or backwards. Each move returns whether
// it landed on a row; past either end there is no row and no error, as
// with JDBC's scrollable ResultSets, and the position stays before the
// first or after the last row. Err reports what ended a move that failed.
//
// A move to a row the cursor does not hold fetches a window of rows
// (WithScrollWindow) in one round trip, in the direction of the move, so
// stepping through the result costs a round trip per window, not per row.
// Unlike a Rows, a ScrollRows does not hold the connection between moves:
// other statements may run in between, and a cursor opened WithHold
// survives their COMMIT. It holds a server statement until Close.
type ScrollRows struct {
	c      *Conn
	ctx    context.Context
	stmtID int16
	hold   bool
	window int
	tx     *Tx  // the transaction open at OPEN, if any
	sqlTx  bool // a BEGIN WORK run as SQL was open at OPEN

	dec Rows // decodes the current row; never the connection's c.rows

	pos       int64 // 1-based position; 0: before the first row
	afterLast bool
	count     int64 // rows in the result; -1 while unknown

	first int64    // position of rows[0]
	rows  [][]byte // the window's tuples, slices of reply.Arena
	reply ifxconn.ScrollReply

	closed  bool
	err     error
	cleanup runtime.Cleanup // releases the statement of a ScrollRows dropped without Close
}

// QueryScroll runs a query and returns its rows through a scroll cursor
// (SQ_SCROLL before SQ_OPEN), positioned before the first row. Leading
// CursorOption arguments (WithHold, WithScrollWindow) configure the
// cursor; the rest bind to the placeholders as with Query. IDS refuses
// scroll cursors over BYTE or TEXT columns (-611) and over SELECT ... FOR
// UPDATE (-526).
//
// The statement is prepared for the cursor alone and released by Close.
// In an ANSI database outside a transaction the next statement's commit
// ends the cursor's transaction too: open it WithHold to keep it.
// database/sql has no scrolling: reach it through stdlib.AcquireConn or
// sql.Conn.Raw.
func (c *Conn) QueryScroll(ctx context.Context, sql string, args ...any) (*ScrollRows, error) {
	opts, args, err := cursorOptions(args)
	if err != nil {
		return nil, err
	}
	sql, args, err = rewriteNamed(sql, args)
	if err != nil {
		return nil, err
	}
	n := countPlaceholders(sql)
	if err := checkArgs(sql, n, args); err != nil {
		return nil, err
	}
	ctx, done := c.traceQuery(ctx, sql, args)
	if err := c.beginQuiet(ctx); err != nil {
		traceEnd(done, err)
		return nil, err
	}
	s, err := c.openScroll(ctx, sql, n, args, opts)
	err = c.finish(err)
	c.leave()
	// The trace covers the OPEN; the moves are the cursor's own.
	traceEnd(done, err)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func traceEnd(done func(CommandTag, error), err error) {
	if done == nil {
		return
	}
	tag := CommandTag{}
	if err == nil {
		tag.stmtType = sqli.StmtSelect
	}
	done(tag, err)
}

func (c *Conn) openScroll(ctx context.Context, sql string, n int, args []any, opts CursorOption) (*ScrollRows, error) {
	p, err := c.prepare(sql, n)
	if err != nil {
		return nil, err
	}
	if !p.returnsRows() {
		c.queueRelease(p.id)
		return nil, errors.New("ifx: QueryScroll: the statement returns no rows")
	}
	var bind *boundArgs
	if len(args) > 0 {
		if bind, err = c.encodeArgs(args); err != nil {
			c.queueRelease(p.id)
			return nil, err
		}
	}
	c.cursorNo++
	var r reply
	err = c.roundTrip("open scroll cursor", func(b []byte) []byte {
		id := sqli.ID{StatementID: p.id}
		b = id.Encode(b, c.feat)
		b = (&sqli.CurName{Name: "_ifxc" + pad13(c.cursorNo)}).Encode(b, c.feat)
		if bind != nil {
			b = bind.Encode(b, c.feat)
		}
		// JDBC: CURNAME SCROLL [HOLD] OPEN.
		b = sqli.Scroll{}.Encode(b, c.feat)
		if opts.hold {
			b = sqli.Hold{}.Encode(b, c.feat)
		}
		b = sqli.Open{}.Encode(b, c.feat)
		return sqli.EOT{}.Encode(b, c.feat)
	}, &r)
	if err != nil {
		return nil, err
	}
	if r.Err != nil {
		// The OPEN failed; a CLOSE of a cursor that never opened only
		// earns an error in the cleanup reply.
		c.releasing(p.id)
		c.queueCleanup(sqli.AppendGroup(nil, c.feat, &sqli.ID{StatementID: p.id}, sqli.Close{},
			&sqli.ID{StatementID: p.id}, sqli.Release{}))
		return nil, r.Err
	}
	s := &ScrollRows{c: c, ctx: ctx, stmtID: p.id, hold: opts.hold, window: opts.window,
		tx: c.tx, sqlTx: c.sqlTx, count: -1}
	c.applyRowTypes(p.cols) // the named ROW types read before (rowtype_read.go)
	s.dec = Rows{c: c, ctx: ctx, stmtID: p.id, cols: p.cols, columns: p.columns, vals: make([][]byte, 0, len(p.cols)), dec: c.decoder()}
	// Dropped without Close, its statement is released as a dropped
	// Stmt's is (stmt.go): RELEASE frees the cursor with it.
	l := &stmtLeak{c: c, id: p.id, sql: sql, handle: "ifx.ScrollRows"}
	if c.cfg.DebugLeaks {
		l.stack = debug.Stack()
	}
	s.cleanup = runtime.AddCleanup(s, (*stmtLeak).found, l)
	return s, nil
}

// Columns describes the result's columns.
func (s *ScrollRows) Columns() []Column { return s.dec.columns }

// Err returns the error that made a move fail, if any.
func (s *ScrollRows) Err() error { return s.err }

// Position returns the 1-based number of the current row, or 0 when the
// cursor is not on a row (before the first, after the last).
func (s *ScrollRows) Position() int64 {
	if !s.dec.haveRow {
		return 0
	}
	return s.pos
}

// Scan reads the current row's columns into dest, as Rows.Scan does.
func (s *ScrollRows) Scan(dest ...any) error {
	if s.closed {
		return ErrRowsClosed
	}
	if !s.dec.haveRow {
		return errors.New("ifx: Scan called while the scroll cursor is on no row")
	}
	return s.dec.Scan(dest...)
}

// Values returns the current row's values, as Rows.Values does.
func (s *ScrollRows) Values() ([]any, error) {
	if s.closed {
		return nil, ErrRowsClosed
	}
	if !s.dec.haveRow {
		return nil, errors.New("ifx: Values called while the scroll cursor is on no row")
	}
	return s.dec.Values()
}

// RawValues returns the current row's column values as the server sent
// them, valid until the next move.
func (s *ScrollRows) RawValues() [][]byte {
	if !s.dec.haveRow {
		return nil
	}
	return s.dec.vals
}

// Next moves to the next row.
func (s *ScrollRows) Next() bool {
	if s.afterLast {
		return s.nowhere()
	}
	return s.moveTo(s.pos+1, +1)
}

// Prior moves to the previous row.
func (s *ScrollRows) Prior() bool {
	if s.afterLast {
		return s.Last()
	}
	return s.moveTo(s.pos-1, -1)
}

// First moves to the first row.
func (s *ScrollRows) First() bool { return s.moveTo(1, +1) }

// Last moves to the last row.
func (s *ScrollRows) Last() bool {
	if !s.usable() {
		return false
	}
	if s.count >= 0 {
		return s.moveTo(s.count, -1)
	}
	return s.fetchLast()
}

// Absolute moves to row n (1-based); a negative n counts from the end
// (-1 is the last row), and 0 is before the first row.
func (s *ScrollRows) Absolute(n int64) bool {
	if n >= 0 {
		return s.moveTo(n, +1)
	}
	if !s.knowCount() {
		return false
	}
	return s.moveTo(s.count+1+n, -1)
}

// Relative moves n rows forwards (negative: backwards) from the current
// position; from after the last row it counts from the row past the end.
func (s *ScrollRows) Relative(n int64) bool {
	from := s.pos
	if s.afterLast {
		if !s.knowCount() {
			return false
		}
		from = s.count + 1
	}
	dir := +1
	if n < 0 {
		dir = -1
	}
	return s.moveTo(from+n, dir)
}

// Current reports whether the cursor is on a row, and makes that row the
// one Scan reads again.
func (s *ScrollRows) Current() bool {
	if !s.usable() || s.afterLast || s.pos < 1 {
		return s.nowhere()
	}
	return s.moveTo(s.pos, +1)
}

// nowhere leaves the cursor on no row.
func (s *ScrollRows) nowhere() bool {
	s.dec.haveRow = false
	return false
}

// usable reports whether a move may go ahead.
func (s *ScrollRows) usable() bool {
	if s.closed || s.err != nil {
		return s.nowhere()
	}
	if !s.hold && ((s.tx != nil && s.c.tx != s.tx) || (s.sqlTx && !s.c.sqlTx)) {
		// The server closed the cursor with its transaction.
		s.err = fmt.Errorf("ifx: the transaction the scroll cursor was opened in has ended (open it WithHold to keep it): %w", ErrRowsClosed)
		return s.nowhere()
	}
	return true
}

// knowCount learns the number of rows (SFETCH LAST) if it is unknown,
// keeping the position.
func (s *ScrollRows) knowCount() bool {
	if s.count >= 0 {
		return true
	}
	pos, after := s.pos, s.afterLast
	if !s.fetchLast() && s.err != nil {
		return false
	}
	s.pos, s.afterLast = pos, after
	s.dec.haveRow = false
	return true
}

// moveTo lands on row target, fetching the window that holds it in the
// direction dir when the cursor does not hold it.
func (s *ScrollRows) moveTo(target int64, dir int) bool {
	if !s.usable() {
		return false
	}
	if target < 1 {
		s.pos, s.afterLast = 0, false
		return s.nowhere()
	}
	if s.count >= 0 && target > s.count {
		s.pos, s.afterLast = s.count+1, true
		return s.nowhere()
	}
	if !s.holds(target) {
		lo, hi := target, target+int64(s.window)-1
		if dir < 0 {
			lo, hi = max(1, target-int64(s.window)+1), target
		}
		if s.count >= 0 {
			hi = min(hi, s.count)
		}
		if err := s.fetchWindow(lo, hi); err != nil {
			s.err = err
			return s.nowhere()
		}
		if !s.holds(target) {
			// The result ends before target.
			s.pos, s.afterLast = target, true
			if s.count >= 0 {
				s.pos = s.count + 1
			}
			return s.nowhere()
		}
	}
	return s.land(target)
}

// holds reports whether the window holds row pos.
func (s *ScrollRows) holds(pos int64) bool {
	return pos >= s.first && pos < s.first+int64(len(s.rows))
}

// land makes row pos, which the window holds, the current row.
func (s *ScrollRows) land(pos int64) bool {
	s.pos, s.afterLast = pos, false
	s.dec.vals = s.dec.vals[:0]
	if err := s.dec.splitData(s.rows[pos-s.first]); err != nil {
		s.err = err
		return s.nowhere()
	}
	s.dec.haveRow = true
	return true
}

// fetchLast moves to the last row with SFETCH LAST, whose SQ_TUPID tells
// the number of rows.
func (s *ScrollRows) fetchLast() bool {
	got, err := s.fetch(nil)
	if err != nil {
		s.err = err
		return s.nowhere()
	}
	if len(got) == 0 {
		s.count, s.pos, s.afterLast = 0, 0, false
		s.rows = s.rows[:0]
		return s.nowhere()
	}
	s.count = got[0]
	return s.land(s.count)
}

// fetchWindow fetches rows lo..hi into the window, one SFETCH ABSOLUTE
// per row in one request group. A result that ends inside the range
// leaves the window short, and the count known when some row came.
func (s *ScrollRows) fetchWindow(lo, hi int64) error {
	want := make([]int64, 0, hi-lo+1)
	for p := lo; p <= hi; p++ {
		want = append(want, p)
	}
	got, err := s.fetch(want)
	if err != nil {
		return err
	}
	if len(got) < len(want) && (len(got) > 0 || lo == 1 || (s.dec.haveRow && s.pos == lo-1)) {
		// The result ends inside the range, or right before it (a range
		// wholly past the end says no more, unless the cursor stands on
		// the row before it).
		s.count = lo + int64(len(got)) - 1
	}
	return nil
}

// fetch sends one SFETCH per position of want (ABSOLUTE), or SFETCH LAST
// when want is nil, in one request group (ifxconn.Conn.ScrollFetch), and
// makes the rows that came the window. It returns their positions.
func (s *ScrollRows) fetch(want []int64) ([]int64, error) {
	c := s.c
	if err := c.beginQuiet(s.ctx); err != nil {
		return nil, err
	}
	got, err := s.fetchLocked(want)
	err = c.finish(err)
	c.leave()
	return got, err
}

func (s *ScrollRows) fetchLocked(want []int64) ([]int64, error) {
	s.rows = s.rows[:0]
	if err := s.c.pc.ScrollFetch(s.ctx, s.stmtID, want, &s.reply); err != nil {
		s.first = 0
		return nil, err
	}
	for i := range s.reply.Ends {
		s.rows = append(s.rows, s.reply.Tuple(i))
	}
	s.first = 1
	if len(s.reply.Rows) > 0 {
		s.first = s.reply.Rows[0]
	}
	return s.reply.Rows, nil
}

// Close closes the cursor and releases its statement, in a round trip of
// its own when the connection is free (else with the next request).
// Close is idempotent.
func (s *ScrollRows) Close() {
	if s.closed {
		return
	}
	s.closed = true
	s.cleanup.Stop()
	s.dec.haveRow = false
	c := s.c
	if c.isClosed() {
		return
	}
	c.releasing(s.stmtID)
	c.queueCleanup(sqli.AppendGroup(nil, c.feat, &sqli.ID{StatementID: s.stmtID}, sqli.Close{},
		&sqli.ID{StatementID: s.stmtID}, sqli.Release{}))
	if s.ctx.Err() != nil {
		return // stays queued for the next request
	}
	if err := c.beginQuiet(s.ctx); err != nil {
		return
	}
	c.finish(c.pc.SendGroups("close scroll cursor", nil)) // the queued groups alone
	c.leave()
}

// QueryScroll runs Conn.QueryScroll in the transaction. Unless opened
// WithHold, the cursor closes when the transaction ends.
func (tx *Tx) QueryScroll(ctx context.Context, sql string, args ...any) (*ScrollRows, error) {
	if tx.isClosed() {
		return nil, ErrTxClosed
	}
	return tx.c.QueryScroll(ctx, sql, args...)
}
