package ifx_test

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
	"github.com/ifxgo/ifx/sqli"
)

// batchRecorder is a server that prepares any statement as an INSERT,
// answers each SQ_EXECUTE with SQ_DONE (1 row) + SQ_COST, and keeps the
// raw bytes of every request group that executes.
func batchRecorder(t *testing.T) (*fakeServer, func() [][]byte) {
	var mu sync.Mutex
	var groups [][]byte
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		for {
			raw, tags := fc.group()
			switch {
			case tags[0] == "SQ_EXIT":
				fc.raw([]byte{0, 0x38})
				return
			case slices.Contains(tags, "SQ_PREPARE"):
				fc.reply(&sqli.Describe{StmtType: sqli.StmtInsert}, &sqli.Done{}, &sqli.Cost{})
			case slices.Contains(tags, "SQ_EXECUTE"):
				mu.Lock()
				groups = append(groups, raw)
				mu.Unlock()
				var msgs []sqli.Message
				for _, tag := range tags {
					if tag == "SQ_EXECUTE" {
						msgs = append(msgs, &sqli.Done{Rows: 1}, &sqli.Cost{})
					}
				}
				fc.reply(msgs...)
			default:
				fc.reply()
			}
		}
	})
	return fs, func() [][]byte {
		mu.Lock()
		defer mu.Unlock()
		out := groups
		groups = nil
		return out
	}
}

// TestBatchQueueSendsWhatExecBatchSends: stdlib's CopyIn encodes each
// row when it is queued (adapter.BatchQueue) instead of at the flush, as
// Stmt.ExecBatch does; the request groups must be byte for byte the
// same, edge values included (NULLs, empty and long strings, extreme
// integers, a BYTE that adds SQ_BBIND and a blob stream, a DECIMAL, a
// DATETIME), and split at the same rows.
func TestBatchQueueSendsWhatExecBatchSends(t *testing.T) {
	fs, groups := batchRecorder(t)
	c := fakeConnect(t, fs, "")
	ctx := ctxT(t)
	st, err := c.Prepare(ctx, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := ifxtype.ParseDecimal("-12345.678")
	ts := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	edge := [][]any{
		{int32(math.MinInt32 + 1), int64(math.MaxInt64), "", d, ts, nil},
		{nil, nil, nil, nil, nil, ifxtype.Byte("blob")},
		{int32(0), int64(math.MinInt64 + 1), strings.Repeat("x", 40000), (*ifxtype.Decimal)(nil), time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC), []byte{}},
	}
	var rows [][]any
	for i := range 300 { // several request groups
		rows = append(rows, edge[i%len(edge)])
	}
	if _, err := st.ExecBatch(ctx, rows); err != nil {
		t.Fatal(err)
	}
	want := groups()

	q := adapter.NewBatchQueue(st, len(rows), 1<<30)
	for i, r := range rows {
		full, err := q.Add(r)
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		if full != (i == len(rows)-1) {
			t.Fatalf("row %d: full %v", i, full)
		}
	}
	n, err := q.Send(ctx)
	if err != nil || n != int64(len(rows)) {
		t.Fatalf("Send: %d rows, %v", n, err)
	}
	got := groups()
	if len(want) < 2 || len(got) != len(want) {
		t.Fatalf("%d request groups from the queue, %d from ExecBatch", len(got), len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Fatalf("request group %d differs: %d bytes from the queue, %d from ExecBatch", i, len(got[i]), len(want[i]))
		}
	}
	if q.Len() != 0 {
		t.Fatalf("%d executions left queued after Send", q.Len())
	}
}
