package sqli

import "encoding/binary"

// Generated keys (JDBC's Statement.RETURN_GENERATED_KEYS). The names are
// the ones IBM JDBC's own SQLI trace prints; the layouts are what it
// accepts (docs/PROTOCOL.md, "Generated keys").
const (
	TagSGKPrepare  Tag = 134 // client: after SQ_PREPARE/SQ_COMMAND, asks for the keys
	TagSGKDescribe Tag = 135 // server: the key columns, laid out as SQ_DESCRIBE
	TagSGKTuple    Tag = 136 // server: the key values, laid out as SQ_TUPLE
)

// SGKPrepare (SQ_SGKPREPARE) follows SQ_PREPARE or SQ_COMMAND in the same
// group when the statement was prepared with RETURN_GENERATED_KEYS; JDBC
// sends Flag 1 ("returnGeneratedKey").
type SGKPrepare struct {
	Flag int16
}

// Tag implements Message.
func (*SGKPrepare) Tag() Tag { return TagSGKPrepare }

// Encode implements Message.
func (m *SGKPrepare) Encode(dst []byte, _ Features) []byte {
	return AppendInt16(appendTag(dst, TagSGKPrepare), m.Flag)
}

// Decode implements Message.
func (m *SGKPrepare) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagSGKPrepare)
	m.Flag = d.int16()
	return d.off, d.err
}

// SGKDescribe (SQ_SGKDESCRIBE) describes the generated-key columns of an
// INSERT; its body is an SQ_DESCRIBE's.
type SGKDescribe struct {
	Describe
}

// Tag implements Message.
func (*SGKDescribe) Tag() Tag { return TagSGKDescribe }

// Encode implements Message.
func (m *SGKDescribe) Encode(dst []byte, f Features) []byte {
	start := len(dst)
	dst = m.Describe.Encode(dst, f)
	binary.BigEndian.PutUint16(dst[start:], uint16(TagSGKDescribe))
	return dst
}

// SGKTuple (SQ_SGKTUPLE) carries one row of generated keys; its body is
// an SQ_TUPLE's.
type SGKTuple struct {
	Tuple
}

// Tag implements Message.
func (*SGKTuple) Tag() Tag { return TagSGKTuple }

// Encode implements Message.
func (m *SGKTuple) Encode(dst []byte, f Features) []byte {
	start := len(dst)
	dst = m.Tuple.Encode(dst, f)
	binary.BigEndian.PutUint16(dst[start:], uint16(TagSGKTuple))
	return dst
}
