package main

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"net"
	"os"
	"slices"
	"syscall"
	"time"

	"github.com/ifxgo/ifx/bench/internal/benchclient"
	"github.com/ifxgo/ifx/sqli"
)

// The lob workload's floor: the SQLI a client must speak to write the
// payload into a new BLOB, bind it into a row, select the row and read
// the object back, with nothing a driver adds. The payload is generated
// straight into the outgoing group between the chunk headers and sent in
// one write per exchange; the answer's chunks are CRC'd where the reader's
// buffer holds them, never copied. Exchanges are the driver's (1 MiB, in
// chunks of 32000 bytes: docs/PROTOCOL.md), so both make the same round
// trips and the server paces both alike.

// The routines and the ifx_lo_spec are the ones ifx (and JDBC) send.
const (
	rawSigLOCreate = "function informix.ifx_lo_create( ifx_lo_spec,integer,blob)"
	rawSigLOOpen   = "function informix.ifx_lo_open(blob ,integer)"
	rawSigLOClose  = "function informix.ifx_lo_close(integer)"
	rawLOChunk     = 32000
	rawLocatorSize = 72
	rawLORDWR      = 0x8
	rawLORDONLY    = 0x4
)

var (
	rawLOExchange = 1 << 20 // -lob-exchange
	sndBuf        = flag.Int("lob-sndbuf", 0, "SO_SNDBUF for lob's connection (0: the system's)")
	exchange      = flag.Int("lob-exchange", 0, "bytes per SQ_LODATA exchange (0: ifx's 1 MiB); for measuring only, not evidence of what IDS takes")
	rcvLowat      = flag.Int("lob-rcvlowat", 0, "most SO_RCVLOWAT lob's reads ask for (0: none)")
	peerDelay     = flag.Duration("lob-peer-delay", 0, "internal: the socket peer's pause before each answer")
	pause         = flag.Duration("lob-pause", 20*time.Millisecond, "the paused socket peer's pause before each answer (lob_socket.go)")
)

var rawLOSpec = func() []byte {
	b := make([]byte, 596)
	copy(b, []byte{0xda, 0xda, 0xfe, 0xed})
	b[15], b[27] = 1, 1
	for _, i := range []int{20, 21, 32, 33, 36, 37, 38, 39, 572, 573, 574, 575, 576, 577, 578, 579} {
		b[i] = 0xff
	}
	return b
}()

// named binds a structure the way ifx binds ifx_lo_* arguments: type 44,
// the names, i32 length and bytes.
func named(owner, name string, data []byte, prec int16) sqli.BindValue {
	d := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	return sqli.BindValue{Type: sqli.TypeSendRecv, Owner: owner, TypeName: name, Prec: prec, Data: append(d, data...)}
}

func intValue(v int32) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeInt, Prec: 0x0a00, Data: binary.BigEndian.AppendUint32(nil, uint32(v))}
}

// call runs a routine by the fast path (SQ_GETROUTINE, then
// SQ_EXFPROUTINE + SQ_BIND) and returns its values' data.
func (c *client) call(sig string, args ...sqli.BindValue) ([][]byte, error) {
	if err := c.send(&sqli.GetRoutine{Signature: []byte(sig)}); err != nil {
		return nil, err
	}
	var h *sqli.RoutineHandle
	if err := c.replyEach(func(m sqli.Message) {
		if r, ok := m.(*sqli.RoutineHandle); ok {
			h = &sqli.RoutineHandle{DB: append([]byte(nil), r.DB...), Handle: r.Handle}
		}
	}); err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("no routine handle for " + sig)
	}
	if err := c.send(&sqli.ExFPRoutine{DB: h.DB, Handle: h.Handle, NParams: int16(len(args))}, &sqli.Bind{Values: args}); err != nil {
		return nil, err
	}
	var vals [][]byte
	err := c.replyEach(func(m sqli.Message) {
		if r, ok := m.(*sqli.FPRoutine); ok {
			for _, v := range r.Values {
				vals = append(vals, append([]byte(nil), v.Data...))
			}
		}
	})
	return vals, err
}

// replyEach reads one answer to SQ_EOT, handing each message to f.
func (c *client) replyEach(f func(sqli.Message)) error {
	for {
		m, err := c.rd.ReadBackend()
		if err != nil {
			return err
		}
		switch m := m.(type) {
		case sqli.EOT:
			return nil
		case *sqli.Err:
			e := *m
			for {
				m2, err2 := c.rd.ReadBackend()
				if err2 != nil || m2.Tag() == sqli.TagEOT {
					break
				}
			}
			return fmt.Errorf("SQLCODE %d ISAM %d near %q", e.SQLCode, e.ISAMCode, e.Near)
		default:
			f(m)
		}
	}
}

// int32Of reads a routine's INTEGER result.
func int32Of(vals [][]byte, i int) (int32, error) {
	if len(vals) <= i || len(vals[i]) != 4 {
		return 0, fmt.Errorf("routine values %d, want an INTEGER at %d", len(vals), i)
	}
	return int32(binary.BigEndian.Uint32(vals[i])), nil
}

// loWrite sends one LO_WRITE of n payload bytes, generated from pat at
// *off, and reads the count back.
func (c *client) loWrite(fd int16, n int, pat []byte, off *int) error {
	b := (&sqli.LOData{Op: sqli.LOWrite, FD: fd, Length: int32(n), BufSize: rawLOChunk}).Encode(c.out[:0], c.feat)
	for left := n; left > 0; {
		k := min(left, rawLOChunk)
		b = sqli.AppendInt16(b, int16(k))
		at := len(b)
		b = slices.Grow(b, k+1)[:at+k] // no clearing: the payload overwrites it
		for d := b[at:]; len(d) > 0; {
			m := copy(d, pat[*off:])
			d = d[m:]
			*off = (*off + m) % len(pat)
		}
		b = sqli.AppendPad(b, k)
		left -= k
	}
	b = sqli.EOT{}.Encode(b, c.feat)
	c.out = b
	if _, err := c.nc.Write(b); err != nil {
		return err
	}
	got, err := c.loReplyCount(int64(n))
	if err != nil {
		return err
	}
	if got != int64(n) {
		return fmt.Errorf("LO_WRITE wrote %d of %d bytes", got, n)
	}
	return c.replyEach(func(sqli.Message) {})
}

// loReplyCount reads an SQ_LODATA answer's header: its byte count.
func (c *client) loReplyCount(limit int64) (int64, error) {
	var count int64
	err := c.rd.Decode(func(b []byte) (int, error) {
		if len(b) < 2 {
			return 0, sqli.ErrShortMessage
		}
		if sqli.Tag(int16(binary.BigEndian.Uint16(b))) != sqli.TagLOData {
			return 0, fmt.Errorf("answer tag %d, want SQ_LODATA", int16(binary.BigEndian.Uint16(b)))
		}
		h, k, err := sqli.DecodeLODataReply(b[2:])
		count = int64(h.Length)
		return 2 + k, err
	})
	if err == nil && (count < 0 || count > limit) {
		err = fmt.Errorf("SQ_LODATA count %d for %d asked", count, limit)
	}
	return count, err
}

// loRead sends one LO_READ of up to n bytes and CRCs the chunks where
// they arrive; it returns the count read (0 at the end).
func (c *client) loRead(fd int16, n int, crc uint32) (int64, uint32, error) {
	if err := c.send(&sqli.LOData{Op: sqli.LORead, FD: fd, Length: int32(n), BufSize: rawLOChunk}); err != nil {
		return 0, crc, err
	}
	count, err := c.loReplyCount(int64(n))
	if err != nil {
		return 0, crc, err
	}
	if c.low != nil {
		c.low.expect = count - int64(c.rd.Buffered())
	}
	left := count
	for first := true; left > 0 || first; first = false {
		err := c.rd.Decode(func(b []byte) (int, error) {
			data, _, used, err := sqli.DecodeLOChunk(b, left)
			if err == nil {
				crc = crc32.Update(crc, crc32.IEEETable, data)
				left -= int64(len(data))
			}
			return used, err
		})
		if err != nil {
			return 0, crc, err
		}
	}
	if c.low != nil {
		c.low.expect = 0
	}
	return count, crc, c.replyEach(func(sqli.Message) {})
}

// lowatSrc sets SO_RCVLOWAT before each read to what must still arrive
// (at most max): the poller then wakes the reader once per that many
// bytes, not per segment.
type lowatSrc struct {
	nc     *net.TCPConn
	rc     syscall.RawConn
	expect int64 // data bytes of the answer not read yet (a lower bound of what must arrive)
	max    int
	cur    int
}

func (s *lowatSrc) Read(p []byte) (int, error) {
	want := int(max(1, min(s.expect, int64(s.max), int64(len(p)))))
	if want != s.cur {
		s.rc.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVLOWAT, want) })
		s.cur = want
	}
	n, err := s.nc.Read(p)
	s.expect -= int64(n)
	return n, err
}

// lobRun is one run of the workload: create, write, close, INSERT the
// locator, SELECT it, open, read to the end, close. It returns the bytes
// read and their CRC-32.
func (c *client) lobRun(table string, id int32, pat []byte) (int64, uint32, error) {
	vals, err := c.call(rawSigLOCreate, named("", "ifx_lo_spec", rawLOSpec, 0), intValue(rawLORDWR), named("", "blob", make([]byte, rawLocatorSize), 0))
	if err != nil {
		return 0, 0, err
	}
	if len(vals) != 2 || len(vals[0]) != 4+rawLocatorSize {
		return 0, 0, fmt.Errorf("ifx_lo_create returned %d values", len(vals))
	}
	loc := vals[0][4:]
	fd, err := int32Of(vals, 1)
	if err != nil {
		return 0, 0, err
	}
	off := 0
	for left := benchclient.LOBSize; left > 0; left -= rawLOExchange {
		if err := c.loWrite(int16(fd), min(left, rawLOExchange), pat, &off); err != nil {
			return 0, 0, err
		}
	}
	if _, err := c.call(rawSigLOClose, intValue(fd)); err != nil {
		return 0, 0, err
	}
	sid, _, _, err := c.roundTrip(&sqli.Prepare{SQL: "INSERT INTO " + table + " (id, b) VALUES (?, ?)"}, sqli.NDescribe{}, sqli.WantDone{})
	if err != nil {
		return 0, 0, err
	}
	st := &sqli.ID{StatementID: sid}
	if _, _, _, err := c.roundTrip(st, &sqli.Bind{Values: []sqli.BindValue{intValue(id), named("informix", "blob", loc, rawLocatorSize)}}, sqli.Execute{}, st, sqli.Release{}); err != nil {
		return 0, 0, err
	}
	sid, _, _, err = c.roundTrip(&sqli.Prepare{SQL: "SELECT b FROM " + table + " WHERE id = ?"}, sqli.NDescribe{}, sqli.WantDone{})
	if err != nil {
		return 0, 0, err
	}
	st = &sqli.ID{StatementID: sid}
	var row []byte
	err = c.replyEachAfter([]sqli.Message{st, &sqli.CurName{Name: "_ifxrawlob000001"}, &sqli.Bind{Values: []sqli.BindValue{intValue(id)}}, sqli.Open{}, st, &sqli.NFetch{BufSize: 4096}, st, sqli.Close{}, st, sqli.Release{}},
		func(m sqli.Message) {
			if t, ok := m.(*sqli.Tuple); ok {
				row = append(row[:0], t.Data...)
			}
		})
	if err != nil {
		return 0, 0, err
	}
	// The column's value ends the row: the locator, in hex (as
	// ifxtype.ParseLocatorWire reads it).
	if len(row) < 2*rawLocatorSize {
		return 0, 0, fmt.Errorf("row of %d bytes, want a locator", len(row))
	}
	loc = make([]byte, rawLocatorSize)
	if _, err := hex.Decode(loc, row[len(row)-2*rawLocatorSize:]); err != nil {
		return 0, 0, fmt.Errorf("row's locator: %w", err)
	}
	if vals, err = c.call(rawSigLOOpen, named("", "blob", loc, 0), intValue(rawLORDONLY)); err != nil {
		return 0, 0, err
	}
	if fd, err = int32Of(vals, 0); err != nil {
		return 0, 0, err
	}
	var total int64
	var crc uint32
	for {
		n, k, err := c.loRead(int16(fd), rawLOExchange, crc)
		if err != nil {
			return total, crc, err
		}
		crc = k
		if n == 0 {
			break
		}
		total += n
	}
	_, err = c.call(rawSigLOClose, intValue(fd))
	return total, crc, err
}

func (c *client) replyEachAfter(msgs []sqli.Message, f func(sqli.Message)) error {
	if err := c.send(msgs...); err != nil {
		return err
	}
	return c.replyEach(f)
}

// lobWorkload runs the lob workload as bench/goclient does (a table of
// its own, created and dropped on connections of their own, each run's
// length and CRC-32 checked) and returns the JSON line.
func lobWorkload(opt *benchclient.Options, name string, w, n int) (string, error) {
	r := benchclient.NewResult("lob")
	pat := benchclient.LOBPattern()
	c0 := benchclient.ProcessCPU()
	want := benchclient.LOBChecksum(pat)
	r.Extra["payload_cpu_ns"] = benchclient.ProcessCPU() - c0
	table := fmt.Sprintf("bench_lob_raw_%d", os.Getpid())
	admin := func(sql string) error {
		c, err := login(opt.Addr(), opt.User, opt.Password, opt.Server, opt.Database, 4096)
		if err != nil {
			return err
		}
		defer c.close()
		_, _, _, err = c.roundTrip(&sqli.Command{SQL: sql}, sqli.NDescribe{}, sqli.Execute{})
		return err
	}
	// A connection that only logs in and out: its request groups are
	// subtracted from the measured connection's, as for the other clients.
	c, err := login(opt.Addr(), opt.User, opt.Password, opt.Server, opt.Database, 4096)
	if err != nil {
		return "", err
	}
	c.close()
	r.Conn("connect", 1, 1)
	if err := admin("CREATE TABLE " + table + " (id INTEGER NOT NULL, b BLOB)"); err != nil {
		return "", err
	}
	r.Conn("setup", 1, 0)
	c, err = login(opt.Addr(), opt.User, opt.Password, opt.Server, opt.Database, 4096)
	if err != nil {
		return "", err
	}
	// A reader whose buffer holds a whole exchange's answer: each read
	// takes whatever the socket has.
	if *exchange > 0 {
		rawLOExchange = *exchange
	}
	r.Extra["exchange_bytes"] = rawLOExchange
	var src io.Reader = c.nc
	if *sndBuf > 0 {
		c.nc.(*net.TCPConn).SetWriteBuffer(*sndBuf)
	}
	if *rcvLowat > 0 {
		c.low = &lowatSrc{nc: c.nc.(*net.TCPConn), max: *rcvLowat, cur: 1}
		c.low.rc, _ = c.low.nc.SyscallConn()
		src = c.low
	}
	c.rd = sqli.NewReaderSize(src, rawLOExchange+64<<10)
	c.rd.SetFeatures(c.feat)
	c.rd.SetMaxMessageSize(2 * rawLOExchange)
	err = opt.TimeOps(r, w, n, true, func(i int) error {
		got, crc, err := c.lobRun(table, int32(i+1), pat)
		if err != nil {
			return err
		}
		if got != benchclient.LOBSize || crc != want {
			return fmt.Errorf("lob run %d: read back %d bytes, CRC-32 %08x; wrote %d, %08x", i, got, crc, benchclient.LOBSize, want)
		}
		return nil
	})
	c.close()
	r.Conn("measure", 1, w+n)
	if err != nil {
		return "", err
	}
	// Where the floor's CPU goes (lob_socket.go), per run.
	parts, err := lobFloorParts(pat, 3)
	if err != nil {
		return "", fmt.Errorf("lob floor parts: %w", err)
	}
	r.Extra["generate_cpu_ns"] = parts.generate
	r.Extra["crc_cpu_ns"] = parts.crc
	r.Extra["socket_cpu_ns"] = parts.socket
	r.Extra["socket_paused_cpu_ns"] = parts.socketPaused
	r.Extra["socket_pause_ms"] = pause.Milliseconds()
	if err := admin("DROP TABLE " + table); err != nil {
		return "", err
	}
	r.Conn("setup", 1, 0)
	r.Rows = 1
	r.Extra["bytes"] = benchclient.LOBSize
	r.Extra["crc32"] = fmt.Sprintf("%08x", want)
	r.Extra["peak_rss_kib"] = benchclient.PeakRSSKiB()
	r.Extra["note"] = "SQLI alone: payload generated into the LO_WRITE group, one write per 1 MiB exchange; chunks CRC'd in the read buffer"
	return r.JSON(name), nil
}
