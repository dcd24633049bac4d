package ifxtest

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// JDBC 15.0.0.1.1's request group binding setBytes({0,1,2,3,4}) to the
// first statement's BYTE parameter with feature 70 on (the same bytes as
// sqli's TestJDBCBlobBind, run w_small of conformance/probes/bytetext).
const jdbcBindByteWide = "0004000000050001000b0000003800000000000000000000000000000000000000000000000000000000000000000000000500000000000000000000000000000000000000000000000000000000000000000029000100270005000102030400002700000007000c"

func TestBlobRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		offer []byte
		width int
	}{
		{"feature 70", sqli.JDBCOffer, 68},
		{"narrow", sqli.JDBCOffer[:8], 56},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := NewServer(t)
			c := dialWire(t, srv.Addr())
			c.login(tc.offer)
			if r := c.openDB("testdb"); r.err != nil {
				t.Fatal(r.err.SQLCode)
			}
			c.exec("CREATE TABLE bb_t (id INTEGER, b BYTE, t TEXT)")
			big := bytes.Repeat([]byte("0123456789abcdef"), 1000)
			// Parameters as JDBC sends them: BIND with descriptors, SQ_BBIND,
			// the streams, EXECUTE; a NULL TEXT has neither.
			r := c.roundTrip(&sqli.Prepare{NumParams: 3, SQL: "INSERT INTO bb_t VALUES (?, ?, ?)"}, sqli.NDescribe{}, sqli.WantDone{})
			id := r.describe.StmtID
			desc := sqli.BlobDescriptor{Size: int32(len(big))}.Append(nil, tc.width)
			for i, row := range []struct {
				b    []byte
				text *string
			}{{big, ptr("first")}, {[]byte{}, nil}} {
				var out []byte
				out = (&sqli.ID{StatementID: id}).Encode(out, c.feat)
				vals := []sqli.BindValue{bindInt(int32(i + 1)), {Type: sqli.TypeByte, Prec: 56, Data: desc}, bindNull(sqli.TypeText)}
				n := int16(1)
				if row.text != nil {
					vals[2] = sqli.BindValue{Type: sqli.TypeText, Data: desc}
					n = 2
				}
				out = (&sqli.Bind{Values: vals}).Encode(out, c.feat)
				out = (&sqli.BBind{Count: n}).Encode(out, c.feat)
				out = sqli.AppendBlobStream(out, row.b, 1024)
				if row.text != nil {
					out = sqli.AppendBlobStream(out, []byte(*row.text), 1024)
				}
				out = sqli.Execute{}.Encode(out, c.feat)
				c.write(sqli.EOT{}.Encode(out, c.feat))
				if r, err := c.read(); err != nil || r.err != nil {
					t.Fatalf("row %d: %v %+v", i+1, err, r.err)
				}
			}
			c.roundTrip(&sqli.ID{StatementID: id}, sqli.Release{})

			// Read back: each descriptor, then its contents by SQ_FETCHBLOB.
			r = c.roundTrip(&sqli.Prepare{SQL: "SELECT id, b, t FROM bb_t ORDER BY id"}, sqli.NDescribe{}, sqli.WantDone{})
			d := r.describe
			if w := d.Columns[1].EncodedLength; w != int32(tc.width) || d.Columns[1].Type != sqli.TypeByte || d.Columns[2].Type != sqli.TypeText {
				t.Fatalf("described %+v", d.Columns)
			}
			sid := &sqli.ID{StatementID: d.StmtID}
			r = c.roundTrip(sid, &sqli.CurName{Name: "_ifxc0000000000001"}, sqli.Open{}, sid, &sqli.NFetch{BufSize: 4096})
			if len(r.tuples) != 2 || len(r.tuples[0]) != 4+2*tc.width {
				t.Fatalf("%d tuples %v", len(r.tuples), r.tags)
			}
			descOf := func(row, col int) []byte { return r.tuples[row][4+col*tc.width : 4+(col+1)*tc.width] }
			fetch := func(stmt int16, desc []byte) *reply {
				return c.roundTrip(&sqli.ID{StatementID: stmt}, &sqli.FetchBlob{Descriptor: desc})
			}
			if got := fetch(d.StmtID, descOf(0, 0)); !bytes.Equal(got.blob, big) {
				t.Fatalf("BYTE: %d bytes, %v", len(got.blob), got.err)
			}
			// informix-driver sends SQ_ID 0 whatever the statement.
			if got := fetch(999, descOf(0, 1)); string(got.blob) != "first" {
				t.Fatalf("TEXT: %q, %v", got.blob, got.err)
			}
			second := descOf(1, 0)
			if dd, _ := sqli.ParseBlobDescriptor(second); dd.Null() || dd.End != -1 || dd.Size != 0 {
				t.Errorf("empty BYTE descriptor %+v", dd)
			}
			if got := fetch(d.StmtID, second); got.blob == nil || len(got.blob) != 0 || got.err != nil {
				t.Errorf("empty BYTE: %v %v", got.blob, got.err)
			}
			if dd, _ := sqli.ParseBlobDescriptor(descOf(1, 1)); !dd.Null() {
				t.Errorf("NULL TEXT descriptor %+v", dd)
			}
			if got := fetch(d.StmtID, descOf(1, 1)); got.err == nil || got.err.SQLCode != -602 {
				t.Errorf("a NULL descriptor fetched: %+v", got.err)
			}
			// After CLOSE the descriptors are stale: -602, as on IDS.
			first := append([]byte(nil), descOf(0, 0)...)
			c.roundTrip(sid, sqli.Close{})
			if got := fetch(d.StmtID, first); got.err == nil || got.err.SQLCode != -602 {
				t.Errorf("after CLOSE: %+v", got.err)
			}
			// And after a new OPEN of the same statement.
			c.roundTrip(sid, sqli.Open{}, sid, &sqli.NFetch{BufSize: 4096})
			if got := fetch(d.StmtID, first); got.err == nil || got.err.SQLCode != -602 {
				t.Errorf("from an earlier OPEN: %+v", got.err)
			}
			if v := srv.Violations(); len(v) != 0 {
				t.Fatalf("violations: %v", v)
			}
		})
	}
}

// TestBlobJDBCBindBytes replays JDBC's own bytes: the value lands in the
// table.
func TestBlobJDBCBindBytes(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE bb_t (b BYTE)")
	r := c.roundTrip(&sqli.Prepare{NumParams: 1, SQL: "INSERT INTO bb_t VALUES (?)"}, sqli.NDescribe{}, sqli.WantDone{})
	group, _ := hex.DecodeString(jdbcBindByteWide)
	group[3] = byte(r.describe.StmtID) // JDBC's statement was 0
	c.write(group)
	if r, err := c.read(); err != nil || r.err != nil || r.done == nil || r.done.Rows != 1 {
		t.Fatalf("%v %+v %v", err, r.err, r.tags)
	}
	d, rows, _, err := c.query("SELECT LENGTH(b) FROM bb_t", 4096)
	if err != nil || len(rows) != 1 {
		t.Fatalf("%v %d", err, len(rows))
	}
	if got, err := decodeRow(d, rows[0]); err != nil || len(got) != 1 || got[0] != int64(5) {
		t.Fatalf("LENGTH of the bound value: %v %v, want 5", got, err)
	}
}

func TestBlobStreamMistakes(t *testing.T) {
	srv := NewServer(t, Config{NotStrict: true})
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	c.exec("CREATE TABLE bb_t (b BYTE)")
	r := c.roundTrip(&sqli.Prepare{NumParams: 1, SQL: "INSERT INTO bb_t VALUES (?)"}, sqli.NDescribe{}, sqli.WantDone{})
	id := &sqli.ID{StatementID: r.describe.StmtID}
	bind := &sqli.Bind{Values: []sqli.BindValue{{Type: sqli.TypeByte, Data: sqli.BlobDescriptor{}.Append(nil, 68)}}}
	// EXECUTE without the value: -617.
	if r := c.roundTrip(id, bind, sqli.Execute{}); r.err == nil || r.err.SQLCode != -617 {
		t.Errorf("no stream: %+v", r.err)
	}
	// SQ_BBIND announcing two values for one parameter.
	if r := c.roundTrip(id, bind, &sqli.BBind{Count: 2}); r.err == nil {
		t.Error("a wrong SQ_BBIND count was accepted")
	}
	// A chunk with no parameter waiting.
	if r := c.roundTrip(id, &sqli.Blob{Data: []byte{1}}); r.err == nil {
		t.Error("a stray SQ_BLOB was accepted")
	}
	if len(srv.Violations()) != 0 {
		t.Fatal("NotStrict")
	}
}

func ptr[T any](v T) *T { return &v }

// informix-driver binds Python bytes as BYTE whatever the column; into a
// TEXT column IDS keeps them as characters of the client's code set
// (8859-1 here), so they come back byte for byte.
func TestBlobByteBoundIntoTextKeepsItsCharacters(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.env = []sqli.EnvVar{{Name: "CLIENT_LOCALE", Value: "en_US.8859-1"}, {Name: "DB_LOCALE", Value: "en_US.8859-1"}}
	c.login(sqli.JDBCOffer[:8]) // narrow descriptors, as informix-driver
	if r := c.openDB("testdb"); r.err != nil {
		t.Fatal(r.err.SQLCode)
	}
	c.exec("CREATE TABLE bt_t (id INT, t TEXT)")
	c.exec("BEGIN WORK") // as informix-driver does, autocommit off
	payload := []byte("caf\xe9 r\xe9sum\xe9")
	r := c.roundTrip(&sqli.Prepare{NumParams: 2, SQL: "INSERT INTO bt_t VALUES (?, ?)"}, sqli.NDescribe{}, sqli.WantDone{})
	desc := sqli.BlobDescriptor{Size: int32(len(payload))}.Append(nil, 56)
	var out []byte
	out = (&sqli.ID{StatementID: r.describe.StmtID}).Encode(out, c.feat)
	out = (&sqli.Bind{Values: []sqli.BindValue{bindInt(1), {Type: sqli.TypeByte, Data: desc}}}).Encode(out, c.feat)
	out = (&sqli.BBind{Count: 1}).Encode(out, c.feat)
	out = sqli.AppendBlobStream(out, payload, 1024)
	out = sqli.Execute{}.Encode(out, c.feat)
	c.write(sqli.EOT{}.Encode(out, c.feat))
	if r, err := c.read(); err != nil || r.err != nil {
		t.Fatalf("insert: %v %+v", err, r.err)
	}
	r = c.roundTrip(&sqli.Prepare{SQL: "SELECT t FROM bt_t"}, sqli.NDescribe{}, sqli.WantDone{})
	sid := &sqli.ID{StatementID: r.describe.StmtID}
	r = c.roundTrip(sid, &sqli.CurName{Name: "_ifxc0000000000001"}, sqli.Open{}, sid, &sqli.NFetch{BufSize: 4096})
	if len(r.tuples) != 1 {
		t.Fatalf("%d tuples", len(r.tuples))
	}
	got := c.roundTrip(sid, &sqli.FetchBlob{Descriptor: r.tuples[0][:56]})
	if !bytes.Equal(got.blob, payload) {
		t.Fatalf("TEXT read back %q, want %q (%v)", got.blob, payload, got.err)
	}
}
