package ifxotel

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/ifxgo/ifx"
)

// ScopeName is the instrumentation scope of the spans.
const ScopeName = "github.com/ifxgo/ifx/contrib/otel"

// Attribute keys of the database semantic conventions.
const (
	keySystem       = attribute.Key("db.system.name")
	keyNamespace    = attribute.Key("db.namespace")
	keyQueryText    = attribute.Key("db.query.text")
	keyOperation    = attribute.Key("db.operation.name")
	keyCollection   = attribute.Key("db.collection.name")
	keyBatchSize    = attribute.Key("db.operation.batch.size")
	keyReturnedRows = attribute.Key("db.response.returned_rows")
	keyStatusCode   = attribute.Key("db.response.status_code")
	keyServerAddr   = attribute.Key("server.address")
	keyServerPort   = attribute.Key("server.port")
	keyErrorType    = attribute.Key("error.type")
)

// System is the value of db.system.name.
const System = "informix"

// Tracer turns ifx's trace hooks into OpenTelemetry spans. It implements
// ifx.QueryTracer, ifx.BatchTracer, ifx.CopyFromTracer, ifx.PrepareTracer
// and ifx.ConnectTracer. Make one with NewTracer; it is safe for
// concurrent use by many connections.
type Tracer struct {
	tracer    trace.Tracer
	attrs     []attribute.KeyValue
	queryText bool
}

var (
	_ ifx.QueryTracer    = (*Tracer)(nil)
	_ ifx.BatchTracer    = (*Tracer)(nil)
	_ ifx.CopyFromTracer = (*Tracer)(nil)
	_ ifx.PrepareTracer  = (*Tracer)(nil)
	_ ifx.ConnectTracer  = (*Tracer)(nil)
)

// Option configures a Tracer.
type Option func(*Tracer)

// WithTracerProvider sets the provider the spans come from; the global
// one (otel.GetTracerProvider) by default.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(t *Tracer) { t.tracer = tp.Tracer(ScopeName) }
}

// WithAttributes adds attributes to every span.
func WithAttributes(attrs ...attribute.KeyValue) Option {
	return func(t *Tracer) { t.attrs = append(t.attrs, attrs...) }
}

// WithoutQueryText leaves db.query.text out: for applications that put
// literal values, which may be sensitive, into their SQL instead of
// binding them as arguments.
func WithoutQueryText() Option {
	return func(t *Tracer) { t.queryText = false }
}

// NewTracer returns a Tracer for ifx.Config.Tracer.
func NewTracer(opts ...Option) *Tracer {
	t := &Tracer{queryText: true}
	for _, o := range opts {
		o(t)
	}
	if t.tracer == nil {
		t.tracer = otel.GetTracerProvider().Tracer(ScopeName)
	}
	return t
}

// start opens a client span with the common attributes plus attrs.
func (t *Tracer) start(ctx context.Context, name string, c *ifx.Conn, attrs ...attribute.KeyValue) context.Context {
	all := make([]attribute.KeyValue, 0, len(t.attrs)+len(attrs)+4)
	all = append(all, keySystem.String(System))
	if c != nil {
		if db := c.DatabaseInfo().Name; db != "" {
			all = append(all, keyNamespace.String(db))
		}
		all = appendServer(all, c.ServerInfo().Address)
	}
	all = append(all, attrs...)
	all = append(all, t.attrs...)
	ctx, _ = t.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(all...))
	return ctx
}

// appendServer adds server.address and server.port from host:port.
func appendServer(attrs []attribute.KeyValue, hostPort string) []attribute.KeyValue {
	host, port, err := net.SplitHostPort(hostPort)
	if err != nil || host == "" {
		return attrs
	}
	attrs = append(attrs, keyServerAddr.String(host))
	if p, err := strconv.Atoi(port); err == nil {
		attrs = append(attrs, keyServerPort.Int(p))
	}
	return attrs
}

// end closes the span in ctx, recording err unless it is ifx.ErrNoRows
// (QueryRow's "no row" is an answer, not a failure).
func end(ctx context.Context, err error, attrs ...attribute.KeyValue) {
	span := trace.SpanFromContext(ctx)
	if err != nil && !errors.Is(err, ifx.ErrNoRows) {
		attrs = append(attrs, keyErrorType.String(errorType(err)))
		if code := ifx.SQLCode(err); code != 0 {
			attrs = append(attrs, keyStatusCode.String(strconv.Itoa(code)))
		}
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
	}
	span.SetAttributes(attrs...)
	span.End()
}

// errorType is the low-cardinality error.type: the SQLCODE when the
// server answered with one, else the error's Go type.
func errorType(err error) string {
	if code := ifx.SQLCode(err); code != 0 {
		return strconv.Itoa(code)
	}
	switch {
	case errors.Is(err, context.Canceled):
		return "context.Canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "context.DeadlineExceeded"
	}
	return fmt.Sprintf("%T", err)
}

// queryAttrs are the attributes of a statement: its text and operation.
func (t *Tracer) queryAttrs(sql string) (op string, attrs []attribute.KeyValue) {
	op = operation(sql)
	if t.queryText {
		attrs = append(attrs, keyQueryText.String(sql))
	}
	if op != "" {
		attrs = append(attrs, keyOperation.String(op))
	}
	return op, attrs
}

// spanName follows the conventions: "{operation} {target}" with the
// database as the target, or the part that is known, or "informix".
func spanName(op string, c *ifx.Conn) string {
	target := ""
	if c != nil {
		target = c.DatabaseInfo().Name
	}
	switch {
	case op != "" && target != "":
		return op + " " + target
	case op != "":
		return op
	case target != "":
		return target
	}
	return System
}

// TraceQueryStart implements ifx.QueryTracer.
func (t *Tracer) TraceQueryStart(ctx context.Context, c *ifx.Conn, data ifx.TraceQueryStartData) context.Context {
	op, attrs := t.queryAttrs(data.SQL)
	return t.start(ctx, spanName(op, c), c, attrs...)
}

// TraceQueryEnd implements ifx.QueryTracer.
func (t *Tracer) TraceQueryEnd(ctx context.Context, _ *ifx.Conn, data ifx.TraceQueryEndData) {
	var attrs []attribute.KeyValue
	if data.Err == nil && data.CommandTag.Select() {
		attrs = append(attrs, keyReturnedRows.Int64(data.CommandTag.RowsAffected()))
	}
	end(ctx, data.Err, attrs...)
}

// TraceBatchStart implements ifx.BatchTracer. A Stmt.ExecBatch span is
// named "BATCH {operation} {database}"; a SendBatch of mixed statements
// "BATCH {database}".
func (t *Tracer) TraceBatchStart(ctx context.Context, c *ifx.Conn, data ifx.TraceBatchStartData) context.Context {
	var (
		op    string
		attrs []attribute.KeyValue
	)
	if data.SQL != "" {
		op = operation(data.SQL)
		if t.queryText {
			attrs = append(attrs, keyQueryText.String(data.SQL))
		}
	}
	if op != "" {
		attrs = append(attrs, keyOperation.String("BATCH "+op))
	}
	attrs = append(attrs, keyBatchSize.Int(data.Len))
	name := "BATCH"
	if op != "" {
		name += " " + op
	}
	if c != nil && c.DatabaseInfo().Name != "" {
		name += " " + c.DatabaseInfo().Name
	}
	return t.start(ctx, name, c, attrs...)
}

// TraceBatchEnd implements ifx.BatchTracer.
func (t *Tracer) TraceBatchEnd(ctx context.Context, _ *ifx.Conn, data ifx.TraceBatchEndData) {
	end(ctx, data.Err)
}

// TraceCopyFromStart implements ifx.CopyFromTracer: the span is an
// INSERT into the table, named "INSERT {table}".
func (t *Tracer) TraceCopyFromStart(ctx context.Context, c *ifx.Conn, data ifx.TraceCopyFromStartData) context.Context {
	table := strings.Join(data.TableName, ".")
	attrs := []attribute.KeyValue{keyOperation.String("INSERT"), keyCollection.String(table)}
	return t.start(ctx, "INSERT "+table, c, attrs...)
}

// TraceCopyFromEnd implements ifx.CopyFromTracer.
func (t *Tracer) TraceCopyFromEnd(ctx context.Context, _ *ifx.Conn, data ifx.TraceCopyFromEndData) {
	end(ctx, data.Err)
}

// TracePrepareStart implements ifx.PrepareTracer: a span named
// "PREPARE {database}" with the statement's text.
func (t *Tracer) TracePrepareStart(ctx context.Context, c *ifx.Conn, data ifx.TracePrepareStartData) context.Context {
	var attrs []attribute.KeyValue
	if t.queryText {
		attrs = append(attrs, keyQueryText.String(data.SQL))
	}
	attrs = append(attrs, keyOperation.String("PREPARE"))
	return t.start(ctx, spanName("PREPARE", c), c, attrs...)
}

// TracePrepareEnd implements ifx.PrepareTracer.
func (t *Tracer) TracePrepareEnd(ctx context.Context, _ *ifx.Conn, data ifx.TracePrepareEndData) {
	end(ctx, data.Err)
}

// TraceConnectStart implements ifx.ConnectTracer: a span "connect" with
// the database and the first address to be tried; the end replaces the
// address with the one that answered.
func (t *Tracer) TraceConnectStart(ctx context.Context, data ifx.TraceConnectStartData) context.Context {
	attrs := []attribute.KeyValue{}
	if cfg := data.Config; cfg != nil {
		if cfg.Database != "" {
			attrs = append(attrs, keyNamespace.String(cfg.Database))
		}
		if len(cfg.Hosts) > 0 {
			attrs = appendServer(attrs, cfg.Hosts[0].String())
		}
	}
	return t.start(ctx, "connect", nil, attrs...)
}

// TraceConnectEnd implements ifx.ConnectTracer.
func (t *Tracer) TraceConnectEnd(ctx context.Context, data ifx.TraceConnectEndData) {
	var attrs []attribute.KeyValue
	if data.Conn != nil {
		attrs = appendServer(attrs, data.Conn.ServerInfo().Address)
	}
	end(ctx, data.Err, attrs...)
}
