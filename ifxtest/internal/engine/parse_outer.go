package engine

// Informix's own outer join: "FROM a, OUTER b WHERE a.x = b.x" keeps every
// row of the dominant tables (a) and NULLs for b where no row of b
// matches. The Guide to SQL: Syntax describes it beside the ANSI form; IBM
// JDBC's getColumns query uses it over sysdefaults. The parser turns it into
// the ANSI form: the comma list becomes a chain of joins and each OUTER
// table a LEFT JOIN whose ON clause takes the WHERE conjuncts that name it,
// filters on it included (they restrict the subservient table, not the
// result). A conjunct that names it only through an unqualified column stays
// in WHERE (GAP: nested OUTER (b, OUTER c) is -999 as before).

// fromListItem parses one element of a FROM comma list; outer reports an
// OUTER table.
func (p *parser) fromListItem() (f fromItem, outer bool, err error) {
	if !p.isKw("outer") {
		f, err = p.fromItem()
		return f, false, err
	}
	t := p.next()
	if p.isOp("(") {
		e := newErr(-999, 0, "")
		e.Offset = charOffset(p.src, t.pos)
		e.Message += " (nested Informix OUTER join)"
		return nil, false, e
	}
	f, err = p.tableFactor()
	return f, true, err
}

// foldOuter rewrites c's FROM list and WHERE clause for its OUTER tables.
// A FROM list of OUTER tables alone has no dominant table: -201.
func (c *selectCore) foldOuter(outers []fromItem) error {
	if len(c.from) == 0 {
		return newErr(-201, 0, "")
	}
	conjs := splitAnd(c.where)
	on := make([][]expr, len(outers))
	var keep []expr
	for _, x := range conjs {
		quals := map[string]bool{}
		exprQualifiers(x, quals)
		last := -1
		for i, o := range outers {
			if quals[fromName(o)] {
				last = i
			}
		}
		if last < 0 {
			keep = append(keep, x)
		} else {
			on[last] = append(on[last], x)
		}
	}
	left := c.from[0]
	for _, f := range c.from[1:] {
		left = &joinSrc{kind: "cross", left: left, right: f}
	}
	for i, o := range outers {
		cond := joinAnd(on[i])
		if cond == nil {
			cond = &binExpr{p: o.fromPos(), op: "=", l: &numLit{p: o.fromPos(), text: "1"}, r: &numLit{p: o.fromPos(), text: "1"}}
		}
		left = &joinSrc{kind: "left", left: left, right: o, on: cond}
	}
	c.from = []fromItem{left}
	c.where = joinAnd(keep)
	return nil
}

func splitAnd(e expr) []expr {
	if b, ok := e.(*binExpr); ok && b.op == "and" {
		return append(splitAnd(b.l), splitAnd(b.r)...)
	}
	if e == nil {
		return nil
	}
	return []expr{e}
}

func joinAnd(xs []expr) expr {
	var out expr
	for _, x := range xs {
		if out == nil {
			out = x
		} else {
			out = &binExpr{p: x.pos(), op: "and", l: out, r: x}
		}
	}
	return out
}

// fromName is the name a FROM item's columns are qualified with.
func fromName(f fromItem) string {
	switch x := f.(type) {
	case *tableSrc:
		if x.alias != "" {
			return x.alias
		}
		return x.tn.name
	case *subSrc:
		return x.alias
	}
	return ""
}

// exprQualifiers adds the table qualifiers of e's column references
// (outside subqueries) to into.
func exprQualifiers(e expr, into map[string]bool) {
	walk := func(xs ...expr) {
		for _, x := range xs {
			if x != nil {
				exprQualifiers(x, into)
			}
		}
	}
	switch x := e.(type) {
	case *colRef:
		if len(x.parts) >= 2 {
			into[x.parts[len(x.parts)-2]] = true
		}
	case *unaryExpr:
		walk(x.x)
	case *binExpr:
		walk(x.l, x.r)
	case *isNullExpr:
		walk(x.x)
	case *betweenExpr:
		walk(x.x, x.lo, x.hi)
	case *inExpr:
		walk(x.x)
		walk(x.list...)
	case *likeExpr:
		walk(x.x, x.pat, x.esc)
	case *caseExpr:
		walk(x.operand, x.els)
		walk(x.whens...)
		walk(x.thens...)
	case *funcExpr:
		walk(x.args...)
	case *castExpr:
		walk(x.x)
	case *unitsExpr:
		walk(x.x)
	case *substrExpr:
		walk(x.x)
	}
}
