package engine

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// argKind tells where the value of one SQLite parameter comes from.
type argKind int

const (
	argUser      argKind = iota // a client '?' marker
	argToday                    // TODAY, evaluated once per execution
	argCurrent                  // CURRENT <qualifier>
	argUserName                 // USER
	argDBName                   // DBINFO('dbname')
	argSqlerrd1                 // DBINFO('sqlca.sqlerrd1')
	argSqlerrd2                 // DBINFO('sqlca.sqlerrd2')
	argSerial8                  // DBINFO('serial8')
	argBigserial                // DBINFO('bigserial')
	argSessionID                // DBINFO('sessionid') and the ifx_serial session key
	argUTC                      // DBINFO('utc_current')
	argServer                   // DBSERVERNAME, SITENAME
)

const (
	convStorage = iota
	convLike
	convMatches
)

type argSrc struct {
	kind argKind
	idx  int     // argUser: index of the client parameter
	t    ifxType // argCurrent: qualifier
	conv int
	esc  rune

	// call is a user function evaluated when the statement is bound
	// (spl_inline.go).
	call *splInline
}

type srcCol struct {
	name string
	t    ifxType
}

type source struct {
	name  string // name visible to column qualifiers
	alias string // name emitted to SQLite
	cols  []srcCol
}

type scope struct {
	parent *scope
	srcs   []*source
	ctes   map[string][]srcCol
}

type translator struct {
	s        *Session
	ctx      context.Context
	src      string
	args     []argSrc
	ptypes   []*ifxType
	deferred error
	view     bool
	nsub     int
	deps     []tableDep // the tables the statement reads or writes
	// spl resolves an SPL variable of the routine running the statement
	// to its parameter (spl_exec.go); variables hide columns of the same
	// unqualified name, as IDS documents.
	spl func(name string) (int, ifxType, bool)
	// rowCore is the SELECT core being translated and rowCalls the
	// statement's per-row user function calls (spl_rowcall.go).
	rowCore  *rowCallCore
	rowCalls []*rowCall
	// post follows the conversions of a SELECT's result columns that
	// the cursor may apply (select_post.go); nil for other statements.
	post *postState
}

// tableDep is a table a prepared statement was translated against.
type tableDep struct {
	tn tableName
	ti *tableInfo
}

// lookupTable is Session.lookupTable noting the table as a dependency.
func (t *translator) lookupTable(tn tableName) (*tableInfo, error) {
	ti, err := t.s.lookupTable(t.ctx, tn)
	if err == nil {
		t.deps = append(t.deps, tableDep{tn, ti})
	}
	return ti, err
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteStr(s string) string   { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// sqlLiteral renders a storage value as SQLite literal text.
func sqlLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		s := strconv.FormatFloat(x, 'g', 17, 64)
		if !strings.ContainsAny(s, ".eEnI") {
			s += ".0"
		}
		return s
	case string:
		return quoteStr(x)
	case []byte:
		return fmt.Sprintf("X'%x'", x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return "NULL"
}

func (t *translator) errAt(code, isam int, near string, pos int) error {
	e := newErr(code, isam, near)
	e.Offset = charOffset(t.src, pos)
	return e
}

// deferErr records a conversion error that Informix reports at execution.
func (t *translator) deferErr(err error) {
	if t.deferred == nil {
		t.deferred = err
	}
}

func (t *translator) addArg(a argSrc) string {
	t.args = append(t.args, a)
	return "?" + strconv.Itoa(len(t.args))
}

func (t *translator) sessArg(k argKind) string { return t.addArg(argSrc{kind: k}) }

func (t *translator) setPType(idx int, ty ifxType) {
	for len(t.ptypes) <= idx {
		t.ptypes = append(t.ptypes, nil)
	}
	if t.ptypes[idx] == nil {
		c := ty
		t.ptypes[idx] = &c
	}
}

// ---------- SELECT ----------

func (t *translator) selectSQL(sel *selectStmt, outer *scope, forceAlias bool) (string, []srcCol, error) {
	var b strings.Builder
	sc := outer
	if len(sel.with) > 0 {
		sc = &scope{parent: outer, ctes: map[string][]srcCol{}}
		b.WriteString("WITH RECURSIVE ")
		for i, c := range sel.with {
			// type the CTE from its first SELECT, so recursive references resolve
			nargs, nps := len(t.args), append([]*ifxType(nil), t.ptypes...)
			_, acols, _, err := t.coreSQL(c.sel.core, sc, false)
			t.args, t.ptypes = t.args[:nargs], nps
			if err != nil {
				return "", nil, err
			}
			cols := make([]srcCol, len(acols))
			for k, ac := range acols {
				cols[k] = srcCol{name: ac.name, t: ac.t.nullable()}
				if k < len(c.cols) {
					cols[k].name = c.cols[k]
				}
			}
			if len(c.cols) > 0 && len(c.cols) != len(acols) {
				return "", nil, t.errAt(-201, 0, "", c.sel.p)
			}
			sc.ctes[c.name] = cols
			body, _, err := t.selectSQL(c.sel, sc, false)
			if err != nil {
				return "", nil, err
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteIdent(c.name) + "(")
			for k, col := range cols {
				if k > 0 {
					b.WriteString(", ")
				}
				b.WriteString(quoteIdent(col.name))
			}
			b.WriteString(") AS (" + body + ")")
		}
		b.WriteString(" ")
	}
	coreSQL, cols, csc, err := t.coreSQL(sel.core, sc, forceAlias)
	if err != nil {
		return "", nil, err
	}
	b.WriteString(coreSQL)
	if len(sel.setOps) > 0 {
		if err := t.loSetOp(cols, sel.setOps); err != nil {
			return "", nil, err
		}
	}
	for _, op := range sel.setOps {
		s2, cols2, _, err := t.coreSQL(op.core, sc, forceAlias)
		if err != nil {
			return "", nil, err
		}
		if len(cols2) != len(cols) {
			return "", nil, t.errAt(-201, 0, "", op.core.p)
		}
		for i := range cols {
			cols[i].t = cols[i].t.nullable()
		}
		b.WriteString(" " + strings.ToUpper(op.op) + " " + s2)
	}
	if len(sel.orderBy) > 0 {
		b.WriteString(" ORDER BY ")
		for i, o := range sel.orderBy {
			if i > 0 {
				b.WriteString(", ")
			}
			s, err := t.orderTerm(o.e, cols, csc, len(sel.setOps) > 0)
			if err != nil {
				return "", nil, err
			}
			b.WriteString(s)
			if o.desc {
				b.WriteString(" DESC")
			}
			if o.nulls != "" {
				b.WriteString(" NULLS " + strings.ToUpper(o.nulls))
			}
		}
	}
	limit, offset := sel.limit, sel.offset
	if sel.core.first != nil {
		limit = sel.core.first
	}
	if sel.core.skip != nil {
		offset = sel.core.skip
	}
	if limit != nil || offset != nil {
		b.WriteString(" LIMIT ")
		if limit != nil {
			s, err := t.intArg(limit, sc)
			if err != nil {
				return "", nil, err
			}
			b.WriteString(s)
		} else {
			b.WriteString("-1")
		}
		if offset != nil {
			s, err := t.intArg(offset, sc)
			if err != nil {
				return "", nil, err
			}
			b.WriteString(" OFFSET " + s)
		}
	}
	return b.String(), cols, nil
}

func (t *translator) intArg(e expr, sc *scope) (string, error) {
	it := tInteger()
	s, _, err := t.expr(e, sc, &it)
	return s, err
}

func (t *translator) orderTerm(e expr, cols []srcCol, sc *scope, compound bool) (string, error) {
	if n, ok := e.(*numLit); ok {
		k, err := strconv.Atoi(n.text)
		if err != nil || k < 1 || k > len(cols) {
			return "", t.errAt(-201, 0, "", n.p)
		}
		if err := t.loClause(cols[k-1].t, -614, n.p); err != nil {
			return "", err
		}
		return n.text, nil
	}
	if c, ok := e.(*colRef); ok && len(c.parts) == 1 {
		for _, col := range cols {
			if col.name == c.parts[0] {
				if err := t.loClause(col.t, -614, c.p); err != nil {
					return "", err
				}
				if compound {
					return quoteIdent(col.name), nil
				}
				if _, _, err := t.resolve(c, sc); err != nil {
					return quoteIdent(col.name), nil
				}
			}
		}
	}
	if compound {
		return "", t.errAt(-201, 0, "", e.pos())
	}
	s, ty, err := t.expr(e, sc, nil)
	if err == nil {
		err = t.loClause(ty, -614, e.pos())
	}
	return s, err
}

func (t *translator) coreSQL(c *selectCore, outer *scope, forceAlias bool) (string, []srcCol, *scope, error) {
	sc := &scope{parent: outer}
	var from strings.Builder
	for i, f := range c.from {
		s, err := t.fromSQL(f, sc)
		if err != nil {
			return "", nil, nil, err
		}
		if i > 0 {
			from.WriteString(", ")
		}
		from.WriteString(s)
	}
	prevCore := t.rowCore
	core := &rowCallCore{sc: sc, from: from.String(), t: t}
	t.rowCore = core
	defer func() { t.rowCore = prevCore }()
	post := t.post
	if post != nil && post.core == c {
		post.sc = sc
	} else {
		post = nil
	}
	var cols []srcCol
	var items []string
	var cands []*hoistCand
	emit := func(sqlText string, col srcCol) {
		items = append(items, sqlText)
		cands = append(cands, nil)
		cols = append(cols, col)
	}
	for _, it := range c.items {
		if it.star {
			found := false
			for _, src := range sc.srcs {
				if it.qual != "" && src.name != it.qual {
					continue
				}
				found = true
				for _, col := range src.cols {
					emit(quoteIdent(src.alias)+"."+quoteIdent(col.name), col)
				}
			}
			if !found {
				if it.qual != "" {
					return "", nil, nil, newErr(-206, -111, it.qual)
				}
				return "", nil, nil, t.errAt(-201, 0, "", c.p)
			}
			continue
		}
		if p, ok := it.e.(*paramRef); ok {
			// IDS cannot type a bare marker in the select list and
			// refuses it as a syntax error; ?::INT works (docs/PROTOCOL.md).
			return "", nil, nil, t.errAt(-201, 0, "", p.p)
		}
		var refs0 int
		if post != nil {
			refs0, post.last = post.refs, nil
		}
		s, ty, err := t.expr(it.e, sc, nil)
		if err != nil {
			return "", nil, nil, err
		}
		name := it.alias
		if name == "" {
			name = label(it.e)
		}
		if c.distinct {
			if err := t.loClause(ty, -613, it.e.pos()); err != nil {
				return "", nil, nil, err
			}
		}
		emit(s, srcCol{name: name, t: ty})
		if post != nil && post.last != nil && post.last.sql == s && post.refs > refs0 {
			cands[len(cands)-1] = post.last
		}
	}
	if post != nil {
		post.hoistItems(items, cands)
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	if c.distinct {
		b.WriteString("DISTINCT ")
	}
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		alias := cols[i].name
		if forceAlias {
			alias = "_c" + strconv.Itoa(i+1)
		}
		b.WriteString(it + " AS " + quoteIdent(alias))
	}
	if len(c.from) > 0 {
		b.WriteString(" FROM " + from.String())
	}
	var whereTerms []whereTerm
	if c.where != nil {
		core.inWhere = true
		s, terms, err := t.whereSQL(c.where, sc)
		core.inWhere = false
		if err != nil {
			return "", nil, nil, err
		}
		b.WriteString(" WHERE " + s)
		whereTerms = terms
	}
	core.finish(whereTerms)
	if len(c.groupBy) > 0 {
		b.WriteString(" GROUP BY ")
		for i, g := range c.groupBy {
			if i > 0 {
				b.WriteString(", ")
			}
			if nl, ok := g.(*numLit); ok {
				b.WriteString(nl.text)
				continue
			}
			s, ty, err := t.expr(g, sc, nil)
			if err == nil {
				err = t.loClause(ty, -612, g.pos())
			}
			if err != nil {
				return "", nil, nil, err
			}
			b.WriteString(s)
		}
	}
	if c.having != nil {
		s, _, err := t.expr(c.having, sc, nil)
		if err != nil {
			return "", nil, nil, err
		}
		b.WriteString(" HAVING " + s)
	}
	return b.String(), cols, sc, nil
}

// label is the Informix column label of an unnamed select-list expression.
func label(e expr) string {
	switch x := e.(type) {
	case *colRef:
		return x.parts[len(x.parts)-1]
	case *numLit, *strLit, *nullLit, *boolLit, *dtLitExpr:
		return "(constant)"
	case *kwExpr:
		if x.kw == "current" {
			return "(current)"
		}
		return "(" + x.kw + ")"
	case *funcExpr:
		switch x.name {
		case "count":
			if x.star {
				return "(count(*))"
			}
			return "(count)"
		case "sum", "avg", "min", "max":
			return "(" + x.name + ")"
		}
	}
	return "(expression)"
}

func (t *translator) fromSQL(f fromItem, sc *scope) (string, error) {
	switch x := f.(type) {
	case *tableSrc:
		name := x.alias
		if name == "" {
			name = x.tn.name
		}
		if x.tn.db == "" && x.tn.owner == "" {
			for s := sc; s != nil; s = s.parent {
				if cols, ok := s.ctes[x.tn.name]; ok {
					sc.srcs = append(sc.srcs, &source{name: name, alias: name, cols: cols})
					return quoteIdent(x.tn.name) + " AS " + quoteIdent(name), nil
				}
			}
		}
		ti, err := t.lookupTable(x.tn)
		if err != nil {
			return "", t.withPos(err, x.tn.p)
		}
		if t.view && ti.temp {
			return "", t.errAt(-999, 0, "", x.tn.p)
		}
		src := &source{name: name, alias: name}
		for _, c := range ti.cols {
			src.cols = append(src.cols, srcCol{name: c.name, t: c.t})
		}
		sc.srcs = append(sc.srcs, src)
		return ti.sqlName() + " AS " + quoteIdent(name), nil
	case *subSrc:
		inner, cols, err := t.selectSQL(x.sel, nil, len(x.cols) > 0)
		if err != nil {
			return "", err
		}
		alias := x.alias
		if alias == "" {
			t.nsub++
			alias = "_sub" + strconv.Itoa(t.nsub)
		}
		if len(x.cols) > 0 {
			if len(x.cols) != len(cols) {
				return "", t.errAt(-201, 0, "", x.p)
			}
			var w strings.Builder
			w.WriteString("SELECT ")
			for i := range cols {
				if i > 0 {
					w.WriteString(", ")
				}
				w.WriteString(quoteIdent("_c"+strconv.Itoa(i+1)) + " AS " + quoteIdent(x.cols[i]))
				cols[i].name = x.cols[i]
			}
			inner = w.String() + " FROM (" + inner + ")"
		}
		sc.srcs = append(sc.srcs, &source{name: alias, alias: alias, cols: cols})
		return "(" + inner + ") AS " + quoteIdent(alias), nil
	case *collSrc:
		return t.collSrcSQL(x, sc)
	case *genSrc:
		n, _, err := t.intArgScope(x.n)
		if err != nil {
			return "", err
		}
		alias := x.alias
		if alias == "" {
			alias = "ifx_generate"
		}
		col := "value"
		if len(x.cols) > 0 {
			col = x.cols[0]
		}
		sc.srcs = append(sc.srcs, &source{name: alias, alias: alias, cols: []srcCol{{name: col, t: tInteger()}}})
		// OFFSET 0 keeps SQLite from flattening the subquery (generate.go).
		return "(SELECT value AS " + quoteIdent(col) + " FROM " + genTable + " WHERE n = (" + n + ") LIMIT -1 OFFSET 0) AS " + quoteIdent(alias), nil
	case *joinSrc:
		l, err := t.fromSQL(x.left, sc)
		if err != nil {
			return "", err
		}
		r, err := t.fromSQL(x.right, sc)
		if err != nil {
			return "", err
		}
		kw := map[string]string{"inner": " JOIN ", "left": " LEFT JOIN ", "right": " RIGHT JOIN ", "full": " FULL JOIN ", "cross": " CROSS JOIN "}[x.kind]
		s := l + kw + r
		if x.on != nil {
			on, _, err := t.expr(x.on, sc, nil)
			if err != nil {
				return "", err
			}
			s += " ON " + on
		} else if len(x.using) > 0 {
			q := make([]string, len(x.using))
			for i, u := range x.using {
				q[i] = quoteIdent(u)
			}
			s += " USING (" + strings.Join(q, ", ") + ")"
		}
		return "(" + s + ")", nil
	}
	return "", newErr(-201, 0, "")
}

func (t *translator) intArgScope(e expr) (string, ifxType, error) {
	it := tInteger()
	return t.expr(e, nil, &it)
}

// withPos adds an offset to an *Error that has none.
func (t *translator) withPos(err error, pos int) error {
	if e, ok := err.(*Error); ok && e.Offset == 0 {
		c := *e
		c.Offset = charOffset(t.src, pos)
		return &c
	}
	return err
}

// resolve finds the column a reference names.
func (t *translator) resolve(c *colRef, sc *scope) (string, ifxType, error) {
	parts := c.parts
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	name := parts[len(parts)-1]
	if t.spl != nil && len(parts) <= 2 {
		// A trigger's correlated column (corr.column) is a parameter of
		// the routine its FOR EACH ROW actions run as (trigger_fire.go).
		v := strings.Join(parts, ".")
		if idx, ty, ok := t.spl(v); ok {
			t.setPType(idx, ty)
			return t.addArg(argSrc{kind: argUser, idx: idx}), ty, nil
		}
	}
	for s := sc; s != nil; s = s.parent {
		var hit *source
		var hitCol srcCol
		n := 0
		for _, src := range s.srcs {
			if len(parts) == 2 && src.name != parts[0] {
				continue
			}
			for _, col := range src.cols {
				if col.name == name {
					if n == 0 {
						hit, hitCol = src, col
					}
					n++
					break
				}
			}
			if len(parts) == 2 && n == 0 && name == "rowid" {
				return quoteIdent(src.alias) + ".rowid", tInteger(), nil
			}
		}
		if n > 1 {
			return "", ifxType{}, t.errAt(-324, 0, name, c.p)
		}
		if n == 1 {
			if t.post != nil && s == t.post.sc {
				t.post.refs++
			}
			return quoteIdent(hit.alias) + "." + quoteIdent(hitCol.name), hitCol.t, nil
		}
	}
	if name == "rowid" && len(parts) == 1 && sc != nil && len(sc.srcs) > 0 {
		return quoteIdent(sc.srcs[0].alias) + ".rowid", tInteger(), nil
	}
	if s, ty, ok := t.rowFieldRef(c, sc); ok {
		return s, ty, nil
	}
	near := name
	if len(parts) == 2 {
		near = parts[0] + "." + name
	}
	return "", ifxType{}, t.errAt(-217, 0, near, c.p)
}

func isLiteralish(e expr) bool {
	switch e.(type) {
	case *paramRef, *strLit, *numLit, *nullLit:
		return true
	}
	return false
}

var tUnknownParam = ifxType{code: TypeChar}

// expr translates an expression; hint is the type the context expects (used
// to type '?' markers and to convert literals to the storage form).
func (t *translator) expr(e expr, sc *scope, hint *ifxType) (string, ifxType, error) {
	switch x := e.(type) {
	case *numLit:
		return t.numLiteral(x, hint)
	case *strLit:
		if hint != nil && !hint.isChar() && hint.code != TypeNull {
			v, err := t.s.toStorage(x.val, *hint)
			if err != nil {
				t.deferErr(t.withPos(err, x.p))
				return "NULL", hint.nullable(), nil
			}
			return sqlLiteral(v), hint.nullable().unserial(), nil
		}
		n := len(x.val)
		if n == 0 {
			n = 1
		}
		return quoteStr(x.val), tChar(n), nil
	case *nullLit:
		if hint != nil {
			return "NULL", hint.nullable(), nil
		}
		return "NULL", tChar(1), nil
	case *boolLit:
		if x.val {
			return "1", tBool(), nil
		}
		return "0", tBool(), nil
	case *paramRef:
		ty := tUnknownParam
		if hint != nil && hint.code != TypeNull {
			ty = *hint
		}
		t.setPType(x.idx, ty)
		return t.addArg(argSrc{kind: argUser, idx: x.idx}), ty, nil
	case *colRef:
		return t.resolve(x, sc)
	case *unaryExpr:
		if x.op == "not" {
			s, _, err := t.expr(x.x, sc, nil)
			return "(NOT " + s + ")", tBool(), err
		}
		s, ty, err := t.expr(x.x, sc, hint)
		if err != nil {
			return "", ty, err
		}
		if x.op == "-" {
			if ty.isChar() {
				ty = tDecimal(32, 0xff)
			}
			return "(-" + s + ")", ty.nullable().unserial(), nil
		}
		return s, ty, nil
	case *binExpr:
		return t.binary(x, sc, hint)
	case *isNullExpr:
		s, _, err := t.expr(x.x, sc, nil)
		op := " IS NULL)"
		if x.not {
			op = " IS NOT NULL)"
		}
		return "(" + s + op, tBool(), err
	case *betweenExpr:
		s, ty, err := t.expr(x.x, sc, nil)
		if err == nil {
			err = t.simpleLOOperand(ty, x.p)
		}
		if err != nil {
			return "", ty, err
		}
		lo, _, err := t.expr(x.lo, sc, &ty)
		if err != nil {
			return "", ty, err
		}
		hi, _, err := t.expr(x.hi, sc, &ty)
		if err != nil {
			return "", ty, err
		}
		not := ""
		if x.not {
			not = "NOT "
		}
		return "(" + s + " " + not + "BETWEEN " + lo + " AND " + hi + ")", tBool(), nil
	case *inCollExpr:
		return t.inCollSQL(x, sc)
	case *inExpr:
		s, ty, err := t.expr(x.x, sc, nil)
		if err == nil {
			err = t.simpleLOOperand(ty, x.p)
		}
		if err != nil {
			return "", ty, err
		}
		not := ""
		if x.not {
			not = "NOT "
		}
		if x.sub != nil {
			sub, _, err := t.selectSQL(x.sub, sc, false)
			if err != nil {
				return "", ty, err
			}
			return "(" + s + " " + not + "IN (" + sub + "))", tBool(), nil
		}
		items := make([]string, len(x.list))
		for i, it := range x.list {
			if items[i], _, err = t.expr(it, sc, &ty); err != nil {
				return "", ty, err
			}
		}
		return "(" + s + " " + not + "IN (" + strings.Join(items, ", ") + "))", tBool(), nil
	case *likeExpr:
		return t.like(x, sc)
	case *existsExpr:
		sub, _, err := t.selectSQL(x.sub, sc, false)
		if err != nil {
			return "", ifxType{}, err
		}
		not := ""
		if x.not {
			not = "NOT "
		}
		return "(" + not + "EXISTS (" + sub + "))", tBool(), nil
	case *subqExpr:
		sub, cols, err := t.selectSQL(x.sub, sc, false)
		if err != nil {
			return "", ifxType{}, err
		}
		return "(" + sub + ")", cols[0].t.nullable(), nil
	case *caseExpr:
		return t.caseSQL(x, sc, hint)
	case *funcExpr:
		return t.function(x, sc, hint)
	case *collLit:
		return t.collLitSQL(x, sc, hint)
	case *rowLit:
		return t.rowLitSQL(x, sc, hint)
	case *castExpr:
		return t.cast(x, sc)
	case *dtLitExpr:
		if x.t.code == TypeInterval {
			n, err := parseInterval(x.text, x.t.qualStart(), x.t.qualEnd())
			if err == nil {
				err = checkIntervalLead(n, x.t)
			}
			if err != nil {
				return "", x.t, t.withPos(err, x.p)
			}
			return strconv.FormatInt(n, 10), x.t, nil
		}
		v, err := toStorage(DateTime(x.text), x.t)
		if err != nil {
			return "", x.t, t.withPos(err, x.p)
		}
		return sqlLiteral(v), x.t, nil
	case *kwExpr:
		switch x.kw {
		case "today":
			if t.view {
				return "ifx_today()", tDate(), nil
			}
			return t.sessArg(argToday), tDate(), nil
		case "current":
			if t.view {
				return "ifx_current(" + strconv.FormatInt(specOf(x.t), 10) + ")", x.t, nil
			}
			return t.addArg(argSrc{kind: argCurrent, t: x.t}), x.t, nil
		case "user":
			if t.view {
				return "", ifxType{}, t.errAt(-999, 0, "", x.p)
			}
			return t.sessArg(argUserName), tVarchar(32), nil
		case "dbservername":
			if t.view {
				return "", ifxType{}, t.errAt(-999, 0, "", x.p)
			}
			return t.sessArg(argServer), tVarchar(128), nil
		}
	case *unitsExpr:
		s, _, err := t.expr(x.x, sc, nil)
		if err != nil {
			return "", ifxType{}, err
		}
		f := x.field
		if f > QSecond {
			f = 15
		}
		lead := 9
		ty := tInterval(f, f, lead)
		if f > QSecond {
			ty = tInterval(QFraction, 15, 1)
		}
		return "CAST(round((" + s + ") * " + strconv.FormatInt(ivUnit[qIdx(f)], 10) + ") AS INTEGER)", ty, nil
	case *substrExpr:
		return t.substring(x, sc)
	}
	return "", ifxType{}, t.errAt(-201, 0, "", e.pos())
}

func (t *translator) numLiteral(x *numLit, hint *ifxType) (string, ifxType, error) {
	txt := x.text
	if hint != nil && hint.code == TypeInterval {
		return txt, *hint, nil
	}
	if !strings.ContainsAny(txt, ".eE") {
		n, err := strconv.ParseInt(txt, 10, 64)
		if err == nil {
			if n >= -2147483647 && n <= 2147483647 {
				return txt, tInteger(), nil
			}
			return txt, tBigint(), nil
		}
		d, _ := parseDec(txt)
		p := len(d.digits)
		if p > 32 {
			p = 32
		}
		return quoteStr(d.format(-1)), tDecimal(p, 0), nil
	}
	if strings.ContainsAny(txt, "eE") {
		return txt, tFloat(), nil
	}
	d, ok := parseDec(txt)
	if !ok {
		return "", ifxType{}, t.errAt(-201, 0, "", x.p)
	}
	p, s := len(d.digits), -d.exp
	if s < 0 {
		s = 0
	}
	if p < s {
		p = s
	}
	if p > 32 {
		p = 32
	}
	if p == 0 {
		p = 1
	}
	return sqlLiteral(decStorage(d)), tDecimal(p, s), nil
}

func (t *translator) binary(x *binExpr, sc *scope, hint *ifxType) (string, ifxType, error) {
	var ls, rs string
	var lt, rt ifxType
	var err error
	hintFor := func(other ifxType) *ifxType {
		switch x.op {
		case "and", "or":
			return nil
		case "+", "-":
			if other.code == TypeDate {
				h := tInteger()
				return &h
			}
			if other.code == TypeDatetime {
				return nil
			}
		case "||":
			return nil
		}
		return &other
	}
	if isLiteralish(x.l) && !isLiteralish(x.r) {
		if rs, rt, err = t.expr(x.r, sc, nil); err != nil {
			return "", rt, err
		}
		if ls, lt, err = t.expr(x.l, sc, hintFor(rt)); err != nil {
			return "", lt, err
		}
	} else {
		var lh *ifxType
		if isLiteralish(x.l) && isLiteralish(x.r) && hint != nil && x.op != "||" {
			lh = hint
		}
		if ls, lt, err = t.expr(x.l, sc, lh); err != nil {
			return "", lt, err
		}
		if rs, rt, err = t.expr(x.r, sc, hintFor(lt)); err != nil {
			return "", rt, err
		}
	}
	switch x.op {
	case "and", "or":
		return "(" + ls + " " + strings.ToUpper(x.op) + " " + rs + ")", tBool(), nil
	case "=", "<>", "<", ">", "<=", ">=":
		if err := t.loOperator(x.op, lt, rt, x.p); err != nil {
			return "", ifxType{}, err
		}
		return "(" + ls + " " + x.op + " " + rs + ")", tBool(), nil
	}
	if err := t.loOperator(x.op, lt, rt, x.p); err != nil {
		return "", ifxType{}, err
	}
	switch x.op {
	case "||":
		n := lt.maxChars() + rt.maxChars()
		if lt.maxChars() == 0 || rt.maxChars() == 0 {
			n += 32
		}
		ty := tVarchar(n)
		if n > 255 {
			ty = tLvarchar(n)
		}
		return "(" + ls + " || " + rs + ")", ty, nil
	}
	return t.arith(x, ls, rs, lt, rt)
}

func (t *translator) arith(x *binExpr, ls, rs string, lt, rt ifxType) (string, ifxType, error) {
	lt, rt = lt.nullable().unserial(), rt.nullable().unserial()
	op := x.op
	switch {
	case lt.code == TypeDate && rt.code == TypeDate && op == "-":
		return "(" + ls + " - " + rs + ")", tInteger(), nil
	case lt.code == TypeDate && rt.isNumeric() && (op == "+" || op == "-"):
		return "CAST(" + ls + " " + op + " " + rs + " AS INTEGER)", tDate(), nil
	case rt.code == TypeDate && lt.isNumeric() && op == "+":
		return "CAST(" + ls + " + " + rs + " AS INTEGER)", tDate(), nil
	case (lt.code == TypeDatetime || lt.code == TypeDate) && rt.code == TypeInterval && (op == "+" || op == "-"):
		dt := lt
		if lt.code == TypeDate {
			end := QDay
			if rt.qualEnd() > end {
				end = rt.qualEnd()
			}
			dt = tDatetime(QYear, end)
			ls = fmt.Sprintf("ifx_cast(%s, %d, %d)", ls, specOf(lt), specOf(dt))
		}
		if op == "-" {
			rs = "(-" + rs + ")"
		}
		call := fmt.Sprintf("ifx_dtadd(%s, %s, %d, %d)", ls, rs, specOf(dt), specOf(rt))
		if lt.code == TypeDatetime {
			t.noteDTAdd(call, ls, rs, dt, rt)
		}
		return call, dt, nil
	case lt.code == TypeInterval && (rt.code == TypeDatetime || rt.code == TypeDate) && op == "+":
		return t.arith(&binExpr{p: x.p, op: "+", l: x.r, r: x.l}, rs, ls, rt, lt)
	case lt.code == TypeDatetime && rt.code == TypeDatetime && op == "-":
		end := lt.qualEnd()
		if rt.qualEnd() > end {
			end = rt.qualEnd()
		}
		if end < QDay {
			end = QDay
		}
		iv := tInterval(QDay, end, 9)
		return fmt.Sprintf("ifx_dtsub(%s, %s, %d, %d, %d)", ls, rs, specOf(lt), specOf(rt), specOf(iv)), iv, nil
	case lt.code == TypeInterval && rt.code == TypeInterval && (op == "+" || op == "-"):
		return "(" + ls + " " + op + " " + rs + ")", lt, nil
	case lt.code == TypeInterval && rt.isNumeric() && (op == "*" || op == "/"):
		if op == "/" {
			rs = "ifx_div(1, " + rs + ")"
		}
		return "CAST(round(" + ls + " * " + rs + ") AS INTEGER)", lt, nil
	case rt.code == TypeInterval && lt.isNumeric() && op == "*":
		return "CAST(round(" + ls + " * " + rs + ") AS INTEGER)", rt, nil
	}
	if !(lt.isNumeric() || lt.isChar() || lt.code == TypeNull) || !(rt.isNumeric() || rt.isChar() || rt.code == TypeNull) {
		return "", ifxType{}, t.errAt(-1260, 0, "", x.p)
	}
	var ty ifxType
	switch {
	case lt.isFloat() || rt.isFloat():
		ty = tFloat()
	case lt.isInt() && rt.isInt():
		ty = tInteger()
		if lt.code == TypeBigint || rt.code == TypeBigint {
			ty = tBigint()
		} else if lt.code == TypeInt8 || rt.code == TypeInt8 {
			ty = tInt8()
		}
		if op == "/" {
			ty = tDecimal(32, 0xff)
		}
	default:
		ls1, rs1 := decScaleOf(lt), decScaleOf(rt)
		ty = tDecimal(32, 0xff)
		if ls1 >= 0 && rs1 >= 0 {
			switch op {
			case "+", "-":
				ty = tDecimal(32, max(ls1, rs1))
			case "*":
				ty = tDecimal(32, min(ls1+rs1, 32))
			}
		}
		if lt.code == TypeMoney || rt.code == TypeMoney {
			if ty.decScale() != 0xff {
				ty.code = TypeMoney
			}
		}
	}
	if op == "/" {
		if _, lit := x.r.(*numLit); lit && (lt.isInt() || lt.isFloat()) && (rt.isInt() || rt.isFloat()) {
			// A non-zero numeric literal divisor cannot fail: SQLite's own
			// floating-point division then computes what ifx_div would
			// (float64(a) / float64(b)), without calling back into Go.
			if d, err := strconv.ParseFloat(rs, 64); err == nil && d != 0 && !math.IsInf(d, 0) {
				return "(CAST(" + ls + " AS REAL) / " + rs + ")", ty, nil
			}
		}
		return "ifx_div(" + ls + ", " + rs + ")", ty, nil
	}
	if ty.isInt() {
		return "(" + ls + " " + op + " " + rs + ")", ty, nil
	}
	return "(" + ls + " " + op + " " + rs + ")", ty, nil
}

// decScaleOf returns the fixed scale of a numeric type (0 for integers), or -1.
func decScaleOf(t ifxType) int {
	switch {
	case t.isInt():
		return 0
	case t.isDecimal() && t.decScale() != 0xff:
		return t.decScale()
	}
	return -1
}

func (t *translator) caseSQL(x *caseExpr, sc *scope, hint *ifxType) (string, ifxType, error) {
	var b strings.Builder
	b.WriteString("(CASE")
	var opT *ifxType
	if x.operand != nil {
		s, ty, err := t.expr(x.operand, sc, nil)
		if err != nil {
			return "", ty, err
		}
		opT = &ty
		b.WriteString(" " + s)
	}
	// result type: first THEN that is not a bare literal, else the first THEN
	var rt *ifxType
	for _, th := range append(append([]expr(nil), x.thens...), x.els) {
		if th == nil || isLiteralish(th) {
			continue
		}
		nargs, nps := len(t.args), append([]*ifxType(nil), t.ptypes...)
		_, ty, err := t.expr(th, sc, nil)
		t.args, t.ptypes = t.args[:nargs], nps
		if err == nil {
			rt = &ty
			break
		}
	}
	if rt == nil {
		rt = hint
	}
	var result ifxType
	for i := range x.whens {
		w, _, err := t.expr(x.whens[i], sc, opT)
		if err != nil {
			return "", result, err
		}
		th, ty, err := t.expr(x.thens[i], sc, rt)
		if err != nil {
			return "", result, err
		}
		if i == 0 {
			result = ty
		}
		if rt != nil && i == 0 {
			result = *rt
		}
		b.WriteString(" WHEN " + w + " THEN " + th)
	}
	if x.els != nil {
		s, _, err := t.expr(x.els, sc, rt)
		if err != nil {
			return "", result, err
		}
		b.WriteString(" ELSE " + s)
	}
	b.WriteString(" END)")
	if result.isFixedChar() {
		// branches may have different lengths: report the longest
		for _, th := range x.thens {
			if sl, ok := th.(*strLit); ok && len(sl.val) > int(result.length) {
				result.length = int32(len(sl.val))
			}
		}
		if sl, ok := x.els.(*strLit); ok && len(sl.val) > int(result.length) {
			result.length = int32(len(sl.val))
		}
	}
	return b.String(), result.nullable(), nil
}

// specOf packs a type into an int64 for the Go SQL functions.
func specOf(t ifxType) int64 {
	return int64(t.code)<<40 | int64(t.xid)<<32 | int64(uint32(t.length))
}

func typeOfSpec(spec int64) ifxType {
	t := ifxType{code: int(spec >> 40), xid: int32(spec>>32) & 0xff, length: int32(uint32(spec))}
	switch {
	case t.code == TypeUDTFixed && t.xid == 5:
		t.xname = "boolean"
	case t.isLO():
		t.xname = map[int32]string{XIDBlob: "blob", XIDClob: "clob"}[t.xid]
	case t.code == TypeUDTVar && t.xid == 1:
		t.xname = "lvarchar"
	}
	return t
}

func sameStorage(a, b ifxType) bool {
	a, b = a.nullable(), b.nullable()
	if a == b {
		return true
	}
	if a.isInt() && b.isInt() {
		return true
	}
	if a.isChar() && b.isChar() && !b.isFixedChar() && (b.maxChars() >= a.maxChars() || b.code == TypeText) && a.maxChars() > 0 {
		return true
	}
	return false
}

func (t *translator) cast(x *castExpr, sc *scope) (string, ifxType, error) {
	to := x.t.nullable()
	switch lit := x.x.(type) {
	case *paramRef, *nullLit:
		return t.expr(lit, sc, &to)
	case *strLit:
		v, err := t.s.toStorage(lit.val, to)
		if err != nil {
			t.deferErr(t.withPos(err, lit.p))
			return "NULL", to, nil
		}
		return sqlLiteral(v), to, nil
	}
	s, from, err := t.expr(x.x, sc, nil)
	if err != nil {
		return "", to, err
	}
	if sameStorage(from, to) && !(to.isInt() && !from.isInt()) {
		return s, to, nil
	}
	return t.castCall(s, from, to), to, nil
}

// castCall converts s from one type to another at execution. A DATE
// becomes text in the session's DBDATE format, as in IDS.
func (t *translator) castCall(s string, from, to ifxType) string {
	if to.comp != nil {
		return "ifx_compcast(" + s + ", " + quoteStr(compText(to.nullable())) + ")"
	}
	if from.comp != nil && to.isChar() {
		return s // the stored text is the value's text form
	}
	if from.code == TypeDate && to.isChar() {
		return fmt.Sprintf("ifx_datetext(%s, %d, %d, '%s')", s, specOf(from), specOf(to), t.s.dbdate)
	}
	call := fmt.Sprintf("ifx_cast(%s, %d, %d)", s, specOf(from), specOf(to))
	t.noteCast(call, s, from, to)
	return call
}

// convertTo wraps an already translated expression so that its value is
// stored as type to.
func (t *translator) convertTo(s string, from, to ifxType) string {
	if sameStorage(from, to) && !(to.isInt() && !from.isInt()) {
		if to.isChar() && to.maxChars() > 0 && (from.maxChars() == 0 || from.maxChars() > to.maxChars()) {
			return t.castCall(s, from, to)
		}
		return s
	}
	return t.castCall(s, from, to)
}

func (t *translator) like(x *likeExpr, sc *scope) (string, ifxType, error) {
	s, xt, err := t.expr(x.x, sc, nil)
	if err != nil {
		return "", ifxType{}, err
	}
	if err := t.loLike(xt, x.matches, x.p); err != nil {
		return "", ifxType{}, err
	}
	esc := '\\'
	if x.esc != nil {
		sl, ok := x.esc.(*strLit)
		if !ok || len([]rune(sl.val)) > 1 {
			return "", ifxType{}, t.errAt(-201, 0, "", x.esc.pos())
		}
		esc = 0
		if r := []rune(sl.val); len(r) == 1 {
			esc = r[0]
		}
	}
	not := ""
	if x.not {
		not = "NOT "
	}
	switch pat := x.pat.(type) {
	case *strLit:
		var g string
		if x.matches {
			g = matchesToGlob(pat.val, esc)
		} else {
			g = likeToGlob(pat.val, esc)
		}
		return "(" + s + " " + not + "GLOB " + quoteStr(g) + ")", tBool(), nil
	case *paramRef:
		ct := tVarchar(255)
		t.setPType(pat.idx, ct)
		conv := convLike
		if x.matches {
			conv = convMatches
		}
		p := t.addArg(argSrc{kind: argUser, idx: pat.idx, conv: conv, esc: esc})
		return "(" + s + " " + not + "GLOB " + p + ")", tBool(), nil
	}
	ps, _, err := t.expr(x.pat, sc, nil)
	if err != nil {
		return "", ifxType{}, err
	}
	m := 0
	if x.matches {
		m = 1
	}
	return fmt.Sprintf("(%s(ifx_like(%s, %s, %s, %d) = 1))", not, s, ps, quoteStr(string(esc)), m), tBool(), nil
}

func globLit(r rune) string {
	switch r {
	case '*', '?', '[':
		return "[" + string(r) + "]"
	}
	return string(r)
}

// likeToGlob converts a LIKE pattern (% _ with escape) to a GLOB pattern.
func likeToGlob(p string, esc rune) string {
	var b strings.Builder
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case esc != 0 && r == esc && i+1 < len(rs):
			i++
			b.WriteString(globLit(rs[i]))
		case r == '%':
			b.WriteByte('*')
		case r == '_':
			b.WriteByte('?')
		default:
			b.WriteString(globLit(r))
		}
	}
	return b.String()
}

// matchesToGlob converts a MATCHES pattern (* ? [..] with escape) to GLOB.
func matchesToGlob(p string, esc rune) string {
	var b strings.Builder
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case esc != 0 && r == esc && i+1 < len(rs):
			i++
			b.WriteString(globLit(rs[i]))
		case r == '[':
			j := i + 1
			for j < len(rs) && rs[j] != ']' {
				j++
			}
			if j < len(rs) {
				b.WriteString(string(rs[i : j+1]))
				i = j
			} else {
				b.WriteString("[[]")
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
