package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Gathering. Each INSERT, UPDATE or DELETE runs in a SQLite transaction
// of its own (rowtx.go), and its COMMIT (WAL frames, shared-memory
// locks) cost about half the server's time in a batch of one-row
// INSERTs. With gathering on (GatherShortWrites), a short INSERT
// (shortwrite.go: one row of markers and literals, no SERIAL, no
// trigger, no routine call) that succeeds leaves its SQLite transaction
// open, and the next short INSERT of the session runs in it. The caller
// commits the gathered transaction (Settle) before anything the client
// can take as an acknowledgement (a reply written), and before anything
// that can wait (reading the socket); the engine commits it itself
// before any other statement, a lock wait, and the end of the
// transaction or the session. So every row the client was told about is
// committed to SQLite, exactly as with one SQLite transaction per
// statement, and another session sees the gathered rows all at once,
// before their acknowledgement: what it would have seen had it read a
// moment earlier or later.
//
// Why short INSERTs only: SQLite ends the whole transaction when a
// write statement in it is interrupted (txlog.go), which would take the
// gathered statements with it; a short INSERT runs under a context that
// cannot end, and never waits inside SQLite (the session holds the
// write lock). A gathered statement that fails is undone alone: a
// constraint error by SQLite's own statement rollback, a lock conflict
// by ROLLBACK TO a savepoint taken before it (only while another
// session holds locks: no session can take one while this one holds
// SQLite's write lock, so without them no conflict can arise). Should
// SQLite end the gathered transaction anyway (disk full, I/O error) or
// its COMMIT fail, the gathered statements are gone: their undo entries
// and locks are dropped, and the error (GatherLost) ends the client's
// connection, which had no reply for them.

// ErrGatherLost is wrapped by the error of a Settle or a gathered
// statement that lost the gathered statements (disk full, I/O error):
// they were undone, and the caller, which has not answered them, must
// not answer them now (it ends the connection).
var ErrGatherLost = errors.New("the gathered statements were lost")

// gatherState is the open gathered SQLite transaction's state.
type gatherState struct {
	on   bool  // GatherShortWrites: the caller settles
	stmt *Stmt // the short INSERT running now, which may gather
	open bool  // a gathered SQLite transaction is open
	gone bool  // SQLite rolled it back on its own (onRollback)
	// the lengths of the undo log and the lock lists when it began
	undoMark, rowMark, goneMark, keyMark int
}

// GatherShortWrites turns gathering on or off. With it on, the caller
// must call Settle before it writes a reply or reads from the client.
func (s *Session) GatherShortWrites(on bool) {
	if !on {
		s.Settle()
	}
	s.gather.on = on
}

// Gathering reports whether a gathered SQLite transaction is open.
func (s *Session) Gathering() bool { return s.gather.open }

// Settle commits the gathered SQLite transaction, if one is open. An
// error wraps ErrGatherLost.
func (s *Session) Settle() error {
	g := &s.gather
	if !g.open {
		return nil
	}
	var cause error
	if !g.gone {
		g.open = false // before COMMIT: onRollback must not mark it gone
		if cause = s.execVerb(context.Background(), "COMMIT"); cause == nil {
			return nil
		}
		g.open = true
	}
	return s.loseGathered(cause)
}

// startGather notes that the SQLite transaction just begun gathers.
func (s *Session) startGather() {
	s.gather.open, s.gather.gone = true, false
	s.gather.undoMark, s.gather.rowMark, s.gather.goneMark, s.gather.keyMark = len(s.undo), len(s.rowsHeld), len(s.goneHeld), len(s.keysHeld)
}

// loseGathered ends a gathered transaction whose statements are gone
// (or that could not commit): their undo entries go, while this
// session still holds the write lock (rowtx.go's order), then the
// transaction, then their locks.
func (s *Session) loseGathered(cause error) error {
	g := &s.gather
	s.undoMu.Lock()
	if g.undoMark <= len(s.undo) {
		s.undo = s.undo[:g.undoMark]
	}
	s.undoMu.Unlock()
	g.open = false
	if err := s.execVerb(context.Background(), "ROLLBACK"); err != nil && !noTxActive(err) && cause == nil {
		cause = err
	}
	g.gone = false
	if g.rowMark <= len(s.rowsHeld) && g.goneMark <= len(s.goneHeld) && g.keyMark <= len(s.keysHeld) {
		s.releaseFrom(g.rowMark, g.goneMark, g.keyMark)
	}
	if cause == nil {
		cause = errors.New("SQLite rolled the transaction back")
	}
	return fmt.Errorf("%w: %w", ErrGatherLost, cause)
}

// gathers reports whether st, about to run, may gather: the caller
// settles, and st is a short INSERT. Any other statement settles first.
func (s *Session) gathers(st *Stmt) bool {
	return s.gather.on && st.shortInsert()
}

// endGathered ends a statement run in the gathered transaction (execOnce
// with its marks): one that succeeded stays in it; one that failed or
// met a lock is undone alone, and a lock conflict is returned in the
// lock state, as execOnce returns it.
func (st *Stmt) endGathered(r sql.Result, err error, sl *stmtLocking, savepoint bool, markU, markR, markG, markK int) (sql.Result, *stmtLocking, error) {
	s := st.s
	bg := context.Background()
	if s.gather.gone {
		return nil, nil, s.loseGathered(err)
	}
	undone := err != nil || sl != nil && sl.owner != 0
	if !undone {
		if savepoint {
			if rerr := s.execVerb(bg, "RELEASE ifx_gather"); rerr != nil {
				return nil, nil, s.loseGathered(rerr)
			}
		}
		return r, sl, nil
	}
	s.undoMu.Lock()
	s.undo = s.undo[:markU]
	s.undoMu.Unlock()
	switch {
	case savepoint:
		rerr := s.execVerb(bg, "ROLLBACK TO ifx_gather")
		if rerr == nil {
			rerr = s.execVerb(bg, "RELEASE ifx_gather")
		}
		if rerr != nil {
			s.releaseFrom(markR, markG, markK)
			return nil, nil, s.loseGathered(rerr)
		}
	case err == nil:
		// Written but to be undone, with no savepoint: cannot happen (no
		// other session held a lock), and only the whole transaction
		// can take it back.
		s.releaseFrom(markR, markG, markK)
		return nil, nil, s.loseGathered(fmt.Errorf("lock conflict in a gathered statement without a savepoint"))
	}
	// Otherwise SQLite's statement rollback undid the failed statement.
	s.releaseFrom(markR, markG, markK)
	if sl != nil && sl.owner == 0 && err != nil && uniqueViolation(err) {
		// The value may be another transaction's uncommitted key (execOnce).
		sl.owner, sl.key = s.e.locks.keyOwner(s.tableDB(st.targetInfo()), st.table, "", s.id), true
	}
	if sl != nil && sl.owner != 0 {
		return nil, sl, nil // execRowLocked settles, then waits
	}
	return r, sl, err
}
