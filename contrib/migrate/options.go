package ifxmigrate

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults of the URL options (see the package documentation).
const (
	DefaultMigrationsTable       = "schema_migrations"
	DefaultLockTimeout           = 10 * time.Second
	DefaultMultiStatementMaxSize = 10 << 20
)

// splitOptions removes the x- options from a migrate URL and returns the
// DSN left for ifx and the options, unescaped. Only the query is parsed
// here: the rest of the URL (a host list, a password) is ifx's to judge.
func splitOptions(rawURL string) (dsn string, opts map[string]string, err error) {
	base, query, ok := strings.Cut(rawURL, "?")
	if !ok {
		return rawURL, nil, nil
	}
	opts = map[string]string{}
	var kept []string
	for part := range strings.SplitSeq(query, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			return "", nil, fmt.Errorf("ifxmigrate: URL option %q: %w", k, err)
		}
		if !strings.HasPrefix(key, "x-") {
			kept = append(kept, part)
			continue
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return "", nil, fmt.Errorf("ifxmigrate: URL option %s: %w", key, err)
		}
		opts[key] = val
	}
	if len(kept) > 0 {
		base += "?" + strings.Join(kept, "&")
	}
	return base, opts, nil
}

// configFromOptions fills a Config from the x- options.
func configFromOptions(opts map[string]string) (*Config, error) {
	cfg := &Config{}
	for key, val := range opts {
		var err error
		switch key {
		case "x-migrations-table":
			cfg.MigrationsTable = val
		case "x-lock-table":
			cfg.LockTable = val
		case "x-lock-timeout":
			cfg.LockTimeout, err = parseDuration(val)
			if err == nil && cfg.LockTimeout == 0 {
				cfg.LockTimeout = -1 // try once
			}
		case "x-statement-timeout":
			cfg.StatementTimeout, err = parseDuration(val)
		case "x-multi-statement":
			_, err = strconv.ParseBool(val)
		case "x-multi-statement-max-size":
			cfg.MultiStatementMaxSize, err = strconv.Atoi(val)
			if err == nil && cfg.MultiStatementMaxSize <= 0 {
				err = fmt.Errorf("must be positive")
			}
		default:
			return nil, fmt.Errorf("ifxmigrate: unknown URL option %s (known: x-migrations-table, x-lock-table, "+
				"x-lock-timeout, x-statement-timeout, x-multi-statement, x-multi-statement-max-size)", key)
		}
		if err != nil {
			return nil, fmt.Errorf("ifxmigrate: URL option %s=%q: %w", key, val, err)
		}
	}
	return cfg, nil
}

// parseDuration reads a Go duration ("5s") or, as migrate's other drivers
// take their timeouts, a number of milliseconds.
func parseDuration(s string) (time.Duration, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return 0, fmt.Errorf("negative")
		}
		return time.Duration(n) * time.Millisecond, nil
	}
	d, err := time.ParseDuration(s)
	if err == nil && d < 0 {
		return 0, fmt.Errorf("negative")
	}
	return d, err
}
