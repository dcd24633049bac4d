package ifx

import (
	"strconv"
	"strings"
)

// sqlMessages is the built-in message catalog: the SQLCODEs users meet
// most, worded as Informix's own catalog words them. "%s" takes the near
// text the server sends with the error.
var sqlMessages = map[int]string{
	100:    "No matching records found.",
	-201:   "A syntax error has occurred.",
	-202:   "An illegal character has been found in the statement.",
	-206:   "The specified table (%s) is not in the database.",
	-208:   "Memory allocation failed during query processing.",
	-211:   "Cannot read system catalog (%s).",
	-213:   "Statement interrupted by user.",
	-217:   "Column (%s) not found in any table in the query (or SLV is undefined).",
	-236:   "Number of columns in INSERT does not match number of VALUES.",
	-239:   "Could not insert new row - duplicate value in a UNIQUE INDEX column (Unique Index:%s).",
	-243:   "Could not position within a table (%s).",
	-244:   "Could not do a physical-order read to fetch next row.",
	-245:   "Could not position within a file via an index.",
	-246:   "Could not do an indexed read to get the next row.",
	-250:   "Cannot read record from file for update.",
	-254:   "Too many or too few host variables given.",
	-255:   "Not in transaction.",
	-256:   "Transaction not available.",
	-259:   "Cursor not open.",
	-263:   "Could not lock row for update.",
	-268:   "Unique constraint (%s) violated.",
	-271:   "Could not insert new row into the table.",
	-272:   "No SELECT permission.",
	-273:   "No UPDATE permission.",
	-274:   "No DELETE permission.",
	-284:   "A subquery has returned not exactly one row.",
	-288:   "Table (%s) not locked by current user.",
	-289:   "Cannot lock table (%s) in requested mode.",
	-292:   "An implied insert column %s does not accept NULLs.",
	-310:   "Table (%s) already exists in database.",
	-312:   "Cannot update system catalog (%s).",
	-316:   "Index (%s) already exists in database.",
	-329:   "Database not found or no system permission.",
	-349:   "Database not selected yet.",
	-363:   "CURSOR not on SELECT statement.",
	-371:   "Cannot create unique index on column with duplicate data.",
	-378:   "Record currently locked by another user.",
	-387:   "No connect permission.",
	-391:   "Cannot insert a null into column (%s).",
	-400:   "Fetch attempted on unopen cursor.",
	-404:   "The cursor or statement is not available.",
	-408:   "Invalid message type received from the sqlexec process.",
	-410:   "Prepare statement failed or was not executed.",
	-440:   "Lock timeout expired.",
	-458:   "Long transaction aborted.",
	-481:   "Invalid statement name or statement was not prepared.",
	-530:   "Check constraint (%s) failed.",
	-535:   "Already in transaction.",
	-555:   "Cannot use a select or any of the database statements in a multi-query prepare.",
	-691:   "Missing key in referenced table for referential constraint (%s).",
	-692:   "Key value for constraint (%s) is still being referenced.",
	-703:   "Primary key on table (%s) has a field with a null key value.",
	-759:   "Cannot use database commands in an explicit database connection.",
	-761:   "INFORMIXSERVER does not match either DBSERVERNAME or DBSERVERALIASES.",
	-908:   "Attempt to connect to database server (%s) failed.",
	-930:   "Cannot connect to database server (%s).",
	-951:   "Incorrect password or user %s is not known on the database server.",
	-952:   "User's password is not correct for the database server.",
	-1204:  "Invalid year in date.",
	-1205:  "Invalid month in date.",
	-1206:  "Invalid day in date.",
	-1213:  "A character to numeric conversion process failed.",
	-1214:  "Value too large to fit in a SMALLINT.",
	-1215:  "Value exceeds limit of INTEGER precision.",
	-1218:  "String to date conversion error.",
	-1226:  "Decimal or money value exceeds maximum precision.",
	-1262:  "Non-numeric character in datetime or interval.",
	-1263:  "A field in a datetime or interval value is incorrect or an illegal operation specified on datetime field.",
	-1264:  "Extra characters at the end of a datetime or interval.",
	-1803:  "Connection does not exist.",
	-23101: "Unable to load locale categories.",
	-23197: "Database locale information mismatch.",
	-25580: "System error occurred in network function.",
	-25582: "Network connection is broken.",
}

// isamMessages explains the ISAM codes that accompany the SQLCODEs above.
var isamMessages = map[int]string{
	-100: "duplicate value for a record with unique key",
	-103: "illegal key descriptor",
	-104: "too many files open",
	-107: "record is locked",
	-111: "no record found",
	-113: "the file is locked",
	-131: "no free disk space",
	-134: "no more locks",
	-143: "deadlock detected",
	-144: "key value locked",
	-154: "lock timeout expired",
	-157: "interrupted ISAM call",
}

// catalogMessage returns the catalog text for code with near filled in.
func catalogMessage(code int, near string) string {
	m, ok := sqlMessages[code]
	if !ok {
		m = "Informix error " + strconv.Itoa(code)
		if near != "" {
			m += " (" + near + ")"
		}
		return m
	}
	if strings.Contains(m, "%s") {
		return strings.Replace(m, "%s", near, 1)
	}
	if near != "" && code != -201 {
		return m + " (" + near + ")"
	}
	return m
}

// sqlStateFor maps an SQLCODE to the SQLSTATE an application can switch
// on. Informix itself reports most errors as class IX000; the standard
// classes are used where one clearly applies.
func sqlStateFor(code, isam int) string {
	switch code {
	case 100:
		return "02000"
	case -201, -202:
		return "42000"
	case -206:
		return "42S02"
	case -217:
		return "42S22"
	case -310:
		return "42S01"
	case -239, -268, -371, -391, -292, -703, -530, -691, -692:
		return "23000"
	case -255, -256, -535:
		return "25000"
	case -213:
		return "57014"
	case -951, -952, -387:
		return "28000"
	case -908, -930, -25580, -25582, -1803:
		return "08001"
	case -1213, -1214, -1215, -1226:
		return "22018"
	}
	if isam == -143 {
		return "40001"
	}
	if isam == -154 {
		return "40001"
	}
	return "IX000"
}
