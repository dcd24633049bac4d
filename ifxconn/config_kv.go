package ifxconn

import (
	"fmt"
	"strings"
)

// parseKV parses "key=value key2='quoted value'" lists. Quoted values may
// contain blanks; a backslash escapes a quote or a backslash inside them.
func (c *Config) parseKV(dsn string) error {
	pairs, err := splitKV(dsn)
	if err != nil {
		return err
	}
	// host before port, as in the URL form.
	for _, want := range []string{"host", "port"} {
		for _, p := range pairs {
			if strings.EqualFold(p[0], want) {
				if err := c.setOption(p[0], p[1]); err != nil {
					return err
				}
			}
		}
	}
	for _, p := range pairs {
		if strings.EqualFold(p[0], "host") || strings.EqualFold(p[0], "port") {
			continue
		}
		if err := c.setOption(p[0], p[1]); err != nil {
			return err
		}
	}
	return nil
}

func splitKV(s string) ([][2]string, error) {
	var out [][2]string
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return out, nil
		}
		start := i
		for i < len(s) && s[i] != '=' && !isSpace(s[i]) {
			i++
		}
		key := s[start:i]
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			return nil, fmt.Errorf("missing '=' after %q", key)
		}
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		var val strings.Builder
		if i < len(s) && s[i] == '\'' {
			i++
			closed := false
			for i < len(s) {
				ch := s[i]
				if ch == '\\' && i+1 < len(s) {
					val.WriteByte(s[i+1])
					i += 2
					continue
				}
				if ch == '\'' {
					closed = true
					i++
					break
				}
				val.WriteByte(ch)
				i++
			}
			if !closed {
				return nil, fmt.Errorf("unterminated quoted value for %q", key)
			}
		} else {
			for i < len(s) && !isSpace(s[i]) {
				if s[i] == '\\' && i+1 < len(s) {
					val.WriteByte(s[i+1])
					i += 2
					continue
				}
				val.WriteByte(s[i])
				i++
			}
		}
		if key == "" {
			return nil, fmt.Errorf("empty key")
		}
		out = append(out, [2]string{key, val.String()})
	}
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
