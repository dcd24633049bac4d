package engine

import (
	"context"
	"database/sql"
	"io"
)

// Under COMMITTED READ LAST COMMITTED a reader that meets rows another
// transaction locked reads their last committed image, without waiting.
// The rows themselves hold the uncommitted image (rowtx.go), and the
// writers' undo logs hold the committed one. So the reader writes the
// undo logs of the other transactions back inside a SQLite transaction
// of its own, reads, keeps the rows, and rolls that transaction back.

// queryLastCommitted runs the SELECT p over the last committed image of
// the tables it reads and returns its rows in memory. It holds SQLite's
// write lock from before it looks at the undo logs until it has read,
// so that no transaction writes in between. With a SQLite
// transaction of its own open, or a cursor open, the session cannot
// roll back such a read, and reads the rows as they are.
func (st *Stmt) queryLastCommitted(ctx context.Context, p *sql.Stmt, bound []any) (*Cursor, bool, error) {
	s := st.s
	if s.sqlTx || len(s.cursors) > 0 {
		return nil, false, nil
	}
	if err := s.beginLatch(ctx, "BEGIN IMMEDIATE"); err != nil {
		return nil, true, st.stmtCtx().mapErr(err)
	}
	defer s.conn.ExecContext(context.Background(), "ROLLBACK")
	tables := map[string]bool{}
	for _, k := range st.readKeys() {
		tables[k] = true
	}
	var log []undoEntry
	sessionRegistry.Range(func(_, v any) bool {
		o := v.(*Session)
		if o == s || o.e != s.e {
			return true
		}
		o.undoMu.Lock()
		for _, e := range o.undo {
			if e.db != "" && tables[lockKey(e.db, e.table)] {
				log = append(log, e)
			}
		}
		o.undoMu.Unlock()
		return true
	})
	if len(log) > 0 {
		applyUndo(ctx, s.conn, log, func(e undoEntry) (string, bool) {
			if e.db == s.db.Name {
				return "main", true
			}
			alias, ok := s.attached[e.db]
			return alias, ok
		})
	}
	rows, err := p.QueryContext(ctx, bound...)
	if err != nil {
		return nil, true, st.stmtCtx().mapErr(err)
	}
	c := st.newCursor(ctx, rows)
	var mem [][]Value
	for {
		row, err := c.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, true, err
		}
		mem = append(mem, row)
	}
	return &Cursor{st: st, ctx: ctx, mem: mem}, true, nil
}
