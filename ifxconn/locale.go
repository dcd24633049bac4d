package ifxconn

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Codec converts text between Go strings (UTF-8) and the client locale's
// code set, in which the server sends and expects all character data.
// Conn.Codec returns the connection's.
type Codec struct {
	name string
	cm   *charmap.Charmap // nil for UTF-8
}

var utf8Codec = &Codec{name: "utf8"}

// codecFor returns the codec of an Informix locale name such as
// en_US.8859-1, en_US.819, de_DE.1252 or en_US.utf8.
func codecFor(locale string) (*Codec, error) {
	cs := strings.ToLower(locale)
	if i := strings.LastIndexByte(cs, '.'); i >= 0 {
		cs = cs[i+1:]
	}
	cs = strings.ReplaceAll(cs, "-", "")
	cs = strings.ReplaceAll(cs, "_", "")
	switch cs {
	case "utf8", "57372":
		return utf8Codec, nil
	case "88591", "819", "iso88591", "latin1":
		return &Codec{name: "8859-1", cm: charmap.ISO8859_1}, nil
	case "885915", "923":
		return &Codec{name: "8859-15", cm: charmap.ISO8859_15}, nil
	case "88592", "912":
		return &Codec{name: "8859-2", cm: charmap.ISO8859_2}, nil
	case "1252", "cp1252":
		return &Codec{name: "cp1252", cm: charmap.Windows1252}, nil
	case "1250", "cp1250":
		return &Codec{name: "cp1250", cm: charmap.Windows1250}, nil
	case "1251", "cp1251":
		return &Codec{name: "cp1251", cm: charmap.Windows1251}, nil
	case "88595", "915":
		return &Codec{name: "8859-5", cm: charmap.ISO8859_5}, nil
	}
	return nil, fmt.Errorf("client locale %q: unsupported code set (supported: 8859-1, 8859-2, 8859-5, 8859-15, 1250, 1251, 1252, utf8)", locale)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// Decode returns b as a Go string: one allocation.
func (c *Codec) Decode(b []byte, scratch *[]byte) string {
	if c.cm == nil || isASCII(b) {
		return string(b)
	}
	return string(c.AppendDecoded((*scratch)[:0], b, scratch))
}

// AppendDecoded appends the UTF-8 form of b to dst (the scratch buffer is
// kept for reuse).
func (c *Codec) AppendDecoded(dst, b []byte, scratch *[]byte) []byte {
	if c.cm == nil {
		return append(dst, b...)
	}
	for _, ch := range b {
		if ch < 0x80 {
			dst = append(dst, ch)
			continue
		}
		dst = utf8.AppendRune(dst, c.cm.DecodeByte(ch))
	}
	if scratch != nil {
		*scratch = dst[:0]
	}
	return dst
}

// encodeError reports a character the client code set cannot represent.
type encodeError struct {
	r       rune
	codeSet string
}

func (e *encodeError) Error() string {
	return fmt.Sprintf("ifx: character %q cannot be represented in the client code set %s (set client_locale=en_US.utf8)", e.r, e.codeSet)
}

// AppendEncoded appends s in the client code set.
func (c *Codec) AppendEncoded(dst []byte, s string) ([]byte, error) {
	if c.cm == nil {
		return append(dst, s...), nil
	}
	for i := 0; i < len(s); {
		if s[i] < 0x80 {
			dst = append(dst, s[i])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b, ok := c.cm.EncodeRune(r)
		if !ok || (r == utf8.RuneError && n == 1) {
			return dst, &encodeError{r: r, codeSet: c.name}
		}
		dst = append(dst, b)
		i += n
	}
	return dst, nil
}

// EncodeString returns s in the client code set as a string.
func (c *Codec) EncodeString(s string) (string, error) {
	if c.cm == nil {
		return s, nil
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s, nil
	}
	b, err := c.AppendEncoded(make([]byte, 0, len(s)), s)
	return string(b), err
}
