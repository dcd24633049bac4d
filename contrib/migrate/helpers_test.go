package ifxmigrate_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/stdlib"
)

// newServer starts an ifxtest server and returns the migrate URL of its
// logged database testdb, with the x- options given.
func newServer(t *testing.T, xopts string) (*ifxtest.Server, string) {
	t.Helper()
	srv := ifxtest.NewServer(t)
	u := srv.DSN("testdb")
	if xopts != "" {
		u += "&" + xopts
	}
	return srv, u
}

// openDriver opens the driver through migrate's registry, as the
// migrate CLI does, and closes it when the test ends.
func openDriver(t *testing.T, url string) database.Driver {
	t.Helper()
	d, err := database.Open(url)
	if err != nil {
		t.Fatalf("database.Open: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// newMigrate builds a migrate.Migrate over files and the URL.
func newMigrate(t *testing.T, url string, files fstest.MapFS) *migrate.Migrate {
	t.Helper()
	src, err := iofs.New(files, ".")
	if err != nil {
		t.Fatal(err)
	}
	m, err := migrate.NewWithSourceInstance("iofs", src, url)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// sqlDB opens database/sql on the server's testdb for checking results.
func sqlDB(t *testing.T, srv *ifxtest.Server) *sql.DB {
	t.Helper()
	db, err := sql.Open(stdlib.DriverName, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// tableExists reports whether systables lists name.
func tableExists(t *testing.T, db *sql.DB, name string) bool {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM systables WHERE tabname = ?", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

func wantVersion(t *testing.T, m *migrate.Migrate, version uint, dirty bool) {
	t.Helper()
	v, d, err := m.Version()
	if err != nil {
		t.Fatalf("Version: %v", err)
	}
	if v != version || d != dirty {
		t.Fatalf("Version = %d dirty %v, want %d dirty %v", v, d, version, dirty)
	}
}

func wantNoVersion(t *testing.T, m *migrate.Migrate) {
	t.Helper()
	if v, d, err := m.Version(); !errors.Is(err, migrate.ErrNilVersion) {
		t.Fatalf("Version = %d dirty %v err %v, want ErrNilVersion", v, d, err)
	}
}
