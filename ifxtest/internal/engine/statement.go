package engine

import (
	"context"
	"io"
)

// statement is one parsed SQL statement. Each statement type answers every
// question below next to its declaration, so adding a statement (SPL,
// composites, LOBs) is a checked edit: the compiler refuses a type that
// leaves one out, where a type switch would fall through silently.
type statement interface {
	// describe classifies the statement for PREPARE and the SPL
	// interpreter.
	describe() stmtInfo
	// translate turns the statement into SQLite text on st, with t
	// collecting its arguments. A statement with no SQL to translate
	// takes no '?' markers (noSQL).
	translate(t *translator, st *Stmt) error
	// exec runs the statement for Stmt.Exec.
	exec(ctx context.Context, st *Stmt, args []Value) (Result, error)
}

// stmtInfo is what describe reports.
type stmtInfo struct {
	typ   int    // statement type code (sqlstype.h), the Stmt* constants
	table string // the target table of INSERT, UPDATE and DELETE
	noDB  bool   // runs without a current database
	// writes: the statement changes the database (DML other than a plain
	// SELECT, SELECT … INTO TEMP, DDL, TRUNCATE), refused in a READ ONLY
	// transaction (-878). Temp tables are not exempt (IBM does not say
	// they are).
	writes bool
	// where is the WHERE clause of an UPDATE or DELETE, which an SPL
	// cursor's WHERE CURRENT OF fills in; nil for other statements.
	where *expr
}

// noSQL is translate for statements without SQL to translate: they take
// no '?' markers.
func noSQL(st *Stmt) error {
	if st.nparams > 0 {
		return syntaxErr(0)
	}
	return nil
}

// drain runs a statement that returns rows for Exec: its rows are read and
// counted.
func (st *Stmt) drain(ctx context.Context, args []Value) (Result, error) {
	c, err := st.Query(ctx, args)
	if err != nil {
		return Result{}, err
	}
	defer c.Close()
	for {
		if _, err := c.Next(); err == io.EOF {
			return Result{RowsAffected: c.count}, nil
		} else if err != nil {
			return Result{}, err
		}
	}
}

// execNoSQL runs a statement that has no translated SQL (DDL, transaction
// control, SET …) through run. needTx statements need a database and run
// in the implicit transaction.
func (st *Stmt) execNoSQL(ctx context.Context, args []Value, needTx bool, run func() (Result, error)) (Result, error) {
	s := st.s
	if err := s.checkAccessMode(st.ast); err != nil {
		return Result{}, err
	}
	if len(args) != st.nparams {
		return Result{}, newErr(-254, 0, "")
	}
	res, err := st.runNoSQL(needTx, run)
	if err != nil {
		return res, st.stmtCtx().mapErr(err)
	}
	if st.Type != StmtDatabase && st.Type != StmtCreateDatabase {
		s.lastRows = res.RowsAffected
	}
	return res, nil
}

func (st *Stmt) runNoSQL(needTx bool, run func() (Result, error)) (Result, error) {
	s := st.s
	if needTx {
		if s.db == nil {
			return Result{}, newErr(-349, 0, "")
		}
		if err := s.ensureImplicitTx(); err != nil {
			return Result{}, err
		}
	}
	return run()
}
