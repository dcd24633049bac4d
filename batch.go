package ifx

import (
	"context"
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Batches run many statement executions in few round trips, the way IBM's
// JDBC driver runs executeBatch: one request group carries SQ_ID and then
// SQ_BIND + SQ_EXECUTE for each execution, and the server answers each
// EXECUTE with its own SQ_DONE in one reply group. A server stops reading
// a group's actions at the first error, so a batch runs in order and
// stops at the first failure:
//
//   - items before the failing one have run (outside a transaction each
//     is committed on its own, as with Exec; inside a Tx, roll back to
//     undo them);
//   - the failing item and every later one have not;
//   - the error is a *BatchError naming the failing item's index and
//     wrapping the cause (an *Error from the server, or an argument that
//     could not be encoded);
//   - the connection stays usable.
//
// A large batch is split into request groups of about maxBatchGroup
// bytes, each sent once the previous one succeeded.

// maxBatchGroup bounds the bytes of one batch request group. The server
// answers each execution with about 34 bytes (SQ_DONE + SQ_COST), so a
// group of 64 KiB (some 800 executions of a 5-column INSERT) gets a reply
// of some 30 KiB, which the client's socket buffer takes whole even if a
// server streams replies while the client is still writing the group.
const maxBatchGroup = 64 << 10

// BatchError reports the item of a batch that failed. Items before Index
// ran; Index and every later item did not.
type BatchError struct {
	Index int   // 0-based index of the failing item
	Err   error // the cause: an *Error, or an argument encoding error
}

// Error implements error.
func (e *BatchError) Error() string {
	return fmt.Sprintf("ifx: batch item %d: %v", e.Index, e.Err)
}

// Unwrap returns the cause.
func (e *BatchError) Unwrap() error { return e.Err }

// ExecBatch executes the prepared statement once for each element of
// args, in order, pipelined into as few round trips as the batch's size
// allows (a 10,000-row INSERT of five columns takes about 13). It returns
// one CommandTag per execution. On failure the returned tags are those of
// the items that ran, and the error is a *BatchError whose Index equals
// their number (see the package's batch semantics above: the items
// before Index ran, the rest did not).
//
// Outside a transaction each execution commits on its own, as with
// Exec (in an ANSI database the batch commits when it ends): run it in a
// Tx to make the batch atomic.
func (s *Stmt) ExecBatch(ctx context.Context, args [][]any) ([]CommandTag, error) {
	ctx, done := s.c.traceBatch(ctx, TraceBatchStartData{SQL: s.sql, Len: len(args)})
	tags, err := s.execBatch(ctx, args)
	done(tags, err)
	return tags, err
}

func (s *Stmt) execBatch(ctx context.Context, args [][]any) ([]CommandTag, error) {
	if s.closed {
		return nil, ErrStmtClosed
	}
	if s.p.returnsRows() {
		return nil, &BatchError{Index: 0, Err: errors.New("the statement returns rows; use Query")}
	}
	for i, a := range args {
		if err := checkArgs(s.sql, s.nParams, a); err != nil {
			return nil, &BatchError{Index: i, Err: err}
		}
	}
	if len(args) == 0 {
		return nil, nil
	}
	c := s.c
	if err := c.begin(ctx); err != nil {
		return nil, err
	}
	tags := make([]CommandTag, 0, len(args))
	err := c.runBatch(ctx, batchItems{
		more:  func(i int) bool { return i < len(args) },
		stmt:  func(int) *prepared { return s.p },
		args:  func(i int) ([]any, error) { return args[i], nil },
		onTag: func(t CommandTag) { tags = append(tags, t) },
	}, nil)
	return tags, c.end(err)
}

// Batch is a list of statements to run with Conn.SendBatch, pgx style.
type Batch struct {
	queued []*QueuedQuery
}

// QueuedQuery is one statement of a Batch.
type QueuedQuery struct {
	SQL       string
	Arguments []any
}

// Queue adds a statement with its arguments to the batch ('?'
// placeholders, or a single NamedArgs for @name ones).
func (b *Batch) Queue(sql string, args ...any) *QueuedQuery {
	q := &QueuedQuery{SQL: sql, Arguments: args}
	b.queued = append(b.queued, q)
	return q
}

// Len returns the number of queued statements.
func (b *Batch) Len() int { return len(b.queued) }

// BatchResults holds the outcome of SendBatch, one result per queued
// statement, read in order with Exec.
type BatchResults struct {
	tags []CommandTag
	n    int   // queued statements
	err  error // the batch's error (a *BatchError), nil if all ran
	next int
}

// Exec returns the next statement's result, in queue order. For the
// failing statement and every later one it returns the batch's
// *BatchError.
func (br *BatchResults) Exec() (CommandTag, error) {
	i := br.next
	if i >= br.n {
		if br.err != nil && br.n == 0 {
			return CommandTag{}, br.err
		}
		return CommandTag{}, fmt.Errorf("ifx: batch has %d results, Exec called %d times", br.n, i+1)
	}
	br.next++
	if i < len(br.tags) {
		return br.tags[i], nil
	}
	return CommandTag{}, br.err
}

// Close returns the batch's error, if any. The batch has already run in
// full when SendBatch returns, so Close releases nothing.
func (br *BatchResults) Close() error { return br.err }

// SendBatch runs the queued statements in order and returns their
// results. Every distinct statement text is prepared in one round trip
// (all of them must prepare before anything runs), then the executions
// are pipelined like Stmt.ExecBatch, the release of the statements
// travelling with the last group. A statement that fails to prepare,
// returns rows, or has the wrong number of arguments fails the batch
// before anything runs, with a *BatchError naming the first item that
// uses it. Outside a transaction each statement commits on its own, as
// with Exec.
func (c *Conn) SendBatch(ctx context.Context, b *Batch) *BatchResults {
	br := &BatchResults{n: b.Len()}
	ctx, done := c.traceBatch(ctx, TraceBatchStartData{Batch: b, Len: b.Len()})
	br.tags, br.err = c.sendBatch(ctx, b)
	done(br.tags, br.err)
	return br
}

func (c *Conn) sendBatch(ctx context.Context, b *Batch) ([]CommandTag, error) {
	if b.Len() == 0 {
		return nil, nil
	}
	// One prepared statement per distinct text.
	index := make(map[string]int)
	var texts []string
	var nparams []int
	stmtOf := make([]int, len(b.queued))
	args := make([][]any, len(b.queued))
	for i, q := range b.queued {
		sql, a, err := rewriteNamed(q.SQL, q.Arguments)
		if err != nil {
			return nil, &BatchError{Index: i, Err: err}
		}
		args[i] = a
		k, ok := index[sql]
		if !ok {
			k = len(texts)
			index[sql] = k
			texts = append(texts, sql)
			nparams = append(nparams, countPlaceholders(sql))
		}
		stmtOf[i] = k
		if err := checkArgs(sql, nparams[k], a); err != nil {
			return nil, &BatchError{Index: i, Err: err}
		}
	}
	firstUse := func(k int) int {
		for i, s := range stmtOf {
			if s == k {
				return i
			}
		}
		return 0
	}
	if err := c.begin(ctx); err != nil {
		return nil, err
	}
	ps, err := c.prepareAll(texts, nparams)
	if err != nil {
		var pe *prepareError
		if errors.As(err, &pe) {
			err = &BatchError{Index: firstUse(pe.k), Err: pe.err}
		}
		return nil, c.end(err)
	}
	release := func(buf []byte) []byte {
		for _, p := range ps {
			buf = c.appendRelease(buf, p.id)
		}
		return buf
	}
	for k, p := range ps {
		if p.returnsRows() {
			c.queueCleanup(sqli.EOT{}.Encode(release(nil), c.feat))
			return nil, c.end(&BatchError{Index: firstUse(k), Err: errors.New("the statement returns rows; use Query")})
		}
	}
	tags := make([]CommandTag, 0, len(b.queued))
	err = c.runBatch(ctx, batchItems{
		more:  func(i int) bool { return i < len(b.queued) },
		stmt:  func(i int) *prepared { return ps[stmtOf[i]] },
		args:  func(i int) ([]any, error) { return args[i], nil },
		onTag: func(t CommandTag) { tags = append(tags, t) },
	}, release)
	if err != nil && !c.isClosed() {
		// The RELEASEs at the end of the last group did not run.
		c.queueCleanup(sqli.EOT{}.Encode(release(nil), c.feat))
	}
	return tags, c.end(err)
}

// prepareError is a statement of prepareAll that failed.
type prepareError struct {
	k   int
	err error
}

func (e *prepareError) Error() string { return e.err.Error() }

// prepareAll prepares texts in one request group (PREPARE NDESCRIBE
// WANTDONE each). On failure the statements prepared before the failing
// one are released with the next request.
func (c *Conn) prepareAll(texts []string, nparams []int) ([]*prepared, error) {
	encoded := make([]string, len(texts))
	for i, sql := range texts {
		text, err := c.encodeStatement(sql, nparams[i])
		if err != nil {
			return nil, &prepareError{k: i, err: err}
		}
		encoded[i] = text
	}
	buf, pending := c.appendPending(c.wbuf[:0])
	for i, text := range encoded {
		buf = (&sqli.Prepare{NumParams: int16(nparams[i]), SQL: text}).Encode(buf, c.feat)
		buf = sqli.NDescribe{}.Encode(buf, c.feat)
		buf = sqli.WantDone{}.Encode(buf, c.feat)
	}
	buf = sqli.EOT{}.Encode(buf, c.feat)
	c.wbuf = buf[:0]
	if err := c.write("prepare", buf); err != nil {
		return nil, err
	}
	if err := c.readPendingReplies(pending); err != nil {
		return nil, err
	}
	var (
		ps     []*prepared
		sqlErr *Error
	)
	for {
		m, err := c.recv("prepare")
		if err != nil {
			return nil, err
		}
		switch m := m.(type) {
		case sqli.EOT:
			if sqlErr == nil && len(ps) != len(texts) {
				c.closeNow()
				return nil, &ProtocolError{Op: "prepare", Err: fmt.Errorf("%d SQ_DESCRIBE for %d statements", len(ps), len(texts))}
			}
			if sqlErr != nil {
				for _, p := range ps {
					c.queueRelease(p.id)
				}
				return nil, &prepareError{k: len(ps), err: sqlErr}
			}
			return ps, nil
		case *sqli.Describe:
			if err := c.adoptStatement("prepare", m.StmtID); err != nil {
				return nil, err
			}
			p := &prepared{id: m.StmtID, stmtType: m.StmtType}
			p.cols, p.columns = ifxtype.PlanColumns(m, c.feat)
			ps = append(ps, p)
		case *sqli.Err:
			c.keepFirstErr(&sqlErr, m)
		case *sqli.Done, *sqli.Cost, *sqli.XactStat:
		default:
			c.closeNow()
			return nil, &ProtocolError{Op: "prepare", Err: errors.New("unexpected " + m.Tag().String())}
		}
	}
}

// batchItems are the executions of a batch, pulled in order.
type batchItems struct {
	// more reports whether item i exists. It is called with i rising by
	// one (possibly more than once for the same i) and never again after
	// it returned false.
	more func(i int) bool
	// stmt is item i's statement.
	stmt func(i int) *prepared
	// args are item i's arguments; an error stops the batch at i, as an
	// argument that cannot be encoded does.
	args func(i int) ([]any, error)
	// encoded, if set, replaces args: item i's SQ_BIND and SQ_EXECUTE,
	// encoded when the item was queued (batchQueue).
	encoded func(i int) []byte
	// onTag receives the tag of each item that ran, in order.
	onTag func(CommandTag)
}

// runBatch executes items in request groups of about maxBatchGroup
// bytes. tail, if set, appends messages to the last group after its last
// EXECUTE. It stops at the first failure with a *BatchError, and sends
// no group once ctx is done; the error of a lost connection is returned
// as is.
func (c *Conn) runBatch(ctx context.Context, items batchItems, tail func([]byte) []byte) error {
	for i := 0; items.more(i); {
		buf, pending := c.appendPending(c.wbuf[:0])
		pendingLen := len(buf)
		start := i
		cur := int16(-1)
		var encErr error
		last := false
		for i == start || len(buf) < maxBatchGroup {
			if !items.more(i) {
				last = true
				break
			}
			p := items.stmt(i)
			mark := len(buf)
			if p.id != cur {
				buf = (&sqli.ID{StatementID: p.id}).Encode(buf, c.feat)
			}
			if items.encoded != nil {
				buf = append(buf, items.encoded(i)...)
			} else {
				args, err := items.args(i)
				if err == nil && len(args) > 0 {
					var bind *boundArgs
					if bind, err = c.encodeArgs(args); err == nil {
						buf = bind.Encode(buf, c.feat)
					}
				}
				if err != nil {
					buf, encErr = buf[:mark], err
					break
				}
				buf = sqli.Execute{}.Encode(buf, c.feat)
			}
			cur = p.id
			i++
		}
		if i == start {
			// The first item of this group cannot be encoded: nothing to send
			// but the cleanup, which waits for the next request.
			c.requeuePending(buf[:pendingLen], pending)
			return &BatchError{Index: i, Err: encErr}
		}
		if !last && encErr == nil {
			last = !items.more(i)
		}
		if err := ctx.Err(); err != nil {
			// Cancelled before the group went out (between two groups, or
			// by the caller's argument code or a Valuer while it was
			// built): send nothing rather than a group that the interrupt
			// would race. The cleanup waits for the next request.
			c.requeuePending(buf[:pendingLen], pending)
			return &BatchError{Index: start, Err: err}
		}
		if last && tail != nil {
			buf = tail(buf)
		}
		buf = sqli.EOT{}.Encode(buf, c.feat)
		c.wbuf = buf[:0]
		if err := c.write("batch", buf); err != nil {
			return err
		}
		if err := c.readPendingReplies(pending); err != nil {
			return err
		}
		err := c.readBatchReply(items, start, i)
		if be := (*BatchError)(nil); errors.As(err, &be) && be.Index == i && last && tail != nil {
			// Every execution ran; what failed was tail's cleanup.
			err = nil
		}
		if err != nil {
			return err
		}
		if encErr != nil {
			return &BatchError{Index: i, Err: encErr}
		}
		if last {
			return nil
		}
	}
	return nil
}

// readBatchReply reads the reply to the executions of items start…end-1
// (ifxconn.Conn.ReadExecReplies), handing each item's tag to items.onTag;
// a statement error is the BatchError of the item where the server
// stopped.
func (c *Conn) readBatchReply(items batchItems, start, end int) error {
	ran, sqlErr, err := c.pc.ReadExecReplies("batch", end-start, func(k int, r *reply) {
		items.onTag(commandTag(items.stmt(start+k).stmtType, r, c.feat))
	})
	if err != nil {
		return err
	}
	if sqlErr != nil {
		return &BatchError{Index: start + ran, Err: sqlErr}
	}
	return nil
}
