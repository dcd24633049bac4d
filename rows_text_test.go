package ifx_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/ifxgo/ifx/sqli"
)

// textRowsValue is the VARCHAR(255) value of row i of textRowsServer, as
// the server sends it (ISO 8859-1) and as Scan must return it (UTF-8):
// short ASCII, short with a non-ASCII character, empty, and longer than
// the strings that share blocks (rows_text.go).
func textRowsValue(i int) (wire []byte, want string) {
	n := strconv.Itoa(i)
	switch i % 4 {
	case 1:
		s := "v" + strings.Repeat("-", 25) + n
		return []byte(s), s
	case 2:
		return append([]byte("na\xefve--------------------"), n...), "naïve--------------------" + n
	case 3:
		return nil, ""
	default:
		s := strings.Repeat("x", 100) + n
		return []byte(s), s
	}
}

func textRowsServer(t *testing.T, total int) *fakeServer {
	desc := &sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{
		{Type: sqli.TypeVarChar, EncodedLength: 255, Name: "s"},
	}}
	return streamServer(t, desc, func(i int) []byte {
		w, _ := textRowsValue(i)
		return append([]byte{byte(len(w))}, w...)
	}, total)
}

// TestScanStringsStayIntact keeps every string Scan returned over a result
// of many fetch batches and checks them all at the end: the strings share
// blocks of bytes (rows_text.go), and a later row must never overwrite an
// earlier row's string.
func TestScanStringsStayIntact(t *testing.T) {
	const total = 5000
	got := scanTextRows(t, total, "&fetch_buffer=4096")
	for k, s := range got {
		// streamServer repeats its first 1,000 rows.
		if _, want := textRowsValue(k%1000 + 1); s != want {
			t.Fatalf("row %d: %q, want %q", k, s, want)
		}
	}
}

// scanTextRows scans the total rows of textRowsServer into strings.
func scanTextRows(t *testing.T, total int, dsn string) []string {
	fs := textRowsServer(t, total)
	c := fakeConnect(t, fs, dsn)
	rows, err := c.Query(context.Background(), "SELECT s FROM t")
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, 0, total)
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != total {
		t.Fatalf("%d rows, want %d", len(got), total)
	}
	return got
}

// TestScanStringsShareBlocks: short strings scanned into *string are cut
// one after the other from shared blocks (rows_text.go), not allocated one
// by one (the allocator would round each of these 27- to 30-byte strings
// up to its size class, 32 bytes).
func TestScanStringsShareBlocks(t *testing.T) {
	got := scanTextRows(t, 4000, "")
	pairs, adjacent := 0, 0
	for k := 0; k+1 < len(got); k += 4 {
		// got[4j] and got[4j+1] hold the short strings (textRowsValue(4j+1), (4j+2)).
		a, b := got[k], got[k+1]
		pairs++
		if unsafe.Pointer(unsafe.StringData(b)) == unsafe.Add(unsafe.Pointer(unsafe.StringData(a)), len(a)) {
			adjacent++
		}
	}
	// A pair straddles a block's end about once per 1 KiB of text.
	if adjacent < pairs*9/10 {
		t.Errorf("%d of %d pairs of consecutive short strings adjacent in memory, want at least 90%%", adjacent, pairs)
	}
}
