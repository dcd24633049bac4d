package ifx_test

import (
	"bytes"
	"encoding/hex"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// TestLargeObjectTruncateMatchesJDBC compares the driver's Truncate with
// what IBM's JDBC driver 15 sent for IfxSmartBlob.IfxLoTruncate in the
// conformance scenario smart_blob_api (testdata/jdbc): the signature
// ifx_lo_truncate(integer,int8) and the size bound as INT8 (type 17,
// prec 0x1300, the 10-byte form) ending the SQ_EXFPROUTINE group.
func TestLargeObjectTruncateMatchesJDBC(t *testing.T) {
	if realServer() {
		t.Skip("compares bytes recorded by ifxtest")
	}
	jdbc := jdbcStream(t, "smart_blob_api")
	ours := ourStream(t, func(c *ifx.Conn) {
		ctx := ctxT(t)
		lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lo.Write(make([]byte, 50000)); err != nil {
			t.Fatal(err)
		}
		if err := lo.Truncate(40000); err != nil {
			t.Fatal(err)
		}
		if n, err := lo.Size(); err != nil || n != 40000 {
			t.Fatalf("size after Truncate: %d %v", n, err)
		}
		lo.Close()
	})
	f := sqli.ModernFeatures()
	for _, sig := range []string{
		"function informix.ifx_lo_truncate(integer,int8)",
		"function informix.ifx_lo_create( ifx_lo_spec,integer,blob)",
		"function informix.ifx_lo_stat(int, ifx_lo_stat)",
	} {
		want := sqli.AppendGroup(nil, f, &sqli.GetRoutine{Signature: []byte(sig)})
		if !bytes.Contains(jdbc, want) {
			t.Fatalf("JDBC's transcript lacks %q as the driver encodes it", sig)
		}
		if !bytes.Contains(ours, want) {
			t.Errorf("the driver did not resolve %q as JDBC does", sig)
		}
	}
	// The size argument, 40000, and the end of the group.
	size, _ := hex.DecodeString("0011" + "0000" + "1300" + "0001" + "00009c40" + "00000000" + "000c")
	if !bytes.Contains(jdbc, size) {
		t.Fatalf("JDBC's transcript has no INT8 40000 argument of the expected form")
	}
	if !bytes.Contains(ours, size) {
		t.Errorf("the driver's Truncate(40000) argument differs from JDBC's")
	}
}
