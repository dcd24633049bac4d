package engine

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"modernc.org/sqlite"
	"modernc.org/sqlite/vtab"
)

// sessionRegistry maps session ids to sessions for SQL functions that need
// session state (ifx_serial).
var sessionRegistry sync.Map

type sqlFunc = func(ctx *sqlite.FunctionContext, args []driver.Value) (driver.Value, error)

func fnErr(e *Error) error { return encodeErr(e) }

func wrapFn(f func(args []driver.Value) (driver.Value, error)) sqlFunc {
	return func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		v, err := f(args)
		if e, ok := err.(*Error); ok {
			return nil, fnErr(e)
		}
		return v, err
	}
}

func argInt(v driver.Value) int64 {
	n, _ := toInt64(v)
	return n
}

// registerSQLFunctions installs the Go functions the translated SQL calls.
func registerSQLFunctions() {
	det := func(name string, n int32, f func(args []driver.Value) (driver.Value, error)) {
		sqlite.MustRegisterDeterministicScalarFunction(name, n, wrapFn(f))
	}
	vol := func(name string, n int32, f func(args []driver.Value) (driver.Value, error)) {
		sqlite.MustRegisterScalarFunction(name, n, wrapFn(f))
	}
	registerCompFunctions(det)
	registerCatalogFunctions(det)
	registerLOFunctions(vol)
	if err := vtab.RegisterModule(nil, "ifx_generate", genModule{}); err != nil {
		panic(err)
	}
	if err := vtab.RegisterModule(nil, "ifx_sessions", sessModule{}); err != nil {
		panic(err)
	}
	vol("ifx_serial", 4, func(a []driver.Value) (driver.Value, error) {
		si, ok := sessionRegistry.Load(argInt(a[0]))
		if !ok {
			return nil, newErr(-999, 0, "")
		}
		var v int64
		if a[2] != nil {
			var err error
			if v, err = toInt64(a[2]); err != nil {
				return nil, err
			}
		}
		return si.(*Session).nextSerial(a[1].(string), v, int(argInt(a[3])))
	})
	det("ifx_cast", 3, func(a []driver.Value) (driver.Value, error) {
		return castValue(a[0], typeOfSpec(argInt(a[1])), typeOfSpec(argInt(a[2])))
	})
	det("ifx_datetext", 4, func(a []driver.Value) (driver.Value, error) {
		// A DATE to a character type, in the DBDATE format of a[3].
		if a[0] == nil {
			return nil, nil
		}
		v, err := fromStorage(a[0], typeOfSpec(argInt(a[1])))
		if err != nil {
			return nil, err
		}
		d, err := toDate(v)
		if err != nil {
			return nil, err
		}
		f, ok := parseDBDate(toText(a[3]))
		if !ok {
			f = defaultDBDate
		}
		return toStorage(f.format(d), typeOfSpec(argInt(a[2])))
	})
	det("ifx_div", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		d, err := toFloat(a[1])
		if err != nil {
			return nil, err
		}
		if d == 0 {
			return nil, newErr(-1202, 0, "")
		}
		n, err := toFloat(a[0])
		if err != nil {
			return nil, err
		}
		return n / d, nil
	})
	roundFn := func(trunc bool) func(a []driver.Value) (driver.Value, error) {
		return func(a []driver.Value) (driver.Value, error) {
			if a[0] == nil {
				return nil, nil
			}
			d, err := toDec(a[0])
			if err != nil {
				return nil, err
			}
			n := int(argInt(a[1]))
			if trunc {
				if k := -d.exp - n; k > 0 {
					if k >= len(d.digits) {
						d.digits = ""
					} else {
						d.digits = d.digits[:len(d.digits)-k]
					}
					d.exp += k
					d = d.norm()
				}
			} else {
				d = d.roundScale(n)
			}
			return decStorage(d), nil
		}
	}
	det("ifx_round", 2, roundFn(false))
	det("ifx_trunc", 2, roundFn(true))
	det("ifx_like", 4, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		esc := []rune(toText(a[2]))
		var e rune
		if len(esc) > 0 {
			e = esc[0]
		}
		var g string
		if argInt(a[3]) == 1 {
			g = matchesToGlob(toText(a[1]), e)
		} else {
			g = likeToGlob(toText(a[1]), e)
		}
		if globMatch(g, toText(a[0])) {
			return int64(1), nil
		}
		return int64(0), nil
	})
	det("ifx_mdy", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil || a[1] == nil || a[2] == nil {
			return nil, nil
		}
		d, err := dateOf(int(argInt(a[2])), int(argInt(a[0])), int(argInt(a[1])))
		return int64(d), err
	})
	det("ifx_datepart", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		t := typeOfSpec(argInt(a[1]))
		var y, m, d int
		switch {
		case t.code == TypeDatetime:
			dv, err := parseDT(toText(a[0]), t.qualStart())
			if err != nil {
				return nil, err
			}
			dv = dv.extend(QYear, QDay)
			y, m, d = int(dv.f[0]), int(dv.f[1]), int(dv.f[2])
		default:
			v, err := fromStorage(a[0], t)
			if err != nil {
				return nil, err
			}
			dt, err := toDate(v)
			if err != nil {
				return nil, err
			}
			y, m, d = dt.YMD()
		}
		switch toText(a[2]) {
		case "year":
			return int64(y), nil
		case "month":
			return int64(m), nil
		case "day":
			return int64(d), nil
		}
		return int64(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Weekday()), nil
	})
	det("ifx_dtadd", 4, func(a []driver.Value) (driver.Value, error) {
		return dtAddValue(a[0], a[1], typeOfSpec(argInt(a[2])), typeOfSpec(argInt(a[3])))
	})
	det("ifx_dtsub", 5, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		toTime := func(v driver.Value, spec int64) (time.Time, error) {
			t := typeOfSpec(spec)
			dv, err := parseDT(toText(v), t.qualStart())
			if err != nil {
				return time.Time{}, err
			}
			f := dv.extend(QYear, 15)
			return time.Date(int(f.f[0]), time.Month(f.f[1]), int(f.f[2]), int(f.f[3]), int(f.f[4]), int(f.f[5]), int(f.f[6])*10000, time.UTC), nil
		}
		x, err := toTime(a[0], argInt(a[2]))
		if err != nil {
			return nil, err
		}
		y, err := toTime(a[1], argInt(a[3]))
		if err != nil {
			return nil, err
		}
		iv := typeOfSpec(argInt(a[4]))
		n := unitsBetween(x, y)
		u := endUnit(iv.qualEnd())
		return n / u * u, nil
	})
	vol("ifx_today", 0, func(a []driver.Value) (driver.Value, error) { return todayDate(), nil })
	vol("ifx_current", 1, func(a []driver.Value) (driver.Value, error) {
		t := typeOfSpec(argInt(a[0]))
		return dtNow().extend(t.qualStart(), t.qualEnd()).format(), nil
	})
	det("ifx_charlen", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		return argInt(a[1]), nil
	})
	det("ifx_pad", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		s := toText(a[0])
		if n, l := int(argInt(a[1])), dbLen(s); l < n {
			s += strings.Repeat(" ", n-l)
		}
		return s, nil
	})
	det("ifx_initcap", 1, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		rs := []rune(strings.ToLower(toText(a[0])))
		prev := false
		for i, r := range rs {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if !prev {
					rs[i] = unicode.ToUpper(r)
				}
				prev = true
			} else {
				prev = false
			}
		}
		return string(rs), nil
	})
	pad := func(left bool) func(a []driver.Value) (driver.Value, error) {
		return func(a []driver.Value) (driver.Value, error) {
			if a[0] == nil || a[1] == nil {
				return nil, nil
			}
			s, n, p := []rune(toText(a[0])), int(argInt(a[1])), []rune(toText(a[2]))
			if n < 0 {
				n = 0
			}
			if len(s) >= n || len(p) == 0 {
				return string(s[:min(len(s), n)]), nil
			}
			fill := make([]rune, 0, n-len(s))
			for len(fill) < n-len(s) {
				fill = append(fill, p[len(fill)%len(p)])
			}
			if left {
				return string(fill) + string(s), nil
			}
			return string(s) + string(fill), nil
		}
	}
	det("ifx_lpad", 3, pad(true))
	det("ifx_rpad", 3, pad(false))
	det("ifx_hex", 1, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		return fmt.Sprintf("0x%08X", uint32(argInt(a[0]))), nil
	})
	det("ifx_to_char", 3, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		t := typeOfSpec(argInt(a[1]))
		v, err := fromStorage(a[0], t)
		if err != nil {
			return nil, err
		}
		if a[2] == nil || (t.code != TypeDate && t.code != TypeDatetime) {
			return strings.TrimRight(toText(v), " "), nil
		}
		var f dtVal
		if t.code == TypeDate {
			f = dtFromDate(v.(Date)).extend(QYear, 15)
		} else {
			dv, err := parseDT(toText(v), t.qualStart())
			if err != nil {
				return nil, err
			}
			f = dv.extend(QYear, 15)
		}
		return formatDTPattern(f, toText(a[2])), nil
	})
	det("ifx_to_date", 2, func(a []driver.Value) (driver.Value, error) {
		if a[0] == nil {
			return nil, nil
		}
		s := toText(a[0])
		if a[1] == nil {
			dv, err := parseDT(s, QYear)
			if err != nil {
				return nil, err
			}
			return dv.extend(QYear, 15).format(), nil
		}
		dv, err := parseDTPattern(s, toText(a[1]))
		if err != nil {
			return nil, err
		}
		return dv.format(), nil
	})
}

// globMatch implements SQLite GLOB semantics for ifx_like.
func globMatch(p, s string) bool {
	pr, sr := []rune(p), []rune(s)
	var m func(i, j int) bool
	m = func(i, j int) bool {
		for i < len(pr) {
			switch pr[i] {
			case '*':
				for k := j; k <= len(sr); k++ {
					if m(i+1, k) {
						return true
					}
				}
				return false
			case '?':
				if j >= len(sr) {
					return false
				}
			case '[':
				if j >= len(sr) {
					return false
				}
				k := i + 1
				neg := k < len(pr) && pr[k] == '^'
				if neg {
					k++
				}
				ok := false
				first := true
				for k < len(pr) && (pr[k] != ']' || first) {
					if k+2 < len(pr) && pr[k+1] == '-' && pr[k+2] != ']' {
						if sr[j] >= pr[k] && sr[j] <= pr[k+2] {
							ok = true
						}
						k += 3
					} else {
						if sr[j] == pr[k] {
							ok = true
						}
						k++
					}
					first = false
				}
				if ok == neg {
					return false
				}
				i = k
			default:
				if j >= len(sr) || sr[j] != pr[i] {
					return false
				}
			}
			i++
			j++
		}
		return j == len(sr)
	}
	return m(0, 0)
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// formatDTPattern formats with GL_DATETIME style directives (%Y %m %d %H %M %S %F %b …).
func formatDTPattern(f dtVal, p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] != '%' || i+1 >= len(p) {
			b.WriteByte(p[i])
			continue
		}
		i++
		switch p[i] {
		case 'Y':
			fmt.Fprintf(&b, "%04d", f.f[0])
		case 'y':
			fmt.Fprintf(&b, "%02d", f.f[0]%100)
		case 'm':
			fmt.Fprintf(&b, "%02d", f.f[1])
		case 'd':
			fmt.Fprintf(&b, "%02d", f.f[2])
		case 'e':
			fmt.Fprintf(&b, "%2d", f.f[2])
		case 'H':
			fmt.Fprintf(&b, "%02d", f.f[3])
		case 'I':
			h := f.f[3] % 12
			if h == 0 {
				h = 12
			}
			fmt.Fprintf(&b, "%02d", h)
		case 'p':
			if f.f[3] < 12 {
				b.WriteString("AM")
			} else {
				b.WriteString("PM")
			}
		case 'M':
			fmt.Fprintf(&b, "%02d", f.f[4])
		case 'S':
			fmt.Fprintf(&b, "%02d", f.f[5])
		case 'F':
			n := 5
			if i+1 < len(p) && p[i+1] >= '1' && p[i+1] <= '5' {
				i++
				n = int(p[i] - '0')
			}
			b.WriteString(fmt.Sprintf("%05d", f.f[6])[:n])
		case 'b', 'h':
			b.WriteString(monthNames[f.f[1]-1][:3])
		case 'B':
			b.WriteString(monthNames[f.f[1]-1])
		case 'A', 'a':
			wd := time.Date(int(f.f[0]), time.Month(f.f[1]), int(f.f[2]), 0, 0, 0, 0, time.UTC).Weekday().String()
			if p[i] == 'a' {
				wd = wd[:3]
			}
			b.WriteString(wd)
		case '%':
			b.WriteByte('%')
		default:
			b.WriteByte('%')
			b.WriteByte(p[i])
		}
	}
	return b.String()
}

// parseDTPattern parses s with the numeric directives of a format.
func parseDTPattern(s, p string) (dtVal, error) {
	v := dtVal{f: [7]int64{1, 1, 1}, start: QYear, end: 15}
	j := 0
	num := func(max int) (int64, error) {
		k := j
		for k < len(s) && k-j < max && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k == j {
			return 0, newErr(-1218, 0, "")
		}
		n, _ := strconv.ParseInt(s[j:k], 10, 64)
		j = k
		return n, nil
	}
	for i := 0; i < len(p); i++ {
		if p[i] != '%' || i+1 >= len(p) {
			if j < len(s) && s[j] == p[i] {
				j++
				continue
			}
			return v, newErr(-1218, 0, "")
		}
		i++
		var err error
		switch p[i] {
		case 'Y':
			v.f[0], err = num(4)
		case 'y':
			v.f[0], err = num(2)
			v.f[0] += 2000
		case 'm':
			v.f[1], err = num(2)
		case 'd', 'e':
			v.f[2], err = num(2)
		case 'H':
			v.f[3], err = num(2)
		case 'M':
			v.f[4], err = num(2)
		case 'S':
			v.f[5], err = num(2)
		case 'b', 'B':
			found := false
			for k, mn := range monthNames {
				for _, cand := range []string{mn, mn[:3]} {
					if strings.HasPrefix(strings.ToLower(s[j:]), strings.ToLower(cand)) {
						v.f[1] = int64(k + 1)
						j += len(cand)
						found = true
						break
					}
				}
				if found {
					break
				}
			}
			if !found {
				err = newErr(-1218, 0, "")
			}
		default:
			err = newErr(-1218, 0, "")
		}
		if err != nil {
			return v, err
		}
	}
	if j != len(s) {
		return v, newErr(-1218, 0, "")
	}
	return v, v.validate()
}
