package ifx_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

// TestLargeObjectWriteBindReadBack: an object created, written in pieces,
// bound into a BLOB column by its locator, then found through the column
// and read back with Read, ReadAt, Seek and Size; Truncate shortens it.
func TestLargeObjectWriteBindReadBack(t *testing.T) {
	c, _ := routineServer(t, "")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE lo_drv (id INT, b BLOB)"); err != nil {
		t.Fatal(err)
	}
	want := make([]byte, 3*32000+17)
	for i := range want {
		want[i] = byte(i * 7)
	}
	lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := io.Copy(lo, bytes.NewReader(want)); err != nil || n != int64(len(want)) {
		t.Fatalf("copy in: %d %v", n, err)
	}
	if err := lo.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO lo_drv VALUES (1, ?)", lo.Locator()); err != nil {
		t.Fatal(err)
	}

	var loc ifxtype.Locator
	if err := c.QueryRow(ctx, "SELECT b FROM lo_drv WHERE id = 1").Scan(&loc); err != nil {
		t.Fatal(err)
	}
	if loc.Kind != ifxtype.BLOB || loc.Raw != lo.Locator().Raw {
		t.Fatalf("scanned %v, not the bound locator", loc)
	}
	r, err := c.OpenLargeObject(ctx, loc, ifx.LOReadWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if size, err := r.Size(); err != nil || size != int64(len(want)) {
		t.Fatalf("size %d %v", size, err)
	}
	got, err := io.ReadAll(r)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("read %d bytes, %v", len(got), err)
	}
	part := make([]byte, 10)
	if n, err := r.ReadAt(part, 32000-5); err != nil || n != 10 || !bytes.Equal(part, want[32000-5:32000+5]) {
		t.Fatalf("ReadAt: %d %v", n, err)
	}
	if n, err := r.ReadAt(part, int64(len(want))-3); n != 3 || !errors.Is(err, io.EOF) {
		t.Fatalf("ReadAt at the end: %d %v", n, err)
	}
	if pos, err := r.Seek(-7, io.SeekEnd); err != nil || pos != int64(len(want))-7 {
		t.Fatalf("seek: %d %v", pos, err)
	}
	tail, _ := io.ReadAll(r)
	if !bytes.Equal(tail, want[len(want)-7:]) {
		t.Fatalf("after seek: %x", tail)
	}
	if err := r.Truncate(5); err != nil {
		t.Fatal(err)
	}
	if size, err := r.Size(); err != nil || size != 5 {
		t.Fatalf("size after truncate %d %v", size, err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Read(part); !errors.Is(err, ifx.ErrLargeObjectClosed) {
		t.Fatalf("read after close: %v", err)
	}
}

// newLO creates an object holding data and returns its locator.
func newLO(t *testing.T, c *ifx.Conn, kind ifxtype.LOKind, data []byte) ifxtype.Locator {
	t.Helper()
	lo, err := c.CreateLargeObject(ctxT(t), kind)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lo.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := lo.Close(); err != nil {
		t.Fatal(err)
	}
	return lo.Locator()
}

// TestLargeObjectColumnsScanWhole: BLOB and CLOB columns scan into
// []byte, string, io.Writer and *any (the locator) row after row of one
// fetch, NULL into a nil []byte; Values gives locators.
func TestLargeObjectColumnsScanWhole(t *testing.T) {
	c, _ := routineServer(t, "")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE lo_scan (id INT, b BLOB, t CLOB)"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		b := bytes.Repeat([]byte{byte(i)}, 1000*i)
		if _, err := c.Exec(ctx, "INSERT INTO lo_scan VALUES (?, ?, ?)", i, newLO(t, c, ifxtype.BLOB, b), newLO(t, c, ifxtype.CLOB, []byte("caf\xe9 "+string(rune('0'+i))))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Exec(ctx, "INSERT INTO lo_scan VALUES (6, NULL, NULL)"); err != nil {
		t.Fatal(err)
	}
	rows, err := c.Query(ctx, "SELECT id, b, t, b FROM lo_scan ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
		var id int
		var b []byte
		var s string
		var w bytes.Buffer
		if err := rows.Scan(&id, &b, nil, nil); err != nil {
			t.Fatal(err)
		}
		if id == 6 {
			if b != nil {
				t.Fatalf("NULL BLOB scanned as %q", b)
			}
			continue
		}
		if err := rows.Scan(&id, &b, &s, &w); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, bytes.Repeat([]byte{byte(id)}, 1000*id)) || !bytes.Equal(w.Bytes(), b) {
			t.Fatalf("row %d: BLOB of %d bytes, writer %d", id, len(b), w.Len())
		}
		if s != "café "+string(rune('0'+id)) {
			t.Fatalf("row %d: CLOB %q", id, s)
		}
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		if loc, ok := vals[1].(ifxtype.Locator); !ok || loc.Kind != ifxtype.BLOB {
			t.Fatalf("Values gave %T", vals[1])
		}
	}
	if err := rows.Err(); err != nil || n != 6 {
		t.Fatalf("%d rows, %v", n, err)
	}
}

// TestLargeObjectScanBeyondMaxMessageSize: a BLOB larger than
// Config.MaxMessageSize is refused into []byte with
// ErrLargeObjectTooLarge and streams whole into an io.Writer.
func TestLargeObjectScanBeyondMaxMessageSize(t *testing.T) {
	c, _ := routineServer(t, "&max_message_size=4096")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE lo_big (b BLOB)"); err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("x"), 10000)
	if _, err := c.Exec(ctx, "INSERT INTO lo_big VALUES (?)", newLO(t, c, ifxtype.BLOB, data)); err != nil {
		t.Fatal(err)
	}
	var b []byte
	if err := c.QueryRow(ctx, "SELECT b FROM lo_big").Scan(&b); !errors.Is(err, ifx.ErrLargeObjectTooLarge) {
		t.Fatalf("into []byte: %v", err)
	}
	var w bytes.Buffer
	if err := c.QueryRow(ctx, "SELECT b FROM lo_big").Scan(&w); err != nil || w.Len() != len(data) {
		t.Fatalf("into a writer: %d %v", w.Len(), err)
	}
}

// TestLargeObjectReaderArguments: an io.Reader argument streams into a
// new BLOB and a CLOBReader into a CLOB, bound by their locators.
func TestLargeObjectReaderArguments(t *testing.T) {
	c, _ := routineServer(t, "")
	ctx := ctxT(t)
	if _, err := c.Exec(ctx, "CREATE TABLE lo_args (b BLOB, t CLOB)"); err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte{1, 2, 3}, 100000)
	if _, err := c.Exec(ctx, "INSERT INTO lo_args VALUES (?, ?)", bytes.NewReader(data), ifx.CLOBReader{R: strings.NewReader("text")}); err != nil {
		t.Fatal(err)
	}
	var b []byte
	var s string
	if err := c.QueryRow(ctx, "SELECT b, t FROM lo_args").Scan(&b, &s); err != nil || !bytes.Equal(b, data) || s != "text" {
		t.Fatalf("%d bytes, %q, %v", len(b), s, err)
	}
}
