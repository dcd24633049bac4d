package ifxtest

import (
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

func TestLoginRejects(t *testing.T) {
	srv := NewServer(t)
	cases := []struct {
		user, password, server string
		code                   int16
	}{
		{"informix", "wrong", "informix", -951},
		{"nobody", "in4mix", "informix", -951},
		{"informix", "in4mix", "elsewhere", -761},
	}
	for _, cs := range cases {
		c := dialWire(t, srv.Addr())
		resp := c.associate(cs.user, cs.password, cs.server)
		if resp.Type != sqli.PacketReject || resp.SvcError != cs.code || resp.Accepted() {
			t.Errorf("%+v: type %d svcError %d", cs, resp.Type, resp.SvcError)
		}
		if len(resp.Messages) != 1 || !strings.Contains(resp.Messages[0], "DBSERVERNAME") && !strings.Contains(resp.Messages[0], "password") {
			t.Errorf("reject messages %q", resp.Messages)
		}
		// The reject names the real server, so a client can retry.
		if resp.ServerName != "informix" {
			t.Errorf("reject names server %q", resp.ServerName)
		}
		// The server closes the connection after a reject.
		c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.nc.Read(make([]byte, 1)); err == nil {
			t.Error("connection still open after reject")
		}
	}
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	if r := c.openDB("nosuchdb"); r.err == nil || r.err.SQLCode != -329 {
		t.Errorf("DBOPEN nosuchdb: %+v", r.err)
	}
	if r := c.openDB("sysmaster"); r.err != nil || r.done.Warnings&sqli.DBWarnLogged == 0 || r.done.Warnings&sqli.DBWarnInformix == 0 {
		t.Errorf("DBOPEN sysmaster: %+v %+v", r.err, r.done)
	}
}

// The server answers with Informix 15's mask; the layouts follow what both
// sides set, so an old client that offers 7 bytes gets 32-bit SQ_DONE
// counts, 16-bit SQL lengths and a 16-bit DESCRIBE tuple size.
func TestNarrowLayoutsForOldClients(t *testing.T) {
	srv := NewServer(t)
	for _, offer := range [][]byte{{0xff, 0xfc, 0x7f, 0xfc, 0x3c, 0x8c, 0x8a}, sqli.JDBCOffer[:8], sqli.JDBCOffer} {
		c := dialWire(t, srv.Addr())
		c.login(offer)
		want := sqli.Negotiate(offer, sqli.IDS15Mask)
		if c.feat != want {
			t.Fatalf("negotiated % x", c.feat.Bytes())
		}
		r := c.openDB("testdb")
		if r.err != nil {
			t.Fatal(r.err)
		}
		d, rows, _, err := c.query("SELECT FIRST 5 tabname, tabid FROM systables ORDER BY tabid", 4096)
		if err != nil || len(rows) != 5 {
			t.Fatalf("offer % x: %v, %d rows", offer, err, len(rows))
		}
		v, err := decodeRow(d, rows[1])
		if err != nil || v[0] != "syscolumns" || v[1] != int64(2) {
			t.Errorf("offer % x: row 2 = %v %v", offer, v, err)
		}
	}
}

func TestInterrupt(t *testing.T) {
	srv := NewServer(t)
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	slow := "SELECT COUNT(*) FROM systables a, systables b, systables c, systables d, systables e, systables f"
	r := c.roundTrip(&sqli.Prepare{SQL: slow}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		t.Fatal(r.err)
	}
	id := &sqli.ID{StatementID: r.describe.StmtID}
	c.send(id, &sqli.CurName{Name: "c1"}, sqli.Open{}, id, &sqli.NFetch{BufSize: 4096})
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	sendOOB(t, c.nc)
	r, err := c.read()
	if err != nil {
		t.Fatal(err)
	}
	if r.err == nil || r.err.SQLCode != -213 || r.err.ISAMCode != -157 {
		t.Fatalf("interrupted statement: %+v", r.err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("interrupt took %v", d)
	}
	c.roundTrip(id, sqli.Close{})
	c.roundTrip(id, sqli.Release{})
	if n := countRows(t, c, "SELECT COUNT(*) FROM systables WHERE tabid = 1"); n != "1" {
		t.Errorf("after interrupt: %s", n)
	}
}

func sendOOB(t *testing.T, nc net.Conn) {
	t.Helper()
	raw, err := nc.(*net.TCPConn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var serr error
	raw.Write(func(fd uintptr) bool {
		serr = syscall.Sendto(int(fd), []byte{0x42}, syscall.MSG_OOB, nil)
		return true
	})
	if serr != nil {
		t.Fatal(serr)
	}
}

func TestTLSListener(t *testing.T) {
	srv := NewServer(t, Config{TLSAddr: "127.0.0.1:0"})
	nc, err := tls.Dial("tcp", srv.TLSAddr(), &tls.Config{RootCAs: srv.CertPool(), ServerName: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	c := &wireClient{t: t, nc: nc, rd: sqli.NewReader(nc)}
	c.login(sqli.JDBCOffer)
	if r := c.openDB("testdb"); r.err != nil {
		t.Fatal(r.err)
	}
	// Plain SQLI on the TLS port fails at the handshake.
	p := dialWire(t, srv.TLSAddr())
	req, _ := sqli.NewConnRequest("informix", "in4mix", "informix").Encode(nil)
	p.write(req)
	p.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := p.rd.ReadPacket(); err == nil {
		t.Error("plain request on the TLS listener was answered")
	}
}

func TestFaults(t *testing.T) {
	t.Run("drop after groups", func(t *testing.T) {
		srv := NewServer(t, Config{Faults: Faults{DropAfterGroups: 3}})
		c := dialWire(t, srv.Addr())
		c.login(sqli.JDBCOffer) // groups 1 and 2
		c.openDB("testdb")      // group 3, answered, then the drop
		c.send(&sqli.Prepare{SQL: "SELECT 1 FROM systables"}, sqli.NDescribe{}, sqli.WantDone{})
		if _, err := c.read(); err == nil {
			t.Error("connection survived the drop")
		}
	})
	t.Run("garble", func(t *testing.T) {
		srv := NewServer(t, Config{Faults: Faults{GarbleAfterGroups: 3}})
		c := dialWire(t, srv.Addr())
		c.login(sqli.JDBCOffer)
		c.send(&sqli.DBOpen{Name: "testdb"})
		var pe *sqli.ProtocolError
		if _, err := c.read(); !errors.As(err, &pe) {
			t.Errorf("garbled reply decoded: %v", err)
		}
	})
	t.Run("stall", func(t *testing.T) {
		srv := NewServer(t, Config{Faults: Faults{StallAfterGroups: 3}})
		c := dialWire(t, srv.Addr())
		c.login(sqli.JDBCOffer)
		c.send(&sqli.DBOpen{Name: "testdb"})
		c.nc.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		if _, err := c.rd.ReadBackend(); err == nil || !errors.Is(err, syscall.ETIMEDOUT) && !isTimeout(err) {
			t.Errorf("stalled server answered: %v", err)
		}
	})
	t.Run("drop after bytes", func(t *testing.T) {
		srv := NewServer(t, Config{Faults: Faults{DropAfterBytes: 20}})
		c := dialWire(t, srv.Addr())
		if resp := c.associate("informix", "in4mix", "informix"); !resp.Accepted() {
			t.Fatal("rejected")
		}
		c.send(&sqli.Protocols{Features: sqli.NewFeatures(sqli.JDBCOffer)})
		c.feat = sqli.ModernFeatures()
		c.rd.SetFeatures(c.feat)
		if m, err := c.rd.ReadBackend(); err != nil || m.Tag() != sqli.TagProtocols {
			t.Fatalf("%v %v", m, err)
		}
		c.expectEOT() // 16 bytes
		c.send(&sqli.Info{})
		c.expectEOT() // 18 bytes
		c.send(&sqli.DBOpen{Name: "testdb"})
		if _, err := c.read(); err == nil {
			t.Error("reply beyond the byte budget arrived whole")
		}
	})
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// TestClientGoneEndsStatement: a client that disconnects while its
// statement runs leaves nobody to read the result; the statement must
// end (as a real server's session does), not run on and hold the
// database until Close, which here would wait for it minutes.
func TestClientGoneEndsStatement(t *testing.T) {
	srv, err := Start(Config{})
	if err != nil {
		t.Fatal(err)
	}
	c := dialWire(t, srv.Addr())
	c.login(sqli.JDBCOffer)
	c.openDB("testdb")
	r := c.roundTrip(&sqli.Prepare{SQL: "SELECT COUNT(*) FROM TABLE(ifx_generate(2000000000)) AS g(value)"}, sqli.NDescribe{}, sqli.WantDone{})
	if r.err != nil {
		t.Fatal(r.err)
	}
	id := &sqli.ID{StatementID: r.describe.StmtID}
	c.send(id, &sqli.CurName{Name: "c1"}, sqli.Open{}, id, &sqli.NFetch{BufSize: 4096})
	time.Sleep(200 * time.Millisecond)
	c.nc.Close()
	start := time.Now()
	done := make(chan struct{})
	go func() { srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Close still waits for the vanished client's statement after 20 s")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Close took %v after the client went", d)
	}
}
