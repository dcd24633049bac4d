package sqli

import (
	"encoding/binary"
	"fmt"
)

// SQ_FILE (98): the server uses the client's file system, for FILETOBLOB,
// FILETOCLOB and LOTOFILE with 'client' files. The server drives: each of
// its requests ends with SQ_EOT and waits for the client's answer.
// docs/PROTOCOL.md, "Smart large objects", gives the evidence.
//
//	open   S: 98 i16 0 CHAR name i32 mode i32 flags i32 offset EOT   C: EOT
//	read   S: 98 i16 2 i16 bufsize i32 amount (-1: all) EOT
//	       C: 106 i32 total, then (106 i16 n data pad)…, EOT
//	write  S: 98 i16 3 (107 i16 n data pad)… EOT           C: 107 i32 total EOT
//	close  S: 98 i16 1 EOT                                  C: EOT
const (
	TagFile      Tag = 98
	TagFileRead  Tag = 106 // file bytes client to server
	TagFileWrite Tag = 107 // file bytes server to client
)

// SQ_FILE operations.
const (
	FileOpOpen  = 0
	FileOpClose = 1
	FileOpRead  = 2
	FileOpWrite = 3
)

// MaxFileChunk is the most bytes one SQ_FILE_READ or SQ_FILE_WRITE chunk
// carries (its length is an i16).
const MaxFileChunk = 32767

// AppendFileOpen appends the server's request to open a client file.
func AppendFileOpen(b []byte, name []byte, mode, flags, offset int32) []byte {
	b = AppendInt16(b, int16(TagFile))
	b = AppendInt16(b, FileOpOpen)
	b = AppendInt16(b, int16(len(name)))
	b = append(b, name...)
	if len(name)&1 == 1 {
		b = append(b, 0)
	}
	b = AppendInt32(b, mode)
	b = AppendInt32(b, flags)
	b = AppendInt32(b, offset)
	return AppendInt16(b, int16(TagEOT))
}

// AppendFileClose appends the server's request to close the client file.
func AppendFileClose(b []byte) []byte {
	b = AppendInt16(b, int16(TagFile))
	b = AppendInt16(b, FileOpClose)
	return AppendInt16(b, int16(TagEOT))
}

// AppendFileReadRequest appends the server's request for amount bytes
// (-1: the rest of the file) in chunks of at most bufSize.
func AppendFileReadRequest(b []byte, bufSize int16, amount int32) []byte {
	b = AppendInt16(b, int16(TagFile))
	b = AppendInt16(b, FileOpRead)
	b = AppendInt16(b, bufSize)
	b = AppendInt32(b, amount)
	return AppendInt16(b, int16(TagEOT))
}

// AppendFileWriteStart begins the server's write to the client file; the
// chunks (AppendFileChunk with TagFileWrite) and an SQ_EOT follow.
func AppendFileWriteStart(b []byte) []byte {
	b = AppendInt16(b, int16(TagFile))
	return AppendInt16(b, FileOpWrite)
}

// AppendFileChunk appends one chunk of file bytes under tag (TagFileRead
// from the client, TagFileWrite from the server); len(data) must not
// exceed MaxFileChunk.
func AppendFileChunk(b []byte, tag Tag, data []byte) []byte {
	b = AppendInt16(b, int16(tag))
	b = AppendInt16(b, int16(len(data)))
	b = append(b, data...)
	if len(data)&1 == 1 {
		b = append(b, 0)
	}
	return b
}

// AppendFileTotal appends the i32 total that opens the client's read
// answer (TagFileRead) or acknowledges the server's write (TagFileWrite).
func AppendFileTotal(b []byte, tag Tag, total int32) []byte {
	b = AppendInt16(b, int16(tag))
	return AppendInt32(b, total)
}

// DecodeFileTotal reads "tag i32 total" from b, returning the bytes used;
// ErrShortMessage when b is incomplete.
func DecodeFileTotal(b []byte, tag Tag) (total int32, n int, err error) {
	if len(b) < 6 {
		return 0, 0, ErrShortMessage
	}
	if got := Tag(int16(binary.BigEndian.Uint16(b))); got != tag {
		return 0, 0, &ProtocolError{Tag: got, Reason: fmt.Sprintf("expected %v", tag)}
	}
	total = int32(binary.BigEndian.Uint32(b[2:]))
	if total < -1 {
		return 0, 0, &ProtocolError{Tag: tag, Reason: fmt.Sprintf("file size %d", total)}
	}
	return total, 6, nil
}

// DecodeFileChunk reads one chunk under tag, or the SQ_EOT that ends the
// chunks (eot true). data aliases b.
func DecodeFileChunk(b []byte, tag Tag) (data []byte, eot bool, n int, err error) {
	if len(b) < 2 {
		return nil, false, 0, ErrShortMessage
	}
	got := Tag(int16(binary.BigEndian.Uint16(b)))
	if got == TagEOT {
		return nil, true, 2, nil
	}
	if got != tag {
		return nil, false, 0, &ProtocolError{Tag: got, Reason: fmt.Sprintf("expected %v or SQ_EOT", tag)}
	}
	if len(b) < 4 {
		return nil, false, 0, ErrShortMessage
	}
	size := int(int16(binary.BigEndian.Uint16(b[2:])))
	if size < 0 {
		return nil, false, 0, &ProtocolError{Tag: tag, Reason: fmt.Sprintf("chunk length %d", size)}
	}
	end := 4 + size + size&1
	if len(b) < end {
		return nil, false, 0, ErrShortMessage
	}
	return b[4 : 4+size], false, end, nil
}

// DecodeEOT reads a bare SQ_EOT.
func DecodeEOT(b []byte) (int, error) {
	if len(b) < 2 {
		return 0, ErrShortMessage
	}
	if got := Tag(int16(binary.BigEndian.Uint16(b))); got != TagEOT {
		return 0, &ProtocolError{Tag: got, Reason: "expected SQ_EOT"}
	}
	return 2, nil
}
