package engine

import (
	"context"
	"errors"
	"io"
	"reflect"
	"testing"
)

func newEngine(t *testing.T) *Engine {
	t.Helper()
	e, err := Open(Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func newSession(t *testing.T, e *Engine, db string) *Session {
	t.Helper()
	s := e.NewSession("tester")
	if db != "" {
		if _, err := s.OpenDatabase(context.Background(), db); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// run prepares and executes any statement; SELECT rows are returned.
func run(s *Session, q string, args ...Value) (*Stmt, Result, [][]Value, error) {
	ctx := context.Background()
	st, err := s.Prepare(ctx, q)
	if err != nil {
		return nil, Result{}, nil, err
	}
	defer st.Close()
	if !st.returnsRows() {
		r, err := st.Exec(ctx, args)
		return st, r, nil, err
	}
	c, err := st.Query(ctx, args)
	if err != nil {
		return st, Result{}, nil, err
	}
	defer c.Close()
	var rows [][]Value
	for {
		r, err := c.Next()
		if err == io.EOF {
			return st, Result{}, rows, nil
		}
		if err != nil {
			return st, Result{}, rows, err
		}
		rows = append(rows, r)
	}
}

func exec(t *testing.T, s *Session, q string, args ...Value) Result {
	t.Helper()
	_, r, _, err := run(s, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return r
}

func query(t *testing.T, s *Session, q string, args ...Value) [][]Value {
	t.Helper()
	_, _, rows, err := run(s, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return rows
}

func one(t *testing.T, s *Session, q string, args ...Value) Value {
	t.Helper()
	rows := query(t, s, q, args...)
	if len(rows) != 1 || len(rows[0]) != 1 {
		t.Fatalf("%s: want one value, got %v", q, rows)
	}
	return rows[0][0]
}

func describe(t *testing.T, s *Session, q string) *Stmt {
	t.Helper()
	st, err := s.Prepare(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return st
}

func wantErr(t *testing.T, s *Session, code int, q string, args ...Value) *Error {
	t.Helper()
	_, _, _, err := run(s, q, args...)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%s: want error %d, got %v", q, code, err)
	}
	if e.SQLCode != code {
		t.Fatalf("%s: want error %d, got %d (%v)", q, code, e.SQLCode, e)
	}
	return e
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: got %#v, want %#v", what, got, want)
	}
}
