package ifx

import (
	"context"
	"errors"
	"fmt"

	"github.com/ifxgo/ifx/ifxtype"
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
// routine as the server's catalog does, kind and parameter types
// included, for example "function informix.ifx_lo_close(integer)". The
// arguments are bound as Query binds them, except BYTE and TEXT values,
// which the fast path cannot carry.
//
// The values the routine returns come back as Rows.Values gives column
// values (int32 for INTEGER, string for character types, nil for NULL,
// …). A server error is an *Error: an unknown signature is -674
// ("Routine (name) can not be resolved."). ctx bounds the call as it
// bounds a query.
//
// The handle a signature resolves to is kept by the connection, so that
// later calls skip the lookup, and forgotten whenever the connection
// forgets its prepared statements (after DDL or DATABASE), since a
// routine may have been dropped or created since.
func (c *Conn) CallRoutine(ctx context.Context, signature string, args ...any) ([]any, error) {
	if err := c.begin(ctx); err != nil {
		return nil, err
	}
	vals, err := c.callRoutine(signature, args)
	return vals, c.end(err)
}

func (c *Conn) callRoutine(signature string, args []any) ([]any, error) {
	h, ok := c.routines[signature]
	if !ok {
		var err error
		if h, err = c.resolveRoutine(signature); err != nil {
			return nil, err
		}
	}
	bind, err := c.encodeArgs(args)
	if err != nil {
		return nil, err
	}
	if len(bind.blobs) > 0 {
		return nil, fmt.Errorf("ifx: BYTE and TEXT arguments cannot be passed to a routine by the fast path: %w", ErrUnsupported)
	}
	var r fpReply
	err = c.fpRoundTrip("call routine", func(b []byte) []byte {
		return sqli.AppendGroup(b, c.feat, &sqli.ExFPRoutine{DB: h.db, Handle: h.handle, NParams: int16(len(args))}, &bind.Bind)
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
	text, err := c.codec.encodeString(signature)
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
	if c.stmts != nil {
		if c.routines == nil || len(c.routines) >= c.stmts.capacity {
			c.routines = make(map[string]routineHandle)
		}
		c.routines[signature] = *r.handle
	}
	return *r.handle, nil
}

// dropRoutineHandles forgets the resolved handles; the statement cache
// calls it whenever it empties.
func (c *Conn) dropRoutineHandles() { c.routines = nil }

// fpReply is what a fast-path reply group said.
type fpReply struct {
	err       *Error
	handle    *routineHandle
	values    bool // SQ_FPROUTINE seen
	vals      []any
	decodeErr error
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
			var rr reply
			c.noteErr(&rr, m)
			if r.err == nil {
				r.err = rr.err
			}
		case *sqli.RoutineHandle:
			r.handle = &routineHandle{db: append([]byte(nil), m.DB...), handle: m.Handle}
		case *sqli.FPRoutine:
			// Decoded now: the message is reused by the next read.
			r.values = true
			r.vals = make([]any, len(m.Values))
			for i := range m.Values {
				v, err := c.fpValue(&m.Values[i])
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

// fpValue converts a returned value to the Go value Rows.Values gives
// for a column of its type.
func (c *Conn) fpValue(v *sqli.FPValue) (any, error) {
	if v.Indicator == sqli.IndicatorNull {
		return nil, nil
	}
	d := v.Data
	switch base := v.Type.Base(); base {
	case sqli.TypeSmallInt, sqli.TypeInt, sqli.TypeSerial, sqli.TypeBigInt, sqli.TypeBigSerial,
		sqli.TypeInt8, sqli.TypeSerial8, sqli.TypeFloat, sqli.TypeSmallFloat, sqli.TypeDate:
		// The fixed-width forms are those of a tuple: decoded as a column.
		desc := &sqli.Describe{Columns: []sqli.ColumnDesc{{Type: base, EncodedLength: int32(len(d))}}}
		cols, columns := planColumns(desc, c.feat)
		rows := Rows{c: c, cols: cols, columns: columns, vals: [][]byte{d}}
		return rows.value(0)
	case sqli.TypeChar, sqli.TypeNChar, sqli.TypeVarChar, sqli.TypeNVarChar:
		return c.codec.decode(d[2:], &c.scratch), nil
	case sqli.TypeLVarChar:
		return c.codec.decode(d[4:], &c.scratch), nil
	case sqli.TypeBool:
		if len(d) != 5 {
			return nil, fmt.Errorf("BOOLEAN of %d bytes", len(d)-4)
		}
		return d[4] != 0, nil
	case sqli.TypeDecimal, sqli.TypeMoney:
		dec, null, err := ifxtype.DecodeDecimalWire(d[2:])
		if err != nil || null {
			return nil, err
		}
		return dec, nil
	case sqli.TypeUDTVar, sqli.TypeUDTFixed, sqli.TypeSendRecv:
		return append([]byte{}, d[4:]...), nil
	}
	return nil, fmt.Errorf("%v values cannot be read yet: %w", v.Type, ErrUnsupported)
}
