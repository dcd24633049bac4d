package ifx_test

import (
	"encoding/hex"
	"errors"
	"reflect"
	"testing"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/sqli"
)

// TestCallRoutineBytesMatchInformixDriver: the groups CallRoutine sends
// are the bytes informix-driver's _fastpath.py builds for the same call
// (ran against IDS 15 and 12.10; docs/PROTOCOL.md, "Fast path"), and the
// reply may carry DONE, COST and XACTSTAT after SQ_FPROUTINE.
func TestCallRoutineBytesMatchInformixDriver(t *testing.T) {
	const (
		pyGetRoutine = "0065000000002766756e6374696f6e20696e666f726d69782e6966785f6c6f5f636c6f736528696e746567657229000000000c"
		pyExFP       = "00660006746573746462000000070001000000050001000200000a00ffffffff000c"
	)
	got := make(chan [2]string, 1)
	fs := newFakeServer(t, func(fc *fakeConn) {
		fc.login()
		g1, _ := fc.group()
		fc.reply(&sqli.RoutineHandle{DB: []byte("testdb"), Handle: 7})
		g2, _ := fc.group()
		got <- [2]string{hex.EncodeToString(g1), hex.EncodeToString(g2)}
		fc.reply(&sqli.FPRoutine{Values: []sqli.FPValue{{Type: sqli.TypeInt, Data: []byte{0, 0, 0, 0}}}},
			&sqli.Done{}, &sqli.Cost{}, &sqli.XactStat{})
		fc.group()
	})
	c := fakeConnect(t, fs, "")
	vals, err := c.CallRoutine(ctxT(t), "function informix.ifx_lo_close(integer)", int32(-1))
	if err != nil || !reflect.DeepEqual(vals, []any{int32(0)}) {
		t.Fatalf("%v %v", vals, err)
	}
	g := <-got
	if g[0] != pyGetRoutine {
		t.Errorf("GETROUTINE\n got %s\nwant %s", g[0], pyGetRoutine)
	}
	if g[1] != pyExFP {
		t.Errorf("EXFPROUTINE\n got %s\nwant %s", g[1], pyExFP)
	}
}

// TestCallRoutineHostileReply: a negative return-value count, a message
// no fast-path reply holds and a reply without values are protocol
// errors that close the connection.
func TestCallRoutineHostileReply(t *testing.T) {
	for name, reply := range map[string]func(fc *fakeConn){
		"negative count": func(fc *fakeConn) { fc.raw([]byte{0x00, 0x67, 0xff, 0xff, 0x00, 0x0c}) },
		"tuple":          func(fc *fakeConn) { fc.reply(&sqli.Tuple{Data: []byte{0, 0, 0, 1}}) },
		"no values":      func(fc *fakeConn) { fc.reply(&sqli.Done{}) },
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t, func(fc *fakeConn) {
				fc.login()
				fc.group()
				fc.reply(&sqli.RoutineHandle{DB: []byte("testdb"), Handle: 7})
				fc.group()
				reply(fc)
				fc.group()
			})
			c := fakeConnect(t, fs, "")
			_, err := c.CallRoutine(ctxT(t), "function f()")
			var pe *ifx.ProtocolError
			if !errors.As(err, &pe) || !c.IsClosed() {
				t.Fatalf("%v (closed %v)", err, c.IsClosed())
			}
		})
	}
}
