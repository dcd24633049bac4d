package engine

import (
	"strconv"
	"strings"
)

type parser struct {
	src     string
	toks    []token
	i       int
	nparams int
	// namedType resolves type names the parser does not know (named ROW
	// types); nil resolves none.
	namedType func(string) (ifxType, bool)
}

// parse parses one Informix SQL statement (an optional trailing ';' is allowed).
func parse(src string) (statement, int, error) { return parseDelim(src, false) }

// parseDelim parses like parse, with "…" a delimited identifier when
// delimIdent is set (the client's DELIMIDENT).
func parseDelim(src string, delimIdent bool) (statement, int, error) {
	return parseResolving(src, delimIdent, nil)
}

// parseResolving parses like parseDelim, resolving unknown type names
// with namedType.
func parseResolving(src string, delimIdent bool, namedType func(string) (ifxType, bool)) (statement, int, error) {
	toks, err := lex(src, delimIdent)
	if err != nil {
		return nil, 0, err
	}
	p := &parser{src: src, toks: toks, namedType: namedType}
	st, err := p.statement()
	if err != nil {
		return nil, 0, err
	}
	p.acceptOp(";")
	if p.peek().kind != tEOF {
		return nil, 0, p.errAt(p.peek())
	}
	return st, p.nparams, nil
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) peekN(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}
func (p *parser) errAt(t token) error { return syntaxErr(charOffset(p.src, t.pos)) }
func (p *parser) fail() error         { return p.errAt(p.peek()) }

func (p *parser) isKw(w string) bool {
	t := p.peek()
	return t.kind == tIdent && !t.quoted && t.text == w
}
func (p *parser) isKwN(n int, w string) bool {
	t := p.peekN(n)
	return t.kind == tIdent && !t.quoted && t.text == w
}
func (p *parser) acceptKw(ws ...string) bool {
	for k, w := range ws {
		if !p.isKwN(k, w) {
			return false
		}
	}
	p.i += len(ws)
	return true
}
func (p *parser) expectKw(ws ...string) error {
	for _, w := range ws {
		if !p.acceptKw(w) {
			return p.fail()
		}
	}
	return nil
}
func (p *parser) isOp(op string) bool { t := p.peek(); return t.kind == tOp && t.text == op }
func (p *parser) acceptOp(op string) bool {
	if p.isOp(op) {
		p.i++
		return true
	}
	return false
}
func (p *parser) expectOp(op string) error {
	if !p.acceptOp(op) {
		return p.fail()
	}
	return nil
}

func (p *parser) ident() (string, error) {
	t := p.peek()
	if t.kind != tIdent {
		return "", p.fail()
	}
	p.i++
	return t.text, nil
}

func (p *parser) identList() ([]string, error) {
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	var out []string
	for {
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		out = append(out, n)
		if !p.acceptOp(",") {
			break
		}
	}
	return out, p.expectOp(")")
}

func (p *parser) intLit() (int64, error) {
	t := p.peek()
	neg := false
	if t.kind == tOp && t.text == "-" {
		neg = true
		p.i++
		t = p.peek()
	}
	if t.kind != tNumber {
		return 0, p.fail()
	}
	n, err := strconv.ParseInt(t.text, 10, 64)
	if err != nil {
		return 0, p.fail()
	}
	p.i++
	if neg {
		n = -n
	}
	return n, nil
}

// tableName parses [db[@server]:][owner.]name with optional quoted owner.
func (p *parser) tableName() (tableName, error) {
	tn := tableName{p: p.peek().pos}
	first := p.peek()
	if first.kind != tIdent && first.kind != tString {
		return tn, p.fail()
	}
	p.i++
	name := first.text
	if p.isOp("@") {
		p.i++
		if _, err := p.ident(); err != nil {
			return tn, err
		}
	}
	if p.isOp(":") {
		p.i++
		tn.db = name
		t := p.peek()
		if t.kind != tIdent && t.kind != tString {
			return tn, p.fail()
		}
		p.i++
		name = t.text
	}
	if p.isOp(".") {
		p.i++
		n, err := p.ident()
		if err != nil {
			return tn, err
		}
		tn.owner, name = name, n
	} else if first.kind == tString && tn.db == "" {
		return tn, p.errAt(first)
	}
	tn.name = strings.ToLower(name)
	return tn, nil
}

// statement dispatches on the leading keyword.
func (p *parser) statement() (statement, error) {
	t := p.peek()
	if t.kind == tOp && t.text == "(" {
		return p.selectStmt()
	}
	if t.kind != tIdent {
		return nil, p.fail()
	}
	switch t.text {
	case "select", "with":
		return p.selectStmt()
	case "insert":
		return p.insertStmt()
	case "update":
		if p.isKwN(1, "statistics") {
			p.i = len(p.toks) - 1
			return &simpleStmt{p: t.pos, typ: StmtUpdateStatistics, verb: "noop"}, nil
		}
		return p.updateStmt()
	case "delete":
		return p.deleteStmt()
	case "create":
		return p.createStmt()
	case "drop":
		return p.dropStmt()
	case "alter":
		return p.alterStmt()
	case "rename":
		return p.renameStmt()
	case "database":
		p.i++
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		if p.isOp("@") {
			p.i++
			if _, err := p.ident(); err != nil {
				return nil, err
			}
		}
		p.acceptKw("exclusive")
		return &databaseStmt{p: t.pos, name: n}, nil
	case "close":
		p.i++
		if err := p.expectKw("database"); err != nil {
			return nil, err
		}
		return &simpleStmt{p: t.pos, typ: StmtCloseDatabase, verb: "closedb"}, nil
	case "begin":
		p.i++
		p.acceptKw("work")
		p.acceptKw("without", "replication")
		return &simpleStmt{p: t.pos, typ: StmtBeginWork, verb: "begin"}, nil
	case "commit":
		p.i++
		p.acceptKw("work")
		return &simpleStmt{p: t.pos, typ: StmtCommitWork, verb: "commit"}, nil
	case "rollback":
		p.i++
		p.acceptKw("work")
		if p.acceptKw("to") {
			p.acceptKw("savepoint")
			n, err := p.ident()
			if err != nil {
				return nil, err
			}
			return &simpleStmt{p: t.pos, typ: StmtRollbackToSavepoint, verb: "rollbackto", name: n}, nil
		}
		return &simpleStmt{p: t.pos, typ: StmtRollbackWork, verb: "rollback"}, nil
	case "merge":
		// IDS has MERGE; ifxtest does not run it yet.
		e := newErr(-999, 0, "")
		e.Offset = charOffset(p.src, t.pos)
		return nil, e
	case "savepoint":
		p.i++
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		p.acceptKw("unique")
		return &simpleStmt{p: t.pos, typ: StmtSavepoint, verb: "savepoint", name: n}, nil
	case "release":
		p.i++
		p.acceptKw("savepoint")
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		return &simpleStmt{p: t.pos, typ: StmtReleaseSavepoint, verb: "release", name: n}, nil
	case "set":
		return p.setStmt()
	case "lock", "unlock":
		p.i++
		if err := p.expectKw("table"); err != nil {
			return nil, err
		}
		tn, err := p.tableName()
		if err != nil {
			return nil, err
		}
		st := &simpleStmt{p: t.pos, typ: StmtUnlockTable, verb: "unlock", table: tn}
		if t.text == "lock" {
			if err := p.expectKw("in"); err != nil {
				return nil, err
			}
			if !p.acceptKw("share") && !p.acceptKw("exclusive") {
				return nil, p.fail()
			}
			if err := p.expectKw("mode"); err != nil {
				return nil, err
			}
			st.typ, st.verb = StmtLockTable, "lock"
		}
		return st, nil
	case "truncate":
		p.i++
		p.acceptKw("table")
		tn, err := p.tableName()
		if err != nil {
			return nil, err
		}
		if p.acceptKw("reuse") || p.acceptKw("drop") {
			if err := p.expectKw("storage"); err != nil {
				return nil, err
			}
		}
		return &simpleStmt{p: t.pos, typ: StmtTruncate, verb: "truncate", table: tn}, nil
	case "grant", "revoke":
		typ := StmtGrant
		if t.text == "revoke" {
			typ = StmtRevoke
		}
		p.i = len(p.toks) - 1
		return &simpleStmt{p: t.pos, typ: typ, verb: "noop"}, nil
	case "execute":
		if p.isKwN(1, "procedure") || p.isKwN(1, "function") {
			return p.executeRoutine(t.pos)
		}
	}
	return nil, p.fail()
}

func (p *parser) setStmt() (statement, error) {
	start := p.next()
	st := &simpleStmt{p: start.pos, verb: "noop"}
	skipRest := func() { p.i = len(p.toks) - 1 }
	switch {
	case p.acceptKw("transaction"):
		return p.setTransaction(start)
	case p.acceptKw("isolation"):
		st.typ, st.verb = StmtSetIsolation, "isolation"
		p.acceptKw("to")
		var err error
		if st.name, err = p.isolationLevel(); err != nil {
			return nil, err
		}
	case p.acceptKw("lock", "mode", "to"):
		st.typ, st.verb = StmtSetLockMode, "lockmode"
		if p.acceptKw("not", "wait") {
			st.wait = 0
		} else if p.acceptKw("wait") {
			st.wait = -1
			if p.peek().kind == tNumber {
				n, err := p.intLit()
				if err != nil {
					return nil, err
				}
				st.wait = int(n)
			}
		} else {
			return nil, p.fail()
		}
	case p.acceptKw("explain"):
		st.typ = StmtSetExplain
		skipRest()
	case p.acceptKw("pdqpriority"):
		st.typ = StmtSetPDQPriority
		skipRest()
	case p.acceptKw("environment"):
		st.typ = StmtSetEnvironment
		skipRest()
	case p.acceptKw("optimization"):
		st.typ = StmtSetOptimization
		skipRest()
	case p.acceptKw("log"), p.acceptKw("buffered", "log"):
		st.typ = StmtSetLog
	case p.acceptKw("constraints"), p.acceptKw("all", "constraints"):
		st.typ = StmtSetConstraints
		skipRest()
	case p.acceptKw("debug", "file"):
		st.typ = StmtSetDebugFile
		skipRest()
	case p.acceptKw("dataskip"):
		st.typ = StmtSetDataskip
		skipRest()
	case p.acceptKw("role"):
		st.typ = StmtSetRole
		skipRest()
	case p.acceptKw("session", "authorization"):
		st.typ = StmtSetSessionAuth
		skipRest()
	case p.acceptKw("statement", "cache"):
		st.typ = StmtSetStatementCache
		skipRest()
	case p.acceptKw("deferred_prepare"), p.acceptKw("collation"), p.acceptKw("encryption"), p.acceptKw("autofree"):
		st.typ = StmtSetEnvironment
		skipRest()
	default:
		return nil, p.fail()
	}
	return st, nil
}

// isolationLevel parses the level of SET ISOLATION (IDS syntax:
// REPEATABLE READ | COMMITTED READ [LAST COMMITTED] | CURSOR STABILITY |
// DIRTY READ [WITH WARNING], then optionally RETAIN UPDATE LOCKS).
func (p *parser) isolationLevel() (string, error) {
	var level string
	switch {
	case p.acceptKw("repeatable", "read"):
		return "repeatable read", nil
	case p.acceptKw("committed", "read"):
		level = "committed read"
		if p.acceptKw("last", "committed") {
			level = "last committed"
		}
	case p.acceptKw("cursor", "stability"):
		level = "cursor stability"
	case p.acceptKw("dirty", "read"):
		level = "dirty read"
		p.acceptKw("with", "warning")
	default:
		return "", p.fail()
	}
	p.acceptKw("retain", "update", "locks")
	return level, nil
}

// ---------- expressions ----------

func (p *parser) expr() (expr, error) { return p.orExpr() }

func (p *parser) orExpr() (expr, error) {
	l, err := p.andExpr()
	if err != nil {
		return nil, err
	}
	for p.isKw("or") {
		t := p.next()
		r, err := p.andExpr()
		if err != nil {
			return nil, err
		}
		l = &binExpr{p: t.pos, op: "or", l: l, r: r}
	}
	return l, nil
}

func (p *parser) andExpr() (expr, error) {
	l, err := p.notExpr()
	if err != nil {
		return nil, err
	}
	for p.isKw("and") {
		t := p.next()
		r, err := p.notExpr()
		if err != nil {
			return nil, err
		}
		l = &binExpr{p: t.pos, op: "and", l: l, r: r}
	}
	return l, nil
}

func (p *parser) notExpr() (expr, error) {
	if p.isKw("not") && !p.isKwN(1, "exists") {
		t := p.next()
		x, err := p.notExpr()
		if err != nil {
			return nil, err
		}
		return &unaryExpr{p: t.pos, op: "not", x: x}, nil
	}
	return p.predicate()
}

var cmpOps = map[string]string{"=": "=", "==": "=", "!=": "<>", "<>": "<>", "<": "<", ">": ">", "<=": "<=", ">=": ">="}

func (p *parser) predicate() (expr, error) {
	l, err := p.additive()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t.kind == tOp {
			if op, ok := cmpOps[t.text]; ok {
				p.i++
				r, err := p.additive()
				if err != nil {
					return nil, err
				}
				l = &binExpr{p: t.pos, op: op, l: l, r: r}
				continue
			}
			return l, nil
		}
		if t.kind != tIdent {
			return l, nil
		}
		not := false
		save := p.i
		if t.text == "not" {
			not = true
			p.i++
		}
		switch {
		case p.acceptKw("is"):
			if not {
				return nil, p.errAt(t)
			}
			n := p.acceptKw("not")
			if err := p.expectKw("null"); err != nil {
				return nil, err
			}
			l = &isNullExpr{p: t.pos, x: l, not: n}
		case p.acceptKw("between"):
			lo, err := p.additive()
			if err != nil {
				return nil, err
			}
			if err := p.expectKw("and"); err != nil {
				return nil, err
			}
			hi, err := p.additive()
			if err != nil {
				return nil, err
			}
			l = &betweenExpr{p: t.pos, x: l, lo: lo, hi: hi, not: not}
		case p.acceptKw("in"):
			if !p.isOp("(") {
				// x IN collection: a collection column or literal.
				coll, err := p.additive()
				if err != nil {
					return nil, err
				}
				l = &inCollExpr{p: t.pos, x: l, coll: coll, not: not}
				continue
			}
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			in := &inExpr{p: t.pos, x: l, not: not}
			if p.isKw("select") || p.isKw("with") {
				at := p.peek()
				sub, err := p.selectStmt()
				if err != nil {
					return nil, err
				}
				if err := p.noRowLimit(sub, at); err != nil {
					return nil, err
				}
				in.sub = sub
			} else {
				for {
					e, err := p.expr()
					if err != nil {
						return nil, err
					}
					in.list = append(in.list, e)
					if !p.acceptOp(",") {
						break
					}
				}
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			l = in
		case p.isKw("like") || p.isKw("matches"):
			m := p.next().text == "matches"
			pat, err := p.additive()
			if err != nil {
				return nil, err
			}
			le := &likeExpr{p: t.pos, x: l, pat: pat, not: not, matches: m}
			if p.acceptKw("escape") {
				if le.esc, err = p.additive(); err != nil {
					return nil, err
				}
			}
			l = le
		default:
			p.i = save
			return l, nil
		}
	}
}

func (p *parser) additive() (expr, error) {
	l, err := p.multiplicative()
	if err != nil {
		return nil, err
	}
	for p.isOp("+") || p.isOp("-") || p.isOp("||") {
		t := p.next()
		r, err := p.multiplicative()
		if err != nil {
			return nil, err
		}
		l = &binExpr{p: t.pos, op: t.text, l: l, r: r}
	}
	return l, nil
}

func (p *parser) multiplicative() (expr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.isOp("*") || p.isOp("/") {
		t := p.next()
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		l = &binExpr{p: t.pos, op: t.text, l: l, r: r}
	}
	return l, nil
}

func (p *parser) unary() (expr, error) {
	if p.isOp("-") || p.isOp("+") {
		t := p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		if n, ok := x.(*numLit); ok && t.text == "-" && !strings.HasPrefix(n.text, "-") {
			return &numLit{p: t.pos, text: "-" + n.text}, nil
		}
		return &unaryExpr{p: t.pos, op: t.text, x: x}, nil
	}
	return p.postfix()
}

func (p *parser) postfix() (expr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.isOp("::"):
			t := p.next()
			ty, _, err := p.typeSpec()
			if err != nil {
				return nil, err
			}
			x = &castExpr{p: t.pos, x: x, t: ty}
		case p.isKw("units"):
			t := p.next()
			f, err := p.qualField()
			if err != nil {
				return nil, err
			}
			x = &unitsExpr{p: t.pos, x: x, field: f}
		case p.isOp("["):
			c, ok := x.(*colRef)
			if !ok {
				return nil, p.fail()
			}
			sub, err := p.substring(c)
			if err != nil {
				return nil, err
			}
			x = sub
		default:
			return x, nil
		}
	}
}

// substring parses the substring operator after a column: IDS reads
// brackets there as one only around two unsigned integers, the first
// above zero and not above the second (SQL Syntax, "Using the Substring
// Operator"); anything else is a syntax error at the bracket.
func (p *parser) substring(c *colRef) (expr, error) {
	open := p.next()
	first, comma, last, shut := p.peek(), p.peekN(1), p.peekN(2), p.peekN(3)
	if first.kind != tNumber || comma.kind != tOp || comma.text != "," ||
		last.kind != tNumber || shut.kind != tOp || shut.text != "]" {
		return nil, p.errAt(open)
	}
	f, err1 := strconv.Atoi(first.text)
	l, err2 := strconv.Atoi(last.text)
	if err1 != nil || err2 != nil || f < 1 || f > l {
		return nil, p.errAt(open)
	}
	p.i += 4
	return &substrExpr{p: open.pos, x: c, first: f, last: l}, nil
}

var qualFieldCodes = map[string]int{"year": QYear, "month": QMonth, "day": QDay, "hour": QHour, "minute": QMinute, "second": QSecond, "fraction": 13}

func (p *parser) qualField() (int, error) {
	t := p.peek()
	if t.kind != tIdent {
		return 0, p.fail()
	}
	c, ok := qualFieldCodes[t.text]
	if !ok {
		return 0, p.fail()
	}
	p.i++
	return c, nil
}

// qualifier parses "start[(n)] TO end[(n)]" for DATETIME (interval=false)
// or INTERVAL.
func (p *parser) qualifier(interval bool) (ifxType, error) {
	s, err := p.qualField()
	if err != nil {
		return ifxType{}, err
	}
	lead := 2
	if s == QYear {
		lead = 4
	}
	if p.isOp("(") {
		p.i++
		n, err := p.intLit()
		if err != nil {
			return ifxType{}, err
		}
		if err := p.expectOp(")"); err != nil {
			return ifxType{}, err
		}
		if s >= QFraction {
			s = 10 + int(n)
		} else {
			lead = int(n)
		}
	}
	e := s
	if p.acceptKw("to") {
		if e, err = p.qualField(); err != nil {
			return ifxType{}, err
		}
		if e == 13 && p.isOp("(") {
			p.i++
			n, err := p.intLit()
			if err != nil || n < 1 || n > 5 {
				return ifxType{}, p.fail()
			}
			e = 10 + int(n)
			if err := p.expectOp(")"); err != nil {
				return ifxType{}, err
			}
		}
	} else if s >= QFraction {
		e = s
	}
	if e < s {
		return ifxType{}, p.fail()
	}
	if interval {
		if s <= QMonth && e > QMonth || s > QMonth && e <= QMonth {
			return ifxType{}, p.fail()
		}
		if lead < 1 || lead > 9 {
			return ifxType{}, p.fail()
		}
		return tInterval(s, e, lead), nil
	}
	return tDatetime(s, e), nil
}

// rawParen returns the raw source between '(' and the matching ')'.
func (p *parser) rawParen() (string, error) {
	open := p.peek()
	if err := p.expectOp("("); err != nil {
		return "", err
	}
	depth := 1
	for {
		t := p.next()
		switch {
		case t.kind == tEOF:
			return "", p.errAt(t)
		case t.kind == tOp && t.text == "(":
			depth++
		case t.kind == tOp && t.text == ")":
			depth--
			if depth == 0 {
				return strings.TrimSpace(p.src[open.end:t.pos]), nil
			}
		}
	}
}

func (p *parser) primary() (expr, error) {
	t := p.peek()
	switch t.kind {
	case tNumber:
		p.i++
		return &numLit{p: t.pos, text: t.text}, nil
	case tString:
		p.i++
		return &strLit{p: t.pos, val: t.text}, nil
	case tParam:
		p.i++
		e := &paramRef{p: t.pos, idx: p.nparams}
		p.nparams++
		return e, nil
	case tOp:
		if t.text == "(" {
			if p.isKwN(1, "select") || p.isKwN(1, "with") {
				p.i++
				at := p.peek()
				sub, err := p.selectStmt()
				if err != nil {
					return nil, err
				}
				if err := p.noRowLimit(sub, at); err != nil {
					return nil, err
				}
				if err := p.expectOp(")"); err != nil {
					return nil, err
				}
				return &subqExpr{p: t.pos, sub: sub}, nil
			}
			p.i++
			e, err := p.expr()
			if err != nil {
				return nil, err
			}
			return e, p.expectOp(")")
		}
		return nil, p.fail()
	case tIdent:
	default:
		return nil, p.fail()
	}
	if n := p.routineQualifier(); n > 0 {
		p.i += n
		return p.funcCall()
	}
	next := p.peekN(1)
	callLike := next.kind == tOp && next.text == "("
	kw := t.text
	if t.quoted {
		kw = "" // a delimited identifier is a name, never NULL, USER, CASE…
	}
	switch kw {
	case "null":
		p.i++
		return &nullLit{p: t.pos}, nil
	case "true", "false":
		if !callLike && !(next.kind == tOp && next.text == ".") {
			p.i++
			return &boolLit{p: t.pos, val: t.text == "true"}, nil
		}
	case "case":
		return p.caseExpr()
	case "set", "multiset", "list":
		if p.isCollectionStart() {
			return p.collectionLit()
		}
	case "row":
		if callLike {
			return p.rowConstructor()
		}
	case "cast":
		if callLike {
			p.i += 2
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			if err := p.expectKw("as"); err != nil {
				return nil, err
			}
			ty, _, err := p.typeSpec()
			if err != nil {
				return nil, err
			}
			return &castExpr{p: t.pos, x: x, t: ty}, p.expectOp(")")
		}
	case "exists":
		p.i++
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		at := p.peek()
		sub, err := p.selectStmt()
		if err != nil {
			return nil, err
		}
		if err := p.noRowLimit(sub, at); err != nil {
			return nil, err
		}
		return &existsExpr{p: t.pos, sub: sub}, p.expectOp(")")
	case "not":
		if p.isKwN(1, "exists") {
			p.i++
			e, err := p.primary()
			if err != nil {
				return nil, err
			}
			e.(*existsExpr).not = true
			return e, nil
		}
	case "datetime", "interval":
		if callLike {
			p.i++
			raw, err := p.rawParen()
			if err != nil {
				return nil, err
			}
			q, err := p.qualifier(t.text == "interval")
			if err != nil {
				return nil, err
			}
			return &dtLitExpr{p: t.pos, text: raw, t: q}, nil
		}
	case "current", "sysdate":
		if !callLike {
			p.i++
			k := &kwExpr{p: t.pos, kw: "current", t: tDatetime(QYear, 13)}
			if t.text == "sysdate" {
				k.t = tDatetime(QYear, 15)
			}
			if _, ok := qualFieldCodes[p.peek().text]; ok && p.peek().kind == tIdent && t.text == "current" {
				q, err := p.qualifier(false)
				if err != nil {
					return nil, err
				}
				k.t = q
			}
			return k, nil
		}
	case "dbservername", "sitename":
		if !callLike && !(next.kind == tOp && next.text == ".") {
			p.i++
			return &kwExpr{p: t.pos, kw: "dbservername"}, nil
		}
	case "today", "user", "current_user":
		if !callLike && !(next.kind == tOp && next.text == ".") {
			p.i++
			kw := t.text
			if kw == "current_user" {
				kw = "user"
			}
			return &kwExpr{p: t.pos, kw: kw}, nil
		}
	}
	if callLike {
		return p.funcCall()
	}
	// column reference
	c := &colRef{p: t.pos}
	p.i++
	c.parts = append(c.parts, t.text)
	for p.isOp(".") && p.peekN(1).kind == tIdent {
		p.i++
		c.parts = append(c.parts, p.next().text)
	}
	return c, nil
}

func (p *parser) caseExpr() (expr, error) {
	t := p.next()
	c := &caseExpr{p: t.pos}
	var err error
	if !p.isKw("when") {
		if c.operand, err = p.expr(); err != nil {
			return nil, err
		}
	}
	for p.acceptKw("when") {
		w, err := p.expr()
		if err != nil {
			return nil, err
		}
		if err := p.expectKw("then"); err != nil {
			return nil, err
		}
		th, err := p.expr()
		if err != nil {
			return nil, err
		}
		c.whens = append(c.whens, w)
		c.thens = append(c.thens, th)
	}
	if len(c.whens) == 0 {
		return nil, p.fail()
	}
	if p.acceptKw("else") {
		if c.els, err = p.expr(); err != nil {
			return nil, err
		}
	}
	return c, p.expectKw("end")
}

func (p *parser) funcCall() (expr, error) {
	t := p.next()
	p.next() // (
	f := &funcExpr{p: t.pos, name: t.text}
	switch f.name {
	case "trim":
		for _, m := range []string{"leading", "trailing", "both"} {
			if p.acceptKw(m) {
				f.mode = m
			}
		}
		var first expr
		var err error
		if !p.isKw("from") {
			if first, err = p.expr(); err != nil {
				return nil, err
			}
		}
		if p.acceptKw("from") {
			x, err := p.expr()
			if err != nil {
				return nil, err
			}
			f.args = []expr{x}
			if first != nil {
				f.args = append(f.args, first)
			}
		} else {
			if first == nil {
				return nil, p.fail()
			}
			f.args = []expr{first}
		}
		return f, p.expectOp(")")
	case "substring":
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		f.name = "substr"
		f.args = []expr{x}
		if p.acceptKw("from") {
			a, err := p.expr()
			if err != nil {
				return nil, err
			}
			f.args = append(f.args, a)
			if p.acceptKw("for") {
				b, err := p.expr()
				if err != nil {
					return nil, err
				}
				f.args = append(f.args, b)
			}
			return f, p.expectOp(")")
		}
		for p.acceptOp(",") {
			a, err := p.expr()
			if err != nil {
				return nil, err
			}
			f.args = append(f.args, a)
		}
		return f, p.expectOp(")")
	case "extend":
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		f.args = []expr{x}
		if p.acceptOp(",") {
			q, err := p.qualifier(false)
			if err != nil {
				return nil, err
			}
			f.qual, f.hasQual = q, true
		}
		return f, p.expectOp(")")
	}
	if p.acceptOp(")") {
		return f, nil
	}
	if p.isOp("*") {
		p.i++
		f.star = true
		return f, p.expectOp(")")
	}
	if p.acceptKw("distinct") || p.acceptKw("unique") {
		f.distinct = true
	} else {
		p.acceptKw("all")
	}
	for {
		a, err := p.expr()
		if err != nil {
			return nil, err
		}
		f.args = append(f.args, a)
		if !p.acceptOp(",") {
			break
		}
	}
	return f, p.expectOp(")")
}

// ---------- types ----------

// typeSpec parses an Informix data type; the second result is the SERIAL start.
func (p *parser) typeSpec() (ifxType, int64, error) {
	t := p.peek()
	if t.kind != tIdent {
		return ifxType{}, 0, p.fail()
	}
	p.i++
	optLen := func(def int) (int, int, bool, error) {
		if !p.isOp("(") {
			return def, -1, false, nil
		}
		p.i++
		a, err := p.intLit()
		if err != nil {
			return 0, 0, false, err
		}
		b := int64(-1)
		if p.acceptOp(",") {
			if b, err = p.intLit(); err != nil {
				return 0, 0, false, err
			}
		}
		return int(a), int(b), true, p.expectOp(")")
	}
	bad := func() (ifxType, int64, error) { return ifxType{}, 0, p.errAt(t) }
	switch t.text {
	case "char", "character", "nchar":
		if t.text == "character" && p.acceptKw("varying") {
			m, r, _, err := optLen(1)
			if err != nil {
				return bad()
			}
			return varcharType(TypeVarchar, m, r, p, t)
		}
		n, _, _, err := optLen(1)
		if err != nil || n < 1 || n > 32767 {
			return bad()
		}
		ty := tChar(n)
		if t.text == "nchar" {
			ty.code = TypeNchar
		}
		return ty, 0, nil
	case "varchar", "nvarchar":
		m, r, ok, err := optLen(1)
		if err != nil || !ok {
			return bad()
		}
		code := TypeVarchar
		if t.text == "nvarchar" {
			code = TypeNvarchar
		}
		return varcharType(code, m, r, p, t)
	case "lvarchar":
		n, _, _, err := optLen(2048)
		if err != nil || n < 1 || n > 32739 {
			return bad()
		}
		return tLvarchar(n), 0, nil
	case "smallint":
		return tSmallint(), 0, nil
	case "integer", "int":
		return tInteger(), 0, nil
	case "bigint":
		return tBigint(), 0, nil
	case "int8":
		return tInt8(), 0, nil
	case "serial", "serial8", "bigserial":
		n, _, ok, err := optLen(1)
		if err != nil {
			return bad()
		}
		ty := ifxType{code: TypeSerial, length: 4}
		if t.text == "serial8" {
			ty = ifxType{code: TypeSerial8, length: 10}
		} else if t.text == "bigserial" {
			ty = ifxType{code: TypeBigserial, length: 8}
		}
		if !ok || n < 1 {
			n = 1
		}
		return ty, int64(n), nil
	case "smallfloat", "real":
		return tSmallfloat(), 0, nil
	case "float":
		if _, _, _, err := optLen(0); err != nil {
			return bad()
		}
		return tFloat(), 0, nil
	case "double":
		if err := p.expectKw("precision"); err != nil {
			return bad()
		}
		return tFloat(), 0, nil
	case "decimal", "dec", "numeric", "money":
		def := 16
		pr, sc, _, err := optLen(def)
		if err != nil || pr < 1 || pr > 32 || sc > pr {
			return bad()
		}
		if t.text == "money" {
			if sc < 0 {
				sc = 2
			}
			ty := tDecimal(pr, sc)
			ty.code = TypeMoney
			return ty, 0, nil
		}
		if sc < 0 {
			sc = 0xff
		}
		return tDecimal(pr, sc), 0, nil
	case "date":
		return tDate(), 0, nil
	case "datetime":
		q, err := p.qualifier(false)
		if err != nil {
			return bad()
		}
		return q, 0, nil
	case "interval":
		q, err := p.qualifier(true)
		if err != nil {
			return bad()
		}
		return q, 0, nil
	case "boolean":
		return tBool(), 0, nil
	case "set", "multiset", "list", "row":
		if p.isOp("(") {
			return p.compositeSpec(t)
		}
	case "text":
		return ifxType{code: TypeText, length: 56}, 0, nil
	case "byte":
		return ifxType{code: TypeByte, length: 56}, 0, nil
	case "blob":
		return tBlob(), 0, nil
	case "clob":
		return tClob(), 0, nil
	}
	if p.namedType != nil {
		if nt, ok := p.namedType(t.text); ok {
			return nt, 0, nil
		}
	}
	e := newErr(-9628, 0, t.text)
	e.Offset = charOffset(p.src, t.pos)
	return ifxType{}, 0, e
}

func varcharType(code, m, r int, p *parser, t token) (ifxType, int64, error) {
	if r < 0 {
		r = 0
	}
	if m < 1 || m > 255 || r > m {
		return ifxType{}, 0, p.errAt(t)
	}
	return ifxType{code: code, length: int32(r<<8 | m)}, 0, nil
}
