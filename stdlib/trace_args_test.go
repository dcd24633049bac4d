package stdlib_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/stdlib"
)

// TestSlogTracerArgsThroughDatabaseSQL: with LogArgs, Query and QueryRow
// through database/sql log the arguments they ran with, although the
// driver's argument buffer is cleared before the rows close (when the
// trace ends).
func TestSlogTracerArgsThroughDatabaseSQL(t *testing.T) {
	dsn, _ := testServer(t, "testdb")
	cfg, err := ifx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	cfg.Tracer = &ifx.SlogTracer{Logger: slog.New(slog.NewTextHandler(&buf, nil)), LogArgs: true}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	ctx := ctxT(t)
	var id int
	if err := db.QueryRowContext(ctx, "SELECT tabid FROM systables WHERE tabname = ?", "systables").Scan(&id); err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, "SELECT tabid FROM systables WHERE tabid = ?", 1)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	rows.Close()
	var queries []string
	for _, l := range strings.Split(buf.String(), "\n") {
		if strings.Contains(l, `msg="ifx: query"`) {
			queries = append(queries, l)
		}
	}
	if len(queries) != 2 || !strings.Contains(queries[0], "args=[systables]") || !strings.Contains(queries[1], "args=[1]") {
		t.Errorf("records:\n%s", strings.Join(queries, "\n"))
	}
}
