package ifx_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/ifxgo/ifx"
)

// recordingTracer notes every Trace call as a line.
type recordingTracer struct {
	mu    sync.Mutex
	lines []string
}

type traceKey struct{}

func (r *recordingTracer) add(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

func (r *recordingTracer) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	l := r.lines
	r.lines = nil
	return l
}

func (r *recordingTracer) TraceQueryStart(ctx context.Context, _ *ifx.Conn, d ifx.TraceQueryStartData) context.Context {
	r.add("query start %s %v", d.SQL, d.Args)
	return context.WithValue(ctx, traceKey{}, d.SQL)
}

func (r *recordingTracer) TraceQueryEnd(ctx context.Context, _ *ifx.Conn, d ifx.TraceQueryEndData) {
	r.add("query end %v %s rows=%d err=%v", ctx.Value(traceKey{}) != nil, d.CommandTag, d.CommandTag.RowsAffected(), ifx.SQLCode(d.Err))
}

func (r *recordingTracer) TraceBatchStart(ctx context.Context, _ *ifx.Conn, d ifx.TraceBatchStartData) context.Context {
	r.add("batch start %q %d", d.SQL, d.Len)
	return ctx
}

func (r *recordingTracer) TraceBatchEnd(_ context.Context, _ *ifx.Conn, d ifx.TraceBatchEndData) {
	var be *ifx.BatchError
	idx := -1
	if errors.As(d.Err, &be) {
		idx = be.Index
	}
	r.add("batch end ran=%d failed=%d", len(d.CommandTags), idx)
}

func (r *recordingTracer) TracePrepareStart(ctx context.Context, _ *ifx.Conn, d ifx.TracePrepareStartData) context.Context {
	r.add("prepare start %s", d.SQL)
	return ctx
}

func (r *recordingTracer) TracePrepareEnd(_ context.Context, _ *ifx.Conn, d ifx.TracePrepareEndData) {
	r.add("prepare end %v", d.Err)
}

func (r *recordingTracer) TraceConnectStart(ctx context.Context, d ifx.TraceConnectStartData) context.Context {
	r.add("connect start %s", d.Config.Database)
	return ctx
}

func (r *recordingTracer) TraceConnectEnd(_ context.Context, d ifx.TraceConnectEndData) {
	r.add("connect end %v %v", d.Conn != nil, d.Err)
}

func tracedConn(t *testing.T, tr ifx.QueryTracer) *ifx.Conn {
	t.Helper()
	dsn, _ := testServer(t, "testdb")
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Tracer = tr
	c, err := ifx.ConnectConfig(ctxT(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func wantTrace(t *testing.T, tr *recordingTracer, step string, want ...string) {
	t.Helper()
	got := tr.take()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s: traced\n\t%s\nwant\n\t%s", step, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestTracer: each kind of call is traced once, start before and end
// after, with its SQL, arguments and outcome; a Query ends when its
// Rows does (read to the end, closed early, or abandoned).
func TestTracer(t *testing.T) {
	tr := &recordingTracer{}
	c := tracedConn(t, tr)
	ctx := ctxT(t)
	wantTrace(t, tr, "connect", "connect start testdb", "connect end true <nil>")

	if _, err := c.Exec(ctx, "CREATE TEMP TABLE tr (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	wantTrace(t, tr, "exec", "query start CREATE TEMP TABLE tr (id INTEGER PRIMARY KEY) []", "query end true CREATE TEMP TABLE rows=0 err=0")

	st, err := c.Prepare(ctx, "INSERT INTO tr VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ExecBatch(ctx, [][]any{{1}, {2}, {1}, {3}}); err == nil {
		t.Fatal("duplicate key in the batch")
	}
	if _, err := st.Exec(ctx, 10); err != nil {
		t.Fatal(err)
	}
	wantTrace(t, tr, "prepare, batch, stmt exec",
		"prepare start INSERT INTO tr VALUES (?)", "prepare end <nil>",
		`batch start "INSERT INTO tr VALUES (?)" 4`, "batch end ran=2 failed=2",
		"query start INSERT INTO tr VALUES (?) [10]", "query end true INSERT 1 rows=1 err=0")

	b := &ifx.Batch{}
	b.Queue("INSERT INTO tr VALUES (?)", 20)
	b.Queue("DELETE FROM tr WHERE id = ?", 20)
	if err := c.SendBatch(ctx, b).Close(); err != nil {
		t.Fatal(err)
	}
	wantTrace(t, tr, "send batch", `batch start "" 2`, "batch end ran=2 failed=-1")

	rows, err := c.Query(ctx, "SELECT id FROM tr WHERE id > ? ORDER BY id", 0)
	if err != nil {
		t.Fatal(err)
	}
	wantTrace(t, tr, "query open", "query start SELECT id FROM tr WHERE id > ? ORDER BY id [0]")
	for rows.Next() {
	}
	wantTrace(t, tr, "query read", "query end true SELECT 3 rows=3 err=0")
	rows.Close()
	wantTrace(t, tr, "query closed after the end")

	rows, _ = c.Query(ctx, "SELECT id FROM tr")
	rows.Next()
	rows.Close()
	// The rows of the batch drained by Close count as read.
	wantTrace(t, tr, "query closed early", "query start SELECT id FROM tr []", "query end true SELECT 3 rows=3 err=0")

	rows, _ = c.Query(ctx, "SELECT id FROM tr")
	rows.Next()
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM tr").Scan(&n); err != nil || n != 3 {
		t.Fatal(n, err)
	}
	wantTrace(t, tr, "abandoned, then QueryRow",
		"query start SELECT id FROM tr []", "query start SELECT COUNT(*) FROM tr []",
		"query end true SELECT 3 rows=3 err=0", "query end true SELECT 1 rows=1 err=0")

	if _, err := c.Query(ctx, "SELECT nosuch FROM tr"); err == nil {
		t.Fatal("no error")
	}
	wantTrace(t, tr, "query error", "query start SELECT nosuch FROM tr []", "query end true STATEMENT 0 rows=0 err=-217")

	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "DELETE FROM tr WHERE id = ?", 1); err != nil {
		t.Fatal(err)
	}
	tx.Rollback(ctx)
	wantTrace(t, tr, "tx", "query start DELETE FROM tr WHERE id = ? [1]", "query end true DELETE 1 rows=1 err=0")

	st.Close(ctx)
	c.Close(ctx)
	tr.take()
	if _, err := ifx.ConnectConfig(ctx, func() *ifx.Config { cfg := c.Config().Copy(); cfg.Database = "nosuchdb"; return cfg }()); err == nil {
		t.Fatal("connected to nosuchdb")
	}
	if got := tr.take(); len(got) != 2 || !strings.Contains(got[1], "connect end false") || !strings.Contains(got[1], "-329") {
		t.Errorf("failed connect: %q", got)
	}
}

// TestSlogTracer: one record per call, errors at ERROR, arguments only
// when asked for, and never the password.
func TestSlogTracer(t *testing.T) {
	var buf bytes.Buffer
	st := &ifx.SlogTracer{Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), Level: slog.LevelDebug}
	c := tracedConn(t, st)
	ctx := ctxT(t)
	var n int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM systables WHERE tabid < ?", 100).Scan(&n); err != nil {
		t.Fatal(err)
	}
	c.Exec(ctx, "SELECT nosuch FROM systables")
	st.LogArgs = true
	c.QueryRow(ctx, "SELECT tabname FROM systables WHERE tabname = ?", "secret-arg").Scan(new(string))
	out := buf.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d records:\n%s", len(lines), out)
	}
	for i, want := range []string{
		"level=DEBUG msg=\"ifx: connect\"",
		"level=DEBUG msg=\"ifx: query\" server=informix tag=\"SELECT 1\" sql=\"SELECT COUNT(*) FROM systables WHERE tabid < ?\" duration=",
		"level=ERROR msg=\"ifx: query\"",
		"args=[secret-arg]",
	} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("record %d: %s\nwant %s", i, lines[i], want)
		}
	}
	if strings.Contains(lines[1], "args=") || !strings.Contains(lines[2], "-217") {
		t.Errorf("args logged without LogArgs, or the error missing:\n%s", out)
	}
	if strings.Contains(out, c.Config().Password) {
		t.Errorf("the password is in the log:\n%s", out)
	}
}

type copyRecordingTracer struct {
	recordingTracer
}

func (r *copyRecordingTracer) TraceCopyFromStart(ctx context.Context, _ *ifx.Conn, d ifx.TraceCopyFromStartData) context.Context {
	r.add("copy start %v %v", []string(d.TableName), d.ColumnNames)
	return context.WithValue(ctx, traceKey{}, "copy")
}

func (r *copyRecordingTracer) TraceCopyFromEnd(ctx context.Context, _ *ifx.Conn, d ifx.TraceCopyFromEndData) {
	r.add("copy end %v %s err=%v", ctx.Value(traceKey{}) != nil, d.CommandTag, ifx.SQLCode(d.Err))
}

func TestCopyFromTracer(t *testing.T) {
	tr := &copyRecordingTracer{}
	c := tracedConn(t, tr)
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE traced (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	tr.take()
	c.CopyFrom(ctx, ifx.Identifier{"traced"}, []string{"id"}, ifx.CopyFromRows([][]any{{1}, {2}}))
	c.CopyFrom(ctx, ifx.Identifier{"traced"}, []string{"id"}, ifx.CopyFromRows([][]any{{3}, {1}}))
	wantTrace(t, &tr.recordingTracer, "CopyFrom",
		"copy start [traced] [id]", "copy end true INSERT 2 err=0",
		"copy start [traced] [id]", "copy end true INSERT 0 err=-268")

	var buf bytes.Buffer
	st := &ifx.SlogTracer{Logger: slog.New(slog.NewTextHandler(&buf, nil))}
	c = tracedConn(t, st)
	if _, err := c.Exec(ctx, "CREATE TABLE traced (id INTEGER PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if _, err := c.CopyFrom(ctx, ifx.Identifier{"traced"}, []string{"id"}, ifx.CopyFromRows([][]any{{1}, {2}})); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, `msg="ifx: copy" server=informix rows=2 sql="INSERT INTO traced (id) VALUES (?)"`) {
		t.Errorf("slog record: %s", out)
	}
}
