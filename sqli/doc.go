// Package sqli implements the Informix SQLI wire protocol, for clients and
// servers alike.
//
// SQLI has two framing regimes. The association phase exchanges exactly one
// packet in each direction: a 6-byte session-layer header followed by an
// "ASC binary" body (see ConnRequest and ConnResponse). Everything after it
// is an untyped stream of big-endian 16-bit message tags, each followed by a
// payload whose layout only the tag and the negotiated protocol features
// determine: there is no per-message length. A request group is a series of
// messages ended by SQ_EOT; the peer answers with a group ended by SQ_EOT.
//
// Every message is one Go type. Encode appends the message, tag included, to
// a caller's buffer; Decode reads the payload that follows the tag and
// returns how many bytes it consumed, or ErrShortMessage when the bytes end
// before the message does. Decoded byte slices alias the input and are valid
// only until the input buffer is reused. Reader turns a byte stream into
// messages and copes with short reads.
//
// The layouts follow docs/PROTOCOL.md; comments marked "open question" mark
// choices the public evidence does not settle yet.
package sqli
