package ifx_test

// Regression tests for the audit of informix-driver, item H4: a bare
// except in the error-drain path hid a wire desynchronisation, leaving a
// misaligned connection "usable". Here: whatever the driver cannot parse
// — a malformed SQ_ERR, an unknown tag, a message that has no business in
// the reply — while it drains a reply (Rows.Close, the next statement
// closing an abandoned Rows, the replies to pipelined cleanup), the error
// is returned and the connection is closed.
//
// Protection: Conn.recv (conn.go) closes the connection on any decode or
// read error, and readReply / Rows.readMessage close it on a message that
// does not belong; drain continues only over statement errors (*Error)
// on an open connection. Without the close in recv, each case below
// finds the connection still open after the error (and the next call
// would read from the middle of the broken reply).

import (
	"context"
	"errors"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/sqli"
)

// desyncBytes are replies the driver cannot trust.
var desyncBytes = map[string]func(f sqli.Features) []byte{
	// SQ_ERR whose near text has a negative length.
	"malformed SQ_ERR near text": func(f sqli.Features) []byte {
		b := sqli.AppendInt16(nil, int16(sqli.TagErr))
		b = sqli.AppendInt16(b, -206)
		b = sqli.AppendInt16(b, -111)
		if f.LongSQLText() {
			b = sqli.AppendInt32(b, 0)
		} else {
			b = sqli.AppendInt16(b, 0)
		}
		return sqli.AppendInt16(b, -16)
	},
	"unknown tag": func(sqli.Features) []byte { return []byte{0x7a, 0x7a, 0, 1, 0, 0} },
	// A SQ_PROTOCOLS in the middle of a fetch reply: a valid message
	// that belongs to no statement reply.
	"misplaced message": func(f sqli.Features) []byte {
		return (&sqli.Protocols{Features: sqli.NewFeatures(sqli.IDS15Mask)}).Encode(nil, f)
	},
}

// desyncServer answers a one-column query with two rows, then the bad
// bytes, then SQ_EOT; where says which reply carries them: "fetch" (the
// first fetch batch, drained by Rows.Close or by the next statement) or
// "cleanup" (the reply to the CLOSE/RELEASE pipelined ahead of the next
// statement).
func desyncServer(t *testing.T, bad func(sqli.Features) []byte, where string) *fakeServer {
	return newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group() // PREPARE
		fc.reply(describeInt(sqli.StmtSelect, "a"), &sqli.Done{})
		fc.group() // OPEN + NFETCH
		if where == "fetch" {
			b := intTuple(1).Encode(nil, fc.feat)
			b = intTuple(2).Encode(b, fc.feat)
			b = append(b, bad(fc.feat)...)
			fc.raw(sqli.EOT{}.Encode(b, fc.feat))
		} else {
			fc.reply(intTuple(1), intTuple(2))
		}
		for {
			_, tags := fc.group()
			switch {
			case tags[0] == sqli.TagExit.String():
				fc.raw(sqli.Exit{}.Encode(nil, fc.feat))
				return
			case where == "cleanup" && tags[1] == sqli.TagClose.String():
				fc.raw(sqli.EOT{}.Encode(bad(fc.feat), fc.feat))
				where = ""
			default:
				fc.reply(&sqli.Done{})
			}
		}
	})
}

func TestAuditH4DesyncInRowsCloseDrain(t *testing.T) {
	for name, bad := range desyncBytes {
		t.Run(name, func(t *testing.T) {
			c := fakeConnect(t, desyncServer(t, bad, "fetch"), "")
			rows, err := c.Query(ctxT(t), "SELECT a FROM t")
			if err != nil {
				t.Fatal(err)
			}
			if !rows.Next() {
				t.Fatalf("no first row: %v", rows.Err())
			}
			rows.Close() // drains row 2, then meets the bad bytes
			var pe *ifx.ProtocolError
			if !errors.As(rows.Err(), &pe) {
				t.Errorf("Rows.Err after the drain: %v, want a ProtocolError", rows.Err())
			}
			if !c.IsClosed() {
				t.Fatal("the connection is open after a desynchronised drain")
			}
			if _, err := c.Exec(ctxT(t), "UPDATE t SET a = 1"); !errors.Is(err, ifx.ErrConnClosed) {
				t.Errorf("next call: %v, want ErrConnClosed", err)
			}
		})
	}
}

func TestAuditH4DesyncWhileClosingAbandonedRows(t *testing.T) {
	for name, bad := range desyncBytes {
		t.Run(name, func(t *testing.T) {
			c := fakeConnect(t, desyncServer(t, bad, "fetch"), "")
			rows, err := c.Query(ctxT(t), "SELECT a FROM t")
			if err != nil {
				t.Fatal(err)
			}
			rows.Next()
			// Abandoned: the next statement drains the batch first.
			_, err = c.Exec(ctxT(t), "UPDATE t SET a = 1")
			if err == nil {
				t.Fatal("the statement after a desynchronised drain succeeded")
			}
			if !ifx.IsConnectionLost(err) {
				t.Errorf("error %v is not a connection error", err)
			}
			if !c.IsClosed() {
				t.Fatal("the connection is open after a desynchronised drain")
			}
		})
	}
}

func TestAuditH4DesyncInCleanupReply(t *testing.T) {
	for name, bad := range desyncBytes {
		t.Run(name, func(t *testing.T) {
			c := fakeConnect(t, desyncServer(t, bad, "cleanup"), "")
			rows, err := c.Query(ctxT(t), "SELECT a FROM t")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
			}
			rows.Close()
			// The CLOSE (and RELEASE) travel ahead of this statement; their
			// reply is broken, and that must not be swallowed as "only
			// cleanup".
			_, err = c.Exec(context.Background(), "UPDATE t SET a = 1")
			var pe *ifx.ProtocolError
			if !errors.As(err, &pe) {
				t.Errorf("statement after a broken cleanup reply: %v, want a ProtocolError", err)
			}
			if !c.IsClosed() {
				t.Fatal("the connection is open after a broken cleanup reply")
			}
		})
	}
}

// TestAuditH4StatementErrorInDrainKeepsConn is the no-over-correction
// check: a well-formed SQ_ERR inside a batch is a statement error, and
// the connection stays usable.
func TestAuditH4StatementErrorInDrainKeepsConn(t *testing.T) {
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group()
		fc.reply(describeInt(sqli.StmtSelect, "a"), &sqli.Done{})
		fc.group()
		fc.reply(intTuple(1), intTuple(2), &sqli.Err{SQLCode: -244, ISAMCode: -107})
		for {
			_, tags := fc.group()
			if tags[0] == sqli.TagExit.String() {
				fc.raw(sqli.Exit{}.Encode(nil, fc.feat))
				return
			}
			if tags[0] == sqli.TagCommand.String() {
				fc.reply(describeInt(sqli.StmtUpdate), &sqli.Done{Rows: 3})
				continue
			}
			fc.reply(&sqli.Done{Rows: 3})
		}
	})
	c := fakeConnect(t, fs, "")
	rows, err := c.Query(ctxT(t), "SELECT a FROM t")
	if err != nil {
		t.Fatal(err)
	}
	rows.Next()
	rows.Close()
	if !ifx.IsLockConflict(rows.Err()) {
		t.Errorf("Rows.Err: %v, want the -244 lock error", rows.Err())
	}
	if c.IsClosed() {
		t.Fatal("a statement error closed the connection")
	}
	tag, err := c.Exec(ctxT(t), "UPDATE t SET a = 1")
	if err != nil || tag.RowsAffected() != 3 {
		t.Fatalf("next statement: %v %v", tag, err)
	}
}
