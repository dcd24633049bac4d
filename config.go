package ifx

import (
	"strconv"

	"github.com/ifxgo/ifx/ifxconn"
)

// Defaults, matching IBM's Informix Developer Edition image (defined by
// package ifxconn, which parses the configuration).
const (
	DefaultPort                   = ifxconn.DefaultPort
	DefaultServer                 = ifxconn.DefaultServer
	DefaultHost                   = ifxconn.DefaultHost
	DefaultClientLocale           = ifxconn.DefaultClientLocale
	DefaultFetchBufferSize        = ifxconn.DefaultFetchBufferSize
	DefaultConnectTimeout         = ifxconn.DefaultConnectTimeout
	DefaultInterruptWait          = ifxconn.DefaultInterruptWait
	DefaultWriteTimeout           = ifxconn.DefaultWriteTimeout
	DefaultStatementCacheCapacity = ifxconn.DefaultStatementCacheCapacity
	DefaultMaxRedirects           = ifxconn.DefaultMaxRedirects
	DefaultConnectRetryTimeout    = ifxconn.DefaultConnectRetryTimeout
)

// TargetSessionAttrs says which servers of a cluster a connection may use
// (see ifxconn.TargetSessionAttrs).
type TargetSessionAttrs = ifxconn.TargetSessionAttrs

// Target session attributes (see ifxconn.TargetSessionAttrs).
const (
	TargetAny           = ifxconn.TargetAny
	TargetReadWrite     = ifxconn.TargetReadWrite
	TargetReadOnly      = ifxconn.TargetReadOnly
	TargetPreferStandby = ifxconn.TargetPreferStandby
)

// HostPort is one address of a server (see ifxconn.HostPort).
type HostPort = ifxconn.HostPort

// TLSMode says whether and how a connection uses TLS (see
// ifxconn.TLSMode).
type TLSMode = ifxconn.TLSMode

// TLS modes (see ifxconn.TLSMode).
const (
	TLSDisable    = ifxconn.TLSDisable
	TLSRequire    = ifxconn.TLSRequire
	TLSVerifyCA   = ifxconn.TLSVerifyCA
	TLSVerifyFull = ifxconn.TLSVerifyFull
)

// ParseConfigError reports a DSN that could not be parsed.
type ParseConfigError = ifxconn.ParseConfigError

// ParseConfigOptions adjusts ParseConfigWithOptions.
type ParseConfigOptions = ifxconn.ParseConfigOptions

// Config configures a connection: the connection layer's settings
// (ifxconn.Config, whose fields it promotes: Hosts, Server, User,
// FetchBufferSize and the rest) and the API's own, as pgx.ConnConfig
// embeds pgconn.Config. Create one with ParseConfig (which fills in every
// default) and adjust fields before ConnectConfig. Config.String never
// shows the password.
type Config struct {
	ifxconn.Config

	// Tracer, if set, sees every statement (QueryTracer) and, when it
	// implements them, batches, prepares and connects (BatchTracer,
	// PrepareTracer, ConnectTracer). SlogTracer logs them.
	Tracer QueryTracer
}

// ParseConfig parses a DSN in any of the forms ifxconn.ParseConfig
// accepts, with the same options and defaults.
func ParseConfig(dsn string) (*Config, error) {
	cc, err := ifxconn.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return &Config{Config: *cc}, nil
}

// ParseConfigWithOptions is ParseConfig for packages layered on the
// driver: keys the driver does not know go to opts.ExtraOption first.
func ParseConfigWithOptions(dsn string, opts ParseConfigOptions) (*Config, error) {
	cc, err := ifxconn.ParseConfigWithOptions(dsn, opts)
	if err != nil {
		return nil, err
	}
	return &Config{Config: *cc}, nil
}

// Copy returns a deep copy of c (TLSConfig, DialFunc and Tracer are
// shared).
func (c *Config) Copy() *Config {
	return &Config{Config: *c.Config.Copy(), Tracer: c.Tracer}
}

// GoString is String for %#v, which would otherwise print every field,
// the password included.
func (c Config) GoString() string { return "ifx.Config(" + strconv.Quote(c.String()) + ")" }
