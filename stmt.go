package ifx

import (
	"context"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Stmt is a statement prepared on the server, to be run many times.
// Close releases the server's statement. A Stmt dropped without Close is
// released after the garbage collector finds it, ahead of the
// connection's next request, and reported through Config.LeakLogger;
// do not rely on it: that waits for a GC.
type Stmt struct {
	c       *Conn
	sql     string
	nParams int
	p       *prepared
	closed  bool
	cleanup runtime.Cleanup // releases a Stmt dropped without Close (stmt.go)
}

// Prepare compiles sql on the server (one round trip).
func (c *Conn) Prepare(ctx context.Context, sql string) (*Stmt, error) {
	ctx, done := c.tracePrepare(ctx, sql)
	st, err := c.prepareStmt(ctx, sql)
	done(err)
	return st, err
}

func (c *Conn) prepareStmt(ctx context.Context, sql string) (*Stmt, error) {
	n := countPlaceholders(sql)
	if err := c.beginQuiet(ctx); err != nil {
		return nil, err
	}
	p, err := c.prepare(sql, n)
	if err != nil {
		return nil, placeholderHint(sql, c.end(err))
	}
	if err := c.end(nil); err != nil {
		return nil, err
	}
	st := &Stmt{c: c, sql: sql, nParams: n, p: p}
	c.trackStmt(st)
	return st, nil
}

// SQL returns the statement's text.
func (s *Stmt) SQL() string { return s.sql }

// NumParams returns the number of '?' placeholders.
func (s *Stmt) NumParams() int { return s.nParams }

// Columns describes the rows the statement returns (none for DML).
func (s *Stmt) Columns() []Column { return s.p.columns }

// StatementType returns the Informix statement type code (sqlstype.h).
func (s *Stmt) StatementType() int { return int(s.p.stmtType) }

// Query opens a cursor on the statement (one round trip with the first
// batch of rows).
func (s *Stmt) Query(ctx context.Context, args ...any) (*Rows, error) {
	return s.query(ctx, args, false)
}

func (s *Stmt) query(ctx context.Context, args []any, oneRow bool) (*Rows, error) {
	ctx, done := s.c.traceQuery(ctx, s.sql, args)
	rows, err := s.queryUntraced(ctx, args, oneRow, done)
	traceQueryFailed(err, done)
	return rows, err
}

func (s *Stmt) queryUntraced(ctx context.Context, args []any, oneRow bool, done func(CommandTag, error)) (*Rows, error) {
	if s.closed {
		return nil, ErrStmtClosed
	}
	if err := checkArgs(s.sql, s.nParams, args); err != nil {
		return nil, err
	}
	c := s.c
	if err := c.begin(ctx); err != nil {
		return nil, err
	}
	if err := c.resolveRowTypes(ctx, s.p); err != nil {
		return nil, err // the call is ended
	}
	rows, err := c.openCursor(ctx, s.sql, s.p, args, false, s, oneRow)
	if err != nil {
		return nil, c.end(err)
	}
	return c.endQuery(rows, done)
}

// QueryRow runs the statement for at most one row, in one round trip:
// the cursor's OPEN, its first fetch and its CLOSE travel in one request
// group.
func (s *Stmt) QueryRow(ctx context.Context, args ...any) *Row {
	rows, err := s.query(ctx, args, true)
	return &Row{rows: rows, err: err}
}

// Exec executes the statement (one round trip).
func (s *Stmt) Exec(ctx context.Context, args ...any) (CommandTag, error) {
	ctx, done := s.c.traceQuery(ctx, s.sql, args)
	tag, err := s.exec(ctx, args)
	if done != nil {
		done(tag, err)
	}
	return tag, err
}

func (s *Stmt) exec(ctx context.Context, args []any) (CommandTag, error) {
	if s.closed {
		return CommandTag{}, ErrStmtClosed
	}
	if err := checkArgs(s.sql, s.nParams, args); err != nil {
		return CommandTag{}, err
	}
	c := s.c
	if err := c.begin(ctx); err != nil {
		return CommandTag{}, err
	}
	var bind *boundArgs
	if len(args) > 0 {
		var err error
		if bind, err = c.encodeArgs(args); err != nil {
			return CommandTag{}, c.end(err)
		}
	}
	tag, err := c.execPrepared(s.p, bind, false)
	return tag, c.end(err)
}

// Close releases the statement on the server (closing its cursor first
// if one is open). It is idempotent.
func (s *Stmt) Close(ctx context.Context) error {
	if s.closed {
		return nil
	}
	s.closed = true
	c := s.c
	if c.isClosed() {
		s.cleanup.Stop()
		return nil
	}
	if err := c.enter(); err != nil {
		if err == ErrConnClosed {
			s.cleanup.Stop()
			return nil
		}
		s.closed = false
		return err
	}
	s.cleanup.Stop()
	if err := c.detachRows(); err != nil {
		c.leave()
		return nil
	}
	s.queueRelease()
	if err := c.arm(ctx); err != nil {
		// The release goes with the next request instead.
		c.leave()
		return nil
	}
	var r reply
	err := c.roundTripPending("release", &r)
	return c.end(err)
}

func (s *Stmt) queueRelease() {
	s.c.queueRelease(s.p.id)
}

// roundTripPending sends only the queued cleanup groups and reads their
// replies.
func (c *Conn) roundTripPending(op string, _ *reply) error {
	buf, n := c.appendPending(c.wbuf[:0])
	if n == 0 {
		return nil
	}
	c.wbuf = buf[:0]
	if err := c.write(op, buf); err != nil {
		return err
	}
	return c.readPendingReplies(n)
}

// A Stmt dropped without Close would keep its statement prepared on the
// server until the session ends: a loop that prepares and forgets runs
// the session into the server's limits (-274, -208). Like
// informix-driver's cursor finalizers (its Phases 28–29), each Stmt
// carries a runtime.AddCleanup. The cleanup runs on the runtime's cleanup
// goroutine while another goroutine may be mid-statement on the
// connection, so it never writes to the socket: it only records the
// statement id. The connection's next call (or Reset, as a pool's release
// runs) queues the RELEASE on the deferred-cleanup queue, which goes out
// ahead of that call's request. A connection never used again releases
// everything when it is closed.

// stmtLeak is a Stmt cleanup's argument: what releasing the statement
// needs, and nothing that points back to the Stmt (which would then
// never be unreachable).
type stmtLeak struct {
	c      *Conn
	id     int16
	sql    string
	stack  []byte // where Prepare was called, under Config.DebugLeaks
	handle string // what leaked, in the report ("": ifx.Stmt)
}

// leakList collects the statements whose Stmt was garbage collected,
// from the cleanup goroutine to the connection's owner.
type leakList struct {
	any   atomic.Bool // a cheap test on every call
	mu    sync.Mutex
	stmts []*stmtLeak
	count atomic.Int64 // statements reclaimed on this connection
}

// trackStmt attaches the releasing cleanup to s.
func (c *Conn) trackStmt(s *Stmt) {
	l := &stmtLeak{c: c, id: s.p.id, sql: s.sql}
	if c.cfg.DebugLeaks {
		l.stack = debug.Stack()
	}
	s.cleanup = runtime.AddCleanup(s, (*stmtLeak).found, l)
}

// found runs on the cleanup goroutine: it only records the leak.
func (l *stmtLeak) found() {
	c := l.c
	if c.isClosed() {
		return // the session, and its statements, are gone
	}
	c.leaks.mu.Lock()
	c.leaks.stmts = append(c.leaks.stmts, l)
	c.leaks.mu.Unlock()
	c.leaks.any.Store(true)
}

// queueLeaked queues the RELEASE of every statement whose Stmt was
// collected, ahead of the next request. The caller holds the connection.
func (c *Conn) queueLeaked() {
	if !c.leaks.any.Load() {
		return
	}
	c.leaks.mu.Lock()
	stmts := c.leaks.stmts
	c.leaks.stmts = nil
	c.leaks.any.Store(false)
	c.leaks.mu.Unlock()
	for _, l := range stmts {
		c.queueRelease(l.id)
		c.leaks.count.Add(1)
		handle := l.handle
		if handle == "" {
			handle = "ifx.Stmt"
		}
		c.reportLeak(handle, l.sql, l.stack)
	}
}

// LeakedStmtsReclaimed counts the statements of this connection whose
// Stmt was garbage collected without Close and that the driver released
// on the server.
func (c *Conn) LeakedStmtsReclaimed() int64 { return c.leaks.count.Load() }

// reportLeak logs a reclaimed handle through Config.LeakLogger.
func (c *Conn) reportLeak(handle, sql string, stack []byte) {
	lg := c.cfg.LeakLogger
	if lg == nil {
		lg = slog.Default()
	}
	attrs := []slog.Attr{slog.String("handle", handle), slog.String("sql", sql)}
	if stack != nil {
		attrs = append(attrs, slog.String("created", string(stack)))
	}
	lg.LogAttrs(context.Background(), slog.LevelWarn, "ifx: released a handle garbage collected without Close", attrs...)
}

// CommandTag reports what a statement did: the rows it processed and, for
// an INSERT into a table with a SERIAL, SERIAL8 or BIGSERIAL column, the
// value the server generated.
type CommandTag struct {
	stmtType    int16
	rows        int64
	insertID    int64
	hasInsertID bool
}

// RowsAffected returns the rows inserted, updated or deleted (for a query,
// the rows fetched).
func (t CommandTag) RowsAffected() int64 { return t.rows }

// LastInsertID returns the SERIAL, SERIAL8 or BIGSERIAL value the INSERT
// generated, and whether there was one.
func (t CommandTag) LastInsertID() (int64, bool) { return t.insertID, t.hasInsertID }

// StatementType returns the Informix statement type code (sqlstype.h):
// 2 SELECT, 4 UPDATE, 5 DELETE, 6 INSERT, 14 CREATE TABLE, …
func (t CommandTag) StatementType() int { return int(t.stmtType) }

// Insert reports an INSERT.
func (t CommandTag) Insert() bool { return t.stmtType == int16(ifxtype.StmtInsert) }

// Update reports an UPDATE (with or without WHERE).
func (t CommandTag) Update() bool { return ifxtype.StatementType(t.stmtType).IsUpdate() }

// Delete reports a DELETE (with or without WHERE).
func (t CommandTag) Delete() bool { return ifxtype.StatementType(t.stmtType).IsDelete() }

// Select reports a query.
func (t CommandTag) Select() bool { return t.stmtType == int16(ifxtype.StmtSelect) }

// String returns e.g. "INSERT 1" or "CREATE TABLE".
func (t CommandTag) String() string {
	st := ifxtype.StatementType(t.stmtType)
	if st.CountsRows() {
		return st.String() + " " + strconv.FormatInt(t.rows, 10)
	}
	return st.String()
}

// commandTag builds the tag of an executed statement from its reply.
func commandTag(stmtType int16, r *reply, f sqli.Features) CommandTag {
	t := CommandTag{stmtType: stmtType, rows: r.DoneMsg.Rows}
	switch {
	case r.InsertDone && f.BigSerial() && r.Insert.BigSerial != 0:
		t.insertID, t.hasInsertID = r.Insert.BigSerial, true
	case r.InsertDone && r.Insert.Serial8 != 0:
		t.insertID, t.hasInsertID = r.Insert.Serial8, true
	case r.DoneMsg.Serial != 0:
		t.insertID, t.hasInsertID = int64(r.DoneMsg.Serial), true
	}
	return t
}
