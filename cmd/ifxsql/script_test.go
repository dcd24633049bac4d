package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runScript(t *testing.T, script string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"-q"}, args...), strings.NewReader(script), &out, &errb)
	return out.String(), errb.String(), code
}

const fixture = "CREATE TEMP TABLE t (id SERIAL, name VARCHAR(10), amt DECIMAL(8,2), ts DATETIME YEAR TO SECOND, ok BOOLEAN);\n" +
	"INSERT INTO t (name, amt, ts, ok) VALUES ('a,b', 1.5, DATETIME(2026-01-02 00:00:00) YEAR TO SECOND, 't');\n" +
	"INSERT INTO t (name, amt, ts, ok) VALUES (NULL, NULL, NULL, NULL);\n"

// Each format prints the same rows; DATETIME YEAR TO SECOND at midnight
// keeps its time.
func TestFormats(t *testing.T) {
	for format, want := range map[string]string{
		"table": "id | name | amt  | ts                  | ok\n---+------+------+---------------------+-----\n" +
			" 1 | a,b  | 1.50 | 2026-01-02 00:00:00 | true\n 2 | NULL | NULL | NULL                | NULL\n",
		"csv":      "id,name,amt,ts,ok\n1,\"a,b\",1.50,2026-01-02 00:00:00,true\n2,NULL,NULL,NULL,NULL\n",
		"tsv":      "id\tname\tamt\tts\tok\n1\ta,b\t1.50\t2026-01-02 00:00:00\ttrue\n2\tNULL\tNULL\tNULL\tNULL\n",
		"json":     "[\n{\"id\":1,\"name\":\"a,b\",\"amt\":1.50,\"ts\":\"2026-01-02 00:00:00\",\"ok\":true},\n{\"id\":2,\"name\":null,\"amt\":null,\"ts\":null,\"ok\":null}\n]\n",
		"vertical": "-[ RECORD 1 ]-\nid   | 1\nname | a,b\namt  | 1.50\nts   | 2026-01-02 00:00:00\nok   | true\n-[ RECORD 2 ]-\nid   | 2\nname | NULL\namt  | NULL\nts   | NULL\nok   | NULL\n",
	} {
		out, errs, code := runScript(t, fixture+"SELECT id, name, amt, ts, ok FROM t ORDER BY id;", "-format", format)
		if code != 0 || out != want {
			t.Errorf("-format %s: exit %d, stderr %q, got\n%s\nwant\n%s", format, code, errs, out, want)
		}
	}
}

// An error names the statement number and the line where it starts;
// -stop-on-error stops there, without it the script goes on.
func TestScriptErrorNamesStatementAndLine(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.sql")
	script := "SELECT 1 FROM systables WHERE tabid = 1;\n\n-- comment\nSELECT *\n  FROM nosuch;\nSELECT 2 FROM systables WHERE tabid = 1;\n"
	os.WriteFile(file, []byte(script), 0o600)
	out, errs, code := runScript(t, "", "-f", file)
	if code != 1 || !strings.Contains(errs, file+": statement 2, line 4: ") || !strings.Contains(errs, "-206") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if strings.Count(out, "(constant)") != 2 {
		t.Errorf("the script did not go on after the error:\n%s", out)
	}
	out, _, code = runScript(t, "", "-f", file, "-stop-on-error")
	if code != 1 || strings.Contains(out, "2\n") {
		t.Errorf("-stop-on-error: exit %d, ran on:\n%s", code, out)
	}
}

// \d NAME describes a table: IDS type names from syscolumns, indexes and
// constraints; INFO forms answer the same.
func TestDescribeTable(t *testing.T) {
	script := "CREATE TABLE d (id SERIAL PRIMARY KEY, name VARCHAR(10,2) NOT NULL, amt MONEY(8,2), ts DATETIME HOUR TO MINUTE, " +
		"iv INTERVAL DAY(3) TO SECOND, big BIGINT, ok BOOLEAN, lv LVARCHAR(500), c CHAR(3));\n" +
		"CREATE UNIQUE INDEX dx ON d (name, amt DESC);\n\\d d\nINFO TABLES;\nINFO INDEXES FOR d;\n\\dt\n"
	out, errs, code := runScript(t, script)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"id     | SERIAL                    | no", "name   | VARCHAR(10,2)             | no",
		"amt    | MONEY(8,2)                | yes", "ts     | DATETIME HOUR TO MINUTE   | yes",
		"iv     | INTERVAL DAY(3) TO SECOND | yes", "big    | BIGINT", "ok     | BOOLEAN", "lv     | LVARCHAR(500)",
		"c      | CHAR(3)", "dx     | unique | name, amt DESC", "pk_d_1 | primary key",
		"tabname | owner    | type\n--------+----------+------\nd       | informix | table\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// Meta-commands change the session: \x, \o FILE, \i FILE and \set.
func TestMetaCommands(t *testing.T) {
	dir := t.TempDir()
	outFile, inc := filepath.Join(dir, "out.txt"), filepath.Join(dir, "inc.sql")
	os.WriteFile(inc, []byte("SELECT tabname FROM systables WHERE tabid = 2;\n"), 0o600)
	script := "\\o " + outFile + "\nSELECT tabname FROM systables WHERE tabid = 1;\n\\o\n\\i " + inc + "\n\\x\n" +
		"SELECT tabname FROM systables WHERE tabid = 3;\n\\x\n\\set format csv\nSELECT tabid FROM systables WHERE tabid = 1;\n"
	out, errs, code := runScript(t, script)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := "tabname\n----------\nsyscolumns\n-[ RECORD 1 ]-\ntabname | sysindices\ntabid\n1\n"
	if out != want {
		t.Errorf("got\n%q\nwant\n%q", out, want)
	}
	if b, _ := os.ReadFile(outFile); string(b) != "tabname\n---------\nsystables\n" {
		t.Errorf("\\o file holds %q", b)
	}
}

// Without a DSN, one line on stderr says the embedded server is in use.
func TestEmbeddedServerIsAnnounced(t *testing.T) {
	var out, errb bytes.Buffer
	run([]string{"-e", "SELECT 1 FROM systables WHERE tabid = 1"}, strings.NewReader(""), &out, &errb)
	if n := strings.Count(errb.String(), "\n"); n != 1 || !strings.Contains(errb.String(), "embedded ifxtest server") {
		t.Errorf("stderr %q", errb.String())
	}
}

// \df lists user routines from sysprocedures; \conninfo names the database
// and user; \timing adds each statement's time.
func TestRoutinesConninfoTiming(t *testing.T) {
	script := "CREATE FUNCTION df_fn() RETURNING INT; RETURN 1; END FUNCTION;\n\\df\n\\conninfo\n\\timing\nSELECT 1 FROM systables WHERE tabid = 1;\n"
	out, errs, code := runScript(t, script)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"df_fn    | informix | function |       0", `database "testdb" on server`, `as user "informix"`, "Time: "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// An INTERVAL prints the way IDS writes it, not as a Go duration.
func TestIntervalPrintsPerQualifier(t *testing.T) {
	out, errs, code := runScript(t, "SELECT INTERVAL(1 02:03:04) DAY TO SECOND AS iv, DATETIME(10:30) HOUR TO MINUTE AS hm FROM systables WHERE tabid = 1;")
	want := "iv         | hm\n-----------+------\n1 02:03:04 | 10:30\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, stderr %q, got\n%q\nwant\n%q", code, errs, out, want)
	}
}
