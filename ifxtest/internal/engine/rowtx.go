package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// An Informix transaction does not hold a SQLite transaction while it
// only reads and writes rows: each INSERT, UPDATE or DELETE runs in a
// SQLite transaction of its own, committed when the statement ends, so
// that two transactions writing different rows of one table both
// proceed, as on IDS. A pre-update hook takes the row locks (locks.go)
// and records each row's before-image in the session's undo log;
// ROLLBACK WORK writes the before-images back, newest first. A
// statement that meets another transaction's lock is undone by SQLite
// (its own transaction rolls back), waits as SET LOCK MODE says, and
// runs again. A transaction that changes the schema or sets a savepoint
// holds a SQLite transaction from then on instead ("held", txlog.go),
// after the rows of other transactions are released. One-row INSERTs
// of a request group may share one SQLite transaction (gather.go).

// undoEntry is one row change of the open transaction.
type undoEntry struct {
	op     int32  // sqlite3.SQLITE_INSERT, _UPDATE or _DELETE
	schema string // the writer's SQLite schema: main, temp or an ATTACH alias
	db     string // the database ("" for temp)
	table  string
	oldID  int64
	newID  int64
	old    []any // the before-image (UPDATE, DELETE)
}

// stmtLocking is the lock state of the DML statement that is running.
type stmtLocking struct {
	take     bool     // an Informix transaction: take the locks, log the rows
	table    string   // the statement's target table
	keyNames []string // its unique keys, as column lists
	keyCols  [][]int  // their columns' positions
	width    int      // the columns the keys need, from the first
	owner    int64    // the session whose lock the statement met
	key      bool     // …on a value of a unique key
	failed   bool     // a row could not be logged
}

// setLocking installs (or with nil removes) a statement's lock state.
func (s *Session) setLocking(sl *stmtLocking) { s.rl = sl }

// onPreUpdate is registered on the session's connection for as long as
// the session has it (watchConn): SQLite decides at prepare time to
// empty a table without visiting its rows (DELETE without WHERE) unless
// a pre-update hook is registered, and a statement prepared so would
// bypass the undo log. It serves the redo log of a held transaction (txlog.go) and
// the locks and undo log of a DML statement.
func (s *Session) onPreUpdate(d sqlite.SQLitePreUpdateData) {
	if s.logging {
		s.logRedo(d)
	}
	if sl := s.rl; sl != nil {
		s.lockChange(sl, d)
	}
	if s.loWatch != nil {
		s.loNoteRow(d)
	}
}

// internalTable reports the engine's own bookkeeping tables, which take
// no locks and are not rolled back (IDS does not roll back SERIAL values).
func internalTable(name string) bool {
	return name == "ifx_serial" || name == "ifx_meta" || name == "ifx_gen"
}

// lockChange takes the locks for one row change and logs its
// before-image. A lock held by another session is noted, for the
// statement to be undone and run again.
func (s *Session) lockChange(sl *stmtLocking, d sqlite.SQLitePreUpdateData) {
	if internalTable(d.TableName) {
		return
	}
	temp := d.DatabaseName == "temp"
	db := ""
	var rowBuf [2]int64 // no allocation per row
	rows := rowBuf[:0]
	if !temp {
		db = s.dbOfSchema(d.DatabaseName)
		switch {
		case d.Op == sqlite3.SQLITE_INSERT:
			rows = append(rows, d.NewRowID)
		case d.Op == sqlite3.SQLITE_UPDATE:
			rows = append(rows, d.OldRowID)
			if d.NewRowID != d.OldRowID {
				rows = append(rows, d.NewRowID)
			}
		case d.Op == sqlite3.SQLITE_DELETE:
			// A row this transaction inserted or updated holds its lock
			// until the transaction ends, deleted or not.
			if owner, _ := s.e.locks.lockRow(db, d.TableName, d.OldRowID, s.id, false); owner != 0 && sl.owner == 0 {
				sl.owner = owner
			}
			if sl.take {
				if k, fresh := s.e.locks.lockGone(db, d.TableName, d.OldRowID, s.id); fresh {
					s.goneHeld = append(s.goneHeld, k)
				}
			}
		}
	}
	var old []any
	if d.Op != sqlite3.SQLITE_INSERT && (sl.take || !temp && len(sl.keyCols) > 0) {
		old = make([]any, d.Count())
		if err := d.Old(old...); err != nil {
			sl.failed = true
		}
	}
	var keyBuf [4]keyValueLock
	keys := keyBuf[:0]
	if !temp && len(sl.keyCols) > 0 && d.Depth() == 0 && d.TableName == sl.table {
		var valBuf [2][]any
		vals := valBuf[:0]
		if old != nil {
			vals = append(vals, old)
		}
		if d.Op != sqlite3.SQLITE_DELETE {
			// The new values only serve the keys here: the session's
			// buffer, not one per row.
			nv := s.hookNew[:0]
			for range min(sl.width, d.Count()) {
				nv = append(nv, nil)
			}
			s.hookNew = nv
			if err := d.New(nv...); err == nil {
				vals = append(vals, nv)
			}
		}
		for _, v := range vals {
			for i, cols := range sl.keyCols {
				if val, ok := keyValue(v, cols); ok {
					keys = append(keys, keyValueLock{sl.keyNames[i], val})
				}
			}
		}
		clear(s.hookNew)
	}
	if !temp {
		rowOwner, keyOwner := s.e.locks.lockRowKeys(db, d.TableName, rows, keys, s.id, sl.take, &s.rowsHeld, &s.keysHeld)
		if rowOwner != 0 && sl.owner == 0 {
			sl.owner = rowOwner
		}
		if keyOwner != 0 && sl.owner == 0 {
			sl.owner, sl.key = keyOwner, true
		}
	}
	if !sl.take {
		return
	}
	e := undoEntry{op: d.Op, schema: d.DatabaseName, db: db, table: d.TableName, oldID: d.OldRowID, newID: d.NewRowID, old: old}
	s.undoMu.Lock()
	s.undo = append(s.undo, e)
	s.undoMu.Unlock()
}

// keyValue is the text of a unique key's value in a row; a key with a
// NULL part locks nothing.
func keyValue(row []any, cols []int) (string, bool) {
	// The text is the same as fmt's "%T:%v\x00" per part, built without
	// fmt for the common storage types: this runs for every row a
	// statement writes to a table with a unique key.
	var buf [64]byte
	b := buf[:0]
	for _, c := range cols {
		if c >= len(row) || row[c] == nil {
			return "", false
		}
		switch v := row[c].(type) {
		case int64:
			b = strconv.AppendInt(append(b, "int64:"...), v, 10)
		case string:
			b = append(append(b, "string:"...), v...)
		default:
			b = fmt.Appendf(b, "%T:%v", v, v)
		}
		b = append(b, 0)
	}
	return string(b), true
}

// dbOfSchema is the database behind one of the connection's schemas.
func (s *Session) dbOfSchema(schema string) string {
	if schema == "main" || schema == "" {
		return s.db.Name
	}
	for name, alias := range s.attached {
		if alias == schema {
			return name
		}
	}
	return schema
}

// lockKeys are the unique keys of a statement's target table as the
// lock hook reads them, worked out once per statement and table version
// (newLocking runs for every row of a batch).
type lockKeys struct {
	ti    *tableInfo // the table they were worked out for
	n     int        // …and its number of unique keys then
	names []string   // each key's columns, joined
	cols  [][]int    // their positions
	width int        // the columns up to the last key column: the hook reads no more
}

// newLocking builds the lock state of a DML statement on its target, in
// the statement's own lockState (one allocation less per row of a
// batch): a run reads its state only until the next run of the statement
// begins. A run nested in one that has the state installed (the hook's
// s.rl) gets a state of its own.
func (st *Stmt) newLocking(take bool) *stmtLocking {
	sl := &st.lockState
	if st.s.rl == sl {
		sl = new(stmtLocking)
	}
	*sl = stmtLocking{take: take, table: st.table}
	for _, d := range st.deps {
		if d.ti == nil || d.ti.name != st.table || d.ti.temp {
			continue
		}
		k := &st.keys
		if k.ti != d.ti || k.n != len(d.ti.uniques) {
			*k = lockKeys{ti: d.ti, n: len(d.ti.uniques)}
			for _, u := range d.ti.uniques {
				var cols []int
				for _, name := range u.cols {
					for i, c := range d.ti.cols {
						if c.name == name {
							cols = append(cols, i)
							k.width = max(k.width, i+1)
						}
					}
				}
				if len(cols) == len(u.cols) && len(cols) > 0 {
					k.names = append(k.names, strings.Join(u.cols, ","))
					k.cols = append(k.cols, cols)
				}
			}
		}
		sl.keyNames, sl.keyCols, sl.width = k.names, k.cols, k.width
		break
	}
	return sl
}

// execRowLocked runs one INSERT, UPDATE or DELETE (exec) under IDS's row
// locks: in its own SQLite transaction, undone, waited for and run again
// when it meets another transaction's lock. In a held transaction it
// runs as part of that.
func (st *Stmt) execRowLocked(ctx context.Context, exec func() (sql.Result, error)) (sql.Result, error) {
	s := st.s
	if s.sqlTx {
		return exec()
	}
	var timeout <-chan time.Time
	stop := func() {}
	defer func() { stop() }()
	for {
		r, sl, err := st.execOnce(ctx, exec)
		if sl == nil || sl.owner == 0 {
			return r, err
		}
		// A lock wait never holds SQLite's write lock (a gathered
		// transaction ends first).
		if err := s.Settle(); err != nil {
			return nil, err
		}
		if timeout == nil {
			timeout, stop = s.lockTimer(false)
		}
		if w := s.e.locks.wait(ctx, s.id, sl.owner, timeout); w != nil {
			if _, ok := w.(lockWait); ok {
				return nil, st.stmtCtx().lockErr(s.lockISAM(w, sl.key))
			}
			return nil, w
		}
	}
}

// execOnce runs the statement once in a SQLite transaction of its own,
// or, if it gathers, in the gathered one (gather.go). A lock conflict
// undoes it and is reported in the returned state.
func (st *Stmt) execOnce(ctx context.Context, exec func() (sql.Result, error)) (sql.Result, *stmtLocking, error) {
	s := st.s
	temp := st.tempTarget()
	gather := s.gather.stmt == st && !temp
	if !gather {
		if err := s.Settle(); err != nil {
			return nil, nil, err
		}
	}
	if !gather || !s.gather.open {
		begin := "BEGIN IMMEDIATE"
		if temp {
			begin = "BEGIN" // a temp table takes no lock of the database (tempwrite.go)
		}
		if err := s.beginLatch(ctx, begin); err != nil {
			return nil, nil, err
		}
		if gather {
			s.startGather()
		}
	}
	var sl *stmtLocking
	// Holding SQLite's write lock, no other session can take a lock now:
	// an autocommit statement that finds none held needs no hook.
	others := !temp && s.e.locks.anyOther(s.id)
	if s.inTx || others {
		sl = st.newLocking(s.inTx)
	}
	// A gathered statement that may meet a lock can be undone alone.
	savepoint := gather && others
	if savepoint {
		if err := s.execVerb(context.Background(), "SAVEPOINT ifx_gather"); err != nil {
			return nil, nil, s.loseGathered(err)
		}
	}
	markU, markR, markG, markK := len(s.undo), len(s.rowsHeld), len(s.goneHeld), len(s.keysHeld)
	s.setLocking(sl)
	r, err := exec()
	s.setLocking(nil)
	if sl != nil && sl.failed && err == nil {
		err = newErr(-999, 0, "")
	}
	if gather {
		return st.endGathered(r, err, sl, savepoint, markU, markR, markG, markK)
	}
	if err == nil && (sl == nil || sl.owner == 0) {
		// Not interruptible: the statement is done, and a COMMIT
		// without a context to watch costs the driver no goroutine.
		if err = s.execVerb(context.Background(), "COMMIT"); err == nil {
			return r, sl, nil
		}
	}
	// The log drops the statement's rows before SQLite does, while this
	// session holds the write lock: a LAST COMMITTED reader, which takes
	// it to apply the log, never applies rows that are gone.
	s.undoMu.Lock()
	s.undo = s.undo[:markU]
	s.undoMu.Unlock()
	if rerr := s.execVerb(context.Background(), "ROLLBACK"); rerr != nil && !noTxActive(rerr) && err == nil {
		err = rerr
	}
	s.releaseFrom(markR, markG, markK)
	if sl != nil && sl.owner == 0 && err != nil && uniqueViolation(err) && !temp {
		// The value may be another transaction's uncommitted key: IDS
		// makes the statement wait for that key's lock.
		sl.owner, sl.key = s.e.locks.keyOwner(s.tableDB(st.targetInfo()), st.table, "", s.id), true
	}
	if sl != nil && sl.owner != 0 {
		return nil, sl, nil
	}
	return r, sl, err
}

// latchMillis is the least time a statement waits for SQLite's write
// lock. A row statement holds that lock for its own length, as IDS holds
// a latch, and IDS never fails a statement for a latch: so even under
// NOT WAIT (and a Config.LockWaitMillis shorter than this) the wait goes
// on this long. A transaction holding SQLite's lock for longer (held,
// txlog.go) can make a statement fail after it.
const latchMillis = 2000

// beginLatch begins a statement's own SQLite transaction (begin: BEGIN
// or BEGIN IMMEDIATE), waiting for SQLite's write lock for the session's
// lock wait, and at least latchMillis.
func (s *Session) beginLatch(ctx context.Context, begin string) error {
	return s.beginFor(ctx, begin, max(s.busyMillis(), latchMillis))
}

// rollbackMillis bounds a ROLLBACK's wait for SQLite's write lock.
const rollbackMillis = 30000

// beginFor begins a SQLite transaction on the session's connection,
// trying for up to millis while another connection holds the write
// lock. A BEGIN that failed (an interrupt may end the call after SQLite
// began) is followed by a ROLLBACK, so that the connection is never
// left in a transaction that nothing ends.
func (s *Session) beginFor(ctx context.Context, begin string, millis int) error {
	deadline := time.Now().Add(time.Duration(millis) * time.Millisecond)
	for {
		err := s.execVerb(ctx, begin)
		if err != nil {
			s.execVerb(context.Background(), "ROLLBACK")
		}
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqliteBusy || !time.Now().Before(deadline) {
			return err
		}
		t := time.NewTimer(time.Millisecond)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// targetInfo is the statement's target table.
func (st *Stmt) targetInfo() *tableInfo {
	for _, d := range st.deps {
		if d.ti != nil && d.ti.name == st.table {
			return d.ti
		}
	}
	return &tableInfo{name: st.table}
}

func uniqueViolation(err error) bool {
	m := err.Error()
	return strings.Contains(m, "UNIQUE constraint failed") || strings.Contains(m, "PRIMARY KEY constraint failed")
}

// releaseFrom releases the row, deleted-row and key locks the session
// took after the first r, g and k.
func (s *Session) releaseFrom(r, g, k int) {
	s.e.locks.release(s.id, s.rowsHeld[r:], s.goneHeld[g:], s.keysHeld[k:], nil)
	s.rowsHeld, s.goneHeld, s.keysHeld = s.rowsHeld[:r], s.goneHeld[:g], s.keysHeld[:k]
}

// releaseLocks releases every lock of the session's transaction.
func (s *Session) releaseLocks() {
	s.e.locks.release(s.id, s.rowsHeld, s.goneHeld, s.keysHeld, s.tablesHeld)
	s.rowsHeld, s.goneHeld, s.keysHeld, s.tablesHeld = reuse(s.rowsHeld), reuse(s.goneHeld), reuse(s.keysHeld), nil
}

// keptEntries bounds the lock lists and the undo log a session keeps
// for its next transaction: a batch of 10,000 INSERTs in a transaction
// regrew them (some 2 MB a run) and the collector then scanned it all.
const keptEntries = 16384

// reuse empties a list for the next transaction, keeping its array
// unless that is larger than keptEntries.
func reuse[T any](l []T) []T {
	if cap(l) > keptEntries {
		return nil
	}
	clear(l)
	return l[:0]
}

// lockErr is the error of a statement that did not get a lock: by the
// statement, -271 INSERT, -346 UPDATE, -240 DELETE, else -244.
func (sc stmtCtx) lockErr(isam int) *Error {
	c := -244
	switch sc.kind {
	case stInsert:
		c = -271
	case stUpdate, stUpdateAll:
		c = -346
	case stDelete, stDeleteAll:
		c = -240
	}
	return newErr(c, isam, sc.table)
}

// rollbackRows writes back the before-images of the transaction's rows,
// newest first, in a SQLite transaction of its own. It waits for
// SQLite's write lock up to rollbackMillis: no transaction holding that
// lock waits for this one's rows, so the wait ends unless a client
// keeps a held transaction (txlog.go) open that long; then the ROLLBACK
// fails with the lock error rather than hang, and the rows stay as the
// transaction left them.
func (s *Session) rollbackRows() error {
	s.undoMu.Lock()
	log := s.undo
	s.undoMu.Unlock()
	if len(log) == 0 {
		return nil
	}
	ctx := context.Background()
	if err := s.beginFor(ctx, "BEGIN IMMEDIATE", rollbackMillis); err != nil {
		return stmtCtx{s: s}.mapErr(err)
	}
	first := applyUndo(ctx, s.conn, log, func(e undoEntry) (string, bool) { return e.schema, true })
	// Emptied before the COMMIT, under the write lock, as in execOnce.
	s.undoMu.Lock()
	s.undo = reuse(s.undo)
	s.undoMu.Unlock()
	if _, err := s.conn.ExecContext(ctx, "COMMIT"); err != nil {
		s.conn.ExecContext(ctx, "ROLLBACK")
		if first == nil {
			first = err
		}
	}
	return stmtCtx{s: s}.mapErr(first)
}

// applyUndo writes back the before-images of log, newest first, inside
// the connection's open SQLite transaction. schemaOf places an entry in
// the connection's schemas (false: leave it out). It goes on after an
// entry fails and returns the first error.
func applyUndo(ctx context.Context, conn *sql.Conn, log []undoEntry, schemaOf func(undoEntry) (string, bool)) error {
	// A parent row comes back after the child rows that refer to it.
	conn.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON")
	cols := map[string][]string{}
	// A deleted row's rowid may have gone to another session's new row:
	// the row comes back under a new rowid, and older entries follow it.
	moved := map[rowKey]int64{}
	rowid := func(table string, id int64) int64 {
		if n, ok := moved[rowKey{table, id}]; ok {
			return n
		}
		return id
	}
	var first error
	note := func(err error) {
		if err != nil && first == nil {
			first = err
		}
	}
	for i := len(log) - 1; i >= 0; i-- {
		e := log[i]
		schema, ok := schemaOf(e)
		if !ok {
			continue
		}
		table := quoteIdent(schema) + "." + quoteIdent(e.table)
		if e.op == sqlite3.SQLITE_INSERT {
			_, err := conn.ExecContext(ctx, "DELETE FROM "+table+" WHERE rowid = ?", rowid(table, e.newID))
			note(err)
			continue
		}
		names, ok := cols[table]
		if !ok {
			var err error
			names, err = columnNames(ctx, conn, schema, e.table)
			if err != nil {
				note(err)
				continue
			}
			cols[table] = names
		}
		if len(names) != len(e.old) {
			note(errRedoShape)
			continue
		}
		if e.op == sqlite3.SQLITE_DELETE {
			var taken int
			if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE rowid = ?", e.oldID).Scan(&taken); err != nil {
				note(err)
				continue
			}
			if taken == 0 {
				_, err := conn.ExecContext(ctx, "INSERT INTO "+table+" (rowid, "+strings.Join(names, ", ")+") VALUES (?"+strings.Repeat(", ?", len(names))+")",
					append([]any{e.oldID}, e.old...)...)
				note(err)
				continue
			}
			r, err := conn.ExecContext(ctx, "INSERT INTO "+table+" ("+strings.Join(names, ", ")+") VALUES (?"+strings.Repeat(", ?", len(names)-1)+")", e.old...)
			if err == nil {
				var id int64
				if id, err = r.LastInsertId(); err == nil {
					moved[rowKey{table, e.oldID}] = id
				}
			}
			note(err)
			continue
		}
		q := "UPDATE " + table + " SET " + strings.Join(names, " = ?, ") + " = ?"
		args := append([]any{}, e.old...)
		if e.newID != e.oldID {
			q += ", rowid = ?"
			args = append(args, e.oldID)
		}
		_, err := conn.ExecContext(ctx, q+" WHERE rowid = ?", append(args, rowid(table, e.newID))...)
		note(err)
	}
	return first
}

// columnNames lists a table's columns, quoted, in storage order.
func columnNames(ctx context.Context, conn *sql.Conn, schema, table string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, "SELECT name FROM "+quoteIdent(schema)+".pragma_table_info(?)", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, quoteIdent(n))
	}
	return names, rows.Err()
}

// readTx prepares the session's transaction for a SELECT: under
// REPEATABLE READ the transaction holds a SQLite transaction, whose
// snapshot keeps its reads repeatable; a held transaction that has not
// written reads what others committed since (freshSnapshot).
func (s *Session) readTx(ctx context.Context) error {
	if s.inTx && !s.sqlTx && s.isolation == "repeatable read" {
		if err := s.holdTx(ctx); err != nil {
			return err
		}
	}
	return s.freshSnapshot(ctx)
}
