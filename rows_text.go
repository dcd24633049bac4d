package ifx

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"

	"github.com/ifxgo/ifx/ifxtype"
)

// textArena gives Scan's short strings their bytes many at a time: a
// value is decoded into the free end of the current block and the string
// points there. A block's bytes below its length are never written again,
// so the strings stay immutable. Keeping one string keeps its block
// (at most textBlockMax bytes) alive, as Go's allocator keeps a whole
// 16-byte block for a tiny string; a value longer than textArenaMax gets
// an allocation of its own. Blocks start small and double, so a QueryRow
// with one string pays for one small block, and a long result one block
// per ~textBlockMax bytes of text instead of one allocation per value.
type textArena struct {
	buf  []byte
	next int // the size of the next block
}

const (
	textArenaMax  = 64   // longer values are allocated on their own
	textBlockMin  = 32   // the first block of a Rows
	textBlockMax  = 1024 // blocks stop doubling here
	textExpansion = utf8.UTFMax
)

// text returns the UTF-8 form of v, character data in the client code
// set, as dec would (ColumnDecoder.DecodeText).
func (a *textArena) text(dec *ifxtype.ColumnDecoder, v []byte) string {
	if n := len(v); n >= 4 && n <= 16 && cap(a.buf)-len(a.buf) >= n*textExpansion {
		// The common short value with room in the block: two
		// overlapping words (of 8 bytes, or of 4 below 8) copy it and
		// tell ASCII, with no call to memmove and none of textSlow's
		// spills. Bytes from len(a.buf) on are free to write.
		start := len(a.buf)
		b := a.buf[start : start+n]
		var or uint64
		if n >= 8 {
			w1, w2 := binary.LittleEndian.Uint64(v), binary.LittleEndian.Uint64(v[n-8:])
			binary.LittleEndian.PutUint64(b, w1)
			binary.LittleEndian.PutUint64(b[n-8:], w2)
			or = w1 | w2
		} else {
			w1, w2 := binary.LittleEndian.Uint32(v), binary.LittleEndian.Uint32(v[n-4:])
			binary.LittleEndian.PutUint32(b, w1)
			binary.LittleEndian.PutUint32(b[n-4:], w2)
			or = uint64(w1 | w2)
		}
		if or&0x8080808080808080 == 0 {
			a.buf = a.buf[:start+n]
			return unsafe.String(&b[0], n)
		}
	}
	return a.textSlow(dec, v)
}

// textSlow is text for any value: empty, short, long, not ASCII, or
// needing a new block.
func (a *textArena) textSlow(dec *ifxtype.ColumnDecoder, v []byte) string {
	if len(v) == 0 {
		return ""
	}
	if len(v) > textArenaMax {
		return dec.DecodeText(v)
	}
	// A byte of the client code set decodes to at most UTFMax bytes:
	// with that much room the append below does not reallocate (which
	// would stay correct, as nothing below len(a.buf) is rewritten, but
	// would copy the block for nothing).
	need := len(v) * textExpansion
	if cap(a.buf)-len(a.buf) < need {
		size := max(a.next, textBlockMin)
		a.next = min(2*size, textBlockMax)
		a.buf = make([]byte, 0, max(size, need))
	}
	start := len(a.buf)
	// ASCII is the same in every client code set: copied as it is, with
	// no call through the codec.
	b := a.buf[start : start+len(v)]
	copy(b, v)
	if isASCII(b) {
		a.buf = a.buf[:start+len(v)]
		return unsafe.String(&b[0], len(b))
	}
	a.buf = dec.Codec.AppendDecoded(a.buf, v, nil)
	b = a.buf[start:]
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// isASCII reports whether b holds only ASCII bytes: the OR of its bytes,
// eight at a time (the last word overlapping the one before it), tells
// without a branch per byte.
func isASCII(b []byte) bool {
	var or uint64
	switch n := len(b); {
	case n >= 8:
		for i := 0; i < n-8; i += 8 {
			or |= binary.LittleEndian.Uint64(b[i:])
		}
		or |= binary.LittleEndian.Uint64(b[n-8:])
	case n >= 4:
		or = uint64(binary.LittleEndian.Uint32(b) | binary.LittleEndian.Uint32(b[n-4:]))
	default:
		for _, ch := range b {
			or |= uint64(ch)
		}
	}
	return or&0x8080808080808080 == 0
}
