package stdlib

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/ifxgo/ifx"
)

// DriverName is the name the driver is registered under.
const DriverName = "informix"

var defaultDriver = &Driver{}

func init() {
	sql.Register(DriverName, defaultDriver)
}

// Driver is the database/sql driver. It implements driver.Driver and
// driver.DriverContext; database/sql uses the latter, so a DSN is parsed
// once, by sql.Open.
type Driver struct{}

var (
	_ driver.Driver        = (*Driver)(nil)
	_ driver.DriverContext = (*Driver)(nil)
)

// GetDefaultDriver returns the driver registered as "informix".
func GetDefaultDriver() driver.Driver { return defaultDriver }

// Open connects with dsn (see ifx.ParseConfig). database/sql calls it
// only for drivers without OpenConnector; it is here for callers using
// the driver directly.
func (d *Driver) Open(dsn string) (driver.Conn, error) {
	c, err := d.OpenConnector(dsn)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

// OpenConnector parses dsn and returns a connector for it.
func (d *Driver) OpenConnector(dsn string) (driver.Connector, error) {
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return &Connector{cfg: cfg, drv: d}, nil
}

// Connector makes connections with one configuration. It implements
// driver.Connector; hand it to sql.OpenDB, or use OpenDB.
type Connector struct {
	cfg           *ifx.Config
	drv           *Driver
	beforeConnect func(context.Context, *ifx.Config) error
	afterConnect  func(context.Context, *ifx.Conn) error
	resetSession  func(context.Context, *ifx.Conn) error
	hosts         hostFails // servers' failures (failover.go)
}

var _ driver.Connector = (*Connector)(nil)

// OptionOpenDB configures a Connector made by OpenDB or GetConnector.
type OptionOpenDB func(*Connector)

// OptionBeforeConnect runs f before each connection is made, on a copy
// of the configuration that f may change (to set a fresh password, for
// example). An error fails the connection attempt.
func OptionBeforeConnect(f func(ctx context.Context, cfg *ifx.Config) error) OptionOpenDB {
	return func(c *Connector) { c.beforeConnect = f }
}

// OptionAfterConnect runs f on each new connection before database/sql
// uses it (to SET LOCK MODE, SET ISOLATION, …). An error closes the
// connection and fails the attempt.
func OptionAfterConnect(f func(ctx context.Context, conn *ifx.Conn) error) OptionOpenDB {
	return func(c *Connector) { c.afterConnect = f }
}

// OptionResetSession runs f each time database/sql takes a connection
// from its pool for reuse, after the driver's own reset (which rolls back
// a transaction left open). An error discards the connection.
func OptionResetSession(f func(ctx context.Context, conn *ifx.Conn) error) OptionOpenDB {
	return func(c *Connector) { c.resetSession = f }
}

// GetConnector returns a connector for cfg, for sql.OpenDB. cfg is
// copied; fields left zero take ifx's defaults, as in ifx.ConnectConfig.
func GetConnector(cfg ifx.Config, opts ...OptionOpenDB) driver.Connector {
	c := &Connector{cfg: cfg.Copy(), drv: defaultDriver}
	for _, o := range opts {
		o(c)
	}
	return c
}

// OpenDB returns a *sql.DB whose connections are made with cfg; it is
// sql.OpenDB(GetConnector(cfg, opts...)).
func OpenDB(cfg ifx.Config, opts ...OptionOpenDB) *sql.DB {
	return sql.OpenDB(GetConnector(cfg, opts...))
}

// Connect makes a connection (driver.Connector).
func (c *Connector) Connect(ctx context.Context) (driver.Conn, error) {
	cfg := c.cfg
	if c.beforeConnect != nil {
		cfg = cfg.Copy()
		if err := c.beforeConnect(ctx, cfg); err != nil {
			return nil, err
		}
	}
	ic, err := connect(ctx, cfg) // failover.go
	if err != nil {
		return nil, err
	}
	if c.afterConnect != nil {
		if err := c.afterConnect(ctx, ic); err != nil {
			ic.Close(context.Background())
			return nil, err
		}
	}
	return c.newConn(ic), nil
}

// Driver returns the driver (driver.Connector).
func (c *Connector) Driver() driver.Driver { return c.drv }

// AcquireConn takes a connection out of db's pool for the native API, as
// pgx's stdlib.AcquireConn did: nothing else uses it until release
// returns it to the pool. The *ifx.Conn must not be used after release.
// A transaction or Rows the native code left open is cleaned up when
// database/sql next reuses the connection; a connection the native code
// closed is discarded.
func AcquireConn(ctx context.Context, db *sql.DB) (conn *ifx.Conn, release func() error, err error) {
	sc, err := db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	err = sc.Raw(func(dc any) error {
		c, ok := UnwrapConn(dc)
		if !ok {
			return fmt.Errorf("stdlib: AcquireConn: %T is not a connection of this driver", dc)
		}
		conn = c.conn
		return nil
	})
	if err != nil {
		sc.Close()
		return nil, nil, err
	}
	return conn, sc.Close, nil
}

// badConnError is driver.ErrBadConn with its cause: database/sql retries
// the operation on another connection, and errors.Is finds both.
type badConnError struct{ err error }

func (e *badConnError) Error() string {
	return driver.ErrBadConn.Error() + ": " + e.err.Error()
}

func (e *badConnError) Unwrap() []error { return []error{driver.ErrBadConn, e.err} }

func badConn(err error) error { return &badConnError{err: err} }

// errNamed is returned for sql.Named arguments.
var errNamed = errors.New("sql.Named is not supported: pass the arguments in order for '?' placeholders, or one ifx.NamedArgs for @name placeholders")
