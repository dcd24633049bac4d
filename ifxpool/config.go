package ifxpool

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/ifxgo/ifx"
)

// Defaults applied by ParseConfig.
const (
	DefaultMaxConnLifetime   = time.Hour
	DefaultMaxConnIdleTime   = 30 * time.Minute
	DefaultHealthCheckPeriod = time.Minute
	DefaultPingIdleThreshold = time.Second
	DefaultPingTimeout       = 5 * time.Second
	DefaultResetTimeout      = 5 * time.Second
)

// DefaultMaxConns is max(4, runtime.NumCPU()).
func DefaultMaxConns() int32 { return int32(max(4, runtime.NumCPU())) }

// Config configures a Pool. Create it with ParseConfig, which fills in
// every default, then adjust fields before NewWithConfig. A Config must not
// be changed after it was passed to NewWithConfig.
type Config struct {
	// ConnConfig configures each connection (see ifx.ParseConfig).
	ConnConfig *ifx.Config

	// MaxConns is the most connections the pool holds, idle, in use and
	// being opened together (DSN pool_max_conns; default
	// DefaultMaxConns()).
	MaxConns int32
	// MinConns connections are opened by NewWithConfig and kept open by
	// the background health check (pool_min_conns; default 0).
	MinConns int32

	// MaxConnLifetime closes a connection this long after it was opened,
	// when it is next released or found idle by the health check; 0
	// means no limit (pool_max_conn_lifetime; default 1 h).
	MaxConnLifetime time.Duration
	// MaxConnLifetimeJitter adds a random 0..jitter to each connection's
	// lifetime, so that connections opened together do not all close
	// together (pool_max_conn_lifetime_jitter; default 0).
	MaxConnLifetimeJitter time.Duration
	// MaxConnIdleTime closes connections idle this long, in the health
	// check, as long as more than MinConns remain; 0 means no limit
	// (pool_max_conn_idle_time; default 30 min).
	MaxConnIdleTime time.Duration
	// HealthCheckPeriod is how often the background health check runs: it
	// closes expired, idle-too-long and dead idle connections (it pings
	// those not used since the previous check) and opens connections up
	// to MinConns. 0 turns the periodic check off; MinConns is then still
	// topped up after connections close (pool_health_check_period;
	// default 1 min).
	HealthCheckPeriod time.Duration

	// AcquireTimeout bounds Acquire, including opening a connection for
	// it; the error matches ErrAcquireTimeout. 0 means only the context
	// bounds Acquire (pool_acquire_timeout; default 0).
	AcquireTimeout time.Duration
	// PingIdleThreshold: an idle connection unused for at least this long
	// is pinged (one round trip) before Acquire hands it out; a dead one is
	// replaced without the caller seeing an error. Connections idle for a
	// shorter time get only a check of the socket, without a round trip.
	// 0 pings every time; a negative value never
	// (pool_ping_idle_threshold; default 1 s).
	PingIdleThreshold time.Duration
	// PingTimeout bounds each ping; 0 means only the Acquire context
	// (pool_ping_timeout; default 5 s).
	PingTimeout time.Duration
	// ResetTimeout bounds the reset that Release runs (Conn.Reset: roll
	// back an open transaction, close cursors): a reset still waiting for
	// the server this long (plus the connection's InterruptWait) fails, and
	// the connection is closed instead of reused (pool_reset_timeout;
	// default 5 s; must be positive).
	ResetTimeout time.Duration

	// BeforeConnect is called with a copy of ConnConfig before each
	// connection attempt and may change it (e.g. rotate a password).
	BeforeConnect func(ctx context.Context, cfg *ifx.Config) error
	// AfterConnect is called once for each new connection, before the pool
	// uses it; an error closes the connection and fails the attempt.
	AfterConnect func(ctx context.Context, conn *ifx.Conn) error
	// BeforeAcquire is called before a connection is handed out; false
	// closes it and Acquire goes on with another.
	BeforeAcquire func(ctx context.Context, conn *ifx.Conn) bool
	// AfterRelease is called after a released connection was reset,
	// before it goes back to the pool; false closes it.
	AfterRelease func(conn *ifx.Conn) bool
	// BeforeClose is called before the pool closes a connection.
	BeforeClose func(conn *ifx.Conn)

	// Every hook may be called from several goroutines at once.

	createdByParseConfig bool
}

// Copy returns a copy of c with a deep copy of ConnConfig.
func (c *Config) Copy() *Config {
	n := *c
	if c.ConnConfig != nil {
		n.ConnConfig = c.ConnConfig.Copy()
	}
	return &n
}

// ParseConfig parses a DSN in any of the forms ifx.ParseConfig accepts,
// with pool options added as further keys:
//
//	informix://u:p@host:9088/db?server=NAME&pool_max_conns=16&pool_acquire_timeout=2s
//	host=h server=NAME database=db pool_max_conns=16 pool_min_conns=2
//	jdbc:informix-sqli://host:9088/db:INFORMIXSERVER=NAME;pool_max_conns=16
//
// Keys: pool_max_conns, pool_min_conns, pool_max_conn_lifetime,
// pool_max_conn_lifetime_jitter, pool_max_conn_idle_time,
// pool_health_check_period, pool_acquire_timeout,
// pool_ping_idle_threshold, pool_ping_timeout, pool_reset_timeout.
// Durations take Go syntax ("90s", "1h30m") or seconds ("2.5"). The pool
// keys are removed before the rest is parsed by ifx.ParseConfig; an
// unknown pool_ key is an error.
func ParseConfig(dsn string) (*Config, error) {
	rest, opts, err := splitPoolOptions(dsn)
	if err != nil {
		return nil, err
	}
	cc, err := ifx.ParseConfig(rest)
	if err != nil {
		return nil, err
	}
	cfg := &Config{
		ConnConfig:           cc,
		MaxConns:             DefaultMaxConns(),
		MaxConnLifetime:      DefaultMaxConnLifetime,
		MaxConnIdleTime:      DefaultMaxConnIdleTime,
		HealthCheckPeriod:    DefaultHealthCheckPeriod,
		PingIdleThreshold:    DefaultPingIdleThreshold,
		PingTimeout:          DefaultPingTimeout,
		ResetTimeout:         DefaultResetTimeout,
		createdByParseConfig: true,
	}
	for _, o := range opts {
		if err := cfg.setOption(o[0], o[1]); err != nil {
			return nil, err
		}
	}
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

func (c *Config) setOption(key, value string) error {
	var err error
	v := strings.TrimSpace(value)
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "pool_max_conns":
		c.MaxConns, err = parseInt32(v)
	case "pool_min_conns":
		c.MinConns, err = parseInt32(v)
	case "pool_max_conn_lifetime":
		c.MaxConnLifetime, err = parseDuration(v, false)
	case "pool_max_conn_lifetime_jitter":
		c.MaxConnLifetimeJitter, err = parseDuration(v, false)
	case "pool_max_conn_idle_time":
		c.MaxConnIdleTime, err = parseDuration(v, false)
	case "pool_health_check_period":
		c.HealthCheckPeriod, err = parseDuration(v, false)
	case "pool_acquire_timeout":
		c.AcquireTimeout, err = parseDuration(v, false)
	case "pool_ping_idle_threshold":
		c.PingIdleThreshold, err = parseDuration(v, true)
	case "pool_ping_timeout":
		c.PingTimeout, err = parseDuration(v, false)
	case "pool_reset_timeout":
		c.ResetTimeout, err = parseDuration(v, false)
	default:
		return fmt.Errorf("ifxpool: unknown pool option %q", key)
	}
	if err != nil {
		return fmt.Errorf("ifxpool: option %s=%q: %w", key, value, err)
	}
	return nil
}

func (c *Config) validate() error {
	switch {
	case c.ConnConfig == nil:
		return errors.New("ifxpool: Config.ConnConfig is nil")
	case c.MaxConns < 1:
		return fmt.Errorf("ifxpool: MaxConns is %d, must be at least 1", c.MaxConns)
	case c.MinConns < 0:
		return fmt.Errorf("ifxpool: MinConns is %d, must not be negative", c.MinConns)
	case c.MinConns > c.MaxConns:
		return fmt.Errorf("ifxpool: MinConns (%d) exceeds MaxConns (%d)", c.MinConns, c.MaxConns)
	case c.MaxConnLifetime < 0, c.MaxConnLifetimeJitter < 0, c.MaxConnIdleTime < 0,
		c.HealthCheckPeriod < 0, c.AcquireTimeout < 0, c.PingTimeout < 0:
		return errors.New("ifxpool: negative duration in Config")
	case c.ResetTimeout <= 0:
		return errors.New("ifxpool: ResetTimeout must be positive")
	}
	return nil
}

func parseInt32(s string) (int32, error) {
	n, err := strconv.ParseInt(s, 10, 32)
	return int32(n), err
}

// parseDuration accepts Go durations and plain (possibly fractional)
// seconds, like the driver's DSN options.
func parseDuration(s string, allowNegative bool) (time.Duration, error) {
	var d time.Duration
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		d = time.Duration(f * float64(time.Second))
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, err
		}
	}
	if d < 0 && !allowNegative {
		return 0, errors.New("negative duration")
	}
	return d, nil
}

// ---------------------------------------------------------------- DSN

// splitPoolOptions removes the pool_* keys from dsn, in whichever of the
// driver's three forms it is written, and returns them.
func splitPoolOptions(dsn string) (string, [][2]string, error) {
	t := strings.TrimSpace(dsn)
	switch {
	case hasPrefixFold(t, "informix://"), hasPrefixFold(t, "ifx://"):
		return splitURL(t)
	case hasPrefixFold(t, "jdbc:informix-sqli://"):
		return splitJDBC(t)
	}
	return splitKV(t)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isPoolKey(k string) bool {
	return hasPrefixFold(strings.TrimSpace(k), "pool_")
}

// splitURL handles informix://…?k=v&k=v: the query starts at the first
// '?' after the scheme, as in the driver.
func splitURL(t string) (string, [][2]string, error) {
	scheme := strings.Index(t, "://") + 3
	q := strings.IndexByte(t[scheme:], '?')
	if q < 0 {
		return t, nil, nil
	}
	q += scheme
	var opts [][2]string
	var keep []string
	for _, part := range strings.Split(t[q+1:], "&") {
		k, v, _ := strings.Cut(part, "=")
		key, err := url.QueryUnescape(k)
		if err != nil || !isPoolKey(key) {
			keep = append(keep, part) // the driver reports bad escapes
			continue
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return "", nil, fmt.Errorf("ifxpool: option %s: %w", key, err)
		}
		opts = append(opts, [2]string{key, val})
	}
	if len(keep) == 0 {
		return t[:q], opts, nil
	}
	return t[:q+1] + strings.Join(keep, "&"), opts, nil
}

// splitJDBC handles jdbc:informix-sqli://host:port[/db]:K=V;K=V. The
// properties start where the driver's parser starts them: after the host,
// its port and the optional database.
func splitJDBC(t string) (string, [][2]string, error) {
	const scheme = len("jdbc:informix-sqli://")
	rest := t[scheme:]
	i := 0
	if strings.HasPrefix(rest, "[") {
		if j := strings.IndexByte(rest, ']'); j >= 0 {
			i = j + 1
		}
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
	if i < len(rest) && rest[i] == '/' {
		if end := strings.IndexAny(rest[i+1:], ":;"); end >= 0 {
			i += 1 + end
		} else {
			i = len(rest)
		}
	}
	props := rest[i:]
	lead := len(props) - len(strings.TrimLeft(props, ":;"))
	prefix := t[:scheme+i+lead]
	props = props[lead:]
	var opts [][2]string
	var keep []string
	for _, kv := range strings.Split(props, ";") {
		k, v, _ := strings.Cut(kv, "=")
		if isPoolKey(k) {
			opts = append(opts, [2]string{strings.TrimSpace(k), v})
			continue
		}
		keep = append(keep, kv)
	}
	return prefix + strings.Join(keep, ";"), opts, nil
}

// splitKV handles key=value lists, with the driver's quoting rules
// (single quotes, backslash escapes); the pairs that are not pool options
// are kept byte for byte.
func splitKV(s string) (string, [][2]string, error) {
	var opts [][2]string
	var keep []string
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
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
			// Malformed: let the driver report it.
			return s, nil, nil
		}
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		var val strings.Builder
		if i < len(s) && s[i] == '\'' {
			i++
			for i < len(s) {
				ch := s[i]
				if ch == '\\' && i+1 < len(s) {
					val.WriteByte(s[i+1])
					i += 2
					continue
				}
				i++
				if ch == '\'' {
					break
				}
				val.WriteByte(ch)
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
		if isPoolKey(key) {
			opts = append(opts, [2]string{key, val.String()})
		} else {
			keep = append(keep, s[start:i])
		}
	}
	return strings.Join(keep, " "), opts, nil
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
