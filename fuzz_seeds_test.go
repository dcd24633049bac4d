package ifx

// TestGenerateFuzzSeeds writes the seed corpora of the fuzz targets of
// this module (testdata/fuzz/<Target>/ in each package) from
//   - replies recorded from ifxtest while the FuzzServerReplies workload
//     runs with real SQL (every column type, several NFETCH batches,
//     statement errors, empty results), and
//   - the transcripts of IBM's JDBC driver and of informix-driver in
//     testdata/jdbc and testdata/clients, and the golden captures in
//     testdata/captures.
//
// It only runs with IFX_GEN_FUZZ_SEEDS=1: the seeds are committed, and
// `go test` runs them as regression inputs of each target.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/hexdump"
	"github.com/ifxgo/ifx/sqli"
)

const maxSeed = 16 << 10

type seedWriter struct {
	t     *testing.T
	count map[string]int
}

// add writes one corpus entry; args are []byte, string, int or uint16.
func (w *seedWriter) add(dir, target, name string, args ...any) {
	var b strings.Builder
	b.WriteString("go test fuzz v1\n")
	for _, a := range args {
		switch v := a.(type) {
		case []byte:
			// Long streams are cut: the fuzzer mutates small inputs
			// much faster, and the head of a stream holds its variety.
			if len(v) > maxSeed {
				v = v[:maxSeed]
			}
			fmt.Fprintf(&b, "[]byte(%q)\n", v)
		case string:
			fmt.Fprintf(&b, "string(%q)\n", v)
		case int:
			fmt.Fprintf(&b, "int(%d)\n", v)
		case uint16:
			fmt.Fprintf(&b, "uint16(%d)\n", v)
		default:
			w.t.Fatalf("seed arg %T", a)
		}
	}
	sum := sha256.Sum256([]byte(b.String()))
	path := filepath.Join(dir, "testdata", "fuzz", target, name+"-"+hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		w.t.Fatal(err)
	}
	w.count[target]++
}

// seedScenario is one recorded run of fuzzWorkload against ifxtest.
type seedScenario struct {
	name  string
	setup []string
	w     fuzzWorkload
}

var seedScenarios = []seedScenario{
	{
		name: "types",
		setup: []string{
			"CREATE TABLE ty (id SERIAL, c CHAR(10), vc VARCHAR(40), si SMALLINT, i INTEGER, bi BIGINT, i8 INT8, f FLOAT, sf SMALLFLOAT, " +
				"d DECIMAL(12,2), df DECIMAL(16), m MONEY(8,2), dt DATE, ts DATETIME YEAR TO FRACTION(5), hs DATETIME HOUR TO SECOND, " +
				"ivd INTERVAL DAY(5) TO SECOND, ivy INTERVAL YEAR TO MONTH, b BOOLEAN, lv LVARCHAR(2000), nc NCHAR(5), nvc NVARCHAR(20))",
			"INSERT INTO ty (c, vc, si, i, bi, i8, f, sf, d, df, m, dt, ts, hs, ivd, ivy, b, lv, nc, nvc) VALUES ('abc', 'varchar', -3, 42, 9000000000, -77, 3.25, 1.5, " +
				"1234.56, 3.14159, 9.99, '2024-02-29', '2024-02-29 13:14:15.12345', '23:59:58', '12345 01:02:03', '3-11', 't', 'long text', 'nc', 'nvc')",
			"INSERT INTO ty (c) VALUES (NULL)",
			"INSERT INTO ty (c, vc, i, d, b) VALUES ('zz', '', -2147483647, -0.01, 'f')",
		},
		w: fuzzWorkload{query: "SELECT * FROM ty WHERE id > ?", exec: "UPDATE ty SET i = i", execA: "INSERT INTO ty (c) VALUES (?)", txExec: "DELETE FROM ty WHERE 1 = 0"},
	},
	{
		name: "batches",
		w:    fuzzWorkload{query: "SELECT tabid, tabname, owner FROM systables WHERE tabid > ? ORDER BY tabid", exec: "SELECT COUNT(*) FROM systables", execA: "SELECT tabid FROM systables WHERE tabname = ?", txExec: "SELECT 1 FROM systables WHERE tabid = 1"},
	},
	{
		name:  "errors",
		setup: []string{"CREATE TABLE u (id INTEGER NOT NULL, s CHAR(1), PRIMARY KEY (id))", "INSERT INTO u VALUES (1, 'x')"},
		w:     fuzzWorkload{query: "SELECT * FROM nosuch WHERE id > ?", exec: "SELEC oops", execA: "INSERT INTO u (id) VALUES (?)", txExec: "INSERT INTO u VALUES (1, 'x')"},
	},
	{
		name: "empty",
		w:    fuzzWorkload{query: "SELECT tabid FROM systables WHERE tabid < ?", exec: "CREATE TABLE e (id INTEGER)", execA: "INSERT INTO e VALUES (?)", txExec: "DELETE FROM e"},
	},
}

// recording is what one connection of an ifxtest transcript carried.
type recording struct {
	s2c [][]byte // one chunk per server write (the accept, then one per reply group)
	c2s []byte
}

func readRecording(t *testing.T, path string) recording {
	chunks, err := hexdump.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r recording
	for _, c := range chunks {
		switch {
		case strings.Contains(c.Comment, "S>C"):
			r.s2c = append(r.s2c, c.Bytes)
		case strings.Contains(c.Comment, "C>S"):
			r.c2s = append(r.c2s, c.Bytes...)
		}
	}
	return r
}

// transcriptStreams returns the streams of a testdata/clients capture
// (lines prefixed with "C>S " and "S>C ").
func transcriptStreams(t *testing.T, path string) (c2s, s2c []byte) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var dst *[]byte
		switch {
		case strings.HasPrefix(line, "C>S "):
			dst = &c2s
		case strings.HasPrefix(line, "S>C "):
			dst = &s2c
		default:
			continue
		}
		for _, h := range strings.Fields(line)[2:] {
			b, err := hex.DecodeString(h)
			if err != nil || len(b) != 1 {
				break
			}
			*dst = append(*dst, b...)
		}
	}
	return c2s, s2c
}

// jdbcStreams returns the client-to-server stream of each connection of a
// testdata/jdbc transcript.
func jdbcStreams(t *testing.T, path string) [][]byte {
	chunks, err := hexdump.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	var cur []byte
	for _, c := range chunks {
		if strings.Contains(c.Comment, "======== conn-") && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
		if strings.Contains(c.Comment, "C>S") {
			cur = append(cur, c.Bytes...)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// splitPacket cuts the association packet off a stream.
func splitPacket(b []byte) (pkt, rest []byte, ok bool) {
	if len(b) < 6 || b[3] != sqli.SLProtocolSQLI {
		return nil, b, false
	}
	n := int(b[0])<<8 | int(b[1])
	if n > len(b) {
		return nil, b, false
	}
	return b[:n], b[n:], true
}

// messages decodes a server-to-client stream and calls fn with each
// message's payload (without its tag).
func messages(b []byte, feat sqli.Features, fn func(m sqli.Message, payload []byte)) {
	rd := sqli.NewReader(bytes.NewReader(b))
	rd.SetFeatures(feat)
	off := 0
	for {
		m, err := rd.ReadBackend()
		if err != nil {
			return
		}
		end := len(b) - rd.Buffered()
		fn(m, b[off+2:end])
		off = end
	}
}

func TestGenerateFuzzSeeds(t *testing.T) {
	if os.Getenv("IFX_GEN_FUZZ_SEEDS") != "1" {
		t.Skip("set IFX_GEN_FUZZ_SEEDS=1 to rewrite the fuzz seed corpora")
	}
	w := &seedWriter{t: t, count: map[string]int{}}
	modern := sqli.ModernFeatures()
	ctx := context.Background()

	// 1. Recordings of the FuzzServerReplies workload against ifxtest.
	var recs []struct {
		name string
		rec  recording
	}
	for _, sc := range seedScenarios {
		dir := t.TempDir()
		srv := ifxtest.NewServer(t, ifxtest.Config{RecordDir: dir, NotStrict: true})
		dsn := srv.DSN("testdb") + "&fetch_buffer=512"
		setup, err := ConnectConfig(ctx, mustParse(t, dsn))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sc.setup {
			if _, err := setup.Exec(ctx, s); err != nil {
				t.Fatalf("%s: %s: %v", sc.name, s, err)
			}
		}
		setup.Close(ctx)
		c, err := ConnectConfig(ctx, mustParse(t, dsn))
		if err != nil {
			t.Fatal(err)
		}
		if err := sc.w.run(ctx, c, nil); err != nil {
			t.Fatalf("%s: %v", sc.name, err)
		}
		srv.Close()
		files, _ := filepath.Glob(filepath.Join(dir, "conn-*.hex"))
		sort.Strings(files)
		rec := readRecording(t, files[len(files)-1])
		if len(rec.s2c) < 5 {
			t.Fatalf("%s: %d server chunks", sc.name, len(rec.s2c))
		}
		recs = append(recs, struct {
			name string
			rec  recording
		}{sc.name, rec})
		post := bytes.Join(rec.s2c[4:], nil)
		login := bytes.Join(rec.s2c[:4], nil)
		w.add(".", "FuzzServerReplies", "ifxtest-"+sc.name, post)
		w.add("ifxconn", "FuzzLogin", "ifxtest-"+sc.name, login)
		w.add("sqli", "FuzzReadBackend", "ifxtest-"+sc.name, bytes.Join(rec.s2c[1:], nil))
		_, creq, _ := splitPacket(rec.c2s)
		w.add("sqli", "FuzzReadFrontend", "ifxtest-"+sc.name, creq)
		w.add("ifxtest", "FuzzServerConn", "driver-"+sc.name, creq)
		messages(post, modern, func(m sqli.Message, p []byte) {
			switch m.Tag() {
			case sqli.TagDescribe:
				w.add(".", "FuzzDescribeColumns", "ifxtest-"+sc.name, p)
				w.add("sqli", "FuzzDecodeDescribe", "ifxtest-"+sc.name, p)
			case sqli.TagErr:
				w.add("ifxconn", "FuzzServerError", "ifxtest-"+sc.name, p)
				w.add("sqli", "FuzzDecodeErr", "ifxtest-"+sc.name, p)
			case sqli.TagTuple:
				w.add("sqli", "FuzzDecodeTuple", "ifxtest-"+sc.name, p)
			}
		})
		if sc.name == "types" {
			typeSeeds(t, w, post, modern)
		}
	}

	// 2. The transcripts of the reference clients.
	clients, _ := filepath.Glob(filepath.Join("testdata", "clients", "*.hex"))
	for _, path := range clients {
		name := strings.TrimSuffix(filepath.Base(path), ".hex")
		c2s, s2c := transcriptStreams(t, path)
		w.add("ifxconn", "FuzzLogin", "clients-"+name, s2c)
		if acc, rest, ok := splitPacket(s2c); ok {
			w.add("sqli", "FuzzConnPackets", "clients-accept-"+name, acc)
			w.add("sqli", "FuzzConnResponse", "clients-"+name, acc)
			w.add("sqli", "FuzzReadBackend", "clients-"+name, rest)
			// The replies after the login, for the driver's workload.
			if i := loginEnd(rest, modern); i > 0 && i < len(rest) {
				w.add(".", "FuzzServerReplies", "clients-"+name, rest[i:])
			}
			messages(rest, modern, func(m sqli.Message, p []byte) {
				switch m.Tag() {
				case sqli.TagDescribe:
					w.add("sqli", "FuzzDecodeDescribe", "clients-"+name, p)
					w.add(".", "FuzzDescribeColumns", "clients-"+name, p)
				case sqli.TagErr:
					w.add("sqli", "FuzzDecodeErr", "clients-"+name, p)
					w.add("ifxconn", "FuzzServerError", "clients-"+name, p)
				}
			})
		}
		if req, rest, ok := splitPacket(c2s); ok {
			w.add("sqli", "FuzzConnPackets", "clients-request-"+name, req)
			w.add("sqli", "FuzzReadFrontend", "clients-"+name, rest)
			if !strings.Contains(name, "cancel") {
				w.add("ifxtest", "FuzzServerConn", "clients-"+name, rest)
			}
		}
	}
	jdbc, _ := filepath.Glob(filepath.Join("testdata", "jdbc", "*.hex"))
	for _, path := range jdbc {
		name := strings.TrimSuffix(filepath.Base(path), ".hex")
		for i, s := range jdbcStreams(t, path) {
			req, rest, ok := splitPacket(s)
			if !ok {
				continue
			}
			id := fmt.Sprintf("jdbc-%s-%d", name, i+1)
			w.add("sqli", "FuzzConnPackets", id, req)
			w.add("sqli", "FuzzReadFrontend", id, rest)
			// The long-statement scenarios would make the server run a
			// statement for seconds per input.
			if !strings.Contains(name, "cancel") && !strings.Contains(name, "large_result") && !strings.Contains(name, "batch_insert") {
				w.add("ifxtest", "FuzzServerConn", id, rest)
			}
		}
	}
	captures, _ := filepath.Glob(filepath.Join("testdata", "captures", "*.hex"))
	for _, path := range captures {
		chunks, err := hexdump.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".hex")
		for i, c := range chunks {
			id := fmt.Sprintf("capture-%s-%d", name, i+1)
			w.add("sqli", "FuzzConnPackets", id, c.Bytes)
			if bytes.Contains([]byte(c.Comment), []byte("server")) || strings.Contains(name, "accept") || strings.Contains(c.Comment, "IN (server") {
				w.add("sqli", "FuzzConnResponse", id, c.Bytes)
				w.add("ifxconn", "FuzzLogin", id, c.Bytes)
			}
		}
	}
	keys := make([]string, 0, len(w.count))
	for k := range w.count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-22s %d seeds", k, w.count[k])
	}
	_ = recs
}

// loginEnd returns the offset in a post-accept server stream where the
// replies to SQ_PROTOCOLS, SQ_INFO and SQ_DBOPEN end (three SQ_EOTs).
func loginEnd(b []byte, feat sqli.Features) int {
	eots, off, end := 0, 0, -1
	messages(b, feat, func(m sqli.Message, p []byte) {
		off += 2 + len(p)
		if m.Tag() == sqli.TagEOT && eots < 3 {
			eots++
			if eots == 3 {
				end = off
			}
		}
	})
	return end
}

// typeSeeds cuts the column values of the types scenario's rows into
// seeds for the ifxtype wire decoders and for FuzzRowDecode.
func typeSeeds(t *testing.T, w *seedWriter, post []byte, feat sqli.Features) {
	var cols []ifxtype.ColumnPlan
	var columns []Column
	n := 0
	messages(post, feat, func(m sqli.Message, p []byte) {
		switch m := m.(type) {
		case *sqli.Describe:
			if len(m.Columns) > 1 && cols == nil {
				cols, columns = ifxtype.PlanColumns(m, feat)
			}
		case *sqli.Tuple:
			if cols == nil {
				return
			}
			r := &Rows{cols: cols, columns: columns}
			if err := r.splitData(m.Data); err != nil {
				t.Fatalf("recorded tuple: %v", err)
			}
			n++
			for i, v := range r.vals {
				ci := &cols[i]
				id := fmt.Sprintf("ifxtest-row%d-%s", n, strings.ToLower(strings.Fields(columns[i].TypeName)[0]))
				switch ci.Kind {
				case ifxtype.ColDecimal:
					scale := ci.Scale
					if scale < 0 {
						scale = 255
					}
					w.add("ifxtype", "FuzzDecodeDecimalWire", id, append([]byte(nil), v...), scale)
				case ifxtype.ColDateTime:
					w.add("ifxtype", "FuzzDecodeDateTimeWire", id, append([]byte(nil), v...), uint16(ci.Qual))
				case ifxtype.ColIntervalDF:
					w.add("ifxtype", "FuzzDecodeIntervalDFWire", id, append([]byte(nil), v...), uint16(ci.Qual))
				case ifxtype.ColIntervalYM:
					w.add("ifxtype", "FuzzDecodeIntervalYMWire", id, append([]byte(nil), v...), uint16(ci.Qual))
				case ifxtype.ColInt8:
					w.add("ifxtype", "FuzzDecodeInt8Wire", id, append([]byte(nil), v...))
				}
			}
		}
	})
	if n == 0 {
		t.Fatal("no typed rows recorded")
	}
}

func mustParse(t *testing.T, dsn string) *Config {
	cfg, err := ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
