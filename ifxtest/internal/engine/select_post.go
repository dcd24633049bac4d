package engine

import (
	"database/sql/driver"
	"math"
	"strconv"
	"strings"
	"time"
)

// A SELECT's outermost conversion of a result column (CAST to a type whose
// storage differs, or DATETIME literal + INTERVAL) is a Go function that
// SQLite would call once per row, and each call through the driver costs
// more than the conversion: its arguments and result are boxed, copied
// and converted on both sides. When the conversion is the last thing
// computed for the column, ifxtest leaves it out of the SQL and applies
// the same Go function to the column's value as the cursor reads the row
// (postConv). The row, its types and its errors are those the SQLite
// call gives, as long as
//   - the rows come out of SQLite as they are computed: no ORDER BY,
//     GROUP BY, HAVING, DISTINCT, UNION, INTO TEMP (a sorter evaluates the
//     select list before it returns the first row, DISTINCT compares the
//     converted values);
//   - the value converted depends on the row (names a column of the
//     query's FROM): SQLite computes a constant call once, where the
//     cursor would convert it for every row;
//   - nothing SQLite computes right of the column can fail: SQLite fails
//     a row at its first failing column, left to right, and the cursor
//     applies the conversions left to right after SQLite's part of the
//     row (noFailSQL).

// postKind is the conversion a postConv applies.
type postKind uint8

const (
	postNone  postKind = iota
	postCast           // ifx_cast(value, from, to)
	postDTAdd          // ifx_dtadd(base, value, dt, iv)
)

// postConv is a result column's conversion applied by the cursor.
type postConv struct {
	kind     postKind
	from, to ifxType   // postCast
	base     string    // postDTAdd: the DATETIME literal's storage text
	dt, iv   ifxType   // postDTAdd
	plan     dtAddPlan // postDTAdd: the base read once (select_post_dt.go)
}

// apply converts the column's value as the SQL function would have. When
// final, the result is already what fromStorage makes of that function's
// result for the column's type t (the cursor skips that step): a DECIMAL
// cast skips its stored float64, whose 15 significant digits fromStorage
// would only read back, and a DATETIME its boxed text.
func (p *postConv) apply(v any, t ifxType, text *textArena) (out any, final bool, err error) {
	switch p.kind {
	case postCast:
		if x, ok := v.(float64); ok && p.from.isDecimal() && p.to.isDecimal() && t.isDecimal() && t.comp == nil {
			if r, ok, err := decCastFloatFixed(x, p.from, p.to, t, text); ok {
				return r, err == nil, err
			}
			d, err := decCastFloat(x, p.from, p.to)
			if err != nil {
				return nil, false, err
			}
			// d has at most 15 significant digits (decFromFloat(x, 15)),
			// which decStorage keeps exactly: in an int64, or in a
			// float64 that fromStorage reads back to the same 15 digits.
			return decValue(d, t), true, nil
		}
		if s, ok := v.(string); ok && varChar(p.from) && varChar(p.to) && varChar(t) {
			// convertValueText keeps the text, toStorage cuts it to
			// to's length and fromStorage keeps it: no need to box it
			// anew when nothing is cut.
			if r := truncText(s, p.to.maxChars()); len(r) != len(s) {
				return r, true, nil
			}
			return v, true, nil
		}
		out, err = castValue(v, p.from, p.to)
		return out, false, err
	case postDTAdd:
		if r, ok, err := p.dtAddFixed(v, t, text); ok {
			return r, err == nil, err
		}
		out, err = dtAddValue(p.base, v, p.dt, p.iv)
		if s, ok := out.(string); ok && t.code == TypeDatetime && t.comp == nil && len(s) == dtTextLen(t) {
			return DateTime(s), true, nil
		}
		return out, false, err
	}
	return v, false, nil
}

// varChar reports a character type stored as its text unpadded.
func varChar(t ifxType) bool { return t.comp == nil && t.isChar() && !t.isFixedChar() }

// hoistCand is a translated expression whose outermost operation is a
// conversion the cursor could apply instead: sql is the whole
// expression's text, inner the SQL of the value it converts.
type hoistCand struct {
	sql, inner string
	conv       postConv
}

// noteCast remembers an ifx_cast call the translator wrote.
func (t *translator) noteCast(call, inner string, from, to ifxType) {
	if t.post != nil {
		t.post.last = &hoistCand{sql: call, inner: inner, conv: postConv{kind: postCast, from: from, to: to}}
	}
}

// noteDTAdd remembers an ifx_dtadd call whose base is a literal.
func (t *translator) noteDTAdd(call, base, inner string, dt, iv ifxType) {
	if t.post == nil {
		return
	}
	text, ok := unquoteSQL(base)
	if !ok {
		return
	}
	t.post.last = &hoistCand{sql: call, inner: inner, conv: newDTAddConv(text, dt, iv)}
}

// postState follows the one SELECT core whose conversions may move to
// the cursor (selectStmt.translate).
type postState struct {
	core  *selectCore
	sc    *scope     // the core's scope, once its FROM is translated
	refs  int        // column references resolved in sc
	last  *hoistCand // the latest conversion written
	convs []postConv // the result: one per column, or nil
}

// hoistable reports whether sel's select list may have its conversions
// applied by the cursor (see above).
func hoistable(sel *selectStmt) bool {
	c := sel.core
	return sel.intoTemp == "" && len(sel.setOps) == 0 && len(sel.orderBy) == 0 &&
		!c.distinct && len(c.groupBy) == 0 && c.having == nil
}

// hoistItems picks the items of the core's select list whose conversion
// the cursor applies, replacing their SQL by the converted value's. cands
// has an entry per item (nil: none).
func (ps *postState) hoistItems(items []string, cands []*hoistCand) {
	var convs []postConv
	safe := true // nothing right of the current item can fail in SQLite
	for i := len(items) - 1; i >= 0; i-- {
		if c := cands[i]; c != nil && safe {
			if convs == nil {
				convs = make([]postConv, len(items))
			}
			convs[i] = c.conv
			items[i] = c.inner
		}
		if !noFailSQL(items[i]) {
			safe = false
		}
	}
	ps.convs = convs
}

// noFailSQL reports SQL text that SQLite computes without failing: column
// references, literals, operators and only the functions CAST and round.
// Anything else (a Go function, a built-in that can fail such as abs, a
// subquery, which reads a table) may fail a row.
func noFailSQL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'' || c == '"':
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == c {
					if j+1 < len(s) && s[j+1] == c {
						j++
						continue
					}
					break
				}
			}
			if j >= len(s) {
				return false
			}
			i = j
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
				j++
			}
			word := s[i:j]
			k := j
			for k < len(s) && s[k] == ' ' {
				k++
			}
			if k < len(s) && s[k] == '(' && !strings.EqualFold(word, "cast") && word != "round" || strings.EqualFold(word, "select") {
				return false
			}
			i = j - 1
		case c == '?' || c == '[' || c == '`':
			return false
		}
	}
	return true
}

// unquoteSQL returns the text of a single SQL string literal.
func unquoteSQL(s string) (string, bool) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", false
	}
	in := s[1 : len(s)-1]
	if strings.Count(in, "'") != 2*strings.Count(in, "''") {
		return "", false
	}
	return strings.ReplaceAll(in, "''", "'"), true
}

// castValue is ifx_cast: sv stored as from, converted to to.
func castValue(sv driver.Value, from, to ifxType) (driver.Value, error) {
	if sv == nil {
		return nil, nil
	}
	return convertValue(sv, from, to)
}

// dtAddValue is ifx_dtadd: the DATETIME base of type dt plus n units of
// the INTERVAL type iv.
func dtAddValue(base, n driver.Value, dt, iv ifxType) (driver.Value, error) {
	if base == nil || n == nil {
		return nil, nil
	}
	full, err := dtAddBase(toText(base), dt.qualStart())
	if err != nil {
		return nil, err
	}
	tm := time.Date(int(full.f[0]), time.Month(full.f[1]), int(full.f[2]), int(full.f[3]), int(full.f[4]), int(full.f[5]), int(full.f[6])*10000, time.UTC)
	k := argInt(n)
	if ivFamilyYM(iv.qualStart()) {
		y, m := int(k/12), int(k%12)
		nt := tm.AddDate(y, m, 0)
		if nt.Day() != tm.Day() {
			return nil, newErr(-1263, 0, "")
		}
		tm = nt
	} else {
		tm = addUnits(tm, k)
	}
	if tm.Year() < 1 || tm.Year() > 9999 {
		return nil, newErr(-1267, 0, "")
	}
	y, mo, d := tm.Date()
	h, mi, sec := tm.Clock()
	r := dtVal{f: [7]int64{int64(y), int64(mo), int64(d), int64(h), int64(mi), int64(sec), int64(tm.Nanosecond() / 10000)}, start: QYear, end: 15}
	return r.extend(dt.qualStart(), dt.qualEnd()).format(), nil
}

var pow10u64 = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// decCastFloatFixed is decCastFloat then decValue, in integers, for the
// usual case: a float64 below 1e15 held as a floating DECIMAL of at least
// 15 digits, cast to a DECIMAL(p,s) or MONEY(p,s) with s <= 15. Its value
// is x rounded to 15 significant digits (decFromFloat), rounded half-up at
// the s-th fractional digit (fitDecimal's roundScale, which looks at the
// first digit dropped), checked against p-s integer digits (-1226) and
// printed with s fractional digits, zero without a sign (decValue). ok is
// false for any other case, left to those functions.
func decCastFloatFixed(x float64, from, to, t ifxType, text *textArena) (v Value, ok bool, err error) {
	if fp := from.decPrec(); from.decScale() != 0xff || fp != 0 && fp < 15 {
		return nil, false, nil
	}
	p, s := to.decPrec(), to.decScale()
	if s == 0xff || s > 15 || t.decPrec() != p || t.decScale() != s {
		return nil, false, nil
	}
	if p == 0 {
		p = 16
	}
	if ax := math.Abs(x); ax >= 1e15 || ax != 0 && ax < 1e-15 || math.IsNaN(x) {
		return nil, false, nil
	}
	// Rounding x × 10^s half-up straight from the float64 gives the same
	// c whenever its fraction is clear of one half: the 15-digit rounding
	// moves the value by at most 0.5e-14 of it, the product's own rounding
	// by 2^-53 of it (10^s, s <= 15, is exact), so neither can carry it
	// across. Only values within 1e-13 of a half go through the digits.
	if y := math.Abs(x) * float64(pow10u64[s]); y < 1e15 {
		fl := math.Floor(y)
		if d := y - fl - 0.5; math.Abs(d) > y*1e-13 {
			c := uint64(fl)
			if d > 0 {
				c++
			}
			return decFixedText(math.Signbit(x), c, p, s, text)
		}
	}
	// x = ±m × 10^e with m the 15 significant digits.
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], x, 'e', 14, 64)
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) < 19 || b[1] != '.' || b[16] != 'e' {
		return nil, false, nil
	}
	var m uint64
	for i, c := range b[:16] {
		if i == 1 {
			continue
		}
		m = m*10 + uint64(c-'0')
	}
	e, perr := strconv.Atoi(string(b[17:]))
	if perr != nil {
		return nil, false, nil
	}
	e -= 14
	// c = the value × 10^s, rounded half-up on the first digit dropped.
	var c uint64
	switch k := -e - s; {
	case k <= 0:
		if -k > 3 { // m × 10^-k past 10^18
			return nil, false, nil
		}
		c = m * pow10u64[-k]
	case k <= 18:
		c = m / pow10u64[k]
		if m%pow10u64[k]/pow10u64[k-1] >= 5 {
			c++
		}
	}
	return decFixedText(neg, c, p, s, text)
}

// decFixedText is decCastFloatFixed's value c × 10^-s of a DECIMAL(p,s):
// -1226 past p-s integer digits, else its text with s fraction digits,
// zero without a sign.
func decFixedText(neg bool, c uint64, p, s int, text *textArena) (v Value, ok bool, err error) {
	// The digits of c from the right: s fraction digits, the point, then
	// the integral ones ("0" for none), as strconv and a loop of divisions
	// by 10^k printed them left to right for twice the instructions.
	var buf [48]byte
	i := len(buf)
	neg = neg && c != 0
	for range s {
		i--
		buf[i] = byte('0' + c%10)
		c /= 10
	}
	if s > 0 {
		i--
		buf[i] = '.'
	}
	if c == 0 {
		i--
		buf[i] = '0'
	}
	for intDigits := 0; c > 0; intDigits++ {
		if intDigits == p-s {
			return nil, true, newErr(-1226, 0, "")
		}
		i--
		buf[i] = byte('0' + c%10)
		c /= 10
	}
	if neg {
		i--
		buf[i] = '-'
	}
	return Decimal(text.text(buf[i:])), true, nil
}
