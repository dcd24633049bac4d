package ifxtest

import (
	"errors"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// The session gathers the one-row INSERTs of a request group into one
// SQLite transaction (engine/gather.go). The connection commits it
// (settle) before anything the client could take as an answer and
// before anything that may wait: before a socket read (countingReader),
// before a write (conn.write) and at the end of the group, and before
// any message other than those that run the INSERTs of a batch (SQ_ID,
// SQ_BIND, SQ_EXECUTE, SQ_PUT). A settle that fails lost statements the
// client had no answer for: the connection ends, unanswered.

// settle commits the session's gathered statements.
func (c *conn) settle() error {
	if c.sess == nil || !c.sess.Gathering() {
		return nil
	}
	return c.sess.Settle()
}

// gathers reports whether m may run with gathered statements pending.
func (c *conn) gathers(m sqli.Message) bool {
	switch m.(type) {
	case *sqli.ID, sqli.Execute, *sqli.Put:
		return true
	case *sqli.Bind:
		return c.fp == nil // a fast-path call's arguments run a routine
	}
	return false
}

// lostGathered ends the connection after a statement whose failure took
// the earlier gathered statements with it (their replies are in c.out).
func (c *conn) lostGathered(err error) bool {
	if errors.Is(err, engine.ErrGatherLost) {
		c.lost = err
		return true
	}
	return false
}
