package ifxconn

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/user"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// Defaults, matching IBM's Informix Developer Edition image.
const (
	DefaultPort            = 9088
	DefaultServer          = "informix"
	DefaultHost            = "localhost"
	DefaultClientLocale    = "en_US.8859-1"
	DefaultFetchBufferSize = 32767
	DefaultConnectTimeout  = 30 * time.Second
	DefaultInterruptWait   = time.Second
	DefaultWriteTimeout    = 30 * time.Second
)

// DefaultStatementCacheCapacity is how many prepared statements
// ParseConfig lets a connection keep for reuse.
const DefaultStatementCacheCapacity = 128

// HostPort is one address of a server; Config.Hosts lists them in the
// order they are tried.
type HostPort struct {
	Host string
	Port uint16
	// Server, when set, is the DBSERVERNAME this address answers to
	// (a sqlhosts group member's own name); empty means Config.Server.
	Server string
}

// String returns host:port (IPv6 hosts in brackets).
func (h HostPort) String() string {
	return net.JoinHostPort(h.Host, strconv.Itoa(int(h.Port)))
}

// TLSMode says whether and how a connection uses TLS. Informix has no
// STARTTLS: a TLS listener (an onsocssl port) speaks TLS from the first
// byte, so the mode must match the port.
type TLSMode string

// TLS modes. Whenever TLS is on without a mode, VerifyFull applies; the
// driver never falls back to plain text.
const (
	TLSDisable    TLSMode = "disable"     // plain TCP
	TLSRequire    TLSMode = "require"     // TLS without certificate checks
	TLSVerifyCA   TLSMode = "verify-ca"   // certificate chain checked, host name not
	TLSVerifyFull TLSMode = "verify-full" // chain and host name checked
)

// Config configures a connection. Create one with ParseConfig (which fills
// in every default) and adjust fields before ConnectConfig. Config.String
// never shows the password.
type Config struct {
	// Hosts are tried in order until one accepts the login; a network or
	// TLS failure moves on to the next, a rejected password does not.
	Hosts []HostPort
	// Server is INFORMIXSERVER: the name the server must answer to.
	Server string
	// SQLHostsFile is the sqlhosts file that resolves Server when no
	// host is given (option sqlhosts=PATH; default INFORMIXSQLHOSTS,
	// else $INFORMIXDIR/etc/sqlhosts).
	SQLHostsFile string
	// Database is opened after login; empty connects without one.
	Database string
	User     string
	Password string

	// MaxRedirects is how many redirects (a server or the Connection
	// Manager sending the login elsewhere) a connection follows; 0 means
	// DefaultMaxRedirects, a negative value none (option max_redirects).
	MaxRedirects int
	// TargetSessionAttrs says whether a read-only secondary will do
	// (option target_session_attrs; see TargetSessionAttrs). Default any.
	TargetSessionAttrs TargetSessionAttrs
	// ConnectRetryTimeout bounds how long a database/sql connection
	// (stdlib) keeps trying a cluster (two or more hosts) none of whose
	// servers accepts a connection that fits TargetSessionAttrs: between
	// a primary's death and a secondary's promotion every host refuses or
	// is read-only (option connect_retry_timeout; default
	// DefaultConnectRetryTimeout, also when 0; negative: no retry).
	ConnectRetryTimeout time.Duration

	// PAMHandler answers the challenges of a server that logs in through
	// PAM (an sqlhosts s=4 listener). It is called for every challenge;
	// the answer to a prompt (Prompt()) is sent, that to a message is
	// ignored. Default: the Password for every prompt. The connect
	// deadline (ConnectTimeout, ctx) bounds the whole conversation.
	PAMHandler func(ctx context.Context, ch PAMChallenge) (string, error)

	// ConnectTimeout bounds dialing, the TLS handshake and the login
	// exchange of each host (0: only the context's deadline).
	ConnectTimeout time.Duration

	// TLSMode selects TLS; TLSConfig, when set in code, is used as given
	// (its ServerName filled in from the host if empty) and implies TLS.
	TLSMode   TLSMode
	TLSConfig *tls.Config
	// TLSCertFile and TLSKeyFile name a client certificate, TLSCAFile the
	// PEM roots that verify the server (default: the system roots).
	TLSCertFile, TLSKeyFile, TLSCAFile string

	// ClientLocale is CLIENT_LOCALE: the code set of the text the server
	// sends and expects (en_US.8859-1 by default; en_US.utf8 for UTF-8).
	ClientLocale string
	// DBLocale is DB_LOCALE, sent only when set.
	DBLocale string
	// Env holds extra server environment variables sent at login, such
	// as DBDATE or OPTOFC (DSN keys "env.NAME").
	Env map[string]string

	// FetchBufferSize is the NFETCH buffer: how many bytes of rows the
	// server sends per round trip. The connection's read buffer is 4 KiB
	// larger, so that one read can take a whole batch.
	FetchBufferSize int
	// StatementCacheCapacity is how many statements run by Query,
	// QueryRow and Exec (with arguments) a connection keeps prepared on
	// the server, so that running the same SQL text again skips the
	// PREPARE round trip. ParseConfig sets DefaultStatementCacheCapacity;
	// 0 keeps none (option statement_cache_capacity=0).
	StatementCacheCapacity int
	// TimeLocation is the zone of DATE and DATETIME values, which carry
	// none (default UTC).
	TimeLocation *time.Location
	// MaxMessageSize bounds any single message read from the server, and
	// any BYTE or TEXT value (whose chunks are small messages).
	MaxMessageSize int

	// InterruptWait is how long a cancelled statement waits for the
	// server to acknowledge the interrupt before the connection is closed.
	InterruptWait time.Duration
	// ReadTimeout bounds each read when the context has no deadline
	// (0: no limit, statements may run as long as they need).
	ReadTimeout time.Duration
	// WriteTimeout bounds each write when the context has no deadline.
	WriteTimeout time.Duration

	// AppName is sent at login and shows in onstat -g ses.
	AppName string

	// LeakLogger receives a warning for each Stmt the garbage collector
	// found dropped without Close, whose statement the driver then
	// released, and each Rows collected with its cursor open, which the
	// driver then closed: its SQL text (never arguments). Nil:
	// slog.Default().
	LeakLogger *slog.Logger
	// DebugLeaks captures a stack trace at each Prepare and each Query
	// that opens a cursor, and adds it to the leak warning (DSN
	// debug_leaks=true). It costs a stack capture per Prepare and Query.
	DebugLeaks bool

	// DialFunc dials the TCP connection (default: net.Dialer).
	DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

	parsed bool
	hdr    *hdrSwitch // JDBC's HDR properties while parsing (config_target.go)
	// extraOption is ParseConfigOptions.ExtraOption while parsing.
	extraOption func(key, value string) (bool, error)
}

// ParseConfigError reports a DSN that could not be parsed. It never
// contains the password.
type ParseConfigError struct {
	DSN string // the DSN with any password masked
	Msg string
	Err error
}

// Error implements error.
func (e *ParseConfigError) Error() string {
	s := "ifx: cannot parse DSN " + strconv.Quote(e.DSN) + ": " + e.Msg
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *ParseConfigError) Unwrap() error { return e.Err }

// ParseConfig parses a DSN in any of three forms:
//
//	informix://user:password@host:9088,host2:9088/database?server=NAME&key=value
//	host=h port=9088 server=NAME database=db user=u password='p w' key=value
//	jdbc:informix-sqli://host:9088/database:INFORMIXSERVER=NAME;user=u;password=p;KEY=value
//
// Values missing from the DSN come from the environment (INFORMIXSERVER,
// IFX_HOST, IFX_PORT, IFX_USER, IFX_PASSWORD, IFX_DATABASE, CLIENT_LOCALE,
// DB_LOCALE), then from the sqlhosts file when no host is named (see
// Config.SQLHostsFile), then from the defaults (port 9088, server
// informix). Options
// in every form: sqlhosts, max_redirects, target_session_attrs (and
// JDBC's ENABLE_HDRSWITCH, INFORMIXSERVER_SECONDARY, IFXHOST_SECONDARY,
// PORTNO_SECONDARY), connect_retry_timeout, connect_timeout, tls (disable, require, verify-ca,
// verify-full, or true/false), tls_cert, tls_key, tls_ca, client_locale,
// db_locale, env.NAME, fetch_buffer, statement_cache_capacity,
// time_location, max_message_size,
// interrupt_wait, read_timeout, write_timeout, app_name. Durations take Go
// syntax ("5s") or whole seconds.
func ParseConfig(dsn string) (*Config, error) { return parseConfig(dsn, nil) }

func parseConfig(dsn string, extra func(key, value string) (bool, error)) (*Config, error) {
	cfg := &Config{Env: map[string]string{}, StatementCacheCapacity: DefaultStatementCacheCapacity, extraOption: extra}
	if err := cfg.applyEnvironment(); err != nil {
		return nil, &ParseConfigError{DSN: redactDSN(dsn), Msg: "environment", Err: err}
	}
	var err error
	trimmed := strings.TrimSpace(dsn)
	switch {
	case hasPrefixFold(trimmed, "informix://"), hasPrefixFold(trimmed, "ifx://"):
		err = cfg.parseURL(trimmed)
	case hasPrefixFold(trimmed, "jdbc:informix-sqli://"):
		err = cfg.parseJDBC(trimmed)
	default:
		err = cfg.parseKV(trimmed)
	}
	if err != nil {
		var pe *ParseConfigError
		if errors.As(err, &pe) {
			pe.DSN, pe.Msg = redactDSN(dsn), redactMsg(dsn, pe.Msg)
			return nil, pe
		}
		return nil, &ParseConfigError{DSN: redactDSN(dsn), Msg: redactMsg(dsn, err.Error())}
	}
	if err := cfg.finish(); err != nil {
		return nil, &ParseConfigError{DSN: redactDSN(dsn), Msg: redactMsg(dsn, err.Error())}
	}
	cfg.extraOption = nil
	return cfg, nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// finish fills in defaults and checks the result.
func (c *Config) finish() error {
	if err := c.resolveSQLHosts(); err != nil {
		return err
	}
	if len(c.Hosts) == 0 {
		c.Hosts = []HostPort{{Host: DefaultHost, Port: DefaultPort}}
	}
	for i := range c.Hosts {
		if c.Hosts[i].Host == "" {
			c.Hosts[i].Host = DefaultHost
		}
		if c.Hosts[i].Port == 0 {
			c.Hosts[i].Port = DefaultPort
		}
	}
	if err := c.applyHDRSwitch(); err != nil {
		return err
	}
	if c.TargetSessionAttrs == "" {
		c.TargetSessionAttrs = TargetAny
	}
	if c.Server == "" {
		c.Server = DefaultServer
	}
	if c.User == "" {
		if u, err := user.Current(); err == nil {
			c.User = u.Username
		}
	}
	if c.ClientLocale == "" {
		c.ClientLocale = DefaultClientLocale
	}
	if _, err := codecFor(c.ClientLocale); err != nil {
		return err
	}
	if c.FetchBufferSize == 0 {
		c.FetchBufferSize = DefaultFetchBufferSize
	}
	if c.TimeLocation == nil {
		c.TimeLocation = time.UTC
	}
	if c.ConnectTimeout == 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.ConnectRetryTimeout == 0 {
		c.ConnectRetryTimeout = DefaultConnectRetryTimeout
	}
	if c.InterruptWait == 0 {
		c.InterruptWait = DefaultInterruptWait
	}
	if c.WriteTimeout == 0 {
		c.WriteTimeout = DefaultWriteTimeout
	}
	if c.MaxMessageSize == 0 {
		c.MaxMessageSize = 64 << 20
	}
	if c.AppName == "" {
		c.AppName = defaultAppName()
	}
	if c.TLSMode == "" {
		if c.TLSCAFile != "" || c.TLSCertFile != "" {
			c.TLSMode = TLSVerifyFull
		} else {
			c.TLSMode = TLSDisable
		}
	}
	if c.Env == nil {
		c.Env = map[string]string{}
	}
	c.parsed = true
	return nil
}

// checkFields refuses settings that their fields in the protocol cannot
// carry, however the Config was made (fields can be set after parsing).
func (c *Config) checkFields() error {
	if c.FetchBufferSize < 1 || c.FetchBufferSize > sqli.MaxInt32Field {
		// SQ_NFETCH carries it in an i32: a larger one would wrap.
		return fmt.Errorf("ifx: FetchBufferSize %d: not in 1…%d: %w", c.FetchBufferSize, sqli.MaxInt32Field, sqli.ErrFieldTooLong)
	}
	return nil
}

func defaultAppName() string {
	exe, err := os.Executable()
	if err != nil {
		return "ifx-go"
	}
	base := exe
	if i := strings.LastIndexAny(exe, `/\`); i >= 0 {
		base = exe[i+1:]
	}
	return "ifx-go:" + base
}

// Copy returns a deep copy of c (TLSConfig and DialFunc are shared).
func (c *Config) Copy() *Config {
	n := *c
	n.Hosts = append([]HostPort(nil), c.Hosts...)
	n.Env = make(map[string]string, len(c.Env))
	for k, v := range c.Env {
		n.Env[k] = v
	}
	return &n
}

// GoString is String for %#v, which would otherwise print every field,
// the password included.
func (c Config) GoString() string { return "ifxconn.Config(" + strconv.Quote(c.String()) + ")" }

// String describes c in URL form with the password masked. It has a
// value receiver so that a Config value, not only a pointer, formats
// without the password.
func (c Config) String() string {
	var b strings.Builder
	b.WriteString("informix://")
	b.WriteString(c.User)
	if c.Password != "" {
		b.WriteString(":xxxxx")
	}
	b.WriteString("@")
	for i, h := range c.Hosts {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(h.String())
	}
	b.WriteString("/")
	b.WriteString(c.Database)
	b.WriteString("?server=")
	b.WriteString(c.Server)
	if c.TLSMode != "" && c.TLSMode != TLSDisable {
		b.WriteString("&tls=" + string(c.TLSMode))
	}
	if c.ClientLocale != "" {
		b.WriteString("&client_locale=" + c.ClientLocale)
	}
	if c.DBLocale != "" {
		b.WriteString("&db_locale=" + c.DBLocale)
	}
	keys := make([]string, 0, len(c.Env))
	for k := range c.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "&env.%s=%s", k, c.Env[k])
	}
	return b.String()
}

// setHostList parses "h1:p1,h2,[::1]:p3"; a host without port gets port
// (or the default later).
func (c *Config) setHostList(list string, port uint16) error {
	c.Hosts = c.Hosts[:0]
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		hp, err := parseHostPort(part, port)
		if err != nil {
			return err
		}
		c.Hosts = append(c.Hosts, hp)
	}
	return nil
}

func parseHostPort(s string, defPort uint16) (HostPort, error) {
	host, portStr := s, ""
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return HostPort{}, fmt.Errorf("host %q: missing ']'", s)
		}
		host = s[1:end]
		rest := s[end+1:]
		if rest != "" {
			if rest[0] != ':' {
				return HostPort{}, fmt.Errorf("host %q: junk after ']'", s)
			}
			portStr = rest[1:]
		}
	} else if i := strings.LastIndexByte(s, ':'); i >= 0 && strings.Count(s, ":") == 1 {
		host, portStr = s[:i], s[i+1:]
	}
	hp := HostPort{Host: host, Port: defPort}
	if portStr != "" {
		p, err := parsePort(portStr)
		if err != nil {
			return HostPort{}, err
		}
		hp.Port = p
	}
	return hp, nil
}

func parsePort(s string) (uint16, error) {
	p, err := strconv.ParseUint(strings.TrimSpace(s), 10, 16)
	if err != nil || p == 0 {
		return 0, fmt.Errorf("invalid port %q", s)
	}
	return uint16(p), nil
}

// setPorts applies a port list ("9088" or "9088,9089") to the hosts.
func (c *Config) setPorts(list string) error {
	parts := strings.Split(list, ",")
	ports := make([]uint16, 0, len(parts))
	for _, p := range parts {
		v, err := parsePort(p)
		if err != nil {
			return err
		}
		ports = append(ports, v)
	}
	if len(c.Hosts) == 0 {
		c.Hosts = []HostPort{{Host: DefaultHost}}
	}
	for i := range c.Hosts {
		switch {
		case len(ports) == 1:
			c.Hosts[i].Port = ports[0]
		case i < len(ports):
			c.Hosts[i].Port = ports[i]
		}
	}
	if len(ports) > 1 && len(ports) != len(c.Hosts) {
		return fmt.Errorf("%d ports for %d hosts", len(ports), len(c.Hosts))
	}
	return nil
}
