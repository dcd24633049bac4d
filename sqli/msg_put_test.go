package sqli

import (
	"encoding/hex"
	"strings"
	"testing"
)

// JDBC 15.0.0.1.1's insert-cursor group for three rows of (INTEGER,
// VARCHAR(20), DECIMAL(10,2)) with IFX_USEPUT=1 (conformance/probes/
// insertcursor, run a_eot_b3): SQ_PUT per row, rows of 13, 13 and 12
// bytes, each padded to even.
const jdbcPutGroup = "00040000000300125f69667863303030303030303030303030310006006400000003000200000004000d00000014000500000a0200110000000d000100000000027630c019000000000000110000000d000100000001027631c101190000000000110000000c0001000000020100000000000000000c"

func TestJDBCPut(t *testing.T) {
	msgs := readAll(t, jdbcPutGroup, ModernFeatures())
	var tags []string
	for _, m := range msgs {
		tags = append(tags, m.Tag().String())
	}
	if got := strings.Join(tags, " "); got != "SQ_ID SQ_CURNAME SQ_OPEN SQ_RET_TYPE SQ_PUT SQ_PUT SQ_PUT SQ_EOT" {
		t.Fatal(got)
	}
	want := []string{"00000000027630c01900000000", "00000001027631c10119000000", "000000020100000000000000"}
	var b []byte
	for i, m := range msgs {
		if p, ok := m.(*Put); ok {
			k := i - 4
			if p.N != 1 || hex.EncodeToString(p.Row(0)) != want[k] {
				t.Errorf("row %d: %d rows, %x", k, p.N, p.Row(0))
			}
		}
		b = m.Encode(b, ModernFeatures())
	}
	if hex.EncodeToString(b) != jdbcPutGroup {
		t.Errorf("re-encoded\n%x\nwant\n%s", b, jdbcPutGroup)
	}
}
