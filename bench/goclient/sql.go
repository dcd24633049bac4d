package main

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	_ "github.com/ifxgo/ifx/stdlib" // driver "informix"
)

// database/sql through github.com/ifxgo/ifx/stdlib. Each workload uses its
// own *sql.DB so that its connections are its own.

func init() {
	modes["sql"] = func() (client, error) { return sqlClient{}, nil }
}

type sqlClient struct {
	// connector, when set, replaces driver "informix" (floor.go).
	connector driver.Connector
}

func (sqlClient) name() string { return "ifx-sql" }

func (s sqlClient) open(maxOpen int) (*sql.DB, error) {
	var db *sql.DB
	if s.connector != nil {
		db = sql.OpenDB(s.connector)
	} else {
		var err error
		if db, err = sql.Open("informix", opt.dsn()); err != nil {
			return nil, err
		}
	}
	db.SetMaxOpenConns(maxOpen)
	db.SetMaxIdleConns(maxOpen)
	return db, nil
}

// conn pins one connection of a fresh *sql.DB.
func (s sqlClient) conn(ctx context.Context) (*sql.DB, *sql.Conn, error) {
	db, err := s.open(1)
	if err != nil {
		return nil, nil, err
	}
	c, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, c, nil
}

func (s sqlClient) setup(ctx context.Context) (*result, error) {
	r := newResult("_setup")
	db, c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	defer c.Close()
	for _, q := range setupSQL() {
		if _, err := c.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
	}
	var cnt ifxtype.Decimal // COUNT(*) is DECIMAL(15,0)
	if err := c.QueryRowContext(ctx, "SELECT COUNT(*) FROM bench_kv").Scan(&cnt); err != nil {
		return nil, err
	}
	if v, _ := cnt.Int64(); v != 10000 {
		return nil, fmt.Errorf("bench_kv has %s rows", cnt)
	}
	r.conn("setup", 1, 0)
	return r, nil
}

func (s sqlClient) workloads() map[string]func(context.Context) (*result, error) {
	return map[string]func(context.Context) (*result, error){
		"connect":   s.connectClose,
		"select1":   s.select1,
		"lookup":    s.lookup,
		"fetch100k": s.fetch100k,
		"fetchwide": s.fetchWide,
		"insert":    s.insert,
		"pool":      s.pool,
	}
}

// connect: with no idle connections kept, every db.Conn dials and every
// Conn.Close closes the session.
func (s sqlClient) connectClose(ctx context.Context) (*result, error) {
	r := newResult("connect")
	w, k := opt.runs(connectWarm), opt.runs(connectRuns)
	db, err := s.open(1)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxIdleConns(0)
	err = timeOps(r, w, k, false, func(int) error {
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		return c.Close()
	})
	r.conn("connect", w+k, w+k)
	return r, err
}

func (s sqlClient) select1(ctx context.Context) (*result, error) {
	r := newResult("select1")
	w, k := opt.runs(select1Warm), opt.runs(select1Runs)
	db, c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	var sum int64
	err = timeOps(r, w, k, false, func(int) error {
		var v int64
		if err := c.QueryRowContext(ctx, select1SQL).Scan(&v); err != nil {
			return err
		}
		sum += v
		return nil
	})
	c.Close()
	db.Close()
	if err == nil && sum != int64(w+k) {
		err = fmt.Errorf("SELECT 1 sum %d", sum)
	}
	r.rows = 1
	r.conn("measure", 1, w+k)
	return r, err
}

type sqlKV struct {
	id     int32
	b      int64
	name   string
	amount ifxtype.Decimal
	ts     time.Time
}

func (x *sqlKV) dest() []any { return []any{&x.id, &x.b, &x.name, &x.amount, &x.ts} }

func (s sqlClient) lookup(ctx context.Context) (*result, error) {
	r := newResult("lookup")
	w, k := opt.runs(lookupWarm), opt.runs(lookupRuns)
	db, c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	defer c.Close()
	st, err := c.PrepareContext(ctx, lookupSQL)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	err = timeOps(r, w, k, false, func(i int) error {
		id := lookupID(i)
		var row sqlKV
		if err := st.QueryRowContext(ctx, id).Scan(row.dest()...); err != nil {
			return err
		}
		if row.id != id {
			return fmt.Errorf("lookup %d got %d", id, row.id)
		}
		return nil
	})
	r.rows = 1
	r.conn("measure", 1, w+k)
	return r, err
}

func (s sqlClient) fetch(ctx context.Context, name, sqlText string, nrows int, dest []any) (*result, error) {
	r := newResult(name)
	w, k := opt.runs(bulkWarm), opt.runs(bulkRuns)
	db, c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	defer c.Close()
	err = timeOps(r, w, k, true, func(int) error {
		rows, err := c.QueryContext(ctx, sqlText)
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
		if cnt != nrows {
			return fmt.Errorf("%s: %d rows", name, cnt)
		}
		return nil
	})
	r.rows = int64(nrows)
	if cfg, err := ifx.ParseConfig(opt.dsn()); err == nil {
		r.extra["fetch_buffer"] = cfg.FetchBufferSize
	}
	r.conn("measure", 1, w+k)
	return r, err
}

func (s sqlClient) fetch100k(ctx context.Context) (*result, error) {
	var row sqlKV
	return s.fetch(ctx, "fetch100k", fetch5SQL(100000), 100000, row.dest())
}

func (s sqlClient) fetchWide(ctx context.Context) (*result, error) {
	var rowsOf [wideCols / 5]sqlKV
	var dest []any
	for i := range rowsOf {
		dest = append(dest, rowsOf[i].dest()...)
	}
	r, err := s.fetch(ctx, "fetchwide", fetchWideSQL(wideRows, wideCols), wideRows, dest)
	if r != nil {
		r.extra["columns"] = wideCols
	}
	return r, err
}

func (s sqlClient) insert(ctx context.Context) (*result, error) {
	r := newResult("insert")
	w, k := opt.runs(insertWarm), opt.runs(insertRuns)
	tables := make([]string, w+k)
	for i := range tables {
		tables[i] = fmt.Sprintf("bench_ins_%s_sql_%d", insertTag, i)
	}
	db, c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		for _, q := range []string{"DROP TABLE IF EXISTS " + t, "CREATE TABLE " + t + " " + kvDDL} {
			if _, err := c.ExecContext(ctx, q); err != nil {
				c.Close()
				db.Close()
				return nil, err
			}
		}
	}
	c.Close()
	db.Close()
	r.conn("setup", 1, 0)
	args := insertArgs()
	db, c, err = s.conn(ctx)
	if err != nil {
		return nil, err
	}
	err = timeOps(r, w, k, true, func(i int) error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, "INSERT INTO "+tables[i]+" (id, b, name, amount, ts) VALUES (?, ?, ?, ?, ?)")
		if err != nil {
			tx.Rollback()
			return err
		}
		for _, a := range args {
			if _, err := st.ExecContext(ctx, a...); err != nil {
				st.Close()
				tx.Rollback()
				return err
			}
		}
		st.Close()
		return tx.Commit()
	})
	c.Close()
	db.Close()
	r.conn("measure", 1, w+k)
	if err != nil {
		return r, err
	}
	db, c, err = s.conn(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	defer c.Close()
	for _, t := range tables {
		var cnt ifxtype.Decimal
		if err := c.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t).Scan(&cnt); err != nil {
			return nil, err
		}
		if v, _ := cnt.Int64(); v != insertRows {
			return nil, fmt.Errorf("%s has %s rows", t, cnt)
		}
		if _, err := c.ExecContext(ctx, "DROP TABLE "+t); err != nil {
			return nil, err
		}
	}
	r.conn("setup", 1, 0)
	r.rows = insertRows
	r.extra["note"] = "prepared Stmt.ExecContext per row inside one Tx"
	return r, nil
}

// pool: *sql.DB is the pool (MaxOpenConns = MaxIdleConns = 8).
func (s sqlClient) pool(ctx context.Context) (*result, error) {
	r := newResult("pool")
	db, err := s.open(poolSize)
	if err != nil {
		return nil, err
	}
	err = timePool(r, func(t, i int) error {
		id := lookupID(t*100003 + i)
		var row sqlKV
		if err := db.QueryRowContext(ctx, lookupSQL, id).Scan(row.dest()...); err != nil {
			return err
		}
		if row.id != id {
			return fmt.Errorf("lookup %d got %d", id, row.id)
		}
		return nil
	})
	opened := int(db.Stats().OpenConnections)
	if st := db.Stats(); st.MaxIdleClosed+st.MaxLifetimeClosed+st.MaxIdleTimeClosed > 0 {
		opened += int(st.MaxIdleClosed + st.MaxLifetimeClosed + st.MaxIdleTimeClosed)
	}
	db.Close()
	r.extra["pool"] = "database/sql *sql.DB, MaxOpenConns 8"
	r.conn("measure", opened, poolThreads*(opt.runs(poolWarm)+opt.runs(poolRuns)))
	return r, err
}
