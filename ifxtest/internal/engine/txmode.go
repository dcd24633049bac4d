package engine

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

// setTransaction parses the rest of SET TRANSACTION: an access mode and an
// isolation level, each at most once, in either order.
func (p *parser) setTransaction(start token) (any, error) {
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
func (s *Session) checkAccessMode(ast any) error {
	if _, sel := ast.(*selectStmt); !sel && !changesDatabase(ast) {
		return nil
	}
	inTx := s.inTx || s.db != nil && s.db.ANSI
	m := s.txMode
	if inTx {
		s.txMode.active = true
	} else {
		s.txMode = txMode{}
	}
	if m.readOnly && changesDatabase(ast) {
		return newErr(-878, 0, "")
	}
	return nil
}

// changesDatabase reports whether a statement writes: DML other than a
// plain SELECT, SELECT … INTO TEMP, DDL and TRUNCATE. Temp tables are
// not exempt (IBM does not say they are).
func changesDatabase(ast any) bool {
	switch x := ast.(type) {
	case *insertStmt, *updateStmt, *deleteStmt, *createTableStmt, *createIndexStmt,
		*createViewStmt, *alterTableStmt, *alterConstraintStmt, *renameStmt:
		return true
	case *dropStmt:
		return x.what != "database"
	case *selectStmt:
		return x.intoTemp != ""
	case *simpleStmt:
		return x.verb == "truncate"
	}
	return false
}

// endTxMode forgets the access mode when the transaction ends.
func (s *Session) endTxMode() { s.txMode = txMode{} }
