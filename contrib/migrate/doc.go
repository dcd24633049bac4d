// Package ifxmigrate is a golang-migrate (github.com/golang-migrate/migrate/v4)
// database driver for Informix Dynamic Server, built on the ifx driver.
// Importing it registers the driver as "informix", so migrate accepts
// ifx's URL DSN form:
//
//	import _ "github.com/ifxgo/ifx/contrib/migrate"
//
//	m, err := migrate.New("file://migrations",
//		"informix://informix:in4mix@db:9088/stores?server=informix&x-migrations-table=schema_migrations")
//
// or, with a *sql.DB opened through github.com/ifxgo/ifx/stdlib,
// WithInstance and migrate.NewWithDatabaseInstance.
//
// # Migration files
//
// A file may hold many statements. They are split by the ifx SQL scanner
// (ifx.SplitStatements), not at every ';': a semicolon inside a quoted
// string ('Bob; Jr'), a comment, a CREATE PROCEDURE or FUNCTION body (up
// to END PROCEDURE / END FUNCTION) or a CREATE TRIGGER action list stays
// in its statement. The statements run one by one on one session, outside
// any transaction the driver opens: a file may hold its own BEGIN WORK …
// COMMIT WORK (in a logged database, where Informix DDL is transactional
// too). When a statement fails, the error names it and its line, and
// migrate leaves the version dirty until Force.
//
// # Tables
//
// The version lives in the migrations table (default schema_migrations):
// one row, version BIGINT and dirty BOOLEAN, rewritten by SetVersion (in
// a transaction when the database is logged).
//
// # Locking
//
// The lock is a row in a lock table (default: the migrations table's name
// followed by _lock), inserted by Lock and deleted by Unlock. Its key is a
// primary key, so a second process's INSERT fails with a unique violation
// (or a lock conflict while the first insert is uncommitted) and Lock
// retries until x-lock-timeout, then returns database.ErrLocked. The row
// names its holder (host, process id) and when it was taken.
//
// A lock held by an open transaction (an updated row, or LOCK TABLE … IN
// EXCLUSIVE MODE) would be released by the server if the process died,
// but it was not chosen: it needs a logged database (BEGIN WORK fails
// with -256 in an unlogged one, and migrate is often used to create
// schemas there), and it keeps one transaction open for as long as every
// migration runs, so the logical logs it spans cannot be freed and a long
// data migration can drive the server into its long-transaction high
// watermark (LTXHWM), where the oldest transaction — the lock — is rolled
// back. The lock row works in logged, unlogged and ANSI databases and
// holds nothing open. Its cost: a process killed while holding the lock
// leaves the row behind, and Lock then fails until an operator deletes it
// (DELETE FROM schema_migrations_lock; the holder column says which
// process held it).
//
// Drop drops every table, view, sequence and synonym of the database
// (tabid 100 and above) except the lock table, which holds the lock Drop
// runs under. SPL routines are not dropped: drop them in down
// migrations.
//
// # URL options
//
// Options starting with x- are the driver's and are removed before the
// DSN reaches ifx; an unknown x- option is an error, so that a misspelt
// one is not silently ignored:
//
//	x-migrations-table          the version table (schema_migrations)
//	x-lock-table                the lock table (<migrations table>_lock)
//	x-lock-timeout              how long Lock waits for another holder, as a
//	                            Go duration or milliseconds (10s; 0 tries once).
//	                            Keep it below migrate's LockTimeout (15 s).
//	x-statement-timeout         per-statement timeout in milliseconds (none)
//	x-multi-statement           accepted for compatibility with other
//	                            drivers; files are always split as above
//	x-multi-statement-max-size  the largest migration file read, in bytes (10 MB)
package ifxmigrate
