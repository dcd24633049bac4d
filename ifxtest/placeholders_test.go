package ifxtest

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// sqlTextCase is one entry of the table of SQL texts that ifxtest's
// scanner and the driver's (internal/sqltext) are both tested against.
type sqlTextCase struct {
	Name         string `json:"name"`
	SQL          string `json:"sql"`
	Placeholders int    `json:"placeholders"`
}

func TestCountPlaceholdersSharedCases(t *testing.T) {
	b, err := os.ReadFile("../testdata/sqltext/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []sqlTextCase
	if err := json.Unmarshal(b, &cases); err != nil || len(cases) < 30 {
		t.Fatalf("%d cases, %v", len(cases), err)
	}
	for _, tc := range cases {
		if got := countPlaceholders(tc.SQL); got != tc.Placeholders {
			t.Errorf("%s: countPlaceholders(%q) = %d, want %d", tc.Name, tc.SQL, got, tc.Placeholders)
		}
	}
}

// A '?' inside a /* */ comment is no placeholder: a client that says so
// in SQ_PREPARE commits no violation.
func TestStrictModeIgnoresMarkerInBlockComment(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	if err := c.execErr("SELECT tabid FROM systables /* why ? */ WHERE tabid = ?", bindInt(1)); err != nil {
		t.Fatalf("SQLCODE %d", err.SQLCode)
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Errorf("violations: %q", v)
	}
}

// A '?' inside a comment or a literal is no placeholder: IDS takes
// "/* batched? no */ SELECT ... WHERE tabid <> ?" as one (informix-driver's
// suite prepares it with NumParams 1), and a strict server must not call
// that a protocol violation.
func TestCountPlaceholdersSkipsComments(t *testing.T) {
	for sql, want := range map[string]int{
		"/* batched? no */ SELECT FIRST 1 tabid FROM systables WHERE tabid <> ?": 1,
		"SELECT ? /* ? */ , ? FROM t":                                            2,
		"SELECT 1 /* unterminated ?":                                             0,
		"SELECT '?', \"?\" FROM t WHERE a = ? -- ?\nAND b = ?":                   2,
		"SELECT {?} ? FROM t":                                                    1,
		"SELECT 4/2, ? FROM t":                                                   1,
	} {
		if got := countPlaceholders(sql); got != want {
			t.Errorf("countPlaceholders(%q) = %d, want %d", sql, got, want)
		}
	}
}
