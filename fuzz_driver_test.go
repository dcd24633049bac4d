package ifx

// Fuzz targets for every decoder on the client side of the driver, fed as
// a hostile server would feed them: raw bytes where the server's replies
// belong. The driver talks to a fuzzConn (reads come from the fuzz input,
// writes are discarded), so the whole path — sqli.Reader, the reply loop,
// DESCRIBE planning, the row splitter, every column decoder, Scan and the
// error catalog — runs exactly as it does on a socket.
//
// Seeds live in testdata/fuzz/<Target>/; they are replies recorded from
// ifxtest and from the fake servers of testdata/clients (see
// fuzz_seeds_test.go, which regenerates them with IFX_GEN_FUZZ_SEEDS=1).
//
// Invariants checked beyond "no panic, no hang":
//   - a ProtocolError always leaves the connection closed;
//   - an error that claims the connection is usable leaves it open, and
//     no call returns a row after the connection was closed;
//   - Close never fails and leaves the connection closed.

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxconn"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
	"github.com/ifxgo/ifx/internal/testutil"
	"github.com/ifxgo/ifx/sqli"
)

// fuzzConn is testutil.ScriptedConn: reads from the fuzz input, two
// bytes at a time; writes discarded.
type fuzzConn = testutil.ScriptedConn

func newFuzzConn(b []byte) *fuzzConn { return testutil.NewScriptedConn(b) }

// fuzzMaxMessage is the MaxMessageSize of fuzzed connections.
const fuzzMaxMessage = 1 << 20

// fuzzDriverConn returns a Conn in the state right after a login to
// ifxtest (Informix 15 features, logged database testdb open), reading
// the server's side from b.
func fuzzDriverConn(tb testing.TB, b []byte, fetchBuf int) (*Conn, *fuzzConn) {
	cfg, err := ParseConfig(fmt.Sprintf("informix://informix:in4mix@127.0.0.1:9088/testdb?server=informix&fetch_buffer=%d", fetchBuf))
	if err != nil {
		tb.Fatal(err)
	}
	cfg.MaxMessageSize = fuzzMaxMessage
	fc := newFuzzConn(b)
	pc, err := ifxconn.Construct(&ifxconn.HijackedConn{
		Conn:     fc,
		Config:   &cfg.Config,
		Features: sqli.NewFeatures(sqli.JDBCOffer).Intersect(sqli.NewFeatures(sqli.IDS15Mask)),
		Database: DatabaseInfo{Name: "testdb", Open: true, Logged: true}, // DBWarnInformix|DBWarnLogged
		Server:   ServerInfo{Address: "127.0.0.1:9088"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return newConn(pc, cfg), fc
}

// fuzzWorkload is the sequence of calls the server replies of
// FuzzServerReplies answer. fuzz_seeds_test.go runs the same sequence
// against ifxtest (with real SQL) to record seeds, so it must not change
// without regenerating them.
type fuzzWorkload struct {
	query  string // one '?' placeholder
	exec   string // no placeholder
	execA  string // one '?' placeholder
	txExec string // no placeholder, inside BEGIN … COMMIT
}

var fuzzSQL = fuzzWorkload{
	query:  "SELECT * FROM t WHERE id > ?",
	exec:   "UPDATE t SET id = id",
	execA:  "INSERT INTO t VALUES (?)",
	txExec: "DELETE FROM t WHERE 1 = 0",
}

// run performs the calls and checks the connection-state invariants
// after each. It reports the first violated invariant.
func (w fuzzWorkload) run(ctx context.Context, c *Conn, rowsSeen func([]any)) error {
	check := func(step string, err error) error {
		var pe *ProtocolError
		if errors.As(err, &pe) && !c.IsClosed() {
			return fmt.Errorf("%s: protocol error %v left the connection open", step, err)
		}
		if errors.Is(err, ErrConnClosed) && !c.IsClosed() {
			return fmt.Errorf("%s: %v claims a closed connection that is open", step, err)
		}
		return nil
	}
	rows, err := c.Query(ctx, w.query, 0)
	if e := check("query", err); e != nil {
		return e
	}
	if err == nil {
		n := 0
		for rows.Next() {
			if c.IsClosed() {
				return errors.New("Next returned a row on a closed connection")
			}
			vals, verr := rows.Values()
			if verr == nil && rowsSeen != nil {
				rowsSeen(vals)
			}
			fuzzScanAll(rows)
			n++
			if n > 100000 {
				return errors.New("more than 100000 rows from a bounded input")
			}
		}
		if e := check("next", rows.Err()); e != nil {
			return e
		}
		rows.Close()
		_ = rows.CommandTag()
	}
	_, err = c.Exec(ctx, w.exec)
	if e := check("exec", err); e != nil {
		return e
	}
	_, err = c.Exec(ctx, w.execA, "x")
	if e := check("exec args", err); e != nil {
		return e
	}
	tx, err := c.Begin(ctx)
	if e := check("begin", err); e != nil {
		return e
	}
	if err == nil {
		_, err = tx.Exec(ctx, w.txExec)
		if e := check("tx exec", err); e != nil {
			return e
		}
		err = tx.Commit(ctx)
		if e := check("commit", err); e != nil {
			return e
		}
	}
	err = c.Ping(ctx)
	if e := check("ping", err); e != nil {
		return e
	}
	if err := c.Close(ctx); err != nil {
		return fmt.Errorf("Close: %v", err)
	}
	if !c.IsClosed() {
		return errors.New("open after Close")
	}
	return nil
}

// fuzzScanAll scans the current row into every kind of destination, one
// column at a time; errors are fine, panics are not.
func fuzzScanAll(rows *Rows) {
	n := len(rows.cols)
	dests := func(i int, d any) []any {
		out := make([]any, n)
		out[i] = d
		return out
	}
	for i := 0; i < n; i++ {
		var (
			s   string
			b   []byte
			i64 int64
			i32 int32
			i8  int8
			u64 uint64
			u8  uint8
			f64 float64
			f32 float32
			bo  bool
			tm  time.Time
			du  time.Duration
			dec ifxtype.Decimal
			dt  ifxtype.DateTime
			idf ifxtype.IntervalDF
			iym ifxtype.IntervalYM
			rat big.Rat
			a   any
			ns  sql.NullString
			ni  sql.NullInt64
			nf  sql.NullFloat64
			nt  sql.NullTime
			ps  *string
			pi  *int
			// composite destinations
			l16 []int16
			l32 []int32
			l64 []int64
			ls  []string
			row ifxtype.Row
			set ifxtype.Set
			st  struct {
				Name string
				Age  int
				A    *int
				B    []string
			}
			sts []struct{ A int16 }
		)
		for _, d := range []any{&s, &b, &i64, &i32, &i8, &u64, &u8, &f64, &f32, &bo, &tm, &du, &dec, &dt, &idf, &iym, &rat, &a, &ns, &ni, &nf, &nt, &ps, &pi,
			&l16, &l32, &l64, &ls, &row, &set, &st, &sts} {
			err := rows.Scan(dests(i, d)...)
			if err != nil {
				_ = err.Error()
			}
		}
		_ = s + dec.String() + dt.String() + idf.String() + iym.String()
	}
	if rv := adapter.CurrentRow(rows); rv.Have && len(rv.Vals) != n {
		panic(fmt.Sprintf("raw values: %d values for %d columns", len(rv.Vals), n))
	}
}

// FuzzServerReplies feeds arbitrary bytes as the server's replies to a
// whole workload: Query (PREPARE, OPEN, NFETCH batches), Exec with and
// without arguments, BEGIN, COMMIT, Ping, Close.
func FuzzServerReplies(f *testing.F) {
	f.Add([]byte{})
	f.Add(sqli.AppendGroup(nil, sqli.ModernFeatures(), &sqli.Err{SQLCode: -206, ISAMCode: -111, Near: "t"}))
	// A query of a BYTE column: the DESCRIBE, a tuple with its
	// descriptor, and the SQ_FETCHBLOB reply.
	mf := sqli.ModernFeatures()
	blob := sqli.AppendGroup(nil, mf, &sqli.Describe{StmtType: sqli.StmtSelect, TupleSize: 68,
		Columns: []sqli.ColumnDesc{{Type: sqli.TypeByte, EncodedLength: 68, Name: "b"}}}, &sqli.Done{}, &sqli.Cost{})
	blob = sqli.AppendGroup(blob, mf, &sqli.Tuple{Data: sqli.BlobDescriptor{End: 2, Size: 3}.Append(nil, 68)}, &sqli.Done{Rows: 1})
	blob = sqli.AppendGroup(blob, mf, &sqli.Blob{Data: []byte("abc")}, &sqli.Blob{})
	f.Add(blob)
	f.Fuzz(func(t *testing.T, b []byte) {
		c, fc := fuzzDriverConn(t, b, 512)
		if err := fuzzSQL.run(context.Background(), c, nil); err != nil {
			t.Fatal(err)
		}
		if !fc.Closed {
			t.Fatal("socket not closed after Close")
		}
	})
}

// fuzzTypes are the column types FuzzRowDecode draws from.
var fuzzTypes = testutil.FuzzColumnTypes

// FuzzRowDecode runs one tuple through the driver's row decoder for a
// column list drawn from every column type: spec holds three bytes per
// column (type index, then a big-endian EncodedLength override when not
// zero, with the NOT NULL flag in the top bit of the first).
func FuzzRowDecode(f *testing.F) {
	// One valid seed per type: a NULL-free value of the natural width.
	for i, ct := range fuzzTypes {
		var data []byte
		_, cols := ifxtype.PlanColumns(&sqli.Describe{Columns: []sqli.ColumnDesc{ct}}, sqli.ModernFeatures())
		switch w := cols[0].Length; {
		case ct.Type == sqli.TypeVarChar || ct.Type == sqli.TypeNVarChar:
			data = append([]byte{3}, "abc"...)
		case w > 0 && ct.Type.Base() != sqli.TypeLVarChar && ct.Type.Base() < sqli.TypeSet:
			data = bytes.Repeat([]byte{0x41}, w)
		default:
			data = []byte{0, 0, 0, 0, 3, 'x', 'y', 'z'}
		}
		f.Add([]byte{byte(i), 0, 0}, data)
		if ct.ExtendedName != "" && ct.Type.Base() >= sqli.TypeSet && ct.Type.Base() <= sqli.TypeRow {
			text := "LIST{ROW(1          ,SET{'x'}),ROW(NULL,SET{})}"
			switch {
			case ct.Type.Base() == sqli.TypeRow:
				text = "ROW('Alice',30         )"
			case !strings.Contains(ct.ExtendedName, "ROW"):
				text = "SET{1          ,-32768,32767 }"
			}
			f.Add([]byte{byte(i), 0, 0}, append([]byte{0, 0, 0, 0, byte(len(text))}, text...))
		}
	}
	f.Fuzz(func(t *testing.T, spec, data []byte) {
		if len(spec) > 3*64 {
			spec = spec[:3*64]
		}
		d := &sqli.Describe{StmtType: sqli.StmtSelect}
		for i := 0; i+2 < len(spec); i += 3 {
			ct := fuzzTypes[int(spec[i]&0x7f)%len(fuzzTypes)]
			if spec[i]&0x80 != 0 {
				ct.Type |= sqli.TypeNotNull
			}
			if el := int32(spec[i+1])<<8 | int32(spec[i+2]); el != 0 {
				ct.EncodedLength = el
			}
			ct.Name = fmt.Sprintf("c%d", len(d.Columns))
			d.Columns = append(d.Columns, ct)
		}
		for _, ft := range []sqli.Features{sqli.ModernFeatures(), {}} {
			c, _ := fuzzDriverConn(t, nil, 512)
			cols, columns := ifxtype.PlanColumns(d, ft)
			r := &Rows{c: c, cols: cols, columns: columns, vals: make([][]byte, 0, len(cols)), dec: c.decoder()}
			if err := r.splitData(data); err != nil {
				var pe *ProtocolError
				if !errors.As(err, &pe) {
					t.Fatalf("splitData error %T %v", err, err)
				}
				continue
			}
			if len(r.vals) != len(cols) {
				t.Fatalf("%d values for %d columns", len(r.vals), len(cols))
			}
			total := 0
			for _, v := range r.vals {
				total += len(v)
			}
			if total != len(data) {
				t.Fatalf("values cover %d of %d bytes", total, len(data))
			}
			r.haveRow = true
			if vals, err := r.Values(); err == nil && len(vals) != len(cols) {
				t.Fatalf("Values: %d for %d columns", len(vals), len(cols))
			}
			for i := range cols {
				r.dec.DriverValue(&r.cols[i], r.vals[i])
				_ = columns[i].TypeName
			}
			fuzzScanAll(r)
		}
	})
}

// FuzzDescribeColumns decodes SQ_DESCRIBE bytes and plans the columns
// from them, as prepare does.
func FuzzDescribeColumns(f *testing.F) {
	mf := sqli.ModernFeatures()
	d := &sqli.Describe{StmtType: sqli.StmtSelect, TupleSize: 64}
	for i, ct := range fuzzTypes {
		ct.Name = fmt.Sprintf("c%d", i)
		d.Columns = append(d.Columns, ct)
	}
	f.Add(d.Encode(nil, mf)[2:])
	f.Add(d.Encode(nil, sqli.Features{})[2:])
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, ft := range []sqli.Features{mf, {}} {
			var m sqli.Describe
			if _, err := m.Decode(b, ft); err != nil {
				continue
			}
			cols, columns := ifxtype.PlanColumns(&m, ft)
			if len(cols) != len(m.Columns) || len(columns) != len(m.Columns) {
				t.Fatal("column count changed")
			}
			for i := range columns {
				_ = columns[i].TypeName + columns[i].Qualifier.String()
				if cols[i].Width < 0 && cols[i].Kind != ifxtype.ColChar && cols[i].Kind != ifxtype.ColDecimal {
					t.Fatalf("column %d: negative width %d for kind %d", i, cols[i].Width, cols[i].Kind)
				}
			}
		}
	})
}
