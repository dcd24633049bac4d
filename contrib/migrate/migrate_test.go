package ifxmigrate_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"

	ifxmigrate "github.com/ifxgo/ifx/contrib/migrate"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// Three migrations with DDL and DML, several statements per file.
var peopleMigrations = fstest.MapFS{
	"1_people.up.sql": file(`-- people, with a name holding the delimiter
CREATE TABLE people (id SERIAL NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL);
INSERT INTO people (name) VALUES ('Bob; Jr');
INSERT INTO people (name) VALUES ('Ann');
`),
	"1_people.down.sql": file("DROP TABLE people;"),
	"2_pets.up.sql": file(`CREATE TABLE pets (id SERIAL NOT NULL PRIMARY KEY, owner_id INTEGER NOT NULL, kind CHAR(10));
CREATE INDEX pets_owner ON pets (owner_id);
INSERT INTO pets (owner_id, kind) SELECT id, 'cat' FROM people WHERE name = 'Ann';
`),
	"2_pets.down.sql": file("DROP INDEX pets_owner; DROP TABLE pets;"),
	"3_rename.up.sql": file(`UPDATE people SET name = 'Bob; Sr' WHERE name = 'Bob; Jr';
ALTER TABLE people ADD (email VARCHAR(80));`),
	"3_rename.down.sql": file(`ALTER TABLE people DROP email;
UPDATE people SET name = 'Bob; Jr' WHERE name = 'Bob; Sr';`),
}

func TestUpDownSeveralMigrations(t *testing.T) {
	srv, url := newServer(t, "")
	db := sqlDB(t, srv)
	m := newMigrate(t, url, peopleMigrations)
	wantNoVersion(t, m)

	if err := m.Up(); err != nil {
		t.Fatalf("Up: %v", err)
	}
	wantVersion(t, m, 3, false)
	var names []string
	rows, err := db.Query("SELECT name FROM people ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		names = append(names, strings.TrimSpace(s))
	}
	rows.Close()
	if strings.Join(names, "|") != "Bob; Sr|Ann" {
		t.Fatalf("people = %q, want [Bob; Sr Ann]: the quoted ';' must not split the INSERT", names)
	}
	var pets int
	if err := db.QueryRow("SELECT COUNT(*) FROM pets").Scan(&pets); err != nil || pets != 1 {
		t.Fatalf("pets = %d, %v; want 1", pets, err)
	}

	if err := m.Steps(-1); err != nil {
		t.Fatalf("Steps(-1): %v", err)
	}
	wantVersion(t, m, 2, false)
	if err := db.QueryRow("SELECT COUNT(*) FROM people WHERE name = 'Bob; Jr'").Scan(&pets); err != nil || pets != 1 {
		t.Fatalf("after 3 down: Bob; Jr rows = %d, %v; want 1", pets, err)
	}

	if err := m.Down(); err != nil {
		t.Fatalf("Down: %v", err)
	}
	wantNoVersion(t, m)
	for _, tab := range []string{"people", "pets"} {
		if tableExists(t, db, tab) {
			t.Errorf("%s still exists after Down", tab)
		}
	}
	if !tableExists(t, db, "schema_migrations") || !tableExists(t, db, "schema_migrations_lock") {
		t.Error("the migrations and lock tables must stay")
	}
}

func TestFailingMigrationLeavesDirtyUntilForce(t *testing.T) {
	srv, url := newServer(t, "")
	db := sqlDB(t, srv)
	files := fstest.MapFS{
		"1_a.up.sql":   file("CREATE TABLE a (id INTEGER);"),
		"1_a.down.sql": file("DROP TABLE a;"),
		// The second statement names a table that does not exist.
		"2_b.up.sql": file("CREATE TABLE b (id INTEGER);\n\nINSERT INTO nosuch VALUES (1);\nCREATE TABLE c (id INTEGER);"),
	}
	m := newMigrate(t, url, files)
	err := m.Up()
	var dbErr database.Error
	if !errors.As(err, &dbErr) {
		t.Fatalf("Up = %v, want a database.Error", err)
	}
	if string(dbErr.Query) != "INSERT INTO nosuch VALUES (1)" || dbErr.Line != 3 {
		t.Errorf("error names %q line %d, want the INSERT on line 3", dbErr.Query, dbErr.Line)
	}
	if !ifx.IsNoSuchTable(dbErr.OrigErr) {
		t.Errorf("error %v does not carry -206", err)
	}
	wantVersion(t, m, 2, true)
	if !tableExists(t, db, "b") || tableExists(t, db, "c") {
		t.Error("the statements before the failure ran, the ones after it did not")
	}
	if err := m.Up(); !errors.As(err, new(migrate.ErrDirty)) {
		t.Fatalf("Up on a dirty database = %v, want ErrDirty", err)
	}

	if err := m.Force(1); err != nil {
		t.Fatalf("Force: %v", err)
	}
	wantVersion(t, m, 1, false)
	if err := m.Force(-1); err != nil {
		t.Fatalf("Force(-1): %v", err)
	}
	wantNoVersion(t, m)
}

func TestDropKeepsOnlyTheLockTable(t *testing.T) {
	srv, url := newServer(t, "")
	db := sqlDB(t, srv)
	m := newMigrate(t, url, peopleMigrations)
	if err := m.Up(); err != nil {
		t.Fatalf("Up: %v", err)
	}
	if _, err := db.Exec("CREATE VIEW ann AS SELECT * FROM people WHERE name = 'Ann'"); err != nil {
		t.Fatal(err)
	}
	if err := m.Drop(); err != nil {
		t.Fatalf("Drop: %v", err)
	}
	var left []string
	rows, err := db.Query("SELECT tabname FROM systables WHERE tabid >= 100 ORDER BY tabname")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		left = append(left, strings.TrimSpace(s))
	}
	rows.Close()
	if strings.Join(left, ",") != "schema_migrations_lock" {
		t.Fatalf("after Drop systables lists %q, want only the lock table", left)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM schema_migrations_lock").Scan(&n); err != nil || n != 0 {
		t.Fatalf("lock rows after Drop = %d, %v; want 0 (Drop unlocks)", n, err)
	}
}

func TestLockHeldAcrossDrivers(t *testing.T) {
	_, url := newServer(t, "")
	first := openDriver(t, url)
	second := openDriver(t, url+"&x-lock-timeout=300ms")
	if err := first.Lock(); err != nil {
		t.Fatalf("first Lock: %v", err)
	}
	err := second.Lock()
	if !errors.Is(err, database.ErrLocked) {
		t.Fatalf("second Lock = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "pid") {
		t.Errorf("the error %q should name the holder", err)
	}
	if err := second.Unlock(); !errors.Is(err, database.ErrNotLocked) {
		t.Errorf("Unlock of a driver that failed to lock = %v, want ErrNotLocked", err)
	}

	// A waiting Lock gets the lock once the holder releases it.
	waiter := openDriver(t, url+"&x-lock-timeout=5s")
	got := make(chan error, 1)
	go func() { got <- waiter.Lock() }()
	select {
	case err := <-got:
		t.Fatalf("Lock returned %v while the lock was held", err)
	case <-time.After(400 * time.Millisecond):
	}
	if err := first.Unlock(); err != nil {
		t.Fatalf("Unlock: %v", err)
	}
	if err := <-got; err != nil {
		t.Fatalf("waiting Lock: %v", err)
	}
	if err := second.Lock(); !errors.Is(err, database.ErrLocked) {
		t.Fatalf("Lock while the waiter holds it = %v, want ErrLocked", err)
	}
	if err := waiter.Unlock(); err != nil {
		t.Fatal(err)
	}
}

func TestRunKeepsQuotesAndProcedureBodies(t *testing.T) {
	srv, url := newServer(t, "")
	db := sqlDB(t, srv)
	d := openDriver(t, url)
	if err := d.Run(strings.NewReader("CREATE TABLE q (s VARCHAR(20));\nINSERT INTO q VALUES ('Bob; Jr');")); err != nil {
		t.Fatalf("Run: %v", err)
	}
	var s string
	if err := db.QueryRowContext(context.Background(), "SELECT s FROM q").Scan(&s); err != nil || s != "Bob; Jr" {
		t.Fatalf("q.s = %q, %v; want 'Bob; Jr'", s, err)
	}

	proc := `CREATE PROCEDURE add_q(n VARCHAR(20))
    DEFINE x VARCHAR(20);
    LET x = n;
    INSERT INTO q VALUES (x);
END PROCEDURE`
	if err := d.Run(strings.NewReader("-- a routine\n" + proc + ";\nINSERT INTO q VALUES ('after');\n")); err != nil {
		t.Fatalf("Run with a procedure: %v", err)
	}
	// The body reached the server whole: the procedure runs.
	if _, err := db.ExecContext(context.Background(), "EXECUTE PROCEDURE add_q('via spl')"); err != nil {
		t.Fatalf("EXECUTE PROCEDURE: %v", err)
	}
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM q WHERE s IN ('after', 'via spl')").Scan(&n); err != nil || n != 2 {
		t.Fatalf("rows after the procedure: %d, %v; want 2", n, err)
	}
}

// The lock row and SetVersion work without transactions (no logging) and
// with an always-open one (ANSI mode), where a lock held by a
// transaction could not be used or would be held by every statement.
func TestUnloggedAndANSIDatabases(t *testing.T) {
	for _, create := range []string{"CREATE DATABASE mig_nolog", "CREATE DATABASE mig_ansi WITH LOG MODE ANSI"} {
		name := strings.Fields(create)[2]
		t.Run(name, func(t *testing.T) {
			srv := ifxtest.NewServer(t)
			if _, err := sqlDB(t, srv).Exec(create); err != nil {
				t.Fatal(err)
			}
			url := srv.DSN(name)
			m := newMigrate(t, url, peopleMigrations)
			if err := m.Up(); err != nil {
				t.Fatalf("Up: %v", err)
			}
			wantVersion(t, m, 3, false)

			// The lock row committed: another driver sees it.
			holder := openDriver(t, url)
			if err := holder.Lock(); err != nil {
				t.Fatal(err)
			}
			if err := openDriver(t, url+"&x-lock-timeout=0").Lock(); !errors.Is(err, database.ErrLocked) {
				t.Fatalf("second Lock = %v, want ErrLocked", err)
			}
			if err := holder.Unlock(); err != nil {
				t.Fatal(err)
			}

			if err := m.Down(); err != nil {
				t.Fatalf("Down: %v", err)
			}
			wantNoVersion(t, m)
		})
	}
}

// A file may manage its own transactions: the driver runs its statements
// on one session and opens none around them.
func TestRunFileWithItsOwnTransactions(t *testing.T) {
	srv, url := newServer(t, "")
	d := openDriver(t, url)
	err := d.Run(strings.NewReader(`CREATE TABLE w (id INTEGER);
BEGIN WORK;
INSERT INTO w VALUES (1);
ROLLBACK WORK;
BEGIN WORK;
INSERT INTO w VALUES (2);
COMMIT WORK;`))
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	var n, sum int
	if err := sqlDB(t, srv).QueryRow("SELECT COUNT(*), SUM(id) FROM w").Scan(&n, &sum); err != nil {
		t.Fatal(err)
	}
	if n != 1 || sum != 2 {
		t.Fatalf("w holds %d rows summing %d, want the committed row 2 only", n, sum)
	}
	if err := d.SetVersion(1, false); err != nil {
		t.Fatalf("SetVersion after the file's transactions: %v", err)
	}
}

// WithInstance runs on a session of the caller's *sql.DB and leaves the
// DB open when it closes.
func TestWithInstance(t *testing.T) {
	srv := ifxtest.NewServer(t)
	db := sqlDB(t, srv)
	if _, err := ifxmigrate.WithInstance(db, nil); !errors.Is(err, ifxmigrate.ErrNilConfig) {
		t.Fatalf("WithInstance(db, nil) = %v, want ErrNilConfig", err)
	}
	d, err := ifxmigrate.WithInstance(db, &ifxmigrate.Config{MigrationsTable: "wi_versions"})
	if err != nil {
		t.Fatal(err)
	}
	src, err := iofs.New(peopleMigrations, ".")
	if err != nil {
		t.Fatal(err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "informix", d)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Up(); err != nil {
		t.Fatalf("Up: %v", err)
	}
	if srcErr, dbErr := m.Close(); srcErr != nil || dbErr != nil {
		t.Fatalf("Close: %v, %v", srcErr, dbErr)
	}
	var v int
	if err := db.QueryRow("SELECT version FROM wi_versions").Scan(&v); err != nil || v != 3 {
		t.Fatalf("after Close, the caller's DB reads version %d, %v; want 3", v, err)
	}
}
