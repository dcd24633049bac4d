package main

import (
	"strings"

	"github.com/ifxgo/ifx/internal/sqltext"
)

// returnsRows guesses whether a statement produces a result set, from its
// first keyword after any comments and opening parentheses.
func returnsRows(sql string) bool {
	s := sqltext.TrimLeading(sql)
	for strings.HasPrefix(s, "(") {
		s = sqltext.TrimLeading(s[1:])
	}
	word := strings.ToUpper(s[:strings.IndexFunc(s+" ", func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '(' || r == '{' || r == '/' || r == '-'
	})])
	switch word {
	case "SELECT", "WITH", "VALUES":
		return !strings.Contains(strings.ToUpper(s), " INTO TEMP ")
	case "EXECUTE":
		return strings.HasPrefix(strings.ToUpper(strings.Join(strings.Fields(s), " ")), "EXECUTE FUNCTION")
	}
	return false
}
