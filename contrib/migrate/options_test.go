package ifxmigrate_test

import (
	"strings"
	"testing"

	"github.com/golang-migrate/migrate/v4/database"
)

func TestURLOptions(t *testing.T) {
	srv, url := newServer(t, "x-migrations-table=my_versions&x-statement-timeout=5000&x-multi-statement=true&x-lock-timeout=0")
	d := openDriver(t, url)
	if err := d.SetVersion(7, false); err != nil {
		t.Fatal(err)
	}
	db := sqlDB(t, srv)
	var v int
	if err := db.QueryRow("SELECT version FROM my_versions").Scan(&v); err != nil || v != 7 {
		t.Fatalf("my_versions.version = %d, %v; want 7", v, err)
	}
	if !tableExists(t, db, "my_versions_lock") || tableExists(t, db, "schema_migrations") {
		t.Error("x-migrations-table must name the version table and, by default, the lock table")
	}

	for opt, want := range map[string]string{
		"x-migration-table=v":     "unknown URL option x-migration-table",
		"x-lock-timeout=soon":     "x-lock-timeout",
		"x-migrations-table=a;b":  "table name",
		"x-multi-statement=maybe": "x-multi-statement",
	} {
		_, err := database.Open(srv.DSN("testdb") + "&" + opt)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: Open = %v, want an error naming %q", opt, err, want)
		}
	}
}
