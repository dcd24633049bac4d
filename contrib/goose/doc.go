// Package ifxgoose makes goose (github.com/pressly/goose/v3) work with
// Informix Dynamic Server through the ifx driver: a goose store whose
// queries are IDS SQL, for goose.NewProvider.
//
//	db, _ := sql.Open("informix", "informix://informix:in4mix@db:9088/stores?server=informix")
//	p, err := ifxgoose.NewProvider(db, os.DirFS("migrations"))
//	// or: goose.NewProvider(goose.DialectCustom, db, fsys, goose.WithStore(ifxgoose.MustStore("goose_db_version")))
//	results, err := p.Up(ctx)
//
// The version table is goose's usual one in IDS types: id SERIAL primary
// key, version_id BIGINT, is_applied BOOLEAN, tstamp DATETIME YEAR TO
// FRACTION(5) defaulting to CURRENT. The queries use what IDS has: one row
// per INSERT (no multi-row VALUES), SELECT FIRST 1 … ORDER BY for the
// latest row, systables for the table's existence, and names without
// quotes (so the table name must be a plain identifier, optionally
// owner.table).
//
// # Writing migrations for Informix
//
// goose splits SQL files itself, not with the ifx scanner: a statement
// ends at a line ending in ';'. A semicolon inside a quoted string on one
// line is safe ('Bob; Jr'); the body of a CREATE PROCEDURE or FUNCTION,
// whose lines end in ';', must be wrapped so goose sends it whole:
//
//	-- +goose StatementBegin
//	CREATE PROCEDURE add_pet(n VARCHAR(20))
//	    INSERT INTO pets (name) VALUES (n);
//	END PROCEDURE;
//	-- +goose StatementEnd
//
// goose runs each migration in a transaction. That needs a logged
// database, where Informix DDL is transactional too. In a database
// without logging, BEGIN WORK fails (-256): pass goose.WithIsolateDDL(true)
// so the version table is created outside a transaction, and start every
// SQL file with "-- +goose NO TRANSACTION" (Go migrations: GoFunc.RunDB).
//
// The command goose-informix (cmd/goose-informix) is goose's CLI for
// Informix: up, up-by-one, up-to, down, down-to, redo, status, version and
// create. It passes WithIsolateDDL itself when the database has no
// logging.
package ifxgoose
