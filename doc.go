// Package ifx is a pure-Go driver for IBM Informix. It speaks Informix's
// native SQLI wire protocol itself: no cgo, no Client SDK, no ODBC.
//
// The native API is modelled on pgx:
//
//	conn, err := ifx.Connect(ctx, "informix://informix:in4mix@localhost:9088/stores?server=informix")
//	if err != nil { … }
//	defer conn.Close(ctx)
//
//	rows, err := conn.Query(ctx, "SELECT id, name FROM customer WHERE state = ?", "CA")
//	for rows.Next() {
//		var id int64
//		var name string
//		if err := rows.Scan(&id, &name); err != nil { … }
//	}
//	if err := rows.Err(); err != nil { … }
//
// Conn is built on package ifxconn's wire connection (Conn.WireConn), as
// pgx on pgconn: ifxconn holds the configuration, the login and the SQLI
// exchanges; this package the statements, cursors and transactions.
//
// # Connecting
//
// ParseConfig accepts URLs (informix://user:pw@host:9088,host2:9088/db?server=NAME),
// key=value lists (host=h port=9088 server=NAME database=db user=u
// password='secret') and IBM's JDBC URLs
// (jdbc:informix-sqli://host:9088/db:INFORMIXSERVER=NAME;user=u;password=p).
// Missing values come from INFORMIXSERVER, IFX_HOST, IFX_PORT, IFX_USER,
// IFX_PASSWORD and IFX_DATABASE, then from the defaults of IBM's Developer
// Edition image (port 9088, server informix). TLS (tls=verify-full,
// require, verify-ca) runs from the first byte, as Informix's onsocssl
// listeners expect; there is never a silent fall back to plain text.
// Server environment variables are set with env.NAME=value (DBDATE,
// OPTOFC, …), and text is converted from and to CLIENT_LOCALE
// (client_locale=en_US.utf8 or the default en_US.8859-1).
//
// The login follows IBM's JDBC driver exactly: the association packet
// with JDBC's environment block, SQ_PROTOCOLS with JDBC's feature offer,
// SQ_INFO and SQ_DBOPEN. Rejections come back as *Error values: -951 (bad
// user or password), -761 (wrong server name; the error names the
// server's real name), -329 (unknown database).
//
// # Statements
//
// Query prepares the statement, then opens a cursor and fetches the first
// batch in one round trip; further batches of Config.FetchBufferSize bytes
// are fetched as Rows.Next needs them, so results stream in constant
// memory. Exec without arguments is one round trip (execute immediate),
// with arguments two. Closing cursors and releasing statements is
// pipelined into the next request. QueryRow closes its cursor and
// releases its statement in the request that fetches the row: two request
// groups in all, and one for Stmt.QueryRow on a prepared statement.
//
// Stmt.ExecBatch runs a prepared statement once per argument row, and
// Conn.SendBatch a list of statements, pgx style: the executions travel
// many to a request group (SQ_ID, then SQ_BIND + SQ_EXECUTE per row, as
// IBM's JDBC driver does for executeBatch), so 10,000 INSERTs take about
// a dozen round trips. A batch stops at its first failing item and
// reports it as a *BatchError with the item's index; the items before it
// have run. Conn.CopyFrom is pgx's bulk insert on the same path: rows
// stream from a CopyFromSource into one prepared INSERT, all or nothing
// outside a transaction in a logged database.
//
// Arguments bind to '?' placeholders (or by name to @name placeholders
// when the only argument is a NamedArgs, pgx's form): Go integers as
// INTEGER or BIGINT, float64 as FLOAT, string as CHAR (LVARCHAR beyond
// 32767 bytes), bool as BOOLEAN, time.Time as DATETIME YEAR TO
// FRACTION(5), time.Duration as INTERVAL DAY(9) TO FRACTION(5),
// ifxtype.Decimal, DateTime, IntervalDF and IntervalYM exactly, nil as
// NULL; driver.Valuer is honoured. BYTE and TEXT values are bound as
// ifxtype.Byte and ifxtype.Text (Informix takes them only as such) and
// read as []byte and string.
// Results scan into the Go types listed at Rows.Scan.
//
// # Errors
//
// Server errors are *Error values with the SQLCODE, ISAM code, offset and
// near text, a message from a built-in catalog and an SQLSTATE; helpers
// such as IsUniqueViolation and IsLockConflict classify them. A statement
// error leaves the connection usable; a protocol error or a broken
// connection closes it (IsConnectionLost, ErrConnClosed).
//
// # Cancellation
//
// When a statement's context ends, the driver sends Informix's interrupt
// (one TCP urgent byte), waits Config.InterruptWait for the server's
// -213, and returns an error that matches both the context's error and
// the -213 *Error; the connection stays usable. If the server does not
// answer in time the connection is closed. No goroutine runs per query:
// the watcher is a context.AfterFunc.
//
// # Concurrency
//
// A Conn serves one goroutine at a time; a concurrent call fails with
// ErrConnBusy instead of interleaving messages. A Rows left open is closed
// (its cursor released) by the next statement on its connection.
package ifx
