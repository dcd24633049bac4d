package main

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/ifxgo/ifx"
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

func (n nativeClient) setup(ctx context.Context) (*result, error) {
	r := newResult("_setup")
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close(ctx)
	for _, s := range setupSQL() {
		if _, err := c.Exec(ctx, s); err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
	}
	var cnt ifxtype.Decimal
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM bench_kv").Scan(&cnt); err != nil {
		return nil, err
	}
	if v, _ := cnt.Int64(); v != 10000 {
		return nil, fmt.Errorf("bench_kv has %s rows", cnt)
	}
	r.conn("setup", 1, 0)
	return r, nil
}

func (n nativeClient) workloads() map[string]func(context.Context) (*result, error) {
	return map[string]func(context.Context) (*result, error){
		"connect":   n.connectClose,
		"select1":   n.select1,
		"lookup":    n.lookup,
		"fetch100k": n.fetch100k,
		"fetchwide": n.fetchWide,
		"insert":    n.insert,
		"pool":      n.pool,
	}
}

func (n nativeClient) connectClose(ctx context.Context) (*result, error) {
	r := newResult("connect")
	w, k := opt.runs(connectWarm), opt.runs(connectRuns)
	err := timeOps(r, w, k, false, func(int) error {
		c, err := n.connect(ctx)
		if err != nil {
			return err
		}
		return c.Close(ctx)
	})
	r.conn("connect", w+k, w+k)
	return r, err
}

func (n nativeClient) select1(ctx context.Context) (*result, error) {
	r := newResult("select1")
	w, k := opt.runs(select1Warm), opt.runs(select1Runs)
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	var sum int64
	err = timeOps(r, w, k, false, func(int) error {
		var v int32
		if err := c.QueryRow(ctx, select1SQL).Scan(&v); err != nil {
			return err
		}
		sum += int64(v)
		return nil
	})
	c.Close(ctx)
	if err == nil && sum != int64(w+k) {
		err = fmt.Errorf("SELECT 1 sum %d", sum)
	}
	r.rows = 1
	r.conn("measure", 1, w+k)
	return r, err
}

type kvRow struct {
	id     int32
	b      int64
	name   string
	amount ifxtype.Decimal
	ts     time.Time
}

func (n nativeClient) lookup(ctx context.Context) (*result, error) {
	r := newResult("lookup")
	w, k := opt.runs(lookupWarm), opt.runs(lookupRuns)
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close(ctx)
	st, err := c.Prepare(ctx, lookupSQL)
	if err != nil {
		return nil, err
	}
	err = timeOps(r, w, k, false, func(i int) error {
		id := lookupID(i)
		var row kvRow
		if err := st.QueryRow(ctx, id).Scan(&row.id, &row.b, &row.name, &row.amount, &row.ts); err != nil {
			return err
		}
		if row.id != id {
			return fmt.Errorf("lookup %d got %d", id, row.id)
		}
		return nil
	})
	st.Close(ctx)
	r.rows = 1
	r.conn("measure", 1, w+k)
	return r, err
}

func (n nativeClient) fetch100k(ctx context.Context) (*result, error) {
	const nrows = 100000
	r := newResult("fetch100k")
	w, k := opt.runs(bulkWarm), opt.runs(bulkRuns)
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close(ctx)
	sql := fetch5SQL(nrows)
	err = timeOps(r, w, k, true, func(int) error {
		rows, err := c.Query(ctx, sql)
		if err != nil {
			return err
		}
		defer rows.Close()
		var row kvRow
		cnt := 0
		for rows.Next() {
			if err := rows.Scan(&row.id, &row.b, &row.name, &row.amount, &row.ts); err != nil {
				return err
			}
			cnt++
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if cnt != nrows {
			return fmt.Errorf("fetch100k: %d rows", cnt)
		}
		return nil
	})
	r.rows = nrows
	r.extra["fetch_buffer"] = c.Config().FetchBufferSize
	r.conn("measure", 1, w+k)
	return r, err
}

func (n nativeClient) fetchWide(ctx context.Context) (*result, error) {
	r := newResult("fetchwide")
	w, k := opt.runs(bulkWarm), opt.runs(bulkRuns)
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close(ctx)
	sql := fetchWideSQL(wideRows, wideCols)
	var rowsOf [wideCols / 5]kvRow
	dest := make([]any, 0, wideCols)
	for i := range rowsOf {
		x := &rowsOf[i]
		dest = append(dest, &x.id, &x.b, &x.name, &x.amount, &x.ts)
	}
	err = timeOps(r, w, k, true, func(int) error {
		rows, err := c.Query(ctx, sql)
		if err != nil {
			return err
		}
		defer rows.Close()
		cnt := 0
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			cnt++
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if cnt != wideRows {
			return fmt.Errorf("fetchwide: %d rows", cnt)
		}
		return nil
	})
	r.rows = wideRows
	r.extra["columns"] = wideCols
	r.extra["fetch_buffer"] = c.Config().FetchBufferSize
	r.conn("measure", 1, w+k)
	return r, err
}

// insertArgs builds the rows of the insert workload before timing.
func insertArgs() [][]any {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([][]any, insertRows)
	for i := range out {
		v := int64(i + 1)
		d, err := ifxtype.DecimalFromBigInt(big.NewInt(v*1234), 2)
		if err != nil {
			panic(err)
		}
		out[i] = []any{int32(v), v * 1_000_000_000, fmt.Sprintf("name%d", v), d, base.Add(time.Duration(v) * time.Second)}
	}
	return out
}

func (n nativeClient) insert(ctx context.Context) (*result, error) {
	r := newResult("insert")
	w, k := opt.runs(insertWarm), opt.runs(insertRuns)
	tables := make([]string, w+k)
	for i := range tables {
		tables[i] = fmt.Sprintf("bench_ins_%s_native_%d", insertTag, i)
	}
	c, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		for _, s := range []string{"DROP TABLE IF EXISTS " + t, "CREATE TABLE " + t + " " + kvDDL} {
			if _, err := c.Exec(ctx, s); err != nil {
				c.Close(ctx)
				return nil, err
			}
		}
	}
	c.Close(ctx)
	r.conn("setup", 1, 0)
	args := insertArgs()
	c, err = n.connect(ctx)
	if err != nil {
		return nil, err
	}
	// The batch path: a prepared INSERT run with Stmt.ExecBatch (ID, then
	// BIND+EXECUTE per row, pipelined in request groups of 64 KiB, as
	// JDBC's executeBatch) in one transaction.
	err = timeOps(r, w, k, true, func(i int) error {
		tx, err := c.Begin(ctx)
		if err != nil {
			return err
		}
		st, err := tx.Prepare(ctx, "INSERT INTO "+tables[i]+" (id, b, name, amount, ts) VALUES (?, ?, ?, ?, ?)")
		if err != nil {
			tx.Rollback(ctx)
			return err
		}
		tags, err := st.ExecBatch(ctx, args)
		if err != nil {
			st.Close(ctx)
			tx.Rollback(ctx)
			return err
		}
		if len(tags) != len(args) {
			st.Close(ctx)
			tx.Rollback(ctx)
			return fmt.Errorf("ExecBatch: %d results for %d rows", len(tags), len(args))
		}
		if err := st.Close(ctx); err != nil {
			tx.Rollback(ctx)
			return err
		}
		return tx.Commit(ctx)
	})
	c.Close(ctx)
	r.conn("measure", 1, w+k)
	if err != nil {
		return r, err
	}
	c, err = n.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close(ctx)
	for _, t := range tables {
		var cnt, sum ifxtype.Decimal
		if err := c.QueryRow(ctx, "SELECT COUNT(*), SUM(id) FROM "+t).Scan(&cnt, &sum); err != nil {
			return nil, err
		}
		if v, _ := cnt.Int64(); v != insertRows {
			return nil, fmt.Errorf("%s has %s rows", t, cnt)
		}
		if _, err := c.Exec(ctx, "DROP TABLE "+t); err != nil {
			return nil, err
		}
	}
	r.conn("setup", 1, 0)
	r.rows = insertRows
	r.extra["note"] = "Stmt.ExecBatch inside one Tx"
	return r, nil
}

// pool: ifxpool with MaxConns = MinConns = 8, opened before the timing:
// Pool.QueryRow acquires a connection, runs the lookup (prepared per
// call) and releases it after Scan, with the reset every release does.
func (n nativeClient) pool(ctx context.Context) (*result, error) {
	r := newResult("pool")
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
	err = timePool(r, func(t, i int) error {
		id := lookupID(t*100003 + i)
		var row kvRow
		if err := p.QueryRow(ctx, lookupSQL, id).Scan(&row.id, &row.b, &row.name, &row.amount, &row.ts); err != nil {
			return err
		}
		if row.id != id {
			return fmt.Errorf("lookup %d got %d", id, row.id)
		}
		return nil
	})
	s := p.Stat()
	if err == nil && (s.NewConnsCount != poolSize || s.DestroyedCount() != 0 || s.AcquiredConns != 0) {
		err = fmt.Errorf("pool: %d connections opened, %d closed, %d still in use", s.NewConnsCount, s.DestroyedCount(), s.AcquiredConns)
	}
	r.extra["pool"] = "ifxpool (MaxConns = MinConns = 8): Pool.QueryRow, reset on release"
	r.extra["pool_acquires"] = s.AcquireCount
	r.extra["pool_waited_acquires"] = s.EmptyAcquireCount
	if s.AcquireCount > 0 {
		r.extra["pool_mean_acquire_us"] = math.Round(float64(s.AcquireDuration.Microseconds())/float64(s.AcquireCount)*10) / 10
	}
	r.conn("measure", poolSize, poolThreads*(opt.runs(poolWarm)+opt.runs(poolRuns)))
	return r, err
}
