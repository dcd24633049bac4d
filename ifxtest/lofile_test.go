package ifxtest

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// fileClient answers SQ_FILE requests as informix-driver does: files to
// read come from in, files written land in out.
type fileClient struct {
	in   map[string][]byte
	out  map[string][]byte
	name string
}

func (c *wireClient) peekTag() sqli.Tag {
	c.t.Helper()
	var tag sqli.Tag
	if err := c.rd.Decode(func(b []byte) (int, error) {
		if len(b) < 2 {
			return 0, sqli.ErrShortMessage
		}
		tag = sqli.Tag(int16(binary.BigEndian.Uint16(b)))
		return 0, nil
	}); err != nil {
		c.t.Fatal(err)
	}
	return tag
}

// decodeRaw reads what decode takes from the stream.
func (c *wireClient) decodeRaw(decode func([]byte) (int, error)) {
	c.t.Helper()
	if err := c.rd.Decode(decode); err != nil {
		c.t.Fatal(err)
	}
}

func be16(b []byte) int { return int(int16(binary.BigEndian.Uint16(b))) }

// serveFile handles one SQ_FILE request (the tag is next on the stream).
func (c *wireClient) serveFile(fc *fileClient) {
	c.t.Helper()
	var op int
	c.decodeRaw(func(b []byte) (int, error) {
		if len(b) < 4 {
			return 0, sqli.ErrShortMessage
		}
		op = be16(b[2:])
		return 4, nil
	})
	eot := sqli.EOT{}.Encode(nil, c.feat)
	switch op {
	case sqli.FileOpOpen:
		c.decodeRaw(func(b []byte) (int, error) {
			if len(b) < 2 {
				return 0, sqli.ErrShortMessage
			}
			n := be16(b)
			end := 2 + n + n&1 + 12 + 2
			if len(b) < end {
				return 0, sqli.ErrShortMessage
			}
			fc.name = string(b[2 : 2+n])
			return end, nil
		})
		c.write(eot)
	case sqli.FileOpRead:
		c.decodeRaw(func(b []byte) (int, error) {
			if len(b) < 8 { // i16 buffer size, i32 amount, SQ_EOT
				return 0, sqli.ErrShortMessage
			}
			return 8, nil
		})
		data := fc.in[fc.name]
		msg := sqli.AppendFileTotal(nil, sqli.TagFileRead, int32(len(data)))
		for len(data) > 0 {
			n := min(len(data), 1000)
			msg = sqli.AppendFileChunk(msg, sqli.TagFileRead, data[:n])
			data = data[n:]
		}
		c.write(append(msg, eot...))
	case sqli.FileOpWrite:
		var got []byte
		for done := false; !done; {
			c.decodeRaw(func(b []byte) (int, error) {
				d, e, n, err := sqli.DecodeFileChunk(b, sqli.TagFileWrite)
				got = append(got, d...)
				done = e
				return n, err
			})
		}
		fc.out[fc.name] = got
		c.write(append(sqli.AppendFileTotal(nil, sqli.TagFileWrite, int32(len(got))), eot...))
	case sqli.FileOpClose:
		c.decodeRaw(sqli.DecodeEOT)
		c.write(eot)
	default:
		c.t.Fatalf("SQ_FILE op %d", op)
	}
}

// roundTripFiles is roundTrip serving the SQ_FILE requests on the way.
func (c *wireClient) roundTripFiles(fc *fileClient, msgs ...sqli.Message) *reply {
	c.t.Helper()
	c.send(msgs...)
	c.nc.SetReadDeadline(time.Now().Add(30 * time.Second))
	for c.peekTag() == sqli.TagFile {
		c.serveFile(fc)
	}
	r := &reply{}
	for {
		if c.peekTag() == sqli.TagFile {
			c.serveFile(fc)
			continue
		}
		m, err := c.rd.ReadBackend()
		if err != nil {
			c.t.Fatal(err)
		}
		r.tags = append(r.tags, m.Tag())
		switch m := m.(type) {
		case sqli.EOT:
			return r
		case *sqli.Describe:
			d := *m
			d.Columns = append([]sqli.ColumnDesc(nil), m.Columns...)
			r.describe = &d
		case *sqli.Tuple:
			r.tuples = append(r.tuples, append([]byte(nil), m.Data...))
		case *sqli.Err:
			e := *m
			r.err = &e
		}
	}
}

// insertFile runs an INSERT whose VALUES call FILETOBLOB/FILETOCLOB on a
// client file, as informix-driver's write_blob_column does.
func (c *wireClient) insertFile(fc *fileClient, sql string) *reply {
	c.t.Helper()
	r := c.roundTrip(&sqli.Prepare{SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		c.t.Fatalf("%s: %d", sql, r.err.SQLCode)
	}
	id := &sqli.ID{StatementID: r.describe.StmtID}
	r = c.roundTripFiles(fc, id, sqli.Execute{})
	c.roundTrip(id, sqli.Release{})
	return r
}

// selectFiles fetches every row of sql, serving LOTOFILE's writes.
func (c *wireClient) selectFiles(fc *fileClient, sql string) (*sqli.Describe, [][]byte) {
	c.t.Helper()
	r := c.roundTrip(&sqli.Prepare{SQL: sql}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		c.t.Fatalf("%s: %d", sql, r.err.SQLCode)
	}
	d := r.describe
	id := &sqli.ID{StatementID: d.StmtID}
	msgs := []sqli.Message{id, &sqli.CurName{Name: "lofile_c1"}, sqli.Open{}, id, &sqli.NFetch{BufSize: 4096}}
	var rows [][]byte
	for {
		r = c.roundTripFiles(fc, msgs...)
		if r.err != nil {
			c.t.Fatalf("%s: fetch: %d", sql, r.err.SQLCode)
		}
		rows = append(rows, r.tuples...)
		if len(r.tuples) == 0 {
			break
		}
		msgs = []sqli.Message{id, &sqli.NFetch{BufSize: 4096}}
	}
	c.roundTrip(id, sqli.Close{})
	c.roundTrip(id, sqli.Release{})
	return d, rows
}

// TestSmartBlobClientFileRoundTrip: informix-driver's smart-LOB path,
// FILETOBLOB/FILETOCLOB from a client file into a BLOB/CLOB column and
// LOTOFILE back, over SQ_FILE; the column is described as type 41 with
// extended id 10/11 and encoded length 72, and a row carries the locator
// as 144 hex characters.
func TestSmartBlobClientFileRoundTrip(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE lo_t (id INT, b BLOB, t CLOB)")
	big := bytes.Repeat([]byte("0123456789abcdefXYZ"), 5000) // 95,000 bytes: several chunks each way
	fc := &fileClient{in: map[string][]byte{"/tmp/in_b": big, "/tmp/in_t": []byte("café")}, out: map[string][]byte{}}
	if r := c.insertFile(fc, "INSERT INTO lo_t VALUES (1, filetoblob('/tmp/in_b', 'client'), filetoclob('/tmp/in_t', 'client'))"); r.err != nil {
		t.Fatalf("insert: %d", r.err.SQLCode)
	}

	d, rows := c.selectFiles(fc, "SELECT b, t FROM lo_t")
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, want := range []int32{10, 11} {
		col := d.Columns[i]
		if col.Type.Base() != sqli.TypeUDTFixed || col.ExtendedID != want || col.EncodedLength != 72 {
			t.Fatalf("column %d described as type %v xid %d length %d", i, col.Type, col.ExtendedID, col.EncodedLength)
		}
	}
	row := rows[0]
	if len(row) != 2*149 || row[0] != 0 || binary.BigEndian.Uint32(row[1:]) != 144 {
		t.Fatalf("row of %d bytes: % x", len(row), row[:min(len(row), 8)])
	}
	if _, err := hex.DecodeString(string(row[5:149])); err != nil {
		t.Fatalf("locator is not hex: %v", err)
	}

	_, rows = c.selectFiles(fc, "SELECT lotofile(b, '/tmp/out_b', 'client'), lotofile(t, '/tmp/out_t!', 'client') FROM lo_t")
	if len(rows) != 1 || len(fc.out) != 2 {
		t.Fatalf("%d rows, files %v", len(rows), len(fc.out))
	}
	var nameB string
	for name, data := range fc.out {
		switch {
		case strings.HasPrefix(name, "/tmp/out_b."):
			nameB = name
			if !bytes.Equal(data, big) {
				t.Fatalf("BLOB read back %d bytes of %d", len(data), len(big))
			}
		case name == "/tmp/out_t":
			if string(data) != "café" {
				t.Fatalf("CLOB read back %q", data)
			}
		default:
			t.Fatalf("unexpected file %q", name)
		}
	}
	if nameB == "" || !bytes.Contains(rows[0], []byte(nameB)) {
		t.Fatalf("LOTOFILE's value does not name the file %q", nameB)
	}
}

// TestSmartBlobOpenInSQLCloseByFastPath: informix-driver's
// test_fast_path_close_real_lofd_returns_zero: ifx_lo_open called from
// SQL gives a descriptor the fast path's ifx_lo_close closes (0), once.
func TestSmartBlobOpenInSQLCloseByFastPath(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE lo_o (b BLOB)")
	fc := &fileClient{in: map[string][]byte{"/x": []byte("data")}, out: map[string][]byte{}}
	c.insertFile(fc, "INSERT INTO lo_o VALUES (filetoblob('/x', 'client'))")
	_, rows, _, err := c.query("SELECT ifx_lo_open(b, 4) FROM lo_o", 4096)
	if err != nil || len(rows) != 1 {
		t.Fatal(err, len(rows))
	}
	fd := int32(binary.BigEndian.Uint32(rows[0]))
	if fd <= 0 {
		t.Fatalf("descriptor %d", fd)
	}
	h := c.resolve("function informix.ifx_lo_close(integer)")
	call := func() fpReply {
		return c.fpRoundTrip(&sqli.ExFPRoutine{DB: h.handle.DB, Handle: h.handle.Handle, NParams: 1}, &sqli.Bind{Values: []sqli.BindValue{intArg(fd)}})
	}
	if r := call(); r.err != nil || len(r.values) != 1 || binary.BigEndian.Uint32(r.values[0].Data) != 0 {
		t.Fatalf("close: %+v %+v", r.err, r.values)
	}
	if r := call(); r.err == nil || r.err.SQLCode != -9810 {
		t.Fatalf("second close: %+v", r.err)
	}
}

// TestSmartBlobRolledBackInsertLeavesNoObject: an object FILETOBLOB made
// inside a transaction goes with its ROLLBACK.
func TestSmartBlobRolledBackInsertLeavesNoObject(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE lo_r (id INT, b BLOB)")
	fc := &fileClient{in: map[string][]byte{"/x": []byte("kept"), "/y": []byte("rolled back")}, out: map[string][]byte{}}
	c.insertFile(fc, "INSERT INTO lo_r VALUES (1, filetoblob('/x', 'client'))")
	c.exec("BEGIN WORK")
	c.insertFile(fc, "INSERT INTO lo_r VALUES (2, filetoblob('/y', 'client'))")
	c.exec("ROLLBACK WORK")
	_, rows, _, err := c.query("SELECT COUNT(*) FROM ifx_sblob", 4096)
	if err == nil {
		t.Fatalf("the hidden sbspace table is reachable from SQL (%d rows)", len(rows))
	}
	_, rows = c.selectFiles(fc, "SELECT lotofile(b, '/o!', 'client') FROM lo_r")
	if len(rows) != 1 || string(fc.out["/o"]) != "kept" {
		t.Fatalf("%d rows, %q", len(rows), fc.out["/o"])
	}
}

// TestSmartBlobStringIntoBlobRefused: a BLOB takes a locator, not text.
func TestSmartBlobStringIntoBlobRefused(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE lo_s (b BLOB)")
	if e := c.execErr("INSERT INTO lo_s VALUES ('abc')"); e == nil {
		t.Fatal("a string went into a BLOB column")
	}
}
