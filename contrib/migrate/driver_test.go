package ifxmigrate_test

import (
	"testing"

	dt "github.com/golang-migrate/migrate/v4/database/testing"
)

// TestDriverSuite runs golang-migrate's own test of database drivers:
// NilVersion, Lock and Unlock, Run, SetVersion (dirty NilVersion too)
// and Drop.
func TestDriverSuite(t *testing.T) {
	_, url := newServer(t, "")
	d := openDriver(t, url)
	dt.Test(t, d, []byte("CREATE TABLE suite_t (id INTEGER, name VARCHAR(20)); INSERT INTO suite_t VALUES (1, 'a;b')"))
}
