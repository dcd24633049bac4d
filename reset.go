package ifx

import (
	"context"

	"github.com/ifxgo/ifx/sqli"
)

// InTransaction reports whether a transaction may be open on the server:
// a Tx not yet ended, a BEGIN WORK run as SQL text, or, in an ANSI
// database, where the server always has one open, any time.
func (c *Conn) InTransaction() bool {
	return c.txOpen() || c.sqlTx || c.pc.DatabaseInfo().ANSI
}

// txOpen reports a Tx of this connection that has not ended.
func (c *Conn) txOpen() bool { return c.tx != nil && !c.tx.closed }

// Reset makes the connection fit for its next user, as a pool or
// database/sql needs before reuse: it closes an open Rows (releasing its
// cursor) and rolls back any open transaction. An error means the
// connection cannot be trusted and should be discarded.
func (c *Conn) Reset(ctx context.Context) error {
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
