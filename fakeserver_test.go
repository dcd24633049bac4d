package ifx_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/sqli"
)

// fakeServer is a scripted SQLI server for exact-byte and fault tests:
// each accepted connection runs script.
type fakeServer struct {
	t      testing.TB
	ln     net.Listener
	wg     sync.WaitGroup
	script func(fc *fakeConn)
}

func newFakeServer(t testing.TB, script func(fc *fakeConn)) *fakeServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fs := &fakeServer{t: t, ln: ln, script: script}
	fs.wg.Add(1)
	go fs.accept()
	t.Cleanup(func() {
		ln.Close()
		fs.wg.Wait()
	})
	return fs
}

func (fs *fakeServer) accept() {
	defer fs.wg.Done()
	for {
		nc, err := fs.ln.Accept()
		if err != nil {
			return
		}
		fs.wg.Add(1)
		go func() {
			defer fs.wg.Done()
			defer nc.Close()
			nc.SetDeadline(time.Now().Add(20 * time.Second))
			fc := &fakeConn{nc: nc}
			fc.rd = sqli.NewReader(io.TeeReader(nc, &fc.in))
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(fakeStop); !ok {
						panic(r)
					}
				}
			}()
			fs.script(fc)
		}()
	}
}

func (fs *fakeServer) dsn(extra string) string {
	return "informix://informix:in4mix@" + fs.ln.Addr().String() + "/testdb?server=informix" + extra
}

type fakeStop struct{}

// fakeConn is the server side of one connection.
type fakeConn struct {
	nc   net.Conn
	rd   *sqli.Reader
	in   bytes.Buffer // every byte the client sent, as read
	feat sqli.Features
	req  sqli.ConnRequest
	mu   sync.Mutex
	errs []string
}

func (fc *fakeConn) fail(format string, args ...any) {
	fc.mu.Lock()
	fc.errs = append(fc.errs, fmt.Sprintf(format, args...))
	fc.mu.Unlock()
	panic(fakeStop{})
}

// group reads one request group and returns its raw bytes and messages
// (as tag names; the messages themselves are reused by the reader).
func (fc *fakeConn) group() ([]byte, []string) {
	start := fc.in.Len() - fc.rd.Buffered()
	var tags []string
	for {
		m, err := fc.rd.ReadFrontend()
		if err != nil {
			panic(fakeStop{})
		}
		tags = append(tags, m.Tag().String())
		if m.Tag() == sqli.TagEOT || m.Tag() == sqli.TagExit {
			end := fc.in.Len() - fc.rd.Buffered()
			return append([]byte(nil), fc.in.Bytes()[start:end]...), tags
		}
	}
}

// reply sends msgs and SQ_EOT.
func (fc *fakeConn) reply(msgs ...sqli.Message) {
	fc.nc.Write(sqli.AppendGroup(nil, fc.feat, msgs...))
}

// raw sends b as is.
func (fc *fakeConn) raw(b []byte) { fc.nc.Write(b) }

// login runs the association and setup like Informix 15 and returns the
// raw bytes of CONREQ, SQ_PROTOCOLS, SQ_INFO and SQ_DBOPEN.
func (fc *fakeConn) login() [][]byte {
	pkt, err := fc.rd.ReadPacket()
	if err != nil {
		panic(fakeStop{})
	}
	conreq := append([]byte(nil), pkt...)
	if err := fc.req.Decode(conreq); err != nil {
		fc.fail("CONREQ: %v", err)
	}
	acc, _ := sqli.NewConnAccept("informix", "IBM Informix Dynamic Server Version 15.0.1.0.3").Encode(nil)
	fc.raw(acc)
	proto, _ := fc.group()
	fc.feat = sqli.Negotiate(sqli.JDBCOffer, sqli.IDS15Mask)
	fc.rd.SetFeatures(fc.feat)
	fc.reply(&sqli.Protocols{Features: sqli.NewFeatures(sqli.IDS15Mask)})
	info, _ := fc.group()
	fc.reply()
	out := [][]byte{conreq, proto, info}
	if fc.req.Database == "" {
		dbopen, _ := fc.group()
		fc.reply(&sqli.Done{Warnings: sqli.DBWarnInformix | sqli.DBWarnLogged})
		out = append(out, dbopen)
	}
	return out
}

// describe builds a one-statement DESCRIBE.
func describeInt(stmtType int16, names ...string) *sqli.Describe {
	d := &sqli.Describe{StmtType: stmtType, StmtID: 0}
	for i, n := range names {
		d.Columns = append(d.Columns, sqli.ColumnDesc{StartPos: int32(4 * i), Type: sqli.TypeInt, EncodedLength: 4, Name: n})
	}
	d.TupleSize = int32(4 * len(names))
	return d
}

func intTuple(vs ...int32) *sqli.Tuple {
	var b []byte
	for _, v := range vs {
		b = sqli.AppendInt32(b, v)
	}
	return &sqli.Tuple{Data: b}
}

func fakeConnect(t *testing.T, fs *fakeServer, extra string) *ifx.Conn {
	t.Helper()
	c, err := ifx.Connect(ctxT(t), fs.dsn(extra))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// hexOf formats bytes for failure messages.
func hexOf(b []byte) string { return fmt.Sprintf("% x", b) }
