package engine

import (
	"fmt"
	"strconv"
	"strings"
)

func charResult(n int) ifxType {
	if n <= 0 {
		n = 255
	}
	if n > 255 {
		return tLvarchar(n)
	}
	return tVarchar(n)
}

// stringFuncs are the string functions: IDS refuses TEXT and BYTE in
// string expressions (SQL Reference, "TEXT data type"), which LENGTH
// and the substring operator are not.
var stringFuncs = map[string]bool{
	"upper": true, "lower": true, "initcap": true, "trim": true, "ltrim": true, "rtrim": true,
	"substr": true, "replace": true, "lpad": true, "rpad": true, "concat": true, "instr": true,
}

// function translates a function call. Unknown functions fail with -674
// like an unresolvable routine in Informix.
func (t *translator) function(f *funcExpr, sc *scope, hint *ifxType) (string, ifxType, error) {
	argc := len(f.args)
	need := func(lo, hi int) error {
		if argc < lo || argc > hi {
			return t.errAt(-674, 0, f.name, f.p)
		}
		return nil
	}
	args := make([]string, argc)
	types := make([]ifxType, argc)
	tr := func(hints ...*ifxType) error {
		for i, a := range f.args {
			var h *ifxType
			if i < len(hints) {
				h = hints[i]
			}
			var err error
			if args[i], types[i], err = t.expr(a, sc, h); err != nil {
				return err
			}
			if stringFuncs[f.name] {
				if err := t.simpleLOOperand(types[i], a.pos()); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if f.name == "cardinality" {
		return t.cardinalitySQL(f, sc)
	}
	if s, ty, ok, err := t.loFunction(f, sc); ok {
		return s, ty, err
	}
	it, ft, ct := tInteger(), tFloat(), tVarchar(255)
	call := func(name string) string { return name + "(" + strings.Join(args, ", ") + ")" }
	switch f.name {
	case "count":
		dec := tDecimal(15, 0)
		if f.star {
			return "count(*)", dec, nil
		}
		if err := need(1, 1); err != nil {
			return "", dec, err
		}
		if err := tr(); err != nil {
			return "", dec, err
		}
		if err := t.simpleLOOperand(types[0], f.p); err != nil {
			return "", dec, err
		}
		if f.distinct {
			return "count(DISTINCT " + args[0] + ")", dec, nil
		}
		return "count(" + args[0] + ")", dec, nil
	case "sum", "avg", "min", "max":
		if err := need(1, 1); err != nil {
			return "", it, err
		}
		if err := tr(); err != nil {
			return "", it, err
		}
		if err := t.simpleLOOperand(types[0], f.p); err != nil {
			return "", it, err
		}
		at := types[0].nullable().unserial()
		d := ""
		if f.distinct {
			d = "DISTINCT "
		}
		var ty ifxType
		switch f.name {
		case "min", "max":
			ty = at
		case "sum":
			switch {
			case at.isInt():
				ty = tDecimal(32, 0)
			case at.isDecimal():
				ty = tDecimal(32, at.decScale())
				ty.code = at.code
			case at.code == TypeInterval:
				ty = at
			default:
				ty = tFloat()
			}
		case "avg":
			switch {
			case at.isInt() || at.isDecimal():
				ty = tDecimal(32, 0xff)
			case at.code == TypeInterval:
				ty = at
				return "CAST(round(avg(" + d + args[0] + ")) AS INTEGER)", ty, nil
			default:
				ty = tFloat()
			}
		}
		return f.name + "(" + d + args[0] + ")", ty, nil
	case "nvl", "coalesce", "nullif", "greatest", "least":
		lo, hi := 2, 2
		if f.name == "coalesce" || f.name == "greatest" || f.name == "least" {
			lo, hi = 1, 100
		}
		if err := need(lo, hi); err != nil {
			return "", it, err
		}
		if err := t.exprsWithFirstType(f.args, sc, args, types); err != nil {
			return "", it, err
		}
		name := map[string]string{"nvl": "ifnull", "coalesce": "coalesce", "nullif": "nullif", "greatest": "max", "least": "min"}[f.name]
		if argc == 1 {
			return args[0], types[0], nil
		}
		return call(name), types[0].nullable(), nil
	case "decode":
		if argc < 3 {
			return "", it, t.errAt(-674, 0, f.name, f.p)
		}
		if err := tr(); err != nil {
			return "", it, err
		}
		var b strings.Builder
		b.WriteString("(CASE")
		i := 1
		for ; i+1 < argc; i += 2 {
			fmt.Fprintf(&b, " WHEN %s IS %s THEN %s", args[0], args[i], args[i+1])
		}
		if i < argc {
			b.WriteString(" ELSE " + args[i])
		}
		b.WriteString(" END)")
		return b.String(), types[2].nullable(), nil
	case "mod":
		if err := need(2, 2); err != nil {
			return "", it, err
		}
		if err := tr(&it, &it); err != nil {
			return "", it, err
		}
		if types[0].isInt() && types[1].isInt() {
			return "(" + args[0] + " % " + args[1] + ")", types[0].unserial().nullable(), nil
		}
		return "mod(" + args[0] + ", " + args[1] + ")", tDecimal(32, 0xff), nil
	case "abs":
		if err := need(1, 1); err != nil {
			return "", it, err
		}
		if err := tr(); err != nil {
			return "", it, err
		}
		return call("abs"), types[0].nullable().unserial(), nil
	case "round", "trunc":
		if err := need(1, 2); err != nil {
			return "", it, err
		}
		if err := tr(nil, &it); err != nil {
			return "", it, err
		}
		ty := types[0].nullable().unserial()
		if types[0].code == TypeDate || types[0].code == TypeDatetime {
			return "", it, t.errAt(-999, 0, "", f.p)
		}
		if ty.isChar() {
			ty = tDecimal(32, 0xff)
		}
		if ty.isDecimal() {
			sc := 0
			if argc == 2 {
				if n, ok := f.args[1].(*numLit); ok {
					sc, _ = strconv.Atoi(n.text)
				}
			}
			if sc >= 0 {
				ty = tDecimal(32, sc)
			}
		}
		if argc == 1 {
			args = append(args, "0")
		}
		return "ifx_" + f.name + "(" + args[0] + ", " + args[1] + ")", ty, nil
	case "ceil", "floor":
		if err := need(1, 1); err != nil {
			return "", it, err
		}
		if err := tr(); err != nil {
			return "", it, err
		}
		return call(f.name), tDecimal(32, 0), nil
	case "sqrt", "exp", "log10", "logn", "ln", "sin", "cos", "tan", "asin", "acos", "atan":
		if err := need(1, 1); err != nil {
			return "", ft, err
		}
		if err := tr(); err != nil {
			return "", ft, err
		}
		name := f.name
		if name == "logn" {
			name = "ln"
		}
		return call(name), ft, nil
	case "pow", "power", "atan2", "root":
		if err := need(1, 2); err != nil {
			return "", ft, err
		}
		if err := tr(); err != nil {
			return "", ft, err
		}
		switch f.name {
		case "root":
			if argc == 1 {
				return "sqrt(" + args[0] + ")", ft, nil
			}
			return "pow(" + args[0] + ", 1.0/" + args[1] + ")", ft, nil
		case "atan2":
			return call("atan2"), ft, nil
		}
		return call("pow"), ft, nil
	case "length", "char_length", "character_length", "octet_length":
		if err := need(1, 1); err != nil {
			return "", it, err
		}
		if err := tr(); err != nil {
			return "", it, err
		}
		if types[0].isLO() {
			return "", it, t.loLength(f)
		}
		switch {
		case types[0].code == TypeByte:
			// Bytes, not text: rtrim would read the value as text and
			// stop at its first NUL.
			return "length(CAST(" + args[0] + " AS BLOB))", it, nil
		case f.name == "length":
			return "length(rtrim(" + args[0] + ", ' '))", it, nil
		case f.name == "octet_length":
			return "length(CAST(" + args[0] + " AS BLOB))", it, nil
		}
		if types[0].isFixedChar() {
			return "ifx_charlen(" + args[0] + ", " + strconv.Itoa(types[0].maxChars()) + ")", it, nil
		}
		return "length(" + args[0] + ")", it, nil
	case "upper", "lower", "initcap":
		if err := need(1, 1); err != nil {
			return "", ct, err
		}
		if err := tr(); err != nil {
			return "", ct, err
		}
		ty := types[0].nullable()
		if !ty.isChar() {
			ty = ct
		}
		if f.name == "initcap" {
			return "ifx_initcap(" + args[0] + ")", ty, nil
		}
		return call(f.name), ty, nil
	case "trim", "ltrim", "rtrim":
		if err := need(1, 2); err != nil {
			return "", ct, err
		}
		if err := tr(); err != nil {
			return "", ct, err
		}
		name := f.name
		switch f.mode {
		case "leading":
			name = "ltrim"
		case "trailing":
			name = "rtrim"
		}
		if argc == 1 {
			args = append(args, "' '")
		}
		return name + "(" + args[0] + ", " + args[1] + ")", charResult(types[0].maxChars()), nil
	case "substr":
		if err := need(2, 3); err != nil {
			return "", ct, err
		}
		if err := tr(nil, &it, &it); err != nil {
			return "", ct, err
		}
		n := types[0].maxChars()
		if argc == 3 {
			if nl, ok := f.args[2].(*numLit); ok {
				n, _ = strconv.Atoi(nl.text)
			}
		}
		if types[0].isFixedChar() {
			// CHAR values are stored without trailing blanks: pad first
			args[0] = "ifx_pad(" + args[0] + ", " + strconv.Itoa(types[0].maxChars()) + ")"
		}
		return call("substr"), charResult(n), nil
	case "replace":
		if err := need(2, 3); err != nil {
			return "", ct, err
		}
		if err := tr(); err != nil {
			return "", ct, err
		}
		if argc == 2 {
			args = append(args, "''")
		}
		return call("replace"), charResult(types[0].maxChars()), nil
	case "lpad", "rpad":
		if err := need(2, 3); err != nil {
			return "", ct, err
		}
		if err := tr(nil, &it); err != nil {
			return "", ct, err
		}
		if argc == 2 {
			args = append(args, "' '")
		}
		n := 255
		if nl, ok := f.args[1].(*numLit); ok {
			n, _ = strconv.Atoi(nl.text)
		}
		return "ifx_" + f.name + "(" + strings.Join(args, ", ") + ")", charResult(n), nil
	case "concat":
		if err := need(2, 2); err != nil {
			return "", ct, err
		}
		if err := tr(); err != nil {
			return "", ct, err
		}
		return "(" + args[0] + " || " + args[1] + ")", charResult(types[0].maxChars() + types[1].maxChars()), nil
	case "instr":
		if err := need(2, 2); err != nil {
			return "", it, err
		}
		if err := tr(); err != nil {
			return "", it, err
		}
		return call("instr"), it, nil
	case "mdy":
		if err := need(3, 3); err != nil {
			return "", it, err
		}
		if err := tr(&it, &it, &it); err != nil {
			return "", it, err
		}
		return call("ifx_mdy"), tDate(), nil
	case "year", "month", "day", "weekday":
		if err := need(1, 1); err != nil {
			return "", it, err
		}
		dt := tDate()
		if err := tr(&dt); err != nil {
			return "", it, err
		}
		return fmt.Sprintf("ifx_datepart(%s, %d, '%s')", args[0], specOf(types[0]), f.name), tSmallint(), nil
	case "date":
		if err := need(1, 1); err != nil {
			return "", it, err
		}
		dt := tDate()
		if err := tr(&dt); err != nil {
			return "", it, err
		}
		if types[0].code == TypeDate {
			return args[0], dt, nil
		}
		return fmt.Sprintf("ifx_cast(%s, %d, %d)", args[0], specOf(types[0]), specOf(dt)), dt, nil
	case "extend":
		if err := tr(); err != nil {
			return "", it, err
		}
		q := tDatetime(QYear, 13)
		if f.hasQual {
			q = f.qual
		} else if types[0].code == TypeDate {
			q = tDatetime(QYear, QDay)
		} else if types[0].code == TypeDatetime {
			q = types[0].nullable()
		}
		return fmt.Sprintf("ifx_cast(%s, %d, %d)", args[0], specOf(types[0]), specOf(q)), q, nil
	case "to_char":
		if err := need(1, 2); err != nil {
			return "", ct, err
		}
		if err := tr(); err != nil {
			return "", ct, err
		}
		if argc == 1 {
			args = append(args, "NULL")
		}
		return fmt.Sprintf("ifx_to_char(%s, %d, %s)", args[0], specOf(types[0]), args[1]), ct, nil
	case "to_date":
		if err := need(1, 2); err != nil {
			return "", ct, err
		}
		if err := tr(); err != nil {
			return "", ct, err
		}
		q := tDatetime(QYear, 15)
		if argc == 1 {
			args = append(args, "NULL")
		}
		return fmt.Sprintf("ifx_to_date(%s, %s)", args[0], args[1]), q, nil
	case "hex":
		if err := need(1, 1); err != nil {
			return "", ct, err
		}
		if err := tr(); err != nil {
			return "", ct, err
		}
		return "ifx_hex(" + args[0] + ")", tChar(10), nil
	case "dbinfo":
		return t.dbinfo(f, sc)
	case "ifx_generate":
		return "", it, t.errAt(-674, 0, f.name, f.p)
	}
	if s, ty, ok, err := t.catalogFunction(f, sc); ok {
		return s, ty, err
	}
	return t.userFunction(f)
}

// exprsWithFirstType translates arguments giving literals the type of the
// first non-literal one.
func (t *translator) exprsWithFirstType(es []expr, sc *scope, out []string, types []ifxType) error {
	var h *ifxType
	for _, e := range es {
		if !isLiteralish(e) {
			nargs, nps := len(t.args), append([]*ifxType(nil), t.ptypes...)
			_, ty, err := t.expr(e, sc, nil)
			t.args, t.ptypes = t.args[:nargs], nps
			if err != nil {
				return err
			}
			h = &ty
			break
		}
	}
	for i, e := range es {
		var err error
		if out[i], types[i], err = t.expr(e, sc, h); err != nil {
			return err
		}
	}
	return nil
}

// dbinfo translates DBINFO('option' [, 'part']).
func (t *translator) dbinfo(f *funcExpr, sc *scope) (string, ifxType, error) {
	if len(f.args) == 0 {
		return "", ifxType{}, t.errAt(-201, 0, "", f.p)
	}
	opt, ok := f.args[0].(*strLit)
	if !ok {
		return "", ifxType{}, t.errAt(-728, 0, "", f.p)
	}
	o := strings.ToLower(strings.TrimSpace(opt.val))
	cfg := t.s.e.cfg
	str := func(v string) (string, ifxType, error) {
		n := len(v)
		if n == 0 {
			n = 1
		}
		return quoteStr(v), tVarchar(min(n, 255)), nil
	}
	if t.view && o != "dbhostname" && o != "version" {
		return "", ifxType{}, t.errAt(-999, 0, "", f.p)
	}
	switch o {
	case "dbhostname":
		return str(cfg.HostName)
	case "dbname":
		return t.sessArg(argDBName), tVarchar(128), nil
	case "sqlca.sqlerrd1":
		return t.sessArg(argSqlerrd1), tInteger(), nil
	case "sqlca.sqlerrd2":
		return t.sessArg(argSqlerrd2), tInteger(), nil
	case "serial8":
		return t.sessArg(argSerial8), tInt8(), nil
	case "bigserial":
		return t.sessArg(argBigserial), tBigint(), nil
	case "sessionid":
		return t.sessArg(argSessionID), tInteger(), nil
	case "utc_current":
		return t.sessArg(argUTC), tInteger(), nil
	case "version":
		part := "full"
		if len(f.args) > 1 {
			p, ok := f.args[1].(*strLit)
			if !ok {
				return "", ifxType{}, t.errAt(-728, 0, o, f.p)
			}
			part = strings.ToLower(strings.TrimSpace(p.val))
		}
		v, ok := versionPart(cfg.Version, part)
		if !ok {
			return "", ifxType{}, t.errAt(-728, 0, part, f.p)
		}
		return str(v)
	}
	return "", ifxType{}, t.errAt(-728, 0, opt.val, f.p)
}

// versionPart splits "IBM Informix Dynamic Server Version 15.0.0.0" (or the
// classic "… Version 14.10.FC10") into the DBINFO('version', part) pieces.
func versionPart(full, part string) (string, bool) {
	serverType, ver := full, ""
	if i := strings.LastIndex(full, " Version "); i >= 0 {
		serverType, ver = full[:i], full[i+len(" Version "):]
	}
	fields := strings.SplitN(ver, ".", 3)
	for len(fields) < 3 {
		fields = append(fields, "0")
	}
	major, minor, rest := fields[0], fields[1], fields[2]
	os, level := "", rest
	if rest != "" && (rest[0] < '0' || rest[0] > '9') {
		os, level = rest[:1], rest[1:]
	}
	switch part {
	case "full":
		return full, true
	case "server-type":
		return serverType, true
	case "major":
		return major, true
	case "minor":
		return minor, true
	case "os":
		return os, true
	case "level":
		return level, true
	}
	return "", false
}
