package engine

import (
	"context"
	"errors"
	"testing"
)

// A NULL into an INTEGER primary key must fail with -391. SQLite would
// turn it into a new rowid if the key column were stored as
// "INTEGER PRIMARY KEY"; this failed before the storage type became INT.
func TestNullIntoIntegerPrimaryKey(t *testing.T) {
	e, err := Open(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s := e.NewSession("informix")
	defer s.Close()
	ctx := context.Background()
	if _, err := s.OpenDatabase(ctx, "testdb"); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE pk (k INT NOT NULL, v INT, PRIMARY KEY (k))", "CREATE TABLE pk2 (k INTEGER PRIMARY KEY, v INT)"} {
		st, err := s.Prepare(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Exec(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, table := range []string{"pk", "pk2"} {
		st, err := s.Prepare(ctx, "INSERT INTO "+table+" VALUES (NULL, 1)")
		if err != nil {
			t.Fatal(err)
		}
		_, err = st.Exec(ctx, nil)
		var ee *Error
		if !errors.As(err, &ee) || ee.SQLCode != -391 {
			t.Errorf("%s: NULL key inserted: %v", table, err)
		}
	}
}

// Without ORDER BY, systables comes back in tabid order as from Informix,
// not with the ' GL_COLLATE' pseudo row first (as a covering index on
// tabname made SQLite return it).
func TestSystablesNaturalOrder(t *testing.T) {
	e, err := Open(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s := e.NewSession("informix")
	defer s.Close()
	ctx := context.Background()
	if _, err := s.OpenDatabase(ctx, "testdb"); err != nil {
		t.Fatal(err)
	}
	st, err := s.Prepare(ctx, "SELECT FIRST 3 tabname FROM systables")
	if err != nil {
		t.Fatal(err)
	}
	cur, err := st.Query(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	for _, want := range []string{"systables", "syscolumns", "sysindices"} {
		row, err := cur.Next()
		if err != nil || row[0] != want {
			t.Fatalf("got %v %v, want %s", row, err, want)
		}
	}
}
