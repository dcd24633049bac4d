package engine

import (
	"context"
	"errors"
	"io"
)

// routineRows runs EXECUTE FUNCTION/PROCEDURE of a user routine: the
// statement's own SQL computes the arguments (so the client's markers bind
// as anywhere else), then the interpreter runs the body.
func (st *Stmt) routineRows(ctx context.Context, x *executeRoutineStmt, args []Value) ([][]Value, error) {
	s := st.s
	if err := s.ensureImplicitTx(); err != nil {
		return nil, err
	}
	bound, err := st.bind(args)
	if err != nil {
		return nil, err
	}
	p, err := st.sqlStmt(ctx)
	if err != nil {
		return nil, st.stmtCtx().mapErr(err)
	}
	raw := make([]any, len(st.cols))
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if err := p.QueryRowContext(ctx, bound...).Scan(ptrs...); err != nil {
		return nil, st.stmtCtx().mapErr(err)
	}
	var vals []Value
	if len(x.args) > 0 {
		for i, r := range raw {
			v, err := fromStorage(r, st.cols[i].t)
			if err != nil {
				return nil, err
			}
			vals = append(vals, v)
		}
	}
	rows, err := s.callRoutine(ctx, nil, x.def, vals)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			// Positions inside the routine's text mean nothing to the
			// client's statement.
			e.Offset = 0
			return nil, e
		}
		return nil, err
	}
	return rows, nil
}

// nextMem returns the next row a routine returned.
func (c *Cursor) nextMem() ([]Value, error) {
	if len(c.mem) == 0 {
		c.finish()
		return nil, io.EOF
	}
	row := c.mem[0]
	c.mem = c.mem[1:]
	c.count++
	return row, nil
}
