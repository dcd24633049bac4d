package ifxpool

import (
	"context"
	"errors"
	"strconv"
	"time"
)

var (
	// ErrAcquireTimeout is matched (errors.Is) by the error Acquire returns
	// when Config.AcquireTimeout passed before a connection could be
	// handed out. The same error also matches context.DeadlineExceeded.
	ErrAcquireTimeout = errors.New("ifxpool: acquire timed out")

	// ErrClosedPool is returned by Acquire (and the Pool shortcuts) after
	// Close, and to callers that were waiting when the pool closed.
	ErrClosedPool = errors.New("ifxpool: pool closed")

	// ErrConnReleased is returned by the methods of a Conn after Release
	// or Hijack, and by those of a Stmt prepared through it (or through
	// a pool Tx, after Commit or Rollback).
	ErrConnReleased = errors.New("ifxpool: connection already released")
)

// acquireTimeoutError is the AcquireTimeout failure: it says how long the
// caller waited and why (every connection in use, or the connection
// attempt that did not finish in time).
type acquireTimeoutError struct {
	timeout      time.Duration
	max          int32
	acquired     int32 // connections in use when the time ran out
	constructing int32 // connections being opened then
	cause        error // the ping error when the time ran out there
}

func (e *acquireTimeoutError) Error() string {
	s := "ifxpool: acquire timed out after " + e.timeout.String()
	if e.cause != nil {
		return s + " (checking an idle connection: " + e.cause.Error() + ")"
	}
	return s + " (MaxConns " + strconv.Itoa(int(e.max)) + ": " + strconv.Itoa(int(e.acquired)) + " in use, " +
		strconv.Itoa(int(e.constructing)) + " being opened)"
}

// Is matches ErrAcquireTimeout and context.DeadlineExceeded.
func (e *acquireTimeoutError) Is(target error) bool {
	return target == ErrAcquireTimeout || target == context.DeadlineExceeded
}

// Unwrap returns the ping error the time ran out in, if any.
func (e *acquireTimeoutError) Unwrap() error { return e.cause }

// Timeout reports true, as net.Error does.
func (e *acquireTimeoutError) Timeout() bool { return true }

// errAcquireDeadline is the cause set on the context the pool derives to
// bound an acquire-time ping by AcquireTimeout.
var errAcquireDeadline = errors.New("ifxpool: AcquireTimeout reached")
