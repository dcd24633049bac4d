package engine

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Triggers (IBM Informix Guide to SQL: Syntax, "CREATE TRIGGER statement"
// and "DROP TRIGGER statement"): INSERT, UPDATE [OF columns] and DELETE
// triggers on a table, with BEFORE, FOR EACH ROW and AFTER actions,
// REFERENCING OLD/NEW correlation names and WHEN conditions. An action
// is INSERT, UPDATE, DELETE, EXECUTE PROCEDURE or EXECUTE FUNCTION. The
// actions of each section run as an SPL routine the engine builds, with
// the correlated columns as parameters named "corr.column"
// (trigger_fire.go runs them). SELECT triggers and INSTEAD OF triggers on
// views are refused with -999.

// Statement codes of sqlstype.h for the trigger statements are
// StmtCreateTrigger and StmtDropTrigger (stmttypes.go).

// maxTriggerCascade is IDS's limit on triggers in a cascading series (the
// first plus 60 cascaded ones, "Cascading Triggers"): past it, -748.
const maxTriggerCascade = 61

// The trigger errors' texts (finderr).
func init() {
	for code, m := range map[int]string{
		-542: "Cannot specify a column more than once in a constraint, trigger, or index.",
		-634: "Object does not exist.",
		-729: "Trigger has no triggered action.",
		-730: "Cannot specify REFERENCING if trigger does not have FOR EACH ROW.",
		-743: "Object (%s) already exists in database.",
		-744: "Illegal SQL statement in trigger.",
		-747: "Table or column matches object referenced in triggering statement.",
		-748: "Exceeded limit on maximum number of cascaded triggers.",
	} {
		if _, ok := messages[code]; !ok {
			messages[code] = m
		}
	}
}

// createTriggerStmt is CREATE TRIGGER.
type createTriggerStmt struct {
	p                int
	name             string
	event            byte // 'I', 'U', 'D' as systriggers.event
	table            tableName
	cols             []string // UPDATE OF columns; none: any column
	oldName, newName string
	disabled         bool
	before, after    []trigAction
	each             []trigAction
	hasEach          bool
	actionPos        int    // where the action clause starts in src
	src              string // the statement's text
}

// trigAction is one [WHEN (condition)] (action, …) group.
type trigAction struct {
	when  expr
	stmts []splStmt
}

func (x *createTriggerStmt) describe() stmtInfo {
	return stmtInfo{typ: StmtCreateTrigger, writes: true}
}

func (x *createTriggerStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *createTriggerStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execCreateTrigger(ctx, x, st.src) })
}

// dropTriggerStmt is DROP TRIGGER.
type dropTriggerStmt struct {
	p        int
	name     string
	ifExists bool
}

func (x *dropTriggerStmt) describe() stmtInfo { return stmtInfo{typ: StmtDropTrigger, writes: true} }

func (x *dropTriggerStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *dropTriggerStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execDropTrigger(ctx, x) })
}

// createTrigger parses the rest of CREATE TRIGGER after CREATE.
func (p *parser) createTrigger(start token) (statement, error) {
	p.next() // TRIGGER
	st := &createTriggerStmt{p: start.pos, src: p.src}
	var err error
	if st.name, err = p.ident(); err != nil {
		return nil, err
	}
	at := p.peek()
	switch {
	case p.acceptKw("insert"):
		st.event = 'I'
	case p.acceptKw("delete"):
		st.event = 'D'
	case p.acceptKw("update"):
		st.event = 'U'
		if p.acceptKw("of") {
			for {
				c, err := p.ident()
				if err != nil {
					return nil, err
				}
				st.cols = append(st.cols, c)
				if !p.acceptOp(",") {
					break
				}
			}
		}
	case p.isKw("select"), p.isKw("instead"):
		e := newErr(-999, 0, "")
		e.Offset = charOffset(p.src, at.pos)
		e.Message += " (ifxtest runs INSERT, UPDATE and DELETE triggers only)"
		return nil, e
	default:
		return nil, p.fail()
	}
	if err := p.expectKw("on"); err != nil {
		return nil, err
	}
	if st.table, err = p.tableName(); err != nil {
		return nil, err
	}
	if p.acceptKw("referencing") {
		// INSERT has NEW only, DELETE OLD only, UPDATE both, each once.
		for p.isKw("old") || p.isKw("new") {
			t := p.next()
			p.acceptKw("as")
			n, err := p.ident()
			if err != nil {
				return nil, err
			}
			switch {
			case t.text == "old" && st.oldName == "" && st.event != 'I':
				st.oldName = n
			case t.text == "new" && st.newName == "" && st.event != 'D':
				st.newName = n
			default:
				return nil, p.errAt(t)
			}
		}
		if st.oldName == "" && st.newName == "" {
			return nil, p.fail()
		}
	}
	if p.acceptKw("disabled") {
		st.disabled = true
	} else {
		p.acceptKw("enabled")
	}
	st.actionPos = p.peek().pos
	if p.acceptKw("before") {
		if st.before, err = p.trigActions(); err != nil {
			return nil, err
		}
	}
	if p.acceptKw("for", "each", "row") {
		st.hasEach = true
		if st.each, err = p.trigActions(); err != nil {
			return nil, err
		}
	}
	if p.acceptKw("after") {
		if st.after, err = p.trigActions(); err != nil {
			return nil, err
		}
	}
	if st.before == nil && st.each == nil && st.after == nil {
		if t := p.peek(); t.kind == tEOF || t.kind == tOp && t.text == ";" {
			return nil, newErr(-729, 0, "") // Trigger has no triggered action.
		}
		return nil, p.fail()
	}
	if (st.oldName != "" || st.newName != "") && !st.hasEach {
		return nil, newErr(-730, 0, "") // REFERENCING without FOR EACH ROW
	}
	// Trigger routines and INTO columns act on the row: FOR EACH ROW
	// only, and INTO needs a new row. The code is a CHOICE (IBM names
	// none).
	for _, sec := range []struct {
		acts []trigAction
		row  bool
	}{{st.before, false}, {st.each, true}, {st.after, false}} {
		for _, a := range sec.acts {
			for _, s := range a.stmts {
				if c, ok := s.(*splCall); ok && (c.trigRefs || len(c.returning) > 0) && (!sec.row || len(c.returning) > 0 && st.event == 'D') {
					e := newErr(-999, 0, "")
					e.Offset = charOffset(p.src, c.p)
					e.Message += " (WITH TRIGGER REFERENCES and INTO columns belong to the FOR EACH ROW actions of an INSERT or UPDATE trigger)"
					return nil, e
				}
			}
		}
	}
	return st, nil
}

// trigActions parses [WHEN (condition)] (action, …) groups.
func (p *parser) trigActions() ([]trigAction, error) {
	var out []trigAction
	for p.isKw("when") || p.isOp("(") {
		var a trigAction
		if p.acceptKw("when") {
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			var err error
			if a.when, err = p.expr(); err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
		}
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		for {
			s, err := p.trigAction()
			if err != nil {
				return nil, err
			}
			a.stmts = append(a.stmts, s)
			if !p.acceptOp(",") {
				break
			}
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if out == nil {
		return nil, p.fail()
	}
	return out, nil
}

// trigAction parses one triggered action, up to the ',' or ')' after it.
func (p *parser) trigAction() (splStmt, error) {
	t := p.peek()
	switch {
	case p.isKw("execute") && (p.isKwN(1, "procedure") || p.isKwN(1, "function")):
		p.i += 2
		c, err := p.splCallTail(t.pos)
		if err != nil {
			return nil, err
		}
		// Both change the triggering row (trigger_routine.go).
		switch {
		case p.acceptKw("with", "trigger", "references"):
			c.trigRefs = true
		case p.acceptKw("into"):
			// Columns up to the ',' that starts the next action.
			for {
				col, err := p.ident()
				if err != nil {
					return nil, err
				}
				c.returning = append(c.returning, trigNewVar+col)
				if !p.isOp(",") || p.startsTrigAction(1) {
					break
				}
				p.next()
			}
		}
		return c, nil
	case p.isKw("insert"), p.isKw("update"), p.isKw("delete"):
		end, depth := p.i, 0
		for ; end < len(p.toks)-1; end++ {
			tk := p.toks[end]
			if tk.kind == tOp && (tk.text == "(" || tk.text == "[") {
				depth++
			} else if tk.kind == tOp && (tk.text == ")" || tk.text == "]") {
				if depth == 0 {
					break
				}
				depth--
			} else if tk.kind == tOp && tk.text == "," && depth == 0 {
				break
			}
		}
		return p.parseSPLSQL(end)
	case p.isKw("begin"), p.isKw("commit"), p.isKw("rollback"), p.isKw("set"):
		e := newErr(-744, 0, "") // Illegal SQL statement in trigger.
		e.Offset = charOffset(p.src, t.pos)
		return nil, e
	}
	return nil, p.fail()
}

// startsTrigAction reports a triggered action starting n tokens ahead.
func (p *parser) startsTrigAction(n int) bool {
	switch {
	case p.isKwN(n, "insert"):
		return p.isKwN(n+1, "into")
	case p.isKwN(n, "delete"):
		return p.isKwN(n+1, "from")
	case p.isKwN(n, "update"):
		return p.peekN(n+1).kind == tIdent
	case p.isKwN(n, "execute"):
		return p.isKwN(n+1, "procedure") || p.isKwN(n+1, "function")
	}
	return false
}

// dropTrigger parses DROP TRIGGER [IF EXISTS] name after DROP.
func (p *parser) dropTrigger(start token) (statement, error) {
	p.next() // TRIGGER
	st := &dropTriggerStmt{p: start.pos, ifExists: p.acceptKw("if", "exists")}
	var err error
	st.name, err = p.ident()
	return st, err
}

// execCreateTrigger checks a trigger against its table and records it in
// systriggers, with its text in systrigbody: the header (datakey 'D')
// and the action clause ('A'), as IDS keeps them.
func (s *Session) execCreateTrigger(ctx context.Context, x *createTriggerStmt, src string) (Result, error) {
	ti, err := s.lookupTable(ctx, x.table)
	if err != nil {
		return Result{}, err
	}
	if ti.view || ti.temp || ti.schema != "" || ti.tabid < 100 {
		// IDS creates no trigger on a temporary table or the catalog,
		// and only INSTEAD OF triggers on a view; the code is a CHOICE.
		e := newErr(-999, 0, "")
		e.Message += " (no trigger on " + ti.name + ": a view, temporary or catalog table)"
		return Result{}, e
	}
	seen := map[string]bool{}
	for _, c := range x.cols {
		if ti.col(c) == nil {
			return Result{}, newErr(-217, 0, c)
		}
		if seen[c] {
			return Result{}, newErr(-542, 0, c) // a column named twice
		}
		seen[c] = true
	}
	for _, a := range x.each {
		for _, st := range a.stmts {
			if c, ok := st.(*splCall); ok {
				for _, r := range c.returning {
					if ti.col(r[len(trigNewVar):]) == nil {
						return Result{}, newErr(-217, 0, r[len(trigNewVar):])
					}
				}
			}
		}
	}
	if err := x.checkTargets(); err != nil {
		return Result{}, err
	}
	if err := s.checkTriggerActions(ctx, x, ti); err != nil {
		return Result{}, err
	}
	var n int
	if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM systriggers WHERE trigname = ?", x.name).Scan(&n); err != nil {
		return Result{}, err
	}
	if n > 0 {
		return Result{}, newErr(-743, 0, x.name) // Object … already exists in database.
	}
	text := strings.TrimRight(strings.TrimSpace(src), ";")
	split := min(max(x.actionPos-x.p, 0), len(text))
	head, body := text[:split], text[split:]
	err = s.atomic(ctx, func() error {
		var id int64
		if err := s.conn.QueryRowContext(ctx, "SELECT coalesce(max(trigid), 0) + 1 FROM systriggers").Scan(&id); err != nil {
			return err
		}
		var oldName, newName any
		if x.oldName != "" {
			oldName = x.oldName
		}
		if x.newName != "" {
			newName = x.newName
		}
		if _, err := s.conn.ExecContext(ctx, `INSERT INTO systriggers (trigid, trigname, owner, tabid, event, old, new)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, x.name, s.user, ti.tabid, string(x.event), oldName, newName); err != nil {
			return err
		}
		for _, part := range []struct{ key, text string }{{"D", head}, {"A", body}} {
			for seq := 0; seq*bodyChunk < len(part.text); seq++ {
				chunk := part.text[seq*bodyChunk : min(len(part.text), (seq+1)*bodyChunk)]
				if _, err := s.conn.ExecContext(ctx, `INSERT INTO systrigbody (trigid, datakey, seqno, data) VALUES (?, ?, ?, ?)`,
					id, part.key, seq+1, chunk); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	s.ddlDone()
	return Result{}, nil
}

// checkTargets refuses a triggered INSERT, UPDATE or DELETE on the
// triggering table (-747), except an UPDATE by an UPDATE trigger of
// columns that are not its triggering columns, which IBM allows.
func (x *createTriggerStmt) checkTargets() error {
	for _, group := range [][]trigAction{x.before, x.each, x.after} {
		for _, a := range group {
			for _, s := range a.stmts {
				q, ok := s.(*splSQL)
				if !ok || q.ast.describe().table != x.table.name {
					continue
				}
				up, isUpdate := q.ast.(*updateStmt)
				if !isUpdate || x.event != 'U' || len(x.cols) == 0 {
					return newErr(-747, 0, x.table.name)
				}
				for _, set := range up.sets {
					for _, c := range set.cols {
						for _, tc := range x.cols {
							if c == tc {
								return newErr(-747, 0, c)
							}
						}
					}
				}
			}
		}
	}
	return nil
}

// checkTriggerActions translates the triggered statements and WHEN
// conditions, as IDS compiles them at CREATE TRIGGER: an unknown table or
// column, a correlation name the section cannot use, fails here rather
// than when the trigger fires.
func (s *Session) checkTriggerActions(ctx context.Context, x *createTriggerStmt, ti *tableInfo) error {
	for _, sec := range []struct {
		acts []trigAction
		row  bool
	}{{x.before, false}, {x.each, true}, {x.after, false}} {
		var names []string
		var types []ifxType
		if sec.row {
			for _, corr := range []string{x.oldName, x.newName} {
				if corr == "" {
					continue
				}
				for _, c := range ti.cols {
					names = append(names, corr+"."+c.name)
					types = append(types, c.t.nullable().unserial())
				}
			}
		}
		spl := func(name string) (int, ifxType, bool) {
			for i, n := range names {
				if n == name {
					return i, types[i], true
				}
			}
			return 0, ifxType{}, false
		}
		check := func(ast statement) error {
			st := &Stmt{s: s, src: x.src, ast: ast, Type: ast.describe().typ, table: ast.describe().table, nparams: len(names), spl: spl}
			err := st.translate(ctx)
			st.forgetRowCalls()
			if e, ok := err.(*Error); ok {
				e.Offset = 0
			}
			return err
		}
		for _, a := range sec.acts {
			if a.when != nil {
				if err := check(&selectStmt{p: x.p, core: &selectCore{p: x.p, items: []selItem{{e: a.when}}}}); err != nil {
					return err
				}
			}
			for _, stmt := range a.stmts {
				if q, ok := stmt.(*splSQL); ok {
					if err := check(q.ast); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// execDropTrigger removes a trigger; one that does not exist is -634
// (finderr: "Object does not exist"; the code for DROP TRIGGER is a
// CHOICE, IBM's page names none).
func (s *Session) execDropTrigger(ctx context.Context, x *dropTriggerStmt) (Result, error) {
	var id int64
	err := s.conn.QueryRowContext(ctx, "SELECT trigid FROM systriggers WHERE trigname = ?", x.name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if x.ifExists {
			return Result{}, nil
		}
		return Result{}, newErr(-634, 0, x.name)
	}
	if err != nil {
		return Result{}, err
	}
	err = s.atomic(ctx, func() error {
		for _, q := range []string{"DELETE FROM systrigbody WHERE trigid = ?", "DELETE FROM systriggers WHERE trigid = ?"} {
			if _, err := s.conn.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	s.ddlDone()
	return Result{}, nil
}

// dropTableTriggers removes the triggers of a table being dropped, as
// DROP TABLE does in IDS.
func dropTableTriggers(ctx context.Context, c *sql.Conn, tabid int64) error {
	if _, err := c.ExecContext(ctx, "DELETE FROM systrigbody WHERE trigid IN (SELECT trigid FROM systriggers WHERE tabid = ?)", tabid); err != nil {
		return err
	}
	_, err := c.ExecContext(ctx, "DELETE FROM systriggers WHERE tabid = ?", tabid)
	return err
}
