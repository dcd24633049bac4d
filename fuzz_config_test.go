package ifx_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ifxgo/ifx"
)

// FuzzParseConfigSecrets builds DSNs of the three forms around a fuzzed
// password and fuzzed surroundings, and checks that whatever ParseConfig
// makes of them — a Config or a ParseConfigError — never shows the
// password: not in String, not in any fmt verb, not in the error. A
// valid password round-trips into Config.Password.
func FuzzParseConfigSecrets(f *testing.F) {
	f.Add(uint8(0), "Secr3tPw", "", "server=s")
	f.Add(uint8(1), "pa ss'w\\ord", "port=x", "")
	f.Add(uint8(2), "p;w=d", "", "INFORMIXSERVER=x")
	f.Add(uint8(3), "%zz%41", "?x=%zz", "tls=maybe")
	f.Add(uint8(4), "hunter2hunter2", "host=[::1", "env.PASSWORD=y")
	f.Fuzz(func(t *testing.T, form uint8, pw, before, after string) {
		var dsn string
		switch form % 6 {
		case 0: // URL userinfo, escaped
			dsn = "informix://u:" + url.PathEscape(pw) + "@h:9088/db?" + after + before
		case 1: // key=value, quoted
			q := strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(pw)
			dsn = before + " host=h password='" + q + "' " + after
		case 2: // JDBC
			dsn = "jdbc:informix-sqli://h:9088/db:" + before + ";password=" + pw + ";" + after
		case 3: // URL query option, raw
			dsn = "informix://u@h/db?" + before + "&password=" + pw + "&" + after
		case 4: // URL userinfo, raw
			dsn = "informix://u:" + pw + "@h" + before + "/db?" + after
		case 5: // key=value, unquoted
			dsn = before + " password=" + pw + " " + after
		}
		// In the raw forms a password holding that form's separators is
		// not one password any more (part of it becomes a host, an
		// option, another key): only separator-free ones are checked.
		raw := map[uint8]string{2: ";", 3: "&#+% \t", 4: "@%", 5: " \t\r\n'\\"}[form%6]
		if raw != "" && strings.ContainsAny(pw, raw) {
			ifx.ParseConfig(dsn)
			return
		}
		// Only a password that cannot occur by chance elsewhere in the
		// output is checked.
		if len(pw) < 6 || strings.Contains(strings.Replace(dsn, pw, "", 1), pw) ||
			strings.ContainsAny(pw, "\x00") || strings.Contains("informix://ifx: cannot parse DSN xxxxx", pw) ||
			// Messages quote the DSN and what they show: a password that
			// starts or ends with a quote or backslash can be spelled by
			// that quoting next to other text ("00000 in DSN "00000 …).
			strings.ContainsAny(pw[:1]+pw[len(pw)-1:], "\"'\\") ||
			// %q and %#v escape unprintable bytes elsewhere in the DSN
			// as hex digits, which can spell a password of digits.
			!utf8.ValidString(dsn) || strings.ContainsFunc(dsn, func(r rune) bool { return !strconv.IsPrint(r) }) {
			ifx.ParseConfig(dsn)
			return
		}
		cfg, err := ifx.ParseConfig(dsn)
		var out strings.Builder
		if err != nil {
			fmt.Fprintf(&out, "%v %+v %#v %s %q", err, err, err, err, err)
		} else {
			fmt.Fprintf(&out, "%v %+v %#v %s %q %v %#v", cfg, cfg, cfg, cfg, cfg, *cfg, *cfg)
			out.WriteString(cfg.String())
			// (Unless the surroundings set a password too: the later
			// setting wins, as with any option given twice.)
			if (form%6 == 0 || form%6 == 1) && cfg.Password != pw && !strings.Contains(strings.ToLower(before+after), "passw") {
				t.Errorf("password %q parsed as %q from %q", pw, cfg.Password, dsn)
			}
		}
		for _, enc := range []string{pw, url.PathEscape(pw), url.QueryEscape(pw), fmt.Sprintf("%q", pw)[1 : len(fmt.Sprintf("%q", pw))-1]} {
			if len(enc) >= 6 && strings.Contains(out.String(), enc) {
				t.Fatalf("DSN %q: the password %q shows (as %q) in:\n%s", dsn, pw, enc, out.String())
			}
		}
	})
}
