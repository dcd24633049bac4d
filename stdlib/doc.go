// Package stdlib is the database/sql driver of ifx. Importing it registers
// the driver "informix":
//
//	import (
//		"database/sql"
//
//		_ "github.com/ifxgo/ifx/stdlib"
//	)
//
//	db, err := sql.Open("informix", "informix://informix:in4mix@localhost:9088/stores?server=informix")
//
// The DSN is anything ifx.ParseConfig accepts (URL, key=value list or an
// IBM JDBC URL). A configuration built in code opens with OpenDB, or
// GetConnector for sql.OpenDB; options run code before and after each
// connection is made and when database/sql reuses one:
//
//	cfg, _ := ifx.ParseConfig(dsn)
//	cfg.FetchBufferSize = 65536
//	db := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(ctx context.Context, c *ifx.Conn) error {
//		_, err := c.Exec(ctx, "SET LOCK MODE TO WAIT 10")
//		return err
//	}))
//
// Every statement runs on the native driver (package ifx), so the
// behaviour documented there holds: '?' placeholders, results streamed in
// batches of Config.FetchBufferSize bytes, cancellation by context with
// Informix's interrupt, server errors as *ifx.Error (use errors.As).
//
// # Arguments
//
// Arguments are passed to the native driver unchanged, so every type it
// binds is accepted as is: Go integers, floats, strings, []byte, bool,
// time.Time, time.Duration (INTERVAL DAY TO FRACTION), ifxtype.Decimal,
// DateTime, IntervalDF and IntervalYM, *big.Int, *big.Rat (integral) and
// any driver.Valuer. Pointers and named types (type Celsius float64) go
// through database/sql's default conversion first. sql.Named arguments
// are rejected: Informix statements take '?' placeholders. For @name
// placeholders pass one ifx.NamedArgs (or ifx.StrictNamedArgs) as the
// only argument, as in the native API. sql.Out is rejected too.
//
// # Results
//
// Rows stream: each Next decodes one row from the fetched batch, with no
// intermediate copy. Columns arrive as (see values.go):
//
//	SMALLINT, INTEGER, SERIAL, BIGINT, INT8, SERIAL8, BIGSERIAL  int64
//	SMALLFLOAT, FLOAT                                            float64
//	BOOLEAN                                                      bool
//	DATE, DATETIME (every qualifier)                             time.Time (Config.TimeLocation, UTC by default)
//	INTERVAL DAY…FRACTION                                        time.Duration (beyond its ±292 years: the text, a string)
//	INTERVAL YEAR…MONTH                                          ifxtype.IntervalYM
//	CHAR, VARCHAR, NCHAR, NVARCHAR, LVARCHAR                     string (CHAR keeps its blank padding)
//	DECIMAL, MONEY                                               string, exact: scan into ifxtype.Decimal, string, float64
//	other opaque types                                           []byte
//
// so Scan destinations follow database/sql's conversions. Built with Go
// 1.27 or later, Rows is a driver.RowsColumnScanner: database/sql hands
// each Scan destination to the driver, which stores integers, floats,
// booleans, strings, DECIMALs and times straight from the fetched bytes,
// by the per-column op the native Scan plans for the destination's type
// (the same ops, shared with the native Rows), with no driver.Value boxed
// per column (see values.go); a result whose first row is scanned into
// sql.NullInt64, NullString, Null[ifxtype.Decimal], NullTime and the like
// gets the ops planned for their value fields. Other destinations and
// NULLs get the value above through sql.ConvertAssign. The results are
// the same with either Go; with 1.27 a large fetch costs about half the
// client CPU. Strings of up to 64 bytes share blocks of at most 1 KiB
// with the Rows' other strings, as the native Scan's do: keeping one
// keeps its block alive.
// A DATETIME without YEAR (HOUR TO MINUTE, MONTH TO DAY…) is a time.Time
// too, as in the native API: the fields it lacks come from the base date
// 0001-01-01 00:00:00 (ifxtype.DateTime.Time), so DATETIME(12:34) HOUR TO
// MINUTE scans as 0001-01-01 12:34:00 into *time.Time and sql.NullTime.
// ifxtype.DateTime, IntervalDF and IntervalYM are sql.Scanners: with Go
// 1.27 they receive the column's value with its own qualifier, as the
// native Scan gives it; with Go 1.26 database/sql hands them the
// time.Time (or time.Duration), which a DateTime (IntervalDF) without a
// qualifier keeps as YEAR TO FRACTION(5) (DAY(9) TO FRACTION(5)) and one
// with a qualifier narrows to it.
// Destinations: *int32, *int64, *string, *ifxtype.Decimal (a sql.Scanner),
// *time.Time, *time.Duration, *ifxtype.IntervalYM, sql.NullString,
// sql.Null[ifxtype.Decimal] and so on. An INTERVAL scanned into a string
// gives its Informix text with Go 1.27; with Go 1.26 it gives the
// Duration's nanoseconds (scan it into a time.Duration), and the text
// only beyond time.Duration. ColumnTypes reports
// the Informix type name (DatabaseTypeName "DECIMAL", "VARCHAR", "DATETIME
// YEAR TO SECOND"), the length of character columns, the precision and
// scale of DECIMAL and MONEY (scale -1 for a floating DECIMAL(p)),
// nullability from the server's NOT NULL flag and a ScanType: int16 for
// SMALLINT, int32 for INTEGER and SERIAL, int64 for BIGINT and INT8,
// float32 and float64, ifxtype.Decimal for DECIMAL and MONEY, string,
// bool, time.Time, time.Duration and ifxtype.IntervalYM.
//
// One connection has one open cursor at a time: a statement run on a
// connection (a Tx, or a *sql.Conn) while a Rows of the same connection
// is still open closes that Rows, whose Err then reports
// ifx.ErrRowsClosed. Read results to the end (or close them) before the
// next statement, or use the *sql.DB, which gives each its own
// connection.
//
// # Results of Exec
//
// Result.RowsAffected is the server's row count. Result.LastInsertId
// returns the SERIAL, SERIAL8 or BIGSERIAL value an INSERT generated, and
// an error when the statement generated none.
//
// # Transactions
//
// BeginTx maps database/sql's isolation levels onto Informix's SET
// TRANSACTION ISOLATION LEVEL (ReadUncommitted, ReadCommitted,
// RepeatableRead, Serializable) and ReadOnly onto SET TRANSACTION READ
// ONLY; WriteCommitted, Snapshot and Linearizable do not exist in
// Informix and fail. Informix's own levels are available as
// LevelDirtyRead, LevelCommittedRead, LevelLastCommitted,
// LevelCursorStability and LevelInformixRepeatableRead; they are session
// settings (SET ISOLATION), which stay in force after the transaction, so
// the connection is closed instead of being reused once the transaction
// ends. A database without a transaction log cannot run transactions:
// BeginTx fails with ifx.ErrNoTransactions.
//
// # Bulk inserts
//
// A statement prepared with Exec per row costs a round trip per row.
// Two paths send rows pipelined instead, hundreds to a round trip (the
// native ifx.Stmt.ExecBatch underneath):
//
//   - CopyIn, as lib/pq's pq.CopyIn: prepare stdlib.CopyIn(table,
//     columns...) on a *sql.Tx; each Exec with a row's values queues it,
//     Exec with no arguments, Close and the Tx's Commit send the queue.
//     A row the server refuses fails with an *ifx.BatchError whose Index
//     is the row's position among the statement's rows. It needs a
//     transaction (ErrCopyInNeedsTx).
//   - ExecBatch(ctx, conn, sql, rows) runs any statement once per row on
//     a *sql.Conn, inside the transaction begun on it if any, with the
//     same *ifx.BatchError.
//
// A cancelled context interrupts the rows in flight and leaves the
// connection usable; roll the transaction back.
//
// # Connection reuse and errors
//
// Before database/sql reuses a pooled connection, ResetSession checks
// without a round trip that the server has not closed it, and rolls back
// a transaction the last user left open — whether opened with BeginTx,
// with BEGIN WORK as SQL text on a *sql.Conn or through the native API —
// with ifx.Conn.Reset. A connection that turns out dead is discarded and
// database/sql takes another. Statements fail with driver.ErrBadConn —
// which makes database/sql retry them on another connection — only when
// nothing of the statement reached the server (ifx.SafeToRetry); once a
// request was sent, the real error is returned, because the statement may
// have run. A connection that broke is never put back in the pool
// (IsValid).
//
// # Rows and Stmts dropped without Close
//
// database/sql owns its Rows, and the driver has no say over what
// happens to a *sql.Rows dropped without Close. database/sql keeps a
// reference to every connection it opened (DB's dependency map), so the
// garbage collector never reclaims the connection under a dropped Rows:
//
//   - Under a context that never ends (context.Background), the
//     connection stays checked out until the DB is closed: DB.Stats
//     counts it InUse, SetMaxOpenConns counts it against the limit, and
//     its cursor stays open on the server. The driver is never called
//     for it again, so it cannot reclaim anything: the *ifx.Rows under
//     it is garbage collected (its connection holds it weakly), but its
//     cursor would be closed by the connection's next call, which
//     database/sql never makes. ifx's other cleanups (native Stmts,
//     pooled connections, see the ifx and ifxpool packages) do not apply
//     either.
//   - Under a context that ends (a request's deadline, a cancel),
//     database/sql closes the Rows itself when the context ends and puts
//     the connection back; ResetSession then closes the cursor before
//     the next statement.
//   - A Rows of a *sql.Stmt is also held by the Stmt until the Stmt is
//     closed.
//
// Close every *sql.Rows (defer rows.Close()), or read it to the end.
//
// # The native connection
//
// The *ifx.Conn under a database/sql connection is reachable with
// (*sql.Conn).Raw, for the native API's extras (CommandTag,
// DatabaseInfo, Columns with qualifiers, …):
//
//	sc, err := db.Conn(ctx)
//	…
//	defer sc.Close()
//	err = sc.Raw(func(dc any) error {
//		sc, _ := stdlib.UnwrapConn(dc) // sees through otelsql and other wrappers
//		c := sc.Conn()                 // *ifx.Conn
//		tag, err := c.Exec(ctx, "UPDATE t SET x = 1")
//		…
//	})
//
// database/sql has no scroll cursors; Conn.QueryScroll on the native
// connection gives them (a ScrollRows does not hold the connection between
// moves, so release it only after closing the ScrollRows).
//
// AcquireConn does the same outside a callback: it takes a connection out
// of the pool until release is called. Whatever the native API leaves
// behind (an open transaction, an open Rows) is cleaned up by
// ResetSession when database/sql next hands the connection out.
package stdlib
