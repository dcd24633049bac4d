package ifxtest

import (
	"fmt"
	"strings"

	"github.com/ifxgo/ifx/sqli"
)

// persona is an IDS release the server presents (Config.Version).
type persona struct {
	release string // "15.0", "14.10", "12.10"
	version string // the version text sent at login and by DBINFO('version')
	mask    []byte // the SQ_PROTOCOLS reply
}

// personas are the releases whose live SQ_PROTOCOLS replies and version
// texts informix-driver recorded (_capabilities.py); the first is the
// default.
var personas = []persona{
	{"15.0", "IBM Informix Dynamic Server Version 15.0.1.0.3", sqli.IDS15Mask},
	{"14.10", "IBM Informix Dynamic Server Version 14.10.FC7W1", sqli.IDS1410Mask},
	{"12.10", "IBM Informix Dynamic Server Version 12.10.FC12W1DE", sqli.IDS1210Mask},
}

// Personas returns the releases Config.Version accepts, the default first.
func Personas() []string {
	out := make([]string, len(personas))
	for i, p := range personas {
		out[i] = p.release
	}
	return out
}

// personaFor resolves Config.Version: a release, a full version text, or
// "" for the default.
func personaFor(v string) (persona, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return personas[0], nil
	}
	for _, p := range personas {
		if v == p.release || v == strings.TrimSuffix(p.release, ".0") {
			return p, nil
		}
	}
	if i := strings.LastIndex(v, " Version "); i >= 0 {
		rel := v[i+len(" Version "):]
		p := personas[0]
		for _, q := range personas[1:] {
			if strings.HasPrefix(rel, q.release+".") {
				p = q
			}
		}
		p.version = v
		return p, nil
	}
	return persona{}, fmt.Errorf("ifxtest: Version %q: want one of %s, or a full version text", v, strings.Join(Personas(), ", "))
}
