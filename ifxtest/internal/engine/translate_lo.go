package engine

import (
	"database/sql/driver"
	"strconv"
	"strings"
)

// SQL functions on smart large objects: FILETOBLOB, FILETOCLOB, LOTOFILE,
// LOCOPY and IFX_LO_OPEN (which IDS lets SQL call; the other ifx_lo_*
// routines are reached by the fast path). Their Go halves cannot write
// through the SQLite connection that runs them, so what they create waits
// in the session until the statement ends (FlushLargeObjects) and what they
// send to the client waits for the connection (TakeClientWrites).

func tBlob() ifxType {
	return ifxType{code: TypeUDTFixed, length: LocatorLen, xid: XIDBlob, xname: "blob"}
}
func tClob() ifxType {
	return ifxType{code: TypeUDTFixed, length: LocatorLen, xid: XIDClob, xname: "clob"}
}

// isLO reports a BLOB or CLOB.
func (t ifxType) isLO() bool {
	return t.code == TypeUDTFixed && (t.xid == XIDBlob || t.xid == XIDClob)
}

// loFunction translates the smart-large-object functions; ok is false for
// any other function.
func (t *translator) loFunction(f *funcExpr, sc *scope) (string, ifxType, bool, error) {
	var min, max int
	switch f.name {
	case "filetoblob", "filetoclob":
		min, max = 2, 4
	case "lotofile":
		min, max = 3, 3
	case "locopy":
		min, max = 1, 3
	case "ifx_lo_open":
		min, max = 2, 2
	default:
		return "", ifxType{}, false, nil
	}
	if len(f.args) < min || len(f.args) > max {
		return "", ifxType{}, true, t.errAt(-674, 0, f.name, f.p)
	}
	args := make([]string, len(f.args))
	types := make([]ifxType, len(f.args))
	for i, a := range f.args {
		var err error
		if args[i], types[i], err = t.expr(a, sc, nil); err != nil {
			return "", ifxType{}, true, err
		}
	}
	sid := t.sessArg(argSessionID)
	switch f.name {
	case "filetoblob", "filetoclob":
		ty := tBlob()
		if f.name == "filetoclob" {
			ty = tClob()
		}
		// The optional table and column name where the object's storage
		// characteristics come from; ifxtest has one sbspace, so they only
		// need to be text.
		return "ifx_filetolo(" + sid + ", " + args[0] + ", " + args[1] + ", " + strconv.Itoa(int(ty.xid)) + ")", ty, true, nil
	case "lotofile":
		if !types[0].isLO() {
			return "", ifxType{}, true, t.errAt(-674, 0, f.name, f.p)
		}
		return "ifx_lotofile(" + sid + ", " + args[0] + ", " + args[1] + ", " + args[2] + ")", tLvarchar(2048), true, nil
	case "locopy":
		if !types[0].isLO() {
			return "", ifxType{}, true, t.errAt(-674, 0, f.name, f.p)
		}
		return "ifx_locopy(" + sid + ", " + args[0] + ")", types[0].nullable(), true, nil
	default: // ifx_lo_open
		if !types[0].isLO() || !types[1].isInt() {
			return "", ifxType{}, true, t.errAt(-674, 0, f.name, f.p)
		}
		return "ifx_lo_open_sql(" + sid + ", " + args[0] + ", " + args[1] + ")", tInteger(), true, nil
	}
}

// maxClientFile bounds what FILETOBLOB takes from a client file into
// memory (the function holds it until the statement ends).
const maxClientFile = 256 << 20

func loSessionOf(v driver.Value) (*Session, error) {
	si, ok := sessionRegistry.Load(argInt(v))
	if !ok {
		return nil, newErr(-999, 0, "")
	}
	return si.(*Session), nil
}

// fileWhere reads the 'client'/'server' argument: server reports
// 'server' (files under Config.ServerFiles, sblob_server.go).
func fileWhere(v driver.Value) (server bool, err error) {
	switch strings.ToLower(strings.TrimSpace(toText(v))) {
	case "client":
		return false, nil
	case "server":
		return true, nil
	}
	return false, errLO("the file location must be 'client' or 'server'")
}

func registerLOFunctions(vol func(string, int32, func([]driver.Value) (driver.Value, error))) {
	vol("ifx_filetolo", 4, func(a []driver.Value) (driver.Value, error) {
		if a[1] == nil || a[2] == nil {
			return nil, nil
		}
		s, err := loSessionOf(a[0])
		if err != nil {
			return nil, err
		}
		server, err := fileWhere(a[2])
		if err != nil {
			return nil, err
		}
		l := s.lo()
		var data []byte
		switch {
		case server:
			data, err = s.e.readServerFile(toText(a[1]), maxClientFile)
		case l.client == nil:
			err = errLO("no client connection to read files from")
		default:
			data, err = l.client.ReadClientFile(toText(a[1]), maxClientFile)
		}
		if err != nil {
			return nil, err
		}
		xid := int(argInt(a[3]))
		id := nextLOID()
		l.mu.Lock()
		l.pending[id] = pendingLO{xid: xid, data: data}
		l.mu.Unlock()
		return NewLocator(xid, id), nil
	})
	vol("ifx_lotofile", 4, func(a []driver.Value) (driver.Value, error) {
		if a[1] == nil {
			return nil, nil
		}
		s, err := loSessionOf(a[0])
		if err != nil {
			return nil, err
		}
		loc, _ := a[1].([]byte)
		_, id, ok := ParseLocator(loc)
		if !ok {
			return nil, errLO("not a locator")
		}
		server, err := fileWhere(a[3])
		if err != nil {
			return nil, err
		}
		if server {
			if _, err := s.e.serverPath(toText(a[2])); err != nil {
				return nil, err
			}
		}
		// IDS names the file after the object: the path given, a dot and
		// the object's id in hex; a path ending in "!" is taken as is.
		name := toText(a[2])
		if n, ok := strings.CutSuffix(name, "!"); ok {
			name = n
		} else {
			name += "." + strconv.FormatInt(id, 16)
		}
		l := s.lo()
		l.mu.Lock()
		l.writes = append(l.writes, ClientWrite{Name: name, Locator: append([]byte(nil), loc...), Server: server})
		l.mu.Unlock()
		return name, nil
	})
	vol("ifx_locopy", 2, func(a []driver.Value) (driver.Value, error) {
		if a[1] == nil {
			return nil, nil
		}
		s, err := loSessionOf(a[0])
		if err != nil {
			return nil, err
		}
		loc, _ := a[1].([]byte)
		xid, src, ok := ParseLocator(loc)
		if !ok {
			return nil, errLO("not a locator")
		}
		id := nextLOID()
		l := s.lo()
		l.mu.Lock()
		l.pending[id] = pendingLO{xid: xid, copyOf: src}
		l.mu.Unlock()
		return NewLocator(xid, id), nil
	})
	vol("ifx_lo_open_sql", 3, func(a []driver.Value) (driver.Value, error) {
		if a[1] == nil || a[2] == nil {
			return nil, nil
		}
		s, err := loSessionOf(a[0])
		if err != nil {
			return nil, err
		}
		loc, _ := a[1].([]byte)
		xid, id, ok := ParseLocator(loc)
		if !ok {
			return nil, errLO("not a locator")
		}
		fd, err := s.openFD(id, xid, int(argInt(a[2])))
		if err != nil {
			return nil, err
		}
		return int64(fd), nil
	})
}

// loStorage checks a value stored into a BLOB or CLOB: a locator (a
// string is not converted: CHOICE, IDS's casts from character types to
// BLOB and CLOB are not in our evidence). A smart large object has no
// type of its own, the column gives it one: IBM's JDBC driver creates a
// CLOB's object through ifx_lo_create(ifx_lo_spec,integer,blob), so the
// locator is stored with the column's kind.
func loStorage(v Value, t ifxType) (any, error) {
	b, ok := v.([]byte)
	if !ok {
		return nil, newErr(-1260, 0, "")
	}
	_, id, ok := ParseLocator(b)
	if !ok {
		return nil, newErr(-1260, 0, "")
	}
	return NewLocator(int(t.xid), id), nil
}

// Where SQL may use a BLOB or CLOB. IBM's Database Design Guide ("Use
// smart large objects") forbids them in arithmetic and Boolean
// expressions, GROUP BY, ORDER BY, LIKE and MATCHES, and allows IS [NOT]
// NULL; its SQL Reference (BLOB, CLOB) limits comparison to equality.
// The error codes are IDS's for the same uses of a blob (its message
// catalog, as IBM's JDBC driver carries it: -612 group by, -613
// distinct, -614 order by, -9651 UNION) and for an operator whose
// routine does not exist for the types (-674 with the operator
// function's name): CHOICE, as no capture shows which IDS sends for a
// smart large object (docs/DIALECT.md, row `ddl/smart-lob-in-sql`).
//
// BYTE and TEXT, the simple large objects, are the "blobs" of those
// messages. IBM's SQL Reference ("BYTE data type", "TEXT data type")
// allows them in a Boolean expression only under IS [NOT] NULL, and
// refuses them in arithmetic and string operations, aggregate functions,
// IN, MATCHES, LIKE, GROUP BY and ORDER BY; its SQL Syntax ("Restrictions
// on a Combined SELECT") refuses them in the projection of a set
// operation other than UNION ALL; LENGTH and subscripts are allowed
// (Database Design Guide, "Use TEXT and BYTE data types"). The clauses
// give -612, -613, -614 and -9651 as for BLOB and CLOB; the expressions
// -615, "Blobs are not allowed in this expression" (CHOICE for the code:
// docs/DIALECT.md, row `ddl/byte-text-in-sql`).

// isSimpleLO reports a BYTE or TEXT.
func (t ifxType) isSimpleLO() bool { return t.code == TypeByte || t.code == TypeText }

// loClause refuses a large object (BLOB, CLOB, BYTE or TEXT) in a clause
// that cannot take one.
func (t *translator) loClause(ty ifxType, code, pos int) error {
	if ty.isLO() || ty.isSimpleLO() {
		return t.errAt(code, 0, "", pos)
	}
	return nil
}

// simpleLOOperand refuses a BYTE or TEXT as the operand of an
// expression (-615): IN, BETWEEN, an aggregate, an operator.
func (t *translator) simpleLOOperand(ty ifxType, pos int) error {
	if ty.isSimpleLO() {
		return t.errAt(-615, 0, "", pos)
	}
	return nil
}

// loOperatorNames are IDS's operator functions: an operator on a type
// is the call of its function, which BLOB and CLOB define for equality
// alone.
var loOperatorNames = map[string]string{
	"=": "equal", "<>": "notequal", "<": "lessthan", ">": "greaterthan",
	"<=": "lessthanorequal", ">=": "greaterthanorequal",
	"+": "plus", "-": "minus", "*": "times", "/": "divide", "||": "concat",
}

// loOperator checks a binary operator with a large-object operand: BYTE
// and TEXT take none (-615); = and <> between two BLOBs or two CLOBs
// compare the locators (CHOICE: whether IDS's equal() compares the
// objects' bytes is not in our evidence; two rows holding one object are
// equal, two objects with the same bytes are not), anything else on a
// BLOB or CLOB is -674.
func (t *translator) loOperator(op string, lt, rt ifxType, pos int) error {
	if err := t.simpleLOOperand(lt, pos); err != nil {
		return err
	}
	if err := t.simpleLOOperand(rt, pos); err != nil {
		return err
	}
	if !lt.isLO() && !rt.isLO() {
		return nil
	}
	if (op == "=" || op == "<>") && lt.isLO() && rt.isLO() && lt.xid == rt.xid {
		return nil
	}
	name, ok := loOperatorNames[op]
	if !ok {
		name = op
	}
	return t.errAt(-674, 0, name, pos)
}

// loLike refuses LIKE and MATCHES on a large object: on BLOB or CLOB
// -674 like/matches (the routines the conditions call on extended types:
// CHOICE), on BYTE or TEXT -615.
func (t *translator) loLike(ty ifxType, matches bool, pos int) error {
	if err := t.simpleLOOperand(ty, pos); err != nil {
		return err
	}
	if !ty.isLO() {
		return nil
	}
	if matches {
		return t.errAt(-674, 0, "matches", pos)
	}
	return t.errAt(-674, 0, "like", pos)
}

// loLength refuses LENGTH, OCTET_LENGTH and CHAR_LENGTH of a BLOB or
// CLOB: IBM's SQL Syntax defines LENGTH for character, BYTE and TEXT
// values only, and the Database Design Guide sends applications to
// ifx_lo_stat() for a smart large object's length; IDS resolves the
// function for an extended type as a routine, and none exists (-674,
// CHOICE for the code).
func (t *translator) loLength(f *funcExpr) error {
	return t.errAt(-674, 0, f.name, f.p)
}

// loSetOp refuses a BLOB or CLOB column in UNION, INTERSECT or MINUS
// (-9651, "binary large objects are not allowed in the Union, Intersect,
// or Minus queries"), and a BYTE or TEXT one unless every operation is
// UNION ALL.
func (t *translator) loSetOp(cols []srcCol, ops []setOp) error {
	all := true
	for _, op := range ops {
		all = all && op.op == "union all"
	}
	for _, c := range cols {
		if c.t.isLO() || c.t.isSimpleLO() && !all {
			return t.errAt(-9651, 0, "", ops[0].core.p)
		}
	}
	return nil
}
