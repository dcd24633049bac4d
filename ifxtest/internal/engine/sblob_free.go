package engine

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"sync"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Freeing smart large objects. IDS counts the rows that hold an object's
// locator and, at the end of the transaction, deletes each object stored
// in a BLOB or CLOB column whose count is zero and that no descriptor
// holds open; an object never stored (transient: ifx_lo_create's,
// FILETOBLOB's in a SELECT) lives until the session ends (IBM's
// DataBlade API Programmer's Guide, "Reference counts for CLOB and BLOB
// columns", "Reference counts for transient smart large objects").
//
// ifxtest keeps no counts. The pre-update hook notes the locators in
// the rows a statement deletes or updates (and DROP TABLE and TRUNCATE
// note the table's), and when the transaction commits each noted object
// that no row of a BLOB or CLOB column still holds is deleted with its
// pages; a ROLLBACK, or a failed statement, forgets the notes with the
// changes. Objects the session created are checked the same way when it
// ends or leaves the database (loLeaveDatabase). Skipped, and left for a later end of transaction: an object open
// in any session, and one another session's open transaction noted (its
// ROLLBACK may put the row back). CHOICE, and its limits: a locator held
// only in another session's temp table, or in a column ALTER TABLE
// drops, does not keep or free its object.

// loTableSet is the tables of a database that have BLOB or CLOB columns.
type loTableSet struct {
	gen  int64
	cols map[string][]string // table -> its BLOB and CLOB columns
}

var loTables sync.Map // *database -> loTableSet

// loColumns returns the BLOB and CLOB columns of the database's tables
// (and of the session's temp tables), read from syscolumns once per
// schema generation.
func (s *Session) loColumns(ctx context.Context) (map[string][]string, error) {
	gen := s.db.gen.Load()
	var cols map[string][]string
	if v, ok := loTables.Load(s.db); ok && v.(loTableSet).gen == gen {
		cols = v.(loTableSet).cols
	} else {
		rows, err := s.conn.QueryContext(ctx, `SELECT t.tabname, c.colname FROM systables t JOIN syscolumns c ON c.tabid = t.tabid
			WHERE t.tabtype = 'T' AND c.coltype & 255 = 41 AND c.extended_id IN (10, 11)`)
		if err != nil {
			return nil, err
		}
		cols = map[string][]string{}
		for rows.Next() {
			var tab, col string
			if err := rows.Scan(&tab, &col); err != nil {
				rows.Close()
				return nil, err
			}
			cols[tab] = append(cols[tab], col)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if !s.inTx || !s.txDDL {
			loTables.Store(s.db, loTableSet{gen: gen, cols: cols})
		}
	}
	if len(s.temps) == 0 {
		return cols, nil
	}
	all := map[string][]string{}
	for k, v := range cols {
		all[k] = v
	}
	for name, ti := range s.temps {
		for _, c := range ti.cols {
			if c.t.isLO() {
				all["temp."+name] = append(all["temp."+name], c.name)
			}
		}
	}
	return all, nil
}

// loStatementStart prepares a statement's notes: the tables whose
// changed rows the pre-update hook reads, and for DROP TABLE and
// TRUNCATE the objects the table holds. It returns the mark to undo a
// failed statement's notes to.
func (s *Session) loStatementStart(ctx context.Context, st *Stmt) int {
	// A short INSERT (shortwrite.go: no trigger, no routine call) removes
	// no row, so it leaves nothing to note; the batch path runs it per row.
	if s.db == nil || st.shortInsert() {
		return -1
	}
	cols, err := s.loColumns(ctx)
	if err != nil || len(cols) == 0 {
		return -1
	}
	l := s.lo()
	l.mu.Lock()
	mark := len(l.deref)
	l.mu.Unlock()
	s.loWatch = cols
	if st.Type == StmtDropTable || st.Type == StmtTruncate {
		name := st.table
		if d, ok := st.ast.(*dropStmt); ok {
			name = d.name.name
		} else if x, ok := st.ast.(*simpleStmt); ok {
			name = x.table.name
		}
		if _, ok := s.temps[name]; ok {
			name = "temp." + name
		}
		for _, c := range cols[name] {
			s.loNoteColumn(ctx, name, c)
		}
	}
	return mark
}

// loNoteColumn notes every object a column holds.
func (s *Session) loNoteColumn(ctx context.Context, table, col string) {
	rows, err := s.conn.QueryContext(ctx, "SELECT "+quoteIdent(col)+" FROM "+loTableRef(table)+" WHERE "+quoteIdent(col)+" IS NOT NULL")
	if err != nil {
		return
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var b []byte
		if rows.Scan(&b) == nil {
			if _, id, ok := ParseLocator(b); ok {
				ids = append(ids, id)
			}
		}
	}
	l := s.lo()
	l.mu.Lock()
	l.deref = append(l.deref, ids...)
	l.mu.Unlock()
}

func loTableRef(name string) string {
	if t, ok := strings.CutPrefix(name, "temp."); ok {
		return "temp." + quoteIdent(t)
	}
	return quoteIdent(name)
}

// loNoteRow is the pre-update hook's part: the locators in a row being
// deleted or updated.
func (s *Session) loNoteRow(d sqlite.SQLitePreUpdateData) {
	if d.Op != sqlite3.SQLITE_DELETE && d.Op != sqlite3.SQLITE_UPDATE {
		return
	}
	name := d.TableName
	if d.DatabaseName == "temp" {
		name = "temp." + name
	} else if d.DatabaseName != "main" {
		return
	}
	if _, ok := s.loWatch[name]; !ok {
		return
	}
	old := make([]any, d.Count())
	if d.Old(old...) != nil {
		return
	}
	l := s.lo()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, v := range old {
		if b, ok := v.([]byte); ok {
			if _, id, ok := ParseLocator(b); ok {
				l.deref = append(l.deref, id)
			}
		}
	}
}

// loStatementEnd ends a statement's notes: a failed statement's are
// forgotten (its rows are back), and a statement that was its own
// transaction frees what it left unreferenced.
func (s *Session) loStatementEnd(ctx context.Context, mark int, wasTx bool, err error) {
	s.loWatch = nil
	v, ok := loSessions.Load(s)
	if !ok {
		return
	}
	l := v.(*loSession)
	if err != nil && mark >= 0 {
		l.mu.Lock()
		if mark <= len(l.deref) {
			l.deref = l.deref[:mark]
		}
		l.mu.Unlock()
		return
	}
	if err == nil && !wasTx && !s.inTx {
		s.loEndTx(ctx, true)
	}
}

// loEndTx ends the transaction's notes: a COMMIT frees the objects no
// row holds any more, a ROLLBACK forgets them.
func (s *Session) loEndTx(ctx context.Context, commit bool) {
	v, ok := loSessions.Load(s)
	if !ok {
		return
	}
	l := v.(*loSession)
	l.mu.Lock()
	ids := l.deref
	l.deref = nil
	l.mu.Unlock()
	if !commit || len(ids) == 0 || s.db == nil {
		return
	}
	if left := s.freeUnreferenced(ctx, ids); len(left) > 0 {
		l.mu.Lock()
		l.deref = append(l.deref, left...)
		l.mu.Unlock()
	}
}

// freeUnreferenced deletes the objects among ids that no row holds, no
// session has open and no other open transaction noted; it returns the
// ones to try again later (open, or an error).
func (s *Session) freeUnreferenced(ctx context.Context, ids []int64) []int64 {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	open, noted := map[int64]bool{}, map[int64]bool{}
	loSessions.Range(func(k, v any) bool {
		other, l := k.(*Session), v.(*loSession)
		l.mu.Lock()
		for _, o := range l.open {
			open[o.id] = true
		}
		if other != s {
			for _, id := range l.deref {
				noted[id] = true
			}
		}
		l.mu.Unlock()
		return true
	})
	cols, err := s.loColumns(ctx)
	if err != nil {
		return ids
	}
	c, err := s.loConn(ctx)
	if err != nil {
		return ids
	}
	// Many noted objects (a DELETE of many rows) are checked against one
	// read of the columns' locators, not one scan of every column each.
	var heldSet map[int64]bool
	if len(ids) > loHeldScanLimit {
		if heldSet, err = loHeldIDs(ctx, c, cols); err != nil {
			return ids
		}
	}
	var left []int64
	for _, id := range ids {
		if open[id] {
			left = append(left, id) // tried again at a later end of transaction
			continue
		}
		if noted[id] {
			continue // the other transaction's end decides
		}
		held := heldSet[id]
		if heldSet == nil {
			var err error
			if held, err = loHeld(ctx, c, cols, id); err != nil {
				left = append(left, id)
				continue
			}
		}
		if held {
			continue
		}
		if err := deleteLO(ctx, c, id); err != nil {
			left = append(left, id)
		}
	}
	return left
}

// loHeld reports whether a row of a BLOB or CLOB column holds object id.
func loHeld(ctx context.Context, c *sql.Conn, cols map[string][]string, id int64) (bool, error) {
	blob, clob := NewLocator(XIDBlob, id), NewLocator(XIDClob, id)
	for t, cs := range cols {
		for _, col := range cs {
			var one int
			err := c.QueryRowContext(ctx, "SELECT 1 FROM "+loTableRef(t)+" WHERE "+quoteIdent(col)+" IN (?, ?) LIMIT 1", blob, clob).Scan(&one)
			if err == nil {
				return true, nil
			}
			if err != sql.ErrNoRows {
				return false, err
			}
		}
	}
	return false, nil
}

// loHeldScanLimit is how many noted objects are checked one by one
// (loHeld) before freeUnreferenced reads every locator once instead.
const loHeldScanLimit = 8

// loHeldIDs returns the objects the rows of the BLOB and CLOB columns
// hold.
func loHeldIDs(ctx context.Context, c *sql.Conn, cols map[string][]string) (map[int64]bool, error) {
	held := map[int64]bool{}
	for t, cs := range cols {
		for _, col := range cs {
			rows, err := c.QueryContext(ctx, "SELECT "+quoteIdent(col)+" FROM "+loTableRef(t)+" WHERE "+quoteIdent(col)+" IS NOT NULL")
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var b []byte
				if err := rows.Scan(&b); err != nil {
					rows.Close()
					return nil, err
				}
				if _, id, ok := ParseLocator(b); ok {
					held[id] = true
				}
			}
			if err := rows.Close(); err != nil {
				return nil, err
			}
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	return held, nil
}

func deleteLO(ctx context.Context, c *sql.Conn, id int64) error {
	if _, err := c.ExecContext(ctx, "DELETE FROM ifx_sblob_page WHERE id = ?", id); err != nil {
		return err
	}
	_, err := c.ExecContext(ctx, "DELETE FROM ifx_sblob WHERE id = ?", id)
	return err
}

// loLeaveDatabase runs loSessionEnd as the session leaves its database
// (DATABASE, CLOSE DATABASE, the session's end): ifxtest keeps objects
// in their database, so the session reaches the ones it created there no
// more, and at its end, in another database, would look for them in the
// wrong place. CHOICE: IDS keeps a transient object until the session
// ends, as its sbspaces are the server's, not a database's.
func (s *Session) loLeaveDatabase(ctx context.Context) {
	if _, ok := loSessions.Load(s); ok { // none: no object, or state dropped
		s.loSessionEnd(ctx)
	}
}

// loSessionEnd frees the objects the session created that no row holds
// (IDS deletes transient objects when the session ends), after rolling
// back a transaction left open, as the end of the session does.
func (s *Session) loSessionEnd(ctx context.Context) {
	l := s.lo()
	l.mu.Lock()
	ids := append(l.created, l.deref...)
	l.created, l.deref = nil, nil
	l.open = map[int32]*openLO{}
	l.mu.Unlock()
	if s.db == nil || len(ids) == 0 {
		return
	}
	if s.inTx {
		if err := s.Rollback(); err != nil {
			return
		}
	}
	s.freeUnreferenced(ctx, ids)
}
