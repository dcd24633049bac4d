package ifx_test

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// TestLargeObjectBytesMatchJDBC compares the driver's bytes for each
// smart-LOB operation with what IBM's JDBC driver 15 sent in the
// conformance scenario smart_lob_roundtrip (testdata/jdbc): the routine
// signatures resolved, the ifx_lo_open call (locator bound as type 44
// named blob with an empty owner, mode 0x800), the SQ_LODATA read and
// write requests, and the locator bound into an INSERT (owner informix).
// Descriptors, counts, handles and locators are the server's and differ.
func TestLargeObjectBytesMatchJDBC(t *testing.T) {
	if realServer() {
		t.Skip("compares bytes recorded by ifxtest")
	}
	jdbc := jdbcStream(t, "smart_lob_roundtrip")
	ours := ourStream(t, func(c *ifx.Conn) {
		ctx := ctxT(t)
		if _, err := c.Exec(ctx, "CREATE TABLE cj_lob (id INT, b BLOB, c CLOB)"); err != nil {
			t.Fatal(err)
		}
		lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lo.Write([]byte("bytes")); err != nil {
			t.Fatal(err)
		}
		if err := lo.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, "INSERT INTO cj_lob VALUES (1, ?, NULL)", lo.Locator()); err != nil {
			t.Fatal(err)
		}
		var b []byte
		if err := c.QueryRow(ctx, "SELECT b FROM cj_lob").Scan(&b); err != nil || string(b) != "bytes" {
			t.Fatalf("%q %v", b, err)
		}
		r, err := c.OpenLargeObject(ctx, lo.Locator(), ifx.LOReadOnly)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Size(); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Seek(0, 0); err != nil {
			t.Fatal(err)
		}
		r.Close()
	})
	f := sqli.ModernFeatures()
	for _, sig := range []string{
		"function informix.ifx_lo_open(blob ,integer)",
		"function informix.ifx_lo_create( ifx_lo_spec,integer,blob)",
		"function informix.ifx_lo_stat(int, ifx_lo_stat)",
		"function informix.ifx_lo_seek(integer,int8,integer,int8)",
		"function informix.ifx_lo_close(integer)",
	} {
		want := sqli.AppendGroup(nil, f, &sqli.GetRoutine{Signature: []byte(sig)})
		if !bytes.Contains(jdbc, want) {
			t.Fatalf("JDBC's transcript lacks %q as the driver encodes it", sig)
		}
		if !bytes.Contains(ours, want) {
			t.Errorf("the driver did not resolve %q as JDBC does", sig)
		}
	}
	// ifx_lo_open(locator, 0x800): the bind around the 72 locator bytes.
	openHead, _ := hex.DecodeString("0002" + "0000" + "0005" + "0002" + "002c" + "0000" + "0004" + hexText("blob") + "0000" + "0000" + "00000048")
	openTail, _ := hex.DecodeString("0002" + "0000" + "0a00" + "00000800" + "000c")
	for name, s := range map[string][]byte{"JDBC": jdbc, "driver": ours} {
		found := false
		for i := bytes.Index(s, openHead); i >= 0 && !found; {
			if end := i + len(openHead) + 72; end+len(openTail) <= len(s) && bytes.Equal(s[end:end+len(openTail)], openTail) {
				found = true
				break
			}
			j := bytes.Index(s[i+1:], openHead)
			if j < 0 {
				break
			}
			i += 1 + j
		}
		if !found {
			t.Errorf("%s: no ifx_lo_open(locator, 0x800) call of the expected form", name)
		}
	}
	// SQ_LODATA: the read and write requests, with JDBC's descriptor and
	// count substituted.
	for _, op := range []int16{sqli.LORead, sqli.LOWrite} {
		prefix := binary.BigEndian.AppendUint16([]byte{0x00, 0x61}, uint16(op))
		i := bytes.Index(jdbc, prefix)
		if i < 0 || i+12 > len(jdbc) {
			t.Fatalf("no SQ_LODATA op %d in JDBC's transcript", op)
		}
		fd := int16(binary.BigEndian.Uint16(jdbc[i+4:]))
		n := int32(binary.BigEndian.Uint32(jdbc[i+6:]))
		want := (&sqli.LOData{Op: op, FD: fd, Length: n, BufSize: 32000}).Encode(nil, f)
		if !bytes.Equal(jdbc[i:i+len(want)], want) {
			t.Errorf("op %d: JDBC % x, the driver's encoding % x", op, jdbc[i:i+len(want)], want)
		}
		if !bytes.Contains(ours, prefix) {
			t.Errorf("the driver sent no SQ_LODATA op %d", op)
		}
	}
	// A locator bound into a statement: type 44, owner informix, blob,
	// prec 72 (0 in the fast path).
	bindHead, _ := hex.DecodeString("002c" + "0008" + hexText("informix") + "0004" + hexText("blob") + "0000" + "0048" + "00000048")
	if !bytes.Contains(jdbc, bindHead) || !bytes.Contains(ours, bindHead) {
		t.Errorf("the locator bind differs from JDBC's")
	}
}
