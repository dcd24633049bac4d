// Package sqltext is the driver's one scanner of Informix SQL text. It
// knows what is not code: quoted strings and quoted names ('…', "…", a
// doubled quote standing for itself), comments (-- to the end of the
// line, /* … */, { … }), and, for splitting a script, the bodies of SPL
// routines and triggers, whose inner semicolons do not end the statement.
//
// It serves placeholder counting, @name rewriting and statement
// splitting. ifxtest keeps a scanner of its own, because it judges the
// client independently; both are tested against the same table of cases
// (testdata/sqltext/cases.json at the module root).
package sqltext

import "strings"

// Skip returns the index just after the quoted string, quoted name or
// comment that starts at s[i], or i when none starts there. An
// unterminated one runs to the end of s.
func Skip(s string, i int) int {
	switch ch := s[i]; ch {
	case '\'', '"':
		return skipQuoted(s, i+1, ch)
	case '-':
		if i+1 < len(s) && s[i+1] == '-' {
			if j := strings.IndexByte(s[i+2:], '\n'); j >= 0 {
				return i + 2 + j + 1
			}
			return len(s)
		}
	case '{':
		if j := strings.IndexByte(s[i+1:], '}'); j >= 0 {
			return i + 1 + j + 1
		}
		return len(s)
	case '/':
		if i+1 < len(s) && s[i+1] == '*' {
			if j := strings.Index(s[i+2:], "*/"); j >= 0 {
				return i + 2 + j + 2
			}
			return len(s)
		}
	}
	return i
}

// skipQuoted returns the index after the quote that closes a literal
// whose text starts at s[i]; a doubled quote is part of the text.
func skipQuoted(s string, i int, quote byte) int {
	for {
		j := strings.IndexByte(s[i:], quote)
		if j < 0 {
			return len(s)
		}
		i += j + 1
		if i >= len(s) || s[i] != quote {
			return i
		}
		i++
	}
}

// CountPlaceholders counts the '?' markers outside quotes and comments.
// It does not allocate: every Query, Exec and Prepare calls it.
func CountPlaceholders(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if !interesting[c] {
			i++
			continue
		}
		if c == '?' {
			n++
			i++
			continue
		}
		if j := Skip(s, i); j != i {
			i = j
			continue
		}
		i++
	}
	return n
}

// interesting marks the bytes that may start a marker, a quote or a
// comment.
var interesting = [256]bool{'?': true, '\'': true, '"': true, '-': true, '{': true, '/': true}

// TrimLeading returns s without the white space and comments before its
// first token.
func TrimLeading(s string) string {
	for i := 0; i < len(s); {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			i++
		case '-', '{', '/':
			j := Skip(s, i)
			if j == i {
				return s[i:]
			}
			i = j
		default:
			return s[i:]
		}
	}
	return ""
}
