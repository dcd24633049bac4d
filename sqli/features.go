package sqli

// Features is an SQ_PROTOCOLS feature bitmap. Feature n lives in byte n/8
// under mask 0x80>>(n%8). The server's reply decides the layouts that later
// messages use.
type Features struct {
	bits [16]byte
	n    uint8 // bytes significant on the wire
}

// Features whose negotiation changes message layouts or session flow.
const (
	FeaturePAM         = 44 // server wants PAM challenge/response after SQ_PROTOCOLS
	FeatureBigInt      = 54 // SQ_INSERTDONE carries an extra 8-byte BIGSERIAL
	FeatureSavepoints  = 56
	FeaturePrivateAuth = 59 // private-server authentication
	FeatureBatching    = 61
	FeatureRemove64K   = 62 // SQL text lengths and SQ_ERR offsets become i32
	FeatureExtDescribe = 63 // SQ_DESCRIBE name-table length becomes i32
	FeatureLargeTuple  = 69 // SQ_DESCRIBE tuple size becomes i32
	FeatureLongRowID   = 70 // SQ_DONE rows and row id become i64
)

// JDBCOffer is the 9-byte feature offer IBM's JDBC driver 15 sends; it is
// the offer this package's clients make.
var JDBCOffer = []byte{0xff, 0xfc, 0x7f, 0xfc, 0x3c, 0x8c, 0xaa, 0x97, 0x06}

// IDS15Mask is the SQ_PROTOCOLS reply of a live Informix 15.0.1.0.3 server
// (recorded in informix-driver's _capabilities.py; 14.10 and 12.10 differ
// only in the ninth byte). It has no PAM (44) and no private-server (59)
// bit: echoing JDBC's offer instead makes JDBC start PAM.
var IDS15Mask = []byte{0xbd, 0xbe, 0x9f, 0xfe, 0x7f, 0xb7, 0xff, 0xef, 0xff}

// IDS1410Mask is the SQ_PROTOCOLS reply of Informix 14.10.FC7W1 and
// IDS1210Mask that of 12.10.FC12W1DE (informix-driver's _capabilities.py):
// the first eight bytes are IDS 15's, the ninth leaves 69 and 70 off (and
// 71; 12.10 also 68), so JDBC gets the narrow layouts from them.
var (
	IDS1410Mask = []byte{0xbd, 0xbe, 0x9f, 0xfe, 0x7f, 0xb7, 0xff, 0xef, 0xf8}
	IDS1210Mask = []byte{0xbd, 0xbe, 0x9f, 0xfe, 0x7f, 0xb7, 0xff, 0xef, 0xf0}
)

// NewFeatures returns the bitmap held in b (at most 16 bytes are kept).
func NewFeatures(b []byte) Features {
	var f Features
	f.n = uint8(copy(f.bits[:], b))
	return f
}

// Negotiate returns the features in force after the client offered offer
// and the server replied with reply: those both sides set. informix-driver
// offers 8 bytes and is answered with 32-bit SQ_DONE counts, JDBC offers a
// ninth byte (69, 70) and gets the wide layouts.
func Negotiate(offer, reply []byte) Features {
	return NewFeatures(offer).Intersect(NewFeatures(reply))
}

// ModernFeatures is the feature set of a JDBC 15 session with Informix 15:
// 54, 62, 63, 69 and 70 among them.
func ModernFeatures() Features { return Negotiate(JDBCOffer, IDS15Mask) }

// Has reports whether feature n is set.
func (f Features) Has(n int) bool {
	if n < 0 || n/8 >= int(f.n) {
		return false
	}
	return f.bits[n/8]&(0x80>>(n%8)) != 0
}

// Set turns feature n on, extending the bitmap as needed.
func (f *Features) Set(n int) {
	if n < 0 || n/8 >= len(f.bits) {
		return
	}
	f.bits[n/8] |= 0x80 >> (n % 8)
	if int(f.n) <= n/8 {
		f.n = uint8(n/8 + 1)
	}
}

// Clear turns feature n off.
func (f *Features) Clear(n int) {
	if n >= 0 && n/8 < len(f.bits) {
		f.bits[n/8] &^= 0x80 >> (n % 8)
	}
}

// Intersect returns the features present in both f and g; its wire length
// is the shorter of the two.
func (f Features) Intersect(g Features) Features {
	var r Features
	r.n = min(f.n, g.n)
	for i := range r.n {
		r.bits[i] = f.bits[i] & g.bits[i]
	}
	return r
}

// Bytes returns the bitmap as sent on the wire.
func (f Features) Bytes() []byte { return f.bits[:f.n] }

// LongSQLText reports feature 62: i32 SQL text lengths and SQ_ERR offsets.
func (f Features) LongSQLText() bool { return f.Has(FeatureRemove64K) }

// LongNameTable reports feature 63: i32 SQ_DESCRIBE name-table length.
// Open question (docs/PROTOCOL.md, note N9): libsqli keys this on 63, JDBC-15
// traces only show it with every modern feature on; both agree there.
func (f Features) LongNameTable() bool { return f.Has(FeatureExtDescribe) }

// LargeTuple reports feature 69: i32 SQ_DESCRIBE tuple size.
func (f Features) LargeTuple() bool { return f.Has(FeatureLargeTuple) }

// LongRowID reports feature 70: i64 SQ_DONE rows processed and row id.
func (f Features) LongRowID() bool { return f.Has(FeatureLongRowID) }

// BigSerial reports feature 54: SQ_INSERTDONE carries a BIGSERIAL value.
func (f Features) BigSerial() bool { return f.Has(FeatureBigInt) }
