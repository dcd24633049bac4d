package ifxtest

import (
	"fmt"
	"strings"
	"sync"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// Routine is a server-side routine that clients can call through the fast
// path (SQ_GETROUTINE and SQ_EXFPROUTINE), as they call a UDR on IDS. A
// test registers the routines its code calls in Config.Routines; the
// builtins ifxtest implements come first.
type Routine struct {
	// Signature as clients resolve it, e.g.
	// "function informix.ifx_lo_close(integer)". The owner may be left
	// out; kind, name and parameter types are matched without regard to
	// case or spacing.
	Signature string
	// Returns lists the types of the values Func returns: SMALLINT,
	// INTEGER, BIGINT, FLOAT, SMALLFLOAT, CHAR, VARCHAR, LVARCHAR or
	// BOOLEAN.
	Returns []sqli.TypeCode
	// Func runs the routine. Arguments arrive as int64, float64, string,
	// bool or nil (NULL); results are given the same way. An *Error
	// reports an SQL error to the client.
	Func func(args []any) ([]any, error)
}

// Error is an SQL error a Routine reports to the client: SQLCode and
// ISAMCode as IDS sends them, and the text for the message's %s.
type Error struct {
	SQLCode, ISAMCode int
	Near              string
}

func (e *Error) Error() string { return engine.MessageText(e.SQLCode, e.Near) }

// routineSig is a signature reduced to what resolution compares.
type routineSig struct {
	kind   string // "function" or "procedure"
	owner  string // "" when not given
	name   string
	params string // normalised parameter types, comma-separated
}

// key identifies a routine within its database: kind, name and
// parameter types (the owner is checked separately, when given).
func (s routineSig) key() string { return s.kind + " " + s.name + "(" + s.params + ")" }

// parseSignature reads "[function|procedure] [owner.]name(type, …)".
func parseSignature(sig string) (routineSig, bool) {
	s := strings.ToLower(strings.TrimSpace(sig))
	var r routineSig
	for _, k := range []string{"function", "procedure"} {
		if rest, ok := strings.CutPrefix(s, k); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			r.kind, s = k, strings.TrimSpace(rest)
			break
		}
	}
	if r.kind == "" {
		return r, false
	}
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open <= 0 || end != len(s)-1 || end < open {
		return r, false
	}
	r.name = strings.TrimSpace(s[:open])
	if i := strings.IndexByte(r.name, '.'); i >= 0 {
		r.owner, r.name = strings.Trim(r.name[:i], `" `), strings.TrimSpace(r.name[i+1:])
	}
	if r.name == "" || strings.ContainsAny(r.name, " \t.") {
		return r, false
	}
	var params []string
	for _, p := range strings.Split(s[open+1:end], ",") {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		params = append(params, paramTypeName(p))
	}
	r.params = strings.Join(params, ",")
	return r, true
}

// paramTypeName folds the synonyms of a parameter type to one name.
func paramTypeName(t string) string {
	switch t {
	case "int":
		return "integer"
	case "dec", "numeric":
		return "decimal"
	case "real":
		return "smallfloat"
	case "double precision":
		return "float"
	case "character":
		return "char"
	case "character varying":
		return "varchar"
	}
	return t
}

// routine is a resolved routine; its handle is what SQ_GETROUTINE gives
// the client for SQ_EXFPROUTINE.
type routine struct {
	handle  int32
	sig     routineSig
	returns []sqli.TypeCode
	run     func(c *conn, args []engine.Value) ([]engine.Value, error)
}

// routineTable resolves signatures and handles. It holds the builtins
// and the routines of Config.Routines; routines users create with SQL
// (SPL) are meant to join through add, under handles of their own.
type routineTable struct {
	mu       sync.Mutex
	byKey    map[string]*routine
	byHandle map[int32]*routine
	next     int32
}

// firstRoutineHandle is the first handle given out; IDS's handles are
// routine ids, which start well above 0.
const firstRoutineHandle = 1000

func newRoutineTable(extra []Routine) (*routineTable, error) {
	t := &routineTable{byKey: map[string]*routine{}, byHandle: map[int32]*routine{}, next: firstRoutineHandle}
	for _, b := range builtinRoutines {
		t.add(b.sig, b.returns, b.run)
	}
	for _, r := range extra {
		sig, ok := parseSignature(r.Signature)
		if !ok || r.Func == nil {
			return nil, fmt.Errorf("ifxtest: routine %q: want \"function|procedure [owner.]name(types)\" and a Func", r.Signature)
		}
		f := r.Func
		t.add(sig, r.Returns, func(_ *conn, args []engine.Value) ([]engine.Value, error) { return f(args) })
	}
	return t, nil
}

// add registers a routine and returns its handle.
func (t *routineTable) add(sig routineSig, returns []sqli.TypeCode, run func(*conn, []engine.Value) ([]engine.Value, error)) int32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := &routine{handle: t.next, sig: sig, returns: returns, run: run}
	t.next++
	t.byKey[sig.key()] = r
	t.byHandle[r.handle] = r
	return r.handle
}

// resolve finds the routine a signature names.
func (t *routineTable) resolve(sig routineSig) (*routine, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r, ok := t.byKey[sig.key()]
	if !ok || (sig.owner != "" && r.sig.owner != "" && sig.owner != r.sig.owner) {
		return nil, false
	}
	return r, true
}

func (t *routineTable) byID(h int32) (*routine, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r, ok := t.byHandle[h]
	return r, ok
}

// builtin is a routine IDS ships, as ifxtest implements it.
type builtin struct {
	sig     routineSig
	returns []sqli.TypeCode
	run     func(c *conn, args []engine.Value) ([]engine.Value, error)
}

func mustSig(s string) routineSig {
	sig, ok := parseSignature(s)
	if !ok {
		panic("ifxtest: bad builtin signature " + s)
	}
	return sig
}

// builtinRoutines are the system routines clients call by fast path.
var builtinRoutines = []builtin{
	{mustSig("function informix.ifx_lo_close(integer)"), []sqli.TypeCode{sqli.TypeInt}, loClose},
	{mustSig("function informix.ifx_lo_open(blob,integer)"), []sqli.TypeCode{sqli.TypeInt}, loOpen},
	{mustSig("function informix.ifx_lo_open(clob,integer)"), []sqli.TypeCode{sqli.TypeInt}, loOpen},
	{mustSig("function informix.ifx_lo_stat(integer,ifx_lo_stat)"), []sqli.TypeCode{sqli.TypeUDTFixed}, loStat},
	{mustSig("function informix.ifx_lo_seek(integer,int8,integer,int8)"), []sqli.TypeCode{sqli.TypeInt8}, loSeek},
	{mustSig("function informix.ifx_lo_truncate(integer,int8)"), []sqli.TypeCode{sqli.TypeInt}, loTruncate},
	{mustSig("function informix.ifx_lo_release(blob)"), []sqli.TypeCode{sqli.TypeInt}, loRelease},
	{mustSig("function informix.ifx_lo_release(clob)"), []sqli.TypeCode{sqli.TypeInt}, loRelease},
	{mustSig("function informix.ifx_lo_tell(integer)"), []sqli.TypeCode{sqli.TypeInt8}, loTell},
	// IBM's JDBC driver (IfxSmartBlob.IfxLoTell) calls the two-argument
	// form, the C API's ifx_lo_tell(lofd, seek_pos) with its output.
	{mustSig("function informix.ifx_lo_tell(integer,int8)"), []sqli.TypeCode{sqli.TypeInt8}, loTell},
	{mustSig("function informix.ifx_lo_col_sbinfo(lvarchar,ifx_lo_spec)"), []sqli.TypeCode{sqli.TypeUDTFixed}, loColSBInfo},
	{mustSig("function informix.ifx_lo_create(ifx_lo_spec,integer,blob)"), []sqli.TypeCode{sqli.TypeUDTFixed, sqli.TypeInt}, loCreate(engine.XIDBlob)},
	{mustSig("function informix.ifx_lo_create(ifx_lo_spec,integer,clob)"), []sqli.TypeCode{sqli.TypeUDTFixed, sqli.TypeInt}, loCreate(engine.XIDClob)},
}

// errLargeObject is IDS's -9810, "Smart-large-object error.", which
// ifx_lo_close gives for a descriptor that is not open.
const errLargeObject = -9810

// loClose is ifx_lo_close(lofd): 0, or -9810 for a descriptor that is
// not open, as IDS refuses a closed one.
func loClose(c *conn, args []engine.Value) ([]engine.Value, error) {
	fd, err := toInt(args[0])
	if err != nil || args[0] == nil || fd != int64(int32(fd)) {
		return nil, &engine.Error{SQLCode: errLargeObject, Message: engine.MessageText(errLargeObject, "")}
	}
	if err := c.sess.CloseLargeObject(int32(fd)); err != nil {
		return nil, err
	}
	return []engine.Value{int64(0)}, nil
}
