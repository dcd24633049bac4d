package ifxconn

import (
	"context"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// WrongRoleError reports a server whose role does not fit the
// connection's TargetSessionAttrs: a read-only secondary where writes are
// wanted, or a primary where a secondary is. The connect loop moves on to
// the next host.
type WrongRoleError struct {
	Want     TargetSessionAttrs
	ReadOnly bool // the server is a read-only secondary
}

// Error implements error.
func (e *WrongRoleError) Error() string {
	if e.ReadOnly {
		return "ifx: the server is a read-only secondary; target_session_attrs=" + string(e.Want)
	}
	return "ifx: the server takes writes (a primary); target_session_attrs=" + string(e.Want)
}

// learnRole records whether the server is a read-only secondary, from
// the read-only warning of the database open (docs/PROTOCOL.md, "Primary
// and secondaries: the role"). A connection without a database whose
// TargetSessionAttrs needs the role opens sysmaster for it and closes it
// again: two round trips within the login's deadline.
func (c *Conn) learnRole() error {
	if c.db.Open {
		c.server.ReadOnly = c.db.ReadOnly
		return nil
	}
	if t := c.cfg.TargetSessionAttrs; t == "" || t == TargetAny {
		return nil
	}
	if err := c.openDatabase("sysmaster"); err != nil {
		return fmt.Errorf("ifx: learning the server's role (target_session_attrs=%s): %w", c.cfg.TargetSessionAttrs, err)
	}
	c.server.ReadOnly = c.db.ReadOnly
	var r Reply
	if err := c.roundTrip("close database", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, sqli.DBClose{})
	}, &r); err != nil {
		return err
	}
	if r.Err != nil {
		return r.Err
	}
	c.db = DatabaseInfo{}
	return nil
}

// targetPicker applies TargetSessionAttrs to the servers the connect loop
// logs in to, in host order.
type targetPicker struct {
	want     TargetSessionAttrs
	fallback *Conn // prefer-standby: the first server that takes writes
}

// offer returns c when its role fits, else closes it (or, for
// prefer-standby, keeps the first writable one in reserve) and returns a
// WrongRoleError, which moves the loop on.
func (p *targetPicker) offer(ctx context.Context, c *Conn) (*Conn, error) {
	ro := c.server.ReadOnly
	switch p.want {
	case "", TargetAny:
		return c, nil
	case TargetReadWrite:
		if !ro {
			return c, nil
		}
	case TargetReadOnly:
		if ro {
			return c, nil
		}
	case TargetPreferStandby:
		if ro {
			if p.fallback != nil {
				p.fallback.Close(ctx)
				p.fallback = nil
			}
			return c, nil
		}
		if p.fallback == nil {
			p.fallback = c
			return nil, &WrongRoleError{Want: p.want}
		}
	}
	c.Close(ctx)
	return nil, &WrongRoleError{Want: p.want, ReadOnly: ro}
}

// done returns the reserve connection, if any: prefer-standby found no
// secondary.
func (p *targetPicker) done() *Conn {
	c := p.fallback
	p.fallback = nil
	return c
}
