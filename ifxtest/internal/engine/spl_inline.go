package engine

import (
	"context"
	"errors"
)

// User functions inside SQL expressions (SELECT lists, WHERE, SPL
// expressions). SQLite calls Go functions while it holds the session's
// connection, where a routine could not run its own SQL. A call whose
// arguments name no column is evaluated before the statement runs, once
// per execution, and bound as a parameter; one whose arguments name
// columns of its query is called per row through a memo filled before the
// statement runs (spl_rowcall.go). Arguments naming columns of an outer
// query are refused (-999 says why).

// errNamesColumns marks the refusal of a call whose arguments name
// columns where no per-row call can be made.
var errNamesColumns = errors.New("ifxtest: a user function's arguments name columns")

// splInline is a user function call found in an expression.
type splInline struct {
	def   *createRoutineStmt
	args  *Stmt // SELECT of the arguments, with the statement's parameters
	nargs int
	t     ifxType
}

// argRoutine marks the argSrc of a user function call.
const argRoutine argKind = 100

// userFunction translates a call of a user function; a name that is none
// is -674 as before.
func (t *translator) userFunction(f *funcExpr) (string, ifxType, error) {
	var sc *scope
	if t.rowCore != nil {
		sc = &scope{srcs: t.rowCore.sc.srcs}
	}
	def, err := t.routineFor(f.name, f.args, sc)
	if err != nil {
		return "", ifxType{}, err
	}
	if def == nil || f.star || f.distinct {
		return "", tInteger(), t.errAt(-674, 0, f.name, f.p)
	}
	need := 0
	for _, p := range def.params {
		if p.def == nil {
			need++
		}
	}
	if len(f.args) < need || len(f.args) > len(def.params) || len(def.returns) != 1 {
		return "", tInteger(), t.errAt(-674, 0, f.name, f.p)
	}
	core := &selectCore{p: f.p}
	for i, a := range f.args {
		core.items = append(core.items, selItem{e: &castExpr{p: f.p, x: a, t: def.params[i].t}})
	}
	if len(core.items) == 0 {
		core.items = []selItem{{e: &numLit{p: f.p, text: "1"}}}
	}
	// Translated alone, with no FROM: an argument naming a column of the
	// query fails here with -217, and ifxtest says why.
	sub := &Stmt{s: t.s, src: t.src, ast: &selectStmt{p: f.p, core: core}, Type: StmtSelect, spl: t.spl}
	if err := sub.translate(t.ctx); err != nil {
		if e, ok := err.(*Error); ok && (e.SQLCode == -217 || errors.Is(e, errNamesColumns)) {
			// Arguments that name columns: called per row (spl_rowcall.go).
			if q, ty, ok, err := t.rowCallSQL(f, def); ok || err != nil {
				return q, ty, err
			}
			e2 := newErr(-999, 0, "")
			e2.Offset = charOffset(t.src, f.p)
			e2.Message += " (ifxtest calls " + f.name + " per row only with arguments from the columns of its own query's FROM)"
			e2.Err = errNamesColumns
			return "", ifxType{}, e2
		}
		return "", ifxType{}, err
	}
	rt := def.returns[0].nullable().unserial()
	in := &splInline{def: def, args: sub, nargs: len(f.args), t: rt}
	return t.addArg(argSrc{kind: argRoutine, call: in}), rt, nil
}

// inlineCall runs a user function for a statement being bound; args are
// the statement's parameters.
func (s *Session) inlineCall(in *splInline, args []Value) (any, error) {
	ctx := context.Background()
	if s.splRun != nil {
		ctx = s.splRun.ctx
	}
	in.args.nparams = len(args)
	c, err := in.args.Query(ctx, args)
	if err != nil {
		return nil, err
	}
	vals, err := c.Next()
	c.Close()
	if err != nil {
		return nil, err
	}
	rows, err := s.callRoutine(ctx, s.splRun, in.def, vals[:in.nargs])
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 || rows[0][0] == nil {
		return nil, nil
	}
	return s.toStorage(rows[0][0], in.t)
}
