package ifxtest

import (
	"bytes"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// memConn is the server's side of a connection whose client sent a fixed
// byte string and then closed its half: reads return the bytes, then
// io.EOF; writes are collected.
type memConn struct {
	in  *bytes.Reader
	out bytes.Buffer
}

func (m *memConn) Read(p []byte) (int, error)       { return m.in.Read(p) }
func (m *memConn) Write(p []byte) (int, error)      { return m.out.Write(p) }
func (m *memConn) Close() error                     { return nil }
func (m *memConn) LocalAddr() net.Addr              { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9088} }
func (m *memConn) RemoteAddr() net.Addr             { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000} }
func (m *memConn) SetDeadline(time.Time) error      { return nil }
func (m *memConn) SetReadDeadline(time.Time) error  { return nil }
func (m *memConn) SetWriteDeadline(time.Time) error { return nil }

// FuzzServerConn feeds arbitrary bytes to a server connection right after
// a valid association (the input starts where SQ_PROTOCOLS belongs, so
// the features, the session setup and every statement come from it). The
// server must not panic, must return once its input ends, and everything
// it answers must be a well-formed SQLI reply: an error (SQ_ERR -408 for
// a message it cannot decode) or a close, never garbage.
//
// Seeds (testdata/fuzz/FuzzServerConn) are the client-to-server streams
// of the JDBC and informix-driver transcripts after their association
// packet.
func FuzzServerConn(f *testing.F) {
	f.Add(sqli.AppendGroup(nil, sqli.Features{}, &sqli.Protocols{Features: sqli.NewFeatures(sqli.JDBCOffer)}))
	// A session that binds and fetches a BYTE value and fills a table
	// through an insert cursor (SQ_BBIND, SQ_BLOB, SQ_FETCHBLOB, SQ_PUT).
	mf := sqli.ModernFeatures()
	s := sqli.AppendGroup(nil, sqli.Features{}, &sqli.Protocols{Features: sqli.NewFeatures(sqli.JDBCOffer)})
	s = sqli.AppendGroup(s, mf, &sqli.DBOpen{Name: "testdb"})
	s = sqli.AppendGroup(s, mf, &sqli.Command{SQL: "CREATE TABLE f (i INTEGER, b BYTE)"}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
	s = sqli.AppendGroup(s, mf, &sqli.Prepare{NumParams: 2, SQL: "INSERT INTO f VALUES (?, ?)"}, sqli.NDescribe{}, sqli.WantDone{})
	s = sqli.AppendGroup(s, mf, &sqli.ID{}, &sqli.Bind{Values: []sqli.BindValue{
		{Type: sqli.TypeInt, Data: sqli.AppendInt32(nil, 1)},
		{Type: sqli.TypeByte, Prec: 56, Data: sqli.AppendBindBlobDescriptor(nil, 3, mf)}}},
		&sqli.BBind{Count: 1}, &sqli.Blob{Data: []byte("abc")}, &sqli.Blob{}, sqli.Execute{})
	s = sqli.AppendGroup(s, mf, &sqli.Prepare{SQL: "SELECT b FROM f"}, sqli.NDescribe{}, sqli.WantDone{})
	s = sqli.AppendGroup(s, mf, &sqli.ID{StatementID: 1}, &sqli.CurName{Name: "c"}, sqli.Open{}, &sqli.ID{StatementID: 1}, &sqli.NFetch{BufSize: 4096})
	desc := sqli.BlobDescriptor{FD: 1, Space: 1, End: 2, Size: 3, Addr: 1}.Append(nil, sqli.LongBlobDescriptorSize)
	s = sqli.AppendGroup(s, mf, &sqli.ID{StatementID: 1}, &sqli.FetchBlob{Descriptor: desc})
	s = sqli.AppendGroup(s, mf, &sqli.Command{SQL: "CREATE TABLE g (i INTEGER)"}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
	s = sqli.AppendGroup(s, mf, &sqli.Prepare{NumParams: 1, SQL: "INSERT INTO g VALUES (?)"}, sqli.NDescribe{}, sqli.WantDone{})
	put := &sqli.Put{RowLen: 4, N: 2, Data: []byte{0, 0, 0, 1, 0, 0, 0, 2}}
	s = sqli.AppendGroup(s, mf, &sqli.ID{StatementID: 2}, &sqli.CurName{Name: "p"}, sqli.Open{}, put)
	s = sqli.AppendGroup(s, mf, &sqli.ID{StatementID: 2}, sqli.Close{})
	// The server's databases live across inputs: leave nothing behind.
	for _, drop := range []string{"DROP TABLE f", "DROP TABLE g"} {
		s = sqli.AppendGroup(s, mf, &sqli.Command{SQL: drop}, sqli.NDescribe{}, sqli.Execute{}, sqli.Release{})
	}
	f.Add(s)
	srv, err := Start(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { srv.Close() })
	srv.mu.Lock()
	srv.stats = append(srv.stats, ConnStats{ID: 1})
	srv.mu.Unlock()
	conreq, err := sqli.NewConnRequest("informix", "in4mix", "informix").Encode(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		mc := &memConn{in: bytes.NewReader(append(append([]byte(nil), conreq...), b...))}
		c := newConn(srv, mc, 1, false)
		done := make(chan struct{})
		go func() {
			defer close(done)
			c.serve()
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("the server did not return 20 s after its input ended")
		}
		out := mc.out.Bytes()
		rd := sqli.NewReader(bytes.NewReader(out))
		pkt, err := rd.ReadPacket()
		if err != nil {
			t.Fatalf("no association reply: %v", err)
		}
		var resp sqli.ConnResponse
		if err := resp.Decode(pkt); err != nil || !resp.Accepted() {
			t.Fatalf("association: %v", err)
		}
		rd.SetFeatures(c.feat)
		for {
			_, err := rd.ReadBackend()
			if err == nil {
				continue
			}
			if errors.Is(err, io.EOF) {
				break
			}
			// The layouts depend on the negotiated features; a reply
			// written before a second SQ_PROTOCOLS changed them cannot
			// be parsed with the final ones.
			if bytes.Count(b, []byte{0, byte(sqli.TagProtocols)}) > 1 {
				break
			}
			t.Fatalf("the server's reply is not SQLI at byte %d of %d: %v", len(out)-rd.Buffered(), len(out), err)
		}
	})
}
