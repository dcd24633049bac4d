package ifx

import (
	"context"
	"errors"
	"weak"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Conn is one session with an Informix server. It is not safe for
// concurrent use: a call made while another is running on the same Conn
// fails with ErrConnBusy, and never interleaves messages on the wire.
//
// It is the API over the wire connection (*ifxconn.Conn, as pgx.Conn
// over pgconn.PgConn): the wire connection owns the socket, the context
// watcher and the cleanup queue; Conn owns the statement cache, the
// open Rows, the transaction state and the argument encoder.
type Conn struct {
	pc    *ifxconn.Conn
	cfg   *Config
	feat  sqli.Features  // pc's, fixed at login
	codec *ifxconn.Codec // pc's

	wbuf []byte
	// rows is the result set whose cursor is open, if any; weak, so
	// that a Rows dropped without Close can be collected (rows_leak.go).
	rows      weak.Pointer[Rows]
	open      openRows      // what closing rows' cursor needs without rows
	rowsLeaks rowsLeakCount // Rows collected with their cursor open
	cursorNo  uint64

	savepoints int        // names nested transactions' savepoints
	stmts      *stmtCache // Query's and Exec's prepared statements; nil: none kept

	rowTypes rowTypeCache // named ROW types' trees read for binds (rowtype.go)
	// readTypes: the composite types of named ROWs read in results, nil
	// for a name the catalog has no ROW type of (rowtype_read.go).
	readTypes map[string]*ifxtype.CompositeType

	loBuf   []byte     // SQ_LODATA reads into a BLOB/CLOB scan (rows_blob.go)
	loLeaks loLeakList // LargeObjects collected without Close (largeobject.go)
	leaks   leakList   // Stmts garbage collected without Close (stmt.go)

	tx    *Tx
	sqlTx bool // BEGIN WORK run as SQL text, not yet ended
	// uncommitted: in an ANSI database, a call ran outside a transaction
	// and its COMMIT is still due (autocommit).
	uncommitted bool

	bindVals []sqli.BindValue
	bindBuf  []byte
	bindEnds []int     // where each bind value's bytes end in bindBuf
	bindMsg  boundArgs // the SQ_BIND encodeArgs returns
	scratch  []byte
}

// DatabaseInfo describes the open database, as the server reported it
// (ifxconn.DatabaseInfo).
type DatabaseInfo = ifxconn.DatabaseInfo

// ServerInfo describes the server that accepted the login
// (ifxconn.ServerInfo).
type ServerInfo = ifxconn.ServerInfo

// PgConn-style access to the layer below.

// WireConn returns the wire connection under c, for speaking SQLI
// directly (see package ifxconn). A call on it while c is in use fails
// with ErrConnBusy; statements run through it are unknown to c's
// statement cache and transaction state.
func (c *Conn) WireConn() *ifxconn.Conn { return c.pc }

// Config returns the configuration the connection was made with. It must
// not be modified.
func (c *Conn) Config() *Config { return c.cfg }

// DatabaseInfo returns what the server said about the open database.
func (c *Conn) DatabaseInfo() DatabaseInfo { return c.pc.DatabaseInfo() }

// ServerInfo returns the server's name, version and address.
func (c *Conn) ServerInfo() ServerInfo { return c.pc.ServerInfo() }

// IsClosed reports whether the connection was closed, by Close or because
// it broke.
func (c *Conn) IsClosed() bool { return c.pc.IsClosed() }

// Lost reports whether the connection was closed because the server or
// the network went away, rather than by Close, a cancellation or a
// protocol error (ifxconn.Conn.Lost). A pool takes it as a sign that the
// server failed.
func (c *Conn) Lost() bool { return c.pc.Lost() }

// The exchange primitives, under the names the API's files use: each is
// the wire connection's (see package ifxconn's exchange API).

func (c *Conn) enter() error                              { return c.pc.Lock() }
func (c *Conn) leave()                                    { c.pc.Unlock() }
func (c *Conn) isClosed() bool                            { return c.pc.IsClosed() }
func (c *Conn) closeNow()                                 { c.pc.CloseNow() }
func (c *Conn) arm(ctx context.Context) error             { return c.pc.Arm(ctx) }
func (c *Conn) finish(err error) error                    { return c.pc.Finish(err) }
func (c *Conn) refreshReadDeadline(ctx context.Context)   { c.pc.RefreshReadDeadline(ctx) }
func (c *Conn) write(op string, b []byte) error           { return c.pc.Write(op, b) }
func (c *Conn) recv(op string) (sqli.Message, error)      { return c.pc.Recv(op) }
func (c *Conn) readReply(op string, r *reply) error       { return c.pc.ReadReply(op, r) }
func (c *Conn) noteErr(r *reply, m *sqli.Err)             { c.pc.NoteError(r, m) }
func (c *Conn) keepFirstErr(first **Error, m *sqli.Err)   { c.pc.KeepFirstErr(first, m) }
func (c *Conn) appendPending(dst []byte) ([]byte, int)    { return c.pc.AppendPending(dst) }
func (c *Conn) queueCleanup(group []byte)                 { c.pc.QueueCleanup(group) }
func (c *Conn) readPendingReplies(n int) error            { return c.pc.ReadPendingReplies(n) }
func (c *Conn) queueRelease(id int16)                     { c.pc.QueueRelease(id) }
func (c *Conn) appendRelease(buf []byte, id int16) []byte { return c.pc.AppendRelease(buf, id) }
func (c *Conn) adoptStatement(op string, id int16) error  { return c.pc.AdoptStatement(op, id) }
func (c *Conn) releasing(id int16)                        { c.pc.Releasing(id) }
func (c *Conn) checkNoStray(op string) error              { return c.pc.CheckNoStray(op) }
func (c *Conn) checkQuiet(op string) error                { return c.pc.CheckQuiet(op) }
func (c *Conn) replyShapeError(op, what string) error     { return c.pc.ReplyShapeError(op, what) }
func (c *Conn) checkDone(op string, m *sqli.Done) error   { return c.pc.CheckDone(op, m) }
func (c *Conn) checkExhausted() error                     { return c.pc.CheckExhausted() }

// reply is what a reply group said (ifxconn.Reply).
type reply = ifxconn.Reply

// requeuePending puts back the n cleanup groups appendPending moved into
// groups (a request that will not be sent), for the next request; the
// write buffer is free again.
func (c *Conn) requeuePending(groups []byte, n int) {
	c.wbuf = groups[:0]
	c.pc.RequeuePending(groups, n)
}

// roundTrip sends the queued cleanup groups and then group (a complete
// request group) in one write, and reads the replies to all of them; r
// receives the reply to group.
func (c *Conn) roundTrip(op string, group func([]byte) []byte, r *reply) error {
	return c.pc.RoundTrip(op, group, r)
}

// CheckConn reports whether an idle connection is still open, without
// sending anything (see ifxconn.Conn.CheckConn): it peeks at the socket
// without blocking. A Conn whose open Rows is still receiving a reply
// counts as healthy.
func (c *Conn) CheckConn() error {
	if err := c.enter(); err != nil {
		return err
	}
	defer c.leave()
	if err := c.checkExhausted(); err != nil {
		return err
	}
	if c.hasRows() && c.open.inGroup {
		// A reply is still arriving for an open Rows: bytes on the
		// socket are expected.
		return nil
	}
	return c.pc.CheckIdle()
}

// decoder returns a column decoder for this connection's rows.
func (c *Conn) decoder() ifxtype.ColumnDecoder {
	return ifxtype.ColumnDecoder{Location: c.cfg.TimeLocation, Codec: c.codec, DBDATE: c.cfg.Env["DBDATE"]}
}

// Connect parses dsn (see ParseConfig) and connects.
func Connect(ctx context.Context, dsn string) (*Conn, error) {
	cfg, err := ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return ConnectConfig(ctx, cfg)
}

// ConnectConfig connects with cfg, trying cfg.Hosts in order, as
// ifxconn.ConnectConfig does (a network or TLS failure, a timeout or a
// -761 rejection moves on to the next host; a rejected password or an
// unknown database does not), and tells cfg.Tracer when it is a
// ConnectTracer.
func ConnectConfig(ctx context.Context, cfg *Config) (*Conn, error) {
	if cfg == nil {
		return nil, errors.New("ifx: nil Config")
	}
	cfg = cfg.Copy()
	if err := cfg.Config.Complete(); err != nil {
		return nil, err
	}
	ctx, done := traceConnect(ctx, cfg)
	var c *Conn
	pc, err := ifxconn.ConnectConfig(ctx, &cfg.Config)
	if err == nil {
		c = newConn(pc, cfg)
	}
	done(c, err)
	return c, err
}

// newConn wraps a wire connection; cfg supplies the API's settings, pc's
// own Config (the host's server name among them) the rest.
func newConn(pc *ifxconn.Conn, cfg *Config) *Conn {
	ccfg := &Config{Config: *pc.Config(), Tracer: cfg.Tracer}
	pc.SetRoutineCacheCapacity(ccfg.StatementCacheCapacity)
	return &Conn{
		pc:    pc,
		cfg:   ccfg,
		feat:  pc.Features(),
		codec: pc.Codec(),
		stmts: newStmtCache(ccfg.StatementCacheCapacity),
	}
}

// InTransaction reports whether a transaction may be open on the server:
// a Tx not yet ended, a BEGIN WORK run as SQL text, or, in an ANSI
// database, where the server always has one open, any time.
func (c *Conn) InTransaction() bool {
	return c.txOpen() || c.sqlTx || c.pc.DatabaseInfo().ANSI
}

// txOpen reports a Tx of this connection that has not ended.
func (c *Conn) txOpen() bool { return c.tx != nil && !c.tx.closed }

// txLost turns the error of a call on a connection that is gone while a
// transaction is open into one that matches ErrTxLost. Such an error is
// never SafeToRetry: a retry elsewhere would run outside the transaction.
func (c *Conn) txLost(err error) error {
	if err == nil || !c.isClosed() || !(c.txOpen() || c.sqlTx) {
		return err
	}
	var tl *txLostError
	if errors.As(err, &tl) {
		return err
	}
	return &txLostError{err: err}
}

// Reset makes the connection fit for its next user, as a pool or
// database/sql needs before reuse: it closes an open Rows (releasing its
// cursor) and rolls back any open transaction. An error means the
// connection cannot be trusted and should be discarded.
func (c *Conn) Reset(ctx context.Context) error {
	c.rowTypes = nil // the next user reads named ROW types afresh
	c.readTypes = nil
	// The descriptors of LargeObjects collected without Close: the next
	// holder would otherwise inherit them (largeobject.go).
	if err := c.closeLeakedLOs(ctx); err != nil {
		return err
	}
	if err := c.beginQuiet(ctx); err != nil { // it closes an abandoned Rows
		return err
	}
	if err := c.checkExhausted(); err != nil {
		return c.end(err)
	}
	// A statement run outside a transaction in an ANSI database whose
	// COMMIT could not be sent yet: it commits, as it would have.
	if err := c.autocommit(nil); err != nil {
		return c.end(err)
	}
	if !c.InTransaction() {
		return c.end(c.flushPending())
	}
	if c.tx != nil {
		c.tx.closed = true
		c.tx = nil
	}
	c.sqlTx = false
	var r reply
	err := c.roundTrip("rollback", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, &sqli.Rollback{})
	}, &r)
	if err == nil && r.Err != nil && r.Err.SQLCode != -255 {
		// -255 "not in transaction": nothing was open, which is fine.
		err = r.Err
	}
	return c.end(err)
}

// flushPending sends queued cleanup groups (CLOSE, RELEASE) now and reads
// their replies, so that a connection handed to another user holds no
// server cursor.
func (c *Conn) flushPending() error {
	if !c.pc.HasPendingCleanup() {
		return nil
	}
	buf, n := c.appendPending(c.wbuf[:0])
	c.wbuf = buf[:0]
	if err := c.write("cleanup", buf); err != nil {
		return err
	}
	return c.readPendingReplies(n)
}

// In an ANSI database the server always has a transaction open: every
// statement starts one if none is, and only COMMIT WORK ends it. Outside
// a Tx the driver gives such a database the behaviour of every other:
// each statement commits, whichever API ran it (Exec, Query, QueryRow,
// a Stmt, a batch, database/sql). Otherwise the next Reset (as a pool or
// database/sql makes before reuse) would roll the write back.
//
// One mechanism covers every path: begin marks the call (markAutocommit),
// end commits it (autocommit), and a Rows that still holds its cursor
// when its call ends commits when it ends. A COMMIT that cannot be sent
// at that moment (the context is done) stays due: the next call on the
// connection, or Reset, sends it.

// markAutocommit records that a call which may run a statement starts
// outside a transaction in an ANSI database.
func (c *Conn) markAutocommit() {
	if c.pc.DatabaseInfo().ANSI && !c.txOpen() && !c.sqlTx {
		c.uncommitted = true
	}
}

// autocommit sends the COMMIT WORK that is due, if any, in the current
// exchange, and returns err, or the COMMIT's failure when err is nil.
func (c *Conn) autocommit(err error) error {
	if !c.uncommitted {
		return err
	}
	if !c.pc.DatabaseInfo().ANSI || c.txOpen() || c.sqlTx || c.isClosed() {
		// A transaction owns the statements now, or the session (and
		// with it the server's transaction) is gone.
		c.uncommitted = false
		return err
	}
	if c.hasRows() {
		return err // the cursor is open: the Rows commits when it ends
	}
	if wctx := c.pc.WatchedContext(); wctx != nil && wctx.Err() != nil {
		return err // stays due: the next call or Reset commits
	}
	c.uncommitted = false
	var r reply
	if cerr := c.roundTrip("commit", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, sqli.CommitWork{})
	}, &r); cerr != nil {
		if err == nil {
			return cerr
		}
		return err
	}
	if err == nil && r.Err != nil && r.Err.SQLCode != -255 {
		// -255, not in transaction: there was nothing to commit.
		return r.Err
	}
	return err
}

// autocommit commits, in an ANSI database outside a transaction, the
// statement of a Rows whose result has ended (read to the end, or
// closed), under the Rows' context. A failure becomes the Rows' error.
func (r *Rows) autocommit() {
	c := r.c
	if !c.uncommitted || c.hasRows() || c.isClosed() || r.ctx.Err() != nil {
		return
	}
	if err := c.arm(r.ctx); err != nil {
		return
	}
	if err := c.finish(c.autocommit(nil)); err != nil && r.err == nil {
		r.err = err
	}
}
