package engine

import "context"

// SET TRANSACTION's access mode (IBM Informix Guide to SQL: Syntax, "SET
// TRANSACTION statement"): a READ ONLY transaction cannot change the
// database (-878), and SET TRANSACTION cannot follow a DML or DDL
// statement of the same transaction (-876). The mode lasts until the
// transaction ends. Outside a transaction of a non-ANSI database it
// applies to the next statement's own transaction (CHOICE: IBM does not
// say).

// txMode is the session's SET TRANSACTION state.
type txMode struct {
	readOnly bool // READ ONLY is in force
	active   bool // a DML or DDL statement ran in this transaction
}

// setTxStmt is SET TRANSACTION [READ WRITE | READ ONLY] [, ISOLATION
// LEVEL …].
type setTxStmt struct {
	p        int
	mode     bool // an access mode was given
	readOnly bool
}

func (x *setTxStmt) describe() stmtInfo { return stmtInfo{typ: StmtSetIsolation} }

func (x *setTxStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *setTxStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, false, func() (Result, error) { return Result{}, st.s.execSetTransaction(x) })
}

// setTransaction parses the rest of SET TRANSACTION: an access mode and an
// isolation level, each at most once, in either order.
func (p *parser) setTransaction(start token) (statement, error) {
	st := &setTxStmt{p: start.pos}
	iso := false
	for {
		switch {
		case !st.mode && p.acceptKw("read", "only"):
			st.mode, st.readOnly = true, true
		case !st.mode && p.acceptKw("read", "write"):
			st.mode = true
		case !iso && p.acceptKw("isolation", "level"):
			iso = true
			switch {
			case p.acceptKw("read", "committed"), p.acceptKw("read", "uncommitted"),
				p.acceptKw("repeatable", "read"), p.acceptKw("serializable"):
			default:
				return nil, p.fail()
			}
		default:
			return nil, p.fail()
		}
		if !p.acceptOp(",") {
			return st, nil
		}
	}
}

// execSetTransaction runs SET TRANSACTION: only in a database with a
// log (-256 otherwise: CHOICE, IBM names no code), and not once the
// transaction has run a statement (-876).
func (s *Session) execSetTransaction(x *setTxStmt) error {
	if s.db == nil {
		return newErr(-349, 0, "")
	}
	if !s.db.Logged {
		return newErr(-256, 0, "")
	}
	if s.inTx && s.txMode.active {
		return newErr(-876, 0, "")
	}
	if x.mode {
		s.txMode.readOnly = x.readOnly
	}
	return nil
}

// checkAccessMode runs before each DML or DDL statement: it refuses a
// change of the database in a READ ONLY transaction (-878) and marks the
// transaction as started for SET TRANSACTION. Outside a transaction the
// statement is its own transaction, which uses up the mode.
func (s *Session) checkAccessMode(ast statement) error {
	info := ast.describe()
	if info.typ != StmtSelect && info.typ != StmtSelectInto && !info.writes {
		return nil
	}
	inTx := s.inTx || s.db != nil && s.db.ANSI
	m := s.txMode
	if inTx {
		s.txMode.active = true
	} else {
		s.txMode = txMode{}
	}
	if m.readOnly && info.writes {
		return newErr(-878, 0, "")
	}
	return nil
}

// endTxMode forgets the access mode when the transaction ends.
func (s *Session) endTxMode() { s.txMode = txMode{} }
