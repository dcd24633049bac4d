package ifxtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// conn serves one client connection on its own goroutine.
type conn struct {
	srv     *Server
	netConn net.Conn
	id      int
	isTLS   bool
	rd      *sqli.Reader
	src     io.Reader // what rd reads: the socket, counted and recorded
	out     []byte
	feat    sqli.Features
	user    string
	cs      charset
	sess    *engine.Session
	stmts   map[int16]*stmt
	// opened holds the statements whose cursor was opened, for
	// ConnStats.OpenCursors: endGroup drops those closed or released
	// since, without walking every statement.
	opened  map[*stmt]struct{}
	cur     *stmt // statement chosen by the last SQ_ID of the group
	failed  bool  // a message of this group failed: skip its remaining actions
	groups  int   // request groups received after the association
	sent    int64 // bytes sent after the association
	rec     *recorder
	rowBuf  []byte
	oob     *oobWatcher
	sawInfo bool
	// pamPending: the SQ_PROTOCOLS answer asked for PAM (Config.PAM); the
	// conversation follows that group.
	pamPending bool
	sctx       context.Context // statements' context (stmtContext)
	scancel    func()
	blobGen    int32 // cursor generations, for BYTE/TEXT descriptors
	badID      bool  // the last SQ_ID named no statement (reported at first use)
	badIDn     int16
	// SQ_PUT in this group: answer with SQ_DONE of putRows (put.go).
	putGroup bool
	putRows  int64
	fp       *fpCall // an SQ_EXFPROUTINE waiting for its SQ_BIND (fastpath.go)
	// groupEnded: a client-file transfer read the group's SQ_EOT (lofile.go)
	groupEnded bool
	deferred   []byte // the rest of that group, to run after the statement
	// lost is set when a message's handler found the connection gone
	// (SQ_LODATA write data cut short): the group ends, and the session.
	lost error
}

func newConn(s *Server, nc net.Conn, id int, isTLS bool) *conn {
	c := &conn{srv: s, netConn: nc, id: id, isTLS: isTLS, stmts: map[int16]*stmt{}, opened: map[*stmt]struct{}{}, cs: utf8Charset{}}
	src := io.Reader(&countingReader{c: c, r: nc})
	if s.cfg.RecordDir != "" {
		c.rec = newRecorder(s.cfg.RecordDir, id, s.logf)
		src = c.rec.teeIn(src)
	}
	c.src = src
	// A batch's request group is up to 64 KiB (the driver's
	// maxBatchGroup): read whole, its INSERTs commit to SQLite once
	// rather than once per 8 KiB read (gather.go).
	c.rd = sqli.NewReaderSize(src, 64<<10)
	c.rd.SetMaxMessageSize(16 << 20)
	return c
}

type countingReader struct {
	c *conn
	r io.Reader
}

func (r *countingReader) Read(p []byte) (int, error) {
	// A read may wait for the client as long as it likes: the gathered
	// statements commit first (gather.go), so that no wait holds
	// SQLite's write lock.
	if err := r.c.settle(); err != nil {
		return 0, err
	}
	n, err := r.r.Read(p)
	if n > 0 {
		r.c.srv.updateStats(r.c.id, func(st *ConnStats) { st.BytesIn += int64(n) })
	}
	return n, err
}

func (c *conn) logf(format string, args ...any) {
	c.srv.logf("ifxtest conn %d: "+format, append([]any{c.id}, args...)...)
}

func (c *conn) serve() {
	defer c.close()
	c.oob = newOOBWatcher(c.netConn)
	if err := c.login(); err != nil {
		if !isNetClosed(err) {
			c.logf("login: %v", err)
		}
		return
	}
	for {
		if d := c.srv.cfg.IdleTimeout; d > 0 {
			c.netConn.SetReadDeadline(time.Now().Add(d))
		}
		done, err := c.serveGroup()
		if err != nil {
			if !isNetClosed(err) {
				c.logf("%v", err)
			}
			return
		}
		if done {
			return
		}
		if c.pamPending {
			c.pamPending = false
			if err := c.pamConversation(); err != nil {
				c.logf("%v", err)
				return
			}
		}
	}
}

func (c *conn) close() {
	for _, st := range c.stmts {
		st.closeCursor()
	}
	if c.scancel != nil {
		c.scancel()
	}
	if c.sess != nil {
		c.sess.DropLargeObjectState()
		c.sess.Close()
	}
	c.oob.close()
	c.netConn.Close()
	if c.rec != nil {
		c.rec.close()
	}
}

func isNetClosed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, io.ErrUnexpectedEOF)
}

// serveGroup reads one request group, acting on each message as it comes,
// and answers it with one response group. It reports whether the session
// ended.
func (c *conn) serveGroup() (exit bool, err error) {
	c.out = c.out[:0]
	c.cur, c.badID = nil, false
	c.failed = false
	c.fp = nil
	c.oob.drain() // an interrupt that arrived after its statement ended
	first := true
	for {
		m, err := c.rd.ReadFrontend()
		if errors.Is(err, sqli.ErrUnknownTag) {
			// A message ifxtest does not know ends its group: answer it
			// as IDS answers an unknown message and keep the session.
			return false, c.skipGroup(err)
		}
		if errors.Is(err, sqli.ErrMessageTooLarge) {
			// A well-framed message longer than ifxtest buffers: IDS
			// answers a statement too long for it with -460 and keeps
			// the session (docs/PROTOCOL.md, "Statement length").
			return false, c.skipGroupWith(errStatementTooLong, "Statement length exceeds maximum.")
		}
		if err != nil {
			var pe *sqli.ProtocolError
			if errors.As(err, &pe) {
				c.srv.violation("conn %d: %v", c.id, err)
				c.out = c.out[:0]
				c.appendErr(&engine.Error{SQLCode: -408, Message: "Invalid message type received from the sqlexec process."})
				c.reply()
			}
			return false, err
		}
		if first {
			first = false
			c.groups++
			c.srv.updateStats(c.id, func(st *ConnStats) { st.RequestGroups = c.groups })
			c.oob.groupStarted()
		}
		switch m.Tag() {
		case sqli.TagEOT:
			c.finishFastPath()
			c.oob.groupEnded()
			return false, c.endGroup()
		case sqli.TagExit:
			// SQ_EXIT needs no SQ_EOT; answer and close.
			c.rollbackOnExit()
			c.out = sqli.Exit{}.Encode(c.out[:0], c.feat)
			return true, c.write(c.out)
		}
		c.handle(m)
		if c.lost != nil {
			return false, c.lost
		}
		if c.groupEnded {
			c.runDeferred()
			c.groupEnded = false
			c.finishFastPath()
			c.oob.groupEnded()
			return false, c.endGroup()
		}
	}
}

// skipGroup answers a request group that holds a message ifxtest cannot
// decode with SQ_ERR -408 and SQ_EOT, after dropping the rest of the
// group. The unknown message's length is unknown, so the rest of the group
// is taken to be what the client sends until it falls quiet and waits for
// the answer (CHOICE, docs/PROTOCOL.md).
func (c *conn) skipGroup(err error) error {
	c.srv.violation("conn %d: %v", c.id, err)
	return c.skipGroupWith(errUnknownMessage, "Invalid message type received from the sqlexec process.")
}

// skipGroupWith drops the rest of the request group as skipGroup does and
// answers it with SQ_ERR code and SQ_EOT.
func (c *conn) skipGroupWith(code int, msg string) error {
	c.rd.Discard()
	buf := make([]byte, 4096)
	for {
		c.netConn.SetReadDeadline(time.Now().Add(groupQuiet))
		_, rerr := c.src.Read(buf)
		if rerr != nil {
			c.netConn.SetReadDeadline(time.Time{})
			var ne net.Error
			if !errors.As(rerr, &ne) || !ne.Timeout() {
				return rerr
			}
			break
		}
	}
	c.out = c.out[:0]
	c.appendErr(&engine.Error{SQLCode: code, Message: msg})
	c.out = sqli.EOT{}.Encode(c.out, c.feat)
	return c.reply()
}

// groupQuiet is how long a client sending the rest of a request group
// may pause before skipGroup takes the group as complete.
const groupQuiet = 50 * time.Millisecond

// endGroup finishes the response group, applying the configured faults.
func (c *conn) endGroup() error {
	if err := c.settle(); err != nil {
		return err
	}
	f := c.srv.cfg.Faults
	if f.StallAfterGroups > 0 && c.groups >= f.StallAfterGroups {
		// Never answer; wait for the client to give up.
		io.Copy(io.Discard, c.netConn)
		return io.EOF
	}
	c.endPutGroup()
	// Before the reply, so that a client that got it sees the count.
	open := len(c.stmts)
	for st := range c.opened {
		if c.stmts[st.id] != st || !st.cursorOpen() {
			delete(c.opened, st)
		}
	}
	cursors := len(c.opened)
	c.srv.updateStats(c.id, func(st *ConnStats) { st.OpenStatements, st.OpenCursors = open, cursors })
	c.out = sqli.EOT{}.Encode(c.out, c.feat)
	if f.GarbleAfterGroups > 0 && c.groups == f.GarbleAfterGroups {
		c.out = append(c.out[:0], 0x7a, 0x7a, 0x00, 0x01, 0xff, 0xff)
	}
	if f.Delay > 0 {
		time.Sleep(f.Delay)
	}
	if err := c.reply(); err != nil {
		return err
	}
	if f.DropAfterGroups > 0 && c.groups >= f.DropAfterGroups {
		c.drop()
		return io.EOF
	}
	return nil
}

// reply sends c.out, cutting it short and dropping the connection when
// the byte budget of Faults.DropAfterBytes runs out.
func (c *conn) reply() error {
	b := c.out
	if limit := c.srv.cfg.Faults.DropAfterBytes; limit > 0 && c.sent+int64(len(b)) >= int64(limit) {
		b = b[:int64(limit)-c.sent]
		c.write(b)
		c.drop()
		return io.EOF
	}
	return c.write(b)
}

func (c *conn) write(b []byte) error {
	if err := c.settle(); err != nil {
		return err
	}
	c.netConn.SetWriteDeadline(time.Now().Add(30 * time.Second))
	n, err := c.netConn.Write(b)
	c.sent += int64(n)
	c.srv.updateStats(c.id, func(st *ConnStats) { st.BytesOut += int64(n) })
	if c.rec != nil {
		c.rec.out(b[:n])
	}
	if err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

func (c *conn) drop() {
	if c.srv.cfg.Faults.ResetOnDrop {
		if tc, ok := c.netConn.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
	}
	c.netConn.Close()
}

func (c *conn) rollbackOnExit() {
	if c.sess != nil && c.sess.InTransaction() {
		c.sess.Rollback()
	}
}

// stmtContext returns the context an engine call runs under: it is
// cancelled when the client sends the out-of-band interrupt. One context
// serves the connection's statements until an interrupt cancels it.
func (c *conn) stmtContext() (context.Context, func()) {
	if c.sctx == nil || c.sctx.Err() != nil {
		c.sctx, c.scancel = context.WithCancel(context.Background())
	}
	return c.sctx, c.oob.watch(c.scancel)
}
