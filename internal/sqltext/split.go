package sqltext

import "strings"

// Split splits a script into statements at the semicolons that end them:
// not those inside quotes or comments, nor those inside the body of a
// CREATE [DBA] PROCEDURE or FUNCTION (up to its END PROCEDURE or END
// FUNCTION) or inside the parenthesised action list of a CREATE TRIGGER.
// Each statement is trimmed of surrounding white space and keeps the
// comments before it; statements holding nothing but comments and white
// space are dropped. The terminating semicolons are not part of the
// statements.
func Split(script string) []string {
	out, rest := SplitComplete(script)
	if rest != "" {
		out = append(out, rest)
	}
	return out
}

// SplitComplete is Split for text that arrives a line at a time, as in
// an interactive shell: it returns the statements that a semicolon has
// ended, and the trimmed text after the last of them when that text holds
// code (a statement still being typed), else "".
func SplitComplete(script string) (stmts []string, rest string) {
	var out []string
	var st splitState
	start := 0
	emit := func(end int) {
		if st.code {
			out = append(out, trimSpace(script[start:end]))
		}
		st = splitState{}
	}
	for i := 0; i < len(script); {
		c := script[i]
		if j := Skip(script, i); j != i {
			if c == '\'' || c == '"' {
				st.other(c)
			}
			i = j
			continue
		}
		switch {
		case c == ';' && st.ends():
			emit(i)
			i++
			start = i
		case isWordStart(c):
			j := i + 1
			for j < len(script) && isWordByte(script[j]) {
				j++
			}
			st.word(script[i:j])
			i = j
		case isSpace(c):
			i++
		default:
			st.other(c)
			i++
		}
	}
	if st.code {
		rest = trimSpace(script[start:])
	}
	return out, rest
}

// splitState follows the structure of one statement far enough to know
// whether a semicolon ends it.
type splitState struct {
	code       bool   // a token other than a comment has been seen
	words      int    // words seen so far
	create     bool   // the statement starts with CREATE
	dba        bool   // CREATE DBA
	routine    string // "PROCEDURE" or "FUNCTION" while inside the routine's body
	atRoutine  bool   // the last token was the PROCEDURE/FUNCTION keyword
	afterEnd   bool   // the last token was END, inside a routine body
	trigger    bool   // CREATE TRIGGER
	parenDepth int    // open parentheses in a CREATE TRIGGER
}

// ends reports whether a semicolon here ends the statement.
func (s *splitState) ends() bool { return s.routine == "" && s.parenDepth <= 0 }

func (s *splitState) word(w string) {
	s.code = true
	s.words++
	atRoutine := s.atRoutine
	s.atRoutine = false
	switch {
	case s.words == 1:
		s.create = strings.EqualFold(w, "CREATE")
	case s.create && (s.words == 2 || s.words == 3 && s.dba):
		switch {
		case s.words == 2 && strings.EqualFold(w, "DBA"):
			s.dba = true
		case strings.EqualFold(w, "PROCEDURE"):
			s.routine, s.atRoutine = "PROCEDURE", true
		case strings.EqualFold(w, "FUNCTION"):
			s.routine, s.atRoutine = "FUNCTION", true
		case s.words == 2 && strings.EqualFold(w, "TRIGGER"):
			s.trigger = true
		}
	case atRoutine && strings.EqualFold(w, "FROM"):
		// CREATE PROCEDURE FROM 'file': no body follows.
		s.routine = ""
	case s.routine != "" && s.afterEnd && strings.EqualFold(w, s.routine):
		s.routine = ""
	}
	s.afterEnd = s.routine != "" && strings.EqualFold(w, "END")
}

func (s *splitState) other(c byte) {
	s.code = true
	s.atRoutine, s.afterEnd = false, false
	if s.trigger {
		switch c {
		case '(':
			s.parenDepth++
		case ')':
			s.parenDepth--
		}
	}
}

func isWordStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isWordByte(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' || c == '$' }

// isSpace is the whitespace that separates tokens. Only ASCII counts, as in
// IDS's lexer: a Unicode space such as U+3000 is a character of the
// statement, and the server, not the splitter, rejects it.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// trimSpace trims the whitespace isSpace knows, so that a statement the
// splitter judged to hold code is never trimmed to nothing.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}
