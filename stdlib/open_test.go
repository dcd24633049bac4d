package stdlib_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/stdlib"
)

func TestOpenDSN(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	db := openDB(t, dsn)
	ctx := ctxT(t)
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT 1 + 1 FROM systables WHERE tabid = 1").Scan(&n); err != nil || n != 2 {
		t.Fatalf("got %d, %v", n, err)
	}
	if _, ok := db.Driver().(*stdlib.Driver); !ok {
		t.Errorf("db.Driver() is %T", db.Driver())
	}
	if db.Driver() != stdlib.GetDefaultDriver() {
		t.Error("db.Driver() is not the registered driver")
	}

	// A DSN that does not parse fails in sql.Open (DriverContext).
	if _, err := sql.Open("informix", "informix://h:notaport/db"); err == nil {
		t.Error("sql.Open accepted a bad port")
	}
	// Wrong password: the connect error, no retry loop hiding it.
	cfg, _ := ifx.ParseConfig(dsn)
	cfg.Password = "wrong"
	bad := stdlib.OpenDB(*cfg)
	defer bad.Close()
	err := bad.PingContext(ctx)
	var se *ifx.Error
	if !errors.As(err, &se) || errors.Is(err, driver.ErrBadConn) {
		t.Errorf("bad password: %v", err)
	}

	// Driver.Open directly, as pre-1.10 database/sql did.
	dc, err := stdlib.GetDefaultDriver().Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := dc.(driver.Pinger).Ping(ctx); err != nil {
		t.Error(err)
	}
	if err := dc.Close(); err != nil {
		t.Error(err)
	}
}

func TestOpenConnector(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	var before, after, resets atomic.Int32
	db := stdlib.OpenDB(*cfg,
		stdlib.OptionBeforeConnect(func(ctx context.Context, c *ifx.Config) error {
			before.Add(1)
			c.AppName = "stdlib-test"
			return nil
		}),
		stdlib.OptionAfterConnect(func(ctx context.Context, c *ifx.Conn) error {
			after.Add(1)
			if c.Config().AppName != "stdlib-test" {
				t.Errorf("AppName %q: BeforeConnect's change was lost", c.Config().AppName)
			}
			_, err := c.Exec(ctx, "SET LOCK MODE TO WAIT 5")
			return err
		}),
		stdlib.OptionResetSession(func(ctx context.Context, c *ifx.Conn) error {
			resets.Add(1)
			return nil
		}),
	)
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := ctxT(t)
	for range 3 {
		if err := db.PingContext(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if before.Load() != 1 || after.Load() != 1 || resets.Load() != 2 {
		t.Errorf("hooks ran before=%d after=%d reset=%d, want 1 1 2", before.Load(), after.Load(), resets.Load())
	}
	if cfg.AppName == "stdlib-test" {
		t.Error("BeforeConnect changed the caller's Config")
	}

	// GetConnector + sql.OpenDB, and a failing AfterConnect.
	conn := stdlib.GetConnector(*cfg, stdlib.OptionAfterConnect(func(context.Context, *ifx.Conn) error {
		return errors.New("after connect says no")
	}))
	if conn.Driver() != stdlib.GetDefaultDriver() {
		t.Error("Connector.Driver is not the default driver")
	}
	db2 := sql.OpenDB(conn)
	defer db2.Close()
	if err := db2.PingContext(ctx); !contains(err, "after connect says no") {
		t.Errorf("failing AfterConnect: %v", err)
	}

	// A hand-built Config (not from ParseConfig) gets ifx's defaults.
	hand := ifx.Config{Config: ifxconn.Config{Hosts: cfg.Hosts, Server: cfg.Server, User: cfg.User, Password: cfg.Password, Database: cfg.Database}}
	db3 := stdlib.OpenDB(hand)
	defer db3.Close()
	if err := db3.PingContext(ctx); err != nil {
		t.Errorf("hand-built Config: %v", err)
	}
}
