package ifx

import (
	"context"
	"errors"

	"github.com/ifxgo/ifx/internal/adapter"
	"github.com/ifxgo/ifx/sqli"
)

// batchQueue is adapter.BatchQueue: the executions of a prepared
// statement, each encoded (SQ_BIND + SQ_EXECUTE) when it is queued. A
// queue of encoded bytes holds no pointers, so the collector has nothing
// to scan in it, the caller may change its values as soon as Add
// returns, and a flush only copies bytes into request groups.
type batchQueue struct {
	s    *Stmt
	buf  []byte // the queued executions' messages, back to back
	ends []int  // where each execution's messages end in buf
	// maxRows and maxBytes size buf and ends at the first execution
	// (adapter.NewBatchQueue).
	maxRows, maxBytes int
}

func init() {
	adapter.NewBatchQueue = func(stmt any, maxRows, maxBytes int) adapter.BatchQueue {
		return &batchQueue{s: stmt.(*Stmt), maxRows: maxRows, maxBytes: maxBytes}
	}
}

func (q *batchQueue) Add(args []any) (bool, error) {
	s := q.s
	if s.closed {
		return false, ErrStmtClosed
	}
	if err := checkArgs(s.sql, s.nParams, args); err != nil {
		return false, err
	}
	if len(args) > 0 {
		bind, err := s.c.encodeArgs(args)
		if err != nil {
			return false, err
		}
		q.buf = bind.Encode(q.buf, s.c.feat)
	}
	q.buf = sqli.Execute{}.Encode(q.buf, s.c.feat)
	if len(q.ends) == 0 {
		q.reserve(len(q.buf))
	}
	q.ends = append(q.ends, len(q.buf))
	return len(q.ends) >= q.maxRows || len(q.buf) >= q.maxBytes, nil
}

// reserve sizes an empty queue's memory, once, for maxRows executions
// the size of its first one (size bytes), or maxBytes and the execution
// that crosses it.
func (q *batchQueue) reserve(size int) {
	if cap(q.ends) < q.maxRows {
		q.ends = make([]int, 0, q.maxRows)
	}
	if size >= q.maxBytes {
		return // flushed at once: nothing to size for
	}
	want := min(size*q.maxRows*5/4, q.maxBytes) + size // rows vary: a margin
	if want <= cap(q.buf) {
		return
	}
	buf := make([]byte, len(q.buf), want)
	copy(buf, q.buf)
	q.buf = buf
}

func (q *batchQueue) Len() int { return len(q.ends) }

func (q *batchQueue) Reset() {
	q.buf, q.ends = q.buf[:0], q.ends[:0]
}

func (q *batchQueue) Retained() int { return cap(q.buf) + cap(q.ends)*8 }

func (q *batchQueue) Reuse(stmt any) {
	q.Reset()
	q.s = stmt.(*Stmt)
}

// Send is Stmt.ExecBatch for the queued executions.
func (q *batchQueue) Send(ctx context.Context) (int64, error) {
	defer q.Reset()
	n := len(q.ends)
	if n == 0 {
		return 0, nil
	}
	s := q.s
	_, traced := s.c.cfg.Tracer.(BatchTracer)
	ctx, done := s.c.traceBatch(ctx, TraceBatchStartData{SQL: s.sql, Len: n})
	var tags []CommandTag // for a tracer only, which may keep them
	var rows int64
	err := q.send(ctx, func(t CommandTag) {
		rows += t.RowsAffected()
		if traced {
			tags = append(tags, t)
		}
	})
	done(tags, err)
	return rows, err
}

func (q *batchQueue) send(ctx context.Context, onTag func(CommandTag)) error {
	s := q.s
	if s.closed {
		return ErrStmtClosed
	}
	if s.p.returnsRows() {
		return &BatchError{Index: 0, Err: errors.New("the statement returns rows; use Query")}
	}
	c := s.c
	if err := c.begin(ctx); err != nil {
		return err
	}
	n := len(q.ends)
	return c.end(c.runBatch(ctx, batchItems{
		more: func(i int) bool { return i < n },
		stmt: func(int) *prepared { return s.p },
		encoded: func(i int) []byte {
			start := 0
			if i > 0 {
				start = q.ends[i-1]
			}
			return q.buf[start:q.ends[i]]
		},
		onTag: onTag,
	}, nil))
}
