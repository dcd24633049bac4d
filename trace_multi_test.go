package ifx_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
)

// ownCtxTracer checks that each End gets the context its own Start
// returned: Start stores name under its own key, End reads it back.
type ownCtxTracer struct {
	recordingTracer
	name string
}

type ownKey struct{ name string }

func (o *ownCtxTracer) TraceQueryStart(ctx context.Context, _ *ifx.Conn, d ifx.TraceQueryStartData) context.Context {
	o.add("%s query start %s", o.name, d.SQL)
	return context.WithValue(ctx, ownKey{o.name}, o.name)
}

func (o *ownCtxTracer) TraceQueryEnd(ctx context.Context, _ *ifx.Conn, d ifx.TraceQueryEndData) {
	o.add("%s query end own=%v err=%v", o.name, ctx.Value(ownKey{o.name}) == o.name, ifx.SQLCode(d.Err))
}

// queryOnlyTracer implements QueryTracer and nothing else.
type queryOnlyTracer struct{ o *ownCtxTracer }

func (q queryOnlyTracer) TraceQueryStart(ctx context.Context, c *ifx.Conn, d ifx.TraceQueryStartData) context.Context {
	return q.o.TraceQueryStart(ctx, c, d)
}

func (q queryOnlyTracer) TraceQueryEnd(ctx context.Context, c *ifx.Conn, d ifx.TraceQueryEndData) {
	q.o.TraceQueryEnd(ctx, c, d)
}

// TestMultiTracer: every hook (query, batch, copy, prepare, connect)
// reaches each tracer that implements it, in order, each End with the
// context of its own Start; a tracer with only QueryTracer sees queries
// and nothing else, and a nil element is skipped.
func TestMultiTracer(t *testing.T) {
	all := &copyRecordingTracer{}
	a := &ownCtxTracer{name: "a"}
	b := &ownCtxTracer{name: "b"}
	var buf bytes.Buffer
	slogT := &ifx.SlogTracer{Logger: slog.New(slog.NewTextHandler(&buf, nil))}
	c := tracedConn(t, ifx.MultiTracer{all, queryOnlyTracer{a}, nil, queryOnlyTracer{b}, slogT})
	ctx := ctxT(t)
	wantTrace(t, &all.recordingTracer, "connect", "connect start testdb", "connect end true <nil>")
	if !strings.Contains(buf.String(), `msg="ifx: connect"`) {
		t.Errorf("slog missed the connect: %s", buf.String())
	}

	if _, err := c.Exec(ctx, "CREATE TABLE mt (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	st, err := c.Prepare(ctx, "INSERT INTO mt VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ExecBatch(ctx, [][]any{{1}, {2}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CopyFrom(ctx, ifx.Identifier{"mt"}, []string{"id"}, ifx.CopyFromRows([][]any{{3}})); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, "SELECT id FROM mt")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	rows.Close()
	wantTrace(t, &all.recordingTracer, "all hooks",
		"query start CREATE TABLE mt (id INTEGER PRIMARY KEY) []", "query end true CREATE TABLE rows=0 err=0",
		"prepare start INSERT INTO mt VALUES (?)", "prepare end <nil>",
		`batch start "INSERT INTO mt VALUES (?)" 2`, "batch end ran=2 failed=-1",
		"copy start [mt] [id]", "copy end true INSERT 1 err=0",
		"query start SELECT id FROM mt []", "query end true SELECT 3 rows=3 err=0")
	for _, o := range []*ownCtxTracer{a, b} {
		wantTrace(t, &o.recordingTracer, "query-only tracer "+o.name,
			o.name+" query start CREATE TABLE mt (id INTEGER PRIMARY KEY)", o.name+" query end own=true err=0",
			o.name+" query start SELECT id FROM mt", o.name+" query end own=true err=0")
	}
	for _, msg := range []string{"connect", "query", "prepare", "batch", "copy"} {
		if !strings.Contains(buf.String(), `msg="ifx: `+msg+`"`) {
			t.Errorf("slog missed %s:\n%s", msg, buf.String())
		}
	}
}

// TestTraceQueryArgsOutliveCaller: a Query's trace ends when its Rows
// closes, after the caller may have reused its argument slice (package
// stdlib clears its buffer as soon as Query returns); the tracer must
// see the values the statement ran with.
func TestTraceQueryArgsOutliveCaller(t *testing.T) {
	var buf bytes.Buffer
	st := &ifx.SlogTracer{Logger: slog.New(slog.NewTextHandler(&buf, nil)), LogArgs: true}
	c := tracedConn(t, st)
	ctx := ctxT(t)
	buf.Reset()
	args := []any{"systables"}
	rows, err := c.Query(ctx, "SELECT tabid FROM systables WHERE tabname = ?", args...)
	if err != nil {
		t.Fatal(err)
	}
	clear(args)
	rows.Close()
	if out := buf.String(); !strings.Contains(out, "args=[systables]") {
		t.Errorf("the trace lost the arguments:\n%s", out)
	}
}
