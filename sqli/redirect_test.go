package sqli

import "testing"

// The forms IBM's JDBC 15 followed against a scripted server, and the
// ones it refused with -79704 (docs/PROTOCOL.md "Redirects").
func TestParseRedirect(t *testing.T) {
	for _, s := range []string{"srv_b|127.0.0.1|19564", "srv_b=127.0.0.1|19564", "srv_b:127.0.0.1:19564"} {
		r, err := ParseRedirect(s)
		if err != nil || r != (Redirect{Server: "srv_b", Host: "127.0.0.1", Service: "19564"}) {
			t.Fatalf("%q: %+v %v", s, r, err)
		}
	}
	if got := (Redirect{Server: "srv_b", Host: "h", Service: "9089"}).String(); got != "srv_b|h|9089" {
		t.Fatalf("String %q", got)
	}
	for _, bad := range []string{"", "redirect=srv_b|127.0.0.1|19564", "x=srv_b|127.0.0.1|19564|extra", "srv|host", "==||"} {
		if _, err := ParseRedirect(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
