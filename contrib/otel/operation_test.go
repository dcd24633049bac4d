package ifxotel

import "testing"

func TestOperation(t *testing.T) {
	for sql, want := range map[string]string{
		"select 1":                         "SELECT",
		"  (SELECT a FROM t) UNION ...":    "SELECT",
		"-- note\nINSERT INTO t VALUES(1)": "INSERT",
		"/* x */ update t set a = 1":       "UPDATE",
		"{ informix } EXECUTE PROCEDURE p": "EXECUTE",
		"":                                 "",
		"/* unterminated":                  "",
		"42":                               "",
	} {
		if got := operation(sql); got != want {
			t.Errorf("operation(%q) = %q, want %q", sql, got, want)
		}
	}
}
