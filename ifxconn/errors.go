package ifxconn

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/ifxgo/ifx/internal/errcat"
	"github.com/ifxgo/ifx/sqli"
)

// Sentinel errors, for use with errors.Is.
var (
	// ErrConnBusy is returned when a Conn is used by a second goroutine
	// while a call on it is still running. A Conn serves one goroutine at
	// a time; use ifxpool (or one Conn per goroutine) for concurrency.
	ErrConnBusy = errors.New("ifx: conn busy: another call on this connection is in progress")

	// ErrConnClosed is returned by calls on a Conn that was closed, by the
	// application or because its connection broke. Errors that closed the
	// connection also match it.
	ErrConnClosed = errors.New("ifx: conn closed")

	// ErrTooLong is matched by the error of a statement or argument that
	// a fixed-width field of the protocol cannot carry: more than 32,767
	// placeholders or arguments, SQL text longer than its length field, a
	// value longer than 2 GiB. Nothing was sent; the connection is fine.
	ErrTooLong = sqli.ErrFieldTooLong

	// ErrUnsupported is wrapped by errors for types and features the
	// driver does not handle yet (BYTE/TEXT, smart large objects, PAM).
	ErrUnsupported = errors.ErrUnsupported
)

// Error is an error reported by the Informix server: an SQLCODE, the ISAM
// code that often explains it, the position in the SQL text and the name
// the message refers to. Statement errors leave the connection usable.
type Error struct {
	SQLCode  int    // negative Informix SQLCODE, e.g. -206
	ISAMCode int    // secondary ISAM/RSAM code, e.g. -111; 0 if none
	Offset   int    // offset of the error in the SQL text; 0 if unknown
	Near     string // the object the message names (table, column, …)
	Message  string // text from the built-in catalog, with Near filled in
	SQLState string // five-character SQLSTATE class and subclass
}

func newServerError(code, isam, offset int, near string) *Error {
	e := &Error{SQLCode: code, ISAMCode: isam, Offset: offset, Near: near}
	e.Message = errcat.Message(code, near)
	e.SQLState = errcat.SQLState(code, isam)
	return e
}

// Error formats the error as "ifx: -206: The specified table (t) is not in
// the database. (ISAM -111)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("ifx: ")
	b.WriteString(strconv.Itoa(e.SQLCode))
	b.WriteString(": ")
	b.WriteString(e.Message)
	if e.ISAMCode != 0 {
		b.WriteString(" (ISAM ")
		b.WriteString(strconv.Itoa(e.ISAMCode))
		if m, ok := errcat.ISAMMessage(e.ISAMCode); ok {
			b.WriteString(": ")
			b.WriteString(m)
		}
		b.WriteString(")")
	}
	return b.String()
}

// Is lets errors.Is(err, &ifx.Error{SQLCode: -206}) match on the SQLCODE
// alone (and on the ISAM code when the target sets one).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	return t.SQLCode == e.SQLCode && (t.ISAMCode == 0 || t.ISAMCode == e.ISAMCode)
}

// ConnectError reports a failed connection attempt. It never contains the
// password.
type ConnectError struct {
	Host   string // host:port of the (last) address tried
	Server string // INFORMIXSERVER asked for
	User   string
	Err    error // the cause; may be an *Error such as -951 or -761
}

// Error implements error.
func (e *ConnectError) Error() string {
	return fmt.Sprintf("ifx: connect to %s (server %q, user %q): %v", e.Host, e.Server, e.User, e.Err)
}

// Unwrap returns the cause.
func (e *ConnectError) Unwrap() error { return e.Err }

// ServerNameError is the cause of a -761 login rejection: the server is
// known by another name, which the rejection carries.
type ServerNameError struct {
	Err    *Error // the -761 server error
	Asked  string // the INFORMIXSERVER the client sent
	Actual string // the name the server reported in its reply
}

// Error implements error.
func (e *ServerNameError) Error() string {
	return fmt.Sprintf("%s: asked for server %q, the server at this address calls itself %q (use server=%s)",
		e.Err.Error(), e.Asked, e.Actual, e.Actual)
}

// Unwrap returns the server *Error.
func (e *ServerNameError) Unwrap() error { return e.Err }

// ProtocolError reports a reply the driver could not understand. The
// connection is closed, because without framing the stream cannot be
// resynchronised.
type ProtocolError struct {
	Op  string
	Err error
}

// Error implements error.
func (e *ProtocolError) Error() string {
	return "ifx: protocol error during " + e.Op + ": " + e.Err.Error() + " (connection closed)"
}

// Unwrap returns the cause and ErrConnClosed.
func (e *ProtocolError) Unwrap() []error { return []error{e.Err, ErrConnClosed} }

// connLostError wraps an I/O error that closed the connection.
type connLostError struct {
	op  string
	err error
}

// Error implements error.
func (e *connLostError) Error() string {
	return "ifx: connection lost during " + e.op + ": " + e.err.Error()
}

func (e *connLostError) Unwrap() []error { return []error{e.err, ErrConnClosed} }

// canceledError is returned when a context ends a statement: it matches
// the context's error (context.Canceled or context.DeadlineExceeded) and
// the cause, usually the server's -213 *Error.
type canceledError struct {
	ctxErr error
	cause  error
}

// Error implements error.
func (e *canceledError) Error() string {
	if e.cause == nil {
		return "ifx: " + e.ctxErr.Error()
	}
	return "ifx: " + e.ctxErr.Error() + ": " + strings.TrimPrefix(e.cause.Error(), "ifx: ")
}

func (e *canceledError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.ctxErr}
	}
	return []error{e.ctxErr, e.cause}
}

// Timeout reports true for a deadline, as net.Error does.
func (e *canceledError) Timeout() bool { return errors.Is(e.ctxErr, context.DeadlineExceeded) }

// sqlCode returns the SQLCODE of the first *Error in err's chain.
func sqlCode(err error) (code, isam int, ok bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.SQLCode, e.ISAMCode, true
	}
	return 0, 0, false
}

// SQLCode returns the Informix SQLCODE carried by err, or 0 if err is not
// (and does not wrap) a server error.
func SQLCode(err error) int {
	c, _, _ := sqlCode(err)
	return c
}

// IsUniqueViolation reports a duplicate value in a unique index or
// constraint (-239, -268, -100 ISAM duplicate).
func IsUniqueViolation(err error) bool {
	c, isam, ok := sqlCode(err)
	return ok && (c == -239 || c == -268 || c == -371 || isam == -100)
}

// IsNotNullViolation reports a NULL inserted into a NOT NULL column
// (-391, -703).
func IsNotNullViolation(err error) bool {
	c, _, ok := sqlCode(err)
	return ok && (c == -391 || c == -703)
}

// IsNoSuchTable reports a reference to a table that does not exist (-206).
func IsNoSuchTable(err error) bool {
	c, _, ok := sqlCode(err)
	return ok && c == -206
}

// IsNoSuchColumn reports a reference to a column that does not exist (-217).
func IsNoSuchColumn(err error) bool {
	c, _, ok := sqlCode(err)
	return ok && c == -217
}

// IsSyntaxError reports an SQL syntax error (-201).
func IsSyntaxError(err error) bool {
	c, _, ok := sqlCode(err)
	return ok && c == -201
}

// IsLockConflict reports a statement that failed on a lock: a deadlock,
// a lock wait timeout or a row locked by another session (-243…-246,
// -250, -263, -288, -289 with ISAM -107, -113, -143, -144, -154).
func IsLockConflict(err error) bool {
	c, isam, ok := sqlCode(err)
	if !ok {
		return false
	}
	switch isam {
	case -107, -113, -134, -143, -144, -154:
		return true
	}
	switch c {
	case -243, -244, -245, -246, -250, -263, -288, -289, -378:
		return isam != 0 || c == -263 || c == -288 || c == -289 || c == -378
	}
	return false
}

// IsInterrupted reports a statement interrupted by a cancelled context or
// by the server (-213).
func IsInterrupted(err error) bool {
	c, _, ok := sqlCode(err)
	return ok && c == -213
}

// IsConnectionLost reports an error after which the connection is gone:
// network failures, the server ending the session, a protocol error, and
// the server codes -908, -25580 and -25582.
func IsConnectionLost(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrConnClosed) {
		return true
	}
	if c, _, ok := sqlCode(err); ok {
		return c == -908 || c == -25580 || c == -25582 || c == -1803
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EPIPE)
}
