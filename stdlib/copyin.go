package stdlib

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/internal/adapter"
)

// copyInPrefix starts the statement text CopyIn returns. Informix has no
// COPYIN statement, so the text cannot be mistaken for SQL; the JSON
// after it carries the names unambiguously, whatever they contain, so
// that validation sees exactly the names the caller gave.
const copyInPrefix = "COPYIN "

type copyInSpec struct {
	Table   string   `json:"table"`
	Columns []string `json:"columns"`
}

// CopyIn returns the statement text that, prepared on a *sql.Tx, makes a
// bulk insert into table's columns, as lib/pq's pq.CopyIn and
// go-mssqldb's mssql.CopyIn do:
//
//	stmt, err := tx.PrepareContext(ctx, stdlib.CopyIn("items", "id", "name", "price"))
//	for _, it := range items {
//		if _, err := stmt.ExecContext(ctx, it.ID, it.Name, it.Price); err != nil { … }
//	}
//	if _, err := stmt.ExecContext(ctx); err != nil { … } // flush
//	if err := stmt.Close(); err != nil { … }
//	err = tx.Commit()
//
// Each Exec with one argument per column queues a row; Exec with no
// arguments sends the rows queued so far and returns the number of rows
// the statement has inserted; Close sends the rest and releases the
// statement, and so does the transaction's Commit (Rollback drops them).
// Rows go out pipelined, as with ifx.Conn.CopyFrom: a prepared INSERT
// whose executions travel some 800 to a request group, a queue of
// copyInFlushRows rows being sent while Exec queues them (so an Exec
// that queues a row can return the error of an earlier one).
//
// table is a table name, optionally qualified as owner.table or
// db:owner.table; it and each column must be a plain Informix identifier
// (see ifx.Identifier): Prepare refuses any other.
//
// Each row is encoded when its Exec queues it: a row whose values
// cannot be encoded fails that Exec, which queues nothing, and the
// statement goes on. A row the server refuses fails the flush with an
// *ifx.BatchError whose Index is the row's 0-based position among all
// the rows queued on the statement. The rows before it were inserted in
// the transaction, the rest were not; every later Exec returns the same
// error: roll the transaction back.
//
// CopyIn needs a database/sql transaction (BeginTx, on a *sql.DB or a
// *sql.Conn): outside one Prepare fails with ErrCopyInNeedsTx, because database/sql may run the Execs of a *sql.DB's
// statement on different connections, and discards the error of the
// flush at its Close, and because a COMMIT WORK run as SQL would not
// send the queue first. In a database without a transaction log, use
// ExecBatch.
func CopyIn(table string, columns ...string) string {
	b, _ := json.Marshal(copyInSpec{Table: table, Columns: columns}) // strings always marshal
	return copyInPrefix + string(b)
}

// ErrCopyInNeedsTx is returned by Prepare of a CopyIn statement outside a
// transaction.
var ErrCopyInNeedsTx = errors.New("stdlib: CopyIn needs a transaction: prepare it on a *sql.Tx")

// copyInFlushRows and copyInFlushBytes bound the rows a CopyIn statement
// holds before it sends them: enough for several request groups of
// ifx's pipelined batches, so that a queue boundary costs few extra
// round trips, and few enough that memory stays flat.
const (
	copyInFlushRows  = 4096
	copyInFlushBytes = 1 << 20
	// copyInSpareMax bounds the queue memory a connection keeps after a
	// CopyIn closes, for its next CopyIn: a queue sized for rows of up to
	// about 100 encoded bytes. One sized for wider rows (up to
	// copyInFlushBytes and more) would otherwise stay with every pooled
	// connection that ever ran a CopyIn.
	copyInSpareMax = copyInFlushBytes/2 + copyInFlushRows*8
)

// copyInSQL parses a CopyIn text into the INSERT it stands for; ok is
// false for any other statement text.
func copyInSQL(query string) (sql string, ncols int, ok bool, err error) {
	rest, ok := strings.CutPrefix(query, copyInPrefix)
	if !ok {
		return "", 0, false, nil
	}
	var spec copyInSpec
	if err := json.Unmarshal([]byte(rest), &spec); err != nil {
		return "", 0, true, fmt.Errorf("stdlib: CopyIn: %q is not a statement made by CopyIn: %w", query, err)
	}
	table, err := splitTable(spec.Table).Sanitize()
	if err != nil {
		return "", 0, true, fmt.Errorf("stdlib: CopyIn: %w", err)
	}
	if len(spec.Columns) == 0 {
		return "", 0, true, errors.New("stdlib: CopyIn needs at least one column")
	}
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(table)
	b.WriteString(" (")
	for i, col := range spec.Columns {
		name, err := ifx.Identifier{col}.Sanitize()
		if err != nil {
			return "", 0, true, fmt.Errorf("stdlib: CopyIn: column: %w", err)
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(name)
	}
	b.WriteString(") VALUES (")
	for i := range spec.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('?')
	}
	b.WriteByte(')')
	return b.String(), len(spec.Columns), true, nil
}

// splitTable splits db:owner.table into its parts; Sanitize checks them.
func splitTable(s string) ifx.Identifier {
	var id ifx.Identifier
	if db, rest, ok := strings.Cut(s, ":"); ok {
		id = append(id, db)
		s = rest
		if owner, table, ok := strings.Cut(s, "."); ok {
			return append(id, owner, table)
		}
		return append(id, "", s) // db:table names no owner: refused
	}
	if owner, table, ok := strings.Cut(s, "."); ok {
		return append(id, owner, table)
	}
	return append(id, s)
}

// prepareCopyIn prepares the INSERT of a CopyIn statement.
func (c *Conn) prepareCopyIn(ctx context.Context, sql string, ncols int) (driver.Stmt, error) {
	if c.tx == nil {
		// Not even in a transaction begun as SQL (BEGIN WORK): its
		// COMMIT WORK, run as SQL too, would not flush the queue first.
		return nil, ErrCopyInNeedsTx
	}
	st, err := c.conn.Prepare(ctx, sql)
	if err != nil {
		return nil, mapErr(err)
	}
	q := c.copyInSpare
	if q != nil {
		c.copyInSpare = nil
		q.Reuse(st)
	} else {
		q = adapter.NewBatchQueue(st, copyInFlushRows, copyInFlushBytes)
	}
	s := &copyInStmt{c: c, st: st, ncols: ncols, q: q, args: make([]any, ncols)}
	c.copyIns = append(c.copyIns, s)
	return s, nil
}

// copyInStmt is a prepared CopyIn statement: it encodes each row into
// its wire messages when Exec queues it (adapter.BatchQueue), and sends
// them pipelined as ifx.Stmt.ExecBatch does. The queue keeps bytes, not
// the row's values: nothing to copy so that the caller may reuse them,
// nothing for the collector to scan, and no second conversion at the
// flush.
type copyInStmt struct {
	c      *Conn
	st     *ifx.Stmt
	ncols  int
	q      adapter.BatchQueue
	args   []any // the row being queued, handed to q.Add
	sent   int   // rows handed to the server before the queue's first
	n      int64 // rows inserted
	err    error // the first failure; every later call returns it
	closed bool
}

var (
	_ driver.Stmt              = (*copyInStmt)(nil)
	_ driver.StmtExecContext   = (*copyInStmt)(nil)
	_ driver.StmtQueryContext  = (*copyInStmt)(nil)
	_ driver.NamedValueChecker = (*copyInStmt)(nil)
)

// NumInput is -1: Exec takes a row, or nothing to flush.
func (s *copyInStmt) NumInput() int { return -1 }

// CheckNamedValue applies the connection's argument rules. The types a
// row mostly holds are accepted here at once: database/sql asks for
// every value of every row, and the connection's rules take a second
// call and type switch.
func (s *copyInStmt) CheckNamedValue(nv *driver.NamedValue) error {
	switch nv.Value.(type) {
	case int32, int64, string, float64, time.Time, ifxtype.Decimal:
		if nv.Name == "" {
			return nil // as Conn.CheckNamedValue
		}
	case ifx.NamedArgs, ifx.StrictNamedArgs:
		return errors.New("stdlib: CopyIn: pass a row's values in column order, not ifx.NamedArgs")
	}
	return s.c.CheckNamedValue(nv)
}

func (s *copyInStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), namedOf(args))
}

func (s *copyInStmt) Query([]driver.Value) (driver.Rows, error) {
	return nil, errors.New("stdlib: CopyIn: a CopyIn statement inserts rows; it cannot be queried")
}

func (s *copyInStmt) QueryContext(context.Context, []driver.NamedValue) (driver.Rows, error) {
	return s.Query(nil)
}

// ExecContext queues a row, or with no arguments sends the queued rows.
func (s *copyInStmt) ExecContext(ctx context.Context, named []driver.NamedValue) (driver.Result, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.closed {
		return nil, ifx.ErrStmtClosed
	}
	if len(named) == 0 {
		if err := s.flush(ctx); err != nil {
			return nil, err
		}
		return driver.RowsAffected(s.n), nil
	}
	if len(named) != s.ncols {
		return nil, fmt.Errorf("stdlib: CopyIn: %d values for %d columns", len(named), s.ncols)
	}
	for i := range named {
		s.args[i] = named[i].Value
	}
	// s.args keeps the last row's values until the next row or the
	// flush: a clear per row costs a bulk write barrier.
	full, err := s.q.Add(s.args)
	if err != nil {
		// Refused before it was queued: the statement goes on.
		return nil, fmt.Errorf("stdlib: CopyIn: row %d: %w", s.sent+s.q.Len(), err)
	}
	if full {
		if err := s.flush(ctx); err != nil {
			return nil, err
		}
	}
	return driver.RowsAffected(0), nil
}

// flush sends the queued rows.
func (s *copyInStmt) flush(ctx context.Context) error {
	if s.err != nil {
		return s.err
	}
	if s.q.Len() == 0 {
		return nil
	}
	clear(s.args) // keep no reference to the caller's values
	start := s.sent
	s.sent += s.q.Len()
	n, err := s.q.Send(ctx)
	s.n += n
	if err != nil {
		// The index counts the statement's rows, not the queue's; the
		// error is changed in place to keep what wraps it (the
		// context's error after an interrupt).
		var be *ifx.BatchError
		if errors.As(err, &be) {
			be.Index += start
		}
		s.err = err
		return err
	}
	return nil
}

// Close sends the queued rows and releases the statement; a failed
// flush is its error.
func (s *copyInStmt) Close() error {
	if s.closed {
		return nil
	}
	err := s.flush(context.Background())
	s.closed = true
	s.c.dropCopyIn(s)
	s.q.Reset() // rows a failed flush left
	if s.q.Retained() <= copyInSpareMax {
		s.c.copyInSpare = s.q
	}
	if cerr := s.st.Close(context.Background()); err == nil {
		err = cerr
	}
	return err
}

// dropCopyIn forgets a closed CopyIn statement.
func (c *Conn) dropCopyIn(s *copyInStmt) {
	for i, x := range c.copyIns {
		if x == s {
			c.copyIns = append(c.copyIns[:i], c.copyIns[i+1:]...)
			return
		}
	}
}

// flushCopyIns sends the rows the connection's CopyIn statements queued,
// before the transaction commits.
func (c *Conn) flushCopyIns(ctx context.Context) error {
	for _, s := range c.copyIns {
		if err := s.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// dropCopyInRows discards the queued rows at a rollback.
func (c *Conn) dropCopyInRows() {
	for _, s := range c.copyIns {
		s.q.Reset()
	}
}
