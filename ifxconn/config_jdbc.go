package ifxconn

import (
	"fmt"
	"strings"
)

// parseJDBC parses IBM's JDBC URL:
//
//	jdbc:informix-sqli://host:port[/database]:INFORMIXSERVER=name;user=u;password=p;KEY=value
//
// Property names are case-insensitive. Driver options (connect_timeout,
// tls, …) and the JDBC names LOGINTIMEOUT, IFX_SOC_TIMEOUT, FET_BUF_SIZE
// and ENCRYPT are understood; any other property is passed to the server
// as an environment variable, as JDBC does for DBDATE, OPTOFC and the like.
func (c *Config) parseJDBC(dsn string) error {
	rest := dsn[len("jdbc:informix-sqli://"):]
	// host: up to ':' (or past a bracketed IPv6 address), then digits.
	i := 0
	if strings.HasPrefix(rest, "[") {
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return fmt.Errorf("host: missing ']'")
		}
		i = j + 1
	} else {
		for i < len(rest) && rest[i] != ':' && rest[i] != '/' && rest[i] != ';' {
			i++
		}
	}
	if i < len(rest) && rest[i] == ':' {
		j := i + 1
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j > i+1 {
			i = j
		}
	}
	hostPart, rest := rest[:i], rest[i:]
	if hostPart != "" {
		hp, err := parseHostPort(hostPart, 0)
		if err != nil {
			return err
		}
		c.Hosts = []HostPort{hp}
	}
	if strings.HasPrefix(rest, "/") {
		rest = rest[1:]
		end := strings.IndexAny(rest, ":;")
		if end < 0 {
			end = len(rest)
		}
		c.Database = rest[:end]
		rest = rest[end:]
	}
	rest = strings.TrimLeft(rest, ":;")
	for _, kv := range strings.Split(rest, ";") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("property %q has no '='", kv)
		}
		k = strings.TrimSpace(k)
		if err := c.setOption(k, v); err != nil {
			if strings.Contains(err.Error(), "unknown option") {
				c.setEnv(strings.ToUpper(k), v)
				continue
			}
			return err
		}
	}
	return nil
}
