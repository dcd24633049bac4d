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
		{-274, "orders", "No DELETE permission. (orders)", "IX000"},
		{-282, "", "Found a quote for which there is no matching quote.", "42000"},
		{-674, "ifx_lo_close", "Routine (ifx_lo_close) can not be resolved.", "IX000"},
		{-9628, "mytype", "Type (mytype) not found.", "IX000"},
		{-999, "", "Not implemented yet.", "IX000"},
		{-1263, "", "A field in a datetime or interval value is incorrect or an illegal operation specified on datetime field.", "IX000"},
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

// The locale errors name the settings that fix them.
func TestLocaleErrorsNameTheFix(t *testing.T) {
	for code, want := range map[int][]string{
		-23101: {"Unable to load locale categories.", "CLIENT_LOCALE", "DB_LOCALE"},
		-23197: {"Database locale information mismatch.", "DB_LOCALE"},
	} {
		m := Message(code, "")
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
		if m == "" || !strings.HasSuffix(m, ".") || strings.Count(m, "%s") > 1 {
			t.Errorf("%d: %q", code, m)
		}
	}
	if m, ok := ISAMMessage(-154); !ok || m != "lock timeout expired" {
		t.Errorf("ISAM -154: %q %v", m, ok)
	}
}
