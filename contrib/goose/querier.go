package ifxgoose

import (
	"fmt"
	"strings"

	"github.com/pressly/goose/v3/database/dialect"
)

// Querier writes goose's version-table queries in IDS SQL. Table names
// are spliced in as they are, unquoted.
type Querier struct{}

var _ dialect.QuerierExtender = Querier{}

// CreateTable creates the version table.
func (Querier) CreateTable(tableName string) string {
	return fmt.Sprintf(`CREATE TABLE %s (
	id SERIAL NOT NULL PRIMARY KEY,
	version_id BIGINT NOT NULL,
	is_applied BOOLEAN NOT NULL,
	tstamp DATETIME YEAR TO FRACTION(5) DEFAULT CURRENT YEAR TO FRACTION(5) NOT NULL
)`, tableName)
}

// InsertVersion records one version, one row per INSERT.
func (Querier) InsertVersion(tableName string) string {
	return fmt.Sprintf("INSERT INTO %s (version_id, is_applied) VALUES (?, ?)", tableName)
}

// DeleteVersion removes a version's rows.
func (Querier) DeleteVersion(tableName string) string {
	return fmt.Sprintf("DELETE FROM %s WHERE version_id = ?", tableName)
}

// GetMigrationByVersion reads the latest row of a version. IDS has no
// LIMIT with FIRST; FIRST 1 with ORDER BY is its form.
func (Querier) GetMigrationByVersion(tableName string) string {
	return fmt.Sprintf("SELECT FIRST 1 tstamp, is_applied FROM %s WHERE version_id = ? ORDER BY id DESC", tableName)
}

// ListMigrations lists the rows, newest first.
func (Querier) ListMigrations(tableName string) string {
	return fmt.Sprintf("SELECT version_id, is_applied FROM %s ORDER BY id DESC", tableName)
}

// GetLatestVersion reads the highest version recorded (NULL when none).
func (Querier) GetLatestVersion(tableName string) string {
	return fmt.Sprintf("SELECT MAX(version_id) FROM %s", tableName)
}

// TableExists looks the table up in systables; it answers 1 or 0, which
// database/sql scans into a bool. Names not quoted are stored in lower
// case.
func (Querier) TableExists(tableName string) string {
	q := "SELECT CASE WHEN COUNT(*) > 0 THEN 1 ELSE 0 END FROM systables WHERE tabname = '%s'"
	if owner, table, ok := strings.Cut(tableName, "."); ok {
		return fmt.Sprintf(q+" AND owner = '%s'", literal(table), literal(owner))
	}
	return fmt.Sprintf(q, literal(tableName))
}

// literal makes a name fit for a quoted string; NewStore has checked that
// names are plain identifiers, the doubling guards Querier used alone.
func literal(name string) string {
	return strings.ReplaceAll(strings.ToLower(name), "'", "''")
}
