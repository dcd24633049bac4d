package ifxgoose_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/stdlib"
	"github.com/pressly/goose/v3"

	ifxgoose "github.com/ifxgo/ifx/contrib/goose"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func openDB(t *testing.T) *sql.DB {
	t.Helper()
	srv := ifxtest.NewServer(t)
	db, err := sql.Open(stdlib.DriverName, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var sqlMigrations = fstest.MapFS{
	"00001_people.sql": file(`-- +goose Up
CREATE TABLE people (id SERIAL NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL);
INSERT INTO people (name) VALUES ('Bob; Jr');
INSERT INTO people (name) VALUES ('Ann');

-- +goose Down
DROP TABLE people;
`),
	"00003_email.sql": file(`-- +goose Up
ALTER TABLE people ADD (email VARCHAR(80));
UPDATE people SET email = 'ann@example.com' WHERE name = 'Ann';

-- +goose Down
ALTER TABLE people DROP email;
`),
}

// A Go migration between the two SQL ones, in a transaction.
func goMigration() *goose.Migration {
	return goose.NewGoMigration(2,
		&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, "CREATE TABLE pets (owner_id INTEGER NOT NULL, kind CHAR(10))"); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO pets SELECT id, 'cat' FROM people WHERE name = ?", "Ann")
			return err
		}},
		&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "DROP TABLE pets")
			return err
		}},
	)
}

func newProvider(t *testing.T, db *sql.DB) *goose.Provider {
	t.Helper()
	p, err := ifxgoose.NewProvider(db, sqlMigrations,
		goose.WithGoMigrations(goMigration()), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func wantStates(t *testing.T, p *goose.Provider, want string) {
	t.Helper()
	st, err := p.Status(context.Background())
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	var got []string
	for _, s := range st {
		got = append(got, string(s.State))
		if s.State == goose.StateApplied && s.AppliedAt.IsZero() {
			t.Errorf("version %d applied without a time", s.Source.Version)
		}
	}
	if strings.Join(got, ",") != want {
		t.Fatalf("Status = %s, want %s", strings.Join(got, ","), want)
	}
}

func TestProviderUpDownStatus(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	p := newProvider(t, db)
	wantStates(t, p, "pending,pending,pending")

	res, err := p.Up(ctx)
	if err != nil {
		t.Fatalf("Up: %v", err)
	}
	if len(res) != 3 {
		t.Fatalf("Up applied %d migrations, want 3", len(res))
	}
	wantStates(t, p, "applied,applied,applied")
	if v, err := p.GetDBVersion(ctx); err != nil || v != 3 {
		t.Fatalf("GetDBVersion = %d, %v; want 3", v, err)
	}
	var name, email string
	if err := db.QueryRow("SELECT p.name, p.email FROM people p, pets x WHERE x.owner_id = p.id").Scan(&name, &email); err != nil {
		t.Fatal(err)
	}
	if name != "Ann" || email != "ann@example.com" {
		t.Fatalf("pet owner = %q %q", name, email)
	}
	if err := db.QueryRow("SELECT name FROM people WHERE id = 1").Scan(&name); err != nil || name != "Bob; Jr" {
		t.Fatalf("people 1 = %q, %v; want 'Bob; Jr'", name, err)
	}

	if _, err := p.Down(ctx); err != nil {
		t.Fatalf("Down: %v", err)
	}
	wantStates(t, p, "applied,applied,pending")
	if _, err := p.DownTo(ctx, 0); err != nil {
		t.Fatalf("DownTo(0): %v", err)
	}
	wantStates(t, p, "pending,pending,pending")
	if v, err := p.GetDBVersion(ctx); err != nil || v != 0 {
		t.Fatalf("GetDBVersion after DownTo(0) = %d, %v; want 0", v, err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM systables WHERE tabname IN ('people', 'pets')").Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d tables left after DownTo(0), %v", n, err)
	}

	// A second provider finds the table (TableExists) and the state.
	if _, err := p.UpTo(ctx, 2); err != nil {
		t.Fatalf("UpTo(2): %v", err)
	}
	wantStates(t, newProvider(t, db), "applied,applied,pending")
}

func TestProviderFailingMigrationRollsBack(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	files := fstest.MapFS{
		"00001_a.sql": file("-- +goose Up\nCREATE TABLE a (id INTEGER);\nINSERT INTO nosuch VALUES (1);\n-- +goose Down\nDROP TABLE a;\n"),
	}
	p, err := ifxgoose.NewProvider(db, files, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	_, err = p.Up(ctx)
	var perr *goose.PartialError
	if !errors.As(err, &perr) || !strings.Contains(err.Error(), "-206") {
		t.Fatalf("Up = %v, want a PartialError carrying -206", err)
	}
	// The migration ran in a transaction (a logged database): the
	// CREATE TABLE before the failure is rolled back with it.
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM systables WHERE tabname = 'a'").Scan(&n); err != nil || n != 0 {
		t.Fatalf("table a count = %d, %v; want 0", n, err)
	}
	wantStates(t, p, "pending")
}

func TestStoreTableNames(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	s, err := ifxgoose.NewStore("my_versions")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectCustom, db, sqlMigrations, goose.WithStore(s), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("Up: %v", err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM my_versions WHERE is_applied = 't'").Scan(&n); err != nil || n != 3 {
		t.Fatalf("my_versions applied rows = %d, %v; want 3 (0, 1 and 3)", n, err)
	}
	for _, bad := range []string{"", "a b", "v;drop", `"quoted"`, "a.b.c"} {
		if _, err := ifxgoose.NewStore(bad); err == nil {
			t.Errorf("NewStore(%q) accepted", bad)
		}
	}
}

// sqlLog records the statements the driver sends.
type sqlLog struct {
	mu    sync.Mutex
	stmts []string
}

func (l *sqlLog) TraceQueryStart(ctx context.Context, _ *ifx.Conn, d ifx.TraceQueryStartData) context.Context {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stmts = append(l.stmts, d.SQL)
	return ctx
}

func (l *sqlLog) TraceQueryEnd(context.Context, *ifx.Conn, ifx.TraceQueryEndData) {}

// goose splits SQL files at lines ending in ';', so an SPL body needs
// StatementBegin/End to reach the server whole: then the procedure is
// created and runs; cut at its inner ';' it is a syntax error (-201). The
// statement sent is read from a tracer.
func TestProcedureBodyNeedsStatementBeginEnd(t *testing.T) {
	const proc = "CREATE PROCEDURE add_pet(n VARCHAR(20))\n" +
		"    DEFINE x VARCHAR(20);\n" +
		"    LET x = n;\n" +
		"END PROCEDURE;\n"
	for _, tc := range []struct {
		name, body string
		whole      bool
	}{
		{"annotated", "-- +goose StatementBegin\n" + proc + "-- +goose StatementEnd\n", true},
		{"bare", proc, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := ifx.ParseConfig(ifxtest.NewServer(t).DSN("testdb"))
			if err != nil {
				t.Fatal(err)
			}
			trace := &sqlLog{}
			cfg.Tracer = trace
			db := stdlib.OpenDB(*cfg)
			defer db.Close()
			files := fstest.MapFS{"00001_p.sql": file("-- +goose Up\n" + tc.body)}
			p, err := ifxgoose.NewProvider(db, files, goose.WithDisableGlobalRegistry(true))
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			_, err = p.Up(context.Background())
			if tc.whole {
				if err != nil {
					t.Fatalf("Up = %v", err)
				}
				if _, err := db.Exec("EXECUTE PROCEDURE add_pet('rex')"); err != nil {
					t.Fatalf("the procedure does not run: %v", err)
				}
			} else if code := ifx.SQLCode(err); code != -201 {
				t.Fatalf("Up = %v, want -201 for a body cut at its inner ';'", err)
			}
			var sent string
			for _, s := range trace.stmts {
				if strings.HasPrefix(strings.TrimSpace(s), "CREATE PROCEDURE") {
					sent = s
				}
			}
			if whole := strings.Contains(sent, "LET x = n;") && strings.Contains(sent, "END PROCEDURE"); whole != tc.whole {
				t.Fatalf("statement sent whole = %v, want %v: %q", whole, tc.whole, sent)
			}
		})
	}
}

// Without logging there are no transactions: WithIsolateDDL creates the
// version table outside one (without it, creating the table fails), and
// NO TRANSACTION files run as they are.
func TestProviderUnloggedDatabase(t *testing.T) {
	ctx := context.Background()
	srv := ifxtest.NewServer(t)
	setup, err := sql.Open(stdlib.DriverName, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer setup.Close()
	if _, err := setup.Exec("CREATE DATABASE goose_nolog"); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(stdlib.DriverName, srv.DSN("goose_nolog"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files := fstest.MapFS{
		"00001_a.sql": file("-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE a (s VARCHAR(20));\nINSERT INTO a VALUES ('Bob; Jr');\n-- +goose Down\nDROP TABLE a;\n"),
	}
	p, err := ifxgoose.NewProvider(db, files, goose.WithIsolateDDL(true), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Up(ctx); err != nil {
		t.Fatalf("Up: %v", err)
	}
	wantStates(t, p, "applied")
	if _, err := p.Down(ctx); err != nil {
		t.Fatalf("Down: %v", err)
	}
	wantStates(t, p, "pending")
}
