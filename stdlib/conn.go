package stdlib

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
)

// Conn is a database/sql driver connection: one *ifx.Conn. database/sql
// uses it from one goroutine at a time. Reach it with (*sql.Conn).Raw.
type Conn struct {
	conn      *ifx.Conn
	connector *Connector
	args      []any // reused argument list for the native calls
	tx        *Tx   // the database/sql transaction in progress
	// discard marks a connection whose session a transaction changed
	// (an Informix session-level isolation): it is not reused.
	discard bool
	// noPeek: CheckConn cannot peek on this platform; idle connections
	// are then pinged after idleSince + pingIdle.
	noPeek    bool
	idleSince time.Time
	copyIns   []*copyInStmt // open CopyIn statements (copyin.go)
	// copyInSpare is the queue of the last closed CopyIn statement,
	// kept for the next one with its memory (copyin.go).
	copyInSpare adapter.BatchQueue
	// host is the server's address; created, lastOK when the connection
	// was made and last went back to the pool working (failover.go).
	host            string
	created, lastOK time.Time
}

// pingIdle is how long a connection may sit in the pool before
// ResetSession pings it, where CheckConn cannot tell.
var pingIdle = time.Second

var (
	_ driver.Conn               = (*Conn)(nil)
	_ driver.ConnBeginTx        = (*Conn)(nil)
	_ driver.ConnPrepareContext = (*Conn)(nil)
	_ driver.QueryerContext     = (*Conn)(nil)
	_ driver.ExecerContext      = (*Conn)(nil)
	_ driver.NamedValueChecker  = (*Conn)(nil)
	_ driver.SessionResetter    = (*Conn)(nil)
	_ driver.Validator          = (*Conn)(nil)
	_ driver.Pinger             = (*Conn)(nil)
)

// Conn returns the native connection.
func (c *Conn) Conn() *ifx.Conn { return c.conn }

// mapErr turns an error that left the request unsent into
// driver.ErrBadConn, so that database/sql retries it elsewhere; any other
// error is returned as it is.
func mapErr(err error) error {
	if ifx.SafeToRetry(err) {
		return badConn(err)
	}
	return err
}

// nativeArgs converts database/sql's arguments into the reused argument
// list; release it with clearArgs.
func (c *Conn) nativeArgs(named []driver.NamedValue) []any {
	args := c.args[:0]
	for _, nv := range named {
		args = append(args, nv.Value)
	}
	c.args = args
	return args
}

// clearArgs drops the references to the last arguments.
func (c *Conn) clearArgs() { clear(c.args) }

// Prepare prepares a statement (driver.Conn).
func (c *Conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext prepares a statement on the server (one round trip).
func (c *Conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if sql, ncols, ok, err := copyInSQL(query); ok {
		if err != nil {
			return nil, err
		}
		return c.prepareCopyIn(ctx, sql, ncols)
	}
	st, err := c.conn.Prepare(ctx, query)
	if err != nil {
		return nil, mapErr(err)
	}
	return &Stmt{st: st, c: c}, nil
}

// Close ends the session.
func (c *Conn) Close() error {
	return c.conn.Close(context.Background())
}

// Begin starts a transaction (driver.Conn).
func (c *Conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// Informix's own isolation levels, for sql.TxOptions.Isolation. They are
// session settings (SET ISOLATION TO …) that outlive the transaction, so
// a connection that ran a transaction with one of them is closed when
// the transaction ends rather than reused with the changed setting.
const (
	LevelDirtyRead              sql.IsolationLevel = 256 + iota // SET ISOLATION TO DIRTY READ
	LevelCommittedRead                                          // SET ISOLATION TO COMMITTED READ
	LevelLastCommitted                                          // SET ISOLATION TO COMMITTED READ LAST COMMITTED
	LevelCursorStability                                        // SET ISOLATION TO CURSOR STABILITY
	LevelInformixRepeatableRead                                 // SET ISOLATION TO REPEATABLE READ
)

// txOptions maps database/sql's options onto ifx's; session reports a
// session-level (Informix) isolation.
func txOptions(o driver.TxOptions) (opts ifx.TxOptions, session bool, err error) {
	opts.ReadOnly = o.ReadOnly
	switch l := sql.IsolationLevel(o.Isolation); l {
	case sql.LevelDefault:
	case sql.LevelReadUncommitted:
		opts.IsoLevel = ifx.ReadUncommitted
	case sql.LevelReadCommitted:
		opts.IsoLevel = ifx.ReadCommitted
	case sql.LevelRepeatableRead:
		opts.IsoLevel = ifx.RepeatableRead
	case sql.LevelSerializable:
		opts.IsoLevel = ifx.Serializable
	case LevelDirtyRead:
		opts.IsoLevel, session = ifx.DirtyRead, true
	case LevelCommittedRead:
		opts.IsoLevel, session = ifx.CommittedRead, true
	case LevelLastCommitted:
		opts.IsoLevel, session = ifx.LastCommitted, true
	case LevelCursorStability:
		opts.IsoLevel, session = ifx.CursorStability, true
	case LevelInformixRepeatableRead:
		opts.IsoLevel, session = ifx.InformixRepeatableRead, true
	default:
		return opts, false, fmt.Errorf("stdlib: isolation level %v does not exist in Informix", l)
	}
	return opts, session, nil
}

// BeginTx starts a transaction: BEGIN WORK and the SET statements for
// the options travel in one round trip.
func (c *Conn) BeginTx(ctx context.Context, o driver.TxOptions) (driver.Tx, error) {
	opts, session, err := txOptions(o)
	if err != nil {
		return nil, err
	}
	itx, err := c.conn.BeginTx(ctx, opts)
	if err != nil {
		return nil, c.mapBeginErr(err)
	}
	c.tx = &Tx{c: c, tx: itx, session: session}
	return c.tx, nil
}

// ExecContext runs a statement: one round trip without arguments, two
// with.
func (c *Conn) ExecContext(ctx context.Context, query string, named []driver.NamedValue) (driver.Result, error) {
	tag, err := c.conn.Exec(ctx, query, c.nativeArgs(named)...)
	c.clearArgs()
	if err != nil {
		return nil, c.mapStmtErr(ctx, err)
	}
	return Result{tag: tag}, nil
}

// QueryContext runs a query; its rows stream as Rows.Next asks for them.
func (c *Conn) QueryContext(ctx context.Context, query string, named []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.conn.Query(ctx, query, c.nativeArgs(named)...)
	c.clearArgs()
	if err != nil {
		return nil, c.mapStmtErr(ctx, err)
	}
	return newRows(rows), nil
}

// Ping checks that the server answers (one round trip). A ping that broke
// the connection returns driver.ErrBadConn: it has no effect to repeat.
func (c *Conn) Ping(ctx context.Context) error {
	err := c.conn.Ping(ctx)
	if err != nil && c.conn.IsClosed() {
		return badConn(err)
	}
	return err
}

// CheckNamedValue accepts every argument type the native driver binds
// as it is, rejects sql.Named and sql.Out, and leaves the rest (pointers,
// named types) to database/sql's default conversion. A single
// ifx.NamedArgs binds @name placeholders (db.QueryContext(ctx, sql,
// ifx.NamedArgs{…})), as in the native API; a statement from Prepare
// takes '?' placeholders only.
func (c *Conn) CheckNamedValue(nv *driver.NamedValue) error {
	if nv.Name != "" {
		return fmt.Errorf("stdlib: argument %q: %w", nv.Name, errNamed)
	}
	switch nv.Value.(type) {
	case nil, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, bool, string, []byte, time.Time, time.Duration,
		ifxtype.Decimal, *ifxtype.Decimal, ifxtype.DateTime, ifxtype.IntervalDF, ifxtype.IntervalYM,
		ifxtype.Byte, ifxtype.Text, ifxtype.Locator,
		*big.Int, *big.Rat,
		ifx.NamedArgs, ifx.StrictNamedArgs: // the only argument of QueryContext or ExecContext
		return nil
	case io.Reader, ifx.CLOBReader:
		// Streamed into a new BLOB/CLOB by the native driver (ExecContext
		// and QueryContext on the connection; not a prepared Stmt).
		return nil
	case sql.Out, *sql.Out:
		return errors.New("stdlib: sql.Out: output parameters are not supported")
	case driver.Valuer:
		// The native driver calls Value itself, so that the value it
		// returns binds with its own type (an ifxtype.Decimal as
		// DECIMAL, not as text).
		return nil
	}
	if _, _, ok, err := ifxtype.CompositeText(nv.Value); ok {
		// A slice or struct binds as a collection or ROW
		// (ifxtype.CompositeText); one that cannot is refused here,
		// before anything is sent.
		return err
	}
	return driver.ErrSkip
}

// ResetSession prepares a pooled connection for its next user
// (driver.SessionResetter): it checks, without a round trip, that the
// server has not closed the connection, and rolls back a transaction
// left open. A connection that fails either is discarded
// (driver.ErrBadConn) and database/sql takes another.
func (c *Conn) ResetSession(ctx context.Context) error {
	if c.discard || c.conn.IsClosed() || c.stale() {
		return driver.ErrBadConn
	}
	if err := c.conn.CheckConn(); err != nil {
		if !errors.Is(err, ifx.ErrUnsupported) {
			c.noteLost(c.lastOK)
			return badConn(err)
		}
		c.noPeek = true
		if time.Since(c.idleSince) > pingIdle {
			if err := c.conn.Ping(ctx); err != nil {
				c.conn.Close(context.Background())
				return badConn(err)
			}
		}
	}
	if c.conn.InTransaction() {
		if err := c.conn.Reset(ctx); err != nil {
			c.conn.Close(context.Background())
			return badConn(err)
		}
	}
	if f := c.connector.resetSession; f != nil {
		if err := f(ctx, c.conn); err != nil {
			c.conn.Close(context.Background())
			return badConn(err)
		}
	}
	return nil
}

// IsValid reports whether the connection may go back to the pool
// (driver.Validator): not after it broke or was closed, nor after a
// transaction changed its session.
func (c *Conn) IsValid() bool {
	if c.noPeek {
		c.idleSince = time.Now()
	}
	if c.discard || c.conn.IsClosed() || c.stale() {
		return false
	}
	c.lastOK = time.Now()
	return true
}

// Result is the outcome of Exec (driver.Result).
type Result struct{ tag ifx.CommandTag }

// LastInsertId returns the SERIAL, SERIAL8 or BIGSERIAL value the INSERT
// generated; it fails when the statement generated none.
func (r Result) LastInsertId() (int64, error) {
	if id, ok := r.tag.LastInsertID(); ok {
		return id, nil
	}
	return 0, errNoInsertID
}

var errNoInsertID = errors.New("stdlib: LastInsertId: the statement generated no SERIAL, SERIAL8 or BIGSERIAL value")

// RowsAffected returns the rows the statement inserted, updated or
// deleted.
func (r Result) RowsAffected() (int64, error) { return r.tag.RowsAffected(), nil }

// CommandTag returns the native outcome (statement type and counts).
func (r Result) CommandTag() ifx.CommandTag { return r.tag }

// Tx is a database/sql transaction (driver.Tx).
type Tx struct {
	c       *Conn
	tx      *ifx.Tx
	session bool
}

// Commit commits the transaction (COMMIT WORK), after sending the rows
// CopyIn statements queued; if they fail, it rolls back and returns
// their error.
func (t *Tx) Commit() error {
	defer t.end()
	if err := t.c.flushCopyIns(context.Background()); err != nil {
		t.tx.Rollback(context.Background())
		return err
	}
	return mapErr(t.tx.Commit(context.Background()))
}

// Rollback rolls it back (ROLLBACK WORK), dropping the rows CopyIn
// statements queued.
func (t *Tx) Rollback() error {
	defer t.end()
	t.c.dropCopyInRows()
	err := t.tx.Rollback(context.Background())
	if ifx.IsConnectionLost(err) {
		// The server rolled the transaction back with the connection
		// (ifx.ErrTxLost). driver.ErrBadConn makes database/sql discard
		// the connection now, whether it was lost before the ROLLBACK
		// was written or while it was; it retries no Rollback.
		return badConn(err)
	}
	return mapErr(err)
}

func (t *Tx) end() {
	if t.c.tx == t {
		t.c.tx = nil
	}
	if t.session {
		t.c.discard = true
	}
}

// Stmt is a prepared statement (driver.Stmt).
type Stmt struct {
	st *ifx.Stmt
	c  *Conn
}

var (
	_ driver.Stmt             = (*Stmt)(nil)
	_ driver.StmtExecContext  = (*Stmt)(nil)
	_ driver.StmtQueryContext = (*Stmt)(nil)
)

// Native returns the native statement.
func (s *Stmt) Native() *ifx.Stmt { return s.st }

// Close releases the statement on the server.
func (s *Stmt) Close() error { return s.st.Close(context.Background()) }

// NumInput returns the number of '?' placeholders; database/sql checks
// the argument count against it.
func (s *Stmt) NumInput() int { return s.st.NumParams() }

// Exec runs the statement (driver.Stmt; database/sql uses ExecContext).
func (s *Stmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), namedOf(args))
}

// Query runs the statement (driver.Stmt; database/sql uses QueryContext).
func (s *Stmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), namedOf(args))
}

// ExecContext executes the statement (one round trip).
func (s *Stmt) ExecContext(ctx context.Context, named []driver.NamedValue) (driver.Result, error) {
	c := s.c
	tag, err := s.st.Exec(ctx, c.nativeArgs(named)...)
	c.clearArgs()
	if err != nil {
		return nil, c.mapStmtErr(ctx, err)
	}
	return Result{tag: tag}, nil
}

// QueryContext opens a cursor on the statement (one round trip with the
// first batch of rows).
func (s *Stmt) QueryContext(ctx context.Context, named []driver.NamedValue) (driver.Rows, error) {
	rows, err := s.st.Query(ctx, s.c.nativeArgs(named)...)
	s.c.clearArgs()
	if err != nil {
		return nil, s.c.mapStmtErr(ctx, err)
	}
	return newRows(rows), nil
}

func namedOf(args []driver.Value) []driver.NamedValue {
	nv := make([]driver.NamedValue, len(args))
	for i, a := range args {
		nv[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return nv
}
