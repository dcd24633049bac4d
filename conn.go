package ifx

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// Conn is one session with an Informix server. It is not safe for
// concurrent use: a call made while another is running on the same Conn
// fails with ErrConnBusy, and never interleaves messages on the wire.
type Conn struct {
	cfg   *Config
	nc    net.Conn     // the stream: TCP or TLS
	tcp   *net.TCPConn // the TCP socket under it, for the interrupt byte
	rd    *sqli.Reader
	feat  sqli.Features
	codec *codec

	busy   atomic.Bool
	closed atomic.Bool
	// closeOnce guards the socket close.
	closeOnce sync.Once

	// The context watcher (pgconn's idea): armed for each exchange with
	// context.AfterFunc, it sends the interrupt when the context ends.
	wmu     sync.Mutex
	wActive bool
	wFired  bool
	wNoOOB  bool            // the interrupt could not be sent; the connection is cut
	wCtx    context.Context // guarded by wmu for the watcher; read by the owner
	// watching is true while an exchange with a cancellable context runs
	// (used only by the goroutine holding the connection).
	watching bool

	wbuf     []byte
	pending  []byte // cleanup groups sent ahead of the next request
	pendingN int    // how many reply groups they will produce
	rows     *Rows  // the result set whose cursor is open, if any
	cursorNo uint64

	savepoints int        // names nested transactions' savepoints
	stmts      *stmtCache // Query's and Exec's prepared statements; nil: none kept

	routines map[string]routineHandle // CallRoutine's resolved handles (fastpath.go)
	loBuf    []byte                   // SQ_LODATA reads into a BLOB/CLOB scan (rows_lo.go)
	loLeaks  loLeakList               // LargeObjects collected without Close (largeobject_leak.go)
	leaks    leakList                 // Stmts garbage collected without Close (stmt_leak.go)

	db     DatabaseInfo
	server ServerInfo
	tx     *Tx
	sqlTx  bool // BEGIN WORK run as SQL text, not yet ended
	// uncommitted: in an ANSI database, a call ran outside a transaction
	// and its COMMIT is still due (autocommit.go).
	uncommitted bool
	// exhausted: the server could not allocate memory for this session
	// (-208), as when it holds too many prepared statements; Reset then
	// refuses the connection (reset.go).
	exhausted bool

	peek *socketPeek // CheckConn's, made on its first call

	// liveStmts holds the statement ids the server handed out that are
	// not released: a PREPARE answered with one of them is out of step.
	liveStmts map[int16]struct{}

	bindVals []sqli.BindValue
	bindBuf  []byte
	bindEnds []int     // where each bind value's bytes end in bindBuf
	bindMsg  boundArgs // the SQ_BIND encodeArgs returns
	scratch  []byte
}

// DatabaseInfo describes the open database, as the server reported it
// when the database was opened.
type DatabaseInfo struct {
	Name           string
	Open           bool // a database is open
	Logged         bool // transaction logging: BEGIN WORK is available
	ANSI           bool // ANSI mode: a transaction is always open
	FloatAsDecimal bool // FLOAT values are stored as DECIMAL
	ReadOnly       bool // an HDR secondary server
	LocaleMismatch bool // DB_LOCALE differs from the database's locale
}

// ServerInfo describes the server that accepted the login.
type ServerInfo struct {
	Name    string // DBSERVERNAME
	Version string // e.g. "IBM Informix Dynamic Server Version 15.0.1.0.3"
	Address string // host:port connected to
}

// Config returns the configuration the connection was made with. It must
// not be modified.
func (c *Conn) Config() *Config { return c.cfg }

// DatabaseInfo returns what the server said about the open database.
func (c *Conn) DatabaseInfo() DatabaseInfo { return c.db }

// ServerInfo returns the server's name, version and address.
func (c *Conn) ServerInfo() ServerInfo { return c.server }

// IsClosed reports whether the connection was closed, by Close or because
// it broke.
func (c *Conn) IsClosed() bool { return c.closed.Load() }

// enter marks the connection busy for one call.
func (c *Conn) enter() error {
	if c.closed.Load() {
		return ErrConnClosed
	}
	if !c.busy.CompareAndSwap(false, true) {
		return ErrConnBusy
	}
	if c.closed.Load() {
		c.busy.Store(false)
		return ErrConnClosed
	}
	return nil
}

func (c *Conn) leave() { c.busy.Store(false) }

// closeNow closes the socket at once; the session is over.
func (c *Conn) closeNow() {
	c.closed.Store(true)
	c.closeOnce.Do(func() {
		if c.nc != nil {
			c.nc.Close()
		}
	})
}

// arm starts an exchange governed by ctx: socket deadlines follow the
// context (or the configured timeouts) and, while the exchange blocks in
// a socket read or write, the watcher interrupts the statement if the
// context ends. It fails without touching the connection when ctx is
// already done.
func (c *Conn) arm(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.setDeadlines(ctx)
	if ctx.Done() == nil {
		return nil
	}
	c.wmu.Lock()
	c.wActive, c.wFired, c.wNoOOB, c.wCtx = true, false, false, ctx
	c.wmu.Unlock()
	c.watching = true
	return nil
}

// disarm ends the exchange's watch and reports whether the interrupt
// fired (and whether it could not be sent in-band).
func (c *Conn) disarm() (fired, noOOB bool, ctxErr error) {
	if !c.watching {
		return false, false, nil
	}
	c.watching = false
	c.wmu.Lock()
	fired, noOOB = c.wFired, c.wNoOOB
	if fired {
		ctxErr = context.Cause(c.wCtx)
		if ctxErr == nil {
			ctxErr = c.wCtx.Err()
		}
		if !errors.Is(ctxErr, context.Canceled) && !errors.Is(ctxErr, context.DeadlineExceeded) {
			ctxErr = errors.Join(c.wCtx.Err(), ctxErr)
		}
	}
	c.wActive, c.wFired, c.wNoOOB, c.wCtx = false, false, false, nil
	c.wmu.Unlock()
	return fired, noOOB, ctxErr
}

// watchedIO is the connection's stream as the reader and writer see it:
// every socket read and write that an exchange makes runs under a
// context.AfterFunc, so the interrupt is sent only while the driver waits
// for the network (no goroutine, one small allocation per syscall). Rows
// already buffered are consumed without any.
type watchedIO struct{ c *Conn }

func (w watchedIO) Read(p []byte) (int, error) {
	c := w.c
	if !c.watching {
		return c.nc.Read(p)
	}
	ctx := c.wCtx
	if ctx.Err() != nil {
		// Cancelled while the application was busy: the reply is still
		// incomplete, so interrupt before waiting for it.
		c.interrupt()
	}
	stop := watchContext(ctx, c.interrupt)
	n, err := c.nc.Read(p)
	stop()
	if n == 0 && err != nil && ctx.Err() != nil && isTimeout(err) && c.interruptLate() {
		// The socket's backstop deadline came before the watcher ran (a
		// starved timer goroutine): the statement was never interrupted
		// and still runs on the server. Interrupt it now and wait for
		// the acknowledgement, as if the watcher had been on time.
		return c.nc.Read(p)
	}
	return n, err
}

// watchContext is context.AfterFunc; tests replace it with a watcher
// that never runs, to reproduce one that runs too late.
var watchContext = context.AfterFunc

// interruptLate sends the interrupt the watcher should have sent, and
// reports whether it did (false: it had fired, or the interrupt could
// not be sent).
func (c *Conn) interruptLate() bool {
	c.wmu.Lock()
	fired := c.wFired
	c.wmu.Unlock()
	if fired {
		return false
	}
	c.interrupt()
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.wFired && !c.wNoOOB
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func (w watchedIO) Write(p []byte) (int, error) {
	c := w.c
	if !c.watching {
		return c.nc.Write(p)
	}
	stop := watchContext(c.wCtx, c.interrupt)
	n, err := c.nc.Write(p)
	stop()
	return n, err
}

// interrupt runs on the context's AfterFunc goroutine: it sends the
// out-of-band interrupt and gives the server InterruptWait to answer
// with -213, or cuts the connection when the interrupt cannot be sent.
func (c *Conn) interrupt() {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if !c.wActive || c.wFired {
		return
	}
	c.wFired = true
	if c.tcp != nil && sendInterrupt(c.tcp) == nil {
		d := time.Now().Add(c.cfg.InterruptWait)
		c.nc.SetReadDeadline(d)
		c.nc.SetWriteDeadline(d)
		return
	}
	c.wNoOOB = true
	c.nc.SetDeadline(time.Now())
}

func (c *Conn) setDeadlines(ctx context.Context) {
	var rd, wd time.Time
	if d, ok := ctx.Deadline(); ok {
		// The watcher interrupts at d; the socket deadline is the
		// backstop if the server then stays silent.
		rd = d.Add(c.cfg.InterruptWait + 100*time.Millisecond)
		wd = rd
	} else {
		now := time.Now()
		if c.cfg.ReadTimeout > 0 {
			rd = now.Add(c.cfg.ReadTimeout)
		}
		if c.cfg.WriteTimeout > 0 {
			wd = now.Add(c.cfg.WriteTimeout)
		}
	}
	c.nc.SetReadDeadline(rd)
	c.nc.SetWriteDeadline(wd)
}

// refreshReadDeadline extends the read deadline during a long result
// when a ReadTimeout (and no context deadline) applies.
func (c *Conn) refreshReadDeadline(ctx context.Context) {
	if c.cfg.ReadTimeout <= 0 {
		return
	}
	if _, ok := ctx.Deadline(); ok {
		return
	}
	c.wmu.Lock()
	fired := c.wFired
	c.wmu.Unlock()
	if !fired {
		c.nc.SetReadDeadline(time.Now().Add(c.cfg.ReadTimeout))
	}
}

// finish ends an exchange: it disarms the watcher and turns the outcome
// into the error the caller returns. After an interrupt the connection
// stays usable only if the server acknowledged it with -213.
func (c *Conn) finish(err error) error {
	fired, noOOB, ctxErr := c.disarm()
	if !fired {
		return err
	}
	if err == nil {
		// The statement completed before the interrupt took effect; the
		// server may still act on the interrupt later, so the session
		// cannot be trusted any more.
		c.closeNow()
		return nil
	}
	var se *Error
	if errors.As(err, &se) && se.SQLCode == -213 && !noOOB && !c.closed.Load() {
		return &canceledError{ctxErr: ctxErr, cause: err}
	}
	c.closeNow()
	return &canceledError{ctxErr: ctxErr, cause: err}
}

// write sends b; a failed write leaves a partial group on the wire, so it
// closes the connection.
func (c *Conn) write(op string, b []byte) error {
	if err := c.checkNoStray(op); err != nil {
		return err
	}
	if _, err := (watchedIO{c}).Write(b); err != nil {
		c.closeNow()
		return &connLostError{op: op, err: err}
	}
	return nil
}

// recv reads the next server message. Any failure closes the connection:
// the stream has no framing to resynchronise on.
func (c *Conn) recv(op string) (sqli.Message, error) {
	m, err := c.rd.ReadBackend()
	if err != nil {
		c.closeNow()
		var pe *sqli.ProtocolError
		if errors.As(err, &pe) || errors.Is(err, sqli.ErrMessageTooLarge) {
			return nil, &ProtocolError{Op: op, Err: err}
		}
		return nil, &connLostError{op: op, err: err}
	}
	if m.Tag() == sqli.TagExit {
		c.closeNow()
		return nil, &connLostError{op: op, err: errors.New("the server ended the session (SQ_EXIT)")}
	}
	return m, nil
}

// reply collects what a response group said.
type reply struct {
	err        *Error // the first SQL error (end of data excluded)
	endOfData  bool   // SQ_ERR 100
	closed     bool   // the server closed the cursor (SQ_CLOSE)
	done       bool
	doneMsg    sqli.Done
	insertDone bool
	insert     sqli.InsertDone
	describe   *sqli.Describe // copied
	descCount  int
}

// readReply reads messages up to SQ_EOT. Statement errors land in r.err
// and leave the connection usable; the returned error means the
// connection is gone.
func (c *Conn) readReply(op string, r *reply) error {
	for {
		m, err := c.recv(op)
		if err != nil {
			return err
		}
		switch m := m.(type) {
		case sqli.EOT:
			return nil
		case *sqli.Err:
			c.noteErr(r, m)
		case *sqli.Done:
			if err := c.checkDone(op, m); err != nil {
				return err
			}
			r.done = true
			r.doneMsg = *m
		case *sqli.InsertDone:
			r.insertDone = true
			r.insert = *m
		case *sqli.Describe:
			r.describe = copyDescribe(m)
			r.descCount++
		case sqli.Close:
			r.closed = true
		case *sqli.Cost, *sqli.XactStat:
		case *sqli.Tuple:
			// Tuples only answer fetches, which Rows reads itself.
			c.closeNow()
			return &ProtocolError{Op: op, Err: errors.New("unexpected SQ_TUPLE")}
		default:
			c.closeNow()
			return &ProtocolError{Op: op, Err: errors.New("unexpected " + m.Tag().String())}
		}
	}
}

func (c *Conn) noteErr(r *reply, m *sqli.Err) {
	if m.SQLCode == sqli.SQLCodeNotFound {
		r.endOfData = true
		return
	}
	if m.SQLCode == sqlCodeNoMemory {
		c.exhausted = true
	}
	if r.err == nil {
		near := m.Near
		if near != "" && c.codec != nil {
			near = c.codec.decode([]byte(near), &c.scratch)
		}
		r.err = newServerError(int(m.SQLCode), int(m.ISAMCode), int(m.Offset), near)
	}
}

// keepFirstErr records the statement error m carries in *first, unless
// an earlier one is there (a group reports its first failure).
func (c *Conn) keepFirstErr(first **Error, m *sqli.Err) {
	var r reply
	c.noteErr(&r, m)
	if *first == nil && r.err != nil {
		*first = r.err
	}
}

func copyDescribe(m *sqli.Describe) *sqli.Describe {
	d := *m
	d.Columns = append([]sqli.ColumnDesc(nil), m.Columns...)
	return &d
}

// takePending returns the queued cleanup groups for sending ahead of the
// next request, and how many replies to read for them first.
func (c *Conn) appendPending(dst []byte) ([]byte, int) {
	n := c.pendingN
	dst = append(dst, c.pending...)
	c.pending = c.pending[:0]
	c.pendingN = 0
	return dst, n
}

// requeuePending puts back the n cleanup groups appendPending moved into
// groups (a request that will not be sent), for the next request; the
// write buffer is free again.
func (c *Conn) requeuePending(groups []byte, n int) {
	c.wbuf = groups[:0]
	if n > 0 {
		c.pending = append(c.pending[:0], groups...)
		c.pendingN = n
	}
}

// queueCleanup adds a request group (already ending in SQ_EOT) to send
// ahead of the next request.
func (c *Conn) queueCleanup(group []byte) {
	c.pending = append(c.pending, group...)
	c.pendingN++
}

// readPendingReplies consumes the replies to the cleanup groups; their
// statement errors do not concern the caller.
func (c *Conn) readPendingReplies(n int) error {
	for range n {
		var r reply
		if err := c.readReply("cleanup", &r); err != nil {
			return err
		}
	}
	return nil
}

// roundTrip sends the queued cleanup groups and then group (a complete
// request group) in one write, and reads the replies to all of them; r
// receives the reply to group.
func (c *Conn) roundTrip(op string, group func([]byte) []byte, r *reply) error {
	buf, n := c.appendPending(c.wbuf[:0])
	buf = group(buf)
	c.wbuf = buf[:0]
	if err := c.write(op, buf); err != nil {
		return err
	}
	if err := c.readPendingReplies(n); err != nil {
		return err
	}
	return c.readReply(op, r)
}
