package ifx

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Smart large objects (BLOB, CLOB) are read and written as IBM's JDBC
// driver does (docs/PROTOCOL.md, "Smart large objects"): the ifx_lo_*
// routines by the fast path, and the bytes in SQ_LODATA exchanges, a
// bounded piece at a time, so a LargeObject streams any size in constant
// memory.

// Open modes of OpenLargeObject (IDS's LO_RDONLY, LO_WRONLY, LO_RDWR and
// LO_APPEND).
const (
	LOReadOnly  = 0x4
	LOWriteOnly = 0x2
	LOReadWrite = 0x8
	LOAppend    = 0x1
)

// loRequestMax bounds the bytes one SQ_LODATA exchange moves: a Read or
// Write of more is split, so that neither side buffers a whole value.
const loRequestMax = 1 << 20

// ErrLargeObjectClosed is returned by a LargeObject used after Close.
var ErrLargeObjectClosed = errors.New("ifx: large object is closed")

// LargeObject is an open smart large object: an io.Reader, io.Writer,
// io.Seeker, io.ReaderAt and io.Closer over the server's descriptor. Its
// calls use its connection as any call does (one at a time, and ending an
// open Rows), under the context it was opened with. Close it: the server
// keeps the descriptor open until then, or until the session ends.
type LargeObject struct {
	c      *Conn
	ctx    context.Context
	loc    ifxtype.Locator
	fd     int32
	pos    int64 // where the server's descriptor stands
	closed bool
	// cleanup records the descriptor if the LargeObject is dropped
	// without Close (see loLeakList).
	cleanup runtime.Cleanup
}

// Locator returns the object's locator, to bind into a BLOB or CLOB
// column (after Close, so that what was written is whole).
func (lo *LargeObject) Locator() ifxtype.Locator { return lo.loc }

// The signatures are spelled as IBM's JDBC driver spells them (spaces
// included), so that a server sees the same text from both.
const (
	sigLOOpen     = "function informix.ifx_lo_open(blob ,integer)"
	sigLOCreate   = "function informix.ifx_lo_create( ifx_lo_spec,integer,blob)"
	sigLOStat     = "function informix.ifx_lo_stat(int, ifx_lo_stat)"
	sigLOSeek     = "function informix.ifx_lo_seek(integer,int8,integer,int8)"
	sigLOClose    = "function informix.ifx_lo_close(integer)"
	sigLOTruncate = "function informix.ifx_lo_truncate(integer,int8)" // JDBC's IfxSmartBlob.IfxLoTruncate (smart_blob_api)
)

// OpenLargeObject opens the object loc names with mode (LOReadOnly, …).
func (c *Conn) OpenLargeObject(ctx context.Context, loc ifxtype.Locator, mode int) (*LargeObject, error) {
	if err := c.closeLeakedLOs(ctx); err != nil {
		return nil, err
	}
	vals, err := c.CallRoutine(ctx, sigLOOpen, fpLocator(loc), int32(mode))
	if err != nil {
		return nil, err
	}
	fd, ok := oneInt(vals)
	if !ok {
		return nil, &ProtocolError{Op: "open large object", Err: fmt.Errorf("ifx_lo_open returned %v", vals)}
	}
	lo := &LargeObject{c: c, ctx: ctx, loc: loc, fd: fd}
	c.trackLO(lo)
	return lo, nil
}

// jdbcDefaultLOSpec is the ifx_lo_spec IBM's JDBC driver sends before the
// server fills it (596 bytes; docs/PROTOCOL.md): its magic, and -1 for
// the sizes and limits it leaves to the server.
var jdbcDefaultLOSpec = func() []byte {
	b := make([]byte, 596)
	copy(b, []byte{0xda, 0xda, 0xfe, 0xed})
	b[15], b[27] = 1, 1
	for _, i := range []int{20, 21, 32, 33, 36, 37, 38, 39, 572, 573, 574, 575, 576, 577, 578, 579} {
		b[i] = 0xff
	}
	return b
}()

// CreateLargeObject creates an empty object of kind, open for reading and
// writing, in the server's default sbspace; bind its Locator into a BLOB
// or CLOB column to keep it. As JDBC, it calls ifx_lo_create with the
// blob signature whatever the kind: the column gives the object its kind.
func (c *Conn) CreateLargeObject(ctx context.Context, kind ifxtype.LOKind) (*LargeObject, error) {
	if kind != ifxtype.BLOB && kind != ifxtype.CLOB {
		return nil, fmt.Errorf("ifx: large object kind %v", kind)
	}
	if err := c.closeLeakedLOs(ctx); err != nil {
		return nil, err
	}
	spec := loArg{typ: sqli.TypeSendRecv, name: "ifx_lo_spec", data: jdbcDefaultLOSpec}
	vals, err := c.CallRoutine(ctx, sigLOCreate, spec, int32(LOReadWrite), fpLocator(ifxtype.Locator{}))
	if err != nil {
		return nil, err
	}
	if len(vals) != 2 {
		return nil, &ProtocolError{Op: "create large object", Err: fmt.Errorf("ifx_lo_create returned %d values", len(vals))}
	}
	raw, ok := vals[0].([]byte)
	fd, ok2 := oneInt(vals[1:])
	if !ok || !ok2 {
		return nil, &ProtocolError{Op: "create large object", Err: fmt.Errorf("ifx_lo_create returned %T, %T", vals[0], vals[1])}
	}
	loc, err := ifxtype.ParseLocatorWire(raw, kind)
	if err != nil {
		return nil, &ProtocolError{Op: "create large object", Err: err}
	}
	lo := &LargeObject{c: c, ctx: ctx, loc: loc, fd: fd}
	c.trackLO(lo)
	return lo, nil
}

func oneInt(vals []any) (int32, bool) {
	if len(vals) != 1 {
		return 0, false
	}
	switch v := vals[0].(type) {
	case int32:
		return v, true
	case int64:
		return int32(v), v == int64(int32(v))
	}
	return 0, false
}

// Read reads from the object's position; io.EOF at its end.
func (lo *LargeObject) Read(p []byte) (int, error) {
	if lo.closed {
		return 0, ErrLargeObjectClosed
	}
	if len(p) == 0 {
		return 0, nil
	}
	if err := lo.c.begin(lo.ctx); err != nil {
		return 0, err
	}
	n, err := lo.c.pc.LORead(lo.fd, p[:min(len(p), loRequestMax)], -1)
	err = lo.c.end(err)
	lo.pos += int64(n)
	if n == 0 && err == nil {
		return 0, io.EOF
	}
	return n, err
}

// ReadAt reads len(p) bytes at off (LO_READWITHSEEK); fewer only at the
// end, with io.EOF. The position moves past what was read.
func (lo *LargeObject) ReadAt(p []byte, off int64) (int, error) {
	if lo.closed {
		return 0, ErrLargeObjectClosed
	}
	if off < 0 {
		return 0, fmt.Errorf("ifx: negative offset %d", off)
	}
	total := 0
	for total < len(p) {
		if err := lo.c.begin(lo.ctx); err != nil {
			return total, err
		}
		n, err := lo.c.pc.LORead(lo.fd, p[total:total+min(len(p)-total, loRequestMax)], off+int64(total))
		err = lo.c.end(err)
		total += n
		lo.pos = off + int64(total)
		if err != nil {
			return total, err
		}
		if n == 0 {
			return total, io.EOF
		}
	}
	return total, nil
}

// Write writes p at the object's position (at its end in LOAppend mode).
func (lo *LargeObject) Write(p []byte) (int, error) {
	if lo.closed {
		return 0, ErrLargeObjectClosed
	}
	total := 0
	for total < len(p) {
		if err := lo.c.begin(lo.ctx); err != nil {
			return total, err
		}
		part := p[total : total+min(len(p)-total, loRequestMax)]
		n, err := lo.c.pc.LOWrite(lo.fd, part)
		err = lo.c.end(err)
		total += n
		lo.pos += int64(n)
		if err != nil {
			return total, err
		}
		if n != len(part) {
			return total, io.ErrShortWrite
		}
	}
	return total, nil
}

// Seek moves the position (ifx_lo_seek) and returns it.
func (lo *LargeObject) Seek(offset int64, whence int) (int64, error) {
	if lo.closed {
		return 0, ErrLargeObjectClosed
	}
	if whence < io.SeekStart || whence > io.SeekEnd {
		return 0, fmt.Errorf("ifx: whence %d", whence)
	}
	// io's whence values are IDS's LO_SEEK_SET, LO_SEEK_CUR, LO_SEEK_END.
	vals, err := lo.c.CallRoutine(lo.ctx, sigLOSeek,
		lo.fd, int8Arg(offset), int32(whence), int8Arg(0))
	if err != nil {
		return 0, err
	}
	pos, ok := vals[0].(int64)
	if len(vals) != 1 || !ok {
		return 0, &ProtocolError{Op: "seek large object", Err: fmt.Errorf("ifx_lo_seek returned %v", vals)}
	}
	lo.pos = pos
	return pos, nil
}

// loStatSize is the size of the ifx_lo_stat JDBC passes (docs/PROTOCOL.md).
const loStatSize = 644

// Size returns the object's size (ifx_lo_stat).
func (lo *LargeObject) Size() (int64, error) {
	if lo.closed {
		return 0, ErrLargeObjectClosed
	}
	stat := loArg{typ: sqli.TypeSendRecv, name: "ifx_lo_stat", data: make([]byte, loStatSize)}
	vals, err := lo.c.CallRoutine(lo.ctx, sigLOStat, lo.fd, stat)
	if err != nil {
		return 0, err
	}
	b, ok := vals[0].([]byte)
	if len(vals) != 1 || !ok || len(b) < 12 {
		return 0, &ProtocolError{Op: "large object size", Err: fmt.Errorf("ifx_lo_stat returned %d values", len(vals))}
	}
	// The size is an INT8 at offset 2, where JDBC's Blob.length reads it.
	size, null, err := ifxtype.DecodeInt8Wire(b[2:12])
	if err != nil || null || size < 0 {
		return 0, &ProtocolError{Op: "large object size", Err: fmt.Errorf("ifx_lo_stat size: %v", err)}
	}
	return size, nil
}

// Truncate cuts the object to size bytes (ifx_lo_truncate).
func (lo *LargeObject) Truncate(size int64) error {
	if lo.closed {
		return ErrLargeObjectClosed
	}
	if size < 0 {
		return fmt.Errorf("ifx: negative size %d", size)
	}
	_, err := lo.c.CallRoutine(lo.ctx, sigLOTruncate, lo.fd, int8Arg(size))
	return err
}

// Close closes the server's descriptor (ifx_lo_close). Closing twice is
// a no-op.
func (lo *LargeObject) Close() error {
	if lo.closed {
		return nil
	}
	lo.closed = true
	lo.cleanup.Stop()
	_, err := lo.c.CallRoutine(lo.ctx, sigLOClose, lo.fd)
	return err
}

// loArg is a value bound to an ifx_lo_* routine in the form JDBC binds
// it: an INT8 (10-byte form) or a named structure (type 44, empty owner,
// the type name, i32 length and bytes).
type loArg struct {
	typ  sqli.TypeCode
	name string
	data []byte
}

func int8Arg(v int64) loArg {
	return loArg{typ: sqli.TypeInt8, data: ifxtype.AppendInt8Wire(nil, v)}
}

func (a loArg) bind(buf []byte, bv *sqli.BindValue) []byte {
	bv.Type, bv.TypeName = a.typ, a.name
	if a.typ == sqli.TypeInt8 {
		bv.Prec = precBigInt
		return append(buf, a.data...)
	}
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(a.data)))
	return append(buf, a.data...)
}

// bindLocator binds a locator into a statement as JDBC does: type 44,
// owner informix, named blob or clob by its kind, prec 72.
func bindLocator(buf []byte, bv *sqli.BindValue, l ifxtype.Locator) []byte {
	name := "blob"
	if l.Kind == ifxtype.CLOB {
		name = "clob"
	}
	buf = loArg{typ: sqli.TypeSendRecv, name: name, data: l.Raw[:]}.bind(buf, bv)
	bv.Owner, bv.Prec = "informix", ifxtype.LocatorSize
	return buf
}

// fpLocator is a locator as JDBC passes it to the ifx_lo_* routines:
// empty owner and the name blob whatever the kind (an object has none).
func fpLocator(l ifxtype.Locator) loArg {
	return loArg{typ: sqli.TypeSendRecv, name: "blob", data: l.Raw[:]}
}

// ReadFrom copies r into the object from its position until io.EOF,
// a bounded piece per SQ_LODATA exchange; io.Copy uses it.
func (lo *LargeObject) ReadFrom(r io.Reader) (int64, error) {
	if lo.closed {
		return 0, ErrLargeObjectClosed
	}
	bp := loCopyBuffers.Get().(*[]byte)
	defer loCopyBuffers.Put(bp)
	buf := *bp
	var total int64
	for {
		n, rerr := io.ReadFull(r, buf)
		if n > 0 {
			w, err := lo.Write(buf[:n])
			total += int64(w)
			if err != nil {
				return total, err
			}
		}
		switch {
		case rerr == io.EOF || rerr == io.ErrUnexpectedEOF:
			return total, nil
		case rerr != nil:
			return total, rerr
		}
	}
}

// WriteTo copies the object from its position to w; io.Copy uses it.
func (lo *LargeObject) WriteTo(w io.Writer) (int64, error) {
	bp := loCopyBuffers.Get().(*[]byte)
	defer loCopyBuffers.Put(bp)
	buf := *bp
	var total int64
	for {
		n, rerr := lo.Read(buf)
		if n > 0 {
			k, err := w.Write(buf[:n])
			total += int64(k)
			if err != nil {
				return total, err
			}
		}
		if rerr == io.EOF {
			return total, nil
		}
		if rerr != nil {
			return total, rerr
		}
	}
}

// loCopyBuffer is ReadFrom's and WriteTo's buffer: one SQ_LODATA exchange
// of the largest size (loRequestMax), a bounded amount whatever the
// object's size. Each exchange is a round trip and a wait for the
// server, which cost the client more than the bytes: the bench's lob
// workload (64 MiB each way) took 522 exchanges and ~135 ms of client CPU
// with 256 KiB, 137 and ~65-95 ms with 1 MiB (JDBC: 4,213 exchanges).
const loCopyBuffer = loRequestMax

// loCopyBuffers keeps ReadFrom's and WriteTo's buffers between calls, so
// that copying many small objects does not allocate and zero 1 MiB each.
var loCopyBuffers = sync.Pool{New: func() any { b := make([]byte, loCopyBuffer); return &b }}

// A LargeObject dropped without Close keeps its descriptor open on the
// server until the session ends. As for a Stmt (stmt.go), a cleanup
// records the descriptor when the LargeObject is collected (it never
// touches the socket: another goroutine may be using the connection), and
// the connection's next OpenLargeObject or CreateLargeObject closes the
// recorded descriptors first.

// loLeakList collects the descriptors of collected LargeObjects.
type loLeakList struct {
	mu  sync.Mutex
	fds []int32
}

type loLeak struct {
	c  *Conn
	fd int32
}

func (l *loLeak) found() {
	if l.c.isClosed() {
		return
	}
	l.c.loLeaks.mu.Lock()
	l.c.loLeaks.fds = append(l.c.loLeaks.fds, l.fd)
	l.c.loLeaks.mu.Unlock()
}

// trackLO attaches the recording cleanup to lo.
func (c *Conn) trackLO(lo *LargeObject) {
	lo.cleanup = runtime.AddCleanup(lo, (*loLeak).found, &loLeak{c: c, fd: lo.fd})
}

// closeLeakedLOs closes the descriptors of collected LargeObjects. A
// descriptor the server no longer knows (-9810) is not an error.
func (c *Conn) closeLeakedLOs(ctx context.Context) error {
	c.loLeaks.mu.Lock()
	fds := c.loLeaks.fds
	c.loLeaks.fds = nil
	c.loLeaks.mu.Unlock()
	for _, fd := range fds {
		if _, err := c.CallRoutine(ctx, sigLOClose, fd); err != nil && SQLCode(err) != -9810 {
			return err
		}
		c.reportLeak("ifx.LargeObject", "", nil)
	}
	return nil
}

// CLOBReader is an argument for a CLOB parameter whose text streams from
// R (in the client code set), as an io.Reader argument streams into a
// BLOB parameter.
type CLOBReader struct{ R io.Reader }

// streamLOArgs turns io.Reader arguments (BLOB) and CLOBReader arguments
// into new smart large objects: each is created, filled from its reader
// a bounded piece at a time, closed, and bound by its locator. The
// driver cannot learn a parameter's type without a round trip, so a
// plain io.Reader makes a BLOB; the object has no type of its own and the
// column gives it one (docs/PROTOCOL.md, "Smart large objects").
func (c *Conn) streamLOArgs(ctx context.Context, args []any) ([]any, error) {
	var out []any
	for i, a := range args {
		kind := ifxtype.BLOB
		var r io.Reader
		switch v := a.(type) {
		case CLOBReader:
			kind, r = ifxtype.CLOB, v.R
		case io.Reader:
			r = v
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), args...)
		}
		lo, err := c.CreateLargeObject(ctx, kind)
		if err != nil {
			return nil, &bindError{idx: i, err: err}
		}
		if _, err := io.Copy(lo, r); err != nil {
			lo.Close()
			return nil, &bindError{idx: i, err: fmt.Errorf("streaming into a %v: %w", kind, err)}
		}
		if err := lo.Close(); err != nil {
			return nil, &bindError{idx: i, err: err}
		}
		out[i] = lo.Locator()
	}
	if out == nil {
		return args, nil
	}
	return out, nil
}
