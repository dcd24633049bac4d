// Package ifxotel traces ifx with OpenTelemetry, following the database
// semantic conventions: set a Tracer as ifx.Config.Tracer (alone, or in an
// ifx.MultiTracer next to ifx.SlogTracer), and each statement, batch,
// CopyFrom, prepare and connect becomes a client span.
//
//	cfg, _ := ifx.ParseConfig(dsn)
//	cfg.Tracer = ifxotel.NewTracer()
//	db := stdlib.OpenDB(*cfg)
//
// Spans carry db.system.name ("informix"), db.namespace (the database),
// db.query.text (the SQL as written, with its ? placeholders; the argument
// values are never recorded), db.operation.name (the statement's first
// keyword), server.address and server.port; a SELECT adds
// db.response.returned_rows, a batch db.operation.batch.size, and a failure
// error.type and db.response.status_code (the Informix SQLCODE).
// A QueryRow that finds no row is not an error.
//
// The module is separate from ifx so that the driver itself does not
// depend on OpenTelemetry.
package ifxotel
