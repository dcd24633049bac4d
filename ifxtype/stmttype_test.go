package ifxtype

import "testing"

// TestStatementTypeTable pins the codes of the statement types the driver
// names beyond package sqli's (IDS's sqlstype.h) and what the table says
// about them.
func TestStatementTypeTable(t *testing.T) {
	for _, tc := range []struct {
		st          StatementType
		code        int16
		name        string
		counts      bool
		keeps       bool
		upd, delete bool
	}{
		{StmtUpdateCurrent, 7, "STATEMENT 7", false, true, false, false},
		{StmtDeleteCurrent, 8, "STATEMENT 8", false, true, false, false},
		{StmtDeleteAll, 32, "DELETE", true, true, false, true},
		{StmtUpdateAll, 33, "UPDATE", true, true, true, false},
		{StmtStartDatabase, 38, "STATEMENT 38", false, false, false, false},
		{StmtMerge, 128, "MERGE", true, false, false, false},
		{StmtCreateTable, 14, "CREATE TABLE", false, false, false, false},
		{StatementType(999), 999, "STATEMENT 999", false, false, false, false},
	} {
		if int16(tc.st) != tc.code || tc.st.String() != tc.name || tc.st.CountsRows() != tc.counts ||
			tc.st.KeepsStatements() != tc.keeps || tc.st.IsUpdate() != tc.upd || tc.st.IsDelete() != tc.delete {
			t.Errorf("%d: %q counts=%v keeps=%v update=%v delete=%v", tc.st, tc.st, tc.st.CountsRows(),
				tc.st.KeepsStatements(), tc.st.IsUpdate(), tc.st.IsDelete())
		}
	}
}
