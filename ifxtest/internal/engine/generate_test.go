package engine

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
)

// SQLite reads the generator's value once per row however many result
// columns use it: each VColumn is a call into Go through the driver's
// trampoline, and bench/'s fetch100k query names the value five times.
func TestGeneratorValueReadOncePerRow(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	ctx := context.Background()
	st, err := s.Prepare(ctx, fetch5SQL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := s.conn.QueryContext(ctx, "EXPLAIN "+st.sql)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var reads []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		if op := fmt.Sprint(vals[1]); op == "VColumn" {
			reads = append(reads, fmt.Sprint(vals[2:5]...))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(reads) != 1 {
		t.Fatalf("%d VColumn reads per row (%s) in\n%s", len(reads), strings.Join(reads, "; "), st.sql)
	}
}

// The generator's rows keep their order and values wherever the query
// reads them: alone, filtered, ordered, joined and aggregated.
func TestGeneratorRowsInEveryShape(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	ctx := context.Background()
	for _, c := range []struct{ sql, want string }{
		{"SELECT value, value * 2 FROM TABLE(ifx_generate(4)) AS g(value)", "[[1 2] [2 4] [3 6] [4 8]]"},
		{"SELECT value FROM TABLE(ifx_generate(6)) AS g(value) WHERE value > 4", "[[5] [6]]"},
		{"SELECT value FROM TABLE(ifx_generate(3)) AS g(value) ORDER BY value DESC", "[[3] [2] [1]]"},
		{"SELECT a.value, b.value FROM TABLE(ifx_generate(2)) AS a(value), TABLE(ifx_generate(2)) AS b(value) ORDER BY 1, 2", "[[1 1] [1 2] [2 1] [2 2]]"},
		{"SELECT COUNT(*), SUM(value) FROM TABLE(ifx_generate(100)) AS g(value)", "[[100 5050]]"},
		{"SELECT FIRST 2 value FROM TABLE(ifx_generate(10)) AS g(value)", "[[1] [2]]"},
	} {
		st, err := s.Prepare(ctx, c.sql)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		cur, err := st.Query(ctx, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		var got [][]Value
		for {
			r, err := cur.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", c.sql, err)
			}
			got = append(got, r)
		}
		cur.Close()
		st.Close()
		if g := fmt.Sprint(got); g != c.want {
			t.Errorf("%s: %s, want %s", c.sql, g, c.want)
		}
	}
}
