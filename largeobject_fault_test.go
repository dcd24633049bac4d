package ifx_test

import (
	"context"
	"encoding/binary"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// loServer scripts the server side of OpenLargeObject (ifx_lo_open
// resolved and answering descriptor 1), then runs read for the first
// SQ_LODATA group.
func loServer(t *testing.T, read func(fc *fakeConn)) *ifx.Conn {
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		fc.group() // SQ_GETROUTINE
		fc.reply(&sqli.RoutineHandle{DB: []byte("testdb"), Handle: 1000})
		fc.group() // SQ_EXFPROUTINE
		fc.reply(&sqli.FPRoutine{Values: []sqli.FPValue{{Type: sqli.TypeInt, Prec: 0x0a00, Data: binary.BigEndian.AppendUint32(nil, 1)}}})
		fc.group() // SQ_LODATA
		read(fc)
		time.Sleep(300 * time.Millisecond)
	})
	return fakeConnect(t, fs, "")
}

// TestLargeObjectHostileLODataLengths: an SQ_LODATA answer claiming more
// bytes than were asked for, or a chunk longer than what is left, is a
// ProtocolError that closes the connection, before anything is allocated
// for the claim.
func TestLargeObjectHostileLODataLengths(t *testing.T) {
	filler := make([]byte, 1<<20) // what a reader trusting the claim would wait for
	for name, answer := range map[string][]byte{
		"count beyond the request": {0x00, 0x61, 0x00, 0x00, 0x7f, 0xff, 0xff, 0xff},
		"chunk beyond the count":   {0x00, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x7f, 0xff},
		"negative chunk":           {0x00, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0xff, 0xf0},
	} {
		t.Run(name, func(t *testing.T) {
			c := loServer(t, func(fc *fakeConn) {
				fc.raw(answer)
				fc.raw(filler)
			})
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			lo, err := c.OpenLargeObject(ctx, ifxtype.Locator{Kind: ifxtype.BLOB}, ifx.LOReadOnly)
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			n, err := lo.Read(make([]byte, 100))
			runtime.ReadMemStats(&after)
			var pe *ifx.ProtocolError
			if !errors.As(err, &pe) || n != 0 {
				t.Fatalf("read %d bytes, error %T %v", n, err, err)
			}
			if !c.IsClosed() {
				t.Error("the connection stayed open after a desynchronising answer")
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<10 {
				t.Errorf("allocated %d KiB for a 100-byte read", alloc>>10)
			}
		})
	}
}

// TestLargeObjectReadCutOffMidValue: a connection lost in the middle of
// an SQ_LODATA answer gives an error within the context's deadline, and
// the bytes read are never reported as the whole value.
func TestLargeObjectReadCutOffMidValue(t *testing.T) {
	c := loServer(t, func(fc *fakeConn) {
		fc.raw([]byte{0x00, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x64, 0x00, 0x64}) // 100 bytes announced
		fc.raw(make([]byte, 40))                                                   // 40 sent
		fc.nc.Close()
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	lo, err := c.OpenLargeObject(ctx, ifxtype.Locator{Kind: ifxtype.BLOB}, ifx.LOReadOnly)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	n, err := lo.Read(make([]byte, 100))
	if err == nil || errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 4*time.Second {
		t.Fatalf("read %d bytes in %v, error %v", n, time.Since(start), err)
	}
	if !ifx.IsConnectionLost(err) {
		t.Errorf("error %T %v is not a lost connection", err, err)
	}
}
