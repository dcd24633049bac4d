package ifx

import (
	"context"
	"fmt"
	"strconv"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// begin starts a call that may run a statement: it takes the
// connection, closes an abandoned Rows and arms the context watcher. In
// an ANSI database outside a transaction the call's end commits
// (Conn.autocommit).
func (c *Conn) begin(ctx context.Context) error {
	if err := c.beginQuiet(ctx); err != nil {
		return err
	}
	c.markAutocommit()
	return nil
}

// beginQuiet is begin for a call that runs no statement (PREPARE, a
// ping, a reset): nothing for it to commit.
func (c *Conn) beginQuiet(ctx context.Context) error {
	if err := c.enter(); err != nil {
		return c.txLost(err)
	}
	if err := ctx.Err(); err != nil {
		c.leave()
		return err
	}
	if err := c.detachRows(); err != nil {
		c.leave()
		return err
	}
	c.queueLeaked()
	if err := c.arm(ctx); err != nil {
		c.leave()
		return err
	}
	return nil
}

// end finishes a call begun with begin: in an ANSI database outside a
// transaction it commits what the call ran, unless a Rows still holds
// the cursor (the Rows commits when it ends).
func (c *Conn) end(err error) error {
	err = c.autocommit(err)
	err = c.finish(err)
	err = c.txLost(err) // conn.go
	c.leave()
	return err
}

// prepared is the server's description of a prepared statement.
type prepared struct {
	id       int16
	stmtType int16
	cols     []ifxtype.ColumnPlan
	columns  []Column
}

// prepare sends PREPARE NDESCRIBE WANTDONE and reads the DESCRIBE.
func (c *Conn) prepare(sql string, nParams int) (*prepared, error) {
	text, err := c.encodeStatement(sql, nParams)
	if err != nil {
		return nil, err
	}
	var r reply
	err = c.roundTrip("prepare", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, &sqli.Prepare{NumParams: int16(nParams), SQL: text}, sqli.NDescribe{}, sqli.WantDone{})
	}, &r)
	if err != nil {
		return nil, ifxconn.LostAfterLongText(err, len(text))
	}
	if r.Err != nil {
		if r.Describe != nil {
			c.queueRelease(r.Describe.StmtID)
		}
		return nil, r.Err
	}
	if r.Describe == nil {
		return nil, c.replyShapeError("prepare", "no SQ_DESCRIBE in the reply")
	}
	if r.DescCount != 1 {
		return nil, c.replyShapeError("prepare", fmt.Sprintf("%d SQ_DESCRIBE for one statement", r.DescCount))
	}
	if err := c.adoptStatement("prepare", r.Describe.StmtID); err != nil {
		return nil, err
	}
	p := &prepared{id: r.Describe.StmtID, stmtType: r.Describe.StmtType}
	p.cols, p.columns = ifxtype.PlanColumns(r.Describe, c.feat)
	return p, nil
}

// encodeStatement converts sql to the client code set and checks that
// the protocol's fields carry it: the SQL text's length (i16, or i32 under
// feature 62) and the parameter count (i16). A statement beyond them is
// refused before anything is sent, matching ErrTooLong: encoded anyway,
// 65,537 placeholders would be announced as 1.
func (c *Conn) encodeStatement(sql string, nParams int) (string, error) {
	if err := sqli.CheckField("placeholders", nParams, sqli.MaxInt16Field); err != nil {
		return "", err
	}
	text, err := c.codec.EncodeString(sql)
	if err != nil {
		return "", err
	}
	if err := sqli.CheckField("SQL text bytes", len(text), sqli.MaxSQLText(c.feat)); err != nil {
		return "", err
	}
	return text, nil
}

// returnsRows tells a cursor statement from one that is executed.
func (p *prepared) returnsRows() bool {
	switch p.stmtType {
	case sqli.StmtSelect:
		return true
	case sqli.StmtExecProcedure:
		return len(p.cols) > 0
	}
	return false
}

func checkArgs(sql string, n int, args []any) error {
	if n != len(args) {
		return argCountError(sql, n, len(args))
	}
	return nil
}

// Query runs a statement that returns rows and returns them streaming.
// Arguments bind to '?' placeholders, or to @name ones when the only
// argument is a NamedArgs. A statement that returns no rows is
// executed, and its Rows is empty with the outcome in CommandTag.
//
// The first Query of a SQL text costs two round trips (PREPARE; cursor
// OPEN with the first fetch); the statement stays prepared in the
// connection's statement cache (Config.StatementCacheCapacity), so later
// ones cost one. Closing the cursor travels with the next request.
func (c *Conn) Query(ctx context.Context, sql string, args ...any) (*Rows, error) {
	return c.query(ctx, sql, args, false)
}

// query is Query; oneRow (QueryRow) closes the cursor and releases the
// statement in the same request group as the first fetch.
func (c *Conn) query(ctx context.Context, sql string, args []any, oneRow bool) (*Rows, error) {
	ctx, done := c.traceQuery(ctx, sql, args)
	rows, err := c.queryUntraced(ctx, sql, args, oneRow, done)
	c.forgetRowTypes(err, args)
	traceQueryFailed(err, done)
	return rows, err
}

// queryUntraced is query's work; done, the end of its trace, goes to the
// Rows (endQuery).
func (c *Conn) queryUntraced(ctx context.Context, sql string, args []any, oneRow bool, done func(CommandTag, error)) (*Rows, error) {
	sql, args, err := rewriteNamed(sql, args)
	if err != nil {
		return nil, err
	}
	n := countPlaceholders(sql)
	if err := checkArgs(sql, n, args); err != nil {
		return nil, err
	}
	if args, err = c.streamLOArgs(ctx, args); err != nil {
		return nil, err
	}
	if err := c.loadRowTypes(ctx, args); err != nil {
		return nil, err
	}
	if err := c.begin(ctx); err != nil {
		return nil, err
	}
	p, release, cached, err := c.prepareCached(sql, n)
	if err != nil {
		return nil, c.end(err)
	}
	if err := c.resolveRowTypes(ctx, p); err != nil {
		if release {
			c.queueRelease(p.id)
		}
		return nil, err // the call is ended
	}
	rows, err := c.openCursor(ctx, sql, p, args, release, nil, oneRow)
	if err != nil && cached && isStaleStatement(err) && !c.isClosed() {
		c.dropCached(sql, p)
		if err = c.arm(ctx); err == nil {
			if p, release, _, err = c.prepareCached(sql, n); err == nil {
				c.applyRowTypes(p.cols) // the types were read above
				rows, err = c.openCursor(ctx, sql, p, args, release, nil, oneRow)
			}
		}
	}
	if err != nil {
		return nil, c.end(err)
	}
	return c.endQuery(rows, done)
}

// endQuery ends Query's call: a cursor's exchange stays with the Rows;
// a statement without rows is complete, and its call ends (with the
// autocommit of an ANSI database). done, the end of the query's trace,
// goes to the Rows first (traceRows).
func (c *Conn) endQuery(rows *Rows, done func(CommandTag, error)) (*Rows, error) {
	if !c.holds(rows) {
		if err := c.end(nil); err != nil {
			return nil, err
		}
		// Not the connection's open Rows: no other call reaches it.
		rows.takeTrace(done)
		return rows, nil
	}
	c.traceOpenRows(rows, done)
	c.leave()
	return rows, nil
}

// openCursor opens the cursor of a prepared statement and reads the
// first batch's first message; for a statement without rows it executes
// it. On success the exchange stays armed for the Rows when rows follow.
//
// With oneRow (QueryRow) the request group goes on after the first
// NFETCH with CLOSE, and RELEASE when the statement is released: the
// server handles a group's messages in order, so the row arrives and the
// cursor is gone in one round trip, with nothing left to clean up.
// (Open question: no capture shows a client sending NFETCH and CLOSE in
// one group; JDBC sends CLOSE on its own. ifxtest handles it like any
// group; OPTOFC, the Informix feature that closes a cursor after its last
// fetch, is the server-side equivalent.)
func (c *Conn) openCursor(ctx context.Context, sql string, p *prepared, args []any, release bool, st *Stmt, oneRow bool) (*Rows, error) {
	var bind *boundArgs
	if len(args) > 0 {
		var err error
		if bind, err = c.encodeArgs(args); err != nil {
			if release {
				c.queueRelease(p.id)
			}
			return nil, err
		}
	}
	rows := &Rows{c: c, ctx: ctx, stmtID: p.id, release: release, stmt: st, cols: p.cols, columns: p.columns, dec: c.decoder()}
	if !p.returnsRows() {
		tag, err := c.execPrepared(p, bind, release)
		if err != nil {
			return nil, err
		}
		rows.tag = tag
		rows.closed, rows.ended = true, true
		return rows, nil // the caller ends the exchange (endQuery)
	}
	blobs := hasBlobColumns(p.cols)
	if blobs {
		// BYTE/TEXT contents are fetched while the cursor is open: no
		// CLOSE in the first group.
		oneRow = false
	}
	c.cursorNo++
	name := "_ifxc" + pad13(c.cursorNo)
	buf, n := c.appendPending(c.wbuf[:0])
	id := sqli.ID{StatementID: p.id}
	buf = id.Encode(buf, c.feat)
	buf = (&sqli.CurName{Name: name}).Encode(buf, c.feat)
	if bind != nil {
		buf = bind.Encode(buf, c.feat)
	}
	buf = sqli.Open{}.Encode(buf, c.feat)
	buf = id.Encode(buf, c.feat)
	buf = (&sqli.NFetch{BufSize: int32(c.cfg.FetchBufferSize)}).Encode(buf, c.feat)
	if oneRow {
		buf = id.Encode(buf, c.feat)
		buf = sqli.Close{}.Encode(buf, c.feat)
		if release {
			buf = c.appendRelease(buf, p.id)
		}
		rows.oneShot, rows.serverClosed, rows.release = true, true, false
	}
	buf = sqli.EOT{}.Encode(buf, c.feat)
	c.wbuf = buf[:0]
	if err := c.write("open", buf); err != nil {
		return nil, err
	}
	if err := c.readPendingReplies(n); err != nil {
		return nil, err
	}
	rows.inGroup, rows.armed = true, c.pc.WatchedContext() != nil
	rows.vals = make([][]byte, 0, len(p.cols))
	c.trackRows(rows, sql)
	// Read up to the first row, so that OPEN errors come back from Query.
	for rows.inGroup {
		ok, err := rows.readMessage()
		if err == nil && blobs && (ok || !rows.inGroup) {
			rows.peeked = ok
			ok, err = false, rows.startBlobRows()
			if err == nil {
				return rows, nil
			}
		}
		if err != nil {
			rows.armed = false // readMessage ended the exchange at EOT
			c.untrackRows()
			rows.closed = true
			if c.isClosed() {
				return nil, err
			}
			// The error may have come from the OPEN or from the first
			// NFETCH after a successful OPEN (a group stops at its first
			// error, so a one-shot group's CLOSE did not run either):
			// close the cursor in case it is open. A CLOSE of a cursor
			// that never opened only earns an error in the cleanup reply.
			msgs := []sqli.Message{&sqli.ID{StatementID: p.id}, sqli.Close{}}
			if release {
				c.releasing(p.id)
				msgs = append(msgs, &sqli.ID{StatementID: p.id}, sqli.Release{})
			}
			c.queueCleanup(sqli.AppendGroup(nil, c.feat, msgs...))
			return nil, err
		}
		if ok {
			rows.peeked = true
			return rows, nil
		}
	}
	// An empty result: the reply is complete.
	return rows, nil
}

func pad13(n uint64) string {
	s := strconv.FormatUint(n, 10)
	const zeros = "0000000000000"
	if len(s) < 13 {
		s = zeros[:13-len(s)] + s
	}
	return s
}

// execPrepared runs ID [BIND] EXECUTE and queues RELEASE when asked.
func (c *Conn) execPrepared(p *prepared, bind *boundArgs, release bool) (CommandTag, error) {
	var r reply
	err := c.roundTrip("execute", func(b []byte) []byte {
		if bind != nil {
			return sqli.AppendGroup(b, c.feat, &sqli.ID{StatementID: p.id}, bind, sqli.Execute{})
		}
		return sqli.AppendGroup(b, c.feat, &sqli.ID{StatementID: p.id}, sqli.Execute{})
	}, &r)
	if err != nil {
		return CommandTag{}, err
	}
	if release {
		c.queueRelease(p.id)
	}
	if r.Err != nil {
		return CommandTag{}, r.Err
	}
	if !r.Done {
		// Every EXECUTE is answered with SQ_DONE (docs/PROTOCOL.md).
		return CommandTag{}, c.replyShapeError("execute", "no SQ_DONE in the reply to EXECUTE")
	}
	c.noteStatementType(p.stmtType)
	return commandTag(p.stmtType, &r, c.feat), nil
}

// Exec runs a statement and reports what it did. Without arguments it
// costs one round trip (SQ_COMMAND, as JDBC's Statement.executeUpdate);
// with arguments two the first time the SQL text runs (PREPARE;
// BIND+EXECUTE) and one after that, from the statement cache.
func (c *Conn) Exec(ctx context.Context, sql string, args ...any) (CommandTag, error) {
	ctx, done := c.traceQuery(ctx, sql, args)
	tag, err := c.exec(ctx, sql, args)
	c.forgetRowTypes(err, args)
	if done != nil {
		done(tag, err)
	}
	return tag, err
}

func (c *Conn) exec(ctx context.Context, sql string, args []any) (CommandTag, error) {
	sql, args, err := rewriteNamed(sql, args)
	if err != nil {
		return CommandTag{}, err
	}
	n := countPlaceholders(sql)
	if err := checkArgs(sql, n, args); err != nil {
		return CommandTag{}, err
	}
	if args, err = c.streamLOArgs(ctx, args); err != nil {
		return CommandTag{}, err
	}
	if err := c.loadRowTypes(ctx, args); err != nil {
		return CommandTag{}, err
	}
	if err := c.begin(ctx); err != nil {
		return CommandTag{}, err
	}
	if n == 0 {
		tag, err := c.execImmediate(sql)
		return tag, c.end(err)
	}
	p, release, cached, err := c.prepareCached(sql, n)
	if err != nil {
		return CommandTag{}, c.end(err)
	}
	tag, err := c.execArgs(p, args, release)
	if err != nil && cached && isStaleStatement(err) && !c.isClosed() {
		c.dropCached(sql, p)
		if p, release, _, err = c.prepareCached(sql, n); err == nil {
			tag, err = c.execArgs(p, args, release)
		}
	}
	return tag, c.end(err)
}

// execArgs binds args and executes p, releasing it afterwards if asked.
func (c *Conn) execArgs(p *prepared, args []any, release bool) (CommandTag, error) {
	bind, err := c.encodeArgs(args)
	if err != nil {
		if release {
			c.queueRelease(p.id)
		}
		return CommandTag{}, err
	}
	return c.execPrepared(p, bind, release)
}

// execImmediate sends COMMAND NDESCRIBE EXECUTE RELEASE in one group.
func (c *Conn) execImmediate(sql string) (CommandTag, error) {
	text, err := c.encodeStatement(sql, 0)
	if err != nil {
		return CommandTag{}, err
	}
	var r reply
	err = c.roundTrip("execute", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, &sqli.Command{SQL: text}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
	}, &r)
	if err != nil {
		return CommandTag{}, ifxconn.LostAfterLongText(err, len(text))
	}
	if r.Err != nil {
		// The server stops at the first error of a group, so a statement
		// that was described but failed to execute is still allocated.
		if r.Describe != nil {
			c.queueRelease(r.Describe.StmtID)
		}
		return CommandTag{}, r.Err
	}
	// SQ_NDESCRIBE asks for the DESCRIBE, and EXECUTE is answered with
	// SQ_DONE (docs/PROTOCOL.md): without them the reply is another's.
	if r.DescCount != 1 || !r.Done {
		return CommandTag{}, c.replyShapeError("execute", fmt.Sprintf("%d SQ_DESCRIBE, SQ_DONE %v in the reply to COMMAND EXECUTE", r.DescCount, r.Done))
	}
	st := r.Describe.StmtType
	c.noteStatement(st, r.DoneMsg.Warnings, sql)
	c.noteStatementType(st)
	return commandTag(st, &r, c.feat), nil
}

// noteStatement tracks statements that change the session: DATABASE,
// CLOSE DATABASE, and transaction control issued as SQL.
func (c *Conn) noteStatement(st int16, warnings int16, sql string) {
	switch st {
	case sqli.StmtBeginWork:
		c.sqlTx = true
		c.uncommitted = false
	case sqli.StmtCommitWork, sqli.StmtRollbackWork:
		c.sqlTx = false
		c.uncommitted = false
	}
	c.pc.NoteStatement(st, warnings, sql)
}

// Row is the result of QueryRow: one row, read by Scan.
type Row struct {
	rows *Rows
	err  error
}

// Scan copies the first row's columns into dest and closes the result.
// It returns ErrNoRows when the query returned no row.
func (r *Row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	rows := r.rows
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	rows.Close()
	return rows.Err()
}

// QueryRow runs a query expected to return at most one row; errors are
// deferred to Row.Scan.
//
// QueryRow costs a round trip like Query (two the first time a SQL text
// runs), but nothing follows: the fetch of the row and the CLOSE of the
// cursor (and, without the statement cache, the RELEASE of the
// statement) travel in one request group. Only the first row is read;
// any others are discarded.
func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) *Row {
	rows, err := c.query(ctx, sql, args, true)
	return &Row{rows: rows, err: err}
}

// Ping checks that the server answers, in one round trip. A server error
// (such as -349 when no database is open) still proves the session alive.
func (c *Conn) Ping(ctx context.Context) error {
	if err := c.beginQuiet(ctx); err != nil {
		return err
	}
	const probe = "SELECT 1 FROM systables WHERE tabid = 1"
	var r reply
	err := c.roundTrip("ping", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, &sqli.Prepare{SQL: probe}, sqli.NDescribe{}, sqli.WantDone{})
	}, &r)
	if err == nil && r.Describe != nil {
		c.queueRelease(r.Describe.StmtID)
	}
	if err == nil && r.Err == nil && r.DescCount != 1 {
		err = c.replyShapeError("ping", fmt.Sprintf("%d SQ_DESCRIBE for one statement", r.DescCount))
	}
	return c.end(err)
}

// Close ends the session: it sends SQ_EXIT, waits briefly for the
// server's answer and closes the socket. An open transaction is rolled
// back by the server. Close on a closed Conn returns nil.
func (c *Conn) Close(ctx context.Context) error {
	if c.isClosed() {
		return nil
	}
	if err := c.enter(); err != nil {
		// Another goroutine is inside a call: cut the connection.
		c.closeNow()
		return nil
	}
	defer c.leave()
	if r := c.openRowsValue(); r != nil {
		r.closed, r.abandoned = true, true
		c.untrackRows()
		r.endTrace()
	}
	return c.pc.CloseLocked(ctx)
}
