package engine

import "strings"

// dbDate is a DBDATE format: the order of the fields, the digits of the
// year and the separator (0 for none).
type dbDate struct {
	order string // "MDY", "Y4MD" spelled as "YMD", …
	y2    bool
	sep   byte
}

// defaultDBDate is IDS's default, MDY4/ ("08/31/2026").
var defaultDBDate = dbDate{order: "MDY", sep: '/'}

// parseDBDate reads a DBDATE value such as "Y4MD-", "DMY2.", "MDY4/" or
// "Y4MD0" (no separator): M, D and Y2 or Y4 once each in any order, then
// an optional separator (IBM's default: '/').
func parseDBDate(s string) (dbDate, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	f := dbDate{sep: '/'}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case 'M', 'D':
			f.order += string(c)
		case 'Y':
			if i+1 >= len(s) || (s[i+1] != '2' && s[i+1] != '4') {
				return dbDate{}, false
			}
			f.y2 = s[i+1] == '2'
			f.order += "Y"
			i++
		case '-', '.', '/', '0':
			if i != len(s)-1 {
				return dbDate{}, false
			}
			f.sep = c
			if c == '0' {
				f.sep = 0
			}
		default:
			return dbDate{}, false
		}
	}
	if len(f.order) != 3 || !strings.Contains(f.order, "M") || !strings.Contains(f.order, "D") || !strings.Contains(f.order, "Y") {
		return dbDate{}, false
	}
	return f, true
}

// String renders f in DBDATE syntax.
func (f dbDate) String() string {
	var b strings.Builder
	for i := 0; i < len(f.order); i++ {
		b.WriteByte(f.order[i])
		if f.order[i] == 'Y' {
			if f.y2 {
				b.WriteByte('2')
			} else {
				b.WriteByte('4')
			}
		}
	}
	if f.sep == 0 {
		b.WriteByte('0')
	} else {
		b.WriteByte(f.sep)
	}
	return b.String()
}

// format renders d as IDS converts a DATE to text under DBDATE f.
func (f dbDate) format(d Date) string {
	y, m, dd := d.YMD()
	b := make([]byte, 0, 10)
	for i := 0; i < len(f.order); i++ {
		if i > 0 && f.sep != 0 {
			b = append(b, f.sep)
		}
		switch f.order[i] {
		case 'M':
			b = appendPadded(b, int64(m), 2)
		case 'D':
			b = appendPadded(b, int64(dd), 2)
		case 'Y':
			if f.y2 {
				b = appendPadded(b, int64(y%100), 2)
			} else {
				b = appendPadded(b, int64(y), 4)
			}
		}
	}
	return string(b)
}

// SetDBDate sets the session's DBDATE, from the login environment: the
// format of DATE values converted to text. An empty or malformed value
// keeps the default MDY4/.
func (s *Session) SetDBDate(v string) {
	if f, ok := parseDBDate(v); ok {
		s.dbdate = f
	}
}

// toStorage is the package's toStorage with text read as a DATE by the
// session's DBDATE, as IDS reads '31/08/2026' under DMY4/.
func (s *Session) toStorage(v Value, t ifxType) (any, error) {
	if str, ok := v.(string); ok && t.code == TypeDate {
		d, err := s.dbdate.parse(str)
		if err != nil {
			return nil, err
		}
		v = d
	}
	return toStorage(v, t)
}
