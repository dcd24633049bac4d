package ifxtype

import (
	"encoding/hex"
	"fmt"
)

// LOKind says whether a smart large object is read as a BLOB (bytes) or
// a CLOB (characters). Its values are IDS's extended type ids.
type LOKind uint8

// Smart large object kinds.
const (
	BLOB LOKind = 10
	CLOB LOKind = 11
)

func (k LOKind) String() string {
	switch k {
	case BLOB:
		return "BLOB"
	case CLOB:
		return "CLOB"
	}
	return fmt.Sprintf("LOKind(%d)", uint8(k))
}

// LocatorSize is the size of a smart large object's locator (IDS's
// ifx_lo_t).
const LocatorSize = 72

// Locator names a smart large object (a BLOB or CLOB value) on the
// server. A BLOB or CLOB column holds one; its bytes are read and
// written through ifx.Conn.OpenLargeObject. The 72 bytes are the
// server's and opaque: they are only ever handed back to it.
type Locator struct {
	Kind LOKind
	Raw  [LocatorSize]byte
}

// String names the kind without the server's bytes.
func (l Locator) String() string { return l.Kind.String() + " locator" }

// ParseLocatorWire reads a locator as a BLOB or CLOB column's value
// carries it: the 72 bytes themselves, or (a server's default text form)
// 144 hex digits. See docs/PROTOCOL.md, "Smart large objects".
func ParseLocatorWire(b []byte, kind LOKind) (Locator, error) {
	l := Locator{Kind: kind}
	switch len(b) {
	case LocatorSize:
		copy(l.Raw[:], b)
	case 2 * LocatorSize:
		if _, err := hex.Decode(l.Raw[:], b); err != nil {
			return Locator{}, fmt.Errorf("ifxtype: %s locator: %w", kind, err)
		}
	default:
		return Locator{}, fmt.Errorf("ifxtype: %s locator of %d bytes, want %d (or %d hex digits)", kind, len(b), LocatorSize, 2*LocatorSize)
	}
	return l, nil
}
