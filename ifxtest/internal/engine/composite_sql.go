package engine

import "strconv"

// Composite literals, CARDINALITY and collection-derived tables.

type (
	// collLit is SET{…}, MULTISET{…} or LIST{…}.
	collLit struct {
		p     int
		code  int
		elems []expr
	}
	// rowLit is the ROW(…) constructor.
	rowLit struct {
		p      int
		fields []expr
	}
	// collSrc is TABLE(collection expression) in FROM.
	collSrc struct {
		p     int
		e     expr
		alias string
		cols  []string
	}
)

func (x *collLit) pos() int     { return x.p }
func (x *rowLit) pos() int      { return x.p }
func (x *collSrc) fromPos() int { return x.p }

// collectionLit parses SET{…}, MULTISET{…} or LIST{…}; the constructor
// keyword is the current token.
func (p *parser) collectionLit() (expr, error) {
	kw := p.next()
	x := &collLit{p: kw.pos, code: map[string]int{"set": TypeSet, "multiset": TypeMultiset, "list": TypeList}[kw.text]}
	if err := p.expectOp("{"); err != nil {
		return nil, err
	}
	if p.acceptOp("}") {
		return x, nil
	}
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		x.elems = append(x.elems, e)
		if p.acceptOp("}") {
			return x, nil
		}
		if err := p.expectOp(","); err != nil {
			return nil, err
		}
	}
}

// rowConstructor parses ROW(e1, …, en); ROW is the current token.
func (p *parser) rowConstructor() (expr, error) {
	kw := p.next()
	x := &rowLit{p: kw.pos}
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		x.fields = append(x.fields, e)
		if p.acceptOp(")") {
			return x, nil
		}
		if err := p.expectOp(","); err != nil {
			return nil, err
		}
	}
}

// literalElemType is the element type of a literal whose elements have
// the given types: integers widen to BIGINT, any FLOAT or DECIMAL makes
// the literal that type, and character literals become VARCHAR (LVARCHAR
// beyond 255) so that their text is not padded.
func literalElemType(types []ifxType) ifxType {
	if len(types) == 0 {
		return tInteger() // CHOICE: SET{} without a target type
	}
	out := types[0].nullable()
	for _, ty := range types {
		ty = ty.nullable()
		switch {
		case ty.isInt() && out.isInt():
			if ty.code == TypeBigint || ty.code == TypeInt8 {
				out = tBigint()
			}
		case ty.isFloat() && out.isNumeric():
			out = tFloat()
		case ty.isDecimal() && out.isInt():
			out = ty
		case ty.isChar() && out.isChar():
			if ty.maxChars() > out.maxChars() {
				out = ty
			}
		}
	}
	out = out.unserial()
	if out.isChar() && out.comp == nil {
		if n := out.maxChars(); n > 255 {
			out = tLvarchar(n)
		} else {
			out = tVarchar(max(n, 1))
		}
	}
	return out
}

// compCall is the SQL that builds a composite of type ty from elements.
func compCall(ty ifxType, args []string) string {
	s := "ifx_mkcomp(" + quoteStr(compText(ty.nullable()))
	for _, a := range args {
		s += ", " + a
	}
	return s + ")"
}

func (t *translator) collLitSQL(x *collLit, sc *scope, hint *ifxType) (string, ifxType, error) {
	var want *ifxType
	if hint != nil && hint.comp != nil && hint.code == x.code {
		h := hint.nullable()
		want = &h
	}
	args := make([]string, len(x.elems))
	types := make([]ifxType, len(x.elems))
	for i, e := range x.elems {
		if _, ok := e.(*nullLit); ok {
			return "", ifxType{}, t.withPos(compErr("NULL collection element"), e.pos())
		}
		var eh *ifxType
		if want != nil {
			eh = &want.comp.elem
		}
		var err error
		if args[i], types[i], err = t.expr(e, sc, eh); err != nil {
			return "", ifxType{}, err
		}
	}
	ty := ifxType{code: x.code, length: 2048}
	if want != nil {
		ty = *want
	} else {
		et := literalElemType(types)
		et.notNull = true
		ty.comp = &compType{elem: et}
	}
	return compCall(ty, args), ty, nil
}

func (t *translator) rowLitSQL(x *rowLit, sc *scope, hint *ifxType) (string, ifxType, error) {
	var want *ifxType
	if hint != nil && hint.code == TypeRow && hint.comp != nil && len(hint.comp.fields) == len(x.fields) {
		h := hint.nullable()
		want = &h
	}
	args := make([]string, len(x.fields))
	ct := &compType{}
	for i, e := range x.fields {
		var fh *ifxType
		if want != nil {
			fh = &want.comp.fields[i].t
		}
		s, ft, err := t.expr(e, sc, fh)
		if err != nil {
			return "", ifxType{}, err
		}
		args[i] = s
		if ft.code == TypeNull {
			ft = tInteger()
		}
		// CHOICE: IDS's names for the fields of an unnamed ROW
		// constructor are unknown; field1, field2, … here.
		ct.fields = append(ct.fields, compField{name: "field" + strconv.Itoa(i+1), t: literalElemType([]ifxType{ft})})
	}
	if want != nil {
		return compCall(*want, args), *want, nil
	}
	ty := ifxType{code: TypeRow, length: 2048, comp: ct}
	return compCall(ty, args), ty, nil
}

// cardinalitySQL translates CARDINALITY(collection): its element count,
// NULL for a NULL collection.
func (t *translator) cardinalitySQL(f *funcExpr, sc *scope) (string, ifxType, error) {
	if len(f.args) != 1 {
		return "", tInteger(), t.errAt(-674, 0, f.name, f.p)
	}
	s, ty, err := t.expr(f.args[0], sc, nil)
	if err != nil {
		return "", tInteger(), err
	}
	if ty.comp == nil || ty.code == TypeRow {
		return "", tInteger(), t.errAt(-674, 0, f.name, f.p)
	}
	return "ifx_cardinality(" + s + ")", tInteger(), nil
}

// collectionSource parses what follows TABLE( when it is a collection
// expression (a collection literal); the caller consumed "TABLE (".
func (p *parser) collectionSource(at int) (fromItem, error) {
	e, err := p.expr()
	if err != nil {
		return nil, err
	}
	if err := p.expectOp(")"); err != nil {
		return nil, err
	}
	c := &collSrc{p: at, e: e}
	if c.alias, c.cols, err = p.alias(); err != nil {
		return nil, err
	}
	return c, nil
}

// collSrcSQL translates a collection-derived table: one row per element,
// read by position from the generator table.
func (t *translator) collSrcSQL(x *collSrc, sc *scope) (string, error) {
	s, ty, err := t.expr(x.e, sc, nil)
	if err != nil {
		return "", err
	}
	if ty.comp == nil || ty.code == TypeRow {
		return "", t.withPos(compErr("TABLE() needs a collection"), x.p)
	}
	alias := x.alias
	if alias == "" {
		t.nsub++
		alias = "_coll" + strconv.Itoa(t.nsub)
	}
	col := "(expression)" // CHOICE: IDS's name for the unnamed element column
	if len(x.cols) > 0 {
		col = x.cols[0]
	}
	et := ty.comp.elem.nullable()
	sc.srcs = append(sc.srcs, &source{name: alias, alias: alias, cols: []srcCol{{name: col, t: et}}})
	tt := quoteStr(compText(ty.nullable()))
	return "(SELECT ifx_collelem(" + s + ", " + tt + ", value) AS " + quoteIdent(col) +
		" FROM " + genTable + " WHERE n = ifx_cardinality(" + s + ")) AS " + quoteIdent(alias), nil
}

// isCollectionStart reports whether the parser is at SET{, MULTISET{ or
// LIST{.
func (p *parser) isCollectionStart() bool {
	t, n := p.peek(), p.peekN(1)
	return t.kind == tIdent && !t.quoted && (t.text == "set" || t.text == "multiset" || t.text == "list") &&
		n.kind == tOp && n.text == "{"
}

// rowFieldRef resolves a.b (or t.a.b) where a is a ROW column and b one
// of its fields, as IDS's dot notation does.
func (t *translator) rowFieldRef(c *colRef, sc *scope) (string, ifxType, bool) {
	if len(c.parts) < 2 {
		return "", ifxType{}, false
	}
	s, ty, err := t.resolve(&colRef{p: c.p, parts: c.parts[:len(c.parts)-1]}, sc)
	if err != nil || ty.code != TypeRow || ty.comp == nil {
		return "", ifxType{}, false
	}
	name := c.parts[len(c.parts)-1]
	for i, f := range ty.comp.fields {
		if f.name == name {
			return "ifx_rowfield(" + s + ", " + quoteStr(compText(ty.nullable())) + ", " + strconv.Itoa(i+1) + ")", f.t.nullable(), true
		}
	}
	return "", ifxType{}, false
}

// inCollExpr is `x [NOT] IN collection`.
type inCollExpr struct {
	p    int
	x    expr
	coll expr
	not  bool
}

func (x *inCollExpr) pos() int { return x.p }

// inCollSQL tests membership by comparing the element's text form with
// the collection's elements (the form SET uses to drop duplicates).
func (t *translator) inCollSQL(x *inCollExpr, sc *scope) (string, ifxType, error) {
	cs, ct, err := t.expr(x.coll, sc, nil)
	if err != nil {
		return "", ifxType{}, err
	}
	if ct.comp == nil || ct.code == TypeRow {
		return "", ifxType{}, t.withPos(compErr("IN needs a collection"), x.coll.pos())
	}
	et := ct.comp.elem.nullable()
	xs, _, err := t.expr(x.x, sc, &et)
	if err != nil {
		return "", ifxType{}, err
	}
	s := "ifx_collhas(" + cs + ", " + quoteStr(compText(ct.nullable())) + ", " + xs + ")"
	if x.not {
		s = "(NOT " + s + ")"
	}
	return s, tBool(), nil
}
