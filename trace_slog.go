package ifx

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

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
