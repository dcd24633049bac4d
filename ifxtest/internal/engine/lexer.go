package engine

import (
	"strings"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF    tokKind = iota
	tIdent          // identifier or keyword, text lower-cased
	tString         // quoted string ('...' or "..."), text unescaped
	tNumber         // numeric literal
	tParam          // ?
	tOp             // punctuation / operator
)

type token struct {
	kind tokKind
	text string
	pos  int // byte offset in the statement
	end  int
	// quoted marks a delimited identifier ("…" under DELIMIDENT): never a
	// keyword.
	quoted bool
}

// lex splits Informix SQL into tokens. Comments (-- …, { … }, /* … */) are
// skipped; double-quoted text is a string literal (Informix default without
// DELIMIDENT), or with delimIdent a delimited identifier; identifiers are
// folded to lower case.
func lex(src string, delimIdent bool) ([]token, error) {
	var toks []token
	braces := 0 // open collection-literal braces
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '-' && i+1 < len(src) && src[i+1] == '-':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '{' && collectionOpen(toks):
			// SET{…}, MULTISET{…}, LIST{…}: a collection literal, not a comment.
			braces++
			toks = append(toks, token{kind: tOp, text: "{", pos: i, end: i + 1})
			i++
		case c == '}' && braces > 0:
			braces--
			toks = append(toks, token{kind: tOp, text: "}", pos: i, end: i + 1})
			i++
		case c == '{':
			j := strings.IndexByte(src[i:], '}')
			if j < 0 {
				return nil, syntaxErr(charOffset(src, i))
			}
			i += j + 1
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := strings.Index(src[i+2:], "*/")
			if j < 0 {
				return nil, syntaxErr(charOffset(src, i))
			}
			i += j + 4
		case c == '\'' || c == '"':
			start := i
			var b strings.Builder
			i++
			closed := false
			for i < len(src) {
				if src[i] == c {
					if i+1 < len(src) && src[i+1] == c {
						b.WriteByte(c)
						i += 2
						continue
					}
					i++
					closed = true
					break
				}
				b.WriteByte(src[i])
				i++
			}
			if !closed {
				e := newErr(-282, 0, "")
				e.Offset = charOffset(src, start)
				return nil, e
			}
			if c == '"' && delimIdent {
				tok, err := delimited(src, start, i, b.String())
				if err != nil {
					return nil, err
				}
				toks = append(toks, tok)
				continue
			}
			toks = append(toks, token{kind: tString, text: b.String(), pos: start, end: i})
		case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
			start := i
			for i < len(src) && isDigit(src[i]) {
				i++
			}
			if i < len(src) && src[i] == '.' {
				i++
				for i < len(src) && isDigit(src[i]) {
					i++
				}
			}
			if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
				j := i + 1
				if j < len(src) && (src[j] == '+' || src[j] == '-') {
					j++
				}
				if j < len(src) && isDigit(src[j]) {
					for j < len(src) && isDigit(src[j]) {
						j++
					}
					i = j
				}
			}
			toks = append(toks, token{kind: tNumber, text: src[start:i], pos: start, end: i})
		case isIdentStart(c):
			start := i
			for i < len(src) && isIdentPart(src[i]) {
				i++
			}
			toks = append(toks, token{kind: tIdent, text: strings.ToLower(src[start:i]), pos: start, end: i})
		case c == '?':
			toks = append(toks, token{kind: tParam, text: "?", pos: i, end: i + 1})
			i++
		default:
			start := i
			two := ""
			if i+1 < len(src) {
				two = src[i : i+2]
			}
			switch two {
			case "<=", ">=", "<>", "!=", "==", "||", "::":
				toks = append(toks, token{kind: tOp, text: two, pos: start, end: i + 2})
				i += 2
				continue
			}
			if strings.IndexByte("(),.;+-*/=<>:[]@", c) < 0 {
				e := newErr(-202, 0, "")
				e.Offset = charOffset(src, i)
				return nil, e
			}
			toks = append(toks, token{kind: tOp, text: string(c), pos: start, end: i + 1})
			i++
		}
	}
	toks = append(toks, token{kind: tEOF, pos: len(src), end: len(src)})
	return toks, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
func isIdentPart(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

// charOffset converts a byte offset into a 1-based character offset.
func charOffset(src string, pos int) int {
	if pos > len(src) {
		pos = len(src)
	}
	return utf8.RuneCountInString(src[:pos]) + 1
}

// delimited makes the token of a delimited identifier. IDS keeps its case
// and compares it exactly; the catalog here folds every name to lower
// case, so a delimited name with upper-case letters would silently match
// another table or column than on IDS. It is refused instead (-999), and
// an empty one is a syntax error as in IDS.
func delimited(src string, start, end int, name string) (token, error) {
	if name == "" {
		return token{}, syntaxErr(charOffset(src, start))
	}
	if strings.ToLower(name) != name {
		e := newErr(-999, 0, "")
		e.Offset = charOffset(src, start)
		e.Message += " (case-sensitive delimited identifier " + src[start:end] + ")"
		return token{}, e
	}
	return token{kind: tIdent, text: name, pos: start, end: end, quoted: true}, nil
}
