package engine

import (
	"context"
	"strings"
)

// Routines: CREATE/DROP FUNCTION and PROCEDURE, EXECUTE FUNCTION and
// PROCEDURE.
//
// A routine is kept where IDS keeps it: a sysprocedures row and its text in
// sysprocbody (datakey 'T'), so it follows the transaction that created it
// and the catalog shows it. EXECUTE resolves the name to a user routine, or
// else to a built-in function, and plans it as a one-row SELECT: the client
// sees statement type 56 with the routine's result columns and opens a
// cursor, as it does against IDS (docs/PROTOCOL.md, "EXECUTE FUNCTION").
//
// The body is SPL (spl_parse.go), run by the interpreter (spl_exec.go)
// when the EXECUTE is opened.

// createRoutineStmt is CREATE FUNCTION or CREATE PROCEDURE.
type createRoutineStmt struct {
	p       int
	proc    bool
	name    string
	params  []routineParam
	returns []ifxType
	body    *splBlock
	src     string // the text the body's positions refer to
	// trigRef is the REFERENCING … FOR table clause of a trigger routine
	// (trigger_routine.go); nil for other routines.
	trigRef *trigRefClause
}

func (x *createRoutineStmt) describe() stmtInfo { return stmtInfo{typ: StmtCreateProcedure} }

func (x *createRoutineStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *createRoutineStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execCreateRoutine(ctx, x, st.src) })
}

type routineParam struct {
	name string
	t    ifxType
	def  expr // DEFAULT value; nil when the argument is required
}

// executeRoutineStmt is EXECUTE FUNCTION or EXECUTE PROCEDURE; plan is the
// SELECT it runs as, set when the statement is translated.
type executeRoutineStmt struct {
	p    int
	proc bool
	name string
	args []expr
	plan *selectStmt
	def  *createRoutineStmt // the user routine; nil for a built-in
	// builtin names a built-in procedure of builtin_procs.go; plan then
	// computes its arguments.
	builtin string
}

func (x *executeRoutineStmt) describe() stmtInfo { return stmtInfo{typ: StmtExecuteProcedure} }

func (x *executeRoutineStmt) translate(t *translator, st *Stmt) error {
	err := t.planRoutine(x)
	if err == nil {
		st.sql, st.cols, err = t.selectSQL(x.plan, nil, false)
	}
	if err == nil && x.def != nil {
		for _, rt := range x.def.returns {
			st.Columns = append(st.Columns, rt.column("(expression)"))
		}
	} else if err == nil && x.builtin == "" {
		for _, c := range st.cols {
			st.Columns = append(st.Columns, c.t.column(c.name))
		}
	}
	return err
}

func (x *executeRoutineStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	if x.builtin != "" {
		return st.execBuiltinProc(ctx, x, args)
	}
	if x.def != nil && len(st.Columns) == 0 {
		_, err := st.routineRows(ctx, x, args)
		return Result{}, err
	}
	if st.returnsRows() {
		return st.drain(ctx, args)
	}
	// A procedure that returns nothing: its body has no effect to run.
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return Result{}, nil })
}

// dropRoutineStmt is DROP FUNCTION, PROCEDURE or ROUTINE, with the
// parameter types when sig is given.
type dropRoutineStmt struct {
	p        int
	name     string
	ifExists bool
	hasSig   bool
	sig      []ifxType
}

func (x *dropRoutineStmt) describe() stmtInfo { return stmtInfo{typ: StmtDropProcedure} }

func (x *dropRoutineStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *dropRoutineStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execDropRoutine(ctx, x) })
}

// createRoutine parses CREATE FUNCTION|PROCEDURE name (params) [RETURNING
// types;] body END FUNCTION|PROCEDURE, after CREATE.
func (p *parser) createRoutine(pos int) (statement, error) {
	p.acceptKw("dba") // CREATE DBA FUNCTION: privileges ifxtest does not keep
	kind := p.next().text
	st := &createRoutineStmt{p: pos, proc: kind == "procedure"}
	var err error
	if st.name, err = p.ident(); err != nil {
		return nil, err
	}
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	for !p.acceptOp(")") {
		if len(st.params) > 0 {
			if err := p.expectOp(","); err != nil {
				return nil, err
			}
		}
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		t, _, err := p.typeSpec()
		if err != nil {
			return nil, err
		}
		prm := routineParam{name: n, t: t}
		if p.acceptKw("default") {
			if prm.def, err = p.expr(); err != nil {
				return nil, err
			}
		}
		st.params = append(st.params, prm)
	}
	if p.acceptKw("returning") || p.acceptKw("returns") {
		for {
			t, _, err := p.typeSpec()
			if err != nil {
				return nil, err
			}
			if p.acceptKw("as") {
				if _, err := p.ident(); err != nil {
					return nil, err
				}
			}
			st.returns = append(st.returns, t)
			if !p.acceptOp(",") {
				break
			}
		}
		p.acceptOp(";")
	}
	if p.isKw("referencing") {
		if st.trigRef, err = p.trigRefClause(); err != nil {
			return nil, err
		}
	}
	if err := p.routineBody(st); err != nil {
		return nil, err
	}
	if err := p.expectKw("end"); err != nil {
		return nil, err
	}
	if err := p.expectKw(kind); err != nil {
		return nil, err
	}
	if p.acceptKw("document") {
		for {
			if p.peek().kind != tString {
				return nil, p.fail()
			}
			p.next()
			if !p.acceptOp(",") {
				break
			}
		}
	}
	if p.acceptKw("with", "listing", "in") {
		if p.peek().kind != tString {
			return nil, p.fail()
		}
		p.next()
	}
	return st, nil
}

// routineBody parses the SPL statements up to END, skipping DOCUMENT and
// WITH LISTING IN (accepted and ignored, as they change nothing a client
// sees).
func (p *parser) routineBody(st *createRoutineStmt) error {
	st.src = p.src
	var err error
	if st.body, err = p.splBody(); err != nil {
		return err
	}
	return nil
}

// executeRoutine parses EXECUTE FUNCTION|PROCEDURE name (args).
func (p *parser) executeRoutine(pos int) (statement, error) {
	p.next()
	st := &executeRoutineStmt{p: pos, proc: p.next().text == "procedure"}
	var err error
	if st.name, err = p.ident(); err != nil {
		return nil, err
	}
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	for !p.acceptOp(")") {
		if len(st.args) > 0 {
			if err := p.expectOp(","); err != nil {
				return nil, err
			}
		}
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		st.args = append(st.args, e)
	}
	return st, nil
}

// planRoutine resolves EXECUTE's routine and builds the SELECT it runs as:
// a user routine's RETURN list over its arguments, bound to the parameter
// names as the columns of a one-row derived table, or a built-in called
// with the arguments. An unknown name, or arguments a routine does not
// take, is -674 as in IDS.
func (t *translator) planRoutine(x *executeRoutineStmt) error {
	def, err := t.routineFor(x.name, x.args, nil)
	if err != nil {
		return err
	}
	if def == nil && builtinProcs[x.name].run != nil {
		return planBuiltinProc(x)
	}
	if def == nil {
		x.plan = &selectStmt{p: x.p, core: &selectCore{p: x.p, items: []selItem{{e: &funcExpr{p: x.p, name: x.name, args: x.args}}}}}
		return nil
	}
	need := 0
	for _, p := range def.params {
		if p.def == nil {
			need++
		}
	}
	if len(x.args) < need || len(x.args) > len(def.params) {
		return newErr(-674, 0, x.name)
	}
	// The plan computes the arguments (with the client's markers); the
	// interpreter runs the body with them (Stmt.routineRows).
	args := &selectCore{p: x.p}
	for i, a := range x.args {
		args.items = append(args.items, selItem{e: &castExpr{p: x.p, x: a, t: def.params[i].t}, alias: def.params[i].name})
	}
	if len(args.items) == 0 {
		args.items = []selItem{{e: &numLit{p: x.p, text: "1"}}}
	}
	x.def, x.plan = def, &selectStmt{p: x.p, core: args}
	return nil
}

// bodyChunk is the width of sysprocbody.data.
const bodyChunk = 256

// execCreateRoutine records a routine in sysprocedures and its text in
// sysprocbody. A routine of a name that exists is an overload when its
// parameter types differ (routine_overload.go); with the same types it is
// -673 (CHOICE: IBM's code for it is not in our evidence).
func (s *Session) execCreateRoutine(ctx context.Context, x *createRoutineStmt, src string) (Result, error) {
	defs, _, err := s.loadRoutines(ctx, x.name)
	if err != nil {
		return Result{}, err
	}
	for _, d := range defs {
		if sameSignature(d.params, paramTypes(x.params)) {
			return Result{}, newErr(-673, 0, x.name)
		}
	}
	sig := make([]string, len(x.params))
	for i, p := range x.params {
		sig[i] = p.t.String()
	}
	text := strings.TrimRight(strings.TrimSpace(src), ";")
	isProc := "f"
	if x.proc {
		isProc = "t"
	}
	err = s.atomic(ctx, func() error {
		var id int64
		if err := s.conn.QueryRowContext(ctx, "SELECT coalesce(max(procid), 0) + 1 FROM sysprocedures").Scan(&id); err != nil {
			return err
		}
		if _, err := s.conn.ExecContext(ctx, `INSERT INTO sysprocedures (procname, owner, procid, mode, numargs, isproc, langid, internal, paramtypes)
			VALUES (?, ?, ?, 'O', ?, ?, 2, 0, ?)`, x.name, s.user, id, len(x.params), isProc, strings.Join(sig, ",")); err != nil {
			return err
		}
		if err := s.registerRoutineParams(ctx, id, x); err != nil {
			return err
		}
		for seq := 0; seq*bodyChunk < len(text); seq++ {
			chunk := text[seq*bodyChunk : min(len(text), (seq+1)*bodyChunk)]
			if _, err := s.conn.ExecContext(ctx, `INSERT INTO sysprocbody (procid, datakey, seqno, data) VALUES (?, 'T', ?, ?)`, id, seq+1, chunk); err != nil {
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

// execDropRoutine removes a routine; one that does not exist is -674. An
// overloaded name needs its parameter types; without them it is -674 too
// (CHOICE: IBM says an error, not which).
func (s *Session) execDropRoutine(ctx context.Context, x *dropRoutineStmt) (Result, error) {
	defs, ids, err := s.loadRoutines(ctx, x.name)
	if err != nil {
		return Result{}, err
	}
	var match []int64
	for i, d := range defs {
		if !x.hasSig || sameSignature(d.params, x.sig) {
			match = append(match, ids[i])
		}
	}
	if len(match) == 0 {
		if x.ifExists {
			return Result{}, nil
		}
		return Result{}, newErr(-674, 0, x.name)
	}
	if len(match) > 1 {
		e := newErr(-674, 0, x.name)
		e.Message += " (" + x.name + " is overloaded: DROP needs its parameter types)"
		return Result{}, e
	}
	id := match[0]
	err = s.atomic(ctx, func() error {
		for _, q := range []string{"DELETE FROM sysprocbody WHERE procid = ?", "DELETE FROM sysproccolumns WHERE procid = ?", "DELETE FROM sysprocedures WHERE procid = ?"} {
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
