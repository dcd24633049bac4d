package engine

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"modernc.org/sqlite"
)

// Error is an Informix-style SQL error as reported to a client (SQ_ERR).
type Error struct {
	SQLCode  int    // Informix SQLCODE, negative for errors
	ISAMCode int    // secondary ISAM code (sqlerrd[1] on failure), 0 if none
	Offset   int    // 1-based character offset into the statement text, 0 if unknown
	Near     string // the %s argument of the message: table, column, constraint name
	Message  string // formatted standard Informix message text
	Err      error  // underlying cause, if any (not shown to clients)
}

func (e *Error) Error() string {
	s := fmt.Sprintf("ifx error %d", e.SQLCode)
	if e.ISAMCode != 0 {
		s += fmt.Sprintf(" (ISAM %d)", e.ISAMCode)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// messages holds the standard Informix message texts (finderr) for the codes
// this engine produces. "%s" is replaced by Error.Near.
var messages = map[int]string{
	-617:  "A blob data type must be supplied within this context.",
	-461:  "File open error.",
	-612:  "Blobs are not allowed in the \"group by\" clause.",
	-613:  "Blobs are not allowed in the \"distinct\" clause.",
	-614:  "Blobs are not allowed in the \"order by\" clause.",
	-615:  "Blobs are not allowed in this expression.",
	-9651: "The statement failed because binary large objects are not allowed in the Union, Intersect, or Minus queries.",
	-100:  "ISAM error: duplicate value for a record with unique key.",
	-107:  "ISAM error: record is locked.",
	-111:  "ISAM error: no record found.",
	-143:  "ISAM error: deadlock detected.",
	-144:  "ISAM error: key value locked.",
	-154:  "ISAM error: Lock Timeout Expired",
	-157:  "ISAM error: Interrupted ISAM call.",
	-201:  "A syntax error has occurred.",
	-202:  "An illegal character has been found in the statement.",
	-206:  "The specified table (%s) is not in the database.",
	-213:  "Statement interrupted by user.",
	-217:  "Column (%s) not found in any table in the query (or SLV is undefined).",
	-236:  "Number of columns in INSERT does not match number of VALUES.",
	-239:  "Could not insert new row - duplicate value in a UNIQUE INDEX column (Unique Index:%s).",
	-240:  "Could not delete a row.",
	-244:  "Could not do a physical-order read to fetch next row.",
	-254:  "Too many or too few host variables given.",
	-255:  "Not in transaction.",
	-710:  "Table (%s) has been dropped, altered or renamed.",
	-256:  "Transaction not available.",
	-482:  "Invalid operation on a non-SCROLL cursor.",
	-526:  "Updates are not allowed on a scroll cursor.",
	-268:  "Unique constraint (%s) violated.",
	-271:  "Could not insert new row into the table.",
	-282:  "Found a quote for which there is no matching quote.",
	-876:  "Cannot issue \"Set Transaction\" in an active transaction.",
	-878:  "Invalid operation for a READ-ONLY transaction.",
	-944:  "Cannot use \"first\", \"limit\" or \"skip\" in this context.",
	-261:  "Cannot create file for table (%s).",
	-310:  "Table (%s) already exists in database.",
	-316:  "Index (%s) already exists in database.",
	-319:  "Index does not exist.",
	-324:  "Ambiguous column (%s).",
	-328:  "Column (%s) already exists in table or type.",
	-329:  "Database (%s) not found or no system permission.",
	-330:  "Cannot create or rename the database.",
	-346:  "Could not update a row in the table.",
	-349:  "Database not selected yet.",
	-350:  "Index already exists on the column (or on the set of columns).",
	-363:  "CURSOR not on SELECT statement.",
	-297:  "Cannot find unique constraint or primary key on referenced table (%s).",
	-371:  "Cannot create unique index on column with duplicate data.",
	-391:  "Cannot insert a null into column (%s).",
	-425:  "Database is currently opened by another user.",
	-530:  "Check constraint (%s) failed.",
	-535:  "Already in transaction.",
	-623:  "Unable to find CONSTRAINT (%s).",
	-674:  "Routine (%s) can not be resolved.",
	-691:  "Missing key in referenced table for referential constraint (%s).",
	-692:  "Key value for constraint (%s) is still being referenced.",
	-728:  "Unknown first argument of dbinfo(%s).",
	-759:  "Cannot use database commands in an explicit database connection.",
	-999:  "Not implemented yet.",
	-1202: "An attempt was made to divide by zero.",
	-1204: "Invalid year in date.",
	-1205: "Invalid month in date.",
	-1206: "Invalid day in date.",
	-1213: "A character to numeric conversion process failed.",
	-1214: "Value exceeds limit of SMALLINT precision.",
	-1215: "Value exceeds limit of INTEGER precision.",
	-1218: "String to date conversion error.",
	-1226: "Decimal or money value exceeds maximum precision.",
	-1260: "It is not possible to convert between the specified types.",
	-1261: "Too many digits in the first field of datetime or interval.",
	-1262: "Non-numeric character in datetime or interval.",
	-1263: "A field in a datetime or interval value is incorrect or an illegal operation specified on datetime field.",
	-1264: "Extra characters at the end of a datetime or interval.",
	-1267: "The result of a datetime computation is out of range.",
	-9628: "Type (%s) not found.",
	-9810: "Smart-large-object error.",
}

// MessageText returns the standard message text for an Informix code with
// near substituted for %s.
func MessageText(code int, near string) string {
	m, ok := messages[code]
	if !ok {
		return ""
	}
	if strings.Contains(m, "%s") {
		return strings.Replace(m, "%s", near, 1)
	}
	return m
}

// newErr builds an *Error with the standard message.
func newErr(code, isam int, near string) *Error {
	return &Error{SQLCode: code, ISAMCode: isam, Near: near, Message: MessageText(code, near)}
}

func syntaxErr(offset int) *Error {
	e := newErr(-201, 0, "")
	e.Offset = offset
	return e
}

// errPrefix marks an Informix error raised inside a Go SQL function, so that
// it survives the trip through SQLite's error message.
const errPrefix = "ifxerr:"

// encodeErr turns an *Error into a plain error whose text can cross SQLite.
func encodeErr(e *Error) error {
	return errors.New(errPrefix + strconv.Itoa(e.SQLCode) + ":" + strconv.Itoa(e.ISAMCode) + ":" + e.Near + ":")
}

// stmtCtx tells mapSQLiteErr which statement produced the error.
type stmtCtx struct {
	kind  int // statement type (sqlstype)
	table string
	s     *Session
}

// mapErr converts any error from database/sql or SQLite into an *Error.
func (sc stmtCtx) mapErr(err error) error {
	if err == nil {
		return nil
	}
	var ie *Error
	if errors.As(err, &ie) {
		return ie
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		e := newErr(-213, -157, "")
		e.Err = err
		return e
	}
	msg := err.Error()
	code := 0
	var se *sqlite.Error
	if errors.As(err, &se) {
		code = se.Code() & 0xff
	}
	wrap := func(e *Error) error { e.Err = err; return e }
	if i := strings.Index(msg, errPrefix); i >= 0 {
		parts := strings.SplitN(msg[i+len(errPrefix):], ":", 4)
		if len(parts) >= 3 {
			c, _ := strconv.Atoi(parts[0])
			is, _ := strconv.Atoi(parts[1])
			return wrap(newErr(c, is, parts[2]))
		}
	}
	switch {
	case code == 9 || strings.Contains(msg, "interrupted"):
		return wrap(newErr(-213, -157, ""))
	case code == 5 || code == 6 || strings.Contains(msg, "database is locked") || strings.Contains(msg, "database table is locked"):
		// IDS: ISAM -107 "record is locked" under NOT WAIT, -154 "Lock
		// Timeout Expired" when a SET LOCK MODE TO WAIT n wait ran out.
		isam := -107
		if sc.s != nil && sc.s.lockWait > 0 {
			isam = -154
		}
		return wrap(sc.lockErr(isam))
	case strings.Contains(msg, "no such table: "):
		n := after(msg, "no such table: ")
		if i := strings.LastIndexByte(n, '.'); i >= 0 {
			n = n[i+1:]
		}
		return wrap(newErr(-206, -111, n))
	case strings.Contains(msg, "no such column: "):
		return wrap(newErr(-217, 0, after(msg, "no such column: ")))
	case strings.Contains(msg, "UNIQUE constraint failed: ") || strings.Contains(msg, "PRIMARY KEY constraint failed"):
		cols := after(msg, "constraint failed: ")
		if sc.s != nil {
			if cn := sc.s.constraintFor(cols); cn != "" {
				return wrap(newErr(-268, -100, cn))
			}
		}
		return wrap(newErr(-239, -100, ""))
	case strings.Contains(msg, "NOT NULL constraint failed: "):
		return wrap(newErr(-391, 0, after(msg, "NOT NULL constraint failed: ")))
	case strings.Contains(msg, "CHECK constraint failed: ifxnn:"):
		return wrap(newErr(-391, 0, after(msg, "CHECK constraint failed: ifxnn:")))
	case strings.Contains(msg, "CHECK constraint failed: "):
		return wrap(newErr(-530, 0, after(msg, "CHECK constraint failed: ")))
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		if sc.kind == stDelete || sc.kind == stDeleteAll || sc.kind == stUpdate || sc.kind == stUpdateAll {
			return wrap(newErr(-692, 0, ""))
		}
		return wrap(newErr(-691, 0, ""))
	case strings.Contains(msg, "already exists"):
		n := strings.Trim(between(msg, " ", " already exists"), "\"")
		if strings.HasPrefix(msg, "index") {
			return wrap(newErr(-316, 0, n))
		}
		return wrap(newErr(-310, 0, n))
	case strings.Contains(msg, "syntax error") || strings.Contains(msg, "incomplete input"):
		return wrap(newErr(-201, 0, ""))
	case strings.Contains(msg, "integer overflow"):
		return wrap(newErr(-1215, 0, ""))
	}
	e := newErr(-999, 0, "")
	e.Message += " (" + msg + ")"
	return wrap(e)
}

func after(s, sep string) string {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return ""
	}
	s = s[i+len(sep):]
	if j := strings.Index(s, " ("); j >= 0 {
		s = s[:j]
	}
	return strings.TrimSpace(s)
}

func between(s, a, b string) string {
	j := strings.Index(s, b)
	if j < 0 {
		return ""
	}
	s = s[:j]
	if i := strings.LastIndex(s, a); i >= 0 {
		s = s[i+len(a):]
	}
	return s
}
