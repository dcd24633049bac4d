// Package ifxtest runs a server that speaks Informix's SQLI protocol,
// backed by SQLite, for tests of clients: this module's driver, its users'
// applications and IBM's own clients.
//
// It accepts the association packet with user and password checking,
// negotiates protocol features like Informix 15 (so clients that offer the
// modern features get the wide layouts and older ones the narrow ones),
// and runs statements through an Informix-flavoured SQL engine: databases
// with and without logging, a system catalog, Informix column types and
// error codes, transactions, cursors fetched in buffer-sized batches,
// interrupts, TLS, fault injection for tests and a strict mode in which
// any malformed client message fails the test.
//
// Clients may also call routines by the fast path (SQ_GETROUTINE and
// SQ_EXFPROUTINE): the builtins ifxtest implements and the Go routines a
// test registers in Config.Routines, in place of a real server's UDRs.
//
// The defaults match IBM's Informix Developer Edition image (user
// informix, password in4mix, server informix), so tests written against
// ifxtest also run against that image.
package ifxtest
