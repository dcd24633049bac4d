package ifx

import (
	"encoding/hex"
	"testing"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// TestBlobBindMatchesJDBC: the request group ifx sends to run a prepared
// INSERT with one BYTE argument is, byte for byte, the one IBM's JDBC
// driver 15.0.0.1.1 sent for setBytes({0,1,2,3,4}) with feature 70
// (conformance/probes/bytetext/out/w_small.txt; statement 0 in both).
func TestBlobBindMatchesJDBC(t *testing.T) {
	const jdbc = "0004000000050001000b0000003800000000000000000000000000000000000000000000000000000000000000000000000500000000000000000000000000000000000000000000000000000000000000000029000100270005000102030400002700000007000c"
	c, _ := fuzzDriverConn(t, nil, 4096)
	if !c.feat.LongRowID() {
		t.Fatal("the JDBC session negotiates feature 70")
	}
	bind, err := c.encodeArgs([]any{ifxtype.Byte{0, 1, 2, 3, 4}})
	if err != nil {
		t.Fatal(err)
	}
	got := sqli.AppendGroup(nil, c.feat, &sqli.ID{StatementID: 0}, bind, sqli.Execute{})
	if hex.EncodeToString(got) != jdbc {
		t.Fatalf("ifx sends\n%x\nJDBC sent\n%s", got, jdbc)
	}
}
