// Package testenv is the integration-test environment the packages'
// tests share: the server a test runs against (a fresh ifxtest server,
// or the real Informix named by IFX_TEST_DSN, its database replaced by
// the one the test asks for) and a context that bounds the test.
package testenv

import (
	"context"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/ifxtest"
)

// Real reports whether the tests run against a real Informix
// (IFX_TEST_DSN is set).
func Real() bool { return os.Getenv("IFX_TEST_DSN") != "" }

// Server returns the DSN of the test server for database, and the ifxtest
// server it started with cfgs (nil against a real Informix).
func Server(t testing.TB, database string, cfgs ...ifxtest.Config) (dsn string, srv *ifxtest.Server) {
	t.Helper()
	if dsn := os.Getenv("IFX_TEST_DSN"); dsn != "" {
		cfg, err := ifxconn.ParseConfig(dsn)
		if err != nil {
			t.Fatalf("IFX_TEST_DSN: %v", err)
		}
		if database != "" {
			cfg.Database = database
		}
		return cfg.String() + "&password=" + url.QueryEscape(cfg.Password), nil
	}
	srv = ifxtest.NewServer(t, cfgs...)
	return srv.DSN(database), srv
}

// Context returns a context that ends after d (30 s when d is 0) or with
// the test.
func Context(t testing.TB, d time.Duration) context.Context {
	if d == 0 {
		d = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
