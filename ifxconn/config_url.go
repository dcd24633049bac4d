package ifxconn

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// parseURL parses informix://user:password@h1:p1,h2:p2/database?key=value.
// The authority is split by hand because net/url rejects host lists.
func (c *Config) parseURL(dsn string) error {
	rest := dsn[strings.Index(dsn, "://")+3:]
	var query string
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, query = rest[:i], rest[i+1:]
	}
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i+1:]
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		userinfo := authority[:i]
		authority = authority[i+1:]
		u, p, hasPass := strings.Cut(userinfo, ":")
		var err error
		if c.User, err = url.PathUnescape(u); err != nil {
			return fmt.Errorf("user name: %w", err)
		}
		if hasPass {
			if c.Password, err = url.PathUnescape(p); err != nil {
				return fmt.Errorf("password: invalid escape")
			}
		}
	}
	if authority != "" {
		hosts, err := url.PathUnescape(authority)
		if err != nil {
			return fmt.Errorf("host: %w", err)
		}
		if err := c.setHostList(hosts, 0); err != nil {
			return err
		}
	}
	if path != "" {
		path = strings.TrimSuffix(path, "/")
		if strings.ContainsAny(path, "/@") {
			// The path is one database name. More of it is nearly always
			// a password holding a raw '/' (or '?', '#'), which moved
			// the rest of the password into the path: connecting would
			// send it as a database name to the wrong host.
			return errors.New("the path after the host holds more than a database name " +
				"(percent-encode '/', '?', '#' and '@' in the password)")
		}
		db, err := url.PathUnescape(path)
		if err != nil {
			return fmt.Errorf("database: %w", err)
		}
		c.Database = db
	}
	if query == "" {
		return nil
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	// Apply host before port so that a port option reaches every host.
	for _, k := range []string{"host", "port"} {
		if v, ok := values[k]; ok {
			if err := c.setOption(k, v[len(v)-1]); err != nil {
				return err
			}
			delete(values, k)
		}
	}
	for k, v := range values {
		if err := c.setOption(k, v[len(v)-1]); err != nil {
			return err
		}
	}
	return nil
}

// redactDSN masks the password in any of the three DSN forms, for error
// messages.
func redactDSN(dsn string) string {
	s, _ := redact(dsn)
	return s
}

// redactMsg masks, in a message about dsn, the password and every piece
// of it (split at DSN separators) that redactDSN masks in dsn: a broken
// DSN may have turned part of a password into a host, a port or an
// option that the message quotes.
func redactMsg(dsn, msg string) string {
	_, secrets := redact(dsn)
	for _, sec := range secrets {
		pieces := strings.FieldsFunc(sec, func(r rune) bool { return strings.ContainsRune("/?#&;:@ '\"\\=%,[]", r) })
		for _, p := range append(pieces, sec) {
			if len(p) >= 4 {
				// Messages quote what they show with %q, which escapes
				// unprintable bytes: mask that spelling too.
				q := strconv.Quote(p)
				msg = strings.ReplaceAll(msg, q[1:len(q)-1], "xxxxx")
				msg = strings.ReplaceAll(msg, p, "xxxxx")
			}
		}
	}
	return msg
}

// redact returns dsn with its password masked, and what it masked.
func redact(dsn string) (string, []string) {
	var secrets []string
	s := dsn
	if i := strings.Index(s, "://"); i >= 0 && !hasPrefixFold(strings.TrimSpace(s), "jdbc:") {
		rest := s[i+3:]
		// The last '@' anywhere, not only before the path: a password
		// written with a raw '/', '?' or '#' (a common slip) breaks the
		// URL, and its error must not show it. Masking too much of a
		// query that holds an '@' is harmless.
		if at := strings.LastIndexByte(rest, '@'); at >= 0 {
			if colon := strings.IndexByte(rest[:at], ':'); colon >= 0 {
				secrets = append(secrets, rest[colon+1:at])
				s = s[:i+3] + rest[:colon] + ":xxxxx" + rest[at:]
			}
		}
	}
	return maskKeyValues(s, valueEnds(dsn), &secrets), secrets
}

// valueEnds returns the bytes that end an unquoted value in dsn's form.
// Only the form's own separators count: a key=value password may hold
// '&' or ';', and stopping there would show the rest of it.
func valueEnds(dsn string) string {
	t := strings.TrimSpace(dsn)
	switch {
	case hasPrefixFold(t, "jdbc:"):
		return ";"
	case strings.Contains(t, "://"):
		return "&#"
	default:
		return " \t\r\n"
	}
}

// maskKeyValues masks password=… in key=value lists, quoted values
// included; an unquoted value ends at a byte of ends.
func maskKeyValues(s, ends string, secrets *[]string) string {
	// Byte-wise ASCII lower case: strings.ToLower changes the length of
	// invalid UTF-8, and the offsets found in lower index s.
	lb := []byte(s)
	for i, ch := range lb {
		if 'A' <= ch && ch <= 'Z' {
			lb[i] = ch + 'a' - 'A'
		}
	}
	lower := string(lb)
	var b strings.Builder
	i := 0
	for {
		j := indexPasswordKey(lower, i)
		if j < 0 {
			b.WriteString(s[i:])
			return b.String()
		}
		eq := strings.IndexByte(lower[j:], '=') + j
		b.WriteString(s[i : eq+1])
		b.WriteString("xxxxx")
		k := eq + 1
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if k < len(s) && s[k] == '\'' {
			k++
			for k < len(s) && s[k] != '\'' {
				if s[k] == '\\' {
					k++
				}
				k++
			}
			k++
		} else {
			for k < len(s) && strings.IndexByte(ends, s[k]) < 0 {
				k++
			}
		}
		i = min(k, len(s))
		*secrets = append(*secrets, strings.Trim(s[min(eq+1, i):i], " '"))
	}
}

func indexPasswordKey(lower string, from int) int {
	best := -1
	for _, key := range []string{"password", "passwd", "ifx_password"} {
		off := from
		for {
			j := strings.Index(lower[off:], key)
			if j < 0 {
				break
			}
			j += off
			k := j + len(key)
			for k < len(lower) && lower[k] == ' ' {
				k++
			}
			startOK := j == 0 || strings.ContainsRune(" ;&?:", rune(lower[j-1])) || strings.HasSuffix(lower[:j], "env.")
			if startOK && k < len(lower) && lower[k] == '=' {
				if best < 0 || j < best {
					best = j
				}
				break
			}
			off = j + 1
		}
	}
	return best
}
