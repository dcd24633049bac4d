package ifx_test

import (
	"context"
	"testing"
)

// TestTracerQueryEndsWhenConnCloses: a Query's trace ends when its Rows
// does, and a Conn closed under an open Rows ends it too (the Rows'
// own Close then finds it closed and must not be the only way out).
func TestTracerQueryEndsWhenConnCloses(t *testing.T) {
	tr := &countingTracer{}
	c := tracedConn(t, tr)
	ctx := ctxT(t)
	rows, err := c.Query(ctx, "SELECT tabid FROM systables")
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if err := c.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s, e := tr.starts.Load(), tr.ends.Load(); s != 1 || e != 1 {
		t.Errorf("after Conn.Close: %d traced queries started, %d ended", s, e)
	}
	rows.Close()
	if e := tr.ends.Load(); e != 1 {
		t.Errorf("after Rows.Close: %d ends, want 1", e)
	}
}
