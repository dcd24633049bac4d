package ifxtest

import (
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// charset converts between the client's code set (CLIENT_LOCALE) and the
// UTF-8 the engine stores.
type charset interface {
	decodeString(s string) string
	encodeString(s string) string
}

// charsetFor picks the code set named by a locale such as en_US.8859-1,
// en_US.819 or en_US.utf8. Informix's default locale is en_US.8859-1.
func charsetFor(locale string, given bool) charset {
	if !given || locale == "" {
		return latin1Charset{}
	}
	l := strings.ToLower(locale)
	switch {
	case strings.Contains(l, "utf8"), strings.Contains(l, "utf-8"), strings.HasSuffix(l, ".57372"):
		return utf8Charset{}
	case strings.Contains(l, "8859-1"), strings.HasSuffix(l, ".819"), strings.Contains(l, "1252"):
		return latin1Charset{}
	}
	return latin1Charset{}
}

type utf8Charset struct{}

func (utf8Charset) decodeString(s string) string { return s }
func (utf8Charset) encodeString(s string) string { return s }

type latin1Charset struct{}

var (
	latin1Decoder = charmap.ISO8859_1.NewDecoder()
	latin1Encoder = encoding.ReplaceUnsupported(charmap.ISO8859_1.NewEncoder())
)

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func (latin1Charset) decodeString(s string) string {
	if isASCII(s) {
		return s
	}
	out, err := latin1Decoder.String(s)
	if err != nil {
		return s
	}
	return out
}

func (latin1Charset) encodeString(s string) string {
	if isASCII(s) {
		return s
	}
	out, err := latin1Encoder.String(s)
	if err != nil {
		return s
	}
	return out
}
