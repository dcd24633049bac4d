package testutil

import (
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// FuzzColumnTypes are the column types the fuzz targets of the row
// decoders draw from: every kind, NULL-able, with their encoded lengths.
var FuzzColumnTypes = []sqli.ColumnDesc{
	{Type: sqli.TypeChar, EncodedLength: 10},
	{Type: sqli.TypeNChar, EncodedLength: 3},
	{Type: sqli.TypeVarChar, EncodedLength: 40},
	{Type: sqli.TypeNVarChar, EncodedLength: 255 | 10<<8},
	{Type: sqli.TypeSmallInt, EncodedLength: 2},
	{Type: sqli.TypeInt, EncodedLength: 4},
	{Type: sqli.TypeSerial, EncodedLength: 4},
	{Type: sqli.TypeBigInt, EncodedLength: 8},
	{Type: sqli.TypeBigSerial, EncodedLength: 8},
	{Type: sqli.TypeInt8, EncodedLength: 10},
	{Type: sqli.TypeSerial8, EncodedLength: 10},
	{Type: sqli.TypeFloat, EncodedLength: 8},
	{Type: sqli.TypeSmallFloat, EncodedLength: 4},
	{Type: sqli.TypeDecimal, EncodedLength: 12<<8 | 2},
	{Type: sqli.TypeDecimal, EncodedLength: 16<<8 | 255},
	{Type: sqli.TypeMoney, EncodedLength: 8<<8 | 2},
	{Type: sqli.TypeDate, EncodedLength: 4},
	{Type: sqli.TypeDateTime, EncodedLength: int32(ifxtype.QualYearToFraction5)},
	{Type: sqli.TypeDateTime, EncodedLength: 0x0a4a /* HOUR TO SECOND-ish */},
	{Type: sqli.TypeInterval, EncodedLength: 0x0e9f},
	{Type: sqli.TypeInterval, EncodedLength: 0x0402},
	{Type: sqli.TypeByte, EncodedLength: 56},
	{Type: sqli.TypeText, EncodedLength: 56},
	{Type: sqli.TypeBool, EncodedLength: 1},
	{Type: sqli.TypeUDTFixed, ExtendedID: sqli.XIDBoolean, ExtendedOwner: "informix", ExtendedName: "boolean", EncodedLength: 1},
	{Type: sqli.TypeLVarChar, ExtendedID: sqli.XIDLVarChar, EncodedLength: 2048},
	{Type: sqli.TypeUDTVar, ExtendedName: "json", EncodedLength: 4096},
	{Type: sqli.TypeUDTVar, ExtendedName: "blob", ExtendedID: sqli.XIDBlob, EncodedLength: 72},
	{Type: sqli.TypeSet, EncodedLength: 100},
	{Type: sqli.TypeRow, EncodedLength: 100},
	{Type: sqli.TypeList, ExtendedName: "LIST(ROW(a integer, b SET(varchar(10) not null)) not null)", EncodedLength: 2048},
	{Type: sqli.TypeRow, ExtendedName: "ROW(name varchar(50), age integer)", EncodedLength: 2048},
	{Type: sqli.TypeNull, EncodedLength: 0},
	// Collections of integers: the fast path into integer slices.
	{Type: sqli.TypeList, ExtendedName: "LIST(integer not null)", EncodedLength: 2048},
	{Type: sqli.TypeSet, ExtendedName: "SET(smallint not null)", EncodedLength: 2048},
}
