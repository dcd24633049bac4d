package sqltext

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// sharedCase is one entry of testdata/sqltext/cases.json, the table that
// this scanner and ifxtest's independent one are both tested against.
type sharedCase struct {
	Name         string   `json:"name"`
	SQL          string   `json:"sql"`
	Placeholders int      `json:"placeholders"`
	Statements   []string `json:"statements"` // absent: the trimmed SQL alone
	Lexes        *bool    `json:"lexes"`      // for ifxtest's engine lexer
}

func loadCases(t *testing.T) []sharedCase {
	t.Helper()
	b, err := os.ReadFile("../../testdata/sqltext/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []sharedCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) < 30 {
		t.Fatalf("only %d shared cases", len(cases))
	}
	return cases
}

func TestCountPlaceholdersSharedCases(t *testing.T) {
	for _, tc := range loadCases(t) {
		if got := CountPlaceholders(tc.SQL); got != tc.Placeholders {
			t.Errorf("%s: CountPlaceholders(%q) = %d, want %d", tc.Name, tc.SQL, got, tc.Placeholders)
		}
	}
}

func TestSplitSharedCases(t *testing.T) {
	for _, tc := range loadCases(t) {
		want := tc.Statements
		if want == nil {
			want = []string{strings.TrimSpace(tc.SQL)}
		}
		got := Split(tc.SQL)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Split(%q)\n got %q\nwant %q", tc.Name, tc.SQL, got, want)
		}
	}
}

func TestSkip(t *testing.T) {
	for _, tc := range []struct {
		s    string
		i    int
		want int
	}{
		{"'a''b' x", 0, 6},
		{`"a""b" x`, 0, 6},
		{"'abc", 0, 4},
		{"-- c\nx", 0, 5},
		{"-- c", 0, 4},
		{"- x", 0, 0},
		{"/* c */x", 0, 7},
		{"/ x", 0, 0},
		{"{ c }x", 0, 5},
		{"{ c", 0, 3},
		{"x'y'", 0, 0},
		{"x'y'", 1, 4},
	} {
		if got := Skip(tc.s, tc.i); got != tc.want {
			t.Errorf("Skip(%q, %d) = %d, want %d", tc.s, tc.i, got, tc.want)
		}
	}
}

func TestTrimLeading(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 1":                          "SELECT 1",
		"  \n\tSELECT 1":                    "SELECT 1",
		"-- c\nSELECT 1":                    "SELECT 1",
		"/* a; b */ SELECT 1":               "SELECT 1",
		"{ c } /* d */\n-- e\r\n  SELECT 1": "SELECT 1",
		"-- only":                           "",
		"/* unterminated":                   "",
		"- 1":                               "- 1",
		"/ 2":                               "/ 2",
		"'-- x'":                            "'-- x'",
	} {
		if got := TrimLeading(in); got != want {
			t.Errorf("TrimLeading(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountPlaceholdersDoesNotAllocate(t *testing.T) {
	sql := "/* ? */ SELECT 'a''?', \"?\" FROM t {?} WHERE a = ? -- ?\n AND b = ?"
	if n := testing.AllocsPerRun(100, func() { CountPlaceholders(sql) }); n != 0 {
		t.Errorf("%v allocations per call", n)
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("CREATE PROCEDURE p() LET x = 1; END PROCEDURE; SELECT ';' FROM t /* ; */")
	f.Add("CREATE TRIGGER t INSERT ON a FOR EACH ROW (INSERT INTO b VALUES (1;2)); x")
	f.Fuzz(func(t *testing.T, s string) {
		// Every statement is a piece of the script, and no marker outside
		// quotes and comments is lost or invented by splitting.
		n := 0
		for _, st := range Split(s) {
			if !strings.Contains(s, st) || st == "" {
				t.Fatalf("statement %q is not a piece of %q", st, s)
			}
			n += CountPlaceholders(st)
		}
		if want := CountPlaceholders(s); n != want {
			t.Fatalf("the statements of %q hold %d markers, the script %d", s, n, want)
		}
	})
}

// A shell runs what a semicolon ended and keeps the rest for the next line.
func TestSplitCompleteKeepsUnfinishedStatement(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
		rest string
	}{
		{"SELECT 1;", []string{"SELECT 1"}, ""},
		{"SELECT 1; -- note", []string{"SELECT 1"}, ""},
		{"SELECT 1; SELECT\n 2", []string{"SELECT 1"}, "SELECT\n 2"},
		{"SELECT 'a;\nb", nil, "SELECT 'a;\nb"},
		{"CREATE PROCEDURE p()\n DEFINE i INT;\n", nil, "CREATE PROCEDURE p()\n DEFINE i INT;"},
		{"CREATE PROCEDURE p()\n DEFINE i INT;\nEND PROCEDURE;", []string{"CREATE PROCEDURE p()\n DEFINE i INT;\nEND PROCEDURE"}, ""},
		{"/* open; comment", nil, ""},
		// A Unicode space is not whitespace to IDS: it stays in the
		// statement for the server to reject, never trimmed to "".
		{"\u3000;", []string{"\u3000"}, ""},
		{"SELECT 1\u3000; \u00a0", []string{"SELECT 1\u3000"}, "\u00a0"},
	} {
		got, rest := SplitComplete(c.in)
		if !reflect.DeepEqual(got, c.want) || rest != c.rest {
			t.Errorf("SplitComplete(%q) = %q, %q; want %q, %q", c.in, got, rest, c.want, c.rest)
		}
	}
}
