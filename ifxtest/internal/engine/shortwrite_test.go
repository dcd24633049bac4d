package engine

import (
	"context"
	"errors"
	"testing"
)

func TestShortInsertClassification(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	exec(t, s, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))")
	exec(t, s, "CREATE TABLE ts (id SERIAL, v VARCHAR(10))")
	exec(t, s, "CREATE TEMP TABLE tt (id INTEGER, v VARCHAR(10))")
	ctx := context.Background()
	for q, want := range map[string]bool{
		"INSERT INTO t VALUES (?, ?)":                        true,
		"INSERT INTO t (id, v) VALUES (1, 'x')":              true,
		"INSERT INTO t VALUES (?, NULL)":                     true,
		"INSERT INTO t VALUES (?, UPPER(?))":                 false, // a function call
		"INSERT INTO t SELECT tabid, tabname FROM systables": false,
		"INSERT INTO t VALUES ((SELECT MAX(id) FROM t), ?)":  false, // a subquery
		"INSERT INTO ts (v) VALUES (?)":                      false, // SERIAL
		"INSERT INTO tt VALUES (?, ?)":                       false, // temp
		"UPDATE t SET v = ? WHERE id = ?":                    false,
	} {
		st, err := s.Prepare(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got := st.shortInsert(); got != want {
			t.Errorf("%s: shortInsert %v, want %v", q, got, want)
		}
		st.Close()
	}
}

// A short insert runs under a context that cannot end; an interrupt that
// came before it starts still fails it with -213, and inserts nothing:
// in autocommit, in a transaction of row statements, and in one that
// holds its SQLite transaction (after DDL), where no BEGIN sees the
// context first.
func TestShortInsertInterruptedBeforeItStarts(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	exec(t, s, "CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))")
	for _, mode := range []string{"autocommit", "rows", "held"} {
		inTx := mode != "autocommit"
		if inTx {
			exec(t, s, "BEGIN WORK")
		}
		if mode == "held" {
			exec(t, s, "CREATE TABLE other (x INTEGER)")
		}
		st, err := s.Prepare(context.Background(), "INSERT INTO t VALUES (?, ?)")
		if err != nil {
			t.Fatal(err)
		}
		if !st.shortInsert() {
			t.Fatal("not a short insert")
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err = st.Exec(ctx, []Value{int64(1), "x"})
		st.Close()
		var e *Error
		if !errors.As(err, &e) || e.SQLCode != -213 {
			t.Fatalf("%s: Exec after the interrupt: %v, want -213", mode, err)
		}
		exec(t, s, "INSERT INTO t VALUES (2, 'y')")
		if inTx {
			exec(t, s, "COMMIT WORK")
		}
		eq(t, mode+" rows", query(t, s, "SELECT id FROM t"), [][]Value{{int64(2)}})
		exec(t, s, "DELETE FROM t")
		exec(t, s, "DROP TABLE IF EXISTS other")
	}
}
