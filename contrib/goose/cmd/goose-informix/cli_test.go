package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/stdlib"
)

// cli runs the command line and returns its output.
func cli(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, &out, &out)
	return out.String(), err
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	out, err := cli(t, args...)
	if err != nil {
		t.Fatalf("goose-informix %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func TestCLI(t *testing.T) {
	dsn := ifxtest.NewServer(t).DSN("testdb")
	dir := t.TempDir()

	out := mustCLI(t, "-dir", dir, "-s", "create", "add people", "sql")
	if !strings.Contains(out, "00001_add_people.sql") {
		t.Fatalf("create printed %q", out)
	}
	tmpl, err := os.ReadFile(filepath.Join(dir, "00001_add_people.sql"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(tmpl), "-- +goose Up") || !strings.Contains(string(tmpl), "StatementBegin") {
		t.Fatalf("new file = %q, want goose annotations and the Informix note", tmpl)
	}
	// The new file holds no statement: goose applies it as empty.
	mustCLI(t, "-dir", dir, "-s", "create", "add_pets")
	os.WriteFile(filepath.Join(dir, "00002_add_pets.sql"), []byte(`-- +goose Up
CREATE TABLE pets (id SERIAL NOT NULL PRIMARY KEY, name VARCHAR(20));
INSERT INTO pets (name) VALUES ('Rex; the dog');
-- +goose Down
DROP TABLE pets;
`), 0o644)

	out = mustCLI(t, "-dir", dir, dsn, "status")
	if n := strings.Count(out, "Pending"); n != 2 {
		t.Fatalf("status before up: %d pending\n%s", n, out)
	}
	out = mustCLI(t, "-dir", dir, dsn, "up")
	if !strings.Contains(out, "successfully migrated database to version: 2") {
		t.Fatalf("up printed %q", out)
	}
	if out := mustCLI(t, "-dir", dir, dsn, "version"); out != "goose: version 2\n" {
		t.Fatalf("version printed %q", out)
	}
	out = mustCLI(t, "-dir", dir, dsn, "status")
	if !regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +00002_add_pets.sql`).MatchString(out) {
		t.Fatalf("status after up:\n%s", out)
	}
	mustCLI(t, "-dir", dir, dsn, "redo")
	mustCLI(t, "-dir", dir, dsn, "down")
	if out := mustCLI(t, "-dir", dir, dsn, "version"); out != "goose: version 1\n" {
		t.Fatalf("version after down printed %q", out)
	}

	// GOOSE_DBSTRING stands in for the DSN.
	t.Setenv("GOOSE_DBSTRING", dsn)
	t.Setenv("GOOSE_MIGRATION_DIR", dir)
	mustCLI(t, "up-to", "2")
	mustCLI(t, "down-to", "0")
	if out := mustCLI(t, "version"); out != "goose: version 0\n" {
		t.Fatalf("version after down-to 0 printed %q", out)
	}
	if out := mustCLI(t, "down"); !strings.Contains(out, "no migrations to run") {
		t.Fatalf("down at version 0 printed %q", out)
	}

	for _, args := range [][]string{{"sideways"}, {"up-to"}, {"up-to", "x"}, {"create"}, {"create", "n", "xml"}} {
		if out, err := cli(t, args...); err == nil {
			t.Errorf("%q succeeded: %s", args, out)
		}
	}
}

func TestCLIUnloggedDatabase(t *testing.T) {
	srv := ifxtest.NewServer(t)
	setup, err := sql.Open(stdlib.DriverName, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer setup.Close()
	if _, err := setup.Exec("CREATE DATABASE goose_cli_nolog"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "00001_a.sql"), []byte("-- +goose NO TRANSACTION\n-- +goose Up\n"+
		"CREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a;\n"), 0o644)
	dsn := srv.DSN("goose_cli_nolog")
	if out := mustCLI(t, "-dir", dir, dsn, "up"); !strings.Contains(out, "version: 1") {
		t.Fatalf("up in the unlogged database printed %q", out)
	}
	if out := mustCLI(t, "-dir", dir, dsn, "down"); !strings.Contains(out, "version: 0") {
		t.Fatalf("down printed %q", out)
	}
}
