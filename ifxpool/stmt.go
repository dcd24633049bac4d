package ifxpool

import (
	"context"

	"github.com/ifxgo/ifx"
)

// Stmt is a statement prepared through a pooled Conn or a pool Tx. It
// belongs to that holding of the connection: Release (or the end of the
// Tx) releases it on the server, and from then on its methods fail with
// ErrConnReleased. A Stmt kept by mistake therefore never runs on the
// connection's next holder, inside that holder's transaction, and
// statements nobody closed do not pile up on a pooled connection.
type Stmt struct {
	st      *ifx.Stmt
	res     *connRes
	holding uint64
}

// newStmt registers st, just prepared on res, with the current holding.
func newStmt(res *connRes, st *ifx.Stmt) *Stmt {
	if res.stmts == nil {
		res.stmts = make(map[*ifx.Stmt]struct{})
	}
	res.stmts[st] = struct{}{}
	return &Stmt{st: st, res: res, holding: res.holding.Load()}
}

// native returns the statement while its holding lasts.
func (s *Stmt) native() (*ifx.Stmt, error) {
	if s.res.holding.Load() != s.holding {
		return nil, ErrConnReleased
	}
	return s.st, nil
}

// doneCtx is a context that has ended: ifx.Stmt.Close under it sends
// nothing and queues the statement's release ahead of the connection's
// next request (here, the reset on release), so that releasing many
// statements costs one round trip.
var doneCtx = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// endHolding ends the current holding of res: the Stmts prepared in it
// go stale and their releases are queued for the reset that follows.
func (res *connRes) endHolding() {
	res.holding.Add(1)
	for st := range res.stmts {
		st.Close(doneCtx)
	}
	res.stmts = nil
}

// SQL returns the statement's text.
func (s *Stmt) SQL() string { return s.st.SQL() }

// NumParams returns the number of '?' placeholders.
func (s *Stmt) NumParams() int { return s.st.NumParams() }

// Columns describes the rows the statement returns (none for DML).
func (s *Stmt) Columns() []ifx.Column { return s.st.Columns() }

// StatementType returns the Informix statement type code (sqlstype.h).
func (s *Stmt) StatementType() int { return s.st.StatementType() }

// Query opens a cursor on the statement (ifx.Stmt.Query).
func (s *Stmt) Query(ctx context.Context, args ...any) (*ifx.Rows, error) {
	st, err := s.native()
	if err != nil {
		return nil, err
	}
	return st.Query(ctx, args...)
}

// QueryRow runs the statement for at most one row (ifx.Stmt.QueryRow).
func (s *Stmt) QueryRow(ctx context.Context, args ...any) *Row {
	st, err := s.native()
	if err != nil {
		return &Row{err: err}
	}
	return &Row{row: st.QueryRow(ctx, args...)}
}

// Exec executes the statement (ifx.Stmt.Exec).
func (s *Stmt) Exec(ctx context.Context, args ...any) (ifx.CommandTag, error) {
	st, err := s.native()
	if err != nil {
		return ifx.CommandTag{}, err
	}
	return st.Exec(ctx, args...)
}

// ExecBatch executes the statement once per element of args
// (ifx.Stmt.ExecBatch).
func (s *Stmt) ExecBatch(ctx context.Context, args [][]any) ([]ifx.CommandTag, error) {
	st, err := s.native()
	if err != nil {
		return nil, err
	}
	return st.ExecBatch(ctx, args)
}

// Close releases the statement on the server. After Release it does
// nothing: the release already did it.
func (s *Stmt) Close(ctx context.Context) error {
	st, err := s.native()
	if err != nil {
		return nil
	}
	delete(s.res.stmts, st)
	return st.Close(ctx)
}
