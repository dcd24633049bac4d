package ifx

import (
	"errors"

	"github.com/ifxgo/ifx/ifxconn"
)

// Sentinel errors, for use with errors.Is. Those of the connection layer
// are package ifxconn's values.
var (
	// ErrNoRows is returned by Row.Scan when the query returned no row.
	ErrNoRows = errors.New("ifx: no rows in result set")

	// ErrConnBusy is returned when a Conn is used by a second goroutine
	// while a call on it is still running (ifxconn.ErrConnBusy).
	ErrConnBusy = ifxconn.ErrConnBusy

	// ErrConnClosed is returned by calls on a Conn that was closed, by the
	// application or because its connection broke (ifxconn.ErrConnClosed).
	ErrConnClosed = ifxconn.ErrConnClosed

	// ErrTxClosed is returned by calls on a Tx that was committed or
	// rolled back.
	ErrTxClosed = errors.New("ifx: tx is closed")

	// ErrRowsClosed is returned by Rows.Scan after Close, or when a later
	// statement on the same connection closed an abandoned Rows.
	ErrRowsClosed = errors.New("ifx: rows closed")

	// ErrStmtClosed is returned by calls on a closed Stmt.
	ErrStmtClosed = errors.New("ifx: statement closed")

	// ErrNULInString is matched by the error of a statement given a
	// string argument that contains a NUL byte. Informix handles
	// character data as C strings: a leading NUL is the CHAR/VARCHAR NULL
	// marker on the wire (the value would read back as NULL), and text
	// after an embedded one is not kept. Bind binary data as []byte or
	// ifxtype.Byte.
	ErrNULInString = errors.New("ifx: Informix character data cannot hold a NUL byte")

	// ErrNaN is matched by the error of a statement given a NaN float
	// argument: Informix has no NaN, and the all-ones NaN is the FLOAT
	// and SMALLFLOAT NULL pattern, so the server would store NULL. Bind
	// nil for NULL.
	ErrNaN = errors.New("ifx: NaN cannot be stored in FLOAT or SMALLFLOAT (the server would store NULL)")

	// ErrNoTransactions is returned by Begin on a database created without
	// a transaction log: Informix cannot run transactions there.
	ErrNoTransactions = errors.New("ifx: the database has no transaction log; transactions are not available")

	// ErrTooLong is matched by the error of a statement or argument that
	// a fixed-width field of the protocol cannot carry (ifxconn.ErrTooLong).
	ErrTooLong = ifxconn.ErrTooLong

	// ErrUnsupported is wrapped by errors for types and features the
	// driver does not handle yet (errors.ErrUnsupported).
	ErrUnsupported = ifxconn.ErrUnsupported

	// ErrPAMRefused is matched by the error of a PAM login the server
	// refused (ifxconn.ErrPAMRefused).
	ErrPAMRefused = ifxconn.ErrPAMRefused

	// ErrRedirect is matched by the error of a login redirect that was
	// not followed (ifxconn.ErrRedirect).
	ErrRedirect = ifxconn.ErrRedirect
)

// Error is an error reported by the Informix server (ifxconn.Error).
type Error = ifxconn.Error

// ConnectError reports a failed connection attempt (ifxconn.ConnectError).
type ConnectError = ifxconn.ConnectError

// ServerNameError reports a server that answered to another name
// (ifxconn.ServerNameError).
type ServerNameError = ifxconn.ServerNameError

// ProtocolError reports a reply the driver could not understand
// (ifxconn.ProtocolError).
type ProtocolError = ifxconn.ProtocolError

// TLSMismatchError reports a TLS setting that does not fit the port
// (ifxconn.TLSMismatchError).
type TLSMismatchError = ifxconn.TLSMismatchError

// RedirectHopError reports a failure at a redirect's target
// (ifxconn.RedirectHopError).
type RedirectHopError = ifxconn.RedirectHopError

// PAMStyle is the kind of a PAM challenge (ifxconn.PAMStyle).
type PAMStyle = ifxconn.PAMStyle

// PAM challenge styles (see ifxconn.PAMStyle).
const (
	PAMPromptEchoOff = ifxconn.PAMPromptEchoOff
	PAMPromptEchoOn  = ifxconn.PAMPromptEchoOn
	PAMErrorMsg      = ifxconn.PAMErrorMsg
	PAMTextInfo      = ifxconn.PAMTextInfo
)

// PAMChallenge is one message of a PAM login (ifxconn.PAMChallenge).
type PAMChallenge = ifxconn.PAMChallenge

// PAMError reports a failed PAM login (ifxconn.PAMError).
type PAMError = ifxconn.PAMError

// SQLCode returns the SQLCODE of an *Error in err's chain, or 0.
func SQLCode(err error) int { return ifxconn.SQLCode(err) }

// IsUniqueViolation reports a duplicate key (see ifxconn.IsUniqueViolation).
func IsUniqueViolation(err error) bool { return ifxconn.IsUniqueViolation(err) }

// IsNotNullViolation reports a NULL put into a NOT NULL column (see
// ifxconn.IsNotNullViolation).
func IsNotNullViolation(err error) bool { return ifxconn.IsNotNullViolation(err) }

// IsNoSuchTable reports an unknown table (see ifxconn.IsNoSuchTable).
func IsNoSuchTable(err error) bool { return ifxconn.IsNoSuchTable(err) }

// IsNoSuchColumn reports an unknown column (see ifxconn.IsNoSuchColumn).
func IsNoSuchColumn(err error) bool { return ifxconn.IsNoSuchColumn(err) }

// IsSyntaxError reports a statement the server could not parse (see
// ifxconn.IsSyntaxError).
func IsSyntaxError(err error) bool { return ifxconn.IsSyntaxError(err) }

// IsLockConflict reports a lock or isolation conflict (see
// ifxconn.IsLockConflict).
func IsLockConflict(err error) bool { return ifxconn.IsLockConflict(err) }

// IsInterrupted reports a statement ended by its context (see
// ifxconn.IsInterrupted).
func IsInterrupted(err error) bool { return ifxconn.IsInterrupted(err) }

// IsConnectionLost reports an error that closed the connection (see
// ifxconn.IsConnectionLost).
func IsConnectionLost(err error) bool { return ifxconn.IsConnectionLost(err) }

// SafeToRetry reports whether err was returned before any byte of the
// failed request was written (see ifxconn.SafeToRetry).
func SafeToRetry(err error) bool { return ifxconn.SafeToRetry(err) }
