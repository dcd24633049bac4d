package engine

import "strconv"

// substring translates column[first,last]. IDS allows the operator on
// CHAR, VARCHAR, NCHAR, NVARCHAR, BYTE and TEXT columns (SQL Syntax,
// "Using the Substring Operator"; SQL Reference, "TEXT data type":
// `SELECT cat_descr[1,75]`). The result keeps the column's kind: a
// fixed CHAR/NCHAR of last-first+1 characters (its blanks counted, as
// the value is padded first), a VARCHAR of at most that many, and TEXT
// or BYTE stay TEXT or BYTE, so the usual blob rules still apply to
// them. On any other type the brackets are a syntax error at `[`.
// CHOICE: no capture shows IDS's DESCRIBE of the result or its code for
// a non-character column (docs/DIALECT.md, row `expr/column-substring`).
// Positions count characters, which are bytes in the single-byte code
// sets ifxtest's databases use.
func (t *translator) substring(x *substrExpr, sc *scope) (string, ifxType, error) {
	s, ty, err := t.expr(x.x, sc, nil)
	if err != nil {
		return "", ty, err
	}
	first, n := strconv.Itoa(x.first), x.last-x.first+1
	count := strconv.Itoa(n)
	if ty.isFixedChar() || ty.code == TypeVarchar || ty.code == TypeNvarchar {
		// The result is described no longer than the column.
		n = max(1, min(n, ty.maxChars()))
	}
	switch {
	case ty.isFixedChar():
		res := ty.nullable()
		res.length = int32(n)
		return "substr(ifx_pad(" + s + ", " + strconv.Itoa(ty.maxChars()) + "), " + first + ", " + count + ")", res, nil
	case ty.code == TypeByte:
		return "substr(CAST(" + s + " AS BLOB), " + first + ", " + count + ")", ty.nullable(), nil
	case ty.code == TypeText:
		return "substr(" + s + ", " + first + ", " + count + ")", ty.nullable(), nil
	case ty.code == TypeVarchar || ty.code == TypeNvarchar:
		res := ty.nullable()
		res.length = int32(n)
		return "substr(" + s + ", " + first + ", " + count + ")", res, nil
	}
	return "", ty, t.errAt(-201, 0, "", x.p)
}
