package ifxtest

import (
	"encoding/hex"
	"fmt"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// BLOB and CLOB columns (docs/PROTOCOL.md, "Smart large objects"): DESCRIBE
// gives type 41 with extended id 10 or 11 and encoded length 72; a tuple
// carries the 72-byte locator as an opaque value whose bytes are the
// locator in hex, 144 characters (informix-driver, measured on IDS 15).

func isLocatorColumn(xid int32) bool { return xid == engine.XIDBlob || xid == engine.XIDClob }

// locatorHexLen is the length of a locator in a tuple.
const locatorHexLen = 2 * engine.LocatorLen

func appendLocator(b []byte, v engine.Value) ([]byte, error) {
	loc, ok := v.([]byte)
	if !ok || len(loc) != engine.LocatorLen {
		return b, fmt.Errorf("a BLOB/CLOB column holds %T", v)
	}
	b = append(b, 0)
	b = sqli.AppendInt32(b, locatorHexLen)
	return hex.AppendEncode(b, loc), nil
}

// setLocatorRetTypes notes the BLOB/CLOB columns SQ_RET_TYPE asked for as
// type 44 (SENDRECV) named informix.blob/clob, as IBM's JDBC driver does:
// those get the locator's own 72 bytes, as a BOOLEAN asked for as type 45
// gets its binary byte instead of its text (CHOICE inferred from JDBC's
// request: no capture shows IDS's answer).
func (st *stmt) setLocatorRetTypes(m *sqli.RetType) {
	st.loBinary = st.loBinary[:0]
	for _, col := range m.Columns {
		st.loBinary = append(st.loBinary, col.Type.Base() == sqli.TypeSendRecv)
	}
}

func appendLocatorBinary(b []byte, v engine.Value) ([]byte, error) {
	if v == nil {
		return append(b, 1, 0, 0, 0, 0), nil
	}
	loc, ok := v.([]byte)
	if !ok || len(loc) != engine.LocatorLen {
		return b, fmt.Errorf("a BLOB/CLOB column holds %T", v)
	}
	b = append(b, 0)
	b = sqli.AppendInt32(b, engine.LocatorLen)
	return append(b, loc...), nil
}
