package ifxpool

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/internal/adapter"
)

// Conn is a connection acquired from a Pool. Like an *ifx.Conn it serves
// one goroutine at a time. Release it when done; after Release (or Hijack)
// its methods fail with ErrConnReleased, so a handle kept by mistake never
// reaches the connection's next holder.
type Conn struct {
	p       *Pool
	res     atomic.Pointer[connRes]
	cleanup runtime.Cleanup // reclaims a Conn dropped without Release (leak.go)
}

// Conn returns the underlying connection, or nil after Release. Do not
// keep it beyond Release, and do not Close it (use Hijack to take it over).
func (c *Conn) Conn() *ifx.Conn {
	if res := c.res.Load(); res != nil {
		return res.conn
	}
	return nil
}

// Release returns the connection to the pool. The pool first resets it
// (ifx.Conn.Reset: an open Rows is closed, an open transaction rolled
// back, pending cursor cleanups sent) within Config.ResetTimeout; a
// connection that is closed or broken, or whose reset fails, is closed
// instead of reused. Release is idempotent.
func (c *Conn) Release() {
	if res := c.res.Swap(nil); res != nil {
		c.cleanup.Stop()
		c.p.release(res)
	}
}

// Hijack takes the connection out of the pool: the caller owns it and
// must Close it. Its slot in the pool is freed. Hijack panics after
// Release or a previous Hijack.
func (c *Conn) Hijack() *ifx.Conn {
	res := c.res.Swap(nil)
	if res == nil {
		panic("ifxpool: Hijack of a released connection")
	}
	c.cleanup.Stop()
	c.p.hijack(res)
	return res.conn
}

func (c *Conn) conn() (*ifx.Conn, error) {
	if res := c.res.Load(); res != nil {
		return res.conn, nil
	}
	return nil, ErrConnReleased
}

// Exec runs a statement (ifx.Conn.Exec).
func (c *Conn) Exec(ctx context.Context, sql string, args ...any) (ifx.CommandTag, error) {
	conn, err := c.conn()
	if err != nil {
		return ifx.CommandTag{}, err
	}
	return conn.Exec(ctx, sql, args...)
}

// Query runs a query (ifx.Conn.Query). The Rows belongs to this Conn: close
// it before Release (Release closes it otherwise).
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (*ifx.Rows, error) {
	conn, err := c.conn()
	if err != nil {
		return nil, err
	}
	return conn.Query(ctx, sql, args...)
}

// QueryRow runs a query for at most one row (ifx.Conn.QueryRow).
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) *Row {
	conn, err := c.conn()
	if err != nil {
		return &Row{err: err}
	}
	return &Row{row: conn.QueryRow(ctx, sql, args...)}
}

// Prepare prepares a statement on this connection (ifx.Conn.Prepare).
// The Stmt lasts until Release, which releases it if it is still open;
// after that it fails with ErrConnReleased.
func (c *Conn) Prepare(ctx context.Context, sql string) (*Stmt, error) {
	res := c.res.Load()
	if res == nil {
		return nil, ErrConnReleased
	}
	st, err := res.conn.Prepare(ctx, sql)
	if err != nil {
		return nil, err
	}
	return newStmt(res, st), nil
}

// Begin starts a transaction on this connection. Release rolls it back if
// it is still open.
func (c *Conn) Begin(ctx context.Context) (*ifx.Tx, error) {
	return c.BeginTx(ctx, ifx.TxOptions{})
}

// BeginTx starts a transaction with options on this connection.
func (c *Conn) BeginTx(ctx context.Context, opts ifx.TxOptions) (*ifx.Tx, error) {
	conn, err := c.conn()
	if err != nil {
		return nil, err
	}
	return conn.BeginTx(ctx, opts)
}

// CopyFrom inserts rows on this connection (ifx.Conn.CopyFrom).
func (c *Conn) CopyFrom(ctx context.Context, tableName ifx.Identifier, columnNames []string, rowSrc ifx.CopyFromSource) (int64, error) {
	conn, err := c.conn()
	if err != nil {
		return 0, err
	}
	return conn.CopyFrom(ctx, tableName, columnNames, rowSrc)
}

// SendBatch runs a batch on this connection (ifx.Conn.SendBatch).
func (c *Conn) SendBatch(ctx context.Context, b *ifx.Batch) *ifx.BatchResults {
	conn, err := c.conn()
	if err != nil {
		return newBatchResults(err)
	}
	return conn.SendBatch(ctx, b)
}

// Ping checks the connection with one round trip.
func (c *Conn) Ping(ctx context.Context) error {
	conn, err := c.conn()
	if err != nil {
		return err
	}
	return conn.Ping(ctx)
}

// ---------------------------------------------------------------- Pool shortcuts

// Exec acquires a connection, runs the statement and releases it. A
// statement that was never sent, or is marked ifx.Idempotent, runs again
// on another connection after a lost one (failover.go).
func (p *Pool) Exec(ctx context.Context, sql string, args ...any) (ifx.CommandTag, error) {
	tag, sent, err := p.execOnce(ctx, sql, args)
	if p.mayRetry(ctx, sent, err) {
		return p.execAgain(ctx, sql, args, sent, err)
	}
	return tag, err
}

// CopyFrom acquires a connection, inserts the rows with ifx.Conn.CopyFrom
// (atomic outside a transaction in a logged database) and releases it.
func (p *Pool) CopyFrom(ctx context.Context, tableName ifx.Identifier, columnNames []string, rowSrc ifx.CopyFromSource) (int64, error) {
	res, err := p.acquire(ctx)
	if err != nil {
		return 0, err
	}
	n, err := res.conn.CopyFrom(ctx, tableName, columnNames, rowSrc)
	p.release(res)
	return n, err
}

// SendBatch acquires a connection, runs the batch with
// ifx.Conn.SendBatch and releases it. The batch has run in full when
// SendBatch returns.
func (p *Pool) SendBatch(ctx context.Context, b *ifx.Batch) *ifx.BatchResults {
	res, err := p.acquire(ctx)
	if err != nil {
		return newBatchResults(err)
	}
	br := res.conn.SendBatch(ctx, b)
	p.release(res)
	return br
}

// Query acquires a connection and runs the query on it; the connection is
// released when the Rows is closed, which Next does at the end of the
// result. Always Close the Rows (defer rows.Close()).
func (p *Pool) Query(ctx context.Context, sql string, args ...any) (*Rows, error) {
	res, rows, sent, err := p.queryOnce(ctx, sql, args)
	if p.mayRetry(ctx, sent, err) {
		res, rows, err = p.queryAgain(ctx, sql, args, sent, err)
	}
	if err != nil {
		return nil, err
	}
	r := &Rows{rows: rows, p: p, res: res, columns: rows.Columns()}
	r.cleanup = track(p, r, res, leakedRows, sql)
	adapter.HandOverRowsLeak(rows) // the pool reports r's leak
	return r, nil
}

// QueryRow acquires a connection and runs a query for at most one row; the
// connection is released by Row.Scan, which must be called.
func (p *Pool) QueryRow(ctx context.Context, sql string, args ...any) *Row {
	res, err := p.acquire(ctx)
	if err != nil {
		return &Row{err: err, p: p, ctx: ctx, sql: sql, args: args, again: true}
	}
	r := &Row{row: res.conn.QueryRow(ctx, sql, args...), p: p, res: res, ctx: ctx, sql: sql, args: args, again: true}
	r.cleanup = track(p, r, res, leakedRow, sql)
	adapter.HandOverRowsLeak(r.row) // the pool reports r's leak
	return r
}

// Begin acquires a connection and starts a transaction on it; Commit or
// Rollback releases the connection.
func (p *Pool) Begin(ctx context.Context) (*Tx, error) {
	return p.BeginTx(ctx, ifx.TxOptions{})
}

// BeginTx is Begin with options.
func (p *Pool) BeginTx(ctx context.Context, opts ifx.TxOptions) (*Tx, error) {
	res, tx, _, err := p.beginOnce(ctx, opts)
	if p.mayRetry(ctx, false, err) {
		res, tx, err = p.beginAgain(ctx, opts, err)
	}
	if err != nil {
		return nil, err
	}
	t := &Tx{tx: tx, p: p, res: res}
	t.cleanup = track(p, t, res, leakedTx, "")
	return t, nil
}

// Ping acquires a connection, pings the server with it and releases it.
func (p *Pool) Ping(ctx context.Context) error {
	return p.retry(ctx, func() (bool, error) {
		res, err := p.acquire(ctx)
		if err != nil {
			return false, err
		}
		err = res.conn.Ping(ctx)
		p.release(res)
		return true, err
	})
}

// ---------------------------------------------------------------- Rows, Row, Tx

// Rows is the result of Pool.Query. It has the methods of *ifx.Rows and
// releases its connection when closed.
type Rows struct {
	rows    *ifx.Rows
	p       *Pool
	res     *connRes
	columns []ifx.Column
	closed  bool
	err     error
	tag     ifx.CommandTag
	cleanup runtime.Cleanup // reclaims a Rows dropped without Close (leak.go)
}

// Next advances to the next row; at the end of the result (or on an
// error) it closes the Rows, which releases the connection.
func (r *Rows) Next() bool {
	if r.closed {
		return false
	}
	if r.rows.Next() {
		return true
	}
	r.Close()
	return false
}

// Scan copies the current row's columns into dest (see ifx.Rows.Scan).
func (r *Rows) Scan(dest ...any) error {
	if r.closed {
		return ifx.ErrRowsClosed
	}
	return r.rows.Scan(dest...)
}

// Values returns the current row's columns as Go values.
func (r *Rows) Values() ([]any, error) {
	if r.closed {
		return nil, ifx.ErrRowsClosed
	}
	return r.rows.Values()
}

// RawValues returns the current row's values as the server sent them,
// valid until the next call to Next.
func (r *Rows) RawValues() [][]byte {
	if r.closed {
		return nil
	}
	if row := adapter.CurrentRow(r.rows); row.Have {
		return row.Vals
	}
	return nil
}

// Columns describes the result's columns.
func (r *Rows) Columns() []ifx.Column { return r.columns }

// Err returns the error that ended the iteration, if any.
func (r *Rows) Err() error {
	if r.closed {
		return r.err
	}
	return r.rows.Err()
}

// CommandTag reports the statement's outcome.
func (r *Rows) CommandTag() ifx.CommandTag {
	if r.closed {
		return r.tag
	}
	return r.rows.CommandTag()
}

// Close closes the result set and releases the connection. It is
// idempotent.
func (r *Rows) Close() {
	if r.closed {
		return
	}
	r.closed = true
	r.cleanup.Stop()
	r.rows.Close()
	r.err, r.tag = r.rows.Err(), r.rows.CommandTag()
	res := r.res
	r.res = nil
	r.p.release(res)
}

// Row is the result of QueryRow.
type Row struct {
	row     *ifx.Row
	err     error
	p       *Pool           // for Pool.QueryRow: Scan releases res
	res     *connRes        //
	cleanup runtime.Cleanup // reclaims a Pool.QueryRow Row never scanned (leak.go)
	// again: a Pool.QueryRow, which Scan may run again (failover.go)
	again bool
	ctx   context.Context
	sql   string
	args  []any
}

// Scan copies the row's columns into dest (ifx.ErrNoRows when there was
// none) and, for Pool.QueryRow, releases the connection.
func (r *Row) Scan(dest ...any) error {
	if r.err != nil {
		if r.again {
			return r.scanAgain(false, r.err, dest)
		}
		return r.err
	}
	err := r.row.Scan(dest...)
	if res := r.res; res != nil {
		r.res = nil
		r.cleanup.Stop()
		r.p.release(res)
	}
	if err != nil && r.again && !errors.Is(err, ifx.ErrNoRows) {
		return r.scanAgain(true, err, dest)
	}
	return err
}

// Tx is a transaction begun by Pool.Begin. Commit or Rollback ends it and
// releases its connection; after that every method returns
// ifx.ErrTxClosed without touching the connection, which may belong to
// someone else by then. So Rollback can be deferred.
type Tx struct {
	tx      *ifx.Tx
	p       *Pool
	res     *connRes        // nil once ended
	cleanup runtime.Cleanup // reclaims a Tx dropped without Commit or Rollback (leak.go)
}

// Commit commits the transaction and releases the connection.
func (tx *Tx) Commit(ctx context.Context) error {
	if tx.res == nil {
		return ifx.ErrTxClosed
	}
	return tx.end(tx.tx.Commit(ctx))
}

// Rollback rolls the transaction back and releases the connection.
func (tx *Tx) Rollback(ctx context.Context) error {
	if tx.res == nil {
		return ifx.ErrTxClosed
	}
	return tx.end(tx.tx.Rollback(ctx))
}

// end releases the connection after Commit or Rollback. When they failed,
// the server's state is unknown (the COMMIT may have been interrupted or
// refused, or never sent, and the driver may consider the transaction
// over): the release then also sends ROLLBACK WORK.
func (tx *Tx) end(err error) error {
	res := tx.res
	tx.res = nil
	tx.cleanup.Stop()
	if err != nil && !errors.Is(err, ifx.ErrTxClosed) {
		res.endFailed = true
	}
	tx.p.release(res)
	return err
}

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(ctx context.Context, sql string, args ...any) (ifx.CommandTag, error) {
	if tx.res == nil {
		return ifx.CommandTag{}, ifx.ErrTxClosed
	}
	return tx.tx.Exec(ctx, sql, args...)
}

// Query runs a query in the transaction. Close the Rows before Commit.
func (tx *Tx) Query(ctx context.Context, sql string, args ...any) (*ifx.Rows, error) {
	if tx.res == nil {
		return nil, ifx.ErrTxClosed
	}
	return tx.tx.Query(ctx, sql, args...)
}

// QueryRow runs a query for at most one row in the transaction.
func (tx *Tx) QueryRow(ctx context.Context, sql string, args ...any) *Row {
	if tx.res == nil {
		return &Row{err: ifx.ErrTxClosed}
	}
	return &Row{row: tx.tx.QueryRow(ctx, sql, args...)}
}

// Prepare prepares a statement in the transaction. The Stmt lasts until
// Commit or Rollback, which release it; after that it fails with
// ErrConnReleased.
func (tx *Tx) Prepare(ctx context.Context, sql string) (*Stmt, error) {
	res := tx.res
	if res == nil {
		return nil, ifx.ErrTxClosed
	}
	st, err := tx.tx.Prepare(ctx, sql)
	if err != nil {
		return nil, err
	}
	return newStmt(res, st), nil
}

// CopyFrom inserts rows in the transaction (ifx.Tx.CopyFrom).
func (tx *Tx) CopyFrom(ctx context.Context, tableName ifx.Identifier, columnNames []string, rowSrc ifx.CopyFromSource) (int64, error) {
	if tx.res == nil {
		return 0, ifx.ErrTxClosed
	}
	return tx.tx.CopyFrom(ctx, tableName, columnNames, rowSrc)
}

// SendBatch runs a batch in the transaction (ifx.Conn.SendBatch).
func (tx *Tx) SendBatch(ctx context.Context, b *ifx.Batch) *ifx.BatchResults {
	if tx.res == nil {
		return newBatchResults(ifx.ErrTxClosed)
	}
	return tx.tx.Conn().SendBatch(ctx, b)
}

// Conn returns the transaction's connection, or nil once the transaction
// ended.
func (tx *Tx) Conn() *ifx.Conn {
	if tx.res == nil {
		return nil
	}
	return tx.tx.Conn()
}

// newBatchResults returns the results of a batch that could not run at
// all: every Exec and Close return err.
func newBatchResults(err error) *ifx.BatchResults {
	return adapter.NewBatchResults(err).(*ifx.BatchResults)
}
