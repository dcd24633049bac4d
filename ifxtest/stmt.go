package ifxtest

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// maxStatements bounds the statements one session may hold prepared.
const maxStatements = 4096

// stmt is a prepared statement and its cursor.
type stmt struct {
	id         int16
	es         *engine.Stmt
	immediate  bool // from SQ_COMMAND
	cursorName string
	args       []engine.Value
	scroll     bool
	hold       bool // SQ_HOLD: the cursor survives the transaction's end (hold.go)
	txClosed   bool // the cursor was closed by COMMIT or ROLLBACK (hold.go)
	cursor     *engine.Cursor
	scrollRows [][]engine.Value // a scroll cursor's rows, read at OPEN
	scrollOpen bool             // the scroll cursor's OPEN succeeded
	pending    []engine.Value   // a row read that did not fit the last buffer
	fetched    int64
	exhausted  bool
	cancel     func() // ends the cursor's context; the interrupt calls it
	// boolByte marks BOOLEAN columns the client asked for as type 45 in
	// SQ_RET_TYPE (JDBC does): their value byte is 01/00, not 't'/'f'.
	boolByte []bool
	// loBinary marks BLOB/CLOB columns asked for as type 44 (lotuple.go)
	loBinary []bool
	// compTrees: the catalog's trees of composite types sent in the
	// binary form, by extended id (composite_reply.go)
	compTrees map[int32][]engine.TreeMember

	// BYTE/TEXT (blob.go): the open cursor's values and generation, and
	// the parameters waiting for their SQ_BLOB streams.
	blobs     [][]byte
	cursorGen int32
	blobWant  []int
	blobNext  int
	blobBuf   []byte
	blobBBind bool // SQ_BBIND came: SQ_BLOB streams may follow

	putOpen bool // an INSERT opened as an insert cursor (put.go)

	wantKeys bool // SQ_SGKPREPARE came with its PREPARE (genkeys.go)
}

// setRetTypes records what SQ_RET_TYPE asked for. Everything but BOOLEAN
// keeps its packed form whatever is asked.
func (st *stmt) setRetTypes(m *sqli.RetType) {
	st.boolByte = st.boolByte[:0]
	for _, col := range m.Columns {
		st.boolByte = append(st.boolByte, col.Type.Base() == sqli.TypeBool)
	}
	st.setLocatorRetTypes(m)
}

func (st *stmt) isQuery() bool {
	return st.es.Type == sqli.StmtSelect || (st.es.Type == sqli.StmtExecProcedure && len(st.es.Columns) > 0)
}

func (st *stmt) closeCursor() {
	if st.cancel != nil {
		st.cancel()
		st.cancel = nil
	}
	if st.cursor != nil {
		st.cursor.Close()
		st.cursor = nil
	}
	st.scrollRows, st.scrollOpen, st.pending, st.fetched, st.exhausted = nil, false, nil, 0, false
	st.blobs, st.cursorGen = nil, 0
	st.putOpen = false
}

// handlePrepare compiles a statement and gives it the lowest free id:
// informix-driver always names statement 0 and relies on ids being reused
// after SQ_RELEASE.
func (c *conn) handlePrepare(sql string, numParams int, immediate bool) {
	if c.failed {
		return
	}
	sql = c.cs.decodeString(sql)
	if numParams >= 0 {
		if n := countPlaceholders(sql); n != numParams {
			c.srv.violation("conn %d: SQ_PREPARE says %d placeholders, the text has %d: %q", c.id, numParams, n, sql)
		}
	}
	if c.sess == nil {
		c.fail(&engine.Error{SQLCode: -349})
		return
	}
	ctx, done := c.stmtContext()
	es, err := c.sess.Prepare(ctx, sql)
	done()
	if err != nil {
		c.fail(err)
		return
	}
	if len(c.stmts) >= maxStatements {
		es.Close()
		// IDS bounds a session's prepared statements by its memory only
		// (-208 when it runs out); -274 is "No DELETE permission".
		c.fail(&engine.Error{SQLCode: -208, Near: "the session holds " + strconv.Itoa(maxStatements) +
			" prepared statements, ifxtest's limit: close or release statements no longer needed"})
		return
	}
	id := int16(0)
	for c.stmts[id] != nil {
		id++
	}
	st := &stmt{id: id, es: es, immediate: immediate}
	c.stmts[id] = st
	c.cur = st
}

// countPlaceholders counts '?' outside quoted strings and comments
// (-- …, /* … */, { … }; an unterminated one runs to the end). It is
// ifxtest's own scan, not the driver's, so that it judges the client
// independently; both are tested against testdata/sqltext/cases.json.
func countPlaceholders(sql string) int {
	n := 0
	var quote byte
	for i := 0; i < len(sql); i++ {
		ch := sql[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case strings.HasPrefix(sql[i:], "--"):
			i = closeAfter(sql, i+2, "\n")
		case strings.HasPrefix(sql[i:], "/*"):
			i = closeAfter(sql, i+2, "*/")
		case ch == '{':
			i = closeAfter(sql, i+1, "}")
		case ch == '?':
			n++
		}
	}
	return n
}

// closeAfter returns the index of the last byte of the first closer at
// or after from, or len(sql) when there is none.
func closeAfter(sql string, from int, closer string) int {
	if j := strings.Index(sql[from:], closer); j >= 0 {
		return from + j + len(closer) - 1
	}
	return len(sql)
}

func (c *conn) handleBind(st *stmt, m *sqli.Bind) {
	if len(m.Values) != len(st.es.Params) {
		c.srv.violation("conn %d: SQ_BIND with %d values for %d placeholders", c.id, len(m.Values), len(st.es.Params))
		c.fail(&engine.Error{SQLCode: errHostVarCount})
		return
	}
	args := st.args[:0]
	for i := range m.Values {
		v, err := c.bindValue(&m.Values[i])
		if err != nil {
			c.srv.violation("conn %d: bind value %d: %v", c.id, i+1, err)
			c.fail(err)
			return
		}
		args = append(args, v)
	}
	st.args = args
	st.markBlobParams()
}

func (c *conn) handleOpen(st *stmt) {
	if st.es.Type == sqli.StmtInsert {
		st.closeCursor()
		st.putOpen = true // put.go
		return
	}
	if !st.isQuery() {
		c.fail(&engine.Error{SQLCode: -481, Message: "Invalid statement name or statement was not prepared as a cursor."})
		return
	}
	st.closeCursor()
	st.txClosed = false
	if st.scroll && st.es.ForUpdate() {
		// IDS prepares the statement and refuses the OPEN (informix-driver's
		// test_failed_scroll_open_releases_statement relies on that).
		c.fail(&engine.Error{SQLCode: -526, Message: "Updates are not allowed on a scroll cursor."})
		return
	}
	if st.scroll && st.selectsBlobs() {
		c.fail(&engine.Error{SQLCode: -611, Message: "Scroll cursor can't select blob columns."})
		return
	}
	if c.blobsMissing(st) {
		return
	}
	c.blobGen++
	st.cursorGen = c.blobGen
	// The cursor's context lives until CLOSE; the interrupt ends it.
	ctx, cancel := context.WithCancel(context.Background())
	st.cancel = cancel
	defer c.oob.watch(cancel)()
	cur, err := st.es.Query(ctx, st.args)
	if err != nil {
		st.closeCursor()
		c.fail(err)
		return
	}
	if st.scroll {
		// A scroll cursor must reach any row: read them all now.
		defer cur.Close()
		for {
			row, err := cur.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				c.fail(err)
				return
			}
			st.scrollRows = append(st.scrollRows, row)
		}
		st.scrollOpen = true
		c.opened[st] = struct{}{}
		return
	}
	st.cursor = cur
	c.opened[st] = struct{}{}
}

// handleFetch sends as many rows as fit in bufSize bytes (at least one).
// When the cursor runs out in this fetch, SQ_DONE and SQ_COST follow the
// rows; a fetch on an exhausted cursor gets them alone. informix-driver
// fetches until a reply carries no tuple, so both forms end its loop.
func (c *conn) handleFetch(st *stmt, bufSize int) {
	if c.closedByTx(st) {
		return
	}
	if st.cursor == nil && !st.exhausted {
		c.fail(&engine.Error{SQLCode: errCursorNotOpen})
		return
	}
	if st.cancel != nil {
		defer c.oob.watch(st.cancel)()
	}
	used := 0
	for !st.exhausted {
		row := st.pending
		st.pending = nil
		if row == nil {
			var err error
			row, err = st.cursor.Next()
			if err == nil {
				err = c.sendClientWrites(context.Background())
			}
			if errors.Is(err, io.EOF) {
				st.exhausted = true
				st.cursor.Close()
				st.cursor = nil
				break
			}
			if err != nil {
				c.fail(err)
				return
			}
		}
		data, err := c.encodeRow(st, row)
		if err != nil {
			c.fail(err)
			return
		}
		size := 8 + len(data) + len(data)&1
		if used > 0 && used+size > bufSize {
			st.pending = row
			return
		}
		used += size
		st.fetched++
		c.out = (&sqli.Tuple{Data: data}).Encode(c.out, c.feat)
	}
	c.appendDone(0, st.fetched, 0)
}

func (c *conn) handleScrollFetch(st *stmt, m *sqli.SFetch) {
	if !st.scroll {
		// IBM's message catalog (JDBC prints it for the code): -482
		// "Invalid operation on a non-SCROLL cursor." (docs/PROTOCOL.md,
		// "SFETCH on a sequential cursor").
		c.fail(&engine.Error{SQLCode: errNotScrollCursor, Message: engine.MessageText(errNotScrollCursor, "")})
		return
	}
	if c.closedByTx(st) {
		return
	}
	if !st.scrollOpen {
		c.fail(&engine.Error{SQLCode: errCursorNotOpen})
		return
	}
	var pos int64
	switch m.ScrollType {
	case sqli.ScrollNext:
		// The row field names the row wanted (JDBC: after beforeFirst's
		// ABSOLUTE 1 it sends NEXT 1 and expects row 1).
		pos = st.fetched + 1
		if m.Row > 0 {
			pos = int64(m.Row)
		}
	case sqli.ScrollLast:
		pos = int64(len(st.scrollRows))
	case sqli.ScrollAbsolute:
		pos = int64(m.Row)
	default:
		c.srv.violation("conn %d: SQ_SFETCH scroll type %d", c.id, m.ScrollType)
		c.fail(&engine.Error{SQLCode: errUnsupported, Message: "scroll type"})
		return
	}
	if pos >= 1 && pos <= int64(len(st.scrollRows)) {
		data, err := c.encodeRow(st, st.scrollRows[pos-1])
		if err != nil {
			c.fail(err)
			return
		}
		st.fetched = pos
		c.out = (&sqli.TupID{Row: int32(pos)}).Encode(c.out, c.feat)
		c.out = (&sqli.Tuple{Data: data}).Encode(c.out, c.feat)
		c.appendDone(0, 1, 0)
		return
	}
	c.appendDone(0, 0, 0)
}

func (c *conn) handleExecute(st *stmt) {
	if c.blobsMissing(st) {
		return
	}
	ctx, done := c.stmtContext()
	defer done()
	if st.isQuery() {
		// EXECUTE of a SELECT: Informix requires it to yield one row at most.
		cur, err := st.es.Query(ctx, st.args)
		if err != nil {
			c.fail(err)
			return
		}
		defer cur.Close()
		n := int64(0)
		for ; n < 2; n++ {
			if _, err := cur.Next(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				c.fail(err)
				return
			}
		}
		if n > 1 {
			c.fail(&engine.Error{SQLCode: -284, Message: "A subquery has returned not exactly one row."})
			return
		}
		c.appendDone(0, n, 0)
		return
	}
	if c.refuseWrite(st) {
		return
	}
	res, err := st.es.Exec(ctx, st.args)
	if err != nil {
		if !c.lostGathered(err) {
			c.fail(err)
		}
		return
	}
	if st.wantKeys {
		if err := c.appendGeneratedKeys(st, res); err != nil {
			c.fail(err)
			return
		}
	}
	if res.HasSerial8 || res.BigSerial != 0 {
		c.out = (&sqli.InsertDone{Serial8: res.Serial8, BigSerial: res.BigSerial}).Encode(c.out, c.feat)
	}
	var warn int16
	switch st.es.Type {
	case sqli.StmtCommitWork, sqli.StmtRollbackWork:
		c.endOfTransaction()
	case sqli.StmtDatabase, sqli.StmtCreateDatabase:
		// JDBC marks the database open on the SQ_DONE of these.
		c.closeOtherStatements(st)
		if info, ok := c.sess.Database(); ok {
			warn = c.roleWarnings(dbWarnings(info))
		}
	}
	c.appendDone(warn, res.RowsAffected, res.Serial)
}

func (c *conn) closeOtherStatements(keep *stmt) {
	for id, st := range c.stmts {
		if st != keep {
			st.closeCursor()
			delete(c.stmts, id)
		}
	}
}
