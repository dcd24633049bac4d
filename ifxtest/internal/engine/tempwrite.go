package engine

import (
	"context"
	"errors"
	"time"

	"modernc.org/sqlite"
)

// A temp table is private to its session, and IDS takes no lock that
// another session could hold on it: creating, filling, altering or
// dropping one never waits for another session's transaction. SQLite
// keeps a connection's temp tables in its own "temp" database, which no
// other connection shares; only BEGIN IMMEDIATE (and a transaction's
// restart as one, lockForWrite) takes the write lock of the session's
// database as well. So a statement that writes only temp tables runs in
// a deferred transaction, and inside an Informix transaction it leaves
// the transaction deferred.

// writeLock prepares the session's open transaction for a statement that
// writes: the database's write lock, unless the statement writes only
// temp tables (tempOnly).
func (s *Session) writeLock(ctx context.Context, tempOnly bool) error {
	if !tempOnly {
		return s.lockForWrite(ctx)
	}
	if !s.txWrite {
		s.txTemp = true
	}
	return nil
}

// tempTarget reports whether the statement's DML target is a temp table.
func (st *Stmt) tempTarget() bool {
	for _, d := range st.deps {
		if d.ti != nil && d.ti.name == st.table {
			return d.ti.temp
		}
	}
	return false
}

// upgradeInPlace takes the write lock for a transaction that wrote temp
// tables first. lockForWrite cannot restart it as BEGIN IMMEDIATE (the
// COMMIT would make its temp-table writes outlive a ROLLBACK), and SQLite
// does not wait on its busy handler when a transaction that has read
// asks for the write lock: a write to nothing is tried until the lock
// comes or SET LOCK MODE's wait ends. When another transaction committed
// after this one's first read, SQLite refuses the lock for good
// (SQLITE_BUSY_SNAPSHOT): the transaction is then restarted from its
// redo log (restartForWrite).
func (s *Session) upgradeInPlace(ctx context.Context) error {
	deadline := time.Now().Add(time.Duration(s.busyMillis()) * time.Millisecond)
	for {
		_, err := s.conn.ExecContext(ctx, "DELETE FROM main.ifx_meta WHERE 0")
		var se *sqlite.Error
		if err != nil && errors.As(err, &se) && se.Code() == sqliteBusySnapshot {
			return s.restartForWrite(ctx, err)
		}
		if err == nil || se == nil || se.Code() != sqliteBusy || !time.Now().Before(deadline) {
			if err != nil {
				s.txWrite = false
			}
			return err
		}
		t := time.NewTimer(5 * time.Millisecond)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			s.txWrite = false
			return ctx.Err()
		}
	}
}

// SQLite's result codes for a lock held by another connection, which may
// be released (SQLITE_BUSY), and for a snapshot that can no longer write
// (SQLITE_BUSY_SNAPSHOT).
const (
	sqliteBusy         = 5
	sqliteBusySnapshot = 5 | 2<<8
)

// restartForWrite ends the SQLite transaction of an Informix transaction
// that wrote only temp-table rows, begins it again IMMEDIATE (waiting as
// SET LOCK MODE says) and writes the logged rows again (txlog.go). When
// the lock does not come, the transaction goes on deferred with its rows
// and the statement gets the lock error. A transaction whose temp
// tables were created or changed (DDL) cannot be rebuilt from rows and
// gets the lock error, cause, as it stands.
func (s *Session) restartForWrite(ctx context.Context, cause error) error {
	s.txWrite = false
	if s.txDDL || s.txUnsafe || len(s.cursors) > 0 {
		return cause
	}
	if _, err := s.conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		return cause
	}
	s.txGone = false
	_, lockErr := s.conn.ExecContext(ctx, "BEGIN IMMEDIATE")
	begin := "BEGIN IMMEDIATE"
	if lockErr != nil {
		begin = "BEGIN"
		if _, err := s.conn.ExecContext(context.Background(), begin); err != nil {
			s.txDoomed = true
			return lockErr
		}
	}
	s.txWrite = lockErr == nil
	log := s.redo
	s.redo = nil // the replay logs the rows again, under their new rowids
	r := replayer{s: s, cols: map[string][]string{}, ids: map[rowKey]int64{}}
	for _, e := range log {
		if err := r.replay(context.Background(), e); err != nil {
			s.conn.ExecContext(context.Background(), "ROLLBACK")
			s.txGone = false
			s.txDoomed = true
			return doomedErr()
		}
	}
	return lockErr
}
