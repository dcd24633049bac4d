package engine

import (
	"context"
	"database/sql"
	"strings"
)

// The texts of the overload errors (finderr).
func init() {
	if _, ok := messages[-673]; !ok {
		messages[-673] = "Another routine (%s) with same signature already exists in database."
	}
}

// Overloaded routines: several routines of one name with different
// parameter types (IBM: "Routine signature" and "DROP ROUTINE statement").
// A call picks the routine whose parameters its arguments fit best; DROP
// of a name that is overloaded must give the parameter types. The
// signature compared is the parameter types' base types: CHAR(10) and
// CHAR(20) are one signature, CHAR and VARCHAR two.

// loadRoutines reads every user routine of a name, in the order they were
// created.
func (s *Session) loadRoutines(ctx context.Context, name string) ([]*createRoutineStmt, []int64, error) {
	if s.conn == nil {
		return nil, nil, nil
	}
	rows, err := s.conn.QueryContext(ctx, `SELECT p.procid, b.data FROM sysprocedures p JOIN sysprocbody b ON b.procid = p.procid
		WHERE p.procname = ? AND b.datakey = 'T' ORDER BY p.procid, b.seqno`, name)
	if err != nil {
		return nil, nil, err
	}
	var ids []int64
	texts := map[int64]*strings.Builder{}
	for rows.Next() {
		var id int64
		var chunk sql.NullString
		if err := rows.Scan(&id, &chunk); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if texts[id] == nil {
			ids = append(ids, id)
			texts[id] = &strings.Builder{}
		}
		texts[id].WriteString(chunk.String)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	defs := make([]*createRoutineStmt, 0, len(ids))
	for _, id := range ids {
		ast, _, err := parse(texts[id].String())
		if err != nil {
			return nil, nil, err
		}
		def, ok := ast.(*createRoutineStmt)
		if !ok {
			return nil, nil, newErr(-999, 0, "")
		}
		defs = append(defs, def)
	}
	return defs, ids, nil
}

// sameSignature reports parameters of the same base types, in order.
func sameSignature(a []routineParam, b []ifxType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].t.unserial().code != b[i].unserial().code || a[i].t.xid != b[i].xid {
			return false
		}
	}
	return true
}

func paramTypes(ps []routineParam) []ifxType {
	out := make([]ifxType, len(ps))
	for i, p := range ps {
		out[i] = p.t
	}
	return out
}

// resolveRoutine picks the routine of defs that a call with arguments of
// these types runs (a nil type is a '?' marker or NULL, which fits any
// parameter): among those that take that many arguments, the one whose
// parameters the arguments fit best. nil when none takes them; -674 when
// two fit equally well (CHOICE: IBM's code for an ambiguous call is not in
// our evidence).
func resolveRoutine(name string, defs []*createRoutineStmt, args []*ifxType) (*createRoutineStmt, error) {
	var best *createRoutineStmt
	bestScore, tie := -1, false
	for _, d := range defs {
		need := 0
		for _, p := range d.params {
			if p.def == nil {
				need++
			}
		}
		if len(args) < need || len(args) > len(d.params) {
			continue
		}
		score := 0
		for i, a := range args {
			f := argFit(a, d.params[i].t)
			if f < 0 {
				score = -1
				break
			}
			score += f
		}
		if len(defs) == 1 && score < 0 {
			score = 0 // a routine that is not overloaded takes what it is given, as before
		}
		switch {
		case score > bestScore:
			best, bestScore, tie = d, score, false
		case score == bestScore && score >= 0:
			tie = true
		}
	}
	if best == nil || bestScore < 0 {
		return nil, nil
	}
	if tie {
		e := newErr(-674, 0, name)
		e.Message += " (more than one routine " + name + " fits these arguments)"
		return nil, e
	}
	return best, nil
}

// argFit says how well an argument of type a fits a parameter of type p:
// 4 the same type, 3 the same family (integers, characters), 2 a numeric
// widening, 1 an implicit cast (a marker or NULL, character text to a
// number, date or time), -1 not at all.
func argFit(a *ifxType, p ifxType) int {
	if a == nil {
		return 1
	}
	at, pt := a.unserial(), p.unserial()
	switch {
	case at.code == pt.code && at.xid == pt.xid:
		return 4
	case at.isInt() && pt.isInt(), at.isChar() && pt.isChar():
		return 3
	case at.isNumeric() && pt.isNumeric():
		return 2
	case at.isChar() && (pt.isNumeric() || pt.code == TypeDate || pt.code == TypeDatetime || pt.code == TypeInterval):
		return 1
	}
	return -1
}

// valueType is the type a value computed by SPL has, for resolving a call
// from SPL; nil for NULL.
func valueType(v Value) *ifxType {
	var t ifxType
	switch v.(type) {
	case nil:
		return nil
	case int64, int32, int:
		t = tInteger()
	case float64, float32:
		t = tFloat()
	case Decimal:
		t = tDecimal(32, 0xff)
	case string:
		t = tChar(0)
	case Date:
		t = tDate()
	case DateTime:
		t = ifxType{code: TypeDatetime}
	case Interval:
		t = ifxType{code: TypeInterval}
	case bool:
		t = tBool()
	default:
		return nil
	}
	return &t
}

// exprTypes computes the types of call arguments in a scope for
// resolving the call; a marker, a NULL or an argument that does not
// translate there has no type.
func (t *translator) exprTypes(args []expr, sc *scope) []*ifxType {
	out := make([]*ifxType, len(args))
	scratch := &translator{s: t.s, ctx: t.ctx, src: t.src, spl: t.spl}
	for i, a := range args {
		switch a.(type) {
		case *paramRef, *nullLit:
			continue
		}
		if _, ty, err := scratch.expr(a, sc, nil); err == nil {
			out[i] = &ty
		}
	}
	for _, rc := range scratch.rowCalls {
		delete(t.s.rowCalls, rc.id)
	}
	return out
}

// routineFor resolves a call in a translated statement; nil when no user
// routine of that name takes the arguments.
func (t *translator) routineFor(name string, args []expr, sc *scope) (*createRoutineStmt, error) {
	defs, _, err := t.s.loadRoutines(t.ctx, name)
	if err != nil || len(defs) == 0 {
		return nil, err
	}
	var types []*ifxType
	if len(defs) > 1 {
		types = t.exprTypes(args, sc)
	} else {
		types = make([]*ifxType, len(args))
	}
	return resolveRoutine(name, defs, types)
}
