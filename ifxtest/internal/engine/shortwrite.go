package engine

// shortInsert reports a one-row INSERT ... VALUES of markers and
// literals into a table of the main database, with no SERIAL column and
// no per-row routine call (execDML runs only statements that fire no
// trigger). Such a statement writes one row in microseconds, holding
// SQLite's write lock all along: it never waits for a lock, so nothing
// is left for an interrupt to end once it has started. execDML checks
// the context when the statement starts and runs it under one that
// cannot end: the driver watches a context that can end with a goroutine
// per call, which for a batch of one-row INSERTs cost a goroutine start
// and two switches per row.
func (st *Stmt) shortInsert() bool {
	m := &st.short
	if m.known && len(st.deps) > 0 && m.dep0 == &st.deps[0] && m.calls == len(st.rowCalls) && m.serials == len(st.serials) {
		return m.ok
	}
	ok := st.isShortInsert()
	if len(st.deps) > 0 {
		*m = shortMemo{known: true, ok: ok, dep0: &st.deps[0], calls: len(st.rowCalls), serials: len(st.serials)}
	}
	return ok
}

// shortMemo is shortInsert's answer for one translation of the statement
// (its deps, made anew by each), asked several times per row of a batch.
type shortMemo struct {
	known, ok      bool
	dep0           *tableDep
	calls, serials int
}

// isShortInsert works out shortInsert.
func (st *Stmt) isShortInsert() bool {
	x, ok := st.ast.(*insertStmt)
	if !ok || x.sel != nil || len(x.rows) != 1 || len(st.serials) > 0 || len(st.rowCalls) > 0 {
		return false
	}
	for _, e := range x.rows[0] {
		switch e.(type) {
		case *paramRef, *numLit, *strLit, *nullLit, *boolLit:
		default:
			return false
		}
	}
	for _, d := range st.deps {
		if d.ti != nil && d.ti.name == st.table {
			return !d.ti.temp && !d.ti.view && d.ti.schema == ""
		}
	}
	return false
}
