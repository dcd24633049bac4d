package ifx

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// CopyFromSource is a stream of rows for CopyFrom, as in pgx.
type CopyFromSource interface {
	// Next advances to the next row; false at the end or on an error.
	Next() bool
	// Values returns the current row's values, one per column. CopyFrom
	// encodes them before it calls Next again, so the slice may be reused.
	Values() ([]any, error)
	// Err returns the error that ended the stream, if any.
	Err() error
}

// CopyFromRows returns a CopyFromSource over rows held in memory.
func CopyFromRows(rows [][]any) CopyFromSource {
	return CopyFromSlice(len(rows), func(i int) ([]any, error) { return rows[i], nil })
}

// CopyFromSlice returns a CopyFromSource of length rows, row i being
// next(i); an error from next ends the copy with it.
func CopyFromSlice(length int, next func(int) ([]any, error)) CopyFromSource {
	return &copyFromSlice{n: length, next: next, i: -1}
}

type copyFromSlice struct {
	n    int
	next func(int) ([]any, error)
	i    int
	err  error
}

func (s *copyFromSlice) Next() bool {
	if s.err != nil || s.i+1 >= s.n {
		return false
	}
	s.i++
	return true
}

func (s *copyFromSlice) Values() ([]any, error) {
	v, err := s.next(s.i)
	if err != nil {
		s.err = err
	}
	return v, err
}

func (s *copyFromSlice) Err() error { return s.err }

// CopyFromFunc returns a CopyFromSource whose rows come from next, until
// next returns a nil row (the end) or an error.
func CopyFromFunc(next func() (row []any, err error)) CopyFromSource {
	return &copyFromFunc{next: next}
}

type copyFromFunc struct {
	next func() ([]any, error)
	row  []any
	err  error
}

func (s *copyFromFunc) Next() bool {
	if s.err != nil {
		return false
	}
	s.row, s.err = s.next()
	return s.row != nil && s.err == nil
}

func (s *copyFromFunc) Values() ([]any, error) { return s.row, nil }

func (s *copyFromFunc) Err() error { return s.err }

// Identifier is a table name for CopyFrom, optionally qualified: {"t"},
// {"owner", "t"}, or {"db", "owner", "t"} (db:owner.t). Each part must be
// a plain Informix identifier (a letter or _ first, then letters, digits,
// _ and $): quoted identifiers need DELIMIDENT on the server, so CopyFrom
// refuses any other name rather than splice it into SQL.
type Identifier []string

// Sanitize returns the name as SQL, or an error naming the first part
// that is not a plain identifier.
func (id Identifier) Sanitize() (string, error) {
	if len(id) == 0 || len(id) > 3 {
		return "", fmt.Errorf("ifx: table name %q: want 1 to 3 parts", []string(id))
	}
	for _, part := range id {
		if err := checkIdentifier(part); err != nil {
			return "", err
		}
	}
	switch len(id) {
	case 1:
		return id[0], nil
	case 2:
		return id[0] + "." + id[1], nil
	}
	return id[0] + ":" + id[1] + "." + id[2], nil
}

// maxIdentifier is the longest Informix identifier (128 bytes since
// IDS 9.2).
const maxIdentifier = 128

func checkIdentifier(s string) error {
	ok := s != "" && len(s) <= maxIdentifier
	for i := 0; ok && i < len(s); i++ {
		b := s[i]
		letter := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_'
		ok = letter || i > 0 && (b >= '0' && b <= '9' || b == '$')
	}
	if !ok {
		return fmt.Errorf("ifx: %q is not a plain identifier (letters, digits, _ and $, a letter or _ first, at most %d bytes)", s, maxIdentifier)
	}
	return nil
}

// copyInsertSQL builds the INSERT that CopyFrom prepares.
func copyInsertSQL(table Identifier, columns []string) (string, error) {
	name, err := table.Sanitize()
	if err != nil {
		return "", err
	}
	if len(columns) == 0 {
		return "", errors.New("ifx: CopyFrom needs at least one column")
	}
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(name)
	b.WriteString(" (")
	for i, col := range columns {
		if err := checkIdentifier(col); err != nil {
			return "", err
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(col)
	}
	b.WriteString(") VALUES (")
	for i := range columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('?')
	}
	b.WriteByte(')')
	return b.String(), nil
}

// CopyFrom inserts the rows of rowSrc into tableName's columnNames and
// returns the number of rows inserted. It is pgx's CopyFrom for Informix,
// which has no COPY: one prepared INSERT whose executions are pipelined
// like Stmt.ExecBatch, streaming from rowSrc (memory stays flat however
// many rows there are) in request groups of about 64 KiB, so 10,000 rows
// of five columns take some 15 round trips.
//
// Outside a transaction CopyFrom is atomic where the database allows: in
// a logged or ANSI database it runs in a transaction of its own, rolled
// back on any failure (it then returns 0). Inside a transaction (a Tx, or
// BEGIN WORK run as SQL) it runs in that transaction; on failure the rows
// before the failing one are inserted there, and the caller decides
// (usually by rolling back). In a database without a log nothing can be
// undone: the rows before the failing one stay, and their number is
// returned with the error.
//
// A row the server refuses, or whose values cannot be encoded, fails the
// copy with a *BatchError whose Index is the row's 0-based position; an
// error from rowSrc is returned as it is.
func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	ctx, done := c.traceCopyFrom(ctx, tableName, columnNames)
	n, err := c.copyFrom(ctx, tableName, columnNames, rowSrc)
	done(n, err)
	return n, err
}

func (c *Conn) copyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	sql, err := copyInsertSQL(tableName, columnNames)
	if err != nil {
		return 0, err
	}
	var own *Tx
	if c.pc.DatabaseInfo().Logged && !c.txOpen() && !c.sqlTx {
		if own, err = c.BeginTx(ctx, TxOptions{}); err != nil {
			return 0, err
		}
	}
	n, err := c.copyRows(ctx, sql, len(columnNames), rowSrc)
	if own == nil {
		return n, err
	}
	if err != nil {
		// The rollback's own failure matters less than the cause; a
		// connection that cannot roll back is closed by it.
		own.Rollback(context.WithoutCancel(ctx))
		return 0, err
	}
	if err := own.Commit(ctx); err != nil {
		return 0, err
	}
	return n, nil
}

// copyRows prepares sql and runs it for each row of src; the statement's
// RELEASE travels with the last group (after a failure, with the next
// request).
func (c *Conn) copyRows(ctx context.Context, sql string, ncols int, src CopyFromSource) (int64, error) {
	if err := c.begin(ctx); err != nil {
		return 0, err
	}
	p, err := c.prepare(sql, ncols)
	if err != nil {
		return 0, c.end(err)
	}
	var (
		rows     int64
		fetched  int // rows taken from src
		srcDone  bool
		srcErr   error
		released bool
	)
	err = c.runBatch(ctx, batchItems{
		more: func(i int) bool {
			if i < fetched {
				return true
			}
			if srcDone || !src.Next() {
				srcDone = true
				return false
			}
			fetched++
			return true
		},
		stmt: func(int) *prepared { return p },
		args: func(int) ([]any, error) {
			v, err := src.Values()
			switch {
			case err != nil:
				srcErr = err
			case len(v) != ncols:
				err = fmt.Errorf("ifx: CopyFrom: a row has %d values for %d columns", len(v), ncols)
			}
			return v, err
		},
		onTag: func(t CommandTag) { rows += t.RowsAffected() },
	}, func(buf []byte) []byte {
		released = true
		return c.appendRelease(buf, p.id)
	})
	if (err != nil || !released) && !c.isClosed() {
		// No rows, or a failure: the RELEASE at the end of the last
		// group was not sent or did not run.
		c.queueRelease(p.id)
	}
	if srcErr != nil {
		err = srcErr
	} else if err == nil {
		err = src.Err()
	}
	return rows, c.end(err)
}
