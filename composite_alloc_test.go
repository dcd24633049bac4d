package ifx_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/sqli"
)

// listInt10 is a LIST(INTEGER NOT NULL) value of 1..10 as IDS sends it:
// the opaque envelope around the text, INTEGERs blank-padded to 11.
func listInt10() []byte {
	elems := make([]string, 10)
	for i := range elems {
		elems[i] = fmt.Sprintf("%-11d", (i+1)*-1000)
	}
	text := "LIST{" + strings.Join(elems, ",") + "}"
	v := []byte{0}
	v = sqli.AppendInt32(v, int32(len(text)))
	return append(v, text...)
}

// endlessLists serves a query whose result never ends: every NFETCH gets
// 200 rows of one LIST(INTEGER NOT NULL) column.
func endlessLists(t testing.TB) *fakeServer {
	row := listInt10()
	desc := &sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{
		{Type: sqli.TypeList, EncodedLength: 2048, Name: "l", ExtendedID: 2050, ExtendedOwner: "informix", ExtendedName: "LIST(integer not null)"},
	}}
	var batch []sqli.Message
	for range 200 {
		batch = append(batch, &sqli.Tuple{Data: row})
	}
	return newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group()
		fc.reply(desc, &sqli.Done{}, &sqli.Cost{})
		for {
			_, tags := fc.group()
			if tags[0] == "SQ_EXIT" {
				fc.raw([]byte{0, 0x38})
				return
			}
			fc.reply(batch...)
		}
	})
}

// Next + Scan of a LIST of 10 INTEGERs into *[]int32 allocates the slice
// and nothing else; into a slice whose capacity holds the elements,
// nothing. (The general decoder made a string, an []any and a boxed
// element each: 13 allocations per row.)
func TestScanListAllocations(t *testing.T) {
	c := fakeConnect(t, endlessLists(t), "")
	rows, err := c.Query(context.Background(), "SELECT l FROM endless")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var l []int32
	fresh := testing.AllocsPerRun(2000, func() {
		l = nil
		if !rows.Next() || rows.Scan(&l) != nil {
			t.Fatal(rows.Err())
		}
	})
	if fresh > 1 {
		t.Errorf("%v allocations per row into a nil *[]int32, want at most 1", fresh)
	}
	reused := testing.AllocsPerRun(2000, func() {
		if !rows.Next() || rows.Scan(&l) != nil {
			t.Fatal(rows.Err())
		}
	})
	if reused != 0 {
		t.Errorf("%v allocations per row into a reused *[]int32, want 0", reused)
	}
	want := []int32{-1000, -2000, -3000, -4000, -5000, -6000, -7000, -8000, -9000, -10000}
	if !reflect.DeepEqual(l, want) {
		t.Errorf("values %v", l)
	}
	var l64 []int64
	var l16 []int16
	if !rows.Next() || rows.Scan(&l64) != nil || l64[9] != -10000 {
		t.Errorf("*[]int64: %v %v", l64, rows.Err())
	}
	if !rows.Next() || rows.Scan(&l16) != nil || l16[0] != -1000 {
		t.Errorf("*[]int16: %v %v", l16, rows.Err())
	}
}

// The fast path and the general decoder agree, and what the fast path
// does not take (out of range, malformed, nested) is decided by the
// general one.
func TestScanIntCollectionFallsBack(t *testing.T) {
	c := connect(t, "testdb")
	ctx := ctxT(t)
	freshTable(t, c, "comp_fast", "id INT, l LIST(BIGINT NOT NULL), s SET(SMALLINT NOT NULL)")
	if _, err := c.Exec(ctx, "INSERT INTO comp_fast VALUES (1, LIST{-9223372036854775807, 0, 9223372036854775807}, SET{-32768, 32767})"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO comp_fast VALUES (2, LIST{}, SET{})"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO comp_fast VALUES (3, LIST{70000}, SET{1})"); err != nil {
		t.Fatal(err)
	}
	var l []int64
	var s []int16
	var any1 []any
	if err := c.QueryRow(ctx, "SELECT l, s FROM comp_fast WHERE id = 1").Scan(&l, &s); err != nil ||
		!reflect.DeepEqual(l, []int64{-9223372036854775807, 0, 9223372036854775807}) || len(s) != 2 {
		t.Errorf("extremes: %v %v %v", l, s, err)
	}
	if err := c.QueryRow(ctx, "SELECT l FROM comp_fast WHERE id = 1").Scan(&any1); err != nil || any1[2] != int64(9223372036854775807) {
		t.Errorf("general decoder: %v %v", any1, err)
	}
	l = []int64{5}
	if err := c.QueryRow(ctx, "SELECT l, s FROM comp_fast WHERE id = 2").Scan(&l, &s); err != nil || len(l) != 0 || l == nil || len(s) != 0 {
		t.Errorf("empty: %v %v %v", l, s, err)
	}
	var narrow []int16
	err := c.QueryRow(ctx, "SELECT l FROM comp_fast WHERE id = 3").Scan(&narrow)
	if err == nil || !strings.Contains(err.Error(), "70000") {
		t.Errorf("70000 into []int16: %v", err)
	}
}

// listServer serves every query of one LIST(INTEGER NOT NULL) column with
// n rows (a multiple of 200), in pre-encoded batches of 200, so that the
// process's allocations are the client's.
func listServer(t testing.TB, n int) *fakeServer {
	row := listInt10()
	desc := &sqli.Describe{StmtType: sqli.StmtSelect, Columns: []sqli.ColumnDesc{
		{Type: sqli.TypeList, EncodedLength: 2048, Name: "l", ExtendedID: 2050, ExtendedOwner: "informix", ExtendedName: "LIST(integer not null)"},
	}}
	var msgs []sqli.Message
	for range 200 {
		msgs = append(msgs, &sqli.Tuple{Data: row})
	}
	return newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		batch := sqli.AppendGroup(nil, fc.feat, msgs...)
		end := sqli.AppendGroup(nil, fc.feat, &sqli.Done{}, &sqli.Cost{})
		left := 0
		for {
			_, tags := fc.group()
			switch {
			case tags[0] == "SQ_EXIT":
				fc.raw([]byte{0, 0x38})
				return
			case slices.Contains(tags, "SQ_PREPARE"):
				fc.reply(desc, &sqli.Done{}, &sqli.Cost{})
			case slices.Contains(tags, "SQ_NFETCH"):
				if slices.Contains(tags, "SQ_OPEN") {
					left = n
				}
				if left == 0 {
					fc.raw(end)
					continue
				}
				left -= 200
				fc.raw(batch)
			default:
				fc.reply()
			}
		}
	})
}

// BenchmarkScanList10k reads 10,000 rows, each a LIST of 10 INTEGERs,
// into a fresh *[]int32 per row (the measure: at most one
// allocation per row, the slice). The server is pre-encoded, so allocs/op
// divided by 10,000 is the client's per-row figure (the query's own few
// allocations included).
func BenchmarkScanList10k(b *testing.B) {
	fs := listServer(b, 10000)
	ctx := context.Background()
	c, err := ifx.Connect(ctx, fs.dsn(""))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close(ctx)
	b.ReportAllocs()
	for b.Loop() {
		r, err := c.Query(ctx, "SELECT l FROM bench_list")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		var l []int32 // declared once: &l escapes, and a header per row would count
		for r.Next() {
			l = nil // a fresh slice per row, as a caller keeping every row's gets
			if err := r.Scan(&l); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if r.Err() != nil || n != 10000 {
			b.Fatal(r.Err(), n)
		}
	}
}
