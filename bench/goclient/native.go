package main

import (
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"math"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/bench/internal/benchclient"
	"github.com/ifxgo/ifx/ifxpool"
	"github.com/ifxgo/ifx/ifxtype"
)

// The native API: ifx.Connect, Conn.Query/Exec/Prepare/Begin, Rows.Next/Scan/Close.

func init() {
	modes["native"] = func() (client, error) { return nativeClient{}, nil }
}

type nativeClient struct{}

func (nativeClient) name() string { return "ifx" }

func (nativeClient) connect(ctx context.Context) (*ifx.Conn, error) {
	return ifx.Connect(ctx, opt.dsn())
}

type nativeAdmin struct {
	ctx context.Context
	c   *ifx.Conn
}

func (n nativeClient) admin(ctx context.Context) (admin, error) {
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	return nativeAdmin{ctx, c}, nil
}

func (a nativeAdmin) exec(q string) error {
	_, err := a.c.Exec(a.ctx, q)
	return err
}

func (a nativeAdmin) count(q string) (int64, error) {
	var cnt ifxtype.Decimal
	if err := a.c.QueryRow(a.ctx, q).Scan(&cnt); err != nil {
		return 0, err
	}
	return cnt.Int64()
}

func (a nativeAdmin) close() { a.c.Close(a.ctx) }

func (n nativeClient) setup(ctx context.Context) (*benchclient.Result, error) {
	return setupKV(ctx, n.admin)
}

func (n nativeClient) workloads() map[string]workload {
	return map[string]workload{
		"connect":   n.connectClose,
		"select1":   n.select1,
		"lookup":    n.lookup,
		"fetch100k": n.fetch(fetch100k),
		"fetchwide": n.fetch(fetchWide),
		"insert":    n.insert,
		"pool":      n.pool,
		"lob":       n.lob,
	}
}

func (n nativeClient) connectClose(ctx context.Context) (*benchclient.Result, error) {
	return connectWorkload(func() error {
		c, err := n.connect(ctx)
		if err != nil {
			return err
		}
		return c.Close(ctx)
	})
}

func (n nativeClient) select1(ctx context.Context) (*benchclient.Result, error) {
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close(ctx)
	return select1Workload(func() (int64, error) {
		var v int32
		err := c.QueryRow(ctx, select1SQL).Scan(&v)
		return int64(v), err
	})
}

func (n nativeClient) lookup(ctx context.Context) (*benchclient.Result, error) {
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close(ctx)
	st, err := c.Prepare(ctx, lookupSQL)
	if err != nil {
		return nil, err
	}
	defer st.Close(ctx)
	return lookupWorkload(func(id int32, row *kvRow) error {
		return st.QueryRow(ctx, id).Scan(row.dest()...)
	})
}

func (n nativeClient) fetch(q fetchQuery) workload {
	return func(ctx context.Context) (*benchclient.Result, error) {
		c, err := n.connect(ctx)
		if err != nil {
			return nil, err
		}
		defer c.Close(ctx)
		dest := q.dest()
		r, err := fetchWorkload(q, func() (int, error) {
			rows, err := c.Query(ctx, q.sql)
			if err != nil {
				return 0, err
			}
			defer rows.Close()
			cnt := 0
			for rows.Next() {
				if err := rows.Scan(dest...); err != nil {
					return cnt, err
				}
				cnt++
			}
			return cnt, rows.Err()
		})
		r.Extra["fetch_buffer"] = c.Config().FetchBufferSize
		return r, err
	}
}

// insert: the batch path, a prepared INSERT run with Stmt.ExecBatch (ID,
// then BIND+EXECUTE per row, pipelined in request groups of 64 KiB, as
// JDBC's executeBatch) in one transaction.
func (n nativeClient) insert(ctx context.Context) (*benchclient.Result, error) {
	j, err := newInsertJob(ctx, "native", n.admin)
	if err != nil {
		return nil, err
	}
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	err = j.time(func(table string) error {
		tx, err := c.Begin(ctx)
		if err != nil {
			return err
		}
		st, err := tx.Prepare(ctx, insertSQL(table))
		if err != nil {
			tx.Rollback(ctx)
			return err
		}
		tags, err := st.ExecBatch(ctx, j.args)
		if err != nil {
			st.Close(ctx)
			tx.Rollback(ctx)
			return err
		}
		if len(tags) != len(j.args) {
			st.Close(ctx)
			tx.Rollback(ctx)
			return fmt.Errorf("ExecBatch: %d results for %d rows", len(tags), len(j.args))
		}
		if err := st.Close(ctx); err != nil {
			tx.Rollback(ctx)
			return err
		}
		return tx.Commit(ctx)
	})
	c.Close(ctx)
	if err != nil {
		return j.r, err
	}
	return j.finish(ctx, "Stmt.ExecBatch inside one Tx")
}

// pool: ifxpool with MaxConns = MinConns = 8, opened before the timing:
// Pool.QueryRow acquires a connection, runs the lookup (prepared per
// call) and releases it after Scan, with the reset every release does.
func (n nativeClient) pool(ctx context.Context) (*benchclient.Result, error) {
	cfg, err := ifxpool.ParseConfig(opt.dsn())
	if err != nil {
		return nil, err
	}
	cfg.MaxConns, cfg.MinConns = poolSize, poolSize
	p, err := ifxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	r, err := poolWorkload(func(id int32, row *kvRow) error {
		return p.QueryRow(ctx, lookupSQL, id).Scan(row.dest()...)
	})
	s := p.Stat()
	if err == nil && (s.NewConnsCount != poolSize || s.DestroyedCount() != 0 || s.AcquiredConns != 0) {
		err = fmt.Errorf("pool: %d connections opened, %d closed, %d still in use", s.NewConnsCount, s.DestroyedCount(), s.AcquiredConns)
	}
	r.Extra["pool"] = "ifxpool (MaxConns = MinConns = 8): Pool.QueryRow, reset on release"
	r.Extra["pool_acquires"] = s.AcquireCount
	r.Extra["pool_waited_acquires"] = s.EmptyAcquireCount
	if s.AcquireCount > 0 {
		r.Extra["pool_mean_acquire_us"] = math.Round(float64(s.AcquireDuration.Microseconds())/float64(s.AcquireCount)*10) / 10
	}
	r.Conn("measure", poolSize, poolOps())
	return r, err
}

// lob: CreateLargeObject + io.Copy in (LargeObject.ReadFrom), the locator
// bound into an INSERT; the row's locator read back with QueryRow, then
// OpenLargeObject + io.Copy out (LargeObject.WriteTo) into a CRC-32.
func (n nativeClient) lob(ctx context.Context) (*benchclient.Result, error) {
	r, err := lobWorkload(ctx, "native", n.admin, func() (lobRoundTrip, func(), error) {
		c, err := n.connect(ctx)
		if err != nil {
			return nil, nil, err
		}
		return n.lobRoundTrip(ctx, c), func() { c.Close(ctx) }, nil
	})
	if r != nil {
		r.Extra["note"] = "CreateLargeObject + io.Copy, INSERT of the locator; SELECT, OpenLargeObject + io.Copy"
	}
	return r, err
}

func (nativeClient) lobRoundTrip(ctx context.Context, c *ifx.Conn) lobRoundTrip {
	return func(table string, id int32, src io.Reader) (int64, uint32, error) {
		lo, err := c.CreateLargeObject(ctx, ifxtype.BLOB)
		if err != nil {
			return 0, 0, err
		}
		if _, err := io.Copy(lo, src); err != nil {
			lo.Close()
			return 0, 0, err
		}
		if err := lo.Close(); err != nil {
			return 0, 0, err
		}
		if _, err := c.Exec(ctx, "INSERT INTO "+table+" (id, b) VALUES (?, ?)", id, lo.Locator()); err != nil {
			return 0, 0, err
		}
		var loc ifxtype.Locator
		if err := c.QueryRow(ctx, "SELECT b FROM "+table+" WHERE id = ?", id).Scan(&loc); err != nil {
			return 0, 0, err
		}
		rd, err := c.OpenLargeObject(ctx, loc, ifx.LOReadOnly)
		if err != nil {
			return 0, 0, err
		}
		h := crc32.NewIEEE()
		got, err := io.Copy(h, rd)
		if cerr := rd.Close(); err == nil {
			err = cerr
		}
		return got, h.Sum32(), err
	}
}
