package main

import (
	"bytes"
	"reflect"
	"testing"
)

func TestSplitStatements(t *testing.T) {
	got := splitStatements("SELECT ';' FROM t; -- a; comment\nINSERT INTO t VALUES (\"x;y\") ; {a;b} UPDATE t SET a = 1;;")
	want := []string{"SELECT ';' FROM t", "-- a; comment\nINSERT INTO t VALUES (\"x;y\")", "{a;b} UPDATE t SET a = 1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestReturnsRows(t *testing.T) {
	for sql, want := range map[string]bool{
		"SELECT 1 FROM systables":              true,
		"  select first 3 * from t":            true,
		"-- x\nSELECT 1":                       true,
		"SELECT * FROM t INTO TEMP x":          false,
		"INSERT INTO t VALUES (1)":             false,
		"EXECUTE FUNCTION f()":                 true,
		"EXECUTE PROCEDURE p()":                false,
		"CREATE TABLE t (a INT)":               false,
		"WITH x AS (SELECT 1) SELECT * FROM x": true,
	} {
		if got := returnsRows(sql); got != want {
			t.Errorf("returnsRows(%q) = %v", sql, got)
		}
	}
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	writeTable(&b, []string{"tabname", "tabid"}, [][]string{{"systables", "1"}, {"syscolumns", "2"}})
	want := "tabname    | tabid\n-----------+------\nsystables  | 1\nsyscolumns | 2\n(2 rows)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
