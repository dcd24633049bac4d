package sqli

import (
	"encoding/binary"
	"fmt"
)

// BYTE and TEXT values (simple large objects) never travel inside a tuple
// or a bind value: both carry a descriptor (IBM's tblob_t), and the bytes
// follow in SQ_BLOB chunks. docs/PROTOCOL.md, "BYTE and TEXT", gives the
// evidence for the layouts below.

// Blob descriptor sizes: 56 bytes, 68 once feature 70 (long row ids) is
// negotiated, where IBM's JDBC driver sends 68 in SQ_BIND and
// SQ_FETCHBLOB.
const (
	BlobDescriptorSize     = 56
	LongBlobDescriptorSize = 68
)

// BlobDescriptorLen returns the descriptor size clients send with
// features f.
func BlobDescriptorLen(f Features) int {
	if f.LongRowID() {
		return LongBlobDescriptorSize
	}
	return BlobDescriptorSize
}

// Offsets in a blob descriptor.
const (
	blobOffFD     = 0  // i16 tb_fd
	blobOffSpace  = 4  // i32 tb_tblspace
	blobOffStart  = 8  // i32 tb_start
	blobOffEnd    = 12 // i32 tb_end
	blobOffSize   = 16 // i32 tb_size
	blobOffAddr   = 20 // i32 tb_addr
	blobOffFlags  = 38 // i16 tb_flags
	blobOffSize68 = 32 // the size in the 68-byte form (JDBC's writes)
)

// BlobNullFlag is tb_flags' NULL bit (BLOBISNULL).
const BlobNullFlag = 0x0001

// BlobDescriptor holds the fields of a descriptor that clients read or
// write. Start and End locate the value: IBM's JDBC driver reads its
// length as End-Start+1 and ignores Size. FD, Space and Addr are the
// server's own (ifxtest keeps its statement, cursor and value there);
// clients send a descriptor back unchanged.
type BlobDescriptor struct {
	FD         int16
	Space      int32
	Start, End int32
	Size       int32
	Addr       int32
	Flags      int16
}

// Null reports tb_flags' NULL bit.
func (d BlobDescriptor) Null() bool { return d.Flags&BlobNullFlag != 0 }

// Append appends the descriptor in n bytes (BlobDescriptorSize or
// LongBlobDescriptorSize); the 68-byte form repeats Size where JDBC puts
// it.
func (d BlobDescriptor) Append(dst []byte, n int) []byte {
	start := len(dst)
	dst = append(dst, make([]byte, n)...)
	b := dst[start:]
	binary.BigEndian.PutUint16(b[blobOffFD:], uint16(d.FD))
	binary.BigEndian.PutUint32(b[blobOffSpace:], uint32(d.Space))
	binary.BigEndian.PutUint32(b[blobOffStart:], uint32(d.Start))
	binary.BigEndian.PutUint32(b[blobOffEnd:], uint32(d.End))
	binary.BigEndian.PutUint32(b[blobOffSize:], uint32(d.Size))
	binary.BigEndian.PutUint32(b[blobOffAddr:], uint32(d.Addr))
	binary.BigEndian.PutUint16(b[blobOffFlags:], uint16(d.Flags))
	if n >= LongBlobDescriptorSize {
		binary.BigEndian.PutUint32(b[blobOffSize68:], uint32(d.Size))
	}
	return dst
}

// ParseBlobDescriptor reads a descriptor of 56 or more bytes.
func ParseBlobDescriptor(b []byte) (BlobDescriptor, error) {
	if len(b) < BlobDescriptorSize {
		return BlobDescriptor{}, fmt.Errorf("sqli: blob descriptor of %d bytes", len(b))
	}
	return BlobDescriptor{
		FD:    int16(binary.BigEndian.Uint16(b[blobOffFD:])),
		Space: int32(binary.BigEndian.Uint32(b[blobOffSpace:])),
		Start: int32(binary.BigEndian.Uint32(b[blobOffStart:])),
		End:   int32(binary.BigEndian.Uint32(b[blobOffEnd:])),
		Size:  int32(binary.BigEndian.Uint32(b[blobOffSize:])),
		Addr:  int32(binary.BigEndian.Uint32(b[blobOffAddr:])),
		Flags: int16(binary.BigEndian.Uint16(b[blobOffFlags:])),
	}, nil
}

// AppendBindBlobDescriptor appends the descriptor of a BYTE or TEXT
// parameter of size bytes as IBM's JDBC driver sends it: zero but for
// the size, at 16 (56 bytes) or at 32 (68 bytes, feature 70).
func AppendBindBlobDescriptor(dst []byte, size int32, f Features) []byte {
	n := BlobDescriptorLen(f)
	start := len(dst)
	dst = append(dst, make([]byte, n)...)
	at := blobOffSize
	if n == LongBlobDescriptorSize {
		at = blobOffSize68
	}
	binary.BigEndian.PutUint32(dst[start+at:], uint32(size))
	return dst
}

// FetchBlob (SQ_FETCHBLOB) asks for the contents of a BYTE or TEXT value
// of the open cursor, sending back the descriptor its tuple held. The
// server answers with SQ_BLOB chunks, an empty SQ_BLOB, and SQ_EOT.
type FetchBlob struct {
	Descriptor []byte // BlobDescriptorLen bytes; Decode aliases the input
}

// Tag implements Message.
func (*FetchBlob) Tag() Tag { return TagFetchBlob }

// Encode implements Message.
func (m *FetchBlob) Encode(dst []byte, _ Features) []byte {
	dst = appendTag(dst, TagFetchBlob)
	dst = append(dst, m.Descriptor...)
	return AppendPad(dst, len(m.Descriptor))
}

// Decode implements Message.
func (m *FetchBlob) Decode(src []byte, f Features) (int, error) {
	d := newDecoder(src, TagFetchBlob)
	n := BlobDescriptorLen(f)
	m.Descriptor = d.bytes(n)
	d.pad(n)
	return d.off, d.err
}

// MaxBlobChunk is the most bytes one SQ_BLOB carries: its length is a
// signed 16-bit count.
const MaxBlobChunk = 32767

// Blob (SQ_BLOB) is one chunk of a BYTE or TEXT value, in either
// direction; an empty chunk ends the value.
type Blob struct {
	Data []byte // Decode aliases the input
}

// Tag implements Message.
func (*Blob) Tag() Tag { return TagBlob }

// Encode implements Message. Data must not exceed MaxBlobChunk.
func (m *Blob) Encode(dst []byte, _ Features) []byte {
	dst = AppendInt16(appendTag(dst, TagBlob), int16(len(m.Data)))
	dst = append(dst, m.Data...)
	return AppendPad(dst, len(m.Data))
}

// Decode implements Message.
func (m *Blob) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagBlob)
	n := int(d.int16())
	if d.err == nil && n < 0 {
		d.fail(fmt.Sprintf("chunk of %d bytes", n))
	}
	m.Data = d.bytes(n)
	d.pad(n)
	return d.off, d.err
}

// BBind (SQ_BBIND) follows an SQ_BIND with BYTE or TEXT parameters: Count
// values follow as SQ_BLOB chunk streams, each ended by an empty SQ_BLOB,
// in parameter order (NULLs have none and are not counted).
type BBind struct {
	Count int16
}

// Tag implements Message.
func (*BBind) Tag() Tag { return TagBBind }

// Encode implements Message.
func (m *BBind) Encode(dst []byte, _ Features) []byte {
	return AppendInt16(appendTag(dst, TagBBind), m.Count)
}

// Decode implements Message.
func (m *BBind) Decode(src []byte, _ Features) (int, error) {
	d := newDecoder(src, TagBBind)
	m.Count = d.int16()
	if d.err == nil && m.Count < 0 {
		d.fail(fmt.Sprintf("%d blobs", m.Count))
	}
	return d.off, d.err
}

// AppendBlobStream appends data as SQ_BLOB chunks of at most chunk bytes
// and the empty SQ_BLOB that ends it.
func AppendBlobStream(dst []byte, data []byte, chunk int) []byte {
	chunk = min(max(chunk, 1), MaxBlobChunk)
	for len(data) > 0 {
		n := min(len(data), chunk)
		dst = (&Blob{Data: data[:n]}).Encode(dst, Features{})
		data = data[n:]
	}
	return (&Blob{}).Encode(dst, Features{})
}
