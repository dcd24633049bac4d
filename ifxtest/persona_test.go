package ifxtest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/sqli"
)

// Each persona answers SQ_PROTOCOLS with its release's mask and sends its
// version text; the layouts follow: JDBC's offer gets i32 DESCRIBE tuple
// sizes, i64 SQ_DONE counts and 68-byte BYTE descriptors only from 15.0.
func TestPersonas(t *testing.T) {
	cases := []struct {
		version, text string
		mask          []byte
		wide          bool
		blobWidth     int32
	}{
		{"", "IBM Informix Dynamic Server Version 15.0.1.0.3", sqli.IDS15Mask, true, 68},
		{"15.0", "IBM Informix Dynamic Server Version 15.0.1.0.3", sqli.IDS15Mask, true, 68},
		{"14.10", "IBM Informix Dynamic Server Version 14.10.FC7W1", sqli.IDS1410Mask, false, 56},
		{"12.10", "IBM Informix Dynamic Server Version 12.10.FC12W1DE", sqli.IDS1210Mask, false, 56},
		{"IBM Informix Dynamic Server Version 14.10.FC10", "IBM Informix Dynamic Server Version 14.10.FC10", sqli.IDS1410Mask, false, 56},
		{"IBM Informix Dynamic Server Version 11.70.FC8", "IBM Informix Dynamic Server Version 11.70.FC8", sqli.IDS15Mask, true, 68},
	}
	for _, tc := range cases {
		t.Run(tc.version, func(t *testing.T) {
			srv := NewServer(t, Config{Version: tc.version})
			if got := srv.Config().Version; got != tc.text {
				t.Errorf("Config().Version = %q", got)
			}
			c := dialWire(t, srv.Addr())
			if resp := c.associate("informix", "in4mix", "informix"); resp.ServerVersion != tc.text {
				t.Errorf("accept version %q", resp.ServerVersion)
			}
			c = dialWire(t, srv.Addr())
			c.login(sqli.JDBCOffer)
			if want := sqli.Negotiate(sqli.JDBCOffer, tc.mask); !bytes.Equal(c.feat.Bytes(), want.Bytes()) {
				t.Fatalf("negotiated % x, want % x", c.feat.Bytes(), want.Bytes())
			}
			if c.feat.LargeTuple() != tc.wide || c.feat.LongRowID() != tc.wide {
				t.Fatalf("features 69/70: %v %v", c.feat.LargeTuple(), c.feat.LongRowID())
			}
			if r := c.openDB("testdb"); r.err != nil {
				t.Fatal(r.err)
			}
			if got := countRows(t, c, "SELECT DBINFO('version','full') FROM systables WHERE tabid = 1"); strings.TrimSpace(got) != tc.text {
				t.Errorf("DBINFO version %q", got)
			}
			c.exec("CREATE TEMP TABLE p_t (id SERIAL, b BYTE, t TEXT)")
			r := c.exec("INSERT INTO p_t (id) VALUES (0)")
			if r.done == nil || r.done.Rows != 1 || r.done.Serial != 1 {
				t.Fatalf("INSERT done %+v", r.done)
			}
			d, rows, _, err := c.query("SELECT id, b, t FROM p_t", 4096)
			if err != nil || len(rows) != 1 {
				t.Fatalf("%v, %d rows", err, len(rows))
			}
			if w := d.Columns[1].EncodedLength; w != tc.blobWidth {
				t.Errorf("BYTE described %d wide", w)
			}
			if d.TupleSize != 4+2*tc.blobWidth || len(rows[0]) != int(d.TupleSize) {
				t.Errorf("tuple size %d, row %d bytes", d.TupleSize, len(rows[0]))
			}
		})
	}
	if _, err := Start(Config{Version: "11.70"}); err == nil || !strings.Contains(err.Error(), "12.10") {
		t.Errorf("Version 11.70: %v", err)
	}
}
