package sqli

import (
	"encoding/binary"
	"fmt"
)

// SQ_LODATA (97) moves a smart large object's bytes through a descriptor
// from ifx_lo_open (docs/PROTOCOL.md, "Smart large objects"). The client's
// request: i16 operation, i16 descriptor, i32 byte count, i16 buffer size
// (IBM's JDBC driver: 32000), and for LO_READWITHSEEK an INT8 offset (10
// bytes) and i16 whence; then SQ_EOT, or for LO_WRITE the data as
// "i16 n, bytes, pad" chunks and SQ_EOT. The server's answer:
// SQ_LODATA, i16 operation, i32 byte count (negative: an error), then for
// a read the bytes in "i16 n, bytes, pad" chunks, then SQ_EOT.
const TagLOData Tag = 97

// SQ_LODATA operations.
const (
	LORead         = 0
	LOReadWithSeek = 1
	LOWrite        = 2
)

// LOChunk is the most bytes one SQ_LODATA chunk carries (an i16 length).
const LOChunk = 32767

// LOData is the client's SQ_LODATA request, without the chunks of a write.
type LOData struct {
	Op      int16
	FD      int16
	Length  int32
	BufSize int16
	Offset  int64 // LOReadWithSeek only
	Whence  int16 // LOReadWithSeek only
}

// Tag implements Message.
func (*LOData) Tag() Tag { return TagLOData }

// Encode implements Message. For LO_WRITE the chunks and SQ_EOT follow
// (AppendLOChunk); for reads the request is whole with the group's SQ_EOT.
func (m *LOData) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, TagLOData)
	dst = AppendInt16(dst, m.Op)
	dst = AppendInt16(dst, m.FD)
	dst = AppendInt32(dst, m.Length)
	dst = AppendInt16(dst, m.BufSize)
	if m.Op == LOReadWithSeek {
		dst = AppendLongInt(dst, m.Offset)
		dst = AppendInt16(dst, m.Whence)
	}
	return dst
}

// Decode implements Message.
func (m *LOData) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagLOData)
	m.Op = d.int16()
	m.FD = d.int16()
	m.Length = d.int32()
	m.BufSize = d.int16()
	m.Offset, m.Whence = 0, 0
	if d.err == nil {
		switch m.Op {
		case LORead, LOWrite:
		case LOReadWithSeek:
			b := d.bytes(10)
			if d.err == nil {
				v, null, err := DecodeLongInt(b)
				if err != nil || null {
					d.fail("LO_READWITHSEEK offset")
				}
				m.Offset = v
			}
			m.Whence = d.int16()
		default:
			d.fail(fmt.Sprintf("operation %d", m.Op))
		}
	}
	if d.err == nil && m.Length < 0 {
		d.fail(fmt.Sprintf("byte count %d", m.Length))
	}
	return d.off, d.err
}

// AppendLOChunk appends one chunk of LO bytes (at most LOChunk).
func AppendLOChunk(b []byte, data []byte) []byte {
	b = AppendInt16(b, int16(len(data)))
	b = append(b, data...)
	return AppendPad(b, len(data))
}

// DecodeLOChunk reads one "i16 n, bytes, pad" chunk, or the SQ_EOT that
// ends a write's chunks (eot true). A chunk of 12 bytes cannot be told
// from SQ_EOT by its first two bytes; the writer's byte count settles it:
// want is the number of bytes still expected, and an i16 12 is SQ_EOT
// only when none are. data aliases b.
func DecodeLOChunk(b []byte, want int64) (data []byte, eot bool, n int, err error) {
	if len(b) < 2 {
		return nil, false, 0, ErrShortMessage
	}
	size := int(int16(binary.BigEndian.Uint16(b)))
	if want == 0 && size == int(TagEOT) {
		return nil, true, 2, nil
	}
	if size < 0 || int64(size) > want {
		return nil, false, 0, &ProtocolError{Tag: TagLOData, Reason: fmt.Sprintf("chunk of %d bytes with %d expected", size, want)}
	}
	end := 2 + size + size&1
	if len(b) < end {
		return nil, false, 0, ErrShortMessage
	}
	return b[2 : 2+size], false, end, nil
}

// DecodeLOChunkHeader reads the i16 length that starts a chunk of a
// read's answer, at most want (the bytes still expected), so that the
// bytes can be read straight into place (Reader.ReadDirect); the data and
// a pad byte after an odd length follow. Unlike DecodeLOChunk it needs
// only the two bytes of the length.
func DecodeLOChunkHeader(b []byte, want int64) (size int, n int, err error) {
	if len(b) < 2 {
		return 0, 0, ErrShortMessage
	}
	size = int(int16(binary.BigEndian.Uint16(b)))
	if size < 0 || int64(size) > want {
		return 0, 0, &ProtocolError{Tag: TagLOData, Reason: fmt.Sprintf("chunk of %d bytes with %d expected", size, want)}
	}
	return size, 2, nil
}

// LODataReply is the server's SQ_LODATA answer header: the operation and
// the byte count (negative: the operation failed).
type LODataReply struct {
	Op     int16
	Length int32
}

// AppendLODataReply appends the answer header; a read's chunks follow.
func AppendLODataReply(b []byte, r LODataReply) []byte {
	b = appendTag(b, TagLOData)
	b = AppendInt16(b, r.Op)
	return AppendInt32(b, r.Length)
}

// DecodeLODataReply reads the answer header after its tag.
func DecodeLODataReply(b []byte) (LODataReply, int, error) {
	if len(b) < 6 {
		return LODataReply{}, 0, ErrShortMessage
	}
	return LODataReply{Op: int16(binary.BigEndian.Uint16(b)), Length: int32(binary.BigEndian.Uint32(b[2:]))}, 6, nil
}
