package engine

import (
	"context"
	"database/sql"
)

// txVerbs are the SQLite statements every row statement runs around
// itself (rowtx.go: BEGIN IMMEDIATE or BEGIN, then COMMIT or ROLLBACK),
// prepared once per connection: an ExecContext with the text would
// parse and finalize each of them for every row of a batch.
type txVerbs struct {
	conn  *sql.Conn
	stmts map[string]*sql.Stmt
}

// execVerb runs one of the fixed transaction statements on the session's
// connection through its prepared form. The statement keeps no state
// between runs, so a failure to prepare falls back to the text.
func (s *Session) execVerb(ctx context.Context, verb string) error {
	v := &s.verbs
	if v.conn != s.conn {
		s.closeVerbs()
		v.conn = s.conn
	}
	p := v.stmts[verb]
	if p == nil {
		var err error
		if p, err = s.conn.PrepareContext(ctx, verb); err != nil {
			_, err = s.conn.ExecContext(ctx, verb)
			return err
		}
		if v.stmts == nil {
			v.stmts = map[string]*sql.Stmt{}
		}
		v.stmts[verb] = p
	}
	_, err := p.ExecContext(ctx)
	return err
}

// closeVerbs closes the prepared transaction statements; it runs before
// the session's connection goes back to the pool or is discarded.
func (s *Session) closeVerbs() {
	s.closeRawStmts()
	for _, p := range s.verbs.stmts {
		p.Close()
	}
	s.verbs = txVerbs{}
}
