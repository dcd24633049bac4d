package engine

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Conversion between canonical Values and the SQLite storage representation
// of each Informix type:
//
//	integers, DATE (day number), INTERVAL (months or 1e-5 s), BOOLEAN (0/1): INTEGER
//	FLOAT, SMALLFLOAT: REAL
//	DECIMAL, MONEY: INTEGER / REAL / TEXT (see decStorage)
//	CHAR, NCHAR: TEXT without trailing blanks (column collation RTRIM)
//	VARCHAR, NVARCHAR, LVARCHAR, TEXT: TEXT
//	DATETIME: TEXT literal of the column qualifier (sorts correctly)
//	BYTE: BLOB

func intRange(t ifxType) (int64, int64, int) {
	switch t.code {
	case TypeSmallint:
		return -32767, 32767, -1214
	case TypeInteger, TypeSerial:
		return -2147483647, 2147483647, -1215
	}
	return -math.MaxInt64, math.MaxInt64, -1215
}

func toInt64(v Value) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case float64:
		if math.IsNaN(x) || x >= 9.3e18 || x <= -9.3e18 {
			return 0, newErr(-1215, 0, "")
		}
		return int64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case Date:
		return int64(x), nil
	case Decimal:
		return toInt64(string(x))
	case []byte:
		return toInt64(string(x))
	case string:
		s := strings.TrimSpace(x)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, nil
		}
		d, ok := parseDec(s)
		if !ok {
			return 0, newErr(-1213, 0, "")
		}
		if d.exp < 0 { // truncate toward zero
			if -d.exp >= len(d.digits) {
				d.digits = ""
			} else {
				d.digits = d.digits[:len(d.digits)+d.exp]
			}
			d.exp = 0
		}
		n, err := strconv.ParseInt(d.format(-1), 10, 64)
		if err != nil {
			return 0, newErr(-1215, 0, "")
		}
		return n, nil
	}
	return 0, newErr(-1260, 0, "")
}

func toFloat(v Value) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case int:
		return float64(x), nil
	case Decimal:
		return toFloat(string(x))
	case []byte:
		return toFloat(string(x))
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err != nil {
			return 0, newErr(-1213, 0, "")
		}
		return f, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return 0, newErr(-1260, 0, "")
}

func toDec(v Value) (decNum, error) {
	switch x := v.(type) {
	case int64:
		d, _ := parseDec(strconv.FormatInt(x, 10))
		return d, nil
	case int:
		d, _ := parseDec(strconv.Itoa(x))
		return d, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return decNum{}, newErr(-1226, 0, "")
		}
		return decFromFloat(x, -1), nil
	case Decimal:
		return toDec(string(x))
	case []byte:
		return toDec(string(x))
	case string:
		d, ok := parseDec(x)
		if !ok {
			return d, newErr(-1213, 0, "")
		}
		return d, nil
	}
	return decNum{}, newErr(-1260, 0, "")
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// toText renders any value as Informix would when converting to a character type.
func toText(v Value) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return formatFloat(x)
	case bool:
		if x {
			return "t"
		}
		return "f"
	case Decimal:
		return string(x)
	case Date:
		return x.String()
	case DateTime:
		return string(x)
	case Interval:
		return string(x)
	case []byte:
		return string(x)
	}
	return ""
}

// dbLen is the length of s in bytes of the database code set (see
// truncText).
func dbLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0xc2 || c == 0xc3 {
			n-- // U+0080…U+00FF: two bytes in UTF-8, one in 8859-1
			i++
		}
	}
	return n
}

// truncText cuts s to the n bytes a character column holds, counted in
// the database code set: en_US.819 (8859-1, as systables' GL_CTYPE row
// says), where every character up to U+00FF is one byte, so a VARCHAR(255)
// holds 255 Latin-1 characters. Characters beyond Latin-1 only come from
// UTF-8 clients and count their UTF-8 bytes (docs/PROTOCOL.md).
func truncText(s string, n int) string {
	if n <= 0 || len(s) <= n {
		return s
	}
	size := 0
	for i, r := range s {
		w := 1
		if r > 0xff && r != utf8.RuneError {
			w = utf8.RuneLen(r)
		}
		if size+w > n {
			return s[:i]
		}
		size += w
	}
	return s
}

func toDate(v Value) (Date, error) {
	switch x := v.(type) {
	case Date:
		return x, nil
	case int64, int, float64, Decimal:
		n, err := toInt64(x)
		if err != nil {
			return 0, err
		}
		if n < -693594 || n > 2958464 {
			return 0, newErr(-1204, 0, "")
		}
		return Date(n), nil
	case string:
		return parseDate(x)
	case []byte:
		return parseDate(string(x))
	case DateTime:
		dv, err := parseDT(string(x), QYear)
		if err != nil {
			return 0, err
		}
		return dv.date()
	}
	return 0, newErr(-1260, 0, "")
}

func toDT(v Value, t ifxType) (dtVal, error) {
	switch x := v.(type) {
	case DateTime:
		dv, err := parseDT(string(x), t.qualStart())
		if err != nil {
			return dv, err
		}
		return dv.extend(t.qualStart(), t.qualEnd()), nil
	case string:
		return toDT(DateTime(x), t)
	case []byte:
		return toDT(DateTime(x), t)
	case Date:
		return dtFromDate(x).extend(t.qualStart(), t.qualEnd()), nil
	}
	return dtVal{}, newErr(-1260, 0, "")
}

func toInterval(v Value, t ifxType) (int64, error) {
	var s string
	switch x := v.(type) {
	case Interval:
		s = string(x)
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return 0, newErr(-1260, 0, "")
	}
	return parseInterval(s, t.qualStart(), t.qualEnd())
}

func toBool(v Value) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case int64:
		if x == 0 || x == 1 {
			return x == 1, nil
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "t", "true", "1":
			return true, nil
		case "f", "false", "0":
			return false, nil
		}
	}
	return false, newErr(-1260, 0, "")
}

// toStorage converts a canonical value to the storage form of type t.
func toStorage(v Value, t ifxType) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch {
	case t.comp != nil:
		s, ok := v.(string)
		if !ok {
			return nil, compTypeErr(v, t)
		}
		return compFromText(s, t)
	case t.isInt():
		n, err := toInt64(v)
		if err != nil {
			return nil, err
		}
		lo, hi, code := intRange(t)
		if n < lo || n > hi {
			return nil, newErr(code, 0, "")
		}
		if _, ok := v.(int64); ok {
			return v, nil // already boxed: no allocation per bound value
		}
		return n, nil
	case t.isFloat():
		f, err := toFloat(v)
		if err != nil {
			return nil, err
		}
		if t.code == TypeSmallfloat {
			f = float64(float32(f))
		}
		return f, nil
	case t.isDecimal():
		d, err := toDec(v)
		if err != nil {
			return nil, err
		}
		if d, err = fitDecimal(d, t); err != nil {
			return nil, err
		}
		return decStorage(d), nil
	case t.isChar():
		s := truncText(toText(v), t.maxChars())
		if t.isFixedChar() {
			s = strings.TrimRight(s, " ")
		}
		if x, ok := v.(string); ok && len(x) == len(s) {
			return v, nil // s is x itself: no allocation per bound value
		}
		return s, nil
	case t.code == TypeDate:
		d, err := toDate(v)
		if err != nil {
			return nil, err
		}
		return int64(d), nil
	case t.code == TypeDatetime:
		dv, err := toDT(v, t)
		if err != nil {
			return nil, err
		}
		// Formatted once, for the comparison and the stored text.
		var buf [32]byte
		txt := dv.appendFormat(buf[:0])
		if x, ok := v.(DateTime); ok && string(txt) == string(x) {
			// A value bound as the column's own text is stored as it came
			// (no new string per row; a plain string, as SQLite's driver
			// takes it without reflection).
			return string(x), nil
		}
		return string(txt), nil
	case t.code == TypeInterval:
		n, err := toInterval(v, t)
		if err != nil {
			return nil, err
		}
		if err := checkIntervalLead(n, t); err != nil {
			return nil, err
		}
		return n, nil
	case t.isBool():
		b, err := toBool(v)
		if err != nil {
			return nil, err
		}
		if b {
			return int64(1), nil
		}
		return int64(0), nil
	case t.code == TypeByte:
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
		return nil, newErr(-1260, 0, "")
	case t.isLO():
		return loStorage(v, t)
	}
	return v, nil
}

// fromStorage converts a value read from SQLite to the canonical form of t.
func fromStorage(sv any, t ifxType) (Value, error) {
	if sv == nil {
		return nil, nil
	}
	switch {
	case t.comp != nil:
		if s, ok := textArg(sv); ok {
			return s, nil
		}
		return nil, compTypeErr(sv, t)
	case t.isInt():
		if _, ok := sv.(int64); ok {
			return sv, nil // already boxed: no new allocation
		}
		return toInt64(sv)
	case t.isFloat():
		f, err := toFloat(sv)
		if t.code == TypeSmallfloat {
			f = float64(float32(f))
		}
		return f, err
	case t.isDecimal():
		var d decNum
		switch x := sv.(type) {
		case float64:
			d = decFromFloat(x, 15)
		default:
			var err error
			if d, err = toDec(x); err != nil {
				return nil, err
			}
		}
		return decValue(d, t), nil
	case t.isChar():
		s := toText(sv)
		if t.isFixedChar() {
			if n, l := int(t.length), dbLen(s); l < n {
				s += strings.Repeat(" ", n-l)
				return s, nil
			}
		}
		if _, ok := sv.(string); ok {
			return sv, nil // already boxed: no new allocation
		}
		return s, nil
	case t.code == TypeDate:
		switch x := sv.(type) {
		case int64:
			return Date(x), nil
		case float64:
			return Date(int64(x)), nil
		}
		return toDate(sv)
	case t.code == TypeDatetime:
		if s, ok := sv.(string); ok && len(s) == dtTextLen(t) {
			return DateTime(s), nil
		}
		dv, err := toDT(toDTInput(sv), t)
		if err != nil {
			return nil, err
		}
		return DateTime(dv.format()), nil
	case t.code == TypeInterval:
		var n int64
		switch x := sv.(type) {
		case int64:
			n = x
		case float64:
			n = int64(math.Round(x))
		default:
			var err error
			if n, err = toInterval(x, t); err != nil {
				return nil, err
			}
		}
		return Interval(formatInterval(n, t.qualStart(), t.qualEnd())), nil
	case t.isBool():
		switch x := sv.(type) {
		case int64:
			return x != 0, nil
		case float64:
			return x != 0, nil
		}
		return toBool(sv)
	case t.code == TypeByte:
		switch x := sv.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	}
	return sv, nil
}

func toDTInput(sv any) Value {
	switch x := sv.(type) {
	case int64:
		return Date(x)
	case string:
		return DateTime(x)
	}
	return sv
}

// convertValue converts between two Informix types (used by CAST and by
// assignments whose source is an expression).
// decValue is the Value of the DECIMAL or MONEY type t that fromStorage
// makes of a stored d.
func decValue(d decNum, t ifxType) Value {
	s := t.decScale()
	if s == 0xff {
		if p := t.decPrec(); p > 0 {
			d = d.roundSig(p)
		}
		return Decimal(d.format(-1))
	}
	return Decimal(d.roundScale(s).format(s))
}

func convertValue(sv any, from, to ifxType) (any, error) {
	if x, ok := sv.(float64); ok && from.isDecimal() && to.isDecimal() {
		d, err := decCastFloat(x, from, to)
		if err != nil {
			return nil, err
		}
		return decStorage(d), nil
	}
	return convertValueText(sv, from, to)
}

// decCastFloat is convertValue of a DECIMAL stored as a float64 to
// another DECIMAL type: fromStorage then toStorage, without the text in
// between.
func decCastFloat(x float64, from, to ifxType) (decNum, error) {
	d := decFromFloat(x, 15)
	if s := from.decScale(); s == 0xff {
		if p := from.decPrec(); p > 0 {
			d = d.roundSig(p)
		}
		d = d.reparse(-1)
	} else {
		d = d.roundScale(s).reparse(s)
	}
	return fitDecimal(d, to)
}

// convertValueText is convertValue by way of the canonical value.
func convertValueText(sv any, from, to ifxType) (any, error) {
	v, err := fromStorage(sv, from)
	if err != nil {
		return nil, err
	}
	if from.isFixedChar() {
		if s, ok := v.(string); ok {
			v = strings.TrimRight(s, " ")
		}
	}
	if from.code == TypeDatetime && to.code == TypeDate {
		dv, err := parseDT(toText(v), QYear)
		if err != nil {
			return nil, err
		}
		d, err := dv.date()
		return int64(d), err
	}
	return toStorage(v, to)
}

// dtTextLen is the length of a DATETIME literal of type t.
func dtTextLen(t ifxType) int {
	n := 0
	for i := qIdx(t.qualStart()); i <= qIdx(t.qualEnd()); i++ {
		switch i {
		case 0:
			n += 4
		case 6:
			n += t.qualEnd() - 10
		default:
			n += 2
		}
		if i > qIdx(t.qualStart()) {
			n++
		}
	}
	return n
}
