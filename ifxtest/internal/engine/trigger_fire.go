package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Firing triggers. A DML statement on a table with triggers for its event
// runs as one atomic unit: every trigger's BEFORE actions, the statement,
// the FOR EACH ROW actions once per row it changed, then the AFTER
// actions. When any of them fails, the statement's own changes and every
// action's are rolled back together, as in IDS ("A trigger's effects are
// rolled back with the statement that fired it").
//
// The rows a statement changed are captured by a SQLite TEMP trigger on
// the table that lives for the statement only, and the FOR EACH ROW
// actions run after the statement rather than between its rows (CHOICE:
// SQLite cannot run the interpreter while it executes a statement; it
// differs from IDS only for actions that read the triggering table, which
// IDS restricts).

// trigSet is the triggers a statement fires.
type trigSet struct {
	ti    *tableInfo
	trigs []*firedTrigger
}

// firedTrigger is one trigger with its sections as routines; a nil
// routine is a section the trigger does not have.
type firedTrigger struct {
	def                 *createTriggerStmt
	before, each, after *createRoutineStmt
}

// trigState is what a Stmt remembers of its triggers: the set loaded for
// the database's DDL generation gen.
type trigState struct {
	loaded bool
	gen    int64
	set    *trigSet
}

// triggers returns the triggers the statement fires, nil when none. They
// are loaded again after DDL anywhere in the database.
func (st *Stmt) triggers(ctx context.Context) (*trigSet, error) {
	s := st.s
	if s.db == nil {
		return nil, nil
	}
	gen := s.db.gen.Load()
	if st.trig.loaded && st.trig.gen == gen {
		return st.trig.set, nil
	}
	set, err := st.loadTriggers(ctx)
	if err != nil {
		return nil, err
	}
	st.trig = trigState{loaded: true, gen: gen, set: set}
	return set, nil
}

func (st *Stmt) loadTriggers(ctx context.Context) (*trigSet, error) {
	var ti *tableInfo
	for _, d := range st.deps {
		if d.ti != nil && d.ti.name == st.table {
			ti = d.ti
			break
		}
	}
	if ti == nil || ti.temp || ti.view || ti.schema != "" || ti.tabid < 100 {
		return nil, nil
	}
	var event string
	switch st.Type {
	case StmtInsert:
		event = "I"
	case StmtUpdate, StmtUpdateAll:
		event = "U"
	case StmtDelete, StmtDeleteAll:
		event = "D"
	default:
		return nil, nil
	}
	rows, err := st.s.conn.QueryContext(ctx, `SELECT t.trigid, b.data FROM systriggers t JOIN systrigbody b ON b.trigid = t.trigid
		WHERE t.tabid = ? AND t.event = ? AND b.datakey IN ('D', 'A') ORDER BY t.trigid, b.datakey DESC, b.seqno`, ti.tabid, event)
	if err != nil {
		return nil, err
	}
	var ids []int64
	texts := map[int64]*strings.Builder{}
	for rows.Next() {
		var id int64
		var chunk sql.NullString
		if err := rows.Scan(&id, &chunk); err != nil {
			rows.Close()
			return nil, err
		}
		if texts[id] == nil {
			ids = append(ids, id)
			texts[id] = &strings.Builder{}
		}
		texts[id].WriteString(chunk.String)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	set := &trigSet{ti: ti}
	for _, id := range ids {
		ast, _, err := parse(texts[id].String())
		if err != nil {
			return nil, err
		}
		def, ok := ast.(*createTriggerStmt)
		if !ok {
			return nil, errors.New("ifxtest: systrigbody holds no trigger")
		}
		if def.disabled || !st.updatesAnyOf(def.cols) {
			continue
		}
		set.trigs = append(set.trigs, def.fired(ti))
	}
	if len(set.trigs) == 0 {
		return nil, nil
	}
	return set, nil
}

// updatesAnyOf reports whether an UPDATE sets one of cols (an UPDATE OF
// trigger fires only then); any statement fires a trigger without cols.
func (st *Stmt) updatesAnyOf(cols []string) bool {
	up, ok := st.ast.(*updateStmt)
	if len(cols) == 0 || !ok {
		return true
	}
	for _, set := range up.sets {
		for _, c := range set.cols {
			for _, tc := range cols {
				if c == tc {
					return true
				}
			}
		}
	}
	return false
}

// fired builds the routines that run the trigger's sections. FOR EACH ROW
// sees the correlated columns as variables named "corr.column", which the
// translator resolves for "corr.column" references (translate.go).
func (d *createTriggerStmt) fired(ti *tableInfo) *firedTrigger {
	mk := func(acts []trigAction) *createRoutineStmt {
		if len(acts) == 0 {
			return nil
		}
		// FOR EACH ROW gets the correlated columns as shared variables
		// (rowVars), not parameters.
		r := &createRoutineStmt{p: d.p, proc: true, name: d.name, src: d.src, body: &splBlock{scope: true}}
		for _, a := range acts {
			if a.when == nil {
				r.body.stmts = append(r.body.stmts, a.stmts...)
				continue
			}
			r.body.stmts = append(r.body.stmts, &splIf{conds: []expr{a.when}, blocks: []*splBlock{{stmts: a.stmts}}})
		}
		return r
	}
	return &firedTrigger{def: d, before: mk(d.before), each: mk(d.each), after: mk(d.after)}
}

// execTriggered runs a DML statement that fires triggers.
func (st *Stmt) execTriggered(ctx context.Context, args []Value, ts *trigSet) (Result, error) {
	s := st.s
	if s.trigDepth >= maxTriggerCascade {
		return Result{}, newErr(-748, 0, "")
	}
	s.trigDepth++
	defer func() { s.trigDepth-- }()
	if err := s.ensureImplicitTx(); err != nil {
		return Result{}, err
	}
	var res Result
	err := s.triggerUnit(ctx, func() error {
		for _, t := range ts.trigs {
			if err := s.fireSection(ctx, t.before, nil); err != nil {
				return err
			}
		}
		rows, err := st.execCapturing(ctx, args, ts, &res)
		if err != nil {
			return err
		}
		// sqlca describes the triggering statement, not its actions.
		lastRows, serial, serial8, big := s.lastRows, s.lastSerial, s.lastSerial8, s.lastBigSerial
		for _, row := range rows {
			if err := s.fireRow(ctx, ts, row); err != nil {
				return err
			}
		}
		for _, t := range ts.trigs {
			if err := s.fireSection(ctx, t.after, nil); err != nil {
				return err
			}
		}
		s.lastRows, s.lastSerial, s.lastSerial8, s.lastBigSerial = lastRows, serial, serial8, big
		return nil
	})
	return res, err
}

// triggerUnit runs a triggering statement and its actions (fn) as one
// statement. Row locks (rowtx.go) run each row statement of a
// transaction in a SQLite transaction of its own, committed at once; the
// actions of a trigger must instead be undone with the statement that
// fired them, so a triggering statement holds a SQLite transaction, as a
// savepoint does: in a transaction it holds that transaction's (atomic →
// holdTx), and outside one it runs as a transaction of its own (IDS: a
// singleton transaction), committed or rolled back with its actions. In
// both, holding SQLite's write lock waits first until no other
// transaction holds row locks in the database (lockForWrite), so the
// actions never write over another transaction's uncommitted rows.
func (s *Session) triggerUnit(ctx context.Context, fn func() error) error {
	if s.inTx || s.trigDepth > 1 {
		return s.triggerAtomic(ctx, fn)
	}
	s.beginTx()
	err := s.triggerAtomic(ctx, fn)
	verb := "COMMIT"
	if err != nil {
		verb = "ROLLBACK"
	}
	if ferr := s.finish(verb); err == nil {
		err = ferr
	}
	return err
}

// triggerAtomic runs fn as one statement. A statement fired by another
// trigger runs inside that one's statement (a savepoint of it).
func (s *Session) triggerAtomic(ctx context.Context, fn func() error) error {
	if s.trigDepth <= 1 {
		return s.atomic(ctx, fn)
	}
	if _, err := s.conn.ExecContext(ctx, "SAVEPOINT ifx_trigger"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		s.conn.ExecContext(context.Background(), "ROLLBACK TO ifx_trigger")
		s.conn.ExecContext(context.Background(), "RELEASE ifx_trigger")
		return err
	}
	_, err := s.conn.ExecContext(ctx, "RELEASE ifx_trigger")
	return err
}

// fireRow runs the FOR EACH ROW actions of every trigger for one changed
// row, then writes the new values its actions changed (trigger routines,
// EXECUTE FUNCTION … INTO) to the row.
func (s *Session) fireRow(ctx context.Context, ts *trigSet, row []Value) error {
	ti := ts.ti
	n := len(ti.cols)
	var old, nw []Value
	var rowid Value
	switch ts.trigs[0].def.event {
	case 'I':
		nw, rowid = row[:n], row[n]
	case 'D':
		old = row[:n]
	default:
		old, nw, rowid = row[:n], row[n:2*n], row[2*n]
	}
	base := map[string]*splVar{}
	for i, c := range ti.cols {
		if old != nil {
			base[trigOldVar+c.name] = &splVar{t: c.t, v: old[i]}
		}
		if nw != nil {
			base[trigNewVar+c.name] = &splVar{t: c.t, v: nw[i]}
		}
	}
	for _, t := range ts.trigs {
		if t.each == nil {
			continue
		}
		vars := make(map[string]*splVar, 2*len(base))
		for k, v := range base {
			vars[k] = v
			switch {
			case strings.HasPrefix(k, trigOldVar) && t.def.oldName != "":
				vars[t.def.oldName+"."+k[len(trigOldVar):]] = v
			case strings.HasPrefix(k, trigNewVar) && t.def.newName != "":
				vars[t.def.newName+"."+k[len(trigNewVar):]] = v
			}
		}
		if err := s.fireSection(ctx, t.each, vars); err != nil {
			return err
		}
	}
	if nw == nil {
		return nil
	}
	var sets []string
	var args []any
	for i, c := range ti.cols {
		v := base[trigNewVar+c.name].v
		if reflect.DeepEqual(v, nw[i]) {
			continue
		}
		raw, err := s.toStorage(v, c.t.nullable().unserial())
		if v == nil {
			raw, err = nil, nil
		}
		if err != nil {
			return err
		}
		sets = append(sets, quoteIdent(c.name)+" = ?")
		args = append(args, raw)
	}
	if len(sets) == 0 {
		return nil
	}
	_, err := s.conn.ExecContext(ctx, "UPDATE "+ti.sqlName()+" SET "+strings.Join(sets, ", ")+" WHERE rowid = ?", append(args, rowid)...)
	return err
}

// fireSection runs one section of a trigger; vars are the correlated
// columns of FOR EACH ROW.
func (s *Session) fireSection(ctx context.Context, r *createRoutineStmt, vars map[string]*splVar) error {
	if r == nil {
		return nil
	}
	if _, err := s.callRoutineWith(ctx, s.splRun, r, nil, vars); err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Offset = 0 // a position in the trigger's text means nothing to the client's statement
		}
		return err // as it is: a runaway limit stays uncatchable by ON EXCEPTION
	}
	return nil
}

// execCapturing runs the statement and returns the rows it changed when
// a FOR EACH ROW section needs them.
func (st *Stmt) execCapturing(ctx context.Context, args []Value, ts *trigSet, res *Result) ([][]Value, error) {
	s := st.s
	need := false
	for _, t := range ts.trigs {
		need = need || t.each != nil
	}
	if !need {
		var err error
		*res, err = st.execDML(ctx, args)
		return nil, err
	}
	ti := ts.ti
	var event string
	var vals []string
	var types []ifxType
	colTypes := make([]ifxType, len(ti.cols))
	for i, c := range ti.cols {
		colTypes[i] = c.t
	}
	// The old values, the new ones and the new row's rowid (where the
	// actions' changes to the new values are written).
	switch ts.trigs[0].def.event {
	case 'I':
		event = "INSERT"
		vals = append(capturedCols(ti, "NEW"), "NEW.rowid")
		types = append(colTypes, tInteger())
	case 'D':
		event = "DELETE"
		vals = capturedCols(ti, "OLD")
		types = colTypes
	default:
		event = "UPDATE"
		vals = append(append(capturedCols(ti, "OLD"), capturedCols(ti, "NEW")...), "NEW.rowid")
		types = append(append(append([]ifxType(nil), colTypes...), colTypes...), tInteger())
	}
	name := fmt.Sprintf("ifx_trigger_rows_%d", s.trigDepth)
	cols := make([]string, len(vals))
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d", i)
	}
	setup := []string{
		"CREATE TEMP TABLE " + name + " (" + strings.Join(cols, ", ") + ")",
		"CREATE TEMP TRIGGER " + name + " AFTER " + event + " ON main." + quoteIdent(ti.name) +
			" BEGIN INSERT INTO " + name + " VALUES (" + strings.Join(vals, ", ") + "); END",
	}
	for _, q := range setup {
		if _, err := s.conn.ExecContext(ctx, q); err != nil {
			return nil, err
		}
	}
	var err error
	if *res, err = st.execDML(ctx, args); err != nil {
		return nil, err
	}
	out, err := s.readCaptured(ctx, name, types)
	if err != nil {
		return nil, err
	}
	for _, q := range []string{"DROP TRIGGER temp." + name, "DROP TABLE temp." + name} {
		if _, err := s.conn.ExecContext(ctx, q); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func capturedCols(ti *tableInfo, corr string) []string {
	out := make([]string, len(ti.cols))
	for i, c := range ti.cols {
		out[i] = corr + "." + quoteIdent(c.name)
	}
	return out
}

func (s *Session) readCaptured(ctx context.Context, name string, types []ifxType) ([][]Value, error) {
	rows, err := s.conn.QueryContext(ctx, "SELECT * FROM temp."+name+" ORDER BY rowid")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]Value
	raw := make([]any, len(types))
	ptrs := make([]any, len(types))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]Value, len(types))
		for i, r := range raw {
			if row[i], err = fromStorage(r, types[i]); err != nil {
				return nil, err
			}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
