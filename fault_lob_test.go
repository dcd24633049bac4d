package ifx_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/faultproxy"
)

// lobFaultSize spans three SQ_LODATA chunks of 32,000 bytes each way.
const lobFaultSize = 70_000

func lobFaultValue() []byte {
	b := make([]byte, lobFaultSize)
	for i := range b {
		b[i] = byte(i*31 + i/251)
	}
	return b
}

// lobWriteWorkload writes a smart large object through a LargeObject
// (io.Copy) and stores its locator; it reports whether every step said
// it succeeded.
func lobWriteWorkload(ctx context.Context, dsn, table string) error {
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
	if err != nil {
		return err
	}
	if _, err := io.Copy(lo, bytes.NewReader(lobFaultValue())); err != nil {
		lo.Close()
		return err
	}
	if err := lo.Close(); err != nil {
		return err
	}
	_, err = c.Exec(ctx, "INSERT INTO "+table+" VALUES (1, ?)", lo.Locator())
	return err
}

// lobReadWorkload reads the stored object twice, as a scanned []byte and
// through OpenLargeObject and io.Copy; corrupt describes a value that
// came back different from what was stored (never acceptable).
func lobReadWorkload(ctx context.Context, dsn, table string) (corrupt string, err error) {
	c, err := ifx.Connect(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer c.Close(context.Background())
	want := lobFaultValue()
	var b []byte
	if err := c.QueryRow(ctx, "SELECT b FROM "+table+" WHERE id = 1").Scan(&b); err != nil {
		return "", err
	}
	if !bytes.Equal(b, want) {
		return fmt.Sprintf("scanned %d bytes of %d", len(b), len(want)), nil
	}
	var loc ifxtype.Locator
	if err := c.QueryRow(ctx, "SELECT b FROM "+table+" WHERE id = 1").Scan(&loc); err != nil {
		return "", err
	}
	lo, err := c.OpenLargeObject(ctx, loc, ifx.LOReadOnly)
	if err != nil {
		return "", err
	}
	var got bytes.Buffer
	if _, err := io.Copy(&got, lo); err != nil {
		lo.Close()
		return "", err
	}
	if err := lo.Close(); err != nil {
		return "", err
	}
	if !bytes.Equal(got.Bytes(), want) {
		return fmt.Sprintf("read %d bytes of %d", got.Len(), len(want)), nil
	}
	return "", nil
}

// lobFaultTable creates a table on srv, with the object stored when
// stored is set. The cases of a sweep share one server (starting one
// per case was most of the sweep's time), each with a table of its own.
func lobFaultTable(t *testing.T, srv *ifxtest.Server, table string, stored bool) {
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Exec(ctx, "CREATE TABLE "+table+" (id INTEGER, b BLOB)")
	c.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stored {
		if err := lobWriteWorkload(ctx, srv.DSN("testdb"), table); err != nil {
			t.Fatal(err)
		}
	}
}

// lobBaselineBytes is what the last connection to srv moved: the bytes
// the server sent and received.
func lobBaselineBytes(srv *ifxtest.Server) (s2c, c2s int64) {
	st := srv.Stats()
	return st[len(st)-1].BytesOut, st[len(st)-1].BytesIn
}

// lobStoredValue returns the stored object's bytes read directly (not
// through the proxy): nil when no row holds one.
func lobStoredValue(t *testing.T, srv *ifxtest.Server, table string) []byte {
	ctx := ctxT(t)
	c, err := ifx.Connect(ctx, srv.DSN("testdb"))
	if err != nil {
		t.Error(err)
		return nil
	}
	defer c.Close(ctx)
	var b []byte
	if err := c.QueryRow(ctx, "SELECT b FROM "+table+" WHERE id = 1").Scan(&b); err != nil {
		return nil
	}
	if b == nil {
		return []byte{}
	}
	return b
}

// TestFaultKillDuringLargeObjectWrite kills the connection (FIN and RST,
// alternating) at byte offsets all through a LargeObject write and the
// INSERT of its locator: inside the fast-path calls, the SQ_LODATA
// request and its data chunks, and each reply, in both directions.
// Every case must end in an error within its deadline or in success, and
// a row that exists holds the whole value: a cut write is never stored
// as if it were whole.
func TestFaultKillDuringLargeObjectWrite(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv, stop := startFaultServer(t, ifxtest.Faults{})
	defer stop()
	lobFaultTable(t, srv, "lob_fault", false)
	p, err := faultproxy.New(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	if err := lobWriteWorkload(ctxT(t), faultProxyDSN(srv, p, "testdb"), "lob_fault"); err != nil {
		t.Fatalf("baseline: %v", err)
	}
	p.Close()
	s2c, c2s := lobBaselineBytes(srv)
	var cases atomic.Int64
	sweep := func(dir faultproxy.Direction, total, stride int64) {
		faultParallel(int((total+stride-1)/stride), func(i int) {
			off := int64(i) * stride
			action := faultproxy.Kill
			if i%2 == 1 {
				action = faultproxy.Reset
			}
			name := fmt.Sprintf("write: dir %d kill %d after %d of %d bytes", dir, action, off, total)
			table := fmt.Sprintf("lob_w%d_%d", dir, i)
			lobFaultTable(t, srv, table, false)
			p, err := faultproxy.New(srv.Addr())
			if err != nil {
				t.Error(err)
				return
			}
			p.SetRule(&faultproxy.Rule{Dir: dir, After: off, Action: action})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			start := time.Now()
			err = lobWriteWorkload(ctx, faultProxyDSN(srv, p, "testdb"), table)
			el := time.Since(start)
			cancel()
			p.Close()
			cases.Add(1)
			stored := lobStoredValue(t, srv, table)
			switch {
			case stored != nil && !bytes.Equal(stored, lobFaultValue()):
				t.Errorf("%s: a row holds %d bytes of %d (err %v)", name, len(stored), lobFaultSize, err)
			case err == nil && stored == nil:
				t.Errorf("%s: the workload succeeded and stored nothing", name)
			case err == nil && off < total-2:
				t.Errorf("%s: the workload succeeded", name)
			case el > faultKillLimit:
				t.Errorf("%s: %v to fail", name, el)
			}
		})
	}
	// Strides prime to the message and chunk sizes, so the cuts fall at
	// every kind of position (headers, counts, chunk lengths, data, pads)
	// over the sweep.
	sweep(faultproxy.ServerToClient, s2c, 13)
	sweep(faultproxy.ClientToServer, c2s, 1999)
	t.Logf("%d kill cases (%d bytes from the server, %d from the client)", cases.Load(), s2c, c2s)
}

// TestFaultKillDuringLargeObjectRead kills the connection at byte
// offsets all through reads of a stored object (a scanned []byte, then
// OpenLargeObject and io.Copy): inside SQ_LODATA answers and their
// chunks, the fast-path replies and the requests. Every case must end in
// an error within its deadline, never a value shorter or different
// reported as read.
func TestFaultKillDuringLargeObjectRead(t *testing.T) {
	if realServer() {
		t.Skip("uses ifxtest")
	}
	srv, stop := startFaultServer(t, ifxtest.Faults{})
	defer stop()
	lobFaultTable(t, srv, "lob_fault", true)
	p, err := faultproxy.New(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	if corrupt, err := lobReadWorkload(ctxT(t), faultProxyDSN(srv, p, "testdb"), "lob_fault"); err != nil || corrupt != "" {
		t.Fatalf("baseline: %q %v", corrupt, err)
	}
	p.Close()
	s2c, c2s := lobBaselineBytes(srv)
	var cases atomic.Int64
	sweep := func(dir faultproxy.Direction, total, stride int64) {
		faultParallel(int((total+stride-1)/stride), func(i int) {
			off := int64(i) * stride
			action := faultproxy.Kill
			if i%2 == 1 {
				action = faultproxy.Reset
			}
			name := fmt.Sprintf("read: dir %d kill %d after %d of %d bytes", dir, action, off, total)
			table := fmt.Sprintf("lob_r%d_%d", dir, i)
			lobFaultTable(t, srv, table, true)
			p, err := faultproxy.New(srv.Addr())
			if err != nil {
				t.Error(err)
				return
			}
			defer p.Close()
			p.SetRule(&faultproxy.Rule{Dir: dir, After: off, Action: action})
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			start := time.Now()
			corrupt, err := lobReadWorkload(ctx, faultProxyDSN(srv, p, "testdb"), table)
			el := time.Since(start)
			cases.Add(1)
			switch {
			case corrupt != "":
				t.Errorf("%s: a wrong value: %s", name, corrupt)
			case err == nil && off < total-2:
				t.Errorf("%s: the workload succeeded", name)
			case el > faultKillLimit:
				t.Errorf("%s: %v to fail", name, el)
			}
		})
	}
	sweep(faultproxy.ServerToClient, s2c, 1999)
	sweep(faultproxy.ClientToServer, c2s, 29)
	t.Logf("%d kill cases (%d bytes from the server, %d from the client)", cases.Load(), s2c, c2s)
}
