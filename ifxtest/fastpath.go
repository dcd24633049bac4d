package ifxtest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// Fast path (docs/PROTOCOL.md, "Fast path"): SQ_GETROUTINE resolves a
// signature to a handle, SQ_EXFPROUTINE runs a handle with the SQ_BIND
// that follows it in the group, and SQ_FPROUTINE answers with the
// values.

// Codes the fast path reports.
const (
	errRoutineUnresolved = -674 // "Routine (%s) can not be resolved."
	errNoDatabase        = -349 // "Database not selected yet."
)

// fpCall is an SQ_EXFPROUTINE waiting for its arguments.
type fpCall struct {
	r       *routine
	nParams int
}

func (c *conn) handleGetRoutine(m *sqli.GetRoutine) {
	if c.failed {
		return
	}
	db, ok := c.sess.Database()
	if !ok {
		c.fail(&engine.Error{SQLCode: errNoDatabase, Message: engine.MessageText(errNoDatabase, "")})
		return
	}
	if m.FParam != 0 {
		c.srv.violation("conn %d: SQ_GETROUTINE with fparam flag %d (its SQ_FPARAM layout is unknown)", c.id, m.FParam)
		c.fail(&engine.Error{SQLCode: errUnsupported, Message: "SQ_FPARAM is not supported by ifxtest"})
		return
	}
	text := c.cs.decodeString(string(m.Signature))
	sig, ok := parseSignature(text)
	var r *routine
	if ok {
		r, ok = c.srv.routines.resolve(sig)
	}
	if !ok {
		name := sig.name
		if name == "" {
			name = text
		}
		c.fail(&engine.Error{SQLCode: errRoutineUnresolved, Near: name, Message: engine.MessageText(errRoutineUnresolved, name)})
		return
	}
	c.out = (&sqli.RoutineHandle{DB: []byte(db.Name), Handle: r.handle}).Encode(c.out, c.feat)
}

func (c *conn) handleExFPRoutine(m *sqli.ExFPRoutine) {
	if c.failed {
		return
	}
	if m.FParam != 0 {
		c.srv.violation("conn %d: SQ_EXFPROUTINE with fparam flag %d (its SQ_FPARAM layout is unknown)", c.id, m.FParam)
		c.fail(&engine.Error{SQLCode: errUnsupported, Message: "SQ_FPARAM is not supported by ifxtest"})
		return
	}
	if _, ok := c.sess.Database(); !ok {
		c.fail(&engine.Error{SQLCode: errNoDatabase, Message: engine.MessageText(errNoDatabase, "")})
		return
	}
	r, ok := c.srv.routines.byID(m.Handle)
	if !ok {
		name := fmt.Sprintf("handle %d", m.Handle)
		c.fail(&engine.Error{SQLCode: errRoutineUnresolved, Near: name, Message: engine.MessageText(errRoutineUnresolved, name)})
		return
	}
	c.fp = &fpCall{r: r, nParams: int(m.NParams)}
}

// handleFPBind runs the pending call with the arguments of m.
func (c *conn) handleFPBind(m *sqli.Bind) {
	call := c.fp
	c.fp = nil
	if c.failed {
		return
	}
	args := make([]engine.Value, len(m.Values))
	for i := range m.Values {
		v, err := c.bindValue(&m.Values[i])
		if err != nil {
			c.fail(err)
			return
		}
		if _, blob := v.(blobParam); blob {
			c.fail(&engine.Error{SQLCode: errUnsupported, Message: "BYTE and TEXT arguments are not supported by the fast path of ifxtest"})
			return
		}
		args[i] = v
	}
	c.runRoutine(call, args)
}

// finishFastPath runs a call whose group ended without an SQ_BIND: a
// routine without arguments.
func (c *conn) finishFastPath() {
	if call := c.fp; call != nil {
		c.fp = nil
		if !c.failed {
			c.runRoutine(call, nil)
		}
	}
}

func (c *conn) runRoutine(call *fpCall, args []engine.Value) {
	r := call.r
	if nWant := countParams(r.sig.params); len(args) != nWant || call.nParams != len(args) {
		name := r.sig.name
		c.fail(&engine.Error{SQLCode: errRoutineUnresolved, Near: name, Message: engine.MessageText(errRoutineUnresolved, name)})
		return
	}
	vals, err := r.run(c, args)
	if err != nil {
		var re *Error
		if errors.As(err, &re) {
			err = &engine.Error{SQLCode: re.SQLCode, ISAMCode: re.ISAMCode, Near: re.Near, Message: re.Error()}
		}
		c.fail(err)
		return
	}
	if len(vals) != len(r.returns) {
		c.fail(fmt.Errorf("routine %s returned %d values for %d types", r.sig.name, len(vals), len(r.returns)))
		return
	}
	msg := sqli.FPRoutine{Values: make([]sqli.FPValue, len(vals))}
	for i, v := range vals {
		fv, err := c.fpValue(r.returns[i], v)
		if err != nil {
			c.fail(err)
			return
		}
		msg.Values[i] = fv
	}
	c.out = msg.Encode(c.out, c.feat)
}

func countParams(p string) int {
	if p == "" {
		return 0
	}
	n := 1
	for i := 0; i < len(p); i++ {
		if p[i] == ',' {
			n++
		}
	}
	return n
}

// fpValue encodes a return value as SQ_FPROUTINE carries it: the layout
// of an SQ_BIND value, with the prec JDBC binds the type with (CHOICE,
// docs/PROTOCOL.md).
func (c *conn) fpValue(t sqli.TypeCode, v engine.Value) (sqli.FPValue, error) {
	if ov, ok := v.(opaqueValue); ok {
		return ov.fpValue(), nil
	}
	fv := sqli.FPValue{Type: t}
	if sqli.FPHasTypeNames(t) {
		fv.Owner = []byte("informix")
		switch t.Base() {
		case sqli.TypeBool:
			fv.TypeName = []byte("boolean")
		case sqli.TypeLVarChar:
			fv.TypeName = []byte("lvarchar")
		}
	}
	if v == nil {
		fv.Indicator = sqli.IndicatorNull
		return fv, nil
	}
	switch t.Base() {
	case sqli.TypeSmallInt, sqli.TypeInt, sqli.TypeBigInt:
		n, err := toInt(v)
		if err != nil {
			return fv, err
		}
		switch t.Base() {
		case sqli.TypeSmallInt:
			fv.Data = binary.BigEndian.AppendUint16(nil, uint16(n))
		case sqli.TypeInt:
			fv.Prec = 0x0a00
			fv.Data = binary.BigEndian.AppendUint32(nil, uint32(n))
		default:
			fv.Prec = 0x1300
			fv.Data = binary.BigEndian.AppendUint64(nil, uint64(n))
		}
	case sqli.TypeFloat:
		f, err := toFloat(v)
		if err != nil {
			return fv, err
		}
		fv.Data = binary.BigEndian.AppendUint64(nil, math.Float64bits(f))
	case sqli.TypeSmallFloat:
		f, err := toFloat(v)
		if err != nil {
			return fv, err
		}
		fv.Data = binary.BigEndian.AppendUint32(nil, math.Float32bits(float32(f)))
	case sqli.TypeChar, sqli.TypeVarChar, sqli.TypeNChar, sqli.TypeNVarChar:
		s := c.cs.encodeString(toString(v))
		fv.Data = append(binary.BigEndian.AppendUint16(nil, uint16(len(s))), s...)
	case sqli.TypeLVarChar:
		s := c.cs.encodeString(toString(v))
		fv.Data = append(binary.BigEndian.AppendUint32(nil, uint32(len(s))), s...)
	case sqli.TypeBool:
		b, ok := v.(bool)
		if !ok {
			return fv, fmt.Errorf("boolean result holds %T", v)
		}
		fv.Prec = 1
		fv.Data = []byte{0, 0, 0, 1, 0}
		if b {
			fv.Data[4] = 1
		}
	default:
		return fv, fmt.Errorf("routine results of type %v are not supported by ifxtest", t)
	}
	return fv, nil
}
