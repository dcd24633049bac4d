package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// An Informix transaction is a SQLite transaction held open on the
// session's connection. SQLite ends that transaction on its own when a
// write statement in it is interrupted (and on SQLITE_FULL, IOERR,
// NOMEM): everything written since BEGIN is gone, where IDS fails only
// the interrupted statement and the transaction goes on. A savepoint per
// statement does not help: the rollback takes the savepoints with it
// (tried: ROLLBACK TO then fails with "no such savepoint"). So that the
// engine can do as IDS does, the session keeps a redo log of the rows
// each successful statement of the transaction wrote (a SQLite
// pre-update hook), notices SQLite's own rollback (a rollback hook) and
// writes the logged rows again in a new SQLite transaction. A
// transaction that changed the schema or set a savepoint cannot be
// rebuilt from rows; it is ended instead, and the engine says so: its
// later statements and its COMMIT fail with -458, its ROLLBACK succeeds
// (everything was rolled back).

// redoEntry is one row change of a statement that completed inside the
// current transaction.
type redoEntry struct {
	op     int32 // sqlite3.SQLITE_INSERT, _UPDATE or _DELETE
	schema string
	table  string
	oldID  int64
	newID  int64
	vals   []any // the new row (INSERT, UPDATE)
}

// hookConn is the part of modernc.org/sqlite's connection the log needs.
type hookConn interface {
	RegisterPreUpdateHook(sqlite.PreUpdateHookFn)
	RegisterRollbackHook(sqlite.RollbackHookFn)
}

// watchConn registers the rollback and pre-update hooks on the
// session's connection.
func (s *Session) watchConn(c *sql.Conn) error {
	return c.Raw(func(dc any) error {
		if h, ok := dc.(hookConn); ok {
			h.RegisterRollbackHook(s.onRollback)
			h.RegisterPreUpdateHook(s.onPreUpdate)
		}
		return nil
	})
}

// unwatchConn removes the session's hooks before the connection goes back
// to the pool.
func (s *Session) unwatchConn(c *sql.Conn) {
	c.Raw(func(dc any) error {
		if h, ok := dc.(hookConn); ok {
			h.RegisterPreUpdateHook(nil)
			h.RegisterRollbackHook(nil)
		}
		return nil
	})
}

// logWrites turns the redo log on or off: on only while the session
// holds a SQLite transaction (holdTx).
func (s *Session) logWrites(on bool) {
	if s.conn == nil || s.logging == on {
		return
	}
	s.logging = on
}

// logRedo records a row change. Changes made by foreign-key actions
// (depth > 0) are not recorded: writing the change that caused them
// again causes them again.
func (s *Session) logRedo(d sqlite.SQLitePreUpdateData) {
	if !s.sqlTx || s.txDoomed || d.Depth() > 0 {
		return
	}
	e := redoEntry{op: d.Op, schema: d.DatabaseName, table: d.TableName, oldID: d.OldRowID, newID: d.NewRowID}
	if d.Op != sqlite3.SQLITE_DELETE {
		e.vals = make([]any, d.Count())
		if err := d.New(e.vals...); err != nil {
			s.txUnsafe = true
		}
	}
	s.redo = append(s.redo, e)
}

// onRollback notes that SQLite ended the transaction. The engine's own
// ROLLBACKs clear the note when they end the Informix transaction.
func (s *Session) onRollback() {
	if s.sqlTx {
		s.txGone = true
	}
	if s.gather.open {
		s.gather.gone = true
	}
}

// stmtFailed is called when a statement of the session failed; mark is
// the length of the redo log when it began. SQLite undid the
// statement's own writes (or the whole transaction), so they leave the
// log; if the whole transaction went, it is rebuilt.
func (s *Session) stmtFailed(mark int) {
	if !s.sqlTx {
		return
	}
	if mark <= len(s.redo) {
		s.redo = s.redo[:mark]
	}
	if s.txGone {
		s.rebuildTx()
	}
}

// rebuildTx begins a new SQLite transaction and writes the logged rows
// again, or dooms the Informix transaction when that cannot be done.
func (s *Session) rebuildTx() {
	s.txGone = false
	if s.txDDL || s.txUnsafe {
		s.txDoomed = true
		return
	}
	ctx := context.Background()
	begin := "BEGIN"
	if s.txWrite { // a log of temp-table rows alone needs no write lock
		begin = "BEGIN IMMEDIATE"
	}
	if _, err := s.conn.ExecContext(ctx, begin); err != nil {
		s.txDoomed = true
		return
	}
	s.txWrite = begin == "BEGIN IMMEDIATE"
	// The replay's writes are logged again, under the rowids they get
	// now; kept too, the old entries would be written twice by a later
	// rebuild.
	log := s.redo
	s.redo = nil
	r := replayer{s: s, cols: map[string][]string{}, ids: map[rowKey]int64{}}
	for _, e := range log {
		if err := r.replay(ctx, e); err != nil {
			s.conn.ExecContext(ctx, "ROLLBACK")
			s.txGone = false
			s.txDoomed = true
			return
		}
	}
}

// replayer writes logged changes again. Between SQLite's rollback and
// the replay another session may have taken a rowid that an INSERT of
// the log had: the row is inserted under a new rowid, and later changes
// to it are directed there. A change that no longer finds its row, or
// an INSERT that now violates a constraint, fails the replay: another
// session got in first, where IDS's locks would have held it off.
type replayer struct {
	s    *Session
	cols map[string][]string
	ids  map[rowKey]int64
}

type rowKey struct {
	table string
	id    int64
}

func (r *replayer) rowid(table string, id int64) int64 {
	if n, ok := r.ids[rowKey{table, id}]; ok {
		return n
	}
	return id
}

// replay writes one logged change again.
func (r *replayer) replay(ctx context.Context, e redoEntry) error {
	conn := r.s.conn
	table := quoteIdent(e.schema) + "." + quoteIdent(e.table)
	if e.op == sqlite3.SQLITE_DELETE {
		res, err := conn.ExecContext(ctx, "DELETE FROM "+table+" WHERE rowid = ?", r.rowid(table, e.oldID))
		return oneRow(res, err)
	}
	names, ok := r.cols[table]
	if !ok {
		rows, err := conn.QueryContext(ctx, "SELECT name FROM "+quoteIdent(e.schema)+".pragma_table_info(?)", e.table)
		if err != nil {
			return err
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			names = append(names, quoteIdent(n))
		}
		rows.Close()
		r.cols[table] = names
	}
	if len(names) != len(e.vals) {
		return errRedoShape
	}
	if e.op == sqlite3.SQLITE_INSERT {
		res, err := conn.ExecContext(ctx, "INSERT INTO "+table+" ("+strings.Join(names, ", ")+") VALUES (?"+strings.Repeat(", ?", len(names)-1)+")", e.vals...)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if id != e.newID {
			r.ids[rowKey{table, e.newID}] = id
		}
		return nil
	}
	args := append(e.vals, r.rowid(table, e.oldID))
	res, err := conn.ExecContext(ctx, "UPDATE "+table+" SET "+strings.Join(names, " = ?, ")+" = ? WHERE rowid = ?", args...)
	return oneRow(res, err)
}

// oneRow fails a replayed UPDATE or DELETE that found no row.
func oneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errRedoShape
	}
	return nil
}

var errRedoShape = newErr(-458, 0, "")

// doomedErr is what a statement of a transaction that SQLite ended, and
// the engine could not rebuild, gets (IDS's "Long transaction aborted":
// the server rolled the transaction back).
func doomedErr() error {
	e := newErr(-458, 0, "")
	e.Message = "Long transaction aborted: an interrupted statement rolled back this transaction, which ifxtest cannot restore because it changed the schema or set a savepoint; ROLLBACK WORK ends it."
	return e
}

// discardConn makes sure the session's connection is never used again,
// nor returned to the pool, and gives the session a fresh one: used
// when the connection's transaction state is not known.
func (s *Session) discardConn() {
	old := s.conn
	s.closeVerbs()
	s.unwatchConn(old)
	old.Raw(func(any) error { return driver.ErrBadConn })
	old.Close()
	s.logging = false
	c, err := s.db.pool.Conn(context.Background())
	if err == nil {
		if _, err = c.ExecContext(context.Background(), "PRAGMA busy_timeout = "+itoa(s.busyMillis())); err == nil {
			err = s.watchConn(c)
		}
	}
	if err != nil {
		if c != nil {
			c.Close()
		}
		c = nil
	}
	s.conn = c
	s.temps = map[string]*tableInfo{}
	s.tempSerials = map[string]int64{}
	s.attached = map[string]string{}
	s.cache = map[string]*tableInfo{}
}
