package engine

import (
	"context"
	"fmt"
	"testing"
)

// Rows cut from one slab stay each the caller's own: every row keeps its
// values while later rows are read, and appending to a row kept does not
// write into the row after it.
func TestCursorRowsStayIndependent(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	st, err := s.Prepare(context.Background(), "SELECT value, 'r' || value FROM TABLE(ifx_generate(200)) AS g(value)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Query(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var rows [][]Value
	for range 200 {
		r, err := c.Next()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) > 0 {
			prev := rows[len(rows)-1]
			_ = append(prev, "appended") // the slab's next row is r
		}
		rows = append(rows, r)
	}
	for i, r := range rows {
		if got, want := fmt.Sprint(r), fmt.Sprintf("[%d r%d]", i+1, i+1); got != want {
			t.Fatalf("row %d: %s, want %s", i+1, got, want)
		}
	}
}
