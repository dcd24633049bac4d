package ifxconn

import (
	"strings"
	"testing"
)

// Server errors take their words from internal/errcat: codes that used to
// print bare have texts, and the locale errors name the fix.
func TestServerErrorTexts(t *testing.T) {
	for _, tc := range []struct {
		code int
		near string
		want string
	}{
		{-674, "ifx_lo_close", "ifx: -674: Routine (ifx_lo_close) can not be resolved."},
		{-282, "", "ifx: -282: Found a quote for which there is no matching quote."},
		{-9628, "t1", "ifx: -9628: Type (t1) not found."},
		{-23197, "", "DB_LOCALE"},
		{-23101, "", "CLIENT_LOCALE"},
	} {
		if got := newServerError(tc.code, 0, 0, tc.near).Error(); !strings.Contains(got, tc.want) {
			t.Errorf("%d: %q lacks %q", tc.code, got, tc.want)
		}
	}
}
