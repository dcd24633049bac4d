package main

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/bench/internal/benchclient"
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

type sqlAdmin struct {
	ctx context.Context
	db  *sql.DB
	c   *sql.Conn
}

func (s sqlClient) admin(ctx context.Context) (admin, error) {
	db, c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	return sqlAdmin{ctx, db, c}, nil
}

func (a sqlAdmin) exec(q string) error {
	_, err := a.c.ExecContext(a.ctx, q)
	return err
}

func (a sqlAdmin) count(q string) (int64, error) {
	var cnt ifxtype.Decimal
	if err := a.c.QueryRowContext(a.ctx, q).Scan(&cnt); err != nil {
		return 0, err
	}
	return cnt.Int64()
}

func (a sqlAdmin) close() {
	a.c.Close()
	a.db.Close()
}

func (s sqlClient) setup(ctx context.Context) (*benchclient.Result, error) {
	return setupKV(ctx, s.admin)
}

func (s sqlClient) workloads() map[string]workload {
	return map[string]workload{
		"connect":   s.connectClose,
		"select1":   s.select1,
		"lookup":    s.lookup,
		"fetch100k": s.fetch(fetch100k),
		"fetchwide": s.fetch(fetchWide),
		"insert":    s.insert,
		"pool":      s.pool,
	}
}

// connect: with no idle connections kept, every db.Conn dials and every
// Conn.Close closes the session.
func (s sqlClient) connectClose(ctx context.Context) (*benchclient.Result, error) {
	db, err := s.open(1)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxIdleConns(0)
	return connectWorkload(func() error {
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		return c.Close()
	})
}

func (s sqlClient) select1(ctx context.Context) (*benchclient.Result, error) {
	db, c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	defer c.Close()
	return select1Workload(func() (int64, error) {
		var v int64
		err := c.QueryRowContext(ctx, select1SQL).Scan(&v)
		return v, err
	})
}

func (s sqlClient) lookup(ctx context.Context) (*benchclient.Result, error) {
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
	return lookupWorkload(func(id int32, row *kvRow) error {
		return st.QueryRowContext(ctx, id).Scan(row.dest()...)
	})
}

// fetch is also the whole of -mode sqlfloor (floor.go).
func (s sqlClient) fetch(q fetchQuery) workload {
	return func(ctx context.Context) (*benchclient.Result, error) {
		db, c, err := s.conn(ctx)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		defer c.Close()
		dest := q.dest()
		r, err := fetchWorkload(q, func() (int, error) {
			rows, err := c.QueryContext(ctx, q.sql)
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
		// database/sql does not expose the connection: this is the
		// fetch buffer the driver reads from the same DSN.
		if cfg, err := ifx.ParseConfig(opt.dsn()); err == nil {
			r.Extra["fetch_buffer"] = cfg.FetchBufferSize
		}
		return r, err
	}
}

// insert: database/sql has no batch API; a prepared ExecContext per row in
// one transaction is its fastest path.
func (s sqlClient) insert(ctx context.Context) (*benchclient.Result, error) {
	j, err := newInsertJob(ctx, "sql", s.admin)
	if err != nil {
		return nil, err
	}
	db, c, err := s.conn(ctx)
	if err != nil {
		return nil, err
	}
	err = j.time(func(table string) error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, insertSQL(table))
		if err != nil {
			tx.Rollback()
			return err
		}
		for _, a := range j.args {
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
	if err != nil {
		return j.r, err
	}
	return j.finish(ctx, "prepared Stmt.ExecContext per row inside one Tx")
}

// pool: *sql.DB is the pool (MaxOpenConns = MaxIdleConns = 8).
func (s sqlClient) pool(ctx context.Context) (*benchclient.Result, error) {
	db, err := s.open(poolSize)
	if err != nil {
		return nil, err
	}
	r, err := poolWorkload(func(id int32, row *kvRow) error {
		return db.QueryRowContext(ctx, lookupSQL, id).Scan(row.dest()...)
	})
	// Connections the pool closed were opened too: count them, or the
	// harness would find more connections than declared.
	opened := int(db.Stats().OpenConnections)
	if st := db.Stats(); st.MaxIdleClosed+st.MaxLifetimeClosed+st.MaxIdleTimeClosed > 0 {
		opened += int(st.MaxIdleClosed + st.MaxLifetimeClosed + st.MaxIdleTimeClosed)
	}
	db.Close()
	r.Extra["pool"] = "database/sql *sql.DB, MaxOpenConns 8"
	r.Conn("measure", opened, poolOps())
	return r, err
}
