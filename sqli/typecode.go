package sqli

import "strconv"

// TypeCode is an Informix column type code as it appears in SQ_DESCRIBE,
// SQ_BIND and syscolumns.coltype: the low byte is the base type, the high
// byte holds flags such as TypeNotNull.
type TypeCode int16

// Base type codes (sqltypes.h).
const (
	TypeChar       TypeCode = 0
	TypeSmallInt   TypeCode = 1
	TypeInt        TypeCode = 2
	TypeFloat      TypeCode = 3
	TypeSmallFloat TypeCode = 4
	TypeDecimal    TypeCode = 5
	TypeSerial     TypeCode = 6
	TypeDate       TypeCode = 7
	TypeMoney      TypeCode = 8
	TypeNull       TypeCode = 9
	TypeDateTime   TypeCode = 10
	TypeByte       TypeCode = 11
	TypeText       TypeCode = 12
	TypeVarChar    TypeCode = 13
	TypeInterval   TypeCode = 14
	TypeNChar      TypeCode = 15
	TypeNVarChar   TypeCode = 16
	TypeInt8       TypeCode = 17
	TypeSerial8    TypeCode = 18
	TypeSet        TypeCode = 19
	TypeMultiset   TypeCode = 20
	TypeList       TypeCode = 21
	TypeRow        TypeCode = 22
	TypeCollection TypeCode = 23
	TypeUDTVar     TypeCode = 40
	TypeUDTFixed   TypeCode = 41
	TypeRefSerial8 TypeCode = 42
	TypeLVarChar   TypeCode = 43
	TypeSendRecv   TypeCode = 44
	TypeBool       TypeCode = 45
	TypeBigInt     TypeCode = 52
	TypeBigSerial  TypeCode = 53
)

// Flag bits of the high byte of a TypeCode.
const (
	TypeNotNull  TypeCode = 0x0100
	TypeDistinct TypeCode = 0x0800
	TypeNamed    TypeCode = 0x1000
)

// Extended type ids of built-in opaque types (SQ_DESCRIBE extended_id).
const (
	XIDLVarChar = 1
	XIDBoolean  = 5
	XIDBlob     = 10
	XIDClob     = 11
)

// Base returns the type code without flag bits.
func (t TypeCode) Base() TypeCode { return t & 0xff }

// Nullable reports whether the NOT NULL flag is clear.
func (t TypeCode) Nullable() bool { return t&TypeNotNull == 0 }

// HasTypeNames reports whether values of this type carry owner and type
// name strings in SQ_BIND and SQ_RET_TYPE: every type above SERIAL8 except
// BIGINT and BIGSERIAL, per JDBC's rule.
func (t TypeCode) HasTypeNames() bool {
	b := t.Base()
	return b > TypeSerial8 && b != TypeBigInt && b != TypeBigSerial
}

var typeNames = map[TypeCode]string{
	TypeChar: "CHAR", TypeSmallInt: "SMALLINT", TypeInt: "INTEGER", TypeFloat: "FLOAT",
	TypeSmallFloat: "SMALLFLOAT", TypeDecimal: "DECIMAL", TypeSerial: "SERIAL",
	TypeDate: "DATE", TypeMoney: "MONEY", TypeNull: "NULL", TypeDateTime: "DATETIME",
	TypeByte: "BYTE", TypeText: "TEXT", TypeVarChar: "VARCHAR", TypeInterval: "INTERVAL",
	TypeNChar: "NCHAR", TypeNVarChar: "NVARCHAR", TypeInt8: "INT8", TypeSerial8: "SERIAL8",
	TypeSet: "SET", TypeMultiset: "MULTISET", TypeList: "LIST", TypeRow: "ROW",
	TypeCollection: "COLLECTION", TypeUDTVar: "UDTVAR", TypeUDTFixed: "UDTFIXED",
	TypeRefSerial8: "REFSER8", TypeLVarChar: "LVARCHAR", TypeSendRecv: "SENDRECV",
	TypeBool: "BOOLEAN", TypeBigInt: "BIGINT", TypeBigSerial: "BIGSERIAL",
}

// String returns the Informix name of the base type.
func (t TypeCode) String() string {
	if n, ok := typeNames[t.Base()]; ok {
		return n
	}
	return "TYPE(" + strconv.Itoa(int(t.Base())) + ")"
}

// Statement types reported in SQ_DESCRIBE (sqlstype.h).
const (
	StmtDatabase       = 1
	StmtSelect         = 2
	StmtSelectInto     = 3
	StmtUpdate         = 4
	StmtDelete         = 5
	StmtInsert         = 6
	StmtCreateDatabase = 12
	StmtDropDatabase   = 13
	StmtCreateTable    = 14
	StmtDropTable      = 15
	StmtCloseDatabase  = 31
	StmtBeginWork      = 34
	StmtCommitWork     = 35
	StmtRollbackWork   = 36
	StmtCreateTemp     = 45
	StmtExecProcedure  = 56
)
