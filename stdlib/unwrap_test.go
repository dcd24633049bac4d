package stdlib_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/stdlib"
)

// wrapDriver stands for a tracing wrapper such as XSAM/otelsql: its
// connections hide the driver's and hand it out by Raw.
type wrapDriver struct{ inner driver.Driver }

func (d wrapDriver) Open(name string) (driver.Conn, error) {
	c, err := d.inner.Open(name)
	if err != nil {
		return nil, err
	}
	return rawConn{c}, nil
}

type rawConn struct{ driver.Conn }

func (c rawConn) Raw() driver.Conn { return c.Conn }

type unwrapConn struct{ driver.Conn }

func (c unwrapConn) Unwrap() driver.Conn { return c.Conn }

// hiddenConn offers no way in.
type hiddenConn struct{ driver.Conn }

func wrappedDB(t *testing.T, dsn string, wrap func(driver.Conn) driver.Conn) *sql.DB {
	t.Helper()
	inner := openDB(t, dsn).Driver()
	db := sql.OpenDB(connector{dsn: dsn, d: inner, wrap: wrap})
	t.Cleanup(func() { db.Close() })
	return db
}

type connector struct {
	dsn  string
	d    driver.Driver
	wrap func(driver.Conn) driver.Conn
}

func (c connector) Connect(context.Context) (driver.Conn, error) {
	dc, err := c.d.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return c.wrap(dc), nil
}

func (c connector) Driver() driver.Driver { return wrapDriver{inner: c.d} }

// With a wrapper driver around ifx (otelsql and the like), AcquireConn
// and ExecBatch reach the native connection through the wrapper's Raw or
// Unwrap, through several wrappers, and refuse a wrapper that hides it.
func TestAcquireConnThroughWrapperDriver(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	ctx := ctxT(t)
	for _, tc := range []struct {
		name string
		wrap func(driver.Conn) driver.Conn
	}{
		{"Raw", func(c driver.Conn) driver.Conn { return rawConn{c} }},
		{"Unwrap", func(c driver.Conn) driver.Conn { return unwrapConn{c} }},
		{"Raw of Unwrap of Raw", func(c driver.Conn) driver.Conn { return rawConn{unwrapConn{rawConn{c}}} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := wrappedDB(t, dsn, tc.wrap)
			conn, release, err := stdlib.AcquireConn(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			var one int
			if err := conn.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
				t.Fatalf("native query: %d, %v", one, err)
			}
			if err := release(); err != nil {
				t.Fatal(err)
			}

			sc, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer sc.Close()
			if _, err := sc.ExecContext(ctx, "CREATE TEMP TABLE wrapped (id INT)"); err != nil {
				t.Fatal(err)
			}
			tags, err := stdlib.ExecBatch(ctx, sc, "INSERT INTO wrapped VALUES (?)", [][]any{{1}, {2}, {3}})
			if err != nil || len(tags) != 3 {
				t.Fatalf("ExecBatch: %d tags, %v", len(tags), err)
			}
		})
	}

	db := wrappedDB(t, dsn, func(c driver.Conn) driver.Conn { return hiddenConn{c} })
	_, _, err := stdlib.AcquireConn(ctx, db)
	if err == nil || !strings.Contains(err.Error(), "hiddenConn is not a connection of this driver") {
		t.Fatalf("opaque wrapper: got %v", err)
	}
}

// UnwrapConn stops at a wrapper that returns itself.
func TestUnwrapConnSelfWrapper(t *testing.T) {
	if c, ok := stdlib.UnwrapConn(selfConn{}); ok || c != nil {
		t.Fatalf("got %v, %v", c, ok)
	}
	if _, ok := stdlib.UnwrapConn(nil); ok {
		t.Fatal("nil unwrapped")
	}
}

type selfConn struct{ driver.Conn }

func (c selfConn) Raw() driver.Conn { return c }
