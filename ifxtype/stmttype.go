package ifxtype

import (
	"strconv"

	"github.com/ifxgo/ifx/sqli"
)

// StatementType is the type of a prepared statement, as SQ_DESCRIBE
// reports it (IDS's SQ_* statement codes, sqlstype.h). This file is the
// driver's one table of them: their names and what the driver does with
// each.
type StatementType int16

// Statement types. The first ones are package sqli's (the types its
// messages carry); the others are those the driver must name too.
const (
	StmtDatabase       StatementType = sqli.StmtDatabase
	StmtSelect         StatementType = sqli.StmtSelect
	StmtSelectInto     StatementType = sqli.StmtSelectInto
	StmtUpdate         StatementType = sqli.StmtUpdate
	StmtDelete         StatementType = sqli.StmtDelete
	StmtInsert         StatementType = sqli.StmtInsert
	StmtUpdateCurrent  StatementType = 7 // UPDATE … WHERE CURRENT OF
	StmtDeleteCurrent  StatementType = 8 // DELETE … WHERE CURRENT OF
	StmtCreateDatabase StatementType = sqli.StmtCreateDatabase
	StmtDropDatabase   StatementType = sqli.StmtDropDatabase
	StmtCreateTable    StatementType = sqli.StmtCreateTable
	StmtDropTable      StatementType = sqli.StmtDropTable
	StmtCreateIndex    StatementType = 16
	StmtDropIndex      StatementType = 17
	StmtAlterTable     StatementType = 29
	StmtCloseDatabase  StatementType = sqli.StmtCloseDatabase
	StmtDeleteAll      StatementType = 32 // DELETE without WHERE
	StmtUpdateAll      StatementType = 33 // UPDATE without WHERE
	StmtBeginWork      StatementType = sqli.StmtBeginWork
	StmtCommitWork     StatementType = sqli.StmtCommitWork
	StmtRollbackWork   StatementType = sqli.StmtRollbackWork
	StmtStartDatabase  StatementType = 38
	StmtCreateView     StatementType = 40
	StmtDropView       StatementType = 41
	StmtCreateTemp     StatementType = sqli.StmtCreateTemp
	StmtSetIsolation   StatementType = 48
	StmtCreateProc     StatementType = 53
	StmtDropProc       StatementType = 54
	StmtExecProcedure  StatementType = sqli.StmtExecProcedure
	StmtTruncate       StatementType = 122
	StmtMerge          StatementType = 128
)

// statementNames are the names CommandTag.String gives.
var statementNames = map[StatementType]string{
	StmtDatabase: "DATABASE", StmtSelect: "SELECT", StmtSelectInto: "SELECT INTO",
	StmtUpdate: "UPDATE", StmtDelete: "DELETE", StmtInsert: "INSERT",
	StmtCreateDatabase: "CREATE DATABASE", StmtDropDatabase: "DROP DATABASE",
	StmtCreateTable: "CREATE TABLE", StmtDropTable: "DROP TABLE",
	StmtCreateIndex: "CREATE INDEX", StmtDropIndex: "DROP INDEX", StmtAlterTable: "ALTER TABLE",
	StmtDeleteAll: "DELETE", StmtUpdateAll: "UPDATE",
	StmtBeginWork: "BEGIN WORK", StmtCommitWork: "COMMIT WORK", StmtRollbackWork: "ROLLBACK WORK",
	StmtCreateView: "CREATE VIEW", StmtDropView: "DROP VIEW", StmtCreateTemp: "CREATE TEMP TABLE",
	StmtSetIsolation: "SET ISOLATION", StmtCreateProc: "CREATE PROCEDURE", StmtDropProc: "DROP PROCEDURE",
	StmtExecProcedure: "EXECUTE PROCEDURE", StmtTruncate: "TRUNCATE", StmtMerge: "MERGE",
}

// String returns the statement's name ("UPDATE"), or "STATEMENT n" for a
// type not in the table.
func (t StatementType) String() string {
	if name, ok := statementNames[t]; ok {
		return name
	}
	return "STATEMENT " + strconv.Itoa(int(t))
}

// IsUpdate reports an UPDATE, with or without WHERE.
func (t StatementType) IsUpdate() bool { return t == StmtUpdate || t == StmtUpdateAll }

// IsDelete reports a DELETE, with or without WHERE.
func (t StatementType) IsDelete() bool { return t == StmtDelete || t == StmtDeleteAll }

// CountsRows reports a statement whose command tag shows a row count:
// SELECT, UPDATE, DELETE, INSERT and MERGE.
func (t StatementType) CountsRows() bool {
	switch t {
	case StmtSelect, StmtUpdate, StmtDelete, StmtInsert, StmtDeleteAll, StmtUpdateAll, StmtMerge:
		return true
	}
	return false
}

// KeepsStatements reports whether running a statement of this type
// leaves prepared statements valid: DML, EXECUTE PROCEDURE and
// transaction control. Anything else (DDL, DATABASE, types not known
// here) may have changed what a prepared statement refers to.
func (t StatementType) KeepsStatements() bool {
	switch t {
	case StmtSelect, StmtSelectInto, StmtUpdate, StmtDelete, StmtInsert,
		StmtExecProcedure, StmtBeginWork, StmtCommitWork, StmtRollbackWork,
		StmtUpdateCurrent, StmtDeleteCurrent, StmtDeleteAll, StmtUpdateAll:
		return true
	}
	return false
}
