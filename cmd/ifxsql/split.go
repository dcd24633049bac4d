package main

import "strings"

// splitStatements splits a script at semicolons that are outside quoted
// strings and comments ("--" to the end of the line, "{ … }"), dropping
// empty statements.
func splitStatements(script string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(script); i++ {
		ch := script[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '-' && i+1 < len(script) && script[i+1] == '-':
			j := strings.IndexByte(script[i:], '\n')
			if j < 0 {
				j = len(script) - i
			}
			cur.WriteString(script[i : i+j])
			i += j - 1
			continue
		case ch == '{':
			j := strings.IndexByte(script[i:], '}')
			if j < 0 {
				j = len(script) - i - 1
			}
			cur.WriteString(script[i : i+j+1])
			i += j
			continue
		case ch == ';':
			flush()
			continue
		}
		cur.WriteByte(ch)
	}
	flush()
	return out
}

// returnsRows guesses whether a statement produces a result set, from its
// first keyword.
func returnsRows(sql string) bool {
	s := strings.TrimLeft(sql, " \t\r\n(")
	for strings.HasPrefix(s, "--") || strings.HasPrefix(s, "{") {
		end := "\n"
		if s[0] == '{' {
			end = "}"
		}
		i := strings.Index(s, end)
		if i < 0 {
			return false
		}
		s = strings.TrimLeft(s[i+1:], " \t\r\n(")
	}
	word := strings.ToUpper(s[:strings.IndexFunc(s+" ", func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '(' })])
	switch word {
	case "SELECT", "WITH", "VALUES":
		return !strings.Contains(strings.ToUpper(s), " INTO TEMP ")
	case "EXECUTE":
		return strings.HasPrefix(strings.ToUpper(strings.Join(strings.Fields(s), " ")), "EXECUTE FUNCTION")
	}
	return false
}
