package engine

import (
	"encoding/json"
	"os"
	"testing"
)

// The engine's lexer is tested against the table of SQL texts shared with
// the driver's scanner (internal/sqltext): it must find the same '?'
// markers, and reject exactly the texts marked "lexes": false
// (unterminated strings and comments).
func TestLexSharedCases(t *testing.T) {
	b, err := os.ReadFile("../../../testdata/sqltext/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name         string `json:"name"`
		SQL          string `json:"sql"`
		Placeholders int    `json:"placeholders"`
		Lexes        *bool  `json:"lexes"`
	}
	if err := json.Unmarshal(b, &cases); err != nil || len(cases) < 30 {
		t.Fatalf("%d cases, %v", len(cases), err)
	}
	for _, tc := range cases {
		toks, err := lex(tc.SQL, false)
		if tc.Lexes != nil && !*tc.Lexes {
			if err == nil {
				t.Errorf("%s: lex(%q) accepted an unterminated text", tc.Name, tc.SQL)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: lex(%q): %v", tc.Name, tc.SQL, err)
			continue
		}
		n := 0
		for _, tk := range toks {
			if tk.kind == tParam {
				n++
			}
		}
		if n != tc.Placeholders {
			t.Errorf("%s: lex(%q) found %d markers, want %d", tc.Name, tc.SQL, n, tc.Placeholders)
		}
	}
}
