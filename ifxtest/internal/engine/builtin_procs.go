package engine

import (
	"context"
	"strings"
)

// builtinProc is a procedure IDS defines in every database that changes
// the session rather than returning values.
type builtinProc struct {
	params []ifxType
	run    func(s *Session, args []Value) error
}

// builtinProcs by name. IFX_ALLOW_NEWLINE(boolean) allows ('t') or refuses
// ('f') newline characters in quoted strings for the session (Guide to
// SQL: Syntax, "Newline Characters in Quoted Strings"); Liquibase's
// Informix support calls it on every connection. ifxtest starts a session
// allowing them, as IDS with ALLOW_NEWLINE 1 in its ONCONFIG (**CHOICE**:
// IDS's default is 0; docs/DIALECT.md).
var builtinProcs = map[string]builtinProc{
	"ifx_allow_newline": {params: []ifxType{tBool()}, run: func(s *Session, args []Value) error {
		on, ok := args[0].(bool)
		if !ok {
			return newErr(-674, 0, "ifx_allow_newline")
		}
		s.newlineRefused = !on
		return nil
	}},
}

// planBuiltinProc makes EXECUTE PROCEDURE of a built-in procedure compute
// its arguments, cast to the parameter types; it returns no columns.
func planBuiltinProc(x *executeRoutineStmt) error {
	bp := builtinProcs[x.name]
	if len(x.args) != len(bp.params) {
		return newErr(-674, 0, x.name)
	}
	core := &selectCore{p: x.p}
	for i, a := range x.args {
		core.items = append(core.items, selItem{e: &castExpr{p: x.p, x: a, t: bp.params[i]}})
	}
	if len(core.items) == 0 {
		core.items = []selItem{{e: &numLit{p: x.p, text: "1"}}}
	}
	x.builtin, x.plan = x.name, &selectStmt{p: x.p, core: core}
	return nil
}

// execBuiltinProc computes the arguments and runs the procedure.
func (st *Stmt) execBuiltinProc(ctx context.Context, x *executeRoutineStmt, args []Value) (Result, error) {
	bound, err := st.bind(args)
	if err != nil {
		return Result{}, err
	}
	p, err := st.sqlStmt(ctx)
	if err != nil {
		return Result{}, st.stmtCtx().mapErr(err)
	}
	raw := make([]any, len(st.cols))
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if err := p.QueryRowContext(ctx, bound...).Scan(ptrs...); err != nil {
		return Result{}, st.stmtCtx().mapErr(err)
	}
	vals := make([]Value, 0, len(x.args))
	for i := range x.args {
		v, err := fromStorage(raw[i], st.cols[i].t)
		if err != nil {
			return Result{}, err
		}
		vals = append(vals, v)
	}
	return Result{}, builtinProcs[x.builtin].run(st.s, vals)
}

// newlineInString refuses a newline inside a quoted string, as IDS does
// while newlines are not allowed: -282, the error for a quote without its
// closing quote on the line (**CHOICE**: the code is not documented).
func newlineInString(src string, delimIdent bool) error {
	toks, err := lex(src, delimIdent)
	if err != nil {
		return err
	}
	for _, t := range toks {
		if t.kind == tString && strings.ContainsAny(t.text, "\n") {
			e := newErr(-282, 0, "")
			e.Offset = charOffset(src, t.pos)
			return e
		}
	}
	return nil
}
