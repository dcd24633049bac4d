package ifxpool

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
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
	// RetryTimeout bounds how long Pool.Exec, Query, QueryRow and Ping
	// keep running a statement again on other connections after a
	// retryable failure (see failover.go; pool_retry_timeout; default
	// 5 s, also when 0; negative: no retry).
	RetryTimeout time.Duration

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

	// LeakLogger receives a warning for each handle (Conn, Rows of
	// Pool.Query, Tx of Pool.Begin) the garbage collector found dropped
	// without Release, Close, Commit or Rollback, whose connection the
	// pool then reclaimed: what leaked and the query's SQL text (never its
	// arguments). Nil: slog.Default().
	LeakLogger *slog.Logger
	// DebugLeaks captures a stack trace when each handle is made, and
	// adds it to the leak warning: where the forgotten handle came from.
	// It costs a stack capture per Acquire, Query and Begin.
	DebugLeaks bool

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
// pool_ping_idle_threshold, pool_ping_timeout, pool_reset_timeout,
// pool_retry_timeout.
// Durations take Go syntax ("90s", "1h30m") or seconds ("2.5"). The DSN
// is parsed once, by the driver (ifx.ParseConfigWithOptions), which hands
// the pool keys to the pool; an unknown pool_ key is an error.
func ParseConfig(dsn string) (*Config, error) {
	cfg := &Config{
		MaxConns:             DefaultMaxConns(),
		MaxConnLifetime:      DefaultMaxConnLifetime,
		MaxConnIdleTime:      DefaultMaxConnIdleTime,
		HealthCheckPeriod:    DefaultHealthCheckPeriod,
		PingIdleThreshold:    DefaultPingIdleThreshold,
		PingTimeout:          DefaultPingTimeout,
		ResetTimeout:         DefaultResetTimeout,
		RetryTimeout:         DefaultRetryTimeout,
		createdByParseConfig: true,
	}
	cc, err := ifx.ParseConfigWithOptions(dsn, ifx.ParseConfigOptions{
		ExtraOption: func(key, value string) (bool, error) {
			if len(key) < 5 || !strings.EqualFold(key[:5], "pool_") {
				return false, nil
			}
			return true, cfg.setOption(key, value)
		},
	})
	if err != nil {
		return nil, err
	}
	cfg.ConnConfig = cc
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
	case "pool_retry_timeout":
		c.RetryTimeout, err = parseDuration(v, true)
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
