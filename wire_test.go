package ifx_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/sqli"
)

// clientBytes returns the client-to-server bytes of a capture in
// testdata/clients.
func clientBytes(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open("testdata/clients/" + name)
	if err != nil {
		t.Skipf("capture: %v", err)
	}
	defer f.Close()
	var out []byte
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "C>S ") {
			continue
		}
		fields := strings.Fields(line)
		for _, h := range fields[2:] {
			if strings.HasPrefix(h, "|") {
				break
			}
			b, err := hex.DecodeString(h)
			if err != nil || len(b) != 1 {
				break
			}
			out = append(out, b...)
		}
	}
	return out
}

// TestConnectBytesMatchJDBC compares the login with the bytes IBM's JDBC
// driver 15.0.0.1.1 sends: the association packet up to the end of the
// environment block (the process-info and app-name blocks differ per
// process), then SQ_PROTOCOLS, SQ_INFO and SQ_DBOPEN exactly.
func TestConnectBytesMatchJDBC(t *testing.T) {
	jdbc := clientBytes(t, "jdbc15.0.0.1.1-connect-select1-create-insert-systables.hex")
	gotCh := make(chan [][]byte, 1)
	fs := newFakeServer(t, func(fc *fakeConn) {
		gotCh <- fc.login()
		fc.group() // SQ_EXIT
		fc.raw([]byte{0, 0x38})
	})
	c := fakeConnect(t, fs, "")
	got := <-gotCh
	c.Close(ctxT(t))

	conreq := got[0]
	jlen := int(jdbc[0])<<8 | int(jdbc[1])
	jreq := jdbc[:jlen]
	// The env block ends where SQ_ASCPINFO (00 6b) starts.
	envEnd := bytes.Index(jreq, []byte{0, 0x6b, 0, 0, 0, 0})
	if envEnd < 0 {
		t.Fatal("no ASCPINFO in the capture")
	}
	if !bytes.Equal(conreq[2:envEnd], jreq[2:envEnd]) {
		t.Errorf("CONREQ differs from JDBC's\n got %s\nwant %s", hexOf(conreq[2:envEnd]), hexOf(jreq[2:envEnd]))
	}
	if !bytes.HasSuffix(conreq, []byte{0, 0x7f}) {
		t.Error("CONREQ does not end with SQ_ASCEOT")
	}
	rest := jdbc[jlen:]
	for i, name := range []string{"SQ_PROTOCOLS", "SQ_INFO", "SQ_DBOPEN"} {
		want := rest[:len(got[i+1])]
		if !bytes.Equal(got[i+1], want) {
			t.Errorf("%s differs\n got %s\nwant %s", name, hexOf(got[i+1]), hexOf(want))
		}
		rest = rest[len(want):]
	}
	// What a decoder sees: the fields JDBC sends.
	var req sqli.ConnRequest
	if err := req.Decode(conreq); err != nil {
		t.Fatal(err)
	}
	if req.ProcessInfo == nil || req.ProcessInfo.PID == 0 || req.Misc == nil || req.Misc.Name == "" {
		t.Errorf("process info / app name missing: %+v %+v", req.ProcessInfo, req.Misc)
	}
}

func TestConnectEnvBlock(t *testing.T) {
	envOf := func(extra string) []sqli.EnvVar {
		ch := make(chan []sqli.EnvVar, 1)
		fs := newFakeServer(t, func(fc *fakeConn) {
			fc.login()
			ch <- append([]sqli.EnvVar(nil), fc.req.Env...)
			fc.group()
		})
		c := fakeConnect(t, fs, extra)
		c.Close(ctxT(t))
		return <-ch
	}
	got := envOf("&client_locale=en_US.utf8&db_locale=en_US.utf8&env.OPTOFC=1&env.DBDATE=DMY4/")
	want := "DBPATH=. CLIENT_LOCALE=en_US.utf8 CLNT_PAM_CAPABLE=1 DBDATE=DMY4/ IFX_UPDDESC=1 DB_LOCALE=en_US.utf8 NODEFDAC=no OPTOFC=1"
	var parts []string
	for _, e := range got {
		parts = append(parts, e.Name+"="+e.Value)
	}
	if s := strings.Join(parts, " "); s != want {
		t.Errorf("env block\n got %s\nwant %s", s, want)
	}
}

// TestSelectBytes checks the statement flow of a query against JDBC's:
// PREPARE NDESCRIBE WANTDONE; ID CURNAME OPEN ID NFETCH in one group; the
// CLOSE and RELEASE pipelined ahead of the next request. (Without the
// statement cache, which keeps the statement and sends no RELEASE:
// TestStatementCache.)
func TestSelectBytes(t *testing.T) {
	var groupsSeen [][]string
	var raws [][]byte
	finished := make(chan struct{})
	fs := newFakeServer(t, func(fc *fakeConn) {
		defer close(finished)
		fc.login()
		for {
			raw, tags := fc.group()
			groupsSeen = append(groupsSeen, tags)
			raws = append(raws, raw)
			switch tags[0] {
			case "SQ_PREPARE":
				fc.reply(describeInt(sqli.StmtSelect, "a"), &sqli.Done{}, &sqli.Cost{})
			case "SQ_ID":
				if tags[1] == "SQ_CURNAME" {
					fc.reply(intTuple(7), intTuple(8), &sqli.Done{Rows: 2}, &sqli.Cost{})
				} else {
					fc.reply()
				}
			case "SQ_EXIT":
				fc.raw([]byte{0, 0x38})
				return
			default:
				fc.reply()
			}
		}
	})
	c := fakeConnect(t, fs, "&statement_cache_capacity=0")
	ctx := ctxT(t)
	rows, err := c.Query(ctx, "SELECT a FROM t")
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for rows.Next() {
		var v int
		rows.Scan(&v)
		got = append(got, v)
	}
	if rows.Err() != nil || len(got) != 2 || got[0] != 7 || got[1] != 8 {
		t.Fatalf("rows %v %v", got, rows.Err())
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	c.Close(ctx)
	<-finished
	want := []string{
		"SQ_PREPARE SQ_NDESCRIBE SQ_WANTDONE SQ_EOT",
		"SQ_ID SQ_CURNAME SQ_OPEN SQ_ID SQ_NFETCH SQ_EOT",
		"SQ_ID SQ_CLOSE SQ_ID SQ_RELEASE SQ_EOT", // pipelined with the ping
		"SQ_PREPARE SQ_NDESCRIBE SQ_WANTDONE SQ_EOT",
		"SQ_EXIT",
	}
	for i, w := range want {
		if i >= len(groupsSeen) || strings.Join(groupsSeen[i], " ") != w {
			t.Fatalf("groups:\n%v\nwant\n%v", groupsSeen, want)
		}
	}
	prep := "00 02 00 00 00 00 00 0f 53 45 4c 45 43 54 20 61 20 46 52 4f 4d 20 74 00 00 16 00 31 00 0c"
	if hexOf(raws[0]) != prep {
		t.Errorf("PREPARE\n got %s\nwant %s", hexOf(raws[0]), prep)
	}
	open := "00 04 00 00 00 03 00 12 5f 69 66 78 63 30 30 30 30 30 30 30 30 30 30 30 30 31 00 06 00 04 00 00 00 09 00 00 7f ff 00 00 00 0c"
	if hexOf(raws[1]) != open {
		t.Errorf("OPEN+NFETCH\n got %s\nwant %s", hexOf(raws[1]), open)
	}
}

// TestEndOfDataForms accepts the three ways a server ends a result.
func TestEndOfDataForms(t *testing.T) {
	forms := map[string]func(fc *fakeConn){
		"DONE after tuples": func(fc *fakeConn) { fc.reply(intTuple(1), intTuple(2), &sqli.Done{Rows: 2}, &sqli.Cost{}) },
		"DONE in the next batch": func(fc *fakeConn) {
			fc.reply(intTuple(1), intTuple(2))
			fc.group()
			fc.reply(&sqli.Done{Rows: 2}, &sqli.Cost{})
		},
		"SQ_ERR 100": func(fc *fakeConn) {
			fc.reply(intTuple(1), intTuple(2))
			fc.group()
			fc.reply(&sqli.Err{SQLCode: 100})
		},
		"server SQ_CLOSE": func(fc *fakeConn) {
			fc.reply(intTuple(1), intTuple(2))
			fc.group()
			fc.reply(sqli.Close{})
		},
		"empty batch": func(fc *fakeConn) {
			fc.reply(intTuple(1), intTuple(2))
			fc.group()
			fc.reply()
		},
	}
	for name, form := range forms {
		t.Run(name, func(t *testing.T) {
			cleanupCh := make(chan []string, 1)
			fs := newFakeServer(t, func(fc *fakeConn) {
				fc.login()
				fc.group()
				fc.reply(describeInt(sqli.StmtSelect, "a"), &sqli.Done{}, &sqli.Cost{})
				fc.group()
				form(fc)
				_, tags := fc.group() // cleanup, pipelined with the ping
				cleanupCh <- tags
				fc.reply()
				fc.group()
				fc.reply(describeInt(sqli.StmtSelect, "a"), &sqli.Done{}, &sqli.Cost{})
				fc.group()
				fc.raw([]byte{0, 0x38})
			})
			c := fakeConnect(t, fs, "&statement_cache_capacity=0")
			ctx := ctxT(t)
			rows, err := c.Query(ctx, "SELECT a FROM t")
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				n++
			}
			if err := rows.Err(); err != nil || n != 2 {
				t.Fatalf("%d rows, %v", n, err)
			}
			if err := c.Ping(ctx); err != nil {
				t.Fatal(err)
			}
			c.Close(ctx)
			want := "SQ_ID SQ_CLOSE SQ_ID SQ_RELEASE SQ_EOT"
			if name == "server SQ_CLOSE" {
				want = "SQ_ID SQ_RELEASE SQ_EOT"
			}
			if got := strings.Join(<-cleanupCh, " "); got != want {
				t.Errorf("cleanup %q, want %q", got, want)
			}
		})
	}
}

func TestProtocolDesyncClosesConnection(t *testing.T) {
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group()
		fc.raw([]byte{0x7a, 0x7a, 0x00, 0x01, 0xff, 0xff})
		time.Sleep(100 * time.Millisecond)
	})
	c := fakeConnect(t, fs, "")
	_, err := c.Exec(ctxT(t), "DELETE FROM t")
	var pe *ifx.ProtocolError
	if !errors.As(err, &pe) || !ifx.IsConnectionLost(err) || !errors.Is(err, ifx.ErrConnClosed) {
		t.Fatalf("garbage reply: %v", err)
	}
	if !c.IsClosed() {
		t.Fatal("connection still open after a desync")
	}
	if _, err := c.Exec(ctxT(t), "DELETE FROM t"); !errors.Is(err, ifx.ErrConnClosed) {
		t.Fatalf("after desync: %v", err)
	}
}

func TestTruncatedReplyClosesConnection(t *testing.T) {
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group()
		b := sqli.AppendGroup(nil, fc.feat, &sqli.Done{Rows: 1})
		fc.raw(b[:5])
	})
	c := fakeConnect(t, fs, "")
	_, err := c.Exec(ctxT(t), "DELETE FROM t")
	if !ifx.IsConnectionLost(err) || !c.IsClosed() {
		t.Fatalf("truncated reply: %v closed=%v", err, c.IsClosed())
	}
}

// TestInterruptUnansweredClosesConnection: the server ignores the
// interrupt, so after InterruptWait the connection is closed and the
// error matches the context's.
func TestInterruptUnansweredClosesConnection(t *testing.T) {
	release := make(chan struct{})
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group()
		<-release
	})
	defer close(release)
	c := fakeConnect(t, fs, "&interrupt_wait=0.2")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Exec(ctx, "SELECT slow FROM t")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("took %v", el)
	}
	if !c.IsClosed() {
		t.Fatal("connection kept after an unanswered interrupt")
	}
}

func TestConnBusy(t *testing.T) {
	release := make(chan struct{})
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group()
		<-release
		fc.reply(&sqli.Describe{StmtType: 5}, &sqli.Done{Rows: 3})
		fc.group()
		fc.raw([]byte{0, 0x38})
	})
	c := fakeConnect(t, fs, "")
	var wg sync.WaitGroup
	wg.Add(1)
	var tag ifx.CommandTag
	var err1 error
	go func() {
		defer wg.Done()
		tag, err1 = c.Exec(context.Background(), "DELETE FROM t")
	}()
	time.Sleep(50 * time.Millisecond)
	if _, err := c.Exec(context.Background(), "DELETE FROM u"); !errors.Is(err, ifx.ErrConnBusy) {
		t.Errorf("concurrent Exec: %v", err)
	}
	if _, err := c.Query(context.Background(), "SELECT 1 FROM u"); !errors.Is(err, ifx.ErrConnBusy) {
		t.Errorf("concurrent Query: %v", err)
	}
	close(release)
	wg.Wait()
	if err1 != nil || tag.RowsAffected() != 3 {
		t.Fatalf("first Exec: %v %v", tag, err1)
	}
}
