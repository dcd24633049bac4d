package ifx

import (
	"strconv"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// CommandTag reports what a statement did: the rows it processed and, for
// an INSERT into a table with a SERIAL, SERIAL8 or BIGSERIAL column, the
// value the server generated.
type CommandTag struct {
	stmtType    int16
	rows        int64
	insertID    int64
	hasInsertID bool
}

// RowsAffected returns the rows inserted, updated or deleted (for a query,
// the rows fetched).
func (t CommandTag) RowsAffected() int64 { return t.rows }

// LastInsertID returns the SERIAL, SERIAL8 or BIGSERIAL value the INSERT
// generated, and whether there was one.
func (t CommandTag) LastInsertID() (int64, bool) { return t.insertID, t.hasInsertID }

// StatementType returns the Informix statement type code (sqlstype.h):
// 2 SELECT, 4 UPDATE, 5 DELETE, 6 INSERT, 14 CREATE TABLE, …
func (t CommandTag) StatementType() int { return int(t.stmtType) }

// Insert reports an INSERT.
func (t CommandTag) Insert() bool { return t.stmtType == int16(ifxtype.StmtInsert) }

// Update reports an UPDATE (with or without WHERE).
func (t CommandTag) Update() bool { return ifxtype.StatementType(t.stmtType).IsUpdate() }

// Delete reports a DELETE (with or without WHERE).
func (t CommandTag) Delete() bool { return ifxtype.StatementType(t.stmtType).IsDelete() }

// Select reports a query.
func (t CommandTag) Select() bool { return t.stmtType == int16(ifxtype.StmtSelect) }

// String returns e.g. "INSERT 1" or "CREATE TABLE".
func (t CommandTag) String() string {
	st := ifxtype.StatementType(t.stmtType)
	if st.CountsRows() {
		return st.String() + " " + strconv.FormatInt(t.rows, 10)
	}
	return st.String()
}

// commandTag builds the tag of an executed statement from its reply.
func commandTag(stmtType int16, r *reply, f sqli.Features) CommandTag {
	t := CommandTag{stmtType: stmtType, rows: r.DoneMsg.Rows}
	switch {
	case r.InsertDone && f.BigSerial() && r.Insert.BigSerial != 0:
		t.insertID, t.hasInsertID = r.Insert.BigSerial, true
	case r.InsertDone && r.Insert.Serial8 != 0:
		t.insertID, t.hasInsertID = r.Insert.Serial8, true
	case r.DoneMsg.Serial != 0:
		t.insertID, t.hasInsertID = int64(r.DoneMsg.Serial), true
	}
	return t
}
