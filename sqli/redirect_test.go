package sqli

import "testing"

func TestParseRedirect(t *testing.T) {
	r, err := ParseRedirect("redirect=srv_b|10.0.0.2|9089")
	if err != nil || r != (Redirect{Server: "srv_b", Host: "10.0.0.2", Service: "9089"}) {
		t.Fatalf("%+v %v", r, err)
	}
	if got := r.String(); got != "redirect=srv_b|10.0.0.2|9089" {
		t.Fatalf("String %q", got)
	}
	// Any of the three separators, as JDBC tokenizes.
	if r, err := ParseRedirect("x:srv|h:sqlexec"); err != nil || r.Host != "h" || r.Service != "sqlexec" {
		t.Fatalf("%+v %v", r, err)
	}
	for _, bad := range []string{"", "label=srv|host", "a=b|c|d|e", "==||"} {
		if _, err := ParseRedirect(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}
