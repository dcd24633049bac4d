package adapter

// RowText returns the driver value of column i of rows' current row (an
// *ifx.Rows) when it is a string whose bytes can come from the Rows'
// shared blocks, as native Scan's strings do: non-NULL CHAR, VARCHAR,
// LVARCHAR (and their N forms) as text, DECIMAL and MONEY in
// ifxtype.Decimal's String form. It reports false for anything else
// (other types, NULL, a BYTE/TEXT result, outside a row), where
// ColumnDecoder.DriverValue gives the value or the error. It spares
// database/sql's Rows.Next one allocation per string value.
var RowText func(rows any, i int) (string, bool)
