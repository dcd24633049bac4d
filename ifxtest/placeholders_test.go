package ifxtest

import "testing"

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
