package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// The SPL interpreter. A call runs the whole routine when EXECUTE is
// opened and keeps the rows its RETURNs give (each RETURN … WITH RESUME
// adds one, a plain RETURN adds one and ends the routine); the client then
// fetches them like a SELECT's. Expressions and SQL statements are run by
// the SQL engine itself, with the visible SPL variables bound as
// parameters (translator.spl), so SPL computes exactly what SQL does.

// Limits of one call (Config.SPLMaxStatements, Config.SPLMaxDepth).
const (
	defaultSPLMaxStatements = 1_000_000
	defaultSPLMaxDepth      = 100
)

// Messages of the codes SPL raises, where the catalog (errors.go) has
// none yet. -746 carries the routine's own text (RAISE EXCEPTION -746, 0,
// 'text').
func init() {
	for code, m := range map[int]string{
		-746: "%s",
		-668: "The system command cannot be executed or it exited with a non-zero status.",
		-284: "A subquery has returned not exactly one row.",
		-684: "Function (%s) returns too many values.",
		-685: "Function (%s) returns too few values.",
	} {
		if _, ok := messages[code]; !ok {
			messages[code] = m
		}
	}
}

// splVar is an SPL variable: its declared type and current value.
type splVar struct {
	t ifxType
	v Value
}

// splRun is shared by a call and the routines it calls: the runaway
// limits count over all of them.
type splRun struct {
	ctx             context.Context
	steps, maxSteps int64
	depth, maxDepth int
}

// splFrame is one routine activation.
type splFrame struct {
	s      *Session
	ctx    context.Context
	r      *createRoutineStmt
	run    *splRun
	scopes []map[string]*splVar
	out    [][]Value
	cache  map[splKey]*splPrepared

	handlers []splHandlerAt       // ON EXCEPTIONs in force, innermost last
	active   map[*splHandler]bool // handlers running now
}

type splKey struct {
	node any
	tag  int
}

// splPrepared is an SQL statement of the body translated once per call,
// with the variables it may read in parameter order.
type splPrepared struct {
	st    *Stmt
	names []string
}

// splFatal marks an error no ON EXCEPTION may catch: the interrupt and the
// runaway limits, which must end the call.
type splFatal struct{ e *Error }

func (f *splFatal) Error() string { return f.e.Error() }
func (f *splFatal) Unwrap() error { return f.e }

func splLimitErr(format string, a ...any) error {
	e := newErr(-746, 0, fmt.Sprintf(format, a...))
	return &splFatal{e}
}

// callRoutine runs def with args (already evaluated) and returns the rows
// its RETURNs gave. run is nil for a call from a client.
func (s *Session) callRoutine(ctx context.Context, run *splRun, def *createRoutineStmt, args []Value) ([][]Value, error) {
	return s.callRoutineWith(ctx, run, def, args, nil)
}

// callRoutineWith is callRoutine with variables shared with the caller
// besides the parameters: a trigger's correlated columns (trigger_fire.go).
func (s *Session) callRoutineWith(ctx context.Context, run *splRun, def *createRoutineStmt, args []Value, shared map[string]*splVar) ([][]Value, error) {
	if run == nil {
		run = &splRun{ctx: ctx, maxSteps: int64(s.e.cfg.SPLMaxStatements), maxDepth: s.e.cfg.SPLMaxDepth}
		if run.maxSteps <= 0 {
			run.maxSteps = defaultSPLMaxStatements
		}
		if run.maxDepth <= 0 {
			run.maxDepth = defaultSPLMaxDepth
		}
	}
	if run.depth >= run.maxDepth {
		return nil, splLimitErr("ifxtest: routine %s nested deeper than %d calls (Config.SPLMaxDepth)", def.name, run.maxDepth)
	}
	run.depth++
	prev := s.splRun
	s.splRun = run
	defer func() { run.depth--; s.splRun = prev }()
	need := 0
	for _, p := range def.params {
		if p.def == nil {
			need++
		}
	}
	if len(args) < need || len(args) > len(def.params) {
		return nil, newErr(-674, 0, def.name)
	}
	fr := &splFrame{s: s, ctx: ctx, r: def, run: run, cache: map[splKey]*splPrepared{}, active: map[*splHandler]bool{}}
	params := map[string]*splVar{}
	for k, v := range shared {
		params[k] = v
	}
	fr.scopes = []map[string]*splVar{params}
	for i, p := range def.params {
		v := &splVar{t: p.t}
		params[p.name] = v
		if i < len(args) {
			if err := fr.assign(v, args[i]); err != nil {
				return nil, err
			}
			continue
		}
		vals, err := fr.eval(splKey{p.def, 0}, []expr{p.def})
		if err != nil {
			return nil, err
		}
		if err := fr.assign(v, vals[0]); err != nil {
			return nil, err
		}
	}
	if def.body == nil {
		return nil, nil
	}
	_, err := def.body.exec(fr)
	return fr.out, err
}

func (fr *splFrame) lookup(name string) *splVar {
	for i := len(fr.scopes) - 1; i >= 0; i-- {
		if v := fr.scopes[i][name]; v != nil {
			return v
		}
	}
	return nil
}

func (fr *splFrame) target(name string) (*splVar, error) {
	if v := fr.lookup(name); v != nil {
		return v, nil
	}
	return nil, newErr(-217, 0, name) // "Column (%s) not found in any table in the query"
}

// assign converts v to the variable's type as storing it in a column of
// that type would.
func (fr *splFrame) assign(v *splVar, val Value) error {
	if val == nil {
		v.v = nil
		return nil
	}
	raw, err := fr.s.toStorage(val, v.t.nullable().unserial())
	if err != nil {
		return err
	}
	out, err := fromStorage(raw, v.t)
	if err != nil {
		return err
	}
	v.v = out
	return nil
}

// valueCountErr is IDS's error for a routine that gives got values where
// want are expected: -684 for too many, -685 for too few (finderr).
func valueCountErr(got, want int, routine string) error {
	if got > want {
		return newErr(-684, 0, routine)
	}
	return newErr(-685, 0, routine)
}

func (fr *splFrame) assignAll(names []string, vals []Value) error {
	if len(names) != len(vals) {
		return valueCountErr(len(vals), len(names), fr.r.name)
	}
	for i, n := range names {
		v, err := fr.target(n)
		if err != nil {
			return err
		}
		if err := fr.assign(v, vals[i]); err != nil {
			return err
		}
	}
	return nil
}

// visible lists the variables in scope, innermost first wins.
func (fr *splFrame) visible() []string {
	seen := map[string]bool{}
	var out []string
	for i := len(fr.scopes) - 1; i >= 0; i-- {
		for n := range fr.scopes[i] {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// prepare translates an SQL statement of the body once per call, with the
// visible variables as its parameters.
func (fr *splFrame) prepare(key splKey, ast statement, typ int, src string) (*splPrepared, error) {
	if sp := fr.cache[key]; sp != nil {
		return sp, nil
	}
	names := fr.visible()
	idx := map[string]int{}
	for i, n := range names {
		idx[n] = i
	}
	st := &Stmt{s: fr.s, src: src, ast: ast, Type: typ, table: ast.describe().table, nparams: len(names)}
	st.spl = func(name string) (int, ifxType, bool) {
		i, ok := idx[name]
		if !ok {
			return 0, ifxType{}, false
		}
		return i, fr.lookup(name).t.nullable().unserial(), true
	}
	if err := st.translate(fr.ctx); err != nil {
		return nil, err
	}
	sp := &splPrepared{st: st, names: names}
	fr.cache[key] = sp
	return sp, nil
}

func (fr *splFrame) args(sp *splPrepared) []Value {
	out := make([]Value, len(sp.names))
	for i, n := range sp.names {
		if v := fr.lookup(n); v != nil {
			out[i] = v.v
		}
	}
	return out
}

// query opens a prepared SELECT with the current variable values.
func (fr *splFrame) query(sp *splPrepared) (*Cursor, error) {
	return sp.st.Query(fr.ctx, fr.args(sp))
}

// eval computes expressions as the SELECT list of a one-row query.
func (fr *splFrame) eval(key splKey, es []expr) ([]Value, error) {
	sp := fr.cache[key]
	if sp == nil {
		core := &selectCore{}
		for _, e := range es {
			core.items = append(core.items, selItem{e: e})
		}
		var err error
		if sp, err = fr.prepare(key, &selectStmt{core: core}, StmtSelect, fr.r.src); err != nil {
			return nil, err
		}
	}
	c, err := fr.query(sp)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	return c.Next()
}

// cond evaluates an SPL condition: true only when it is true (not NULL).
func (fr *splFrame) cond(e expr) (bool, error) {
	one := &numLit{text: "1"}
	ce := &caseExpr{whens: []expr{e}, thens: []expr{one}, els: &numLit{text: "0"}}
	vals, err := fr.eval(splKey{e, 1}, []expr{ce})
	if err != nil {
		return false, err
	}
	return toText(vals[0]) == "1", nil
}

// step counts one statement against the limits and notices the interrupt.
func (fr *splFrame) step() error {
	fr.run.steps++
	if fr.run.steps > fr.run.maxSteps {
		return splLimitErr("ifxtest: routine %s ran more than %d SPL statements (Config.SPLMaxStatements)", fr.r.name, fr.run.maxSteps)
	}
	if fr.ctx.Err() != nil {
		return &splFatal{newErr(-213, -157, "")}
	}
	return nil
}

// ---- statements ----

func (b *splBlock) exec(fr *splFrame) (splFlow, error) {
	if b.scope || len(b.defines) > 0 {
		fr.scopes = append(fr.scopes, map[string]*splVar{})
		defer func() { fr.scopes = fr.scopes[:len(fr.scopes)-1] }()
	}
	for _, d := range b.defines {
		if err := d.define(fr); err != nil {
			return splFlow{}, err
		}
	}
	if len(b.handlers) > 0 {
		n := len(fr.handlers)
		for _, h := range b.handlers {
			fr.handlers = append(fr.handlers, splHandlerAt{h, b})
		}
		defer func() { fr.handlers = fr.handlers[:n] }()
	}
	for i := 0; i < len(b.stmts); i++ {
		if err := fr.step(); err != nil {
			return splFlow{}, err
		}
		f, err := b.stmts[i].exec(fr)
		if err == nil {
			if f.kind != flowNext {
				return f, nil
			}
			continue
		}
		var uw *splUnwind
		if errors.As(err, &uw) {
			if uw.holder == b {
				return splFlow{}, nil
			}
			return splFlow{}, err
		}
		at, e := fr.handler(err)
		if at == nil {
			return splFlow{}, err
		}
		fr.active[at.h] = true
		f, herr := at.h.run(fr, e)
		delete(fr.active, at.h)
		if herr != nil || f.kind != flowNext {
			return f, herr
		}
		if at.h.resume {
			continue // after the statement that failed, in its own block
		}
		if at.holder == b {
			return splFlow{}, nil
		}
		return splFlow{}, &splUnwind{holder: at.holder}
	}
	return splFlow{}, nil
}

// splHandlerAt is an ON EXCEPTION in force and the block that declared it.
type splHandlerAt struct {
	h      *splHandler
	holder *splBlock
}

// splUnwind ends the blocks up to and including holder after a handler
// without WITH RESUME ran: "execution exits the current block entirely"
// (IBM SQL Tutorial, "Trapping an error and recovering").
type splUnwind struct{ holder *splBlock }

func (*splUnwind) Error() string { return "spl: unwinding to an exception handler's block" }

// handler finds the innermost ON EXCEPTION in force that catches err. A
// handler that is running does not catch its own errors (IBM: "to
// prevent an infinite loop").
func (fr *splFrame) handler(err error) (*splHandlerAt, *Error) {
	var fatal *splFatal
	var e *Error
	if len(fr.handlers) == 0 || errors.As(err, &fatal) || !errors.As(err, &e) {
		return nil, nil
	}
	for k := len(fr.handlers) - 1; k >= 0; k-- {
		at := &fr.handlers[k]
		if fr.active[at.h] {
			continue
		}
		if len(at.h.codes) == 0 {
			return at, e
		}
		for _, c := range at.h.codes {
			if c == e.SQLCode {
				return at, e
			}
		}
	}
	return nil, nil
}

func (h *splHandler) run(fr *splFrame, e *Error) (splFlow, error) {
	vals := []Value{int64(e.SQLCode), int64(e.ISAMCode), e.Near}
	for i, n := range h.set {
		v, err := fr.target(n)
		if err != nil {
			return splFlow{}, err
		}
		if err := fr.assign(v, vals[i]); err != nil {
			return splFlow{}, err
		}
	}
	return h.body.exec(fr)
}

func (d *splDefine) define(fr *splFrame) error {
	t := d.t
	if d.like != nil {
		ti, err := fr.s.lookupTable(fr.ctx, *d.like)
		if err != nil {
			return err
		}
		found := false
		for _, c := range ti.cols {
			if c.name == d.likeCol {
				t, found = c.t.unserial(), true
			}
		}
		if !found {
			return newErr(-217, 0, d.likeCol)
		}
	}
	scope := fr.scopes[len(fr.scopes)-1]
	for _, n := range d.names {
		if d.global {
			if fr.s.splGlobals == nil {
				fr.s.splGlobals = map[string]*splVar{}
			}
			g := fr.s.splGlobals[n]
			if g == nil {
				g = &splVar{t: t}
				vals, err := fr.eval(splKey{d, 0}, []expr{d.def})
				if err != nil {
					return err
				}
				if err := fr.assign(g, vals[0]); err != nil {
					return err
				}
				fr.s.splGlobals[n] = g
			}
			scope[n] = g
			continue
		}
		v := &splVar{t: t}
		scope[n] = v
		if d.hasValue {
			vals, err := fr.eval(splKey{d, 0}, []expr{d.def})
			if err != nil {
				return err
			}
			if err := fr.assign(v, vals[0]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *splLet) exec(fr *splFrame) (splFlow, error) {
	var vals []Value
	var err error
	switch {
	case l.sel != nil:
		sp, err := fr.prepare(splKey{l, 0}, l.sel, StmtSelect, fr.r.src)
		if err != nil {
			return splFlow{}, err
		}
		c, err := fr.query(sp)
		if err != nil {
			return splFlow{}, err
		}
		vals, err = c.Next()
		c.Close()
		if err == io.EOF {
			vals, err = make([]Value, len(l.targets)), nil // no row: NULLs
		}
		if err != nil {
			return splFlow{}, err
		}
	case l.call != nil:
		rows, found, err := l.call.invoke(fr)
		if found || err != nil {
			if err != nil {
				return splFlow{}, err
			}
			if len(rows) == 0 {
				return splFlow{}, newErr(-685, 0, l.call.name)
			}
			return splFlow{}, fr.assignAll(l.targets, rows[0])
		}
		fallthrough
	default:
		if vals, err = fr.eval(splKey{l, 0}, l.exprs); err != nil {
			return splFlow{}, err
		}
	}
	return splFlow{}, fr.assignAll(l.targets, vals)
}

// invoke runs the user routine the call names: its arguments are
// evaluated and pick the routine of that name they fit (overloads,
// routine_overload.go). found is false when no user routine has the name;
// -674 when none of them takes the arguments.
func (c *splCall) invoke(fr *splFrame) (rows [][]Value, found bool, err error) {
	// The name first: evaluating the arguments is a statement, which
	// would change what DBINFO('sqlca.…') of a built-in reads.
	defs, _, err := fr.s.loadRoutines(fr.ctx, c.name)
	if err != nil || len(defs) == 0 {
		return nil, false, err
	}
	var args []Value
	if len(c.args) > 0 {
		if args, err = fr.eval(splKey{c, 2}, c.args); err != nil {
			return nil, true, err
		}
	}
	types := make([]*ifxType, len(args))
	for i, a := range args {
		types[i] = valueType(a)
	}
	def, err := resolveRoutine(c.name, defs, types)
	if err != nil {
		return nil, true, err
	}
	if def == nil {
		return nil, true, newErr(-674, 0, c.name)
	}
	var shared map[string]*splVar
	if c.trigRefs {
		if shared, err = fr.triggerRefs(def); err != nil {
			return nil, true, err
		}
	}
	rows, err = fr.s.callRoutineWith(fr.ctx, fr.run, def, args, shared)
	return rows, true, err
}

func (c *splCall) exec(fr *splFrame) (splFlow, error) {
	rows, found, err := c.invoke(fr)
	if err == nil && !found {
		return splFlow{}, newErr(-674, 0, c.name)
	}
	if err != nil || len(c.returning) == 0 {
		return splFlow{}, err
	}
	if len(rows) == 0 {
		return splFlow{}, fr.assignAll(c.returning, make([]Value, len(c.returning)))
	}
	return splFlow{}, fr.assignAll(c.returning, rows[0])
}

func (s *splIf) exec(fr *splFrame) (splFlow, error) {
	for i, c := range s.conds {
		ok, err := fr.cond(c)
		if err != nil {
			return splFlow{}, err
		}
		if ok {
			return s.blocks[i].exec(fr)
		}
	}
	if s.els != nil {
		return s.els.exec(fr)
	}
	return splFlow{}, nil
}

// loopFlow decides what a loop does with its body's flow: stop (and what
// to pass up), or go on.
func loopFlow(kind string, f splFlow) (stop bool, up splFlow) {
	switch f.kind {
	case flowExit:
		if f.loop == "" || f.loop == kind {
			return true, splFlow{}
		}
		return true, f
	case flowContinue:
		if f.loop == "" || f.loop == kind {
			return false, splFlow{}
		}
		return true, f
	case flowReturn:
		return true, f
	}
	return false, splFlow{}
}

func (w *splWhile) exec(fr *splFrame) (splFlow, error) {
	for {
		if err := fr.step(); err != nil {
			return splFlow{}, err
		}
		ok, err := fr.cond(w.cond)
		if err != nil || !ok {
			return splFlow{}, err
		}
		f, err := w.body.exec(fr)
		if err != nil {
			return splFlow{}, err
		}
		if stop, up := loopFlow("while", f); stop {
			return up, nil
		}
	}
}

func (f *splFor) exec(fr *splFrame) (splFlow, error) {
	v, err := fr.target(f.v)
	if err != nil {
		return splFlow{}, err
	}
	for k, it := range f.items {
		es := []expr{it.from}
		if it.to != nil {
			es = append(es, it.to)
			if it.step != nil {
				es = append(es, it.step)
			}
		}
		vals, err := fr.eval(splKey{f, k + 10}, es)
		if err != nil {
			return splFlow{}, err
		}
		if it.to == nil {
			if err := fr.assign(v, vals[0]); err != nil {
				return splFlow{}, err
			}
			body, err := f.body.exec(fr)
			if err != nil {
				return splFlow{}, err
			}
			if stop, up := loopFlow("for", body); stop {
				return up, nil
			}
			continue
		}
		from, e1 := splInt(vals[0])
		to, e2 := splInt(vals[1])
		step := int64(1)
		if from > to {
			step = -1
		}
		var e3 error
		if len(vals) > 2 {
			step, e3 = splInt(vals[2])
		}
		if err := errors.Join(e1, e2, e3); err != nil {
			return splFlow{}, err
		}
		if step == 0 {
			return splFlow{}, newErr(-1202, 0, "") // a zero STEP would never end
		}
		for i := from; step > 0 && i <= to || step < 0 && i >= to; i += step {
			if err := fr.step(); err != nil {
				return splFlow{}, err
			}
			if err := fr.assign(v, i); err != nil {
				return splFlow{}, err
			}
			body, err := f.body.exec(fr)
			if err != nil {
				return splFlow{}, err
			}
			if stop, up := loopFlow("for", body); stop {
				return up, nil
			}
		}
	}
	return splFlow{}, nil
}

// splInt reads a FOR bound as an integer.
func splInt(v Value) (int64, error) {
	if v == nil {
		return 0, newErr(-1213, 0, "") // "A character to numeric conversion process failed"
	}
	switch x := v.(type) {
	case int64:
		return x, nil
	case float64:
		return int64(x), nil
	}
	f, err := strconv.ParseFloat(toText(v), 64)
	if err != nil {
		return 0, newErr(-1213, 0, "")
	}
	return int64(f), nil
}

func (f *splForeach) exec(fr *splFrame) (splFlow, error) {
	each := func(vals []Value, into []string) (bool, splFlow, error) {
		if err := fr.step(); err != nil {
			return true, splFlow{}, err
		}
		if err := fr.assignAll(into, vals); err != nil {
			return true, splFlow{}, err
		}
		body, err := f.body.exec(fr)
		if err != nil {
			return true, splFlow{}, err
		}
		stop, up := loopFlow("foreach", body)
		return stop, up, nil
	}
	if f.call != nil {
		rows, found, err := f.call.invoke(fr)
		if err == nil && !found {
			return splFlow{}, newErr(-674, 0, f.call.name)
		}
		if err != nil {
			return splFlow{}, err
		}
		for _, r := range rows {
			if stop, up, err := each(r, f.call.returning); stop || err != nil {
				return up, err
			}
		}
		return splFlow{}, nil
	}
	var cur *splVar
	if f.rowid {
		cur = &splVar{t: tBigint()}
		fr.scopes = append(fr.scopes, map[string]*splVar{splCursorVar(f.cursor): cur})
		defer func() { fr.scopes = fr.scopes[:len(fr.scopes)-1] }()
	}
	sp, err := fr.prepare(splKey{f, 0}, f.sel.ast, StmtSelect, fr.r.src)
	if err != nil {
		return splFlow{}, err
	}
	c, err := fr.query(sp)
	if err != nil {
		return splFlow{}, err
	}
	defer c.Close()
	for {
		row, err := c.Next()
		if err == io.EOF {
			return splFlow{}, nil
		}
		if err != nil {
			return splFlow{}, err
		}
		if cur != nil {
			cur.v, row = row[len(row)-1], row[:len(row)-1]
		}
		if stop, up, err := each(row, f.sel.into); stop || err != nil {
			return up, err
		}
	}
}

func (x *splExitStmt) exec(*splFrame) (splFlow, error) { return x.flow, nil }

func (r *splReturn) exec(fr *splFrame) (splFlow, error) {
	if len(r.exprs) > 0 {
		if len(r.exprs) != len(fr.r.returns) {
			return splFlow{}, valueCountErr(len(r.exprs), len(fr.r.returns), fr.r.name)
		}
		vals, err := fr.eval(splKey{r, 0}, r.exprs)
		if err != nil {
			return splFlow{}, err
		}
		row := make([]Value, len(vals))
		for i, v := range vals {
			tmp := &splVar{t: fr.r.returns[i]}
			if err := fr.assign(tmp, v); err != nil {
				return splFlow{}, err
			}
			row[i] = tmp.v
		}
		fr.out = append(fr.out, row)
	}
	if r.resume {
		return splFlow{}, nil
	}
	return splFlow{kind: flowReturn}, nil
}

func (r *splRaise) exec(fr *splFrame) (splFlow, error) {
	es := []expr{r.code}
	if r.isam != nil {
		es = append(es, r.isam)
	}
	if r.text != nil {
		es = append(es, r.text)
	}
	vals, err := fr.eval(splKey{r, 0}, es)
	if err != nil {
		return splFlow{}, err
	}
	code, err := splInt(vals[0])
	if err != nil {
		return splFlow{}, err
	}
	isam := int64(0)
	if len(vals) > 1 {
		if isam, err = splInt(vals[1]); err != nil {
			return splFlow{}, err
		}
	}
	text := ""
	if len(vals) > 2 && vals[2] != nil {
		text = toText(vals[2])
	}
	e := newErr(int(code), int(isam), text)
	if e.Message == "" && text != "" {
		e.Message = text
	}
	return splFlow{}, e
}

func (splNoop) exec(*splFrame) (splFlow, error) { return splFlow{}, nil }

// SYSTEM is refused: ifxtest never runs shell commands. IDS answers a
// command it cannot run with -668.
func (x *splSystem) exec(*splFrame) (splFlow, error) {
	e := newErr(-668, 0, "")
	e.Message += " (ifxtest does not run SYSTEM commands)"
	return splFlow{}, e
}

func (q *splSQL) exec(fr *splFrame) (splFlow, error) {
	typ := q.ast.describe().typ
	switch typ {
	case StmtSelect, StmtInsert, StmtUpdate, StmtUpdateAll, StmtDelete, StmtDeleteAll:
	default:
		// DDL, transaction and SET statements, SELECT … INTO TEMP: run as
		// the client would run their text (they take no SPL variables).
		st, err := fr.s.Prepare(fr.ctx, q.src)
		if err != nil {
			return splFlow{}, err
		}
		defer st.Close()
		_, err = st.Exec(fr.ctx, nil)
		return splFlow{}, err
	}
	sp, err := fr.prepare(splKey{q, 0}, q.ast, typ, fr.r.src)
	if err != nil {
		return splFlow{}, err
	}
	if typ != StmtSelect {
		_, err := sp.st.Exec(fr.ctx, fr.args(sp))
		return splFlow{}, err
	}
	c, err := fr.query(sp)
	if err != nil {
		return splFlow{}, err
	}
	defer c.Close()
	row, err := c.Next()
	if err == io.EOF {
		return splFlow{}, nil // no row: the INTO variables keep their values
	}
	if err != nil {
		return splFlow{}, err
	}
	if _, err := c.Next(); err != io.EOF {
		if err != nil {
			return splFlow{}, err
		}
		return splFlow{}, newErr(-284, 0, "") // a singleton SELECT returned more than one row
	}
	if len(q.into) == 0 {
		return splFlow{}, nil
	}
	return splFlow{}, fr.assignAll(q.into, row)
}
