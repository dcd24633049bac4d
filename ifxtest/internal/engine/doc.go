// Package engine is the SQL engine behind ifxtest: an Informix-flavoured SQL
// dialect on top of SQLite (modernc.org/sqlite through database/sql).
//
// The wire side creates one Session per client connection, opens a database
// (Session.OpenDatabase for SQ_DBOPEN), prepares statements (Session.Prepare
// gives the statement type, result columns and parameter types as Informix
// describes them) and runs them with Stmt.Query (a streaming Cursor) or
// Stmt.Exec. Values cross the API in canonical Go forms (see Value).
//
// # Storage
//
// Each database is one SQLite database, a file <name>.db in WAL mode: in
// Config.Dir, otherwise in a private temporary directory (in /dev/shm when
// there is one) removed when the Engine is closed. WAL, not SQLite's memdb
// VFS, so that readers and writers pass each other (docs/DIALECT.md).
// Each Session uses its own dedicated *sql.Conn, so temp tables and
// transactions are per session. The catalog (systables, syscolumns,
// sysindices, sysconstraints, sysdefaults, sysviews, … with the IDS tabids
// 1..30; user tables from 100) is kept in real tables of every database and
// is the only source of the Informix column types. Storage classes:
// integers, DATE (day number), INTERVAL (months or 1e-5 s) and BOOLEAN as
// INTEGER; FLOAT without affinity as REAL (a REAL column would write -0
// as the integer 0); DECIMAL/MONEY without affinity as INTEGER when
// integral, REAL up to 15 significant digits, else exact TEXT (which then
// compares as text); CHAR without trailing blanks under COLLATE RTRIM;
// DATETIME as its literal text (sorts correctly within one qualifier).
// Character lengths count bytes of the database code set, 8859-1. A DATE
// becomes text, and text a DATE, in the session's DBDATE (default MDY4/).
//
// # Decisions where Informix behaviour was uncertain
//
//   - COUNT(*) and COUNT(x) are described as DECIMAL(15,0) (docs/PROTOCOL.md,
//     note N6); SUM of integers DECIMAL(32,0), SUM of DECIMAL(p,s)
//     DECIMAL(32,s), AVG of exact numbers DECIMAL(32) floating, of floats
//     FLOAT; MIN/MAX keep the argument type (SERIALs as their integer type).
//   - Integer literals are INTEGER (BIGINT when larger), decimal literals
//     DECIMAL(p,s), string literals CHAR(n); '/' always yields DECIMAL(32)
//     floating (7/2 = 3.5) and division by zero fails with -1202.
//   - Labels: column name, "(constant)", "(count(*))", "(count)", "(sum)",
//     "(avg)", "(min)", "(max)", "(today)", "(current)", "(user)", otherwise
//     "(expression)".
//   - BEGIN WORK on an unlogged database returns -256 (one client report says
//     IDS answers -201); COMMIT/ROLLBACK there also return -256, without a
//     transaction in a logged database -255, and are always valid in ANSI
//     databases (which start an implicit transaction at the first statement).
//   - Unique violations: -268 (ISAM -100, Near "owner.constraint") for
//     PRIMARY KEY/UNIQUE constraints, -239 for CREATE UNIQUE INDEX. NOT NULL
//     violations: -391 with Near "table.column" as in the IDS message.
//     CHECK: -530; foreign keys: -691 on insert/update, -692 on delete.
//   - Locks (docs/DIALECT.md, "Locking and isolation"): row-level for
//     writers. Each INSERT/UPDATE/DELETE of a transaction commits to SQLite
//     when it ends, under a Go lock table of rows and unique-key values
//     (locks.go) and an undo log that ROLLBACK writes back (rowtx.go); a
//     transaction that runs DDL or sets a savepoint holds a SQLite
//     transaction from then on (txlog.go). Conflicts: -244 reads, -271
//     insert, -346 update, -240 delete, with ISAM -107 under NOT WAIT
//     (-144 for a key value), -154 when WAIT n ran out, -143 for a
//     deadlock. Readers wait per table, per isolation level; LAST
//     COMMITTED reads the before-images (lastcommitted.go).
//   - A prepared statement whose table was dropped, recreated or altered
//     since it was prepared (by any session) fails with -710 when run, as
//     on IDS; the client prepares it again.
//   - A cancelled statement (context) returns -213 / ISAM -157. SQLite rolls
//     back the whole transaction if a write statement inside it is
//     interrupted; IDS would keep it.
//   - CASE over string literals of different lengths is CHAR(longest),
//     blank padded. Character lengths are bytes, as in IDS.
//   - Converting a fractional number to an integer column truncates.
//   - Routines (routine.go, spl_*.go): CREATE FUNCTION/PROCEDURE with SPL
//     bodies, kept in sysprocedures/sysprocbody and run by the SPL
//     interpreter; overloads resolved by argument types
//     (routine_overload.go); user functions called per row in SQL
//     (spl_rowcall.go). Triggers (trigger*.go) run their actions as SPL
//     routines, atomically with the statement that fired them: under
//     row locks such a statement holds a SQLite transaction (rowtx.go),
//     its own one outside a transaction (triggerUnit).
//   - Unknown functions fail with -674, unknown DBINFO options with -728,
//     recognised but unsupported statements with -999 "Not implemented yet".
//   - Temp tables are not listed in systables; they disappear with the
//     session, CLOSE DATABASE / DATABASE, or a rollback of their creation.
//   - SERIAL counters are kept per table in memory and in the hidden table
//     ifx_serial; they are not rolled back and never reused.
//
// # Row generator
//
// SELECT … FROM TABLE(ifx_generate(n)) [alias [(col)]] yields the INTEGER
// column "value" = 1..n, computed by a recursive CTE without any I/O; use
// it for benchmarks and large streaming results.
package engine
