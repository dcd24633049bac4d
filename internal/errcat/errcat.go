// Package errcat is the driver's one SQLCODE catalog: the message and the
// SQLSTATE for the codes an Informix server reports. The server sends only
// the codes and the near text; the words come from here. ifxtest's engine
// keeps a catalog of its own, because it judges the client independently;
// a test checks that the two agree on every code they share.
package errcat

import (
	"strconv"
	"strings"
)

// Message returns the catalog text for code with near filled in, and the
// hint that names the fix when the catalog has one. A code the catalog
// does not know reads "Informix error <code>".
func Message(code int, near string) string {
	m, ok := messages[code]
	if !ok {
		m = "Informix error " + strconv.Itoa(code)
		if near != "" {
			m += " (" + near + ")"
		}
		return m
	}
	h, hinted := hints[code]
	switch {
	case strings.Contains(m, "%s"):
		m = strings.Replace(m, "%s", near, 1)
	case near != "" && hinted:
		// The locale errors' near text is the locale the server could not
		// load or found in the database: say so, next to the fix.
		m += " (the server reported " + strconv.Quote(near) + ")"
	case near != "" && code != -201:
		m += " (" + near + ")"
	}
	if hinted {
		m += " (" + h + ")"
	}
	return m
}

// Text returns the catalog text of code as the catalog holds it, with
// "%s" where the near text goes.
func Text(code int) (string, bool) {
	m, ok := messages[code]
	return m, ok
}

// ISAMMessage returns the text of an ISAM code.
func ISAMMessage(isam int) (string, bool) {
	m, ok := isamMessages[isam]
	return m, ok
}

// Codes returns the SQLCODEs the catalog has texts for.
func Codes() []int {
	codes := make([]int, 0, len(messages))
	for c := range messages {
		codes = append(codes, c)
	}
	return codes
}

// ISAMCodes returns the ISAM codes the catalog has texts for.
func ISAMCodes() []int {
	codes := make([]int, 0, len(isamMessages))
	for c := range isamMessages {
		codes = append(codes, c)
	}
	return codes
}

// SQLState maps an SQLCODE to the SQLSTATE an application can switch on.
// Informix itself reports most errors as class IX000; the standard
// classes are used where one clearly applies.
func SQLState(code, isam int) string {
	switch code {
	case 100:
		return "02000"
	case -201, -202, -282:
		return "42000"
	case -206:
		return "42S02"
	case -217:
		return "42S22"
	case -310:
		return "42S01"
	case -239, -268, -371, -391, -292, -703, -525, -530, -691, -692:
		return "23000"
	case -255, -256, -535:
		return "25000"
	case -213:
		return "57014"
	case -951, -952, -387:
		return "28000"
	case -908, -930, -25580, -25582, -1803:
		return "08001"
	case -1213, -1214, -1215, -1226:
		return "22018"
	}
	if isam == -143 || isam == -154 {
		return "40001"
	}
	return "IX000"
}
