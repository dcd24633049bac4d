package engine

import "context"

// sysproccolumns.paramattr values (Guide to SQL: Reference, SYSPROCCOLUMNS).
const (
	paramAttrIn           = 1 // INPUT parameter
	paramAttrMultiReturn  = 3 // one of several RETURNING values
	paramAttrSingleReturn = 5 // the only RETURNING value
)

// registerRoutineParams records a routine's parameters, then its RETURNING
// values, in sysproccolumns, numbered from 1 in that order.
func (s *Session) registerRoutineParams(ctx context.Context, procid int64, x *createRoutineStmt) error {
	add := func(no int, name string, t ifxType, attr int) error {
		coltype := t.code
		if t.notNull {
			coltype |= FlagNotNull
		}
		_, err := s.conn.ExecContext(ctx, `INSERT INTO sysproccolumns (procid, paramid, paramname, paramtype, paramlen, paramxid, paramattr)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, procid, no, name, coltype, int16(t.length), t.xid, attr)
		return err
	}
	for i, p := range x.params {
		if err := add(i+1, p.name, p.t, paramAttrIn); err != nil {
			return err
		}
	}
	attr := paramAttrSingleReturn
	if len(x.returns) > 1 {
		attr = paramAttrMultiReturn
	}
	for i, t := range x.returns {
		if err := add(len(x.params)+i+1, "", t, attr); err != nil {
			return err
		}
	}
	return nil
}
