package ifx

import (
	"context"
	"runtime"
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
	rows    *Rows // the open cursor, if any
	closed  bool
	cleanup runtime.Cleanup // releases a Stmt dropped without Close (stmt_leak.go)
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
	rows, err := s.queryUntraced(ctx, args, oneRow)
	traceRows(rows, err, done)
	return rows, err
}

func (s *Stmt) queryUntraced(ctx context.Context, args []any, oneRow bool) (*Rows, error) {
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
	rows, err := c.openCursor(ctx, s.p, args, false, s, oneRow)
	if err != nil {
		return nil, c.end(err)
	}
	return c.endQuery(rows)
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
	if c.closed.Load() {
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
