package ifxpool

import (
	"context"
	"testing"

	"github.com/ifxgo/ifx"
)

// BenchmarkAcquireRelease: the pool's own cost, parallel, with an idle
// connection for every goroutine (Release includes the connection's
// Reset, which sends nothing when there is nothing to undo).
func BenchmarkAcquireRelease(b *testing.B) {
	srv := server(b)
	p := newPool(b, srv.DSN("testdb")+"&pool_max_conns=64&pool_health_check_period=0", nil)
	ctx := context.Background()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c, err := p.Acquire(ctx)
			if err != nil {
				b.Error(err)
				return
			}
			c.Release()
		}
	})
	if s := p.Stat(); s.TotalConns > int32(b.N) || s.AcquiredConns != 0 {
		b.Fatalf("%+v", s)
	}
}

// BenchmarkAcquireReleaseContended: 4 connections for all of the
// parallel goroutines (GOMAXPROCS×16), so most acquires wait.
func BenchmarkAcquireReleaseContended(b *testing.B) {
	srv := server(b)
	p := newPool(b, srv.DSN("testdb")+"&pool_max_conns=4&pool_min_conns=4&pool_health_check_period=0", nil)
	ctx := context.Background()
	b.ReportAllocs()
	b.SetParallelism(16)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c, err := p.Acquire(ctx)
			if err != nil {
				b.Error(err)
				return
			}
			c.Release()
		}
	})
}

// BenchmarkQueryRow compares a lookup on one connection with the same
// lookup through Pool.QueryRow (acquire, query, reset, release).
func BenchmarkQueryRow(b *testing.B) {
	srv := server(b)
	ctx := context.Background()
	const q = "SELECT tabid, tabname FROM systables WHERE tabid = ?"
	b.Run("conn", func(b *testing.B) {
		c, err := ifx.Connect(ctx, srv.DSN("testdb"))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close(ctx)
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			var id int
			var name string
			if err := c.QueryRow(ctx, q, i%20+1).Scan(&id, &name); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pool", func(b *testing.B) {
		p := newPool(b, srv.DSN("testdb")+"&pool_max_conns=1&pool_health_check_period=0", nil)
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			var id int
			var name string
			if err := p.QueryRow(ctx, q, i%20+1).Scan(&id, &name); err != nil {
				b.Fatal(err)
			}
		}
	})
}
