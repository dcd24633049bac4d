package ifx

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/ifxgo/ifx/sqli"
)

// QueryTracer sees the statements a Conn runs: Query, QueryRow and Exec,
// on the Conn, a Tx or a Stmt. Set it as Config.Tracer; the same value
// may also implement BatchTracer, CopyFromTracer, PrepareTracer and
// ConnectTracer, which are then used too. The Trace*Start methods return the context the
// call goes on with (derive it from ctx, or cancellation is lost), and
// the matching Trace*End gets it.
//
// For Query, TraceQueryEnd runs when the Rows is done: at its end, on
// an error, or at Close.
type QueryTracer interface {
	TraceQueryStart(ctx context.Context, conn *Conn, data TraceQueryStartData) context.Context
	TraceQueryEnd(ctx context.Context, conn *Conn, data TraceQueryEndData)
}

// TraceQueryStartData describes a statement about to run.
type TraceQueryStartData struct {
	SQL  string
	Args []any // as the caller passed them; a copy of the slice, the tracer may keep it
}

// TraceQueryEndData is a statement's outcome. For Query, CommandTag
// counts the rows read.
type TraceQueryEndData struct {
	CommandTag CommandTag
	Err        error
}

// BatchTracer sees Stmt.ExecBatch and Conn.SendBatch.
type BatchTracer interface {
	TraceBatchStart(ctx context.Context, conn *Conn, data TraceBatchStartData) context.Context
	TraceBatchEnd(ctx context.Context, conn *Conn, data TraceBatchEndData)
}

// TraceBatchStartData describes a batch: for ExecBatch the statement's
// SQL, for SendBatch the Batch.
type TraceBatchStartData struct {
	SQL   string // ExecBatch
	Batch *Batch // SendBatch
	Len   int    // executions
}

// TraceBatchEndData is a batch's outcome: one CommandTag per execution
// that ran, and the error (a *BatchError) if one failed.
type TraceBatchEndData struct {
	CommandTags []CommandTag
	Err         error
}

// CopyFromTracer sees Conn.CopyFrom.
type CopyFromTracer interface {
	TraceCopyFromStart(ctx context.Context, conn *Conn, data TraceCopyFromStartData) context.Context
	TraceCopyFromEnd(ctx context.Context, conn *Conn, data TraceCopyFromEndData)
}

// TraceCopyFromStartData describes a copy about to run.
type TraceCopyFromStartData struct {
	TableName   Identifier
	ColumnNames []string
}

// TraceCopyFromEndData is a copy's outcome: an INSERT tag with the rows
// inserted, and the error.
type TraceCopyFromEndData struct {
	CommandTag CommandTag
	Err        error
}

// PrepareTracer sees Conn.Prepare.
type PrepareTracer interface {
	TracePrepareStart(ctx context.Context, conn *Conn, data TracePrepareStartData) context.Context
	TracePrepareEnd(ctx context.Context, conn *Conn, data TracePrepareEndData)
}

// TracePrepareStartData describes a statement about to be prepared.
type TracePrepareStartData struct {
	SQL string
}

// TracePrepareEndData is the outcome of a Prepare.
type TracePrepareEndData struct {
	Err error
}

// ConnectTracer sees ConnectConfig (and Connect).
type ConnectTracer interface {
	TraceConnectStart(ctx context.Context, data TraceConnectStartData) context.Context
	TraceConnectEnd(ctx context.Context, data TraceConnectEndData)
}

// TraceConnectStartData describes a connection about to be made. Its
// Config must not be modified.
type TraceConnectStartData struct {
	Config *Config
}

// TraceConnectEndData is the outcome of a connect: the Conn or the error.
type TraceConnectEndData struct {
	Conn *Conn
	Err  error
}

// traceQuery starts tracing a statement, if a tracer is set; done ends
// it (nil when there is no tracer).
func (c *Conn) traceQuery(ctx context.Context, sql string, args []any) (context.Context, func(CommandTag, error)) {
	t := c.cfg.Tracer
	if t == nil {
		return ctx, nil
	}
	// The caller may reuse its argument slice before the trace ends (package
	// stdlib clears its buffer when Query returns, while a Query's trace ends
	// when the Rows closes): a tracer keeps a copy, never the caller's slice.
	ctx = t.TraceQueryStart(ctx, c, TraceQueryStartData{SQL: sql, Args: slices.Clone(args)})
	return ctx, func(tag CommandTag, err error) {
		t.TraceQueryEnd(ctx, c, TraceQueryEndData{CommandTag: tag, Err: err})
	}
}

// traceQueryFailed ends the trace of a Query that returned no Rows.
func traceQueryFailed(err error, done func(CommandTag, error)) {
	if err != nil && done != nil {
		done(CommandTag{}, err)
	}
}

// takeTrace hands the end of a Query's trace to its Rows, and ends it at
// once when the Rows is already closed.
func (r *Rows) takeTrace(done func(CommandTag, error)) {
	if done == nil {
		return
	}
	r.traceDone = done
	if r.closed {
		r.endTrace()
	}
}

// traceOpenRows is takeTrace for the connection's open Rows. Query calls
// it before it unlocks the connection (endQuery): from the unlock on,
// another goroutine's call may close that Rows (detachRows) and end its
// trace.
func (c *Conn) traceOpenRows(rows *Rows, done func(CommandTag, error)) {
	rows.takeTrace(done)
	// The connection's record ends the trace if the Rows is collected
	// with its cursor open (rows_leak.go).
	c.open.traceDone = done
}

// endTrace reports a Rows' outcome to the tracer, once.
func (r *Rows) endTrace() {
	if done := r.traceDone; done != nil {
		r.traceDone = nil
		done(r.CommandTag(), r.Err())
	}
}

func (c *Conn) traceBatch(ctx context.Context, data TraceBatchStartData) (context.Context, func([]CommandTag, error)) {
	t, ok := c.cfg.Tracer.(BatchTracer)
	if !ok {
		return ctx, func([]CommandTag, error) {}
	}
	ctx = t.TraceBatchStart(ctx, c, data)
	return ctx, func(tags []CommandTag, err error) {
		t.TraceBatchEnd(ctx, c, TraceBatchEndData{CommandTags: tags, Err: err})
	}
}

func (c *Conn) traceCopyFrom(ctx context.Context, table Identifier, columns []string) (context.Context, func(int64, error)) {
	t, ok := c.cfg.Tracer.(CopyFromTracer)
	if !ok {
		return ctx, func(int64, error) {}
	}
	ctx = t.TraceCopyFromStart(ctx, c, TraceCopyFromStartData{TableName: table, ColumnNames: columns})
	return ctx, func(n int64, err error) {
		tag := CommandTag{stmtType: sqli.StmtInsert, rows: n}
		t.TraceCopyFromEnd(ctx, c, TraceCopyFromEndData{CommandTag: tag, Err: err})
	}
}

func (c *Conn) tracePrepare(ctx context.Context, sql string) (context.Context, func(error)) {
	t, ok := c.cfg.Tracer.(PrepareTracer)
	if !ok {
		return ctx, func(error) {}
	}
	ctx = t.TracePrepareStart(ctx, c, TracePrepareStartData{SQL: sql})
	return ctx, func(err error) { t.TracePrepareEnd(ctx, c, TracePrepareEndData{Err: err}) }
}

func traceConnect(ctx context.Context, cfg *Config) (context.Context, func(*Conn, error)) {
	t, ok := cfg.Tracer.(ConnectTracer)
	if !ok {
		return ctx, func(*Conn, error) {}
	}
	ctx = t.TraceConnectStart(ctx, TraceConnectStartData{Config: cfg})
	return ctx, func(c *Conn, err error) { t.TraceConnectEnd(ctx, TraceConnectEndData{Conn: c, Err: err}) }
}

// MultiTracer passes every trace to each of its tracers in order, so that
// several can watch one Config (SlogTracer and an OpenTelemetry tracer, say).
// Nil elements are skipped; a tracer that lacks one of the optional interfaces (BatchTracer,
// CopyFromTracer, PrepareTracer, ConnectTracer) is skipped for those calls.
// Each tracer's Start gets the context the previous one returned, and each
// End gets the context its own Start returned.
type MultiTracer []QueryTracer

var (
	_ QueryTracer    = MultiTracer(nil)
	_ BatchTracer    = MultiTracer(nil)
	_ CopyFromTracer = MultiTracer(nil)
	_ PrepareTracer  = MultiTracer(nil)
	_ ConnectTracer  = MultiTracer(nil)
)

// multiKey finds, in the context an End gets, the contexts the tracers'
// Starts returned. The key holds the MultiTracer's identity (its first
// element's address) so that nested MultiTracers do not mix them up.
type multiKey struct{ m *QueryTracer }

func (m MultiTracer) key() multiKey {
	if len(m) == 0 {
		return multiKey{}
	}
	return multiKey{&m[0]}
}

// start calls f for each tracer that implements the hook (f reports
// whether it did) and keeps the contexts for end.
func (m MultiTracer) start(ctx context.Context, f func(ctx context.Context, t QueryTracer) (context.Context, bool)) context.Context {
	ctxs := make([]context.Context, len(m))
	for i, t := range m {
		if t == nil {
			continue
		}
		if next, ok := f(ctx, t); ok {
			ctxs[i], ctx = next, next
		}
	}
	return context.WithValue(ctx, m.key(), ctxs)
}

// end calls f for each tracer whose start ran, with its own context.
func (m MultiTracer) end(ctx context.Context, f func(ctx context.Context, t QueryTracer)) {
	ctxs, _ := ctx.Value(m.key()).([]context.Context)
	for i, t := range m {
		if i < len(ctxs) && ctxs[i] != nil {
			f(ctxs[i], t)
		}
	}
}

// TraceQueryStart implements QueryTracer.
func (m MultiTracer) TraceQueryStart(ctx context.Context, c *Conn, data TraceQueryStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		return t.TraceQueryStart(ctx, c, data), true
	})
}

// TraceQueryEnd implements QueryTracer.
func (m MultiTracer) TraceQueryEnd(ctx context.Context, c *Conn, data TraceQueryEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.TraceQueryEnd(ctx, c, data) })
}

// TraceBatchStart implements BatchTracer.
func (m MultiTracer) TraceBatchStart(ctx context.Context, c *Conn, data TraceBatchStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		if bt, ok := t.(BatchTracer); ok {
			return bt.TraceBatchStart(ctx, c, data), true
		}
		return nil, false
	})
}

// TraceBatchEnd implements BatchTracer.
func (m MultiTracer) TraceBatchEnd(ctx context.Context, c *Conn, data TraceBatchEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.(BatchTracer).TraceBatchEnd(ctx, c, data) })
}

// TraceCopyFromStart implements CopyFromTracer.
func (m MultiTracer) TraceCopyFromStart(ctx context.Context, c *Conn, data TraceCopyFromStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		if ct, ok := t.(CopyFromTracer); ok {
			return ct.TraceCopyFromStart(ctx, c, data), true
		}
		return nil, false
	})
}

// TraceCopyFromEnd implements CopyFromTracer.
func (m MultiTracer) TraceCopyFromEnd(ctx context.Context, c *Conn, data TraceCopyFromEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.(CopyFromTracer).TraceCopyFromEnd(ctx, c, data) })
}

// TracePrepareStart implements PrepareTracer.
func (m MultiTracer) TracePrepareStart(ctx context.Context, c *Conn, data TracePrepareStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		if pt, ok := t.(PrepareTracer); ok {
			return pt.TracePrepareStart(ctx, c, data), true
		}
		return nil, false
	})
}

// TracePrepareEnd implements PrepareTracer.
func (m MultiTracer) TracePrepareEnd(ctx context.Context, c *Conn, data TracePrepareEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.(PrepareTracer).TracePrepareEnd(ctx, c, data) })
}

// TraceConnectStart implements ConnectTracer.
func (m MultiTracer) TraceConnectStart(ctx context.Context, data TraceConnectStartData) context.Context {
	return m.start(ctx, func(ctx context.Context, t QueryTracer) (context.Context, bool) {
		if ct, ok := t.(ConnectTracer); ok {
			return ct.TraceConnectStart(ctx, data), true
		}
		return nil, false
	})
}

// TraceConnectEnd implements ConnectTracer.
func (m MultiTracer) TraceConnectEnd(ctx context.Context, data TraceConnectEndData) {
	m.end(ctx, func(ctx context.Context, t QueryTracer) { t.(ConnectTracer).TraceConnectEnd(ctx, data) })
}

// SlogTracer logs statements, batches, copies, prepares and connects through a
// log/slog Logger: one record per call when it ends, with the SQL, the
// duration, the outcome and, if LogArgs is set, the arguments. A failed
// call logs at ErrorLevel (except a QueryRow that found no row), the
// others at Level.
type SlogTracer struct {
	Logger  *slog.Logger // nil: slog.Default()
	Level   slog.Level   // of successful calls; slog.LevelInfo when zero
	LogArgs bool         // arguments can hold personal data: off by default
}

var (
	_ QueryTracer    = (*SlogTracer)(nil)
	_ BatchTracer    = (*SlogTracer)(nil)
	_ CopyFromTracer = (*SlogTracer)(nil)
	_ PrepareTracer  = (*SlogTracer)(nil)
	_ ConnectTracer  = (*SlogTracer)(nil)
)

// slogStart is what a Trace*Start puts in the context for its End.
type slogStart struct {
	at   time.Time
	sql  string
	args []any
}

type slogStartKey struct{}

func (t *SlogTracer) start(ctx context.Context, sql string, args []any) context.Context {
	return context.WithValue(ctx, slogStartKey{}, &slogStart{at: time.Now(), sql: sql, args: args})
}

func (t *SlogTracer) log(ctx context.Context, msg string, err error, attrs ...slog.Attr) {
	l := t.Logger
	if l == nil {
		l = slog.Default()
	}
	level := t.Level
	if err != nil && !errors.Is(err, ErrNoRows) {
		level = slog.LevelError
	}
	if !l.Enabled(ctx, level) {
		return
	}
	if s, ok := ctx.Value(slogStartKey{}).(*slogStart); ok {
		if s.sql != "" {
			attrs = append(attrs, slog.String("sql", s.sql))
		}
		if t.LogArgs && s.args != nil {
			attrs = append(attrs, slog.Any("args", s.args))
		}
		attrs = append(attrs, slog.Duration("duration", time.Since(s.at)))
	}
	if err != nil {
		attrs = append(attrs, slog.Any("err", err))
	}
	l.LogAttrs(ctx, level, msg, attrs...)
}

func connAttrs(c *Conn) slog.Attr {
	if c == nil {
		return slog.Attr{}
	}
	return slog.String("server", c.pc.ServerInfo().Name)
}

// TraceQueryStart implements QueryTracer.
func (t *SlogTracer) TraceQueryStart(ctx context.Context, _ *Conn, data TraceQueryStartData) context.Context {
	return t.start(ctx, data.SQL, data.Args)
}

// TraceQueryEnd implements QueryTracer.
func (t *SlogTracer) TraceQueryEnd(ctx context.Context, c *Conn, data TraceQueryEndData) {
	if data.Err != nil {
		t.log(ctx, "ifx: query", data.Err, connAttrs(c))
		return
	}
	t.log(ctx, "ifx: query", nil, connAttrs(c), slog.String("tag", data.CommandTag.String()))
}

// TraceBatchStart implements BatchTracer.
func (t *SlogTracer) TraceBatchStart(ctx context.Context, _ *Conn, data TraceBatchStartData) context.Context {
	ctx = t.start(ctx, data.SQL, nil)
	return context.WithValue(ctx, slogBatchLenKey{}, data.Len)
}

type slogBatchLenKey struct{}

// TraceBatchEnd implements BatchTracer.
func (t *SlogTracer) TraceBatchEnd(ctx context.Context, c *Conn, data TraceBatchEndData) {
	n, _ := ctx.Value(slogBatchLenKey{}).(int)
	t.log(ctx, "ifx: batch", data.Err, connAttrs(c), slog.Int("len", n), slog.Int("ran", len(data.CommandTags)))
}

// TraceCopyFromStart implements CopyFromTracer; the record's sql is the
// INSERT that CopyFrom runs.
func (t *SlogTracer) TraceCopyFromStart(ctx context.Context, _ *Conn, data TraceCopyFromStartData) context.Context {
	sql, _ := copyInsertSQL(data.TableName, data.ColumnNames) // "" for a bad name
	return t.start(ctx, sql, nil)
}

// TraceCopyFromEnd implements CopyFromTracer.
func (t *SlogTracer) TraceCopyFromEnd(ctx context.Context, c *Conn, data TraceCopyFromEndData) {
	t.log(ctx, "ifx: copy", data.Err, connAttrs(c), slog.Int64("rows", data.CommandTag.RowsAffected()))
}

// TracePrepareStart implements PrepareTracer.
func (t *SlogTracer) TracePrepareStart(ctx context.Context, _ *Conn, data TracePrepareStartData) context.Context {
	return t.start(ctx, data.SQL, nil)
}

// TracePrepareEnd implements PrepareTracer.
func (t *SlogTracer) TracePrepareEnd(ctx context.Context, c *Conn, data TracePrepareEndData) {
	t.log(ctx, "ifx: prepare", data.Err, connAttrs(c))
}

// TraceConnectStart implements ConnectTracer.
func (t *SlogTracer) TraceConnectStart(ctx context.Context, data TraceConnectStartData) context.Context {
	ctx = t.start(ctx, "", nil)
	return context.WithValue(ctx, slogConnectKey{}, data.Config)
}

type slogConnectKey struct{}

// TraceConnectEnd implements ConnectTracer. The password is never
// logged: the record names hosts, server, database and user.
func (t *SlogTracer) TraceConnectEnd(ctx context.Context, data TraceConnectEndData) {
	attrs := []slog.Attr{}
	if cfg, ok := ctx.Value(slogConnectKey{}).(*Config); ok {
		hosts := make([]string, len(cfg.Hosts))
		for i, h := range cfg.Hosts {
			hosts[i] = h.String()
		}
		attrs = append(attrs, slog.Any("hosts", hosts), slog.String("server", cfg.Server),
			slog.String("database", cfg.Database), slog.String("user", cfg.User))
	}
	t.log(ctx, "ifx: connect", data.Err, attrs...)
}
