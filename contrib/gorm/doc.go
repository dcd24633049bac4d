// Package informix is a GORM (gorm.io/gorm) dialector for IBM Informix
// Dynamic Server over ifx's database/sql driver (package
// github.com/ifxgo/ifx/stdlib, driver name "informix"):
//
//	db, err := gorm.Open(informix.Open(dsn), &gorm.Config{})
//
// What it does the Informix way:
//   - Offset and Limit become SELECT SKIP n FIRST m (IDS has no LIMIT/OFFSET
//     clause). IDS refuses them in subqueries (-944), and so does this.
//     Limit(0) reads no rows, through a false condition (FIRST needs a
//     positive count).
//   - Identifiers are written as they are, unquoted: IDS folds them to lower
//     case. Set Config.DelimIdent when the server runs with DELIMIDENT and
//     names need double quotes.
//   - Integer primary keys that GORM auto-increments are SERIAL (up to 32
//     bits) or BIGSERIAL, and Create fills them from the value the server
//     generated (Result.LastInsertId, or each batch row's CommandTag).
//   - IDS has no multi-row VALUES, so creating a slice (Create,
//     CreateInBatches) inserts one row per statement, and the rows travel
//     pipelined on ifx's batch path (ifx.Conn.SendBatch): two round trips
//     per batch (prepare, then the executions, some 800 short rows to a
//     64 KiB request group) instead of one per row. To reach the
//     connection inside GORM's transactions, the dialector begins each
//     transaction on a *sql.Conn of its own; db.DB() still returns the
//     *sql.DB. A slice inside a *sql.Tx the dialector did not begin (a
//     Config.Conn that is not a *sql.DB, a Begin inside db.Connection)
//     goes one row per round trip.
//   - bool is BOOLEAN; string is VARCHAR(n) up to 255 characters, LVARCHAR(n)
//     beyond, LVARCHAR without a size (or VARCHAR(255) for keys and
//     indexed columns); time.Time is DATETIME YEAR TO FRACTION(5); floats
//     with a precision are DECIMAL(p,s).
//   - The Migrator reads systables, syscolumns, sysindexes and
//     sysconstraints.
package informix
