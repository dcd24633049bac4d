package ifx

import (
	"context"
	"errors"
	"strconv"

	"github.com/ifxgo/ifx/sqli"
)

// TxIsoLevel is a transaction isolation level.
type TxIsoLevel string

// Isolation levels. The ANSI names are set for the transaction alone with
// SET TRANSACTION ISOLATION LEVEL; the Informix names are session
// settings made with SET ISOLATION, which stay in force after the
// transaction (that is how Informix defines them).
const (
	Serializable    TxIsoLevel = "SERIALIZABLE"
	RepeatableRead  TxIsoLevel = "REPEATABLE READ"
	ReadCommitted   TxIsoLevel = "READ COMMITTED"
	ReadUncommitted TxIsoLevel = "READ UNCOMMITTED"

	DirtyRead       TxIsoLevel = "DIRTY READ"
	CommittedRead   TxIsoLevel = "COMMITTED READ"
	LastCommitted   TxIsoLevel = "COMMITTED READ LAST COMMITTED"
	CursorStability TxIsoLevel = "CURSOR STABILITY"
	// InformixRepeatableRead is SET ISOLATION TO REPEATABLE READ.
	InformixRepeatableRead TxIsoLevel = "ISOLATION REPEATABLE READ"
)

// TxOptions are the options of BeginTx.
type TxOptions struct {
	IsoLevel TxIsoLevel // "" keeps the session's level
	ReadOnly bool       // SET TRANSACTION READ ONLY
}

// isolationSQL returns the statements that set the options.
func (o TxOptions) isolationSQL() ([]string, error) {
	var out []string
	switch o.IsoLevel {
	case "":
	case Serializable, RepeatableRead, ReadCommitted, ReadUncommitted:
		out = append(out, "SET TRANSACTION ISOLATION LEVEL "+string(o.IsoLevel))
	case DirtyRead, CommittedRead, LastCommitted, CursorStability:
		out = append(out, "SET ISOLATION TO "+string(o.IsoLevel))
	case InformixRepeatableRead:
		out = append(out, "SET ISOLATION TO REPEATABLE READ")
	default:
		return nil, errors.New("ifx: unknown isolation level " + string(o.IsoLevel))
	}
	if o.ReadOnly {
		out = append(out, "SET TRANSACTION READ ONLY")
	}
	return out, nil
}

// Tx is a transaction. Statements on its connection belong to it until
// Commit or Rollback.
type Tx struct {
	c      *Conn
	closed bool

	// A nested transaction (Tx.Begin) is a savepoint of its parent.
	savepoint string
	parent    *Tx
}

// Begin starts a transaction (BEGIN WORK).
func (c *Conn) Begin(ctx context.Context) (*Tx, error) {
	return c.BeginTx(ctx, TxOptions{})
}

// BeginTx starts a transaction with options, in one round trip: BEGIN
// WORK and the SET statements travel together. It fails with
// ErrNoTransactions on a database without a transaction log. In an ANSI
// database, where a transaction is always open, no BEGIN WORK is sent.
func (c *Conn) BeginTx(ctx context.Context, opts TxOptions) (*Tx, error) {
	stmts, err := opts.isolationSQL()
	if err != nil {
		return nil, err
	}
	if c.txOpen() {
		return nil, errors.New("ifx: a transaction is already open on this connection")
	}
	if c.pc.DatabaseInfo().Open && !c.pc.DatabaseInfo().Logged {
		return nil, ErrNoTransactions
	}
	if err := c.begin(ctx); err != nil {
		return nil, err
	}
	texts := make([]string, len(stmts))
	for i, s := range stmts {
		if texts[i], err = c.codec.EncodeString(s); err != nil {
			return nil, c.end(err)
		}
	}
	buf, pend := c.appendPending(c.wbuf[:0])
	groups := 0
	if !c.pc.DatabaseInfo().ANSI {
		buf = sqli.AppendGroup(buf, c.feat, sqli.Begin{})
		groups++
	}
	for _, t := range texts {
		buf = sqli.AppendGroup(buf, c.feat, &sqli.Command{SQL: t}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
		groups++
	}
	c.wbuf = buf[:0]
	if groups == 0 {
		c.tx, c.uncommitted = &Tx{c: c}, false
		return c.tx, c.end(nil)
	}
	if err := c.write("begin", buf); err != nil {
		return nil, c.end(err)
	}
	if err := c.readPendingReplies(pend); err != nil {
		return nil, c.end(err)
	}
	var first error
	for i := range groups {
		var r reply
		if err := c.readReply("begin", &r); err != nil {
			return nil, c.end(err)
		}
		if set := i > 0 || c.pc.DatabaseInfo().ANSI; set && r.Err == nil && (r.DescCount != 1 || !r.Done) {
			// A SET statement's COMMAND EXECUTE gets a DESCRIBE and a
			// DONE (docs/PROTOCOL.md): this reply is another's.
			return nil, c.end(c.replyShapeError("begin", "no SQ_DESCRIBE and SQ_DONE in the reply to a SET statement"))
		}
		if r.Err != nil && first == nil {
			first = r.Err
			if r.Describe != nil {
				c.queueRelease(r.Describe.StmtID)
			}
		}
	}
	if first != nil {
		if !c.pc.DatabaseInfo().ANSI {
			// Undo the BEGIN that may have succeeded.
			var r reply
			c.roundTrip("rollback", func(b []byte) []byte {
				return sqli.AppendGroup(b, c.feat, &sqli.Rollback{})
			}, &r)
		}
		return nil, c.end(first)
	}
	c.tx, c.uncommitted = &Tx{c: c}, false
	return c.tx, c.end(nil)
}

// CopyFrom runs Conn.CopyFrom in the transaction: on failure the rows
// before the failing one stay in it, for the caller to roll back.
func (tx *Tx) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	if tx.isClosed() {
		return 0, ErrTxClosed
	}
	return tx.c.CopyFrom(ctx, tableName, columnNames, rowSrc)
}

// Conn returns the transaction's connection.
func (tx *Tx) Conn() *Conn { return tx.c }

// Commit commits the transaction (COMMIT WORK). If the server refuses
// the COMMIT, the transaction stays open — the server may still hold it
// — and Rollback (usually deferred) rolls it back.
func (tx *Tx) Commit(ctx context.Context) error {
	if tx.parent != nil {
		return tx.endNested(ctx, "RELEASE SAVEPOINT "+tx.savepoint)
	}
	return tx.end(ctx, sqli.CommitWork{})
}

// Rollback rolls the transaction back (ROLLBACK WORK). It returns
// ErrTxClosed after a successful Commit or Rollback, so it can be
// deferred. A server that had ended the transaction itself (-255, not
// in transaction) makes it succeed.
func (tx *Tx) Rollback(ctx context.Context) error {
	if tx.parent != nil {
		return tx.endNested(ctx, "ROLLBACK TO SAVEPOINT "+tx.savepoint)
	}
	return tx.end(ctx, &sqli.Rollback{})
}

func (tx *Tx) end(ctx context.Context, m sqli.Message) error {
	if tx.closed {
		return ErrTxClosed
	}
	c := tx.c
	if err := c.begin(ctx); err != nil {
		if errors.Is(err, ErrConnClosed) {
			tx.close()
		}
		return err
	}
	var r reply
	// The reply is a bare SQ_EOT, which a stray one would impersonate:
	// no COMMIT may succeed on a stream that is out of step.
	err := c.checkQuiet("end transaction")
	if err == nil {
		err = c.roundTrip("end transaction", func(b []byte) []byte {
			return sqli.AppendGroup(b, c.feat, m)
		}, &r)
	}
	_, rollback := m.(*sqli.Rollback)
	switch {
	case err != nil && c.isClosed():
		// The session is gone, and the server ends its transaction.
		err = c.txLost(err)
		tx.close()
	case err != nil:
		// Interrupted: whether the server ended the transaction is not
		// known, so it stays open for a Rollback, Reset or the pool.
	case r.Err == nil:
		tx.close()
	case r.Err.SQLCode == -255:
		// "Not in transaction": the server had ended it already (a
		// rollback it made itself). What Rollback asked for is true.
		tx.close()
		if !rollback {
			err = r.Err
		}
	default:
		// Refused (a deferred constraint at COMMIT, say): the server may
		// still hold the transaction, so the Tx stays open and a
		// deferred Rollback still rolls it back.
		err = r.Err
	}
	return c.end(err)
}

// close marks the transaction ended.
func (tx *Tx) close() {
	tx.closed = true
	if tx.c.tx == tx {
		tx.c.tx = nil
	}
}

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(ctx context.Context, sql string, args ...any) (CommandTag, error) {
	if tx.isClosed() {
		return CommandTag{}, ErrTxClosed
	}
	return tx.c.Exec(ctx, sql, args...)
}

// Query runs a query in the transaction.
func (tx *Tx) Query(ctx context.Context, sql string, args ...any) (*Rows, error) {
	if tx.isClosed() {
		return nil, ErrTxClosed
	}
	return tx.c.Query(ctx, sql, args...)
}

// QueryRow runs a query for at most one row in the transaction.
func (tx *Tx) QueryRow(ctx context.Context, sql string, args ...any) *Row {
	if tx.isClosed() {
		return &Row{err: ErrTxClosed}
	}
	return tx.c.QueryRow(ctx, sql, args...)
}

// Prepare prepares a statement on the transaction's connection.
func (tx *Tx) Prepare(ctx context.Context, sql string) (*Stmt, error) {
	if tx.isClosed() {
		return nil, ErrTxClosed
	}
	return tx.c.Prepare(ctx, sql)
}

// BeginFunc runs fn in a transaction that begin starts, pgx style: it
// commits when fn returns nil and rolls back when fn fails or panics
// (the panic goes on). begin is a method value such as conn.Begin,
// tx.Begin (a nested transaction) or an ifxpool.Pool's Begin:
//
//	err := ifx.BeginFunc(ctx, conn.Begin, func(tx *ifx.Tx) error {
//		_, err := tx.Exec(ctx, "UPDATE account SET balance = balance - ? WHERE id = ?", 10, 1)
//		return err
//	})
func BeginFunc[T interface {
	Commit(context.Context) error
	Rollback(context.Context) error
}](ctx context.Context, begin func(context.Context) (T, error), fn func(T) error) (err error) {
	tx, err := begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			tx.Rollback(context.WithoutCancel(ctx))
			panic(r)
		}
	}()
	if err := fn(tx); err != nil {
		// A rollback error would hide fn's, which says why.
		tx.Rollback(context.WithoutCancel(ctx))
		return err
	}
	return tx.Commit(ctx)
}

// Begin starts a nested transaction inside tx: a savepoint (SAVEPOINT),
// which its Commit releases (RELEASE SAVEPOINT) and its Rollback rolls
// back to (ROLLBACK TO SAVEPOINT), leaving tx open either way. Nesting
// may go on. As with pgx, committing or rolling back tx itself ends the
// nested ones with it.
func (tx *Tx) Begin(ctx context.Context) (*Tx, error) {
	if tx.isClosed() {
		return nil, ErrTxClosed
	}
	c := tx.c
	c.savepoints++
	name := "ifx_sp_" + strconv.Itoa(c.savepoints)
	if _, err := c.Exec(ctx, "SAVEPOINT "+name); err != nil {
		return nil, err
	}
	return &Tx{c: c, savepoint: name, parent: tx}, nil
}

// endNested ends a nested transaction with sql; it stays open when the
// server refuses and the session lives on.
func (tx *Tx) endNested(ctx context.Context, sql string) error {
	if tx.isClosed() {
		tx.closed = true
		return ErrTxClosed
	}
	_, err := tx.c.Exec(ctx, sql)
	if err == nil || tx.c.IsClosed() {
		tx.closed = true
	}
	return err
}

// isClosed reports whether tx or a transaction it is nested in ended.
func (tx *Tx) isClosed() bool {
	for t := tx; t != nil; t = t.parent {
		if t.closed {
			return true
		}
	}
	return false
}
