package engine

import "strings"

// ---------- SELECT ----------

var clauseWords = map[string]bool{
	"from": true, "where": true, "group": true, "having": true, "order": true, "union": true,
	"into": true, "limit": true, "for": true, "intersect": true, "except": true, "minus": true,
	"on": true, "join": true, "inner": true, "left": true, "right": true, "full": true, "cross": true,
	"outer": true, "natural": true, "using": true, "offset": true, "with": true,
}

func (p *parser) selectStmt() (*selectStmt, error) {
	st := &selectStmt{p: p.peek().pos}
	if p.acceptKw("with") {
		p.acceptKw("recursive")
		for {
			name, err := p.ident()
			if err != nil {
				return nil, err
			}
			c := cteDef{name: name}
			if p.isOp("(") {
				if c.cols, err = p.identList(); err != nil {
					return nil, err
				}
			}
			if err := p.expectKw("as"); err != nil {
				return nil, err
			}
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			if c.sel, err = p.selectStmt(); err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			st.with = append(st.with, c)
			if !p.acceptOp(",") {
				break
			}
		}
	}
	core, err := p.selectCore()
	if err != nil {
		return nil, err
	}
	st.core = core
	for {
		var op string
		switch {
		case p.acceptKw("union", "all"):
			op = "union all"
		case p.acceptKw("union"):
			op = "union"
		case p.acceptKw("intersect"):
			op = "intersect"
		case p.acceptKw("except"), p.acceptKw("minus"):
			op = "except"
		}
		if op == "" {
			break
		}
		c, err := p.selectCore()
		if err != nil {
			return nil, err
		}
		st.setOps = append(st.setOps, setOp{op: op, core: c})
	}
	if p.acceptKw("order", "by") {
		for {
			at := p.peek()
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			if _, num := e.(*numLit); len(st.setOps) > 0 && !num {
				// A combined query orders by select-list position only
				// ("Restrictions on a Combined SELECT"); IBM names no
				// error code, -201 is our choice.
				return nil, p.errAt(at)
			}
			oi := orderItem{e: e}
			if p.acceptKw("desc") {
				oi.desc = true
			} else {
				p.acceptKw("asc")
			}
			if p.acceptKw("nulls") {
				if p.acceptKw("first") {
					oi.nulls = "first"
				} else if p.acceptKw("last") {
					oi.nulls = "last"
				} else {
					return nil, p.fail()
				}
			}
			st.orderBy = append(st.orderBy, oi)
			if !p.acceptOp(",") {
				break
			}
		}
	}
	if p.isKw("limit") {
		// IDS has LIMIT n after ORDER BY as another spelling of the
		// Projection clause's FIRST n, so one statement holds at most one
		// of them; SKIP in the Projection clause goes with either.
		// OFFSET and MySQL's "LIMIT off, n" are not IDS syntax: they stop
		// here and fail with -201.
		// The SELECT statement's diagram puts it after a combined
		// query's ORDER BY too.
		lim := p.next()
		if core.first != nil {
			return nil, p.errAt(lim)
		}
		if k := p.peek().kind; k != tNumber && k != tParam {
			return nil, p.fail()
		}
		if st.limit, err = p.primary(); err != nil {
			return nil, err
		}
	}
	if p.acceptKw("for") {
		switch {
		case p.acceptKw("update"):
			st.forUpdate = true
			if p.acceptKw("of") {
				for {
					if _, err := p.ident(); err != nil {
						return nil, err
					}
					if !p.acceptOp(",") {
						break
					}
				}
			}
		case p.acceptKw("read", "only"):
		default:
			return nil, p.fail()
		}
	}
	if p.acceptKw("into") {
		if !p.acceptKw("temp") && !p.acceptKw("scratch") {
			return nil, p.fail()
		}
		if st.intoTemp, err = p.ident(); err != nil {
			return nil, err
		}
		if p.acceptKw("with", "no", "log") {
			st.intoNoLog = true
		}
	}
	return st, nil
}

// noRowLimit refuses SKIP, FIRST and LIMIT in a subquery outside FROM
// and in a view's SELECT, where IDS does not allow them ("FIRST clause to
// select specific rows", Guide to SQL: Tutorial). The code -944 is IDS's
// message for it as we know it; no captured reply confirms it.
func (p *parser) noRowLimit(sel *selectStmt, at token) error {
	limited := sel.limit != nil || sel.core.first != nil || sel.core.skip != nil
	for _, op := range sel.setOps {
		limited = limited || op.core.first != nil || op.core.skip != nil
	}
	if !limited {
		return nil
	}
	e := newErr(-944, 0, "")
	e.Offset = charOffset(p.src, at.pos)
	return e
}

func (p *parser) selectCore() (*selectCore, error) {
	if p.isOp("(") && (p.isKwN(1, "select")) {
		p.i++
		st, err := p.selectCore()
		if err != nil {
			return nil, err
		}
		return st, p.expectOp(")")
	}
	t := p.peek()
	if err := p.expectKw("select"); err != nil {
		return nil, err
	}
	c := &selectCore{p: t.pos}
	var err error
	// Projection clause: [SKIP n] [FIRST n | LIMIT n] [ALL | DISTINCT |
	// UNIQUE], each at most once and in that order.
	if p.acceptKw("skip") {
		// An integer or a placeholder, not an expression: IDS refuses
		// SKIP (1 + 1).
		if k := p.peek().kind; k != tNumber && k != tParam {
			return nil, p.fail()
		}
		if c.skip, err = p.primary(); err != nil {
			return nil, err
		}
	}
	if (p.isKw("first") || p.isKw("limit")) && (p.peekN(1).kind == tNumber || p.peekN(1).kind == tParam) {
		p.i++
		if c.first, err = p.primary(); err != nil {
			return nil, err
		}
	}
	if p.acceptKw("distinct") || p.acceptKw("unique") {
		c.distinct = true
	} else {
		p.acceptKw("all")
	}
	for {
		it, err := p.selItem()
		if err != nil {
			return nil, err
		}
		c.items = append(c.items, it)
		if !p.acceptOp(",") {
			break
		}
	}
	// "Every SELECT statement requires the FROM clause" (FROM Clause,
	// Guide to SQL: Syntax): SELECT 1 alone is a syntax error in IDS.
	if err := p.expectKw("from"); err != nil {
		return nil, err
	}
	var outers []fromItem
	for {
		f, outer, err := p.fromListItem()
		if err != nil {
			return nil, err
		}
		if outer {
			outers = append(outers, f)
		} else {
			c.from = append(c.from, f)
		}
		if !p.acceptOp(",") {
			break
		}
	}
	if p.acceptKw("where") {
		if c.where, err = p.expr(); err != nil {
			return nil, err
		}
	}
	if len(outers) > 0 {
		if err := c.foldOuter(outers); err != nil {
			return nil, err
		}
	}
	if p.acceptKw("group", "by") {
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			c.groupBy = append(c.groupBy, e)
			if !p.acceptOp(",") {
				break
			}
		}
	}
	if p.acceptKw("having") {
		if c.having, err = p.expr(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (p *parser) selItem() (selItem, error) {
	if p.isOp("*") {
		p.i++
		return selItem{star: true}, nil
	}
	if p.peek().kind == tIdent && p.peekN(1).kind == tOp && p.peekN(1).text == "." && p.peekN(2).kind == tOp && p.peekN(2).text == "*" {
		q := p.next().text
		p.i += 2
		return selItem{star: true, qual: q}, nil
	}
	e, err := p.expr()
	if err != nil {
		return selItem{}, err
	}
	it := selItem{e: e}
	if p.acceptKw("as") {
		if it.alias, err = p.ident(); err != nil {
			return it, err
		}
	} else if t := p.peek(); t.kind == tIdent && (t.quoted || !clauseWords[t.text]) {
		it.alias = t.text
		p.i++
	}
	return it, nil
}

func (p *parser) alias() (string, []string, error) {
	var err error
	name := ""
	if p.acceptKw("as") {
		if name, err = p.ident(); err != nil {
			return "", nil, err
		}
	} else if t := p.peek(); t.kind == tIdent && (t.quoted || !clauseWords[t.text]) {
		name = t.text
		p.i++
	}
	var cols []string
	if name != "" && p.isOp("(") {
		if cols, err = p.identList(); err != nil {
			return "", nil, err
		}
	}
	return name, cols, nil
}

func (p *parser) fromItem() (fromItem, error) {
	left, err := p.tableFactor()
	if err != nil {
		return nil, err
	}
	for {
		kind := ""
		switch {
		case p.acceptKw("join"), p.acceptKw("inner", "join"):
			kind = "inner"
		case p.acceptKw("left", "outer", "join"), p.acceptKw("left", "join"):
			kind = "left"
		case p.acceptKw("right", "outer", "join"), p.acceptKw("right", "join"):
			kind = "right"
		case p.acceptKw("full", "outer", "join"), p.acceptKw("full", "join"):
			kind = "full"
		case p.acceptKw("cross", "join"):
			kind = "cross"
		}
		if kind == "" {
			return left, nil
		}
		right, err := p.tableFactor()
		if err != nil {
			return nil, err
		}
		j := &joinSrc{kind: kind, left: left, right: right}
		if kind != "cross" {
			if p.acceptKw("on") {
				if j.on, err = p.expr(); err != nil {
					return nil, err
				}
			} else if p.acceptKw("using") {
				if j.using, err = p.identList(); err != nil {
					return nil, err
				}
			} else {
				return nil, p.fail()
			}
		}
		left = j
	}
}

func (p *parser) tableFactor() (fromItem, error) {
	t := p.peek()
	if p.isKw("outer") {
		e := newErr(-999, 0, "")
		e.Offset = charOffset(p.src, t.pos)
		e.Message += " (Informix OUTER join syntax; use LEFT OUTER JOIN)"
		return nil, e
	}
	if p.isOp("(") {
		p.i++
		if p.isKw("select") || p.isKw("with") {
			sel, err := p.selectStmt()
			if err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			s := &subSrc{p: t.pos, sel: sel}
			if s.alias, s.cols, err = p.alias(); err != nil {
				return nil, err
			}
			return s, nil
		}
		f, err := p.fromItem()
		if err != nil {
			return nil, err
		}
		return f, p.expectOp(")")
	}
	if p.isKw("table") && p.peekN(1).kind == tOp && p.peekN(1).text == "(" {
		p.i += 2
		if p.isCollectionStart() {
			return p.collectionSource(t.pos)
		}
		p.acceptKw("function")
		if p.acceptKw("multiset") || p.isOp("(") {
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			sel, err := p.selectStmt()
			if err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			s := &subSrc{p: t.pos, sel: sel}
			if s.alias, s.cols, err = p.alias(); err != nil {
				return nil, err
			}
			return s, nil
		}
		fn := p.peek()
		if fn.kind != tIdent || fn.text != "ifx_generate" {
			e := newErr(-674, 0, fn.text)
			e.Offset = charOffset(p.src, fn.pos)
			return nil, e
		}
		p.i++
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		n, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
		g := &genSrc{p: t.pos, n: n}
		if g.alias, g.cols, err = p.alias(); err != nil {
			return nil, err
		}
		return g, nil
	}
	tn, err := p.tableName()
	if err != nil {
		return nil, err
	}
	ts := &tableSrc{tn: tn}
	if ts.alias, _, err = p.alias(); err != nil {
		return nil, err
	}
	return ts, nil
}

// ---------- DML ----------

func (p *parser) insertStmt() (statement, error) {
	t := p.next()
	if err := p.expectKw("into"); err != nil {
		return nil, err
	}
	tn, err := p.tableName()
	if err != nil {
		return nil, err
	}
	st := &insertStmt{p: t.pos, table: tn}
	if p.isOp("(") {
		if st.cols, err = p.identList(); err != nil {
			return nil, err
		}
	}
	switch {
	case p.acceptKw("values"):
		// One row per VALUES clause, as IDS's INSERT syntax has it: a
		// second "(…)" after a comma is a syntax error (-201) there.
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		var row []expr
		for {
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			row = append(row, e)
			if !p.acceptOp(",") {
				break
			}
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
		st.rows = append(st.rows, row)
	case p.isKw("select") || p.isKw("with") || p.isOp("("):
		if st.sel, err = p.selectStmt(); err != nil {
			return nil, err
		}
	case p.isKw("execute"):
		return nil, newErr(-999, 0, "")
	default:
		return nil, p.fail()
	}
	return st, nil
}

func (p *parser) updateStmt() (statement, error) {
	t := p.next()
	tn, err := p.tableName()
	if err != nil {
		return nil, err
	}
	st := &updateStmt{p: t.pos, table: tn}
	if !p.isKw("set") {
		if st.alias, _, err = p.alias(); err != nil {
			return nil, err
		}
	}
	if err := p.expectKw("set"); err != nil {
		return nil, err
	}
	for {
		var sc setClause
		if p.isOp("(") {
			if sc.cols, err = p.identList(); err != nil {
				return nil, err
			}
			if err := p.expectOp("="); err != nil {
				return nil, err
			}
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			if p.isKw("select") {
				if sc.sub, err = p.selectStmt(); err != nil {
					return nil, err
				}
			} else {
				for {
					e, err := p.expr()
					if err != nil {
						return nil, err
					}
					sc.vals = append(sc.vals, e)
					if !p.acceptOp(",") {
						break
					}
				}
				if len(sc.vals) != len(sc.cols) {
					return nil, newErr(-201, 0, "")
				}
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
		} else {
			c, err := p.ident()
			if err != nil {
				return nil, err
			}
			if p.isOp(".") { // t.col
				p.i++
				if c, err = p.ident(); err != nil {
					return nil, err
				}
			}
			if err := p.expectOp("="); err != nil {
				return nil, err
			}
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			sc.cols, sc.vals = []string{c}, []expr{e}
		}
		st.sets = append(st.sets, sc)
		if !p.acceptOp(",") {
			break
		}
	}
	if p.acceptKw("where") {
		if p.isKw("current") && p.isKwN(1, "of") {
			return nil, newErr(-999, 0, "")
		}
		if st.where, err = p.expr(); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func (p *parser) deleteStmt() (statement, error) {
	t := p.next()
	p.acceptKw("from")
	tn, err := p.tableName()
	if err != nil {
		return nil, err
	}
	st := &deleteStmt{p: t.pos, table: tn}
	if st.alias, _, err = p.alias(); err != nil {
		return nil, err
	}
	if p.acceptKw("where") {
		if p.isKw("current") && p.isKwN(1, "of") {
			return nil, newErr(-999, 0, "")
		}
		if st.where, err = p.expr(); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// ---------- DDL ----------

func (p *parser) createStmt() (statement, error) {
	start := p.next()
	switch {
	case p.isKw("row") && p.isKwN(1, "type"):
		return p.createRowType(start)
	case p.isKw("trigger"):
		return p.createTrigger(start)
	case p.acceptKw("database"):
		st := &createDBStmt{p: start.pos}
		if p.acceptKw("if", "not", "exists") {
			st.ifNotExists = true
		}
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		st.name = n
		if p.acceptKw("in") {
			if _, err := p.ident(); err != nil {
				return nil, err
			}
		}
		if p.acceptKw("with") {
			p.acceptKw("buffered")
			if err := p.expectKw("log"); err != nil {
				return nil, err
			}
			st.log = true
			if p.acceptKw("mode", "ansi") {
				st.ansi = true
			}
		}
		p.acceptKw("nlscase", "sensitive")
		return st, nil
	case p.isKw("temp") || p.isKw("table") || p.isKw("standard") || p.isKw("raw") || p.isKw("scratch"):
		temp := false
		if p.acceptKw("temp") || p.acceptKw("scratch") {
			temp = true
		} else {
			p.acceptKw("standard")
			p.acceptKw("raw")
		}
		if err := p.expectKw("table"); err != nil {
			return nil, err
		}
		return p.createTable(start.pos, temp)
	case p.isKw("unique") || p.isKw("distinct") || p.isKw("cluster") || p.isKw("index"):
		st := &createIndexStmt{p: start.pos}
		for {
			if p.acceptKw("unique") || p.acceptKw("distinct") {
				st.unique = true
			} else if p.acceptKw("cluster") {
				st.cluster = true
			} else {
				break
			}
		}
		if err := p.expectKw("index"); err != nil {
			return nil, err
		}
		if p.acceptKw("if", "not", "exists") {
			st.ifNotExists = true
		}
		tn, err := p.tableName()
		if err != nil {
			return nil, err
		}
		st.name = tn.name
		if err := p.expectKw("on"); err != nil {
			return nil, err
		}
		if st.table, err = p.tableName(); err != nil {
			return nil, err
		}
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		for {
			n, err := p.ident()
			if err != nil {
				return nil, err
			}
			c := idxCol{name: n}
			if p.acceptKw("desc") {
				c.desc = true
			} else {
				p.acceptKw("asc")
			}
			st.cols = append(st.cols, c)
			if !p.acceptOp(",") {
				break
			}
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
		p.skipStorageOptions()
		return st, nil
	case p.acceptKw("view"):
		st := &createViewStmt{p: start.pos}
		if p.acceptKw("if", "not", "exists") {
			st.ifNotExists = true
		}
		var err error
		if st.name, err = p.tableName(); err != nil {
			return nil, err
		}
		if p.isOp("(") {
			if st.cols, err = p.identList(); err != nil {
				return nil, err
			}
		}
		if err := p.expectKw("as"); err != nil {
			return nil, err
		}
		from := p.peek().pos
		at := p.peek()
		if st.sel, err = p.selectStmt(); err != nil {
			return nil, err
		}
		if err := p.noRowLimit(st.sel, at); err != nil {
			return nil, err
		}
		st.text = strings.TrimSpace(p.src[from:p.peek().pos])
		p.acceptKw("with", "check", "option")
		return st, nil
	}
	if p.isKw("function") || p.isKw("procedure") || p.isKw("dba") && (p.isKwN(1, "function") || p.isKwN(1, "procedure")) {
		return p.createRoutine(start.pos)
	}
	for _, w := range []string{"trigger", "synonym", "private", "public", "sequence", "role", "row", "distinct", "opaque", "cast", "aggregate", "schema", "external", "routine", "access_method", "opclass", "xadatasource", "default", "user", "trusted", "dba"} {
		if p.isKw(w) {
			e := newErr(-999, 0, "")
			e.Offset = charOffset(p.src, p.peek().pos)
			return nil, e
		}
	}
	return nil, p.fail()
}

func (p *parser) skipStorageOptions() {
	for {
		switch {
		case p.acceptKw("in"):
			p.next()
		case p.acceptKw("extent", "size"), p.acceptKw("next", "size"):
			p.next()
		case p.acceptKw("lock", "mode"):
			p.next()
		case p.acceptKw("using"), p.acceptKw("fillfactor"):
			p.next()
		case p.acceptKw("online"), p.acceptKw("compressed"):
		default:
			return
		}
	}
}

func (p *parser) createTable(pos int, temp bool) (statement, error) {
	st := &createTableStmt{p: pos, temp: temp}
	if p.acceptKw("if", "not", "exists") {
		st.ifNotExists = true
	}
	var err error
	if st.name, err = p.tableName(); err != nil {
		return nil, err
	}
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	for {
		nx := p.peekN(1)
		if (p.isKw("primary") && p.isKwN(1, "key")) || ((p.isKw("unique") || p.isKw("distinct") || p.isKw("check")) && nx.kind == tOp && nx.text == "(") ||
			(p.isKw("foreign") && p.isKwN(1, "key")) || (p.isKw("constraint") && nx.kind == tIdent) {
			c, err := p.tableConstraint()
			if err != nil {
				return nil, err
			}
			st.cons = append(st.cons, c)
		} else {
			cd, err := p.colDef()
			if err != nil {
				return nil, err
			}
			st.cols = append(st.cols, cd)
		}
		if !p.acceptOp(",") {
			break
		}
	}
	if err := p.expectOp(")"); err != nil {
		return nil, err
	}
	for {
		switch {
		case p.acceptKw("with", "no", "log"):
			st.noLog = true
			continue
		case p.acceptKw("with", "crcols"), p.acceptKw("with", "rowids"), p.acceptKw("with", "erkey"), p.acceptKw("with", "vercols"):
			continue
		case p.isKw("fragment") || p.isKw("partition"):
			p.i = len(p.toks) - 1
		}
		break
	}
	p.skipStorageOptions()
	return st, nil
}

func (p *parser) colDef() (colDef, error) {
	t := p.peek()
	name, err := p.ident()
	if err != nil {
		return colDef{}, err
	}
	cd := colDef{p: t.pos, name: name}
	if cd.t, cd.serialStart, err = p.typeSpec(); err != nil {
		return cd, err
	}
	if (cd.t.code == TypeByte || cd.t.code == TypeText) && p.acceptKw("in") {
		// IN TABLE keeps the values with the row; IN name puts them in a
		// blobspace, which must exist (Config.Blobspaces).
		if !p.acceptKw("table") {
			at := p.peek()
			if cd.blobspace, err = p.ident(); err != nil {
				return cd, err
			}
			cd.blobspacePos = at.pos
		}
	}
	for {
		switch {
		case p.acceptKw("default"):
			d := &defaultSpec{}
			switch {
			case p.acceptKw("null"):
				d.kind = "null"
			case p.acceptKw("today"):
				d.kind = "today"
			case p.acceptKw("user"), p.acceptKw("current_user"):
				d.kind = "user"
			case p.isKw("current") || p.isKw("sysdate"):
				d.kind = "current"
				p.i++
				if p.peek().kind == tIdent {
					if _, ok := qualFieldCodes[p.peek().text]; ok {
						if _, err := p.qualifier(false); err != nil {
							return cd, err
						}
					}
				}
			case p.isKw("dbservername") || p.isKw("sitename"):
				p.i++
				d.kind = "literal"
				d.lit = &strLit{val: "ifxtest"}
			default:
				d.kind = "literal"
				if d.lit, err = p.unary(); err != nil {
					return cd, err
				}
			}
			cd.def = d
		case p.acceptKw("not", "null"):
			cd.notNull = true
		case p.acceptKw("null"):
		case p.acceptKw("primary", "key"):
			cd.pk = true
		case p.acceptKw("unique"), p.acceptKw("distinct"):
			cd.unique = true
		case p.acceptKw("references"):
			r, err := p.refSpec()
			if err != nil {
				return cd, err
			}
			cd.ref = r
		case p.acceptKw("check"):
			from := p.peek().pos
			if err := p.expectOp("("); err != nil {
				return cd, err
			}
			if cd.check, err = p.expr(); err != nil {
				return cd, err
			}
			if err := p.expectOp(")"); err != nil {
				return cd, err
			}
			cd.checkText = p.src[from:p.toks[p.i-1].end]
		case p.acceptKw("constraint"):
			if cd.consName, err = p.ident(); err != nil {
				return cd, err
			}
		default:
			return cd, nil
		}
	}
}

func (p *parser) refSpec() (*refSpec, error) {
	tn, err := p.tableName()
	if err != nil {
		return nil, err
	}
	r := &refSpec{table: tn}
	if p.isOp("(") {
		if r.cols, err = p.identList(); err != nil {
			return nil, err
		}
	}
	if p.acceptKw("on", "delete", "cascade") {
		r.cascade = true
	}
	return r, nil
}

func (p *parser) tableConstraint() (tableCons, error) {
	var c tableCons
	var err error
	if p.acceptKw("constraint") {
		if c.name, err = p.ident(); err != nil {
			return c, err
		}
	}
	switch {
	case p.acceptKw("primary", "key"):
		c.kind = 'P'
		c.cols, err = p.identList()
	case p.acceptKw("unique"), p.acceptKw("distinct"):
		c.kind = 'U'
		c.cols, err = p.identList()
	case p.acceptKw("foreign", "key"):
		c.kind = 'R'
		if c.cols, err = p.identList(); err != nil {
			return c, err
		}
		if err := p.expectKw("references"); err != nil {
			return c, err
		}
		c.ref, err = p.refSpec()
	case p.acceptKw("check"):
		c.kind = 'C'
		from := p.peek().pos
		if err := p.expectOp("("); err != nil {
			return c, err
		}
		if c.check, err = p.expr(); err != nil {
			return c, err
		}
		err = p.expectOp(")")
		c.checkText = p.src[from:p.toks[p.i-1].end]
	default:
		return c, p.fail()
	}
	if err != nil {
		return c, err
	}
	if p.acceptKw("constraint") {
		c.name, err = p.ident()
	}
	return c, err
}

func (p *parser) dropStmt() (statement, error) {
	start := p.next()
	st := &dropStmt{p: start.pos}
	t := p.peek()
	switch {
	case p.isKw("row") && p.isKwN(1, "type"):
		return p.dropRowType(start)
	case p.isKw("trigger"):
		return p.dropTrigger(start)
	case p.acceptKw("table"):
		st.what = "table"
	case p.acceptKw("index"):
		st.what = "index"
	case p.acceptKw("view"):
		st.what = "view"
	case p.acceptKw("database"):
		st.what = "database"
	case p.isKw("procedure") || p.isKw("function") || p.isKw("routine"):
		p.i++
		rs := &dropRoutineStmt{p: start.pos, ifExists: p.acceptKw("if", "exists")}
		var err error
		if rs.name, err = p.ident(); err != nil {
			return nil, err
		}
		if p.acceptOp("(") { // the signature, for an overloaded name
			rs.hasSig = true
			for !p.acceptOp(")") {
				if len(rs.sig) > 0 {
					if err := p.expectOp(","); err != nil {
						return nil, err
					}
				}
				t, _, err := p.typeSpec()
				if err != nil {
					return nil, err
				}
				rs.sig = append(rs.sig, t)
			}
		}
		return rs, nil
	default:
		for _, w := range []string{"trigger", "synonym", "sequence", "role", "row", "type", "cast", "aggregate"} {
			if p.isKw(w) {
				e := newErr(-999, 0, "")
				e.Offset = charOffset(p.src, t.pos)
				return nil, e
			}
		}
		return nil, p.fail()
	}
	if p.acceptKw("if", "exists") {
		st.ifExists = true
	}
	var err error
	if st.name, err = p.tableName(); err != nil {
		return nil, err
	}
	if !p.acceptKw("cascade") {
		p.acceptKw("restrict")
	}
	if st.what == "index" {
		p.acceptKw("online")
	}
	return st, nil
}

func (p *parser) alterStmt() (statement, error) {
	start := p.next()
	if !p.acceptKw("table") {
		e := newErr(-999, 0, "")
		e.Offset = charOffset(p.src, p.peek().pos)
		return nil, e
	}
	tn, err := p.tableName()
	if err != nil {
		return nil, err
	}
	st := &alterTableStmt{p: start.pos, table: tn}
	for {
		switch {
		case p.acceptKw("add"):
			if p.isKw("constraint") {
				if len(st.adds)+len(st.drops) > 0 {
					return nil, newErr(-999, 0, "")
				}
				return p.alterConstraint(start.pos, tn, true)
			}
			paren := p.acceptOp("(")
			for {
				cd, err := p.colDef()
				if err != nil {
					return nil, err
				}
				if p.acceptKw("before") {
					if _, err := p.ident(); err != nil {
						return nil, err
					}
				}
				st.adds = append(st.adds, cd)
				if !paren || !p.acceptOp(",") {
					break
				}
			}
			if paren {
				if err := p.expectOp(")"); err != nil {
					return nil, err
				}
			}
		case p.acceptKw("drop"):
			if p.isKw("constraint") {
				if len(st.adds)+len(st.drops) > 0 {
					return nil, newErr(-999, 0, "")
				}
				return p.alterConstraint(start.pos, tn, false)
			}
			if p.isOp("(") {
				cols, err := p.identList()
				if err != nil {
					return nil, err
				}
				st.drops = append(st.drops, cols...)
			} else {
				c, err := p.ident()
				if err != nil {
					return nil, err
				}
				st.drops = append(st.drops, c)
			}
		case p.isKw("modify") || p.isKw("lock") || p.isKw("type") || p.isKw("next"):
			e := newErr(-999, 0, "")
			e.Offset = charOffset(p.src, p.peek().pos)
			return nil, e
		default:
			return nil, p.fail()
		}
		if !p.acceptOp(",") {
			return st, nil
		}
	}
}

func (p *parser) renameStmt() (statement, error) {
	start := p.next()
	st := &renameStmt{p: start.pos}
	switch {
	case p.acceptKw("table"):
		tn, err := p.tableName()
		if err != nil {
			return nil, err
		}
		st.table, st.old = tn, tn.name
	case p.acceptKw("column"):
		st.column = true
		tn, err := p.tableName()
		if err != nil {
			return nil, err
		}
		// tableName parsed "t.c" as owner t, name c
		if tn.owner == "" {
			return nil, p.fail()
		}
		st.table = tableName{p: tn.p, db: tn.db, name: strings.ToLower(tn.owner)}
		st.old = tn.name
	default:
		return nil, p.fail()
	}
	if err := p.expectKw("to"); err != nil {
		return nil, err
	}
	n, err := p.ident()
	if err != nil {
		return nil, err
	}
	st.new = n
	return st, nil
}
