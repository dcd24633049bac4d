package ifxotel

import "strings"

// operation returns the statement's first keyword in upper case
// (SELECT, INSERT, EXECUTE, …), skipping blanks, comments and opening
// parentheses; "" when there is none. Enough for a span name; it is no
// SQL parser.
func operation(sql string) string {
	s := sql
	for {
		s = strings.TrimLeft(s, " \t\r\n\f(")
		switch {
		case strings.HasPrefix(s, "--"):
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				return ""
			}
			s = s[i+1:]
			continue
		case strings.HasPrefix(s, "/*"):
			i := strings.Index(s, "*/")
			if i < 0 {
				return ""
			}
			s = s[i+2:]
			continue
		case strings.HasPrefix(s, "{"): // Informix comment
			i := strings.IndexByte(s, '}')
			if i < 0 {
				return ""
			}
			s = s[i+1:]
			continue
		}
		break
	}
	n := 0
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z') {
		n++
	}
	return strings.ToUpper(s[:n])
}
