package engine

import (
	"context"
	"errors"
	"testing"
)

// TestRawExecRunsPreparedInsertBelowDatabaseSQL checks that a prepared
// INSERT's rows run through its raw statement with the behaviour of
// database/sql's path: the rows stored, a duplicate key is -268 and
// leaves the earlier rows, a value database/sql would convert goes
// through database/sql, and the raw statement is closed with the
// session's connection and prepared again on the next one.
func TestRawExecRunsPreparedInsertBelowDatabaseSQL(t *testing.T) {
	ctx := context.Background()
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	exec(t, s, "CREATE TABLE rawt (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(10), ts DATETIME YEAR TO SECOND)")
	st, err := s.Prepare(ctx, "INSERT INTO rawt VALUES (?, ?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := int64(1); i <= 3; i++ {
		if _, err := st.Exec(ctx, []Value{i, "n", DateTime("2026-01-02 03:04:05.12345")}); err != nil {
			t.Fatal(err)
		}
	}
	r := st.raw
	if r == nil {
		t.Fatal("the INSERT ran without its raw statement")
	}
	if _, open := s.raws.stmts[r]; !open {
		t.Fatal("the raw statement is not registered with the session's connection")
	}
	_, err = st.Exec(ctx, []Value{int64(2), "dup", nil})
	var ee *Error
	if !errors.As(err, &ee) || ee.SQLCode != -268 {
		t.Fatalf("duplicate key: %v, want -268", err)
	}
	// A value database/sql converts (an int, not a driver.Value) runs
	// through database/sql, with the same result.
	if ok := driverValue(int(4)); ok {
		t.Fatal("int taken as a driver value")
	}
	if res, ok, err := st.rawExec(ctx, []any{int(4), "x", nil}); ok || err != nil || res != nil {
		t.Fatalf("rawExec ran a value database/sql would convert: %v %v %v", res, ok, err)
	}
	_, _, rows, err := run(s, "SELECT id, name, ts FROM rawt ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "rows", rows, [][]Value{
		{int64(1), "n", DateTime("2026-01-02 03:04:05")},
		{int64(2), "n", DateTime("2026-01-02 03:04:05")},
		{int64(3), "n", DateTime("2026-01-02 03:04:05")},
	})

	// The connection goes back to the pool: its raw statements close with
	// it, and the statement prepares a new one on the next connection.
	if err := s.CloseDatabase(); err != nil {
		t.Fatal(err)
	}
	if len(s.raws.stmts) != 0 {
		t.Fatalf("%d raw statements left open on a connection given back", len(s.raws.stmts))
	}
	if _, err := s.OpenDatabase(ctx, "testdb"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Exec(ctx, []Value{int64(5), "m", nil}); err != nil {
		t.Fatal(err)
	}
	if st.raw == nil || st.raw == r {
		t.Fatal("the statement kept its closed raw statement")
	}
	_, _, rows, err = run(s, "SELECT id FROM rawt ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "ids", rows, [][]Value{{int64(1)}, {int64(2)}, {int64(3)}, {int64(5)}})
	st.Close()
	if st.raw != nil || len(s.raws.stmts) != 0 {
		t.Fatal("Close left the raw statement open")
	}
}
