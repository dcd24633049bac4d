package errcat

import (
	"strings"
	"testing"
)

// Codes users meet that used to print as a bare "Informix error <code>".
func TestMessageCoversCommonCodes(t *testing.T) {
	for _, tc := range []struct {
		code  int
		near  string
		want  string
		state string
	}{
		{-274, "orders", "No DELETE permission for orders.", "IX000"},
		{-282, "", "Found a quote for which there is no matching quote.", "42000"},
		{-674, "ifx_lo_close", "Routine (ifx_lo_close) can not be resolved.", "IX000"},
		{-9628, "mytype", "Type (mytype) not found.", "IX000"},
		{-999, "", "Not implemented yet.", "IX000"},
		{-1263, "", "A field in a datetime or interval value is incorrect or an illegal operation specified on datetime field.", "IX000"},
		{-283, "", `Found a non-terminated comment ("{" with no matching "}").`, "IX000"},
		{-294, "name", "The column (name) must be in the GROUP BY list.", "IX000"},
		{-324, "id", "Ambiguous column (id).", "IX000"},
		{-525, "fk_orders", "Failure to satisfy referential constraint fk_orders.", "23000"},
		{-582, "", "Database does not have logging.", "IX000"},
		{-746, "no such order", "no such order", "IX000"}, // SPL RAISE EXCEPTION's own text
		{-944, "", `Cannot use "first", "limit" or "skip" in this context.`, "IX000"},
		{-23104, "", "Error opening required code-set conversion object file. (the server cannot convert between CLIENT_LOCALE's and DB_LOCALE's code sets; set client_locale to a locale in the database's code set)", "IX000"},
		{-206, "t", "The specified table (t) is not in the database.", "42S02"},
		{-201, "x", "A syntax error has occurred.", "42000"},
		{-12345, "x", "Informix error -12345 (x)", "IX000"},
	} {
		if got := Message(tc.code, tc.near); got != tc.want {
			t.Errorf("Message(%d) = %q, want %q", tc.code, got, tc.want)
		}
		if got := SQLState(tc.code, 0); got != tc.state {
			t.Errorf("SQLState(%d) = %q, want %q", tc.code, got, tc.state)
		}
	}
}

// The locale errors name the settings that fix them, and the locale the
// server reported as the near text.
func TestLocaleErrorsNameTheFix(t *testing.T) {
	for code, want := range map[int][]string{
		-23101: {"Unable to load locale categories.", "CLIENT_LOCALE", "DB_LOCALE", `the server reported "xx_YY.utf8"`},
		-23197: {"Database locale information mismatch.", "db_locale", `the server reported "xx_YY.utf8"`, "tabid = 90"},
		-23196: {"Unknown locale in selected database.", "db_locale"},
		-23109: {"Invalid locale specification.", "language_territory.codeset"},
	} {
		m := Message(code, "xx_YY.utf8")
		for _, w := range want {
			if !strings.Contains(m, w) {
				t.Errorf("Message(%d) = %q lacks %q", code, m, w)
			}
		}
	}
}

func TestCatalogTextsAreSentences(t *testing.T) {
	for _, code := range Codes() {
		m, _ := Text(code)
		if code == -746 { // the text is the one RAISE EXCEPTION gave
			continue
		}
		if m == "" || !strings.HasSuffix(m, ".") || strings.Count(m, "%s") > 1 {
			t.Errorf("%d: %q", code, m)
		}
	}
	if m, ok := ISAMMessage(-154); !ok || m != "lock timeout expired" {
		t.Errorf("ISAM -154: %q %v", m, ok)
	}
}
