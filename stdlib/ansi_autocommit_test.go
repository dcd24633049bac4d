package stdlib_test

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
)

// TestANSIAutocommitQuery: in an ANSI database a write run through
// database/sql's Query or QueryRow (or a prepared statement's) outside a
// transaction commits, as ExecContext does: another session sees it, and
// the reset before the connection's next use does not roll it back.
func TestANSIAutocommitQuery(t *testing.T) {
	needFake(t)
	dsn, _ := testServer(t, "testdb")
	db := openDB(t, dsn)
	ctx := ctxT(t)
	if _, err := db.ExecContext(ctx, "CREATE DATABASE sql_ansiq WITH LOG MODE ANSI"); err != nil {
		t.Fatal(err)
	}
	adsn := strings.Replace(dsn, "/testdb?", "/sql_ansiq?", 1)
	adb := openDB(t, adsn)
	adb.SetMaxOpenConns(1)
	if _, err := adb.ExecContext(ctx, "CREATE TABLE t (id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	other := openDB(t, adsn)
	paths := []struct {
		name string
		run  func(id int) error
	}{
		{"DB.Query", func(id int) error {
			rows, err := adb.QueryContext(ctx, "INSERT INTO t VALUES (?)", id)
			if err != nil {
				return err
			}
			return rows.Close()
		}},
		{"DB.QueryRow", func(id int) error {
			var x int
			if err := adb.QueryRowContext(ctx, "INSERT INTO t VALUES (?)", id).Scan(&x); !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			return nil
		}},
		{"Stmt.Query", func(id int) error {
			st, err := adb.PrepareContext(ctx, "INSERT INTO t VALUES (?)")
			if err != nil {
				return err
			}
			defer st.Close()
			rows, err := st.QueryContext(ctx, id)
			if err != nil {
				return err
			}
			return rows.Close()
		}},
		{"Stmt.Exec", func(id int) error {
			st, err := adb.PrepareContext(ctx, "INSERT INTO t VALUES (?)")
			if err != nil {
				return err
			}
			defer st.Close()
			_, err = st.ExecContext(ctx, id)
			return err
		}},
	}
	for i, p := range paths {
		id := 10 + i
		if err := p.run(id); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		// The pool's next use resets the connection.
		if err := adb.PingContext(ctx); err != nil {
			t.Fatal(err)
		}
		var n int
		if err := other.QueryRowContext(ctx, "SELECT COUNT(*) FROM t WHERE id = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%s: another session sees %d rows, want 1", p.name, n)
		}
	}
}
