package ifx_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
)

func blobValue(i int) []byte {
	b := make([]byte, i*997)
	for k := range b {
		b[k] = byte(k*31 + i)
	}
	return b
}

func blobText(i int) string {
	return fmt.Sprintf("row %d: ", i) + strings.Repeat("ünïcode text ", i*10)
}

// TestBlobs: BYTE and TEXT both ways, NULL and empty values included,
// across many fetch buffers (a 256-byte NFETCH buffer holds a few
// descriptors), into every destination.
func TestBlobs(t *testing.T) { eachPersona(t, testBlobs) }

func testBlobs(t *testing.T) {
	dsn, srv := testServer(t, "testdb")
	ctx := ctxT(t)
	// Without the statement cache, so that every statement left prepared
	// on the server shows.
	c, err := ifx.Connect(ctx, dsn+"&fetch_buffer=256&client_locale=en_US.utf8&statement_cache_capacity=0")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	freshTable(t, c, "blobs_t", "id INTEGER, b BYTE, t TEXT, v VARCHAR(10)")
	const rows = 40
	for i := range rows {
		var b, tx any = ifxtype.Byte(blobValue(i)), ifxtype.Text(blobText(i))
		switch i % 10 {
		case 3:
			b, tx = ifxtype.Byte(nil), nil
		case 4:
			b, tx = ifxtype.Byte{}, ifxtype.Text("")
		}
		if _, err := c.Exec(ctx, "INSERT INTO blobs_t VALUES (?, ?, ?, ?)", i, b, tx, fmt.Sprint("v", i)); err != nil {
			t.Fatalf("insert %d: %v", i, err)
		}
	}
	r, err := c.Query(ctx, "SELECT id, b, t, v FROM blobs_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	if cols := r.Columns(); cols[1].TypeName != "BYTE" || cols[2].TypeName != "TEXT" {
		t.Errorf("columns %+v", cols)
	}
	n := 0
	for r.Next() {
		var (
			id   int
			b    []byte
			tx   *string
			v    string
			anyB any
		)
		if err := r.Scan(&id, &b, &tx, &v); err != nil {
			t.Fatal(err)
		}
		vals, err := r.Values()
		if err != nil {
			t.Fatal(err)
		}
		anyB = vals[1]
		switch id % 10 {
		case 3:
			if b != nil || tx != nil || anyB != nil {
				t.Errorf("row %d: NULLs read as %v %v %v", id, b, tx, anyB)
			}
		case 4:
			if b == nil || len(b) != 0 || tx == nil || *tx != "" {
				t.Errorf("row %d: empty values read as %v %v", id, b, tx)
			}
		default:
			if !bytes.Equal(b, blobValue(id)) || tx == nil || *tx != blobText(id) {
				t.Fatalf("row %d: BYTE %d bytes, TEXT %v", id, len(b), tx)
			}
			if ab, ok := anyB.([]byte); !ok || !bytes.Equal(ab, b) {
				t.Errorf("row %d: BYTE as any: %T", id, anyB)
			}
			if _, ok := vals[2].(string); !ok {
				t.Errorf("row %d: TEXT as any: %T", id, vals[2])
			}
		}
		if v != fmt.Sprint("v", id) || id != n {
			t.Fatalf("row %d: v %q", id, v)
		}
		n++
	}
	if r.Err() != nil || n != rows {
		t.Fatalf("%d rows: %v", n, r.Err())
	}
	// QueryRow, and a result abandoned half-way: the cursor is closed
	// and the connection goes on.
	var text string
	if err := c.QueryRow(ctx, "SELECT t FROM blobs_t WHERE id = ?", 7).Scan(&text); err != nil || text != blobText(7) {
		t.Fatalf("QueryRow: %v", err)
	}
	r, err = c.Query(ctx, "SELECT b FROM blobs_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		r.Next()
	}
	r.Close()
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if srv != nil {
		if st := srv.Stats(); st[len(st)-1].OpenStatements > 1 {
			t.Errorf("%d statements left prepared", st[len(st)-1].OpenStatements)
		}
	}
}

// TestBlobsBatchAndCopy: BYTE/TEXT values in pipelined groups.
func TestBlobsBatchAndCopy(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "blobs_b", "id INTEGER, b BYTE")
	n, err := c.CopyFrom(ctx, ifx.Identifier{"blobs_b"}, []string{"id", "b"}, ifx.CopyFromSlice(200, func(i int) ([]any, error) {
		return []any{i, ifxtype.Byte(blobValue(i % 7))}, nil
	}))
	if err != nil || n != 200 {
		t.Fatalf("CopyFrom: %d, %v", n, err)
	}
	var total int64
	r, err := c.Query(ctx, "SELECT id, b FROM blobs_b ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for r.Next() {
		var id int
		var b []byte
		if err := r.Scan(&id, &b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, blobValue(id%7)) {
			t.Fatalf("row %d", id)
		}
		total += int64(len(b))
	}
	if r.Err() != nil || total != 200/7*(0+1+2+3+4+5+6)*997+(997*(0+1+2+3)) {
		t.Fatalf("%d bytes read: %v", total, r.Err())
	}
}

// TestBlobsNotAsLiterals: a BYTE value must be bound; the server's
// refusal of anything else is an error, not a hang.
func TestBlobErrors(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "blobs_e", "b BYTE")
	if _, err := c.Exec(ctx, "INSERT INTO blobs_e VALUES (?)", ifxtype.Byte("x")); err != nil {
		t.Fatal(err)
	}
	var s string
	err := c.QueryRow(ctx, "SELECT b FROM blobs_e").Scan(&s)
	if err != nil || s != "x" {
		t.Fatalf("BYTE into string: %q %v", s, err)
	}
	var n int
	err = c.QueryRow(ctx, "SELECT b FROM blobs_e").Scan(&n)
	var se *ifx.ScanError
	if !errors.As(err, &se) {
		t.Fatalf("BYTE into int: %v", err)
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestEmptyBytesAreNotNull: an empty BYTE value reads as a non-nil empty
// []byte everywhere (Scan, Values, database/sql's driver values), NULL as
// nil. Before, the empty value came back nil: as NULL.
// (database/sql's values: stdlib's TestEmptyBytesDriverValues.)
func TestEmptyBytesAreNotNull(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "blobs_empty", "id INTEGER, b BYTE")
	for i, v := range []any{ifxtype.Byte{}, ifxtype.Byte(nil)} {
		if _, err := c.Exec(ctx, "INSERT INTO blobs_empty VALUES (?, ?)", i, v); err != nil {
			t.Fatal(err)
		}
	}
	r, err := c.Query(ctx, "SELECT b FROM blobs_empty ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i := 0; r.Next(); i++ {
		var b []byte
		if err := r.Scan(&b); err != nil {
			t.Fatal(err)
		}
		vals, _ := r.Values()
		vb, _ := vals[0].([]byte)
		if empty := i == 0; (b != nil) != empty || (vb != nil) != empty || len(b)+len(vb) != 0 {
			t.Errorf("row %d: Scan %#v, Values %#v", i, b, vals[0])
		}
	}
}

// TestBlobLargerThanMaxMessageSize: a BYTE value beyond the configured
// bound is refused as it arrives, whatever its descriptor claims, and
// the connection is closed (its stream position is lost); the client
// never holds more than the bound.
func TestBlobLargerThanMaxMessageSize(t *testing.T) {
	if realServer() {
		t.Skip("needs a 5,000-byte bound")
	}
	dsn := testDSN(t, "testdb")
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, dsn+"&max_message_size=4096")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, "CREATE TABLE blobs_big (b BYTE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO blobs_big VALUES (?)", ifxtype.Byte(make([]byte, 5000))); err != nil {
		t.Fatal(err)
	}
	var b []byte
	err = c.QueryRow(ctx, "SELECT b FROM blobs_big").Scan(&b)
	var pe *ifx.ProtocolError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "beyond 4096 bytes") || b != nil {
		t.Fatalf("%v (%d bytes)", err, len(b))
	}
	if !c.IsClosed() {
		t.Error("the connection stayed open mid-stream")
	}
}

// TestBlobFetchWindows: the values of many rows are fetched in few round
// trips (their SQ_FETCHBLOB groups written together), and values that
// together exceed the window come back intact over several windows.
func TestBlobFetchWindows(t *testing.T) {
	dsn := testDSN(t, "testdb")
	c, writes := connectCounting(t, dsn)
	ctx := ctxT(t)
	freshTable(t, c, "blob_win", "id INTEGER, b BYTE")
	small := func(i int) []byte { return bytes.Repeat([]byte{byte(i)}, 100) }
	big := func(i int) []byte { return bytes.Repeat([]byte{byte(i), 1, 2}, 100_000) }
	for i := range 200 {
		v := small(i)
		if i >= 100 {
			v = big(i)
		}
		if _, err := c.Exec(ctx, "INSERT INTO blob_win VALUES (?, ?)", i, ifxtype.Byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	read := func(sql string, want func(int) []byte) int64 {
		t.Helper()
		before := writes.Load()
		r, err := c.Query(ctx, sql)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for r.Next() {
			var id int
			var b []byte
			if err := r.Scan(&id, &b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, want(id)) {
				t.Fatalf("row %d: %d bytes", id, len(b))
			}
			n++
		}
		if r.Err() != nil || n != 100 {
			t.Fatalf("%d rows: %v", n, r.Err())
		}
		return writes.Load() - before
	}
	w := read("SELECT id, b FROM blob_win WHERE id < 100 ORDER BY id", small)
	t.Logf("100 rows of 100-byte values: %d writes", w)
	if w > 5 {
		t.Errorf("100 small values took %d writes (one round trip per row would be 100)", w)
	}
	w = read("SELECT id, b FROM blob_win WHERE id >= 100 ORDER BY id", big)
	t.Logf("100 rows of 300,000-byte values: %d writes", w)
}
