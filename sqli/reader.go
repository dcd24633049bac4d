package sqli

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Reader decodes SQLI messages from a byte stream. Because the
// post-association stream has no framing, it decodes each message from
// the bytes it has buffered and reads more whenever a decoder reports
// ErrShortMessage. A message returned by Reader, and any byte slice in it,
// is valid only until the next call on the Reader: messages are reused to
// keep the read path free of allocations.
type Reader struct {
	src      io.Reader
	buf      []byte
	r, w     int
	max      int
	size     int // the buffer size to return to after a huge message
	minPkt   int // smallest association packet ReadPacket accepts
	features Features
	be       backendSet
	fe       frontendSet
}

const initialReadBuffer = 8 << 10

// NewReader returns a Reader on src with DefaultMaxMessageSize and an
// 8 KiB buffer.
func NewReader(src io.Reader) *Reader { return NewReaderSize(src, initialReadBuffer) }

// NewReaderSize is NewReader with a buffer of size bytes (at least 8 KiB):
// a client that fetches n-byte batches reads each in one system call with
// a buffer somewhat larger than n.
func NewReaderSize(src io.Reader, size int) *Reader {
	size = max(size, initialReadBuffer)
	return &Reader{src: src, buf: make([]byte, size), max: DefaultMaxMessageSize, size: size}
}

// SetMaxMessageSize bounds the bytes one message may occupy; a longer one
// fails with ErrMessageTooLarge before its bytes are buffered.
func (r *Reader) SetMaxMessageSize(n int) { r.max = n }

// SetFeatures sets the negotiated features that decide message layouts.
func (r *Reader) SetFeatures(f Features) { r.features = f }

// Features returns the features set with SetFeatures.
func (r *Reader) Features() Features { return r.features }

// SetMinPacketSize makes ReadPacket refuse a packet whose length field
// says it is shorter than n bytes, as soon as that field has arrived: a
// server waiting for the rest of a packet too short to be a connection
// request would wait for bytes the peer never sends.
func (r *Reader) SetMinPacketSize(n int) { r.minPkt = n }

// Discard drops the bytes read from the source but not yet decoded, and
// returns their number: after a message it cannot decode, a server skips
// the rest of the request group this way.
func (r *Reader) Discard() int {
	n := r.w - r.r
	r.r, r.w = 0, 0
	return n
}

// Buffered returns the number of bytes read from the source but not yet
// decoded.
func (r *Reader) Buffered() int { return r.w - r.r }

// ReadPacket reads one association-phase packet, header included.
func (r *Reader) ReadPacket() ([]byte, error) {
	for r.w-r.r < 2 {
		if err := r.fill(); err != nil {
			return nil, err
		}
	}
	if n := int(binary.BigEndian.Uint16(r.buf[r.r:])); n < r.minPkt {
		return nil, &ProtocolError{Reason: fmt.Sprintf("association packet length %d, less than the %d bytes of the shortest one", n, r.minPkt)}
	}
	for r.w-r.r < 4 {
		if err := r.fill(); err != nil {
			return nil, err
		}
	}
	// Byte 3 is the protocol, 0x3c in every SQLI packet. Anything else (a
	// TLS record from a TLS listener starts 15 03 or 16 03) fails now,
	// rather than after waiting for a length that is not one.
	if r.buf[r.r+3] != SLProtocolSQLI {
		return nil, &ProtocolError{Reason: fmt.Sprintf("not an SQLI association packet (starts % x); is the peer speaking TLS?", r.buf[r.r:r.r+4])}
	}
	n := int(binary.BigEndian.Uint16(r.buf[r.r:]))
	if n < SLHeaderSize {
		return nil, &ProtocolError{Reason: fmt.Sprintf("association packet length %d", n)}
	}
	for r.w-r.r < n {
		if err := r.fill(); err != nil {
			return nil, err
		}
	}
	p := r.buf[r.r : r.r+n : r.r+n]
	r.r += n
	return p, nil
}

// ReadBackend decodes the next server-to-client message.
func (r *Reader) ReadBackend() (Message, error) { return r.next(r.be.pick) }

// ReadFrontend decodes the next client-to-server message.
func (r *Reader) ReadFrontend() (Message, error) { return r.next(r.fe.pick) }

// BufferedTuple returns the data of the next message if it is an
// SQ_TUPLE that lies entirely in the buffer, and consumes it; otherwise it
// returns ok=false and consumes nothing (call ReadBackend). It is the
// fetch loop's fast path: no read, no interface call, no allocation. The
// data aliases the buffer and is valid until the next call on the Reader.
func (r *Reader) BufferedTuple() (data []byte, ok bool) {
	b := r.buf[r.r:r.w]
	// tag (i16), warning (i16), length (i32), data, pad to even.
	if len(b) < 8 || b[0] != byte(TagTuple>>8) || b[1] != byte(TagTuple&0xff) {
		return nil, false
	}
	n := int(binary.BigEndian.Uint32(b[4:]))
	end := 8 + n + n&1
	if n > r.max || end > len(b) {
		return nil, false
	}
	r.r += end
	return b[8 : 8+n : 8+n], true
}

func (r *Reader) next(pick func(Tag) Message) (Message, error) {
	r.shrink()
	for {
		if r.w-r.r >= 2 {
			tag := Tag(int16(binary.BigEndian.Uint16(r.buf[r.r:])))
			m := pick(tag)
			if m == nil {
				return nil, &ProtocolError{Tag: tag, Reason: "unknown or unexpected message tag", Err: ErrUnknownTag}
			}
			n, err := m.Decode(r.buf[r.r+2:r.w], r.features)
			if err == nil {
				r.r += 2 + n
				return m, nil
			}
			if !errors.Is(err, ErrShortMessage) {
				return nil, err
			}
		}
		if err := r.fill(); err != nil {
			return nil, err
		}
	}
}

// shrink gives back a buffer that one huge message grew, once the bytes
// still buffered fit a normal one: a connection should not keep a
// maximum-size buffer for the rest of its life.
func (r *Reader) shrink() {
	const keep = 1 << 20
	size := max(r.size, initialReadBuffer)
	if len(r.buf) <= max(keep, size) || r.w-r.r > size/2 {
		return
	}
	nb := make([]byte, size)
	r.w = copy(nb, r.buf[r.r:r.w])
	r.r = 0
	r.buf = nb
}

// fill reads at least one more byte, making room first. A message that
// would need a buffer beyond the maximum fails instead of growing it.
func (r *Reader) fill() error {
	if r.r > 0 && len(r.buf)-r.w < len(r.buf)/4 {
		// Little room left at the end: move the partial message to the
		// front first, so that the read can take a whole batch at once
		// instead of a sliver and then another read.
		r.w = copy(r.buf, r.buf[r.r:r.w])
		r.r = 0
	}
	if r.w == len(r.buf) {
		if r.r > 0 {
			r.w = copy(r.buf, r.buf[r.r:r.w])
			r.r = 0
		} else {
			if len(r.buf) >= r.max+2 {
				return fmt.Errorf("%w: more than %d bytes", ErrMessageTooLarge, r.max)
			}
			nb := make([]byte, min(2*len(r.buf), r.max+2))
			r.w = copy(nb, r.buf[r.r:r.w])
			r.r = 0
			r.buf = nb
		}
	}
	n, err := r.src.Read(r.buf[r.w:])
	r.w += n
	if n > 0 {
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	if errors.Is(err, io.EOF) && r.w > r.r {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// backendSet holds one reusable instance of each server-to-client message.
type backendSet struct {
	describe   Describe
	tuple      Tuple
	done       Done
	cost       Cost
	err        Err
	xactStat   XactStat
	insertDone InsertDone
	tupID      TupID
	protocols  Protocols
	iDescribe  IDescribe
	blob       Blob
	dbNames    DBNames
	routine    RoutineHandle
	fpRoutine  FPRoutine
	challenge  Challenge
}

func (s *backendSet) pick(t Tag) Message {
	switch t {
	case TagTuple:
		return &s.tuple
	case TagEOT:
		return EOT{}
	case TagDone:
		return &s.done
	case TagCost:
		return &s.cost
	case TagDescribe:
		return &s.describe
	case TagErr:
		return &s.err
	case TagXactStat:
		return &s.xactStat
	case TagInsertDone:
		return &s.insertDone
	case TagTupID:
		return &s.tupID
	case TagClose:
		return Close{}
	case TagExit:
		return Exit{}
	case TagProtocols:
		return &s.protocols
	case TagIDescribe:
		return &s.iDescribe
	case TagBlob:
		return &s.blob
	case TagDBList:
		return &s.dbNames
	case TagGetRoutine:
		return &s.routine
	case TagFPRoutine:
		return &s.fpRoutine
	case TagChallenge:
		return &s.challenge
	case TagAccept:
		return Accept{}
	}
	return nil
}

// frontendSet holds one reusable instance of each client-to-server message.
type frontendSet struct {
	protocols Protocols
	info      Info
	dbOpen    DBOpen
	command   Command
	prepare   Prepare
	id        ID
	curName   CurName
	bind      Bind
	nFetch    NFetch
	sFetch    SFetch
	rollback  Rollback
	retType   RetType
	fetchBlob FetchBlob
	blob      Blob
	bBind     BBind
	put       Put
	savepoint Savepoint
	getRtn    GetRoutine
	exFP      ExFPRoutine
	response  Response
	loData    LOData
}

func (s *frontendSet) pick(t Tag) Message {
	switch t {
	case TagEOT:
		return EOT{}
	case TagAck:
		return Ack{}
	case TagResponse:
		return &s.response
	case TagLOData:
		return &s.loData
	case TagExit:
		return Exit{}
	case TagProtocols:
		return &s.protocols
	case TagInfo:
		return &s.info
	case TagDBOpen:
		return &s.dbOpen
	case TagDBClose:
		return DBClose{}
	case TagCommand:
		return &s.command
	case TagPrepare:
		return &s.prepare
	case TagNDescribe:
		return NDescribe{}
	case TagWantDone:
		return WantDone{}
	case TagID:
		return &s.id
	case TagCurName:
		return &s.curName
	case TagBind:
		return &s.bind
	case TagOpen:
		return Open{}
	case TagExecute:
		return Execute{}
	case TagNFetch:
		return &s.nFetch
	case TagSFetch:
		return &s.sFetch
	case TagClose:
		return Close{}
	case TagRelease:
		return Release{}
	case TagBegin:
		return Begin{}
	case TagCommitWork:
		return CommitWork{}
	case TagRollback:
		return &s.rollback
	case TagAutoFree:
		return AutoFree{}
	case TagScroll:
		return Scroll{}
	case TagHold:
		return Hold{}
	case TagRetType:
		return &s.retType
	case TagCIDescribe:
		return CIDescribe{}
	case TagFetchBlob:
		return &s.fetchBlob
	case TagBlob:
		return &s.blob
	case TagBBind:
		return &s.bBind
	case TagPut:
		return &s.put
	case TagDBList:
		return DBList{}
	case TagSavepoint, TagRollbackSavepoint, TagReleaseSavepoint:
		s.savepoint.Op = t
		return &s.savepoint
	case TagBatchStart:
		return BatchStart{}
	case TagBatchEnd:
		return BatchEnd{}
	case TagGetRoutine:
		return &s.getRtn
	case TagExFPRoutine:
		return &s.exFP
	}
	return nil
}
