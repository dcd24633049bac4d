package ifx

import (
	"context"
	"fmt"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

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
	return c.pc.CallRoutine(signature, len(args), func() (*sqli.Bind, error) {
		bind, err := c.encodeArgs(args)
		if err != nil {
			return nil, err
		}
		if len(bind.blobs) > 0 {
			return nil, fmt.Errorf("ifx: BYTE and TEXT arguments cannot be passed to a routine by the fast path: %w", ErrUnsupported)
		}
		return &bind.Bind, nil
	}, c.fpValue)
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
		cols, _ := ifxtype.PlanColumns(desc, c.feat)
		dec := c.decoder()
		return dec.Value(&cols[0], d)
	case sqli.TypeChar, sqli.TypeNChar, sqli.TypeVarChar, sqli.TypeNVarChar:
		return c.codec.Decode(d[2:], &c.scratch), nil
	case sqli.TypeLVarChar:
		return c.codec.Decode(d[4:], &c.scratch), nil
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
