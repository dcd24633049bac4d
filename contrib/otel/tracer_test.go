package ifxotel_test

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/ifxgo/ifx"
	ifxotel "github.com/ifxgo/ifx/contrib/otel"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/stdlib"
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// setup returns a config for a fresh ifxtest database whose tracer
// records into the returned recorder.
func setup(t *testing.T, opts ...ifxotel.Option) (*ifx.Config, *tracetest.SpanRecorder) {
	t.Helper()
	srv := ifxtest.NewServer(t)
	cfg, err := ifx.ParseConfig(srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	sr := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
	t.Cleanup(func() { tp.Shutdown(context.Background()) })
	cfg.Tracer = ifxotel.NewTracer(append([]ifxotel.Option{ifxotel.WithTracerProvider(tp)}, opts...)...)
	return cfg, sr
}

func attrs(s sdktrace.ReadOnlySpan) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes() {
		m[kv.Key] = kv.Value
	}
	return m
}

// want checks that span has each attribute with the value given as a string.
func want(t *testing.T, s sdktrace.ReadOnlySpan, kv ...string) {
	t.Helper()
	a := attrs(s)
	for i := 0; i < len(kv); i += 2 {
		v, ok := a[attribute.Key(kv[i])]
		if !ok {
			t.Errorf("span %q: no %s (have %v)", s.Name(), kv[i], s.Attributes())
			continue
		}
		if got := v.Emit(); got != kv[i+1] {
			t.Errorf("span %q: %s = %q, want %q", s.Name(), kv[i], got, kv[i+1])
		}
	}
}

func lacks(t *testing.T, s sdktrace.ReadOnlySpan, keys ...string) {
	t.Helper()
	a := attrs(s)
	for _, k := range keys {
		if v, ok := a[attribute.Key(k)]; ok {
			t.Errorf("span %q: unexpected %s = %s", s.Name(), k, v.Emit())
		}
	}
}

// TestSpans: connect, exec, query (ending when the rows close), prepare,
// batch, CopyFrom and a failing statement each make one client span with
// the semantic-convention attributes.
func TestSpans(t *testing.T) {
	cfg, sr := setup(t)
	host, port, _ := net.SplitHostPort(cfg.Hosts[0].String())
	ctx := ctxT(t)
	c, err := ifx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	spans := sr.Ended()
	if len(spans) != 1 || spans[0].Name() != "connect" {
		t.Fatalf("connect: %d spans", len(spans))
	}
	want(t, spans[0], "db.system.name", "informix", "db.namespace", "testdb", "server.address", host, "server.port", port)
	if spans[0].SpanKind() != trace.SpanKindClient {
		t.Errorf("kind %v", spans[0].SpanKind())
	}

	if _, err := c.Exec(ctx, "CREATE TABLE ot (id INTEGER PRIMARY KEY, name VARCHAR(20))"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO ot VALUES (?, ?)", 1, "secret"); err != nil {
		t.Fatal(err)
	}
	st, err := c.Prepare(ctx, "INSERT INTO ot (id) VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ExecBatch(ctx, [][]any{{2}, {3}}); err != nil {
		t.Fatal(err)
	}
	st.Close(ctx)
	if _, err := c.CopyFrom(ctx, ifx.Identifier{"ot"}, []string{"id"}, ifx.CopyFromRows([][]any{{4}, {5}})); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, " /* c */ select id FROM ot WHERE id > ?", 0)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(sr.Ended()); n != 6 {
		t.Errorf("the query's span ended before its rows: %d spans", n)
	}
	for rows.Next() {
	}
	rows.Close()
	if _, err := c.Exec(ctx, "SELECT nosuch FROM ot"); err == nil {
		t.Fatal("no error")
	}
	err = c.QueryRow(ctx, "SELECT id FROM ot WHERE id = ?", 99).Scan(new(int))
	if err != ifx.ErrNoRows {
		t.Fatalf("QueryRow: %v", err)
	}

	spans = sr.Ended()[1:]
	var names []string
	for _, s := range spans {
		names = append(names, s.Name())
	}
	wantNames := []string{"CREATE testdb", "INSERT testdb", "PREPARE testdb", "BATCH INSERT testdb",
		"INSERT ot", "SELECT testdb", "SELECT testdb", "SELECT testdb"}
	if strings.Join(names, "|") != strings.Join(wantNames, "|") {
		t.Fatalf("spans %q\nwant %q", names, wantNames)
	}
	for _, s := range spans {
		want(t, s, "db.system.name", "informix", "db.namespace", "testdb", "server.address", host, "server.port", port)
	}
	want(t, spans[1], "db.query.text", "INSERT INTO ot VALUES (?, ?)", "db.operation.name", "INSERT")
	for _, kv := range spans[1].Attributes() {
		if strings.Contains(kv.Value.Emit(), "secret") {
			t.Errorf("an argument value is in the span: %v", kv)
		}
	}
	want(t, spans[2], "db.query.text", "INSERT INTO ot (id) VALUES (?)", "db.operation.name", "PREPARE")
	want(t, spans[3], "db.operation.name", "BATCH INSERT", "db.operation.batch.size", "2")
	want(t, spans[4], "db.operation.name", "INSERT", "db.collection.name", "ot")
	want(t, spans[5], "db.operation.name", "SELECT", "db.response.returned_rows", "5")
	lacks(t, spans[1], "db.response.returned_rows", "error.type")

	failed := spans[6]
	want(t, failed, "error.type", "-217", "db.response.status_code", "-217")
	if failed.Status().Code != codes.Error || len(failed.Events()) == 0 {
		t.Errorf("failed statement: status %v, %d events", failed.Status(), len(failed.Events()))
	}
	noRow := spans[7]
	lacks(t, noRow, "error.type")
	if noRow.Status().Code == codes.Error {
		t.Errorf("QueryRow without a row is an error span")
	}
}

// TestSpanParentAndOptions: spans are children of the caller's span, the
// extra attributes are added, and WithoutQueryText drops the SQL.
func TestSpanParentAndOptions(t *testing.T) {
	cfg, sr := setup(t, ifxotel.WithAttributes(attribute.String("app", "x")), ifxotel.WithoutQueryText())
	ctx := ctxT(t)
	c, err := ifx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	tp := sdktrace.NewTracerProvider()
	defer tp.Shutdown(ctx)
	pctx, parent := tp.Tracer("test").Start(ctx, "parent")
	if _, err := c.Exec(pctx, "SELECT 1 FROM systables WHERE tabid = 1"); err != nil {
		t.Fatal(err)
	}
	parent.End()
	s := sr.Ended()[1]
	if s.Parent().SpanID() != parent.SpanContext().SpanID() || s.SpanContext().TraceID() != parent.SpanContext().TraceID() {
		t.Errorf("not a child of the caller's span")
	}
	want(t, s, "app", "x", "db.operation.name", "SELECT")
	lacks(t, s, "db.query.text")
}

// TestWithSlogThroughDatabaseSQL: an ifx.MultiTracer runs the OTel tracer
// and SlogTracer together through database/sql, and both see the query
// with its arguments.
func TestWithSlogThroughDatabaseSQL(t *testing.T) {
	cfg, sr := setup(t)
	var buf bytes.Buffer
	cfg.Tracer = ifx.MultiTracer{cfg.Tracer, &ifx.SlogTracer{Logger: slog.New(slog.NewTextHandler(&buf, nil)), LogArgs: true}}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	ctx := ctxT(t)
	var name string
	if err := db.QueryRowContext(ctx, "SELECT tabname FROM systables WHERE tabid = ?", 1).Scan(&name); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, "SELECT tabname FROM systables WHERE tabid = ?", -5).Scan(&name); err != sql.ErrNoRows {
		t.Fatal(err)
	}
	var sel []sdktrace.ReadOnlySpan
	for _, s := range sr.Ended() {
		if s.Name() == "SELECT testdb" {
			sel = append(sel, s)
		}
	}
	if len(sel) != 2 {
		t.Fatalf("%d SELECT spans", len(sel))
	}
	want(t, sel[0], "db.response.returned_rows", "1")
	want(t, sel[1], "db.response.returned_rows", "0")
	if out := buf.String(); strings.Count(out, `msg="ifx: query"`) != 2 || !strings.Contains(out, "args=["+strconv.Itoa(1)+"]") {
		t.Errorf("slog:\n%s", out)
	}
}
