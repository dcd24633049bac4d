package sqltext

// ForeignMarker returns the first placeholder of another driver's style
// outside quotes and comments: $1 (PostgreSQL), :name or :1 (Oracle,
// sqlx) or @name (SQL Server), with its byte offset; "" and -1 when there
// is none. Informix SQL has forms that look alike ("stores@srv:customer",
// "'1'::INT"), so a marker must not follow a name character, and a
// caller asks only once the '?' count has not matched the arguments.
func ForeignMarker(s string) (marker string, at int) {
	for i := 0; i < len(s); {
		if j := Skip(s, i); j != i {
			i = j
			continue
		}
		c := s[i]
		if (c == '$' || c == ':' || c == '@') && i+1 < len(s) && (i == 0 || !isWordByte(s[i-1]) && s[i-1] != ':') {
			next := s[i+1]
			ok := false
			switch c {
			case '$':
				ok = next >= '0' && next <= '9'
			case ':':
				ok = isWordStart(next) || next >= '0' && next <= '9'
			case '@':
				ok = isWordStart(next)
			}
			if ok {
				j := i + 2
				for j < len(s) && isWordByte(s[j]) && s[j] != '$' {
					j++
				}
				return s[i:j], i
			}
		}
		i++
	}
	return "", -1
}
