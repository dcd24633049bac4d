package ifxconn

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// The exchange API: what package ifx (and an advanced user) calls to
// speak SQLI through a Conn. A call takes the connection with Lock, arms
// the context watcher with Arm, sends request groups and reads their
// replies, and ends with Finish and Unlock:
//
//	if err := c.Lock(); err != nil { … }
//	defer c.Unlock()
//	if err := c.Arm(ctx); err != nil { … }
//	var r ifxconn.Reply
//	err := c.RoundTrip("execute", func(b []byte) []byte {
//		return sqli.AppendGroup(b, c.Features(), &sqli.Command{SQL: text}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
//	}, &r)
//	err = c.Finish(err)
//
// Any error other than a statement error (Reply.Err) closes the
// connection: the stream has no framing to resynchronise on.

// Features returns the protocol features the server agreed to at login:
// they decide the layout of several messages.
func (c *Conn) Features() sqli.Features { return c.feat }

// Codec returns the converter of the client locale's code set.
func (c *Conn) Codec() *Codec { return c.codec }

// Lock takes the connection for one call. It fails with ErrConnClosed on
// a closed connection and with ErrConnBusy while another call holds it.
func (c *Conn) Lock() error { return c.enter() }

// Unlock gives the connection back after Lock.
func (c *Conn) Unlock() { c.leave() }

// CloseNow closes the socket at once, without telling the server: the
// session is over.
func (c *Conn) CloseNow() { c.closeNow() }

// Arm starts an exchange governed by ctx: socket deadlines follow the
// context (or the configured timeouts) and, while the exchange blocks in
// a socket read or write, the watcher interrupts the statement if the
// context ends. It fails without touching the connection when ctx is
// already done.
func (c *Conn) Arm(ctx context.Context) error { return c.arm(ctx) }

// Disarm ends the exchange's watch without judging its outcome, and
// reports whether the interrupt fired (and whether it could not be sent
// in-band); Finish is Disarm with the verdict.
func (c *Conn) Disarm() (fired, noOOB bool, ctxErr error) { return c.disarm() }

// Finish ends an exchange: it disarms the watcher and turns the outcome
// into the error the caller returns. After an interrupt the connection
// stays usable only if the server acknowledged it with -213.
func (c *Conn) Finish(err error) error { return c.finish(err) }

// WatchedContext returns the context of the armed exchange, or nil when
// no cancellable exchange is armed.
func (c *Conn) WatchedContext() context.Context {
	if !c.watching {
		return nil
	}
	return c.wCtx
}

// RefreshReadDeadline extends the read deadline during a long result
// when a ReadTimeout (and no context deadline) applies.
func (c *Conn) RefreshReadDeadline(ctx context.Context) { c.refreshReadDeadline(ctx) }

// Write sends b, whole request groups. A failed write leaves a partial
// group on the wire, so it closes the connection; so do bytes of an
// earlier reply still unread (see CheckNoStray).
func (c *Conn) Write(op string, b []byte) error { return c.write(op, b) }

// Recv reads the next server message; op names the request in errors.
// The message is only valid until the next read.
func (c *Conn) Recv(op string) (sqli.Message, error) { return c.recv(op) }

// BufferedTuple returns the data of an SQ_TUPLE that is whole in the read
// buffer, consuming it, without a system call or an allocation: the
// per-row fast path of a fetch. ok is false when the next message is
// something else or not buffered whole; Recv then reads it.
func (c *Conn) BufferedTuple() (data []byte, ok bool) { return c.rd.BufferedTuple() }

// ReadReply reads messages up to SQ_EOT into r. Statement errors land in
// r.Err and leave the connection usable; the returned error means the
// connection is gone.
func (c *Conn) ReadReply(op string, r *Reply) error { return c.readReply(op, r) }

// NoteError records in r the statement error m carries, unless r holds
// one already (an SQ_ERR 100 sets r.EndOfData instead).
func (c *Conn) NoteError(r *Reply, m *sqli.Err) { c.noteErr(r, m) }

// KeepFirstErr records the statement error m carries in *first, unless
// an earlier one is there (a group reports its first failure).
func (c *Conn) KeepFirstErr(first **Error, m *sqli.Err) { c.keepFirstErr(first, m) }

// RoundTrip sends the queued cleanup groups and then group (a complete
// request group, appended to the buffer it is given) in one write, and
// reads the replies to all of them; r receives the reply to group.
func (c *Conn) RoundTrip(op string, group func([]byte) []byte, r *Reply) error {
	return c.roundTrip(op, group, r)
}

// SendGroups sends the queued cleanup groups followed by what build
// appends (zero or more complete request groups), in one write, and reads
// the cleanup groups' replies: the caller then reads the replies to its
// own groups with Recv or ReadReply.
func (c *Conn) SendGroups(op string, build func([]byte) []byte) error {
	buf, n := c.appendPending(c.wbuf[:0])
	if build != nil {
		buf = build(buf)
	}
	c.wbuf = buf[:0]
	if err := c.write(op, buf); err != nil {
		return err
	}
	return c.readPendingReplies(n)
}

// QueueCleanup adds a request group (already ending in SQ_EOT), such as
// CLOSE or RELEASE, to send ahead of the next request; its reply is read
// and dropped then.
func (c *Conn) QueueCleanup(group []byte) { c.queueCleanup(group) }

// HasPendingCleanup reports whether cleanup groups wait for the next
// request.
func (c *Conn) HasPendingCleanup() bool { return c.pendingN > 0 || len(c.pending) > 0 }

// AppendPending moves the queued cleanup groups onto dst, for a request
// built by hand, and returns how many replies to read for them first
// (ReadPendingReplies). RequeuePending puts them back if the request is
// not sent.
func (c *Conn) AppendPending(dst []byte) ([]byte, int) { return c.appendPending(dst) }

// RequeuePending puts back the n cleanup groups AppendPending moved into
// groups, for the next request.
func (c *Conn) RequeuePending(groups []byte, n int) {
	if n > 0 {
		c.pending = append(c.pending[:0], groups...)
		c.pendingN = n
	}
}

// ReadPendingReplies consumes the replies to n cleanup groups; their
// statement errors do not concern the caller.
func (c *Conn) ReadPendingReplies(n int) error { return c.readPendingReplies(n) }

// QueueRelease queues ID RELEASE of statement id as a cleanup group.
func (c *Conn) QueueRelease(id int16) {
	c.queueCleanup(sqli.EOT{}.Encode(c.appendRelease(nil, id), c.feat))
}

// AppendRelease appends ID RELEASE for statement id (no SQ_EOT) and
// forgets the id (Releasing).
func (c *Conn) AppendRelease(buf []byte, id int16) []byte { return c.appendRelease(buf, id) }

// AdoptStatement records a statement id the server handed out for a
// PREPARE; an id still in use means the reply is another request's, and
// closes the connection.
func (c *Conn) AdoptStatement(op string, id int16) error { return c.adoptStatement(op, id) }

// Releasing forgets a statement id whose SQ_RELEASE is on its way.
func (c *Conn) Releasing(id int16) { c.releasing(id) }

// CheckNoStray fails, closing the connection, when bytes of a reply are
// still buffered as a new request is about to start.
func (c *Conn) CheckNoStray(op string) error { return c.checkNoStray(op) }

// CheckQuiet is CheckNoStray and, where the platform allows a socket
// peek, the same check on bytes that arrived but were not read yet. It
// returns nil when it cannot tell.
func (c *Conn) CheckQuiet(op string) error { return c.checkQuiet(op) }

// ReplyShapeError closes the connection and reports a reply that does
// not fit its request.
func (c *Conn) ReplyShapeError(op, what string) error { return c.replyShapeError(op, what) }

// CheckDone vets an SQ_DONE: a row count is never negative.
func (c *Conn) CheckDone(op string, m *sqli.Done) error { return c.checkDone(op, m) }

// ErrTupleAfterEnd is the ReplyShapeError text of a row that follows the
// end of a result.
const ErrTupleAfterEnd = errTupleAfterEnd

// sqlCodeNoMemory is the server's "could not allocate memory".
const sqlCodeNoMemory = -208

var errSessionExhausted = errors.New("the server ran out of memory for this session (-208), " +
	"usually because it holds too many prepared statements: close every Stmt and Rows when done; " +
	"the connection is closed so that a new session starts clean")

// CheckExhausted closes the connection and fails when the server said it
// ran out of memory for this session (-208): a pool must not hand it out
// again.
func (c *Conn) CheckExhausted() error {
	if !c.exhausted {
		return nil
	}
	c.closeNow()
	return &connLostError{op: "reset", err: errSessionExhausted}
}

// NoteStatement tracks the statements that change the open database:
// DATABASE, CREATE DATABASE, START DATABASE and CLOSE DATABASE (by the
// statement type of their DESCRIBE and the warnings of their SQ_DONE).
func (c *Conn) NoteStatement(stmtType, warnings int16, sql string) {
	switch ifxtype.StatementType(stmtType) {
	case ifxtype.StmtCloseDatabase:
		c.db = DatabaseInfo{}
		c.liveStmts = nil // the server may free its statements with the database
	case ifxtype.StmtDatabase, ifxtype.StmtCreateDatabase, ifxtype.StmtStartDatabase:
		c.db = dbInfo(databaseName(sql), warnings)
		c.liveStmts = nil
	}
}

// databaseName picks the database name out of DATABASE, CREATE DATABASE
// and START DATABASE statements.
func databaseName(sql string) string {
	f := strings.Fields(sql)
	for i, w := range f {
		if strings.EqualFold(w, "DATABASE") && i+1 < len(f) {
			return strings.Trim(f[i+1], `;"'`)
		}
	}
	return ""
}

// Close ends the session: it sends SQ_EXIT, waits briefly for the
// server's answer and closes the socket. An open transaction is rolled
// back by the server. Close on a closed Conn returns nil; while another
// call holds the connection, Close cuts it.
func (c *Conn) Close(ctx context.Context) error {
	if c.closed.Load() {
		return nil
	}
	if err := c.enter(); err != nil {
		c.closeNow()
		return nil
	}
	defer c.leave()
	return c.CloseLocked(ctx)
}

// CloseLocked is Close for a caller that holds the connection (Lock).
func (c *Conn) CloseLocked(ctx context.Context) error {
	defer c.closeNow()
	c.disarm()
	d := time.Now().Add(time.Second)
	if dl, ok := ctx.Deadline(); ok && dl.Before(d) {
		d = dl
	}
	c.nc.SetDeadline(d)
	if _, err := c.nc.Write(sqli.Exit{}.Encode(c.wbuf[:0], c.feat)); err != nil {
		return nil
	}
	// The answer is SQ_EXIT, possibly after SQ_XACTSTAT (or the rest of
	// a batch that was still arriving).
	for range 10000 {
		m, err := c.rd.ReadBackend()
		if err != nil || m.Tag() == sqli.TagExit {
			break
		}
	}
	return nil
}

// longSQLText is the SQL text length beyond which a lost connection is
// reported with the length: IDS took 64 KiB before feature 62 (the
// "remove 64K limit"), and a server may still refuse long statements by
// closing the connection (ifxtest reads messages of up to 16 MiB).
const longSQLText = 64 << 10

// LostAfterLongText names the SQL text's length (n bytes) in the error
// of a connection lost right after a long statement was sent, where the
// network's own error ("connection reset by peer") would say nothing.
func LostAfterLongText(err error, n int) error {
	var cl *connLostError
	if n > longSQLText && errors.As(err, &cl) {
		cl.op += " of SQL text of " + strconv.Itoa(n) + " bytes (longer than the server accepts?)"
	}
	return err
}
