package ifxconn

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// setOption applies one key=value setting common to every DSN form. Keys
// are case-insensitive; "env.NAME" sets a server environment variable.
func (c *Config) setOption(key, value string) error {
	lk := strings.ToLower(strings.TrimSpace(key))
	if strings.HasPrefix(lk, "env.") {
		name := strings.TrimSpace(key)[4:]
		if name == "" {
			return fmt.Errorf("empty environment variable name")
		}
		c.setEnv(name, value)
		return nil
	}
	var err error
	switch lk {
	case "host", "hosts", "ifxhost":
		return c.setHostList(value, 0)
	case "port", "portno":
		return c.setPorts(value)
	case "server", "informixserver", "dbservername":
		c.Server = value
	case "sqlhosts", "informixsqlhosts", "sqlh_file":
		c.SQLHostsFile = value
	case "max_redirects":
		c.MaxRedirects, err = strconv.Atoi(value)
	case "database", "dbname", "db":
		c.Database = value
	case "user", "username":
		c.User = value
	case "password", "passwd":
		c.Password = value
	case "connect_timeout", "connecttimeout":
		c.ConnectTimeout, err = parseDuration(value)
	case "logintimeout": // JDBC, milliseconds
		var ms int
		ms, err = strconv.Atoi(value)
		c.ConnectTimeout = time.Duration(ms) * time.Millisecond
	case "ifx_soc_timeout": // JDBC, milliseconds
		var ms int
		ms, err = strconv.Atoi(value)
		c.ReadTimeout = time.Duration(ms) * time.Millisecond
	case "read_timeout":
		c.ReadTimeout, err = parseDuration(value)
	case "write_timeout":
		c.WriteTimeout, err = parseDuration(value)
	case "interrupt_wait":
		c.InterruptWait, err = parseDuration(value)
	case "tls", "sslmode", "encrypt":
		c.TLSMode, err = parseTLSMode(value)
	case "tls_cert", "sslcert":
		c.TLSCertFile = value
	case "tls_key", "sslkey":
		c.TLSKeyFile = value
	case "tls_ca", "sslrootcert":
		c.TLSCAFile = value
	case "client_locale":
		c.ClientLocale = value
	case "db_locale":
		c.DBLocale = value
	case "fetch_buffer", "fet_buf_size":
		c.FetchBufferSize, err = strconv.Atoi(value)
		if err == nil && (c.FetchBufferSize < 1 || c.FetchBufferSize > 1<<31-1) {
			err = fmt.Errorf("out of range")
		}
	case "statement_cache_capacity":
		c.StatementCacheCapacity, err = strconv.Atoi(value)
		if err == nil && (c.StatementCacheCapacity < 0 || c.StatementCacheCapacity > 1<<16) {
			err = fmt.Errorf("out of range")
		}
	case "time_location", "timezone":
		c.TimeLocation, err = time.LoadLocation(value)
	case "max_message_size":
		c.MaxMessageSize, err = strconv.Atoi(value)
		if err == nil && c.MaxMessageSize < 1024 {
			err = fmt.Errorf("below 1024")
		}
	case "app_name", "application_name", "appname":
		c.AppName = value
	case "debug_leaks":
		c.DebugLeaks, err = strconv.ParseBool(value)
	default:
		if ok, err := c.setClusterOption(lk, value); ok {
			return err
		}
		if c.extraOption != nil {
			if ok, err := c.extraOption(strings.TrimSpace(key), value); ok {
				return err
			}
		}
		return fmt.Errorf("unknown option %q (server environment variables are set with env.%s)", key, key)
	}
	if err != nil {
		return fmt.Errorf("option %s=%q: %w", key, value, err)
	}
	return nil
}

// setEnv sets a server environment variable; CLIENT_LOCALE and DB_LOCALE
// go to their own fields.
func (c *Config) setEnv(name, value string) {
	switch strings.ToUpper(name) {
	case "CLIENT_LOCALE":
		c.ClientLocale = value
		return
	case "DB_LOCALE":
		c.DBLocale = value
		return
	}
	if c.Env == nil {
		c.Env = map[string]string{}
	}
	c.Env[name] = value
}

// parseDuration accepts Go durations and plain (possibly fractional)
// seconds.
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 {
			return 0, fmt.Errorf("negative duration")
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, err
	}
	if d < 0 {
		return 0, fmt.Errorf("negative duration")
	}
	return d, nil
}

func parseTLSMode(s string) (TLSMode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "disable", "false", "off", "no", "0":
		return TLSDisable, nil
	case "require", "skip-verify", "insecure":
		return TLSRequire, nil
	case "verify-ca":
		return TLSVerifyCA, nil
	case "verify-full", "true", "on", "yes", "1":
		return TLSVerifyFull, nil
	}
	return "", fmt.Errorf("unknown TLS mode (want disable, require, verify-ca or verify-full)")
}
