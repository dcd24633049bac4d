package engine

import (
	"context"
	"database/sql/driver"
	"regexp"
	"strconv"
	"strings"

	"modernc.org/sqlite"
)

// User functions called per row: f(col) in a SELECT list or WHERE clause.
// SQLite calls Go functions while it holds the session's connection,
// where a routine could not run its own SQL, so the routine runs before
// the statement does: a query computes the distinct argument tuples the
// statement will meet (SELECT DISTINCT args FROM the same FROM, under the
// WHERE conditions that call no such function), the routine runs once per
// tuple, and ifx_rowcall, a Go function that runs no SQL, returns each
// row's result from that memo. So a function is called once per distinct
// tuple, not once per row (CHOICE, docs/DIALECT.md): the results are IDS's
// for a function whose result depends only on its arguments; one with
// side effects runs fewer times than in IDS.

// rowCall is one per-row call site of a statement.
type rowCall struct {
	id     int64
	def    *createRoutineStmt
	args   []string  // the arguments' SQL, cast to the parameter types
	ptypes []ifxType // the parameters' types
	rt     ifxType   // the result's type
	where  bool      // the call is in a WHERE clause
	query  string    // SELECT DISTINCT of the arguments, set when its core is done
	memo   map[string]any
}

// rowCallCore is what a SELECT core, UPDATE or DELETE being translated
// offers its per-row calls.
type rowCallCore struct {
	sc      *scope
	from    string
	inWhere bool
	calls   []*rowCall
	t       *translator
	prev    *rowCallCore
}

// dmlRowCore makes the target table of an UPDATE or DELETE the core of its
// per-row calls, until done.
func (t *translator) dmlRowCore(ti *tableInfo, alias string, sc *scope) *rowCallCore {
	core := &rowCallCore{sc: sc, from: ti.sqlName() + " AS " + quoteIdent(alias), t: t, prev: t.rowCore}
	t.rowCore = core
	return core
}

func (cur *rowCallCore) done() { cur.t.rowCore = cur.prev }

// where translates the WHERE clause of an UPDATE or DELETE (" WHERE …",
// or "" without one) and writes the memo queries of its per-row calls.
func (cur *rowCallCore) where(w expr) (string, error) {
	if w == nil {
		cur.finish(nil)
		return "", nil
	}
	cur.inWhere = true
	s, terms, err := cur.t.whereSQL(w, cur.sc)
	cur.inWhere = false
	if err != nil {
		return "", err
	}
	cur.finish(terms)
	return " WHERE " + s, nil
}

func init() {
	sqlite.MustRegisterScalarFunction("ifx_rowcall", -1, wrapFn(func(a []driver.Value) (driver.Value, error) {
		si, ok := sessionRegistry.Load(argInt(a[0]))
		if !ok {
			return nil, newErr(-999, 0, "")
		}
		rc := si.(*Session).rowCalls[argInt(a[1])]
		if rc == nil {
			return nil, newErr(-999, 0, "")
		}
		v, ok := rc.memo[memoKey(a[2:])]
		if !ok {
			e := newErr(-999, 0, "")
			e.Message += " (ifxtest: " + rc.def.name + " called per row with arguments its query did not see)"
			return nil, e
		}
		return v, nil
	}))
}

// rowCallSQL translates a call of def whose arguments name columns of the
// core being translated; ok is false when there is no such core or an
// argument names something else (a column of an outer query).
func (t *translator) rowCallSQL(f *funcExpr, def *createRoutineStmt) (string, ifxType, bool, error) {
	cur := t.rowCore
	if cur == nil {
		return "", ifxType{}, false, nil
	}
	own := &scope{srcs: cur.sc.srcs} // the core's own tables: the memo query has no outer query
	rc := &rowCall{def: def, rt: def.returns[0].nullable().unserial()}
	for i, a := range f.args {
		pt := def.params[i].t
		s, _, err := t.expr(&castExpr{p: f.p, x: a, t: pt}, own, nil)
		if err != nil {
			if e, ok := err.(*Error); ok && e.SQLCode == -217 {
				return "", ifxType{}, false, nil
			}
			return "", ifxType{}, true, err
		}
		rc.args = append(rc.args, s)
		rc.ptypes = append(rc.ptypes, pt)
	}
	s := t.s
	if s.rowCalls == nil {
		s.rowCalls = map[int64]*rowCall{}
	}
	s.nextRowCall++
	rc.id = s.nextRowCall
	s.rowCalls[rc.id] = rc
	rc.where = cur.inWhere
	cur.calls = append(cur.calls, rc)
	t.rowCalls = append(t.rowCalls, rc)
	sql := "ifx_rowcall(" + t.sessArg(argSessionID) + ", " + strconv.FormatInt(rc.id, 10)
	for _, a := range rc.args {
		sql += ", " + a
	}
	return sql + ")", rc.rt, true, nil
}

// whereTerm is one AND-ed condition of a WHERE clause, translated; safe
// when it calls no per-row function.
type whereTerm struct {
	e    expr
	sql  string
	safe bool
}

// whereSQL translates a core's WHERE one AND-ed condition at a time, so
// that the memo queries of its per-row calls can keep the conditions that
// call none.
func (t *translator) whereSQL(w expr, sc *scope) (string, []whereTerm, error) {
	var conds []expr
	var split func(e expr)
	split = func(e expr) {
		if b, ok := e.(*binExpr); ok && b.op == "and" {
			split(b.l)
			split(b.r)
			return
		}
		conds = append(conds, e)
	}
	split(w)
	if len(conds) == 1 {
		n := len(t.rowCalls)
		s, _, err := t.expr(w, sc, nil)
		return s, []whereTerm{{e: w, sql: s, safe: len(t.rowCalls) == n}}, err
	}
	var alls []string
	var terms []whereTerm
	for _, c := range conds {
		n := len(t.rowCalls)
		s, _, err := t.expr(c, sc, nil)
		if err != nil {
			return "", nil, err
		}
		alls = append(alls, "("+s+")")
		terms = append(terms, whereTerm{e: c, sql: "(" + s + ")", safe: len(t.rowCalls) == n})
	}
	return "(" + strings.Join(alls, " AND ") + ")", terms, nil
}

// finish writes the memo queries of a core's per-row calls: SELECT
// DISTINCT of the arguments over the core's FROM, under the WHERE terms
// that call no per-row function and name no column of an outer query (the
// memo query has none).
func (cur *rowCallCore) finish(terms []whereTerm) {
	if len(cur.calls) == 0 {
		return
	}
	var keep []string
	own := &scope{srcs: cur.sc.srcs}
	for _, w := range terms {
		if !w.safe {
			continue
		}
		scratch := &translator{s: cur.t.s, ctx: cur.t.ctx, src: cur.t.src, spl: cur.t.spl}
		_, _, err := scratch.expr(w.e, own, nil)
		for _, rc := range scratch.rowCalls {
			delete(cur.t.s.rowCalls, rc.id)
		}
		if err == nil {
			keep = append(keep, w.sql)
		}
	}
	for _, rc := range cur.calls {
		q := "SELECT DISTINCT " + strings.Join(rc.args, ", ") + " FROM " + cur.from
		if len(keep) > 0 {
			q += " WHERE " + strings.Join(keep, " AND ")
		}
		rc.query = q
	}
}

var sqlParam = regexp.MustCompile(`\?(\d+)`)

// fillRowCalls runs the statement's per-row functions for every argument
// tuple its memo queries find; bound are the statement's arguments.
func (st *Stmt) fillRowCalls(bound []any) error {
	s := st.s
	ctx := context.Background()
	if s.splRun != nil {
		ctx = s.splRun.ctx
	}
	for _, rc := range st.rowCalls {
		n := 0
		for _, m := range sqlParam.FindAllStringSubmatch(rc.query, -1) {
			k, _ := strconv.Atoi(m[1])
			n = max(n, k)
		}
		if n > len(bound) {
			n = len(bound)
		}
		rows, err := s.conn.QueryContext(ctx, rc.query, bound[:n]...)
		if err != nil {
			return st.stmtCtx().mapErr(err)
		}
		var tuples [][]any
		for rows.Next() {
			raw := make([]any, len(rc.args))
			ptrs := make([]any, len(raw))
			for i := range raw {
				ptrs[i] = &raw[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return err
			}
			tuples = append(tuples, raw)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return st.stmtCtx().mapErr(err)
		}
		rc.memo = make(map[string]any, len(tuples))
		for _, raw := range tuples {
			args := make([]Value, len(raw))
			for i, r := range raw {
				if args[i], err = fromStorage(r, rc.ptypes[i]); err != nil {
					return err
				}
			}
			out, err := s.callRoutine(ctx, s.splRun, rc.def, args)
			if err != nil {
				return err
			}
			var v any
			if len(out) > 0 && out[0][0] != nil {
				if v, err = s.toStorage(out[0][0], rc.rt); err != nil {
					return err
				}
			}
			rc.memo[memoKey(raw)] = v
		}
	}
	return nil
}

// memoKey encodes an argument tuple as SQLite gives it.
func memoKey[T any](vals []T) string {
	var b strings.Builder
	for _, v := range vals {
		switch x := any(v).(type) {
		case nil:
			b.WriteString("n;")
		case int64:
			b.WriteString("i" + strconv.FormatInt(x, 10) + ";")
		case float64:
			b.WriteString("f" + strconv.FormatFloat(x, 'g', -1, 64) + ";")
		case string:
			b.WriteString("s" + strconv.Itoa(len(x)) + ":" + x)
		case []byte:
			b.WriteString("b" + strconv.Itoa(len(x)) + ":" + string(x))
		case bool:
			b.WriteString("t" + strconv.FormatBool(x) + ";")
		default:
			b.WriteString("?")
		}
	}
	return b.String()
}

// forgetRowCalls drops a closed statement's memos.
func (st *Stmt) forgetRowCalls() {
	for _, rc := range st.rowCalls {
		delete(st.s.rowCalls, rc.id)
	}
	st.rowCalls = nil
}
