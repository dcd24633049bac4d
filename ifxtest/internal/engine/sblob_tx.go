package engine

import (
	"context"
	"database/sql"
)

// Under row locks (rowtx.go) a transaction's statements each commit to
// SQLite, and ROLLBACK writes back the before-images its pre-update hook
// logged. That hook cannot serve an object's bytes: SQLite runs no
// pre-update hook for a WITHOUT ROWID table (ifx_sblob_page), and a
// 32 KiB page per before-image would be the log's bulk. So a transaction
// that creates or changes an object holds a SQLite transaction from then
// on (holdTx), as one that changes the schema does: its ROLLBACK undoes
// the object with its rows, other transactions see neither the object
// nor its new bytes until the COMMIT, and a writer of the database waits
// for it (SQLite's write lock, as SET LOCK MODE says), which is coarser
// than IDS's lock on the one object. The redo log records rows, not
// pages: an interrupt after this cannot rebuild the transaction
// (txUnsafe), as after a savepoint.

// loWriteConn returns the connection to change objects through, first
// making an Informix transaction hold its SQLite transaction and the
// database's write lock.
func (s *Session) loWriteConn(ctx context.Context) (*sql.Conn, error) {
	if s.db == nil {
		return nil, newErr(-349, 0, "")
	}
	if s.inTx {
		if err := s.holdTx(ctx); err != nil {
			return nil, err
		}
		if s.sqlTx {
			s.txUnsafe = true
			if err := s.writeLock(ctx, false); err != nil {
				return nil, err
			}
		}
	}
	return s.loConn(ctx)
}
