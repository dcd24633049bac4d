package ifx

import (
	"context"
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

	// ErrTxLost is matched (errors.Is) by the error of any call that finds
	// the connection gone while a transaction is open on it: the server has
	// rolled the transaction back, or — for a COMMIT whose answer never came
	// — may have committed it; either way the transaction cannot go on, and
	// nothing of it is retried. The error also matches ErrConnClosed.
	ErrTxLost = errors.New("ifx: transaction lost with its connection")

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

// WrongRoleError reports a server whose role does not fit the
// connection's TargetSessionAttrs (ifxconn.WrongRoleError).
type WrongRoleError = ifxconn.WrongRoleError

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

// txLostError is a lost connection inside a transaction.
type txLostError struct{ err error }

func (e *txLostError) Error() string {
	return "ifx: transaction lost with its connection (the server rolls it back; a COMMIT without an answer may have committed): " + e.err.Error()
}

func (e *txLostError) Unwrap() []error { return []error{ErrTxLost, e.err} }

type idempotentKey struct{}

// Idempotent returns a context that marks the statements run with it as
// safe to run twice. A pool (ifxpool, and database/sql through package
// stdlib) retries such a statement on another connection — another host
// after a failover — when the connection is lost before the answer came,
// outside a transaction. Without the mark only a statement that was
// never sent is retried (SafeToRetry). Inside a transaction nothing is
// retried: the call fails with ErrTxLost.
func Idempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

// IsIdempotent reports whether ctx was marked by Idempotent.
func IsIdempotent(ctx context.Context) bool {
	v, _ := ctx.Value(idempotentKey{}).(bool)
	return v
}

// RetryableOnAnotherConn reports whether a statement that failed with err
// outside a transaction may run again on another connection: it was
// never sent (SafeToRetry), or ctx marks it Idempotent and the
// connection was lost (ifxconn.LostInFlight). The pools use it.
func RetryableOnAnotherConn(ctx context.Context, err error) bool {
	if err == nil || errors.Is(err, ErrTxLost) {
		return false
	}
	if SafeToRetry(err) {
		return true
	}
	if !IsIdempotent(ctx) || ctx.Err() != nil {
		return false
	}
	return ifxconn.LostInFlight(err)
}
