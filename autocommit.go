package ifx

import (
	"github.com/ifxgo/ifx/sqli"
)

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
	if c.rows != nil {
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
	if !c.uncommitted || c.rows != nil || c.isClosed() || r.ctx.Err() != nil {
		return
	}
	if err := c.arm(r.ctx); err != nil {
		return
	}
	if err := c.finish(c.autocommit(nil)); err != nil && r.err == nil {
		r.err = err
	}
}
