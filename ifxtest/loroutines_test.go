package ifxtest

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// locatorArg binds a locator as IBM's JDBC driver does in SQ_EXFPROUTINE:
// type 44 (SENDRECV), empty owner, type name "blob", i32 72 and the bytes.
func locatorArg(loc []byte) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeSendRecv, TypeName: "blob", Data: append(binary.BigEndian.AppendUint32(nil, uint32(len(loc))), loc...)}
}

// selectLocator returns the locator of the first row of sql (one BLOB
// column), asking for it as type 44 as JDBC does.
func (c *wireClient) firstLocator(sql string) []byte {
	c.t.Helper()
	r := c.roundTrip(&sqli.Prepare{SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		c.t.Fatalf("%s: %d", sql, r.err.SQLCode)
	}
	id := &sqli.ID{StatementID: r.describe.StmtID}
	rt := &sqli.RetType{Direction: 1, Columns: []sqli.RetTypeColumn{{Type: sqli.TypeSendRecv, Owner: "informix", Name: "blob", EncodedLength: 72}}}
	r = c.roundTrip(id, &sqli.CurName{Name: "loc_c"}, rt, sqli.Open{}, id, &sqli.NFetch{BufSize: 4096})
	if r.err != nil || len(r.tuples) == 0 {
		c.t.Fatalf("%s: fetch %+v", sql, r.err)
	}
	row := r.tuples[0]
	if len(row) != 77 || row[0] != 0 || binary.BigEndian.Uint32(row[1:]) != 72 {
		c.t.Fatalf("locator asked as type 44 came as % x", row[:min(len(row), 8)])
	}
	// The cursor stays open: JDBC opens the object while it reads rows.
	return row[5:]
}

// call runs a builtin routine by fast path.
func (c *wireClient) call(sig string, args ...sqli.BindValue) fpReply {
	c.t.Helper()
	h := c.resolve(sig)
	if h.handle == nil {
		c.t.Fatalf("%s: %+v", sig, h.err)
	}
	return c.fpRoundTrip(&sqli.ExFPRoutine{DB: h.handle.DB, Handle: h.handle.Handle, NParams: int16(len(args))}, &sqli.Bind{Values: args})
}

// storedBlob logs in as JDBC does on a fresh server, stores data in the
// BLOB column of a new table through FILETOBLOB and a client file, and
// returns the client and the stored locator.
func storedBlob(t *testing.T, table string, data []byte) (*wireClient, []byte) {
	t.Helper()
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE " + table + " (b BLOB)")
	fc := &fileClient{in: map[string][]byte{"/x": data}, out: map[string][]byte{}}
	c.insertFile(fc, "INSERT INTO "+table+" VALUES (filetoblob('/x', 'client'))")
	return c, c.firstLocator("SELECT b FROM " + table)
}

// TestFastPathLoOpenWithJDBCLocator: ifx_lo_open(blob, integer) takes the
// locator bound as JDBC binds it and gives a descriptor ifx_lo_close closes.
func TestFastPathLoOpenWithJDBCLocator(t *testing.T) {
	c, loc := storedBlob(t, "lo_fp", []byte("fast path"))
	r := c.call("function informix.ifx_lo_open(blob ,integer)", locatorArg(loc), intArg(0x800))
	if r.err != nil || len(r.values) != 1 {
		t.Fatalf("open: %+v", r.err)
	}
	fd := int32(binary.BigEndian.Uint32(r.values[0].Data))
	if r := c.call("function informix.ifx_lo_close(integer)", intArg(fd)); r.err != nil {
		t.Fatalf("close: %+v", r.err)
	}
}

func int8Arg(v int64) sqli.BindValue {
	return sqli.BindValue{Type: sqli.TypeInt8, Prec: 0x1300, Data: sqli.AppendLongInt(nil, v)}
}

// loRead sends SQ_LODATA LO_READ and returns the count and the bytes.
func (c *wireClient) loRead(fd int16, n int32) (int32, []byte) {
	c.t.Helper()
	c.out = (&sqli.LOData{Op: sqli.LORead, FD: fd, Length: n, BufSize: 32000}).Encode(c.out[:0], c.feat)
	c.write(sqli.EOT{}.Encode(c.out, c.feat))
	if tag := c.peekTag(); tag != sqli.TagLOData {
		r, _ := c.read()
		c.t.Fatalf("SQ_LODATA answered with %v %+v", r.tags, r.err)
	}
	var hdr sqli.LODataReply
	c.decodeRaw(func(b []byte) (int, error) {
		if len(b) < 2 {
			return 0, sqli.ErrShortMessage
		}
		h, n, err := sqli.DecodeLODataReply(b[2:])
		hdr = h
		return 2 + n, err
	})
	var data []byte
	left := int64(hdr.Length)
	for first := true; left > 0 || first; first = false {
		c.decodeRaw(func(b []byte) (int, error) {
			d, _, n, err := sqli.DecodeLOChunk(b, left)
			data = append(data, d...)
			left -= int64(len(d))
			return n, err
		})
		if hdr.Length > 0 && first && left == 0 {
			break
		}
	}
	c.expectEOT()
	return hdr.Length, data
}

// TestLODataReadAsJDBC runs IBM's JDBC driver's Blob.getBytes sequence
// against ifxtest: ifx_lo_open with LO_NODIRTY_READ alone, ifx_lo_stat
// (size as INT8 at offset 2 of a 644-byte ifx_lo_stat), ifx_lo_seek, then
// SQ_LODATA reads until a count of 0 (with its empty chunk), ifx_lo_close.
func TestLODataReadAsJDBC(t *testing.T) {
	want := bytes.Repeat([]byte("0123456789"), 7000) // 70,000 bytes: three chunks
	c, loc := storedBlob(t, "lo_rd", want)
	r := c.call("function informix.ifx_lo_open(blob ,integer)", locatorArg(loc), intArg(0x800))
	fd := int32(binary.BigEndian.Uint32(r.values[0].Data))
	st := c.call("function informix.ifx_lo_stat(int, ifx_lo_stat)", intArg(fd),
		sqli.BindValue{Type: sqli.TypeSendRecv, TypeName: "ifx_lo_stat", Data: append(binary.BigEndian.AppendUint32(nil, 644), make([]byte, 644)...)})
	if st.err != nil || len(st.values) != 1 || len(st.values[0].Data) != 4+644 {
		t.Fatalf("stat: %+v %+v", st.err, st.values)
	}
	if size, null, err := sqli.DecodeLongInt(st.values[0].Data[4+2 : 4+12]); err != nil || null || size != int64(len(want)) {
		t.Fatalf("stat size %d %v %v", size, null, err)
	}
	sk := c.call("function informix.ifx_lo_seek(integer,int8,integer,int8)", intArg(fd), int8Arg(0), intArg(0), int8Arg(0))
	if sk.err != nil || len(sk.values) != 1 || sk.values[0].Type != sqli.TypeInt8 {
		t.Fatalf("seek: %+v %+v", sk.err, sk.values)
	}
	n, got := c.loRead(int16(fd), int32(len(want)))
	if n != int32(len(want)) || !bytes.Equal(got, want) {
		t.Fatalf("read %d (%d bytes)", n, len(got))
	}
	if n, got := c.loRead(int16(fd), 10); n != 0 || len(got) != 0 {
		t.Fatalf("read at the end: %d %q", n, got)
	}
	if r := c.call("function informix.ifx_lo_close(integer)", intArg(fd)); r.err != nil {
		t.Fatalf("close: %+v", r.err)
	}
	// A descriptor that is not open: SQ_ERR -9810.
	c.out = (&sqli.LOData{Op: sqli.LORead, FD: int16(fd), Length: 1, BufSize: 32000}).Encode(c.out[:0], c.feat)
	c.write(sqli.EOT{}.Encode(c.out, c.feat))
	if r, err := c.read(); err != nil || r.err == nil || r.err.SQLCode != -9810 {
		t.Fatalf("read through a closed descriptor: %v %+v", err, r)
	}
}

// loWrite sends SQ_LODATA LO_WRITE with data in chunks and returns the
// count the server wrote.
func (c *wireClient) loWrite(fd int16, data []byte) int32 {
	c.t.Helper()
	b := (&sqli.LOData{Op: sqli.LOWrite, FD: fd, Length: int32(len(data)), BufSize: 32000}).Encode(c.out[:0], c.feat)
	for len(data) > 0 {
		n := min(len(data), 32000)
		b = sqli.AppendLOChunk(b, data[:n])
		data = data[n:]
	}
	c.write(sqli.EOT{}.Encode(b, c.feat))
	if tag := c.peekTag(); tag != sqli.TagLOData {
		r, _ := c.read()
		c.t.Fatalf("SQ_LODATA write answered with %v %+v", r.tags, r.err)
	}
	var hdr sqli.LODataReply
	c.decodeRaw(func(b []byte) (int, error) {
		if len(b) < 2 {
			return 0, sqli.ErrShortMessage
		}
		h, n, err := sqli.DecodeLODataReply(b[2:])
		hdr = h
		return 2 + n, err
	})
	c.expectEOT()
	return hdr.Length
}

// TestLOCreateWriteBindAsJDBC runs IBM's JDBC driver's setBytes sequence
// on a CLOB column: ifx_lo_col_sbinfo, ifx_lo_create through the blob
// signature (the locator comes back first, then the descriptor),
// SQ_LODATA LO_WRITE, ifx_lo_close, and the locator bound as type 44 into
// the INSERT. A 12-byte chunk (the value of SQ_EOT) is data, not the end.
func TestLOCreateWriteBindAsJDBC(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE lo_wr (id INT, c CLOB)")
	spec := make([]byte, 596)
	copy(spec, []byte{0xda, 0xda, 0xfe, 0xed})
	col := sqli.BindValue{Type: sqli.TypeLVarChar, TypeName: "lvarchar", Data: append(binary.BigEndian.AppendUint32(nil, 8), "lo_wr.c\x00"[:8]...)}
	info := c.call("function informix.ifx_lo_col_sbinfo(lvarchar,ifx_lo_spec)", col,
		sqli.BindValue{Type: sqli.TypeSendRecv, TypeName: "ifx_lo_spec", Data: append(binary.BigEndian.AppendUint32(nil, 596), spec...)})
	if info.err != nil || len(info.values) != 1 {
		t.Fatalf("sbinfo: %+v", info.err)
	}
	cr := c.call("function informix.ifx_lo_create( ifx_lo_spec,integer,blob)",
		sqli.BindValue{Type: sqli.TypeSendRecv, TypeName: "ifx_lo_spec", Data: info.values[0].Data},
		intArg(8), locatorArg(make([]byte, 72)))
	if cr.err != nil || len(cr.values) != 2 || string(cr.values[0].TypeName) != "blob" || cr.values[1].Type != sqli.TypeInt {
		t.Fatalf("create: %+v %+v", cr.err, cr.values)
	}
	loc := cr.values[0].Data[4:]
	fd := int16(binary.BigEndian.Uint32(cr.values[1].Data))
	want := []byte("twelve bytes")
	if n := c.loWrite(fd, want); n != int32(len(want)) {
		t.Fatalf("wrote %d", n)
	}
	if r := c.call("function informix.ifx_lo_close(integer)", intArg(int32(fd))); r.err != nil {
		t.Fatalf("close: %+v", r.err)
	}
	if e := c.execErr("INSERT INTO lo_wr VALUES (1, ?)", sqli.BindValue{Type: sqli.TypeSendRecv, TypeName: "clob", Data: append(binary.BigEndian.AppendUint32(nil, 72), loc...)}); e != nil {
		t.Fatalf("insert: %d", e.SQLCode)
	}
	fc := &fileClient{out: map[string][]byte{}}
	_, rows := c.selectFiles(fc, "SELECT lotofile(c, '/o!', 'client') FROM lo_wr")
	if len(rows) != 1 || !bytes.Equal(fc.out["/o"], want) {
		t.Fatalf("read back %q", fc.out["/o"])
	}
}

// TestLOReleaseAsJDBC: JDBC calls ifx_lo_release(blob) when it closes a
// stream over an object; a locator ifxtest made gives 0, anything else
// -9810.
func TestLOReleaseAsJDBC(t *testing.T) {
	c, loc := storedBlob(t, "lo_rel", []byte("x"))
	if r := c.call("function informix.ifx_lo_release(blob)", locatorArg(loc)); r.err != nil || len(r.values) != 1 {
		t.Fatalf("release: %+v", r.err)
	}
	if r := c.call("function informix.ifx_lo_release(blob)", locatorArg(make([]byte, 72))); r.err == nil || r.err.SQLCode != -9810 {
		t.Fatalf("release of a zero locator: %+v", r.err)
	}
}

// TestLOTellAsJDBC: IfxSmartBlob.IfxLoTell calls the two-argument
// ifx_lo_tell(int, int8) (the C API's form, with its output position),
// which gives the position as an INT8.
func TestLOTellAsJDBC(t *testing.T) {
	c, loc := storedBlob(t, "lo_tell", []byte("0123456789"))
	r := c.call("function informix.ifx_lo_open(blob ,integer)", locatorArg(loc), intArg(4))
	if r.err != nil || len(r.values) != 1 {
		t.Fatalf("open: %+v", r.err)
	}
	fd := int32(binary.BigEndian.Uint32(r.values[0].Data))
	if n, _ := c.loRead(int16(fd), 4); n != 4 {
		t.Fatalf("read %d", n)
	}
	r = c.call("function informix.ifx_lo_tell(int, int8)", intArg(fd), int8Arg(0))
	if r.err != nil || len(r.values) != 1 || r.values[0].Type != sqli.TypeInt8 {
		t.Fatalf("tell: %+v %+v", r.err, r.values)
	}
	if pos, _, err := sqli.DecodeLongInt(r.values[0].Data); err != nil || pos != 4 {
		t.Fatalf("tell: %d %v, want 4", pos, err)
	}
}

// TestLOWriteCutShortIsNoViolation: a client that goes away in the
// middle of an LO_WRITE's data (killed mid-write) ends its session
// quietly: no protocol violation is recorded, and the bytes left in the
// buffer are not read as further messages. A malformed chunk is one
// violation, and only one.
func TestLOWriteCutShortIsNoViolation(t *testing.T) {
	for _, tc := range []struct {
		name       string
		length     int32  // the request's byte count
		tail       []byte // after the request and a chunk of 8000 bytes
		violations int
	}{
		{"cut inside a chunk", 40000, append([]byte{0x7d, 0x00}, make([]byte, 1000)...), 0},
		{"a chunk longer than the request", 10000, append([]byte{0x7d, 0x00}, make([]byte, 32000)...), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Start, not NewServer: the violations are this test's to count.
			srv, err := Start(Config{Strict: true, Logf: t.Logf})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { srv.Close() })
			c := dialWire(t, srv.Addr())
			c.login(sqli.JDBCOffer)
			c.openDB("testdb")
			c.exec("CREATE TABLE lo_cut (b BLOB)")
			fc := &fileClient{in: map[string][]byte{"/x": []byte("x")}, out: map[string][]byte{}}
			c.insertFile(fc, "INSERT INTO lo_cut VALUES (filetoblob('/x', 'client'))")
			loc := c.firstLocator("SELECT b FROM lo_cut")
			r := c.call("function informix.ifx_lo_open(blob ,integer)", locatorArg(loc), intArg(8))
			if r.err != nil || len(r.values) != 1 {
				t.Fatalf("open: %+v", r.err)
			}
			fd := int16(binary.BigEndian.Uint32(r.values[0].Data))
			b := (&sqli.LOData{Op: sqli.LOWrite, FD: fd, Length: tc.length, BufSize: 32000}).Encode(nil, c.feat)
			b = sqli.AppendLOChunk(b, make([]byte, 8000))
			c.write(append(b, tc.tail...))
			c.nc.Close()
			deadline := time.Now().Add(5 * time.Second)
			for time.Now().Before(deadline) {
				if st := srv.Stats(); st[len(st)-1].Closed {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			if v := srv.Violations(); len(v) != tc.violations {
				t.Fatalf("%d violations, want %d: %q", len(v), tc.violations, v)
			}
		})
	}
}
