package engine

import "strings"

// The SPL parser: statements of a CREATE FUNCTION/PROCEDURE body, as IBM's
// "SPL statements" reference gives them. It works on the routine's token
// stream; SQL statements inside the body are parsed by the SQL parser
// over the tokens up to their ';' (parseSPLSQL).

// maxSPLNesting bounds nested blocks so that a hostile text cannot
// exhaust the stack of the recursive parser.
const maxSPLNesting = 200

// splBody parses a routine body up to its END (not consumed).
func (p *parser) splBody() (*splBlock, error) {
	return p.splBlock(true, 0)
}

// splBlock parses DEFINEs, ON EXCEPTION handlers and statements up to END,
// ELIF or ELSE (not consumed).
func (p *parser) splBlock(scope bool, depth int) (*splBlock, error) {
	if depth > maxSPLNesting {
		return nil, p.fail()
	}
	b := &splBlock{scope: scope}
	for p.isKw("define") {
		d, err := p.splDefine()
		if err != nil {
			return nil, err
		}
		b.defines = append(b.defines, d)
	}
	for p.isKw("on") && p.isKwN(1, "exception") {
		h, err := p.splHandler(depth)
		if err != nil {
			return nil, err
		}
		b.handlers = append(b.handlers, h)
	}
	for !p.isKw("end") && !p.isKw("elif") && !p.isKw("else") {
		if p.peek().kind == tEOF {
			return nil, p.fail()
		}
		if p.acceptOp(";") {
			continue
		}
		st, err := p.splStmt(depth)
		if err != nil {
			return nil, err
		}
		b.stmts = append(b.stmts, st)
	}
	return b, nil
}

// splEnd parses END kw [;].
func (p *parser) splEnd(kw string) error {
	if err := p.expectKw("end", kw); err != nil {
		return err
	}
	p.acceptOp(";")
	return nil
}

func (p *parser) splDefine() (*splDefine, error) {
	p.next()
	d := &splDefine{global: p.acceptKw("global")}
	for {
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		d.names = append(d.names, n)
		if !p.acceptOp(",") {
			break
		}
	}
	if p.acceptKw("like") {
		tn, err := p.tableName()
		if err != nil {
			return nil, err
		}
		// table.column came as owner.name: the column is the last part.
		if tn.owner == "" {
			return nil, p.fail()
		}
		d.likeCol = tn.name
		tn.name, tn.owner = strings.ToLower(tn.owner), ""
		d.like = &tn
	} else {
		t, _, err := p.typeSpec()
		if err != nil {
			return nil, err
		}
		d.t = t
	}
	if p.acceptKw("default") {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		d.def, d.hasValue = e, true
	}
	if d.global && !d.hasValue {
		return nil, p.fail() // GLOBAL requires DEFAULT
	}
	return d, p.expectOp(";")
}

func (p *parser) splHandler(depth int) (*splHandler, error) {
	p.i += 2
	h := &splHandler{}
	if p.acceptKw("in") {
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		for {
			n, err := p.intLit()
			if err != nil {
				return nil, err
			}
			h.codes = append(h.codes, int(n))
			if !p.acceptOp(",") {
				break
			}
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
	}
	if p.acceptKw("set") {
		for {
			n, err := p.ident()
			if err != nil {
				return nil, err
			}
			h.set = append(h.set, n)
			if !p.acceptOp(",") {
				break
			}
		}
		if len(h.set) > 3 {
			return nil, p.fail()
		}
	}
	body, err := p.splBlock(false, depth+1)
	if err != nil {
		return nil, err
	}
	h.body = body
	if err := p.expectKw("end", "exception"); err != nil {
		return nil, err
	}
	h.resume = p.acceptKw("with", "resume")
	p.acceptOp(";")
	return h, nil
}

func (p *parser) splIdents() ([]string, error) {
	var out []string
	for {
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		if p.isOp(".") { // corr.column of a trigger routine (trigger_routine.go)
			p.i++
			f, err := p.ident()
			if err != nil {
				return nil, err
			}
			n += "." + f
		}
		out = append(out, n)
		if !p.acceptOp(",") {
			return out, nil
		}
	}
}

func (p *parser) splExprs() ([]expr, error) {
	var out []expr
	for {
		e, err := p.expr()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		if !p.acceptOp(",") {
			return out, nil
		}
	}
}

// splArgs parses (args) of a routine call.
func (p *parser) splArgs() ([]expr, error) {
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	if p.acceptOp(")") {
		return nil, nil
	}
	args, err := p.splExprs()
	if err != nil {
		return nil, err
	}
	return args, p.expectOp(")")
}

// splStmt parses one statement of a block.
func (p *parser) splStmt(depth int) (splStmt, error) {
	t := p.peek()
	if t.kind != tIdent || t.quoted {
		return nil, p.fail()
	}
	switch t.text {
	case "let":
		return p.splLet()
	case "if":
		return p.splIf(depth)
	case "for":
		return p.splFor(depth)
	case "while":
		p.next()
		cond, err := p.expr()
		if err != nil {
			return nil, err
		}
		body, err := p.splBlock(false, depth+1)
		if err != nil {
			return nil, err
		}
		return &splWhile{cond: cond, body: body}, p.splEnd("while")
	case "exit", "continue":
		p.next()
		f := splFlow{kind: flowExit}
		if t.text == "continue" {
			f.kind = flowContinue
		}
		for _, w := range []string{"for", "while", "foreach"} {
			if p.acceptKw(w) {
				f.loop = w
			}
		}
		return &splExitStmt{flow: f}, p.expectOp(";")
	case "foreach":
		return p.splForeach(depth)
	case "return":
		p.next()
		r := &splReturn{}
		if !p.isOp(";") {
			var err error
			if r.exprs, err = p.splExprs(); err != nil {
				return nil, err
			}
			r.resume = p.acceptKw("with", "resume")
		}
		return r, p.expectOp(";")
	case "call":
		p.next()
		c, err := p.splCallTail(t.pos)
		if err != nil {
			return nil, err
		}
		if p.acceptKw("returning") {
			if c.returning, err = p.splIdents(); err != nil {
				return nil, err
			}
		}
		return c, p.expectOp(";")
	case "execute":
		if !p.isKwN(1, "procedure") && !p.isKwN(1, "function") {
			return nil, p.fail()
		}
		p.i += 2
		c, err := p.splCallTail(t.pos)
		if err != nil {
			return nil, err
		}
		if p.acceptKw("into") {
			if c.returning, err = p.splIdents(); err != nil {
				return nil, err
			}
		}
		return c, p.expectOp(";")
	case "raise":
		p.next()
		if err := p.expectKw("exception"); err != nil {
			return nil, err
		}
		es, err := p.splExprs()
		if err != nil {
			return nil, err
		}
		if len(es) > 3 {
			return nil, p.fail()
		}
		r := &splRaise{code: es[0]}
		if len(es) > 1 {
			r.isam = es[1]
		}
		if len(es) > 2 {
			r.text = es[2]
		}
		return r, p.expectOp(";")
	case "trace", "system":
		p.next()
		for !p.isOp(";") {
			if p.peek().kind == tEOF {
				return nil, p.fail()
			}
			p.next()
		}
		p.next()
		if t.text == "system" {
			return &splSystem{p: t.pos}, nil
		}
		return splNoop{}, nil
	case "begin":
		if !p.isKwN(1, "work") {
			return p.splBegin(depth)
		}
		fallthrough
	case "select", "insert", "update", "delete", "create", "drop", "alter", "rename", "commit", "rollback",
		"set", "lock", "unlock", "truncate", "grant", "revoke", "savepoint", "release":
		end := p.i
		for end < len(p.toks)-1 && !(p.toks[end].kind == tOp && p.toks[end].text == ";") {
			end++
		}
		st, err := p.parseSPLSQL(end)
		if err != nil {
			return nil, err
		}
		return st, p.expectOp(";")
	}
	return nil, p.fail()
}

// splBegin parses BEGIN … END, a block of its own.
func (p *parser) splBegin(depth int) (splStmt, error) {
	p.next()
	b, err := p.splBlock(true, depth+1)
	if err != nil {
		return nil, err
	}
	if err := p.expectKw("end"); err != nil {
		return nil, err
	}
	p.acceptOp(";")
	return b, nil
}

// splCallTail parses name(args) of CALL or EXECUTE.
func (p *parser) splCallTail(pos int) (*splCall, error) {
	n, err := p.ident()
	if err != nil {
		return nil, err
	}
	c := &splCall{p: pos, name: n}
	c.args, err = p.splArgs()
	return c, err
}

func (p *parser) splLet() (splStmt, error) {
	start := p.next()
	l := &splLet{p: start.pos}
	var err error
	if l.targets, err = p.splIdents(); err != nil {
		return nil, err
	}
	if err := p.expectOp("="); err != nil {
		return nil, err
	}
	if p.isOp("(") && p.isKwN(1, "select") {
		save := p.i
		p.i++
		sel, err := p.selectStmt()
		if err == nil && p.acceptOp(")") && p.isOp(";") {
			l.sel = sel
			return l, p.expectOp(";")
		}
		p.i = save
	}
	if l.exprs, err = p.splExprs(); err != nil {
		return nil, err
	}
	if len(l.exprs) == 1 {
		if f, ok := l.exprs[0].(*funcExpr); ok && !f.star && !f.distinct {
			l.call = &splCall{p: f.p, name: f.name, args: f.args, returning: l.targets}
		}
	}
	if l.call == nil && len(l.exprs) != len(l.targets) {
		return nil, p.errAt(start)
	}
	return l, p.expectOp(";")
}

func (p *parser) splIf(depth int) (splStmt, error) {
	s := &splIf{}
	p.next()
	for {
		cond, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expectKw("then"); err != nil {
			return nil, err
		}
		b, err := p.splBlock(false, depth+1)
		if err != nil {
			return nil, err
		}
		s.conds, s.blocks = append(s.conds, cond), append(s.blocks, b)
		if !p.acceptKw("elif") {
			break
		}
	}
	if p.acceptKw("else") {
		b, err := p.splBlock(false, depth+1)
		if err != nil {
			return nil, err
		}
		s.els = b
	}
	return s, p.splEnd("if")
}

func (p *parser) splFor(depth int) (splStmt, error) {
	p.next()
	v, err := p.ident()
	if err != nil {
		return nil, err
	}
	f := &splFor{v: v}
	item := func() (splForItem, error) {
		var it splForItem
		var err error
		if it.from, err = p.expr(); err != nil {
			return it, err
		}
		if p.acceptKw("to") {
			if it.to, err = p.expr(); err != nil {
				return it, err
			}
			if p.acceptKw("step") {
				if it.step, err = p.expr(); err != nil {
					return it, err
				}
			}
		}
		return it, nil
	}
	switch {
	case p.acceptOp("="):
		it, err := item()
		if err != nil {
			return nil, err
		}
		if it.to == nil {
			return nil, p.fail()
		}
		f.items = []splForItem{it}
	case p.acceptKw("in"):
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		for {
			it, err := item()
			if err != nil {
				return nil, err
			}
			f.items = append(f.items, it)
			if !p.acceptOp(",") {
				break
			}
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
	default:
		return nil, p.fail()
	}
	if f.body, err = p.splBlock(false, depth+1); err != nil {
		return nil, err
	}
	return f, p.splEnd("for")
}

// splForeachStops are the words that end a FOREACH query written without
// its ';' (IBM's examples do so): the first SPL statement of the body.
var splForeachStops = map[string]bool{"let": true, "if": true, "foreach": true, "while": true, "return": true,
	"call": true, "raise": true, "exit": true, "continue": true, "trace": true, "system": true, "insert": true,
	"delete": true, "execute": true, "begin": true}

func (p *parser) splForeach(depth int) (splStmt, error) {
	p.next()
	f := &splForeach{}
	if t := p.peek(); t.kind == tIdent && !p.isKw("select") && !p.isKw("execute") && !p.isKw("with") {
		f.cursor = t.text
		p.next()
		p.acceptKw("with", "hold")
		if err := p.expectKw("for"); err != nil {
			return nil, err
		}
	}
	switch {
	case p.isKw("execute"):
		start := p.next()
		if !p.acceptKw("function") && !p.acceptKw("procedure") {
			return nil, p.fail()
		}
		c, err := p.splCallTail(start.pos)
		if err != nil {
			return nil, err
		}
		if err := p.expectKw("into"); err != nil {
			return nil, err
		}
		if c.returning, err = p.splIdents(); err != nil {
			return nil, err
		}
		f.call = c
	case p.isKw("select") || p.isKw("with"):
		end, depthP := p.i, 0
		for ; end < len(p.toks)-1; end++ {
			t := p.toks[end]
			if t.kind == tOp && (t.text == "(" || t.text == "[") {
				depthP++
			} else if t.kind == tOp && (t.text == ")" || t.text == "]") {
				depthP--
			}
			if depthP != 0 || end == p.i {
				continue
			}
			if t.kind == tOp && t.text == ";" || t.kind == tIdent && !t.quoted && (splForeachStops[t.text] ||
				t.text == "end" && end+1 < len(p.toks) && p.toks[end+1].text == "foreach") {
				break
			}
		}
		st, err := p.parseSPLSQL(end)
		if err != nil {
			return nil, err
		}
		sel, ok := st.ast.(*selectStmt)
		if !ok || len(st.into) == 0 {
			return nil, p.errAt(p.toks[end])
		}
		if f.cursor != "" && sel.core != nil && len(sel.setOps) == 0 && len(sel.core.from) == 1 {
			// The cursor's current row, for WHERE CURRENT OF.
			sel.core.items = append(sel.core.items, selItem{e: &colRef{p: st.p, parts: []string{"rowid"}}})
			f.rowid = true
		}
		f.sel = st
	default:
		return nil, p.fail()
	}
	p.acceptOp(";")
	body, err := p.splBlock(false, depth+1)
	if err != nil {
		return nil, err
	}
	f.body = body
	return f, p.splEnd("foreach")
}

// parseSPLSQL parses the SQL statement in tokens p.i … end-1, taking a
// SELECT's INTO list of SPL variables out first (it may stand after the
// select list or after FROM: IBM's examples have both).
func (p *parser) parseSPLSQL(end int) (*splSQL, error) {
	start := p.toks[p.i]
	toks := make([]token, 0, end-p.i+1)
	var into []string
	depth := 0
	isSelect := p.isKw("select") || p.isKw("with")
	// UPDATE/DELETE … WHERE CURRENT OF cursor: the row a FOREACH cursor
	// is on, found by its rowid (splForeach keeps it in splCursorVar).
	cursor := ""
	if (p.isKw("update") || p.isKw("delete")) && end-p.i > 4 {
		w := p.toks[end-4 : end]
		if w[0].text == "where" && w[1].text == "current" && w[2].text == "of" && w[3].kind == tIdent {
			cursor = w[3].text
			end -= 4
		}
	}
	for k := p.i; k < end; k++ {
		t := p.toks[k]
		if t.kind == tOp && t.text == "(" {
			depth++
		} else if t.kind == tOp && t.text == ")" {
			depth--
		}
		if isSelect && depth == 0 && into == nil && t.kind == tIdent && !t.quoted && t.text == "into" {
			nt := p.toks[k+1]
			if nt.kind == tIdent && nt.text != "temp" && nt.text != "scratch" && nt.text != "external" && nt.text != "raw" {
				k++
				for k < end && p.toks[k].kind == tIdent {
					into = append(into, p.toks[k].text)
					if k+1 < end && p.toks[k+1].kind == tOp && p.toks[k+1].text == "," {
						k += 2
						continue
					}
					break
				}
				continue
			}
		}
		toks = append(toks, t)
	}
	endPos := len(p.src)
	if end < len(p.toks) {
		endPos = p.toks[end].pos
	}
	toks = append(toks, token{kind: tEOF, pos: endPos, end: endPos})
	sub := &parser{src: p.src, toks: toks}
	ast, err := sub.statement()
	if err != nil {
		return nil, err
	}
	if sub.peek().kind != tEOF {
		return nil, sub.fail()
	}
	if sub.nparams > 0 {
		return nil, syntaxErr(charOffset(p.src, start.pos)) // no '?' markers in a routine
	}
	if cursor != "" {
		cur := &binExpr{p: start.pos, op: "=", l: &colRef{p: start.pos, parts: []string{"rowid"}},
			r: &colRef{p: start.pos, parts: []string{splCursorVar(cursor)}}}
		if w := ast.describe().where; w != nil {
			if *w != nil {
				return nil, sub.fail()
			}
			*w = cur
		}
		end += 4
	}
	p.i = end
	return &splSQL{p: start.pos, ast: ast, into: into, src: p.src[start.pos:endPos]}, nil
}
