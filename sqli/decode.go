package sqli

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrShortMessage reports that the input ended before the message did. A
// stream reader answers it by reading more bytes and decoding again.
var ErrShortMessage = errors.New("sqli: message incomplete")

// ErrMessageTooLarge reports a length field beyond the configured maximum.
// Lengths are checked before anything is allocated for them.
var ErrMessageTooLarge = errors.New("sqli: message exceeds maximum size")

// ProtocolError reports bytes that do not form a valid message: the stream
// can no longer be trusted and the connection must be closed.
type ProtocolError struct {
	Tag    Tag    // message being decoded, 0 in the association phase
	Offset int    // offset within the message payload
	Reason string // what was wrong
	Err    error  // a sentinel such as ErrUnknownTag, or nil
}

// Unwrap returns the sentinel the error carries, if any.
func (e *ProtocolError) Unwrap() error { return e.Err }

func (e *ProtocolError) Error() string {
	if e.Tag == 0 {
		return fmt.Sprintf("sqli: protocol error at byte %d: %s", e.Offset, e.Reason)
	}
	return fmt.Sprintf("sqli: protocol error in %v at byte %d: %s", e.Tag, e.Offset, e.Reason)
}

// ErrUnknownTag reports a message tag the reader has no decoder for. The
// message's length is unknown, so the rest of its request group cannot be
// read; the stream before it was fine. errors.Is finds it in a
// ProtocolError.
var ErrUnknownTag = errors.New("sqli: unknown message tag")

// DefaultMaxMessageSize bounds any single length read from the wire unless
// a Reader is configured otherwise.
const DefaultMaxMessageSize = 64 << 20

// decoder reads big-endian fields from a byte slice, remembering the first
// error so that message decoders can read every field and check once.
type decoder struct {
	b   []byte
	off int
	err error
	tag Tag
	max int // largest variable-length item accepted
}

func newDecoder(b []byte, tag Tag) decoder {
	return decoder{b: b, tag: tag, max: DefaultMaxMessageSize}
}

func (d *decoder) need(n int) bool {
	if d.err != nil {
		return false
	}
	if n < 0 {
		d.fail("negative length")
		return false
	}
	if len(d.b)-d.off < n {
		d.err = ErrShortMessage
		return false
	}
	return true
}

func (d *decoder) fail(reason string) {
	if d.err == nil {
		d.err = &ProtocolError{Tag: d.tag, Offset: d.off, Reason: reason}
	}
}

func (d *decoder) int16() int16 {
	if !d.need(2) {
		return 0
	}
	v := int16(binary.BigEndian.Uint16(d.b[d.off:]))
	d.off += 2
	return v
}

func (d *decoder) int32() int32 {
	if !d.need(4) {
		return 0
	}
	v := int32(binary.BigEndian.Uint32(d.b[d.off:]))
	d.off += 4
	return v
}

func (d *decoder) int64() int64 {
	if !d.need(8) {
		return 0
	}
	v := int64(binary.BigEndian.Uint64(d.b[d.off:]))
	d.off += 8
	return v
}

// bytes returns n bytes aliasing the input.
func (d *decoder) bytes(n int) []byte {
	if n > d.max {
		if d.err == nil || d.err == ErrShortMessage {
			d.err = fmt.Errorf("%w: %d-byte item in %v", ErrMessageTooLarge, n, d.tag)
		}
		return nil
	}
	if !d.need(n) {
		return nil
	}
	v := d.b[d.off : d.off+n : d.off+n]
	d.off += n
	return v
}

func (d *decoder) pad(n int) {
	if n&1 != 0 {
		d.bytes(1)
	}
}

// charBytes reads a CHAR string (i16 length, bytes, pad) without copying.
func (d *decoder) charBytes() []byte {
	n := int(d.int16())
	if d.err == nil && n < 0 {
		d.fail("negative string length")
		return nil
	}
	b := d.bytes(n)
	d.pad(n)
	return b
}

func (d *decoder) char() string { return string(d.charBytes()) }

// cString ends b at its first NUL. Where IDS holds a string as a C string
// (login fields and environment values, database, cursor and type names,
// SQL text), a NUL inside the declared length ends the string: nmap counts
// the NUL that ends its SQL text, and retries a login with the server name
// it read back (NUL included) plus a NUL of its own, and IDS takes both.
// Every decoder of such a field goes through here (docs/PROTOCOL.md,
// "C strings").
func cString(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// cstr reads a CHAR string that IDS holds as a C string.
func (d *decoder) cstr() string { return string(cString(d.charBytes())) }

// sqlText reads SQL text with an i32 length under feature 62, else i16.
func (d *decoder) sqlText(f Features) string {
	var n int
	if f.LongSQLText() {
		n = int(d.int32())
	} else {
		n = int(d.int16())
	}
	if d.err == nil && n < 0 {
		d.fail("negative SQL text length")
		return ""
	}
	b := d.bytes(n)
	d.pad(n)
	return string(cString(b))
}

// ascString reads an association-phase string: its length counts a NUL,
// which (like any NUL inside the length) ends it.
func (d *decoder) ascString() string {
	n := int(uint16(d.int16()))
	return string(cString(d.bytes(n)))
}

// fixed reads an n-byte NUL-filled field.
func (d *decoder) fixed(n int) string { return string(cString(d.bytes(n))) }

// expect16 reads an i16 that must equal want.
func (d *decoder) expect16(want int16, what string) {
	if v := d.int16(); d.err == nil && v != want {
		d.fail(fmt.Sprintf("%s: got %d, want %d", what, v, want))
	}
}

// DecodeLongInt decodes the 10-byte INT8 form. null reports sign 0.
func DecodeLongInt(b []byte) (v int64, null bool, err error) {
	if len(b) < 10 {
		return 0, false, ErrShortMessage
	}
	sign := int16(binary.BigEndian.Uint16(b))
	mag := uint64(binary.BigEndian.Uint32(b[2:])) | uint64(binary.BigEndian.Uint32(b[6:]))<<32
	switch sign {
	case 0:
		return 0, true, nil
	case 1:
		if mag > 1<<63-1 {
			return 0, false, &ProtocolError{Reason: "INT8 magnitude overflows int64"}
		}
		return int64(mag), false, nil
	case -1:
		if mag > 1<<63 {
			return 0, false, &ProtocolError{Reason: "INT8 magnitude overflows int64"}
		}
		return -int64(mag), false, nil
	}
	return 0, false, &ProtocolError{Reason: fmt.Sprintf("INT8 sign word %d", sign)}
}
