package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/sqli"
)

// ifxsql splits with ifx.SplitStatements: an SPL body and a comment keep
// their inner semicolons.
func TestScriptSplitKeepsBodiesAndComments(t *testing.T) {
	script := "SELECT ';' FROM t; -- a; comment\nINSERT INTO t VALUES (\"x;y\") ; {a;b} UPDATE t SET a = 1;;\n" +
		"SELECT 1 FROM t /* a; b */;\n" +
		"CREATE PROCEDURE p()\n  DEFINE i INT;\n  LET i = 1;\nEND PROCEDURE;\n"
	got := ifx.SplitStatements(script)
	want := []string{"SELECT ';' FROM t", "-- a; comment\nINSERT INTO t VALUES (\"x;y\")", "{a;b} UPDATE t SET a = 1",
		"SELECT 1 FROM t /* a; b */", "CREATE PROCEDURE p()\n  DEFINE i INT;\n  LET i = 1;\nEND PROCEDURE"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestReturnsRows(t *testing.T) {
	for sql, want := range map[string]bool{
		"SELECT 1 FROM systables":              true,
		"  select first 3 * from t":            true,
		"-- x\nSELECT 1":                       true,
		"/* report */ SELECT 1":                true,
		"/* a */ -- b\n{ c } ( SELECT 1)":      true,
		"/*SELECT*/ DELETE FROM t":             false,
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

// Numbers are right-aligned; text is left-aligned.
func TestTableAlignsNumbersRight(t *testing.T) {
	var b bytes.Buffer
	cols := []ifx.Column{{Name: "tabname", Type: sqli.TypeVarChar}, {Name: "tabid", Type: sqli.TypeInt}}
	w := newResultWriter("table", &b, cols, false)
	w.row([]string{"systables", "1"})
	w.row([]string{"syscolumns", "20"})
	w.end(2)
	want := "tabname    | tabid\n-----------+------\nsystables  |     1\nsyscolumns |    20\n(2 rows)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// The table format prints each page of pageRows rows as soon as it is
// full, aligned to that page's own widths.
func TestTableFlushesPageByPage(t *testing.T) {
	var b bytes.Buffer
	w := newResultWriter("table", &b, []ifx.Column{{Name: "n", Type: sqli.TypeInt}}, true)
	for i := 0; i < pageRows; i++ {
		w.row([]string{"7"})
	}
	if got := strings.Count(b.String(), "\n"); got != pageRows+2 {
		t.Fatalf("after one full page %d lines are out, want %d", got, pageRows+2)
	}
	w.row([]string{"12345"})
	w.end(pageRows + 1)
	if !strings.HasSuffix(b.String(), "\n7\n12345\n") {
		t.Errorf("the second page is not aligned to itself: %q", b.String()[len(b.String())-20:])
	}
}
