package engine

import (
	"database/sql/driver"
	"strings"
)

// IDS ships routines owned by informix that its clients' catalog queries
// call: IBM JDBC's DatabaseMetaData selects informix.get_data_type(…),
// informix.schema_precision(…) and their siblings over syscolumns and
// sysproccolumns (queries recorded in conformance/FINDINGS.md, "Java
// tools"). Each maps a catalog type code (syscolumns.coltype, NOT NULL
// flag 0x100 included) to one column of a JDBC/ODBC metadata result.
// The values follow the JDBC and ODBC definitions of those columns and the
// Guide to SQL: Reference's description of coltype and collength; the
// routines themselves are not documented by IBM (docs/DIALECT.md).

// catalogFuncArity is each routine's argument count.
var catalogFuncArity = map[string]int{
	"get_data_type": 3, "schema_coltypename": 2, "schema_precision": 3, "schema_numscale": 2,
	"schema_numprecradix": 1, "schema_isnullable": 1, "schema_nullable": 1, "schema_isautoincr": 1,
	"schema_datetype": 2, "schema_charlen": 3, "schema_bufflen": 2, "get_default_value": 4,
	"ifx_param_types": 1, "ifx_ret_types": 1,
}

// catalogFunction translates a call of one of those routines; ok is false
// for any other name.
func (t *translator) catalogFunction(f *funcExpr, sc *scope) (string, ifxType, bool, error) {
	n, ok := catalogFuncArity[f.name]
	if !ok {
		return "", ifxType{}, false, nil
	}
	if len(f.args) != n {
		return "", ifxType{}, true, t.errAt(-674, 0, f.name, f.p)
	}
	if f.name == "ifx_param_types" || f.name == "ifx_ret_types" {
		return t.routineTypesSQL(f, sc)
	}
	args := make([]string, n)
	for i, a := range f.args {
		s, _, err := t.expr(a, sc, nil)
		if err != nil {
			return "", ifxType{}, true, err
		}
		args[i] = s
	}
	var ty ifxType
	switch f.name {
	case "get_data_type", "schema_numscale", "schema_numprecradix", "schema_isnullable", "schema_datetype":
		ty = tSmallint()
	case "schema_precision", "schema_charlen", "schema_bufflen":
		ty = tInteger()
	case "schema_nullable", "schema_isautoincr":
		ty = tVarchar(3)
	default:
		ty = tVarchar(255)
	}
	return "ifx_cat_" + f.name + "(" + strings.Join(args, ", ") + ")", ty, true, nil
}

// routineTypesSQL translates ifx_param_types(procid) and
// ifx_ret_types(procid): the routine's parameter (or RETURNING) types in
// order, as Informix type text separated by commas, "" for none
// (**CHOICE**: the format sysprocedures.paramtypes documents, "list of
// parameter data types"; IDS's own output is not in our evidence). IBM
// JDBC's getProcedureColumns reads them and fails on NULL.
func (t *translator) routineTypesSQL(f *funcExpr, sc *scope) (string, ifxType, bool, error) {
	id, _, err := t.expr(f.args[0], sc, nil)
	if err != nil {
		return "", ifxType{}, true, err
	}
	attrs := "1"
	if f.name == "ifx_ret_types" {
		attrs = "3, 5"
	}
	q := "(SELECT coalesce(group_concat(ifx_cat_typetext(paramtype, paramlen, paramxid), ','), '') FROM " +
		"(SELECT paramtype, paramlen, paramxid FROM sysproccolumns WHERE procid = " + id + " AND paramattr IN (" + attrs + ") ORDER BY paramid))"
	return q, tLvarchar(2048), true, nil
}

// registerCatalogFunctions installs the Go side of those routines.
func registerCatalogFunctions(det func(string, int32, func([]driver.Value) (driver.Value, error))) {
	for name, n := range catalogFuncArity {
		det("ifx_cat_"+name, int32(n), catalogFuncImpl(name))
	}
	det("ifx_cat_typetext", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		return typeFromCatalog(int(argInt(a[0])), int(argInt(a[1])), int(argInt(a[2]))).nullable().String(), nil
	})
}

func catalogFuncImpl(name string) func([]driver.Value) (driver.Value, error) {
	return func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		coltype := int(argInt(a[0]))
		length, xid := 0, 0
		switch name {
		case "get_data_type", "schema_coltypename":
			xid = int(argInt(a[1]))
		case "schema_precision", "schema_charlen", "get_default_value":
			xid, length = int(argInt(a[1])), int(argInt(a[2]))
		case "schema_numscale", "schema_datetype", "schema_bufflen":
			length = int(argInt(a[1]))
		}
		t := typeFromCatalog(coltype, length, xid)
		switch name {
		case "get_data_type":
			return int64(jdbcType(t)), nil
		case "schema_coltypename":
			return catalogTypeName(t), nil
		case "schema_precision":
			return nullInt(columnSize(t)), nil
		case "schema_numscale":
			return nullInt(numScale(t)), nil
		case "schema_numprecradix":
			switch {
			case t.isFloat():
				return int64(2), nil
			case t.isInt() || t.isDecimal():
				return int64(10), nil
			}
			return nil, nil
		case "schema_isnullable":
			if t.notNull {
				return int64(0), nil // columnNoNulls
			}
			return int64(1), nil // columnNullable
		case "schema_nullable":
			if t.notNull {
				return "NO", nil
			}
			return "YES", nil
		case "schema_isautoincr":
			if t.isSerial() {
				return "YES", nil
			}
			return "NO", nil
		case "schema_datetype":
			switch t.code { // ODBC SQL_DATETIME_SUB
			case TypeDate:
				return int64(1), nil
			case TypeDatetime:
				return int64(3), nil
			}
			return nil, nil
		case "schema_charlen":
			if t.isChar() && t.code != TypeText {
				return int64(t.maxChars()), nil
			}
			return nil, nil
		case "schema_bufflen":
			return int64(typeWidth(t)), nil
		case "get_default_value":
			if a[3] == nil {
				return nil, nil
			}
			v, _ := a[3].(string)
			if b, ok := a[3].([]byte); ok {
				v = string(b)
			}
			return strings.TrimRight(v, " "), nil
		}
		return nil, nil
	}
}

func nullInt(n int) driver.Value {
	if n < 0 {
		return nil
	}
	return int64(n)
}

// jdbcType is the java.sql.Types code (the same as ODBC's SQL type for
// these) of a column type.
func jdbcType(t ifxType) int {
	switch t.code {
	case TypeChar, TypeNchar:
		return 1 // CHAR
	case TypeSmallint:
		return 5
	case TypeInteger, TypeSerial:
		return 4
	case TypeFloat:
		return 8 // DOUBLE
	case TypeSmallfloat:
		return 7 // REAL
	case TypeDecimal, TypeMoney:
		return 3
	case TypeDate:
		return 91
	case TypeDatetime:
		return 93
	case TypeByte:
		return -4 // LONGVARBINARY
	case TypeText:
		return -1 // LONGVARCHAR
	case TypeVarchar, TypeNvarchar:
		return 12
	case TypeInt8, TypeSerial8, TypeBigint, TypeBigserial:
		return -5
	case TypeUDTVar:
		if t.xid == 1 {
			return 12 // LVARCHAR
		}
	case TypeUDTFixed:
		switch t.xid {
		case 5:
			return 16 // BOOLEAN
		case 10:
			return 2004 // BLOB
		case 11:
			return 2005 // CLOB
		}
	}
	return 1111 // OTHER: INTERVAL, collections, row types, other UDTs
}

// catalogTypeName is the type's name without its parameters, as the
// TYPE_NAME column of getColumns carries it.
func catalogTypeName(t ifxType) string {
	switch t.code {
	case TypeUDTVar, TypeUDTFixed:
		if t.xname != "" {
			return t.xname
		}
		switch t.xid {
		case 10:
			return "blob"
		case 11:
			return "clob"
		}
		return "udt"
	case TypeInt8:
		return "int8"
	case TypeSerial8:
		return "serial8"
	case TypeBigint:
		return "bigint"
	case TypeBigserial:
		return "bigserial"
	case TypeByte:
		return "byte"
	case TypeText:
		return "text"
	}
	s := t.nullable().String()
	if i := strings.IndexAny(s, "( "); i > 0 && t.code != TypeDatetime && t.code != TypeInterval {
		s = s[:i]
	}
	return s
}

// columnSize is JDBC's COLUMN_SIZE: characters for character types,
// digits for numbers and for DATE/DATETIME/INTERVAL text; -1 for none.
func columnSize(t ifxType) int {
	switch t.code {
	case TypeChar, TypeNchar, TypeVarchar, TypeNvarchar, TypeUDTVar:
		return t.maxChars()
	case TypeSmallint:
		return 5
	case TypeInteger, TypeSerial:
		return 10
	case TypeInt8, TypeSerial8, TypeBigint, TypeBigserial:
		return 19
	case TypeFloat:
		return 15
	case TypeSmallfloat:
		return 7
	case TypeDecimal, TypeMoney:
		return t.decPrec()
	case TypeDate:
		return 10
	case TypeDatetime, TypeInterval:
		return int(t.length >> 8)
	case TypeByte, TypeText:
		return 2147483647
	case TypeUDTFixed:
		if t.xid == 5 {
			return 1
		}
	}
	return -1
}

// numScale is JDBC's DECIMAL_DIGITS: the scale of DECIMAL and MONEY (none
// for a floating DECIMAL), 0 for integers, -1 (NULL) otherwise.
func numScale(t ifxType) int {
	switch {
	case t.isDecimal():
		if t.decScale() == 0xff {
			return -1
		}
		return t.decScale()
	case t.isInt():
		return 0
	}
	return -1
}
