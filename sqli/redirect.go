package sqli

import (
	"fmt"
	"strings"
)

// Redirect is the target of a redirect packet (SL type 13, block
// SQ_ASCDBLIST): the server to connect to instead.
type Redirect struct {
	Server  string // its DBSERVERNAME, sent in the next connection request
	Host    string
	Service string // a port number or a service name
}

// RedirectLabel is the label this project's server (ifxtest) puts before
// the target; clients ignore it (docs/PROTOCOL.md "Redirects").
const RedirectLabel = "redirect"

// String returns the SQ_ASCDBLIST text: "label=server|host|port".
func (r Redirect) String() string {
	return RedirectLabel + "=" + r.Server + "|" + r.Host + "|" + r.Service
}

// ParseRedirect reads an SQ_ASCDBLIST text as JDBC does: tokens split on
// any of ':', '=' and '|'; the first is a label, then server, host and
// port or service. A target without a host or port is an error.
func ParseRedirect(s string) (Redirect, error) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == '=' || r == '|' })
	if len(f) != 4 {
		return Redirect{}, &ProtocolError{Reason: fmt.Sprintf("redirect %q: want label=server|host|port", s)}
	}
	return Redirect{Server: f[1], Host: f[2], Service: f[3]}, nil
}
