package ifxconn

import (
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/sqli"
)

// routineHandle is what SQ_GETROUTINE gave for a signature.
type routineHandle struct {
	db     []byte
	handle int32
}

// CallRoutine calls a routine of the server by the fast path, as IBM's
// JDBC driver calls the ifx_lo_* routines: no SQL text, no statement,
// one round trip once the routine is resolved. signature names the
// routine as the server's catalog does (see ifx.Conn.CallRoutine);
// bind encodes the nParams arguments, once the routine is resolved;
// decode turns each returned value into Go's (it may not keep v, whose
// bytes the next read reuses). It is part of an exchange (see Conn).
//
// The handle a signature resolves to is kept, up to the capacity set by
// SetRoutineCacheCapacity, so that later calls skip the lookup;
// DropRoutineHandles forgets them.
func (c *Conn) CallRoutine(signature string, nParams int, bind func() (*sqli.Bind, error), decode func(v *sqli.FPValue) (any, error)) ([]any, error) {
	h, ok := c.routines[signature]
	if !ok {
		var err error
		if h, err = c.resolveRoutine(signature); err != nil {
			return nil, err
		}
	}
	args, err := bind()
	if err != nil {
		return nil, err
	}
	var r fpReply
	r.decode = decode
	err = c.fpRoundTrip("call routine", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, &sqli.ExFPRoutine{DB: h.db, Handle: h.handle, NParams: int16(nParams)}, args)
	}, &r)
	if err != nil {
		return nil, err
	}
	if r.err != nil {
		if r.err.SQLCode == sqlCodeRoutineUnresolved {
			// The routine went away since it was resolved.
			delete(c.routines, signature)
		}
		return nil, r.err
	}
	if !r.values {
		c.closeNow()
		return nil, &ProtocolError{Op: "call routine", Err: errors.New("no SQ_FPROUTINE in the reply")}
	}
	return r.vals, r.decodeErr
}

// sqlCodeRoutineUnresolved is -674, "Routine (%s) can not be resolved."
const sqlCodeRoutineUnresolved = -674

// resolveRoutine sends SQ_GETROUTINE and keeps the handle.
func (c *Conn) resolveRoutine(signature string) (routineHandle, error) {
	text, err := c.codec.EncodeString(signature)
	if err != nil {
		return routineHandle{}, err
	}
	if err := sqli.CheckField("routine signature bytes", len(text), sqli.MaxSQLText(c.feat)); err != nil {
		return routineHandle{}, err
	}
	var r fpReply
	err = c.fpRoundTrip("resolve routine", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, &sqli.GetRoutine{Signature: []byte(text)})
	}, &r)
	if err != nil {
		return routineHandle{}, err
	}
	if r.err != nil {
		return routineHandle{}, r.err
	}
	if r.handle == nil {
		c.closeNow()
		return routineHandle{}, &ProtocolError{Op: "resolve routine", Err: errors.New("no SQ_GETROUTINE in the reply")}
	}
	if c.routineCacheCap > 0 {
		if c.routines == nil || len(c.routines) >= c.routineCacheCap {
			c.routines = make(map[string]routineHandle)
		}
		c.routines[signature] = *r.handle
	}
	return *r.handle, nil
}

// DropRoutineHandles forgets the resolved handles; package ifx calls
// it whenever its statement cache empties.
func (c *Conn) DropRoutineHandles() { c.routines = nil }

// SetRoutineCacheCapacity sets how many resolved routine handles
// CallRoutine keeps (0: none); package ifx keeps as many as statements.
func (c *Conn) SetRoutineCacheCapacity(n int) { c.routineCacheCap = n }

// fpReply is what a fast-path reply group said.
type fpReply struct {
	err       *Error
	handle    *routineHandle
	values    bool // SQ_FPROUTINE seen
	vals      []any
	decodeErr error
	decode    func(v *sqli.FPValue) (any, error)
}

// fpRoundTrip is roundTrip for the fast path, whose replies hold
// messages no statement reply does.
func (c *Conn) fpRoundTrip(op string, group func([]byte) []byte, r *fpReply) error {
	buf, n := c.appendPending(c.wbuf[:0])
	buf = group(buf)
	c.wbuf = buf[:0]
	if err := c.write(op, buf); err != nil {
		return err
	}
	if err := c.readPendingReplies(n); err != nil {
		return err
	}
	for {
		m, err := c.recv(op)
		if err != nil {
			return err
		}
		switch m := m.(type) {
		case sqli.EOT:
			return nil
		case *sqli.Err:
			var rr Reply
			c.noteErr(&rr, m)
			if r.err == nil {
				r.err = rr.Err
			}
		case *sqli.RoutineHandle:
			r.handle = &routineHandle{db: append([]byte(nil), m.DB...), handle: m.Handle}
		case *sqli.FPRoutine:
			// Decoded now: the message is reused by the next read.
			r.values = true
			r.vals = make([]any, len(m.Values))
			for i := range m.Values {
				v, err := r.decode(&m.Values[i])
				if err != nil && r.decodeErr == nil {
					r.decodeErr = fmt.Errorf("ifx: routine result %d: %w", i+1, err)
				}
				r.vals[i] = v
			}
		case *sqli.Done, *sqli.Cost, *sqli.XactStat:
			// informix-driver reads these between SQ_FPROUTINE and SQ_EOT.
		default:
			c.closeNow()
			return &ProtocolError{Op: op, Err: errors.New("unexpected " + m.Tag().String())}
		}
	}
}
