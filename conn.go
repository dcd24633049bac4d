package ifx

import (
	"context"

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

	wbuf     []byte
	rows     *Rows // the result set whose cursor is open, if any
	cursorNo uint64

	savepoints int        // names nested transactions' savepoints
	stmts      *stmtCache // Query's and Exec's prepared statements; nil: none kept

	leaks leakList // Stmts garbage collected without Close (stmt_leak.go)

	tx    *Tx
	sqlTx bool // BEGIN WORK run as SQL text, not yet ended
	// uncommitted: in an ANSI database, a call ran outside a transaction
	// and its COMMIT is still due (autocommit.go).
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
	if c.rows != nil && c.rows.inGroup {
		// A reply is still arriving for an open Rows: bytes on the
		// socket are expected.
		return nil
	}
	return c.pc.CheckIdle()
}

// decoder returns a column decoder for this connection's rows.
func (c *Conn) decoder() ifxtype.ColumnDecoder {
	return ifxtype.ColumnDecoder{Location: c.cfg.TimeLocation, Codec: c.codec}
}
