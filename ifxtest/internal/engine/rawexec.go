package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"time"
)

// rawStmt is a DML statement's SQLite statement prepared on the driver's
// own connection, below database/sql: a batch runs it once per row, and
// database/sql's Stmt.ExecContext costs about 2,000 instructions and four
// allocations a row (its argument conversion into a new []NamedValue,
// its locks, its result wrapper) for values that are already the
// driver's. Each run goes through sql.Conn.Raw, which holds the
// connection's lock as database/sql's own Exec does; the statement is
// only ever touched inside Raw on the connection it was prepared on.
type rawStmt struct {
	conn *sql.Conn
	gen  uint64 // rawStmts.gen when prepared
	ds   driver.Stmt
	exec driver.StmtExecContext
	args []driver.NamedValue // reused from row to row

	// One run's inputs and outputs, so that the function handed to Raw
	// (run, bound once) closes over nothing new per row.
	ctx context.Context
	res driver.Result
	err error
	run func(any) error
}

// rawStmts are the raw statements prepared on the session's connection,
// closed with it (closeRawStmts). gen counts those closings: a statement
// prepared in an earlier generation is closed.
type rawStmts struct {
	conn  *sql.Conn
	gen   uint64
	stmts map[*rawStmt]struct{}
}

// driverValue reports a value database/sql's default conversion passes to
// the driver unchanged (driver.IsValue's basic types), so that running it
// below database/sql binds exactly what database/sql would.
func driverValue(v any) bool {
	switch v.(type) {
	case nil, int64, float64, bool, []byte, string, time.Time:
		return true
	}
	return false
}

// rawExec runs the statement's SQLite statement with bound below
// database/sql. ok=false (a value database/sql would convert, or a driver
// without prepared statements that execute with a context) leaves the run
// to database/sql; nothing was run then.
func (st *Stmt) rawExec(ctx context.Context, bound []any) (res sql.Result, ok bool, err error) {
	for _, v := range bound {
		if !driverValue(v) {
			return nil, false, nil
		}
	}
	r := st.rawPrepared(ctx)
	if r == nil {
		return nil, false, nil
	}
	if cap(r.args) < len(bound) {
		r.args = make([]driver.NamedValue, len(bound))
	}
	r.args = r.args[:len(bound)]
	for i, v := range bound {
		r.args[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	r.ctx = ctx
	if err := r.conn.Raw(r.run); err != nil && r.err == nil {
		r.err = err // the connection is closed: Raw never ran run
	}
	// The row's values stay in args until the next row overwrites them:
	// clearing them costs a write barrier per value while the collector
	// runs, for a few bytes held a little longer.
	res, err = r.res, r.err
	r.ctx, r.res, r.err = nil, nil, nil
	if err != nil {
		return nil, true, err
	}
	return res, true, nil
}

// runRaw is rawStmt.run: one execution on the driver's connection.
func (r *rawStmt) runRaw(any) error {
	r.res, r.err = r.exec.ExecContext(r.ctx, r.args)
	if r.err == driver.ErrBadConn {
		return r.err // database/sql then discards the connection, as its Exec does
	}
	return nil
}

// rawPrepared returns the statement's raw statement on the session's
// connection, preparing it on first use; nil when there is none: no
// connection, a driver that cannot run one, or a failure to prepare,
// which database/sql's path then meets and reports as before.
func (st *Stmt) rawPrepared(ctx context.Context) *rawStmt {
	s := st.s
	if s.conn == nil {
		return nil
	}
	if r := st.raw; r != nil && r.conn == s.conn && r.gen == s.raws.gen {
		return r
	}
	st.closeRaw()
	if s.raws.conn != s.conn {
		s.closeRawStmts()
		s.raws.conn = s.conn
	}
	r := &rawStmt{conn: s.conn, gen: s.raws.gen}
	err := s.conn.Raw(func(dc any) error {
		pc, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return nil
		}
		ds, err := pc.PrepareContext(ctx, st.sql)
		if err != nil {
			return err
		}
		ex, ok := ds.(driver.StmtExecContext)
		if !ok || ds.NumInput() != -1 {
			return ds.Close()
		}
		r.ds, r.exec = ds, ex
		return nil
	})
	if err != nil || r.ds == nil {
		return nil
	}
	r.run = r.runRaw
	st.raw = r
	if s.raws.stmts == nil {
		s.raws.stmts = map[*rawStmt]struct{}{}
	}
	s.raws.stmts[r] = struct{}{}
	return r
}

// closeRaw closes the statement's raw statement, if it has one still
// open on its connection.
func (st *Stmt) closeRaw() {
	r := st.raw
	if r == nil {
		return
	}
	st.raw = nil
	s := st.s
	if _, open := s.raws.stmts[r]; !open || r.gen != s.raws.gen {
		return // closed with its connection
	}
	delete(s.raws.stmts, r)
	r.close()
}

func (r *rawStmt) close() {
	r.conn.Raw(func(any) error { return r.ds.Close() })
}

// closeRawStmts closes every raw statement prepared on the session's
// connection; it runs before that connection goes back to the pool or is
// discarded (closeVerbs), while it is still the session's.
func (s *Session) closeRawStmts() {
	for r := range s.raws.stmts {
		r.close()
	}
	s.raws = rawStmts{gen: s.raws.gen + 1}
}
