package ifx_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
)

// TestStatementBeyondWireFieldsRefused: the parameter count travels in an
// i16. 65,537 placeholders used to be announced as 1 in SQ_PREPARE and
// SQ_BIND, and the surplus values parsed as further messages (protocol
// smuggling). A statement or argument list no field can carry is refused
// with ErrTooLong before anything is sent, on every API path, and the
// connection stays usable.
func TestStatementBeyondWireFieldsRefused(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	if srv == nil {
		t.Skip("counts the server's request groups")
	}
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, n := range []int{32768, 65537} {
		sql := "SELECT 1" + strings.Repeat(", ?", n) + " FROM systables WHERE tabid = 1"
		args := make([]any, n)
		for i := range args {
			args[i] = i
		}
		before := groups(srv)
		if _, err := c.Exec(ctx, sql, args...); !errors.Is(err, ifx.ErrTooLong) {
			t.Errorf("%d placeholders: Exec = %v, want ErrTooLong", n, err)
		}
		if _, err := c.Query(ctx, sql, args...); !errors.Is(err, ifx.ErrTooLong) {
			t.Errorf("%d placeholders: Query = %v, want ErrTooLong", n, err)
		}
		if _, err := c.Prepare(ctx, sql); !errors.Is(err, ifx.ErrTooLong) {
			t.Errorf("%d placeholders: Prepare = %v, want ErrTooLong", n, err)
		}
		var b ifx.Batch
		b.Queue(sql, args...)
		if err := c.SendBatch(ctx, &b).Close(); !errors.Is(err, ifx.ErrTooLong) {
			t.Errorf("%d placeholders: SendBatch = %v, want ErrTooLong", n, err)
		}
		if got := groups(srv); got != before {
			t.Errorf("%d placeholders: %d request groups sent", n, got-before)
		}
	}
	var one int
	if err := c.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("connection after the refusals: %d %v", one, err)
	}
	// 32,767 placeholders fit the field.
	sql := "SELECT 1" + strings.Repeat(", ?", 32767) + " FROM systables WHERE tabid = 1"
	if _, err := c.Prepare(ctx, sql); errors.Is(err, ifx.ErrTooLong) {
		t.Errorf("32,767 placeholders refused by the client: %v", err)
	}
}

// TestLongSQLTextLostConnectionSaysWhy: a server that drops the connection
// on a statement too long for it used to leave only "connection reset by
// peer"; the error now names the SQL text's length.
func TestLongSQLTextLostConnectionSaysWhy(t *testing.T) {
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group() // the long statement: hang up instead of answering
	})
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, fs.dsn(""))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	sql := "SELECT 1 FROM systables WHERE tabid = 1 AND '" + strings.Repeat("x", 1<<20) + "' = ''"
	_, err = c.Exec(ctx, sql)
	if err == nil || !strings.Contains(err.Error(), "bytes") {
		t.Fatalf("1 MiB statement, connection dropped: %v, want an error that names the length", err)
	}
}

// TestOverlongStatementKeepsSession: ifxtest answers a statement longer
// than it buffers (16 MiB) as IDS answers one too long for it, with -460,
// and the session goes on; before, it dropped the connection.
func TestOverlongStatementKeepsSession(t *testing.T) {
	if realServer() {
		t.Skip("relies on ifxtest's 16 MiB message limit")
	}
	dsn := ifxtest.NewServer(t).DSN("testdb")
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	sql := "SELECT 1 FROM systables WHERE tabid = 1 AND '" + strings.Repeat("x", 16<<20) + "' = ''"
	_, err = c.Exec(ctx, sql)
	var ie *ifx.Error
	if !errors.As(err, &ie) || ie.SQLCode != -460 {
		t.Fatalf("16 MiB statement: %v, want SQLCODE -460", err)
	}
	var one int
	if err := c.QueryRow(ctx, "SELECT 1 FROM systables WHERE tabid = 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("after -460: %d %v", one, err)
	}
}

// TestFetchBufferSizeBeyondI32Refused: SQ_NFETCH carries the buffer size
// in an i32; a Config set beyond it would have sent a wrapped, negative
// size. Connect refuses it with ErrTooLong.
func TestFetchBufferSizeBeyondI32Refused(t *testing.T) {
	cfg, err := ifx.ParseConfig("informix://u:p@127.0.0.1:1/db?server=s")
	if err != nil {
		t.Fatal(err)
	}
	cfg.FetchBufferSize = 1 << 31
	if _, err := ifx.ConnectConfig(ctxT(t), cfg); !errors.Is(err, ifx.ErrTooLong) {
		t.Fatalf("FetchBufferSize 1<<31: %v, want ErrTooLong", err)
	}
}
