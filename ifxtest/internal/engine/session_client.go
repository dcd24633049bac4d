package engine

import "strings"

// ClientInfo is what a session learns from the client's connection
// request that changes how its SQL reads.
type ClientInfo struct {
	// ServerName is DBSERVERNAME (and SITENAME); "" means "informix".
	ServerName string
	// DelimIdent is the client's DELIMIDENT environment value: "y" makes
	// double-quoted text a delimited identifier instead of a string.
	DelimIdent string
}

// SetClient applies the client's settings to the session; call it once,
// right after NewSession.
func (s *Session) SetClient(ci ClientInfo) {
	s.serverName = ci.ServerName
	switch strings.ToLower(strings.TrimSpace(ci.DelimIdent)) {
	case "y", "yes", "1", "true", "on":
		s.delimIdent = true
	default:
		s.delimIdent = false
	}
}

// dbServerName is the value of DBSERVERNAME and SITENAME.
func (s *Session) dbServerName() string {
	if s.serverName == "" {
		return "informix"
	}
	return s.serverName
}
