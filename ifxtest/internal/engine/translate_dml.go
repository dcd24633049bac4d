package engine

import (
	"strconv"
	"strings"
)

// serialRef is a SERIAL column an INSERT may generate values for.
type serialRef struct {
	ti  *tableInfo
	col *colInfo
	key string
}

// valueFor translates an expression assigned to a column of type ct.
func (t *translator) valueFor(e expr, ct ifxType, sc *scope) (string, error) {
	target := ct.nullable().unserial()
	if ct.code == TypeByte || ct.code == TypeText {
		// IDS takes a BYTE or TEXT value only bound (SQ_BBIND) or NULL.
		switch e.(type) {
		case *paramRef, *nullLit:
		default:
			return "", t.errAt(-617, 0, "", e.pos())
		}
	}
	switch x := e.(type) {
	case *paramRef:
		full := ct
		s, _, err := t.expr(x, sc, &full)
		return s, err
	case *numLit, *strLit, *nullLit, *boolLit, *dtLitExpr:
		v, err := literalValue(e)
		if err != nil {
			return "", err
		}
		if nl, ok := e.(*numLit); ok && strings.ContainsAny(nl.text, "eE") {
			f, _ := strconv.ParseFloat(nl.text, 64)
			v = f
		}
		if dl, ok := e.(*dtLitExpr); ok {
			// validate the literal against its own qualifier first
			if _, _, err := t.expr(dl, sc, nil); err != nil {
				return "", err
			}
		}
		sv, err := t.s.toStorage(v, target)
		if err != nil {
			t.deferErr(t.withPos(err, e.pos()))
			return "NULL", nil
		}
		return sqlLiteral(sv), nil
	case *unaryExpr:
		if n, ok := x.x.(*numLit); ok && x.op == "-" {
			return t.valueFor(&numLit{p: x.p, text: "-" + n.text}, ct, sc)
		}
	}
	s, ty, err := t.expr(e, sc, &target)
	if err != nil {
		return "", err
	}
	return t.convertTo(s, ty, target), nil
}

func serialKind(t ifxType) int { return t.code }

func (t *translator) serialCall(ti *tableInfo, c *colInfo, inner string) string {
	sid := t.sessArg(argSessionID)
	return "ifx_serial(" + sid + ", " + quoteStr(ti.serialKey(c)) + ", " + inner + ", " + strconv.Itoa(serialKind(c.t)) + ")"
}

// insert translates INSERT; it returns the SQL, the target columns and the
// SERIAL columns involved.
func (t *translator) insert(st *insertStmt) (string, []colInfo, []serialRef, error) {
	ti, err := t.lookupTable(st.table)
	if err != nil {
		return "", nil, nil, t.withPos(err, st.table.p)
	}
	var target []colInfo
	if len(st.cols) > 0 {
		seen := map[string]bool{}
		for _, n := range st.cols {
			c := ti.col(n)
			if c == nil {
				return "", nil, nil, t.errAt(-217, 0, n, st.table.p)
			}
			if seen[n] {
				return "", nil, nil, t.errAt(-201, 0, "", st.table.p)
			}
			seen[n] = true
			target = append(target, *c)
		}
	} else {
		target = append(target, ti.cols...)
	}
	inTarget := map[string]bool{}
	for _, c := range target {
		inTarget[c.name] = true
	}
	// columns the engine fills in: omitted SERIALs and dynamic defaults
	var extra []colInfo
	for _, c := range ti.cols {
		if inTarget[c.name] {
			continue
		}
		if c.t.isSerial() || c.def == "T" || c.def == "C" || c.def == "U" {
			extra = append(extra, c)
		}
	}
	var serials []serialRef
	for _, c := range append(append([]colInfo(nil), target...), extra...) {
		if c.t.isSerial() {
			cc := ti.col(c.name)
			serials = append(serials, serialRef{ti: ti, col: cc, key: ti.serialKey(cc)})
		}
	}
	names := make([]string, 0, len(target)+len(extra))
	for _, c := range append(append([]colInfo(nil), target...), extra...) {
		names = append(names, quoteIdent(c.name))
	}
	extraVals := func() []string {
		var out []string
		for i := range extra {
			c := &extra[i]
			switch {
			case c.t.isSerial():
				out = append(out, t.serialCall(ti, ti.col(c.name), "0"))
			case c.def == "T":
				out = append(out, t.sessArg(argToday))
			case c.def == "C":
				out = append(out, t.addArg(argSrc{kind: argCurrent, t: c.t.nullable()}))
			case c.def == "U":
				out = append(out, t.sessArg(argUserName))
			}
		}
		return out
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + ti.sqlName() + " (" + strings.Join(names, ", ") + ") ")
	if st.sel != nil {
		body, cols, err := t.selectSQL(st.sel, nil, true)
		if err != nil {
			return "", nil, nil, err
		}
		if len(cols) != len(target) {
			return "", nil, nil, t.errAt(-236, 0, "", st.p)
		}
		var vals []string
		for i, c := range target {
			s := t.convertTo(`"_q"."_c`+strconv.Itoa(i+1)+`"`, cols[i].t, c.t.nullable().unserial())
			if c.t.isSerial() {
				s = t.serialCall(ti, ti.col(c.name), s)
			}
			vals = append(vals, s)
		}
		vals = append(vals, extraVals()...)
		b.WriteString("SELECT " + strings.Join(vals, ", ") + " FROM (" + body + ") AS \"_q\"")
		return b.String(), target, serials, nil
	}
	b.WriteString("VALUES ")
	for r, row := range st.rows {
		if len(row) != len(target) {
			return "", nil, nil, t.errAt(-236, 0, "", st.p)
		}
		var vals []string
		for i, e := range row {
			c := target[i]
			s, err := t.valueFor(e, c.t, nil)
			if err != nil {
				return "", nil, nil, err
			}
			if c.t.isSerial() {
				s = t.serialCall(ti, ti.col(c.name), s)
			}
			vals = append(vals, s)
		}
		vals = append(vals, extraVals()...)
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + strings.Join(vals, ", ") + ")")
	}
	return b.String(), target, serials, nil
}

func (t *translator) update(st *updateStmt) (string, error) {
	ti, err := t.lookupTable(st.table)
	if err != nil {
		return "", t.withPos(err, st.table.p)
	}
	name := ti.name
	var b strings.Builder
	b.WriteString("UPDATE " + ti.sqlName())
	if st.alias != "" {
		name = st.alias
		b.WriteString(" AS " + quoteIdent(name))
	}
	src := &source{name: name, alias: name}
	for _, c := range ti.cols {
		src.cols = append(src.cols, srcCol{name: c.name, t: c.t})
	}
	sc := &scope{srcs: []*source{src}}
	core := t.dmlRowCore(ti, name, sc)
	defer core.done()
	b.WriteString(" SET ")
	first := true
	for _, set := range st.sets {
		for _, n := range set.cols {
			if ti.col(n) == nil {
				return "", t.errAt(-217, 0, n, st.p)
			}
		}
		if !first {
			b.WriteString(", ")
		}
		first = false
		if set.sub != nil {
			sub, cols, err := t.selectSQL(set.sub, sc, false)
			if err != nil {
				return "", err
			}
			if len(cols) != len(set.cols) {
				return "", t.errAt(-201, 0, "", st.p)
			}
			b.WriteString("(" + quoteList(set.cols) + ") = (" + sub + ")")
			continue
		}
		for i, n := range set.cols {
			if i > 0 {
				b.WriteString(", ")
			}
			s, err := t.valueFor(set.vals[i], ti.col(n).t, sc)
			if err != nil {
				return "", err
			}
			b.WriteString(quoteIdent(n) + " = " + s)
		}
	}
	where, err := core.where(st.where)
	if err != nil {
		return "", err
	}
	b.WriteString(where)
	return b.String(), nil
}

func (t *translator) delete(st *deleteStmt) (string, error) {
	ti, err := t.lookupTable(st.table)
	if err != nil {
		return "", t.withPos(err, st.table.p)
	}
	name := ti.name
	s := "DELETE FROM " + ti.sqlName()
	if st.alias != "" {
		name = st.alias
		s += " AS " + quoteIdent(name)
	}
	src := &source{name: name, alias: name}
	for _, c := range ti.cols {
		src.cols = append(src.cols, srcCol{name: c.name, t: c.t})
	}
	sc := &scope{srcs: []*source{src}}
	core := t.dmlRowCore(ti, name, sc)
	defer core.done()
	where, err := core.where(st.where)
	if err != nil {
		return "", err
	}
	return s + where, nil
}

// tempTableFor builds the CREATE TEMP TABLE for SELECT … INTO TEMP.
func tempTableFor(name string, cols []srcCol) (string, *tableInfo) {
	ti := &tableInfo{name: name, temp: true, gen: -1}
	var defs []string
	used := map[string]bool{}
	for i, c := range cols {
		n := c.name
		if strings.HasPrefix(n, "(") || used[n] {
			n = "expr" + strconv.Itoa(i+1)
		}
		used[n] = true
		ty := c.t.nullable().unserial()
		defs = append(defs, quoteIdent(n)+" "+ty.storageDecl())
		ti.cols = append(ti.cols, colInfo{name: n, no: i + 1, t: ty})
	}
	return "CREATE TEMP TABLE " + quoteIdent(name) + " (" + strings.Join(defs, ", ") + ")", ti
}
