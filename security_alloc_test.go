package ifx_test

// A hostile server cannot make the client allocate memory by claiming
// huge lengths: a length beyond the decoder's hard cap fails at once,
// and any other length is only buffered as the bytes actually arrive, up
// to Config.MaxMessageSize, where the read fails. These tests make a
// fake server claim 2 GiB and 50 MiB lengths in SQ_TUPLE, SQ_DESCRIBE
// (column count and name table), SQ_ERR and the association packet,
// stream filler behind the claim, and measure what the client allocated.

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/sqli"
)

// allocMax is the MaxMessageSize of these tests.
const allocMax = 256 << 10

// allocBound is what the client may allocate while it reads one hostile
// reply: the read buffer grows by doubling up to allocMax (less than
// 2 × allocMax in all), the SQ_DESCRIBE decoder holds one ColumnDesc per
// column that fits in allocMax bytes, plus the fake server's and the
// runtime's own small allocations.
const allocBound = 8 * allocMax

// claim returns the hostile bytes that follow a valid login: the start
// of a message claiming a huge length.
var allocClaims = map[string]func(f sqli.Features) []byte{
	"SQ_TUPLE 2 GiB": func(sqli.Features) []byte {
		return sqli.AppendInt32(sqli.AppendInt16(sqli.AppendInt16(nil, int16(sqli.TagTuple)), 0), 0x7fffffff)
	},
	"SQ_TUPLE 50 MiB": func(sqli.Features) []byte {
		return sqli.AppendInt32(sqli.AppendInt16(sqli.AppendInt16(nil, int16(sqli.TagTuple)), 0), 50<<20)
	},
	"SQ_DESCRIBE 32767 columns, 2 GiB name table": func(f sqli.Features) []byte {
		b := sqli.AppendInt16(nil, int16(sqli.TagDescribe))
		b = sqli.AppendInt16(b, sqli.StmtSelect)
		b = sqli.AppendInt16(b, 0)
		b = sqli.AppendInt32(b, 0)
		if f.LargeTuple() {
			b = sqli.AppendInt32(b, 0x7fffffff)
		} else {
			b = sqli.AppendInt16(b, 0x7fff)
		}
		b = sqli.AppendInt16(b, 32767)
		if f.LongNameTable() {
			return sqli.AppendInt32(b, 0x7fffffff)
		}
		return sqli.AppendInt16(b, 0x7fff)
	},
	"SQ_ERR 32 KiB near text": func(f sqli.Features) []byte {
		b := sqli.AppendInt16(nil, int16(sqli.TagErr))
		b = sqli.AppendInt16(sqli.AppendInt16(b, -201), 0)
		if f.LongSQLText() {
			b = sqli.AppendInt32(b, 0)
		} else {
			b = sqli.AppendInt16(b, 0)
		}
		return sqli.AppendInt16(b, 0x7fff)
	},
}

func TestSecurityHugeLengthsAllocateLittle(t *testing.T) {
	filler := make([]byte, 4*allocMax) // zero bytes: valid column blocks, tuple data, text
	for name, claim := range allocClaims {
		t.Run(name, func(t *testing.T) {
			fs := newFakeServer(t, func(fc *fakeConn) {
				fc.login()
				fc.group() // PREPARE
				fc.raw(claim(fc.feat))
				for i := 0; i < len(filler); i += 32 << 10 {
					if _, err := fc.nc.Write(filler[i : i+32<<10]); err != nil {
						return
					}
				}
				time.Sleep(300 * time.Millisecond) // hold the connection open
			})
			c := fakeConnect(t, fs, "&max_message_size=262144")
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := c.Query(ctx, "SELECT a FROM t")
			el := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%v after %v, %d KiB allocated", err, el.Round(time.Millisecond), alloc>>10)
			if err == nil {
				t.Fatal("the hostile reply was accepted")
			}
			var pe *ifx.ProtocolError
			if !errors.As(err, &pe) && !errors.Is(err, sqli.ErrMessageTooLarge) && !ifx.IsConnectionLost(err) {
				t.Errorf("error %T %v", err, err)
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("the client waited for the claimed bytes instead of failing at MaxMessageSize")
			}
			if alloc > allocBound {
				t.Errorf("allocated %d KiB for a reply bounded by a %d KiB MaxMessageSize (limit %d KiB)", alloc>>10, allocMax>>10, allocBound>>10)
			}
			if !c.IsClosed() {
				t.Error("connection open after a hostile reply")
			}
		})
	}
}

// TestSecurityHugeLoginPacketAllocatesLittle: the association packet's
// length is 16 bits, so the most a server can claim is 64 KiB; a claim
// followed by silence ends at the connect timeout.
func TestSecurityHugeLoginPacketAllocatesLittle(t *testing.T) {
	fs := newFakeServer(t, func(fc *fakeConn) {
		if _, err := fc.rd.ReadPacket(); err != nil {
			return
		}
		fc.raw([]byte{0xff, 0xff, 0x02, 0x3c, 0x10, 0x00})
		fc.raw(make([]byte, 1000))
		time.Sleep(1500 * time.Millisecond)
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := ifx.Connect(context.Background(), fs.dsn("&connect_timeout=300ms"))
	el := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%v after %v, %d KiB allocated", err, el.Round(time.Millisecond), alloc>>10)
	if err == nil {
		t.Fatal("connected")
	}
	// The connect timeout, then the interrupt wait (1 s by default: the
	// watcher treats the login like any exchange).
	if el > 3*time.Second {
		t.Errorf("took %v with a 300 ms connect timeout", el)
	}
	if alloc > 1<<20 {
		t.Errorf("allocated %d KiB for a 64 KiB packet", alloc>>10)
	}
}
