package main

import (
	"bytes"
	"strings"
	"testing"
)

// The README's main command: a table from the embedded server.
func TestEmbeddedServerTable(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"-e", "SELECT FIRST 3 tabname, tabid FROM systables ORDER BY tabid"}, strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := "tabname    | tabid\n-----------+------\nsystables  |     1\nsyscolumns |     2\nsysindices |     3\n(3 rows)\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestScriptFromStdin(t *testing.T) {
	var out, errb bytes.Buffer
	script := "CREATE TEMP TABLE t (id SERIAL, name VARCHAR(10));\nINSERT INTO t (name) VALUES ('a');\nINSERT INTO t (name) VALUES (NULL);\nSELECT id, name FROM t ORDER BY id;\nSELECT * FROM nosuch;"
	code := run(nil, strings.NewReader(script), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "-206") {
		t.Errorf("exit %d, stderr %q: want 1 and the -206 error", code, errb.String())
	}
	for _, want := range []string{"1 row affected, serial 1", "1 row affected, serial 2", "id | name\n---+-----\n 1 | a\n 2 | NULL\n(2 rows)\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// A SELECT after a comment is a query: its rows are printed.
func TestCommentedSelectPrintsRows(t *testing.T) {
	var out, errb bytes.Buffer
	script := "/* the first table */ SELECT FIRST 1 tabname FROM systables ORDER BY tabid;\n-- a; note\nSELECT FIRST 1 tabid FROM systables ORDER BY tabid;"
	code := run(nil, strings.NewReader(script), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := "tabname\n---------\nsystables\n(1 row)\ntabid\n-----\n    1\n(1 row)\n"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
}

// A script that creates an SPL function (semicolons inside its body) and
// runs it: the body reaches the server whole and the RETURN … WITH RESUME
// rows print like a SELECT's.
func TestScriptCreatesAndRunsAFunction(t *testing.T) {
	var out, errb bytes.Buffer
	script := "CREATE FUNCTION sq(n INT) RETURNING INT;\n  DEFINE i INT;\n  FOR i = 1 TO n\n    RETURN i * i WITH RESUME;\n  END FOR;\nEND FUNCTION;\nEXECUTE FUNCTION sq(3);\nDROP FUNCTION sq;"
	code := run(nil, strings.NewReader(script), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	// Numbers are right-aligned in their column.
	var got []string
	for _, l := range strings.Split(out.String(), "\n") {
		if l = strings.TrimSpace(l); l == "1" || l == "4" || l == "9" || l == "(3 rows)" {
			got = append(got, l)
		}
	}
	if strings.Join(got, ",") != "1,4,9,(3 rows)" {
		t.Errorf("output lacks the rows 1, 4, 9:\n%s", out.String())
	}
}
