package engine

import (
	"fmt"
	"strings"
)

// ifxtest reads composite text with this parser of its own, not the
// driver's (ifxtype.DecodeComposite): a misreading of IDS's text form in
// one must not be repeated in the other and pass unnoticed. The two are
// run against one table of cases (composite_parse_test.go).
//
// The parser walks the engine's own type: a collection becomes []any, a
// ROW compRowVal; a scalar stays the text of its token (quotes removed,
// doubled quotes undone; NULL is nil), for canonFromDecoded to convert
// with the engine's own conversions.

// compRowVal is a decoded ROW: its field values in order.
type compRowVal []any

// Limits of one composite value: nesting levels and elements in all.
const (
	compMaxDepth    = 32
	compMaxElements = 100_000
)

type compParser struct {
	s     string
	i     int
	count int
}

func (p *compParser) errf(format string, args ...any) error {
	return compErr(fmt.Sprintf("at byte %d: %s", p.i, fmt.Sprintf(format, args...)))
}

func (p *compParser) blanks() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *compParser) eat(c byte) bool {
	p.blanks()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// word reads letters (a constructor keyword or NULL), upper-cased.
func (p *compParser) word() string {
	p.blanks()
	j := p.i
	for j < len(p.s) && (p.s[j]|0x20 >= 'a' && p.s[j]|0x20 <= 'z') {
		j++
	}
	w := strings.ToUpper(p.s[p.i:j])
	p.i = j
	return w
}

// parseCompText decodes text as a value of the composite type t.
func parseCompText(text string, t ifxType) (any, error) {
	p := &compParser{s: text}
	v, err := p.value(t, 1)
	if err != nil {
		return nil, err
	}
	p.blanks()
	if p.i != len(p.s) {
		return nil, p.errf("text after the value")
	}
	return v, nil
}

func (p *compParser) count1() error {
	p.count++
	if p.count > compMaxElements {
		return compErr(fmt.Sprintf("more than %d elements", compMaxElements))
	}
	return nil
}

func (p *compParser) value(t ifxType, depth int) (any, error) {
	if t.comp == nil {
		return p.token()
	}
	if depth > compMaxDepth {
		return nil, compErr(fmt.Sprintf("nested deeper than %d levels", compMaxDepth))
	}
	at := p.i
	w := p.word()
	if w == "NULL" {
		return nil, nil
	}
	if t.code == TypeRow {
		if w != "ROW" || !p.eat('(') {
			p.i = at
			return nil, p.errf("ROW(...) expected")
		}
		row := compRowVal{}
		for k, f := range t.comp.fields {
			if k > 0 && !p.eat(',') {
				return nil, p.errf("',' expected: the ROW has %d fields", len(t.comp.fields))
			}
			if err := p.count1(); err != nil {
				return nil, err
			}
			v, err := p.value(f.t, depth+1)
			if err != nil {
				return nil, err
			}
			row = append(row, v)
		}
		if !p.eat(')') {
			return nil, p.errf("')' expected after %d fields", len(t.comp.fields))
		}
		return row, nil
	}
	if (w != "SET" && w != "MULTISET" && w != "LIST") || !p.eat('{') {
		p.i = at
		return nil, p.errf("SET{...}, MULTISET{...} or LIST{...} expected")
	}
	list := []any{}
	if p.eat('}') {
		return list, nil
	}
	for {
		if err := p.count1(); err != nil {
			return nil, err
		}
		v, err := p.value(t.comp.elem, depth+1)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, p.errf("a collection element cannot be NULL")
		}
		list = append(list, v)
		if p.eat('}') {
			return list, nil
		}
		if !p.eat(',') {
			return nil, p.errf("',' or '}' expected")
		}
	}
}

// token reads a scalar: a quoted string ('…' or "…", the quote doubled
// inside), NULL (nil), or bare text up to ',', ')' or '}' without its
// trailing blanks.
func (p *compParser) token() (any, error) {
	p.blanks()
	if p.i >= len(p.s) {
		return nil, p.errf("a value expected")
	}
	if q := p.s[p.i]; q == '\'' || q == '"' {
		var b strings.Builder
		for j := p.i + 1; ; {
			k := strings.IndexByte(p.s[j:], q)
			if k < 0 {
				return nil, p.errf("unterminated string")
			}
			b.WriteString(p.s[j : j+k])
			j += k + 1
			if j < len(p.s) && p.s[j] == q {
				b.WriteByte(q)
				j++
				continue
			}
			p.i = j
			return b.String(), nil
		}
	}
	j := p.i
	for j < len(p.s) && p.s[j] != ',' && p.s[j] != ')' && p.s[j] != '}' {
		j++
	}
	tok := strings.TrimRight(p.s[p.i:j], " \t\r\n")
	p.i = j
	if tok == "" {
		return nil, p.errf("a value expected")
	}
	if strings.EqualFold(tok, "NULL") {
		return nil, nil
	}
	return tok, nil
}
