package ifxtest

import (
	"errors"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// Codes for client mistakes the server reports.
const (
	errNotPrepared   = -410 // statement id unknown or released
	errReleased      = -267 // CLOSE or RELEASE of a statement id already released
	errHostVarCount  = -254 // wrong number of bind values
	errNotCursor     = -400 // fetch on a statement that has no open cursor
	errCursorNotOpen = -404
	// errNotScrollCursor answers a scroll fetch on a sequential cursor.
	errNotScrollCursor = -482
	errUnsupported     = -999 // not implemented by ifxtest
	// errUnknownMessage answers a message tag the server does not know
	// (JDBC's text: "Invalid message type received from the sqlexec
	// process.").
	errUnknownMessage = -408
	// errStatementTooLong answers a message longer than ifxtest buffers
	// (16 MiB): IDS's "Statement length exceeds maximum".
	errStatementTooLong = -460
)

// handle acts on one message of a request group, appending its part of
// the response to c.out.
func (c *conn) handle(m sqli.Message) {
	if !c.gathers(m) {
		if err := c.settle(); err != nil {
			c.lost = err
			return
		}
	}
	switch m := m.(type) {
	case *sqli.Protocols:
		c.handleProtocols(m)
	case *sqli.Info:
		c.sawInfo = true
		if v := envValue(m.Env, "CLIENT_LOCALE"); v != "" {
			c.cs = charsetFor(v, true)
		}
		if v := envValue(m.Env, "DBDATE"); v != "" {
			c.sess.SetDBDate(v)
		}
		if v := envValue(m.Env, "DB_LOCALE"); v != "" {
			c.sess.SetDBLocale(v)
		}
	case *sqli.DBOpen:
		c.handleDBOpen(m)
	case sqli.DBList:
		c.out = (&sqli.DBNames{Names: c.srv.engine.Databases()}).Encode(c.out, c.feat)
	case sqli.BatchStart, sqli.BatchEnd:
		// Bare markers around a batch of request groups (feature 61):
		// nothing to do and nothing to answer.
	case sqli.DBClose:
		c.closeStatements()
		if err := c.sess.CloseDatabase(); err != nil {
			c.fail(err)
		}
	case *sqli.Prepare:
		c.handlePrepare(m.SQL, int(m.NumParams), false)
	case *sqli.Command:
		c.handlePrepare(m.SQL, -1, true)
	case *sqli.ID:
		st, ok := c.stmts[m.StatementID]
		if !ok {
			// Reported when a message uses it: informix-driver sends
			// SQ_ID 0 before SQ_FETCHBLOB, which needs no statement.
			c.cur, c.badID, c.badIDn = nil, true, m.StatementID
			return
		}
		c.cur, c.badID = st, false
	case sqli.NDescribe:
		if st := c.current(m); st != nil {
			c.out = st.describe(c).Encode(c.out, c.feat)
		}
	case sqli.WantDone:
		if st := c.current(m); st != nil {
			c.appendDone(0, 0, 0)
		}
	case *sqli.CurName:
		if st := c.current(m); st != nil {
			// SCROLL and HOLD, if any, follow: they belong to this OPEN.
			st.cursorName, st.scroll, st.hold = m.Name, false, false
		}
	case *sqli.Bind:
		if c.fp != nil {
			c.handleFPBind(m)
			return
		}
		if st := c.current(m); st != nil {
			c.handleBind(st, m)
		}
	case sqli.Scroll:
		if st := c.current(m); st != nil {
			st.scroll = true
		}
	case sqli.CIDescribe:
		if st := c.current(m); st != nil {
			c.out = st.describeInput().Encode(c.out, c.feat)
		}
	case sqli.Hold:
		if st := c.current(m); st != nil {
			st.hold = true
		}
	case sqli.AutoFree:
		c.current(m)
	case *sqli.Put:
		// After an error in the group, current returns nil: the
		// remaining rows are read and dropped.
		if st := c.current(m); st != nil {
			c.handlePut(st, m)
		}
	case *sqli.FetchBlob:
		c.handleFetchBlob(m)
	case *sqli.BBind:
		if st := c.current(m); st != nil {
			c.handleBBind(st, m)
		}
	case *sqli.Blob:
		if st := c.current(m); st != nil {
			c.handleBlob(st, m)
		}
	case *sqli.RetType:
		if st := c.current(m); st != nil {
			st.setRetTypes(m)
		}
	case sqli.Open:
		if st := c.current(m); st != nil {
			c.handleOpen(st)
		}
	case *sqli.NFetch:
		if st := c.current(m); st != nil {
			c.handleFetch(st, int(m.BufSize))
		}
	case *sqli.SFetch:
		if st := c.current(m); st != nil {
			c.handleScrollFetch(st, m)
		}
	case sqli.Execute:
		if st := c.current(m); st != nil {
			c.handleExecute(st)
		}
	case sqli.Close:
		if st := c.current(m); st != nil {
			st.closeCursor()
		}
	case sqli.Release:
		if st := c.current(m); st != nil {
			st.closeCursor()
			delete(c.stmts, st.id)
			c.cur = nil
		}
	case *sqli.SGKPrepare:
		if st := c.current(m); st != nil {
			st.wantKeys = m.Flag != 0
		}
	case *sqli.Savepoint:
		c.handleSavepoint(m)
	case sqli.Begin:
		// BEGIN may wait for another transaction's lock: the interrupt
		// must reach it.
		c.handleTx(func() error {
			ctx, stop := c.stmtContext()
			defer stop()
			return c.sess.Begin(ctx)
		})
	case sqli.CommitWork:
		c.handleTx(c.endingTx(c.sess.Commit))
	case *sqli.Rollback:
		c.handleTx(c.endingTx(c.sess.Rollback))
	case *sqli.GetRoutine:
		c.handleGetRoutine(m)
	case *sqli.ExFPRoutine:
		c.handleExFPRoutine(m)
	case *sqli.LOData:
		c.handleLOData(m)
	default:
		c.srv.violation("conn %d: %v is not supported by ifxtest", c.id, m.Tag())
		c.fail(&engine.Error{SQLCode: errUnsupported, Message: m.Tag().String() + " is not supported by ifxtest"})
	}
}

// current returns the statement chosen by SQ_ID for a message that acts on
// one, or nil (after reporting) when there is none or the group already
// failed.
func (c *conn) current(m sqli.Message) *stmt {
	if c.failed {
		return nil
	}
	if c.cur == nil && c.badID {
		switch m.(type) {
		case sqli.Close, sqli.Release:
			// Cleanup of a statement already released is a client
			// mistake IDS answers with -267 and survives (informix-driver
			// test_stale_queued_cleanup_does_not_kill_the_connection), not
			// a malformed request.
			c.fail(&engine.Error{SQLCode: errReleased})
			return nil
		}
		c.srv.violation("conn %d: SQ_ID %d names no prepared statement", c.id, c.badIDn)
		c.fail(&engine.Error{SQLCode: errNotPrepared})
		return nil
	}
	if c.cur == nil {
		c.srv.violation("conn %d: %v without a statement (no SQ_ID or SQ_PREPARE before it)", c.id, m.Tag())
		c.fail(&engine.Error{SQLCode: errNotPrepared})
		return nil
	}
	return c.cur
}

// fail appends SQ_ERR for err and skips the rest of the group's actions, as
// a server does once a statement in a group fails.
func (c *conn) fail(err error) {
	if c.failed {
		return
	}
	c.failed = true
	var ee *engine.Error
	if !errors.As(err, &ee) {
		ee = &engine.Error{SQLCode: errUnsupported, Message: err.Error()}
	}
	c.appendErr(ee)
}

func (c *conn) appendErr(ee *engine.Error) {
	near := ee.Near
	if near == "" && ee.SQLCode == errUnsupported {
		near = ee.Message
	}
	c.out = (&sqli.Err{SQLCode: int32(ee.SQLCode), ISAMCode: int32(ee.ISAMCode), Offset: int32(ee.Offset), Near: c.cs.encodeString(near)}).Encode(c.out, c.feat)
}

func (c *conn) appendDone(warnings int16, rows int64, serial int32) {
	c.out = (&sqli.Done{Warnings: warnings, Rows: rows, Serial: serial}).Encode(c.out, c.feat)
	c.out = (&sqli.Cost{EstimatedRows: 1, EstimatedCost: 1}).Encode(c.out, c.feat)
}

func (c *conn) handleProtocols(m *sqli.Protocols) {
	// The reply is the server's own mask; layouts follow what both set.
	mask := sqli.NewFeatures(c.srv.persona.mask)
	if len(c.srv.cfg.PAM) > 0 {
		mask.Set(sqli.FeaturePAM)
		c.pamPending = true
	}
	c.feat = m.Features.Intersect(mask)
	c.rd.SetFeatures(c.feat)
	c.out = (&sqli.Protocols{Features: mask}).Encode(c.out, c.feat)
}

func (c *conn) handleDBOpen(m *sqli.DBOpen) {
	c.closeStatements()
	ctx, done := c.stmtContext()
	info, err := c.sess.OpenDatabase(ctx, m.Name)
	done()
	if err != nil {
		c.fail(err)
		return
	}
	c.appendDone(c.roleWarnings(dbWarnings(info)), 0, 0)
}

func dbWarnings(info engine.DatabaseInfo) int16 {
	w := int16(sqli.DBWarnInformix | sqli.DBWarnServer)
	if info.Logged {
		w |= sqli.DBWarnLogged
	}
	if info.ANSI {
		w |= sqli.DBWarnANSI | sqli.DBWarnLogged
	}
	return w
}

func (c *conn) handleTx(f func() error) {
	if err := f(); err != nil {
		c.fail(err)
	}
}

func (c *conn) closeStatements() {
	for id, st := range c.stmts {
		st.closeCursor()
		delete(c.stmts, id)
	}
	c.cur = nil
}

func envValue(env []sqli.EnvVar, name string) string {
	for _, e := range env {
		if e.Name == name {
			return e.Value
		}
	}
	return ""
}

// handleSavepoint runs JDBC's savepoint messages as the SQL statements
// they stand for; the answer is a bare SQ_EOT, as to BEGIN.
func (c *conn) handleSavepoint(m *sqli.Savepoint) {
	if c.failed {
		return
	}
	if c.sess == nil {
		c.fail(&engine.Error{SQLCode: -349})
		return
	}
	sql := "SAVEPOINT "
	switch m.Op {
	case sqli.TagRollbackSavepoint:
		sql = "ROLLBACK WORK TO SAVEPOINT "
	case sqli.TagReleaseSavepoint:
		sql = "RELEASE SAVEPOINT "
	}
	sql += c.cs.decodeString(m.Name)
	ctx, done := c.stmtContext()
	defer done()
	es, err := c.sess.Prepare(ctx, sql)
	if err != nil {
		c.fail(err)
		return
	}
	defer es.Close()
	if _, err := es.Exec(ctx, nil); err != nil {
		c.fail(err)
	}
}
