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

// String returns the SQ_ASCDBLIST text: "server|host|port".
func (r Redirect) String() string {
	return r.Server + "|" + r.Host + "|" + r.Service
}

// ParseRedirect reads an SQ_ASCDBLIST text as IBM's JDBC does: three
// tokens split on any of ':', '=' and '|', the server name, the host and
// the port or service ("srv_b|host|9088", "srv_b=host|9088"); JDBC
// refuses any other number of tokens (docs/PROTOCOL.md "Redirects").
func ParseRedirect(s string) (Redirect, error) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == '=' || r == '|' })
	if len(f) != 3 {
		return Redirect{}, &ProtocolError{Reason: fmt.Sprintf("redirect %q: want server|host|port", s)}
	}
	return Redirect{Server: f[0], Host: f[1], Service: f[2]}, nil
}
