package engine

import (
	"context"
	"fmt"
	"io"
	"testing"
)

// Text cut from the arena keeps its bytes while later text fills the
// same chunk and the chunks after it, and the buffer it came from can be
// reused at once.
func TestTextArenaKeepsEarlierText(t *testing.T) {
	var a textArena
	var got []string
	buf := make([]byte, 0, 64)
	for i := range 5000 {
		buf = fmt.Appendf(buf[:0], "%d.%02d", i*7919, i%100)
		got = append(got, a.text(buf))
		buf = append(buf[:0], "XXXXXXXX"...)
	}
	got = append(got, a.text(make([]byte, textChunk))) // too long: its own string
	for i, s := range got[:5000] {
		if want := fmt.Sprintf("%d.%02d", i*7919, i%100); s != want {
			t.Fatalf("text %d: %q, want %q", i, s, want)
		}
	}
	if s := got[5000]; len(s) != textChunk {
		t.Fatalf("long text: %d bytes", len(s))
	}
	var none *textArena
	if s := none.text([]byte("1.5")); s != "1.5" {
		t.Fatalf("nil arena: %q", s)
	}
}

// A cursor's DECIMAL and DATETIME conversions take their text from the
// arena: reading a row of both costs the boxes, not a string each.
func TestCursorConvertedTextShared(t *testing.T) {
	s := newSession(t, newEngine(t), "testdb")
	ctx := context.Background()
	st, err := s.Prepare(ctx, "SELECT CAST(value * 1234 / 100 AS DECIMAL(12,2)), DATETIME(2026-01-01 00:00:00) YEAR TO SECOND + value UNITS SECOND FROM TABLE(ifx_generate(3000)) AS g(value)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Query(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var rows [][]Value
	allocs := testing.AllocsPerRun(2000, func() {
		r, err := c.Next()
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows[:0], r)
	})
	// The driver boxes the two values SQLite returns (2), the cursor
	// boxes the two it makes (2); the row's slice and the texts' chunk
	// come once per many rows.
	if allocs > 4.2 {
		t.Errorf("%.2f allocations per row, want at most 4.2", allocs)
	}
	r, err := c.Next()
	if err != nil {
		t.Fatal(err)
	}
	// AllocsPerRun read 2001 rows: this is row 2002.
	if got, want := fmt.Sprint(r), "[24704.68 2026-01-01 00:33:22]"; got != want {
		t.Fatalf("row 2002: %s, want %s", got, want)
	}
	for _, r := range rows {
		if got, want := fmt.Sprint(r), "[24692.34 2026-01-01 00:33:21]"; got != want {
			t.Fatalf("row 2001 after reading on: %s, want %s", got, want)
		}
	}
	for {
		if _, err := c.Next(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
}
