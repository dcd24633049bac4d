package ifxtest

import "github.com/ifxgo/ifx/ifxtest/internal/engine"

// IDS closes a transaction's cursors when it ends, by COMMIT WORK or
// ROLLBACK WORK (the message or the SQL statement), except those opened
// WITH HOLD (SQ_HOLD before SQ_OPEN, as JDBC sends for
// HOLD_CURSORS_OVER_COMMIT): those stay open, positioned where they were.
// A fetch on a cursor closed that way fails with -400, "Fetch attempted
// on unopen cursor".

// errFetchUnopen answers a fetch on a cursor the transaction's end closed.
const errFetchUnopen = -400

// endingTx wraps a COMMIT or ROLLBACK so that the cursors it closes are
// closed once it succeeds.
func (c *conn) endingTx(end func() error) func() error {
	return func() error {
		if err := end(); err != nil {
			return err
		}
		c.endOfTransaction()
		return nil
	}
}

// endOfTransaction closes every open cursor not opened WITH HOLD.
func (c *conn) endOfTransaction() {
	for _, st := range c.stmts {
		if st.hold || !st.cursorOpen() {
			continue
		}
		st.closeCursor()
		st.txClosed = true
	}
}

// cursorOpen reports whether the statement has a cursor the client may
// still fetch from.
func (st *stmt) cursorOpen() bool {
	return st.cursor != nil || st.scrollOpen || st.exhausted || st.pending != nil
}

// closedByTx answers a fetch on a cursor the transaction's end closed.
func (c *conn) closedByTx(st *stmt) bool {
	if !st.txClosed {
		return false
	}
	c.fail(&engine.Error{SQLCode: errFetchUnopen, Message: "Fetch attempted on unopen cursor."})
	return true
}
