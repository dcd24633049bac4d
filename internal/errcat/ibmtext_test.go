package errcat

import "testing"

// The texts that once came from GBase 8s's list (a fork of IDS 12.10 whose
// wording differs) read as IBM's message bundle words them
// (com/informix/msg/*_en_US.properties in IBM's JDBC 15.0.0.1.1 jar); see
// docs/ERRCAT.md for where every text comes from.
func TestCatalogUsesIBMWording(t *testing.T) {
	for code, want := range map[int]string{
		-219:  "Wildcard matching may not be used with non-character types.",
		-263:  "Could not lock row for UPDATE.",
		-272:  "No SELECT permission for %s.",
		-283:  `Found a non-terminated comment ("{" with no matching "}").`,
		-292:  "An implied insert column (%s) does not accept NULLs.",
		-319:  "Index does not exist.",
		-328:  "Column (%s) already exists in table or type.",
		-329:  "Database (%s) not found or no system permission.",
		-350:  "Index already exists on the column (or on the set of columns).",
		-440:  "Cannot update more than one non-Informix DBMS within a transaction.",
		-481:  "Invalid statement name or statement was not PREPARED.",
		-634:  "Object does not exist.",
		-668:  "The system command cannot be executed or it exited with a non-zero status.",
		-684:  "Function (%s) returns too many values.",
		-685:  "Function (%s) returns too few values.",
		-710:  "Table (%s) has been dropped, altered or renamed.",
		-876:  `Cannot issue "Set Transaction" in an active transaction.`,
		-952:  "User (%s)'s password is not correct for the database server.",
		-1214: "Value exceeds limit of SMALLINT precision.",
	} {
		if got, _ := Text(code); got != want {
			t.Errorf("%d: %q, want IBM's %q", code, got, want)
		}
	}
	if m, _ := ISAMMessage(-103); m != "illegal key descriptor (too many parts or too long)" {
		t.Errorf("ISAM -103: %q", m)
	}
	// The server sends the database name as near text (docs/PROTOCOL.md,
	// -329): it lands inside the parentheses, as JDBC shows it.
	if got := Message(-329, "testdb"); got != "Database (testdb) not found or no system permission." {
		t.Errorf("-329: %q", got)
	}
}
