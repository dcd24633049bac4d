package ifx_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/internal/hexdump"
	"github.com/ifxgo/ifx/sqli"
)

// clientGroups decodes a client's post-association byte stream into
// request groups, each a list of messages re-encoded to hex (so that a
// group's bytes compare message by message).
func clientGroups(t *testing.T, stream []byte) [][]string {
	t.Helper()
	h, err := sqli.DecodeSLHeader(stream)
	if err != nil {
		t.Fatal(err)
	}
	rd := sqli.NewReader(bytes.NewReader(stream[h.Length:]))
	f := sqli.ModernFeatures()
	rd.SetFeatures(f)
	var groups [][]string
	var cur []string
	for {
		m, err := rd.ReadFrontend()
		if errors.Is(err, io.EOF) {
			return groups
		}
		if err != nil {
			t.Fatalf("decoding client stream after %d groups: %v", len(groups), err)
		}
		if m.Tag() == sqli.TagExit {
			return groups
		}
		if m.Tag() == sqli.TagEOT {
			groups = append(groups, cur)
			cur = nil
			continue
		}
		cur = append(cur, hex.EncodeToString(m.Encode(nil, f)))
	}
}

// jdbcStream returns the client bytes of the first connection of a JDBC
// transcript in testdata/jdbc.
func jdbcStream(t *testing.T, scenario string) []byte {
	t.Helper()
	chunks, err := hexdump.ReadFile(filepath.Join("testdata", "jdbc", scenario+".hex"))
	if err != nil {
		t.Fatal(err)
	}
	var b []byte
	for i, c := range chunks {
		if i > 0 && strings.Contains(c.Comment, "======== conn") {
			break
		}
		b = append(b, c.Bytes...)
	}
	return b
}

// ourStream runs work on a connection to a recording ifxtest server and
// returns the bytes the driver sent.
func ourStream(t *testing.T, work func(c *ifx.Conn)) []byte {
	t.Helper()
	dir := t.TempDir()
	srv := ifxtest.NewServer(t, ifxtest.Config{RecordDir: dir})
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	work(c)
	c.Close(ctx)
	srv.Close()
	chunks, err := hexdump.ReadFile(filepath.Join(dir, "conn-0001.hex"))
	if err != nil {
		t.Fatal(err)
	}
	var b []byte
	for _, ch := range chunks {
		if strings.Contains(ch.Comment, "C>S") {
			b = append(b, ch.Bytes...)
		}
	}
	return b
}

// findGroup returns the first group of at least minLen messages whose
// first message starts with prefix (hex), and the groups after it.
func findGroup(groups [][]string, prefix string, minLen ...int) ([]string, [][]string) {
	least := 1
	if len(minLen) > 0 {
		least = minLen[0]
	}
	for i, g := range groups {
		if len(g) >= least && strings.HasPrefix(g[0], prefix) {
			return g, groups[i+1:]
		}
	}
	return nil, nil
}

func hexText(s string) string { return hex.EncodeToString([]byte(s)) }

// The driver's bytes for a parameterised SELECT, an INSERT and a COMMIT,
// compared with what IBM's JDBC driver 15 sent for the same statements
// (testdata/jdbc, recorded by conformance/record-transcripts.sh).
//
// Fields that legitimately differ, and why:
//   - JDBC asks for the parameter types (SQ_CIDESCRIBE) after PREPARE and
//     binds by them (tabid is SERIAL, so it binds type 6); the driver binds
//     by the Go type (int → INTEGER, type 2) and saves that round trip.
//     Both use prec 0x0a00 and the same four data bytes.
//   - JDBC sends OPEN alone when the result has a VARCHAR column, then
//     SQ_RET_TYPE + NFETCH; the driver sends OPEN and the first NFETCH in
//     one group and reads the packed layout.
//   - Cursor names carry a counter ("_ifxc" + 13 digits in both).
//   - Statement ids are assigned by the server.
//   - The NFETCH buffer: JDBC asks 4096 bytes, the driver its configured
//     fetch_buffer (32767 by default), for fewer round trips.
func TestBytesMatchJDBC(t *testing.T) {
	if realServer() {
		t.Skip("compares bytes recorded by ifxtest")
	}
	const sel = "SELECT tabname, tabid FROM systables WHERE tabid = ?"
	const ins = "INSERT INTO cj_prep VALUES (?, ?)"
	jdbc := clientGroups(t, jdbcStream(t, "prepared_statement_reuse"))
	ours := clientGroups(t, ourStream(t, func(c *ifx.Conn) {
		ctx := ctxT(t)
		var name string
		var id int
		if err := c.QueryRow(ctx, sel, 5).Scan(&name, &id); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, "CREATE TABLE cj_prep (id INTEGER, v VARCHAR(10))"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, ins, 1, "v1"); err != nil {
			t.Fatal(err)
		}
		tx, err := c.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}))

	// PREPARE of the SELECT: identical groups (PREPARE n=1, NDESCRIBE, WANTDONE).
	prepSel := "0002" + "0001" + "00000034" + hexText(sel)
	jp, jAfter := findGroup(jdbc, prepSel)
	op, oAfter := findGroup(ours, prepSel)
	if jp == nil || op == nil {
		t.Fatalf("PREPARE of the SELECT not found (jdbc %v, ours %v)", jp != nil, op != nil)
	}
	if strings.Join(jp, " ") != strings.Join(op, " ") {
		t.Errorf("PREPARE group differs:\njdbc %v\nours %v", jp, op)
	}

	// The cursor group: SQ_ID, SQ_CURNAME, SQ_BIND, SQ_OPEN in both.
	// (minimum length 4 skips JDBC's ID + SQ_CIDESCRIBE group)
	jc, _ := findGroup(jAfter, "0004", 4)
	oc, _ := findGroup(oAfter, "0004", 4)
	if len(jc) < 4 || len(oc) < 4 {
		t.Fatalf("cursor groups: jdbc %v, ours %v", jc, oc)
	}
	for i, what := range []string{"SQ_ID", "SQ_CURNAME", "SQ_BIND", "SQ_OPEN"} {
		j, o := jc[i], oc[i]
		switch what {
		case "SQ_CURNAME":
			if len(j) != len(o) || j[:14] != o[:14] { // tag, length 18, "_ifxc"
				t.Errorf("%s: jdbc %s, ours %s", what, j, o)
			}
		case "SQ_BIND":
			// 0005 0001 | type | 0000 0a00 00000005: type 6 (JDBC) vs 2 (ours).
			if j[:8] != o[:8] || j[12:] != o[12:] || j[8:12] != "0006" || o[8:12] != "0002" {
				t.Errorf("%s: jdbc %s, ours %s", what, j, o)
			}
		default:
			if j != o {
				t.Errorf("%s: jdbc %s, ours %s", what, j, o)
			}
		}
	}

	// INSERT with (1, "v1"): PREPARE and then ID BIND EXECUTE, byte for byte.
	prepIns := "0002" + "0002" + "00000021" + hexText(ins)
	jp, jAfter = findGroup(jdbc, prepIns)
	op, oAfter = findGroup(ours, prepIns)
	if jp == nil || op == nil || strings.Join(jp, " ") != strings.Join(op, " ") {
		t.Fatalf("INSERT PREPARE: jdbc %v, ours %v", jp, op)
	}
	jx, _ := findGroup(jAfter, "0004", 3)
	ox, _ := findGroup(oAfter, "0004", 3)
	// The statement id is the server's choice (JDBC still held the SELECT
	// as statement 0); the rest must match.
	if len(jx) != 3 || len(ox) != 3 || strings.Join(jx[1:], " ") != strings.Join(ox[1:], " ") {
		t.Errorf("INSERT bind+execute group differs:\njdbc %v\nours %v", jx, ox)
	}

	// COMMIT: 00 13, its own group, in JDBC's transactions scenario and ours.
	jt := clientGroups(t, jdbcStream(t, "transactions_rollback_commit"))
	jcm, _ := findGroup(jt, "0013")
	ocm, _ := findGroup(ours, "0013")
	if jcm == nil || ocm == nil || strings.Join(jcm, " ") != "0013" || strings.Join(ocm, " ") != "0013" {
		t.Errorf("COMMIT: jdbc %v, ours %v", jcm, ocm)
	}
	jb, _ := findGroup(jt, "0023")
	ob, _ := findGroup(ours, "0023")
	if jb == nil || ob == nil || strings.Join(jb, " ") != strings.Join(ob, " ") {
		t.Errorf("BEGIN: jdbc %v, ours %v", jb, ob)
	}
}
