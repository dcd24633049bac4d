package ifx_test

import (
	"bytes"
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// blobFaultWorkload inserts BYTE values on its own server, then reads
// them back through the proxy under test. It returns the rows it read
// correctly and the first error; a row that arrives wrong is reported as
// corrupt (never acceptable).
func blobFaultWorkload(ctx context.Context, dsn string) (rows int, corrupt string, err error) {
	c, err := ifx.Connect(ctx, dsn+"&fetch_buffer=300")
	if err != nil {
		return 0, "", err
	}
	defer c.Close(context.Background())
	r, err := c.Query(ctx, "SELECT id, b FROM blob_fault ORDER BY id")
	if err != nil {
		return 0, "", err
	}
	defer r.Close()
	for r.Next() {
		var id int
		var b []byte
		if err := r.Scan(&id, &b); err != nil {
			return rows, "", err
		}
		if id != rows || !bytes.Equal(b, blobValue(id+2)) {
			return rows, fmt.Sprintf("row %d: id %d, %d bytes", rows, id, len(b)), nil
		}
		rows++
	}
	return rows, "", r.Err()
}

// TestFaultKillDuringBlobFetch kills the connection (FIN and RST,
// alternating) at byte offsets all through a query of BYTE values: inside
// the tuples' descriptors, the SQ_FETCHBLOB replies and their chunks.
// Every case must end in an error within its deadline, with the rows
// before the cut intact and none made from a partial value.
func TestFaultKillDuringBlobFetch(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	const nrows = 6
	setup := func() (*ifxtest.Server, func()) {
		srv, stop := startFaultServer(t, ifxtest.Faults{})
		ctx := ctxT(t)
		c, err := ifx.Connect(ctx, srv.DSN("testdb"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, "CREATE TABLE blob_fault (id INTEGER, b BYTE)"); err != nil {
			t.Fatal(err)
		}
		for i := range nrows {
			if _, err := c.Exec(ctx, "INSERT INTO blob_fault VALUES (?, ?)", i, ifxtype.Byte(blobValue(i+2))); err != nil {
				t.Fatal(err)
			}
		}
		c.Close(ctx)
		return srv, stop
	}
	// The baseline: every row, and how many bytes the server sends.
	srv, stop := setup()
	p, err := faultproxy.New(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	if n, corrupt, err := blobFaultWorkload(ctxT(t), faultProxyDSN(srv, p, "testdb")); err != nil || corrupt != "" || n != nrows {
		t.Fatalf("baseline: %d rows, %q, %v", n, corrupt, err)
	}
	p.Close()
	st := srv.Stats()
	total := st[len(st)-1].BytesOut
	stop()
	var cases atomic.Int64
	faultParallel(int(total/97)+1, func(i int) {
		off := int64(i) * 97
		action := faultproxy.Kill
		if i%2 == 1 {
			action = faultproxy.Reset
		}
		srv, stop := setup()
		defer stop()
		p, err := faultproxy.New(srv.Addr())
		if err != nil {
			t.Error(err)
			return
		}
		defer p.Close()
		p.SetRule(&faultproxy.Rule{Dir: faultproxy.ServerToClient, After: off, Action: action})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		n, corrupt, err := blobFaultWorkload(ctx, faultProxyDSN(srv, p, "testdb"))
		cases.Add(1)
		switch {
		case corrupt != "":
			t.Errorf("kill after %d bytes: a wrong row: %s", off, corrupt)
		case err == nil && n == nrows && off < total-2:
			t.Errorf("kill after %d of %d bytes: the workload succeeded", off, total)
		case err == nil && n != nrows:
			t.Errorf("kill after %d bytes: %d rows and no error", off, n)
		case time.Since(start) > faultKillLimit:
			t.Errorf("kill after %d bytes: %v to fail", off, time.Since(start))
		}
	})
	t.Logf("%d kill cases over %d bytes", cases.Load(), total)
}
