package engine

// Reference copies of the decimal and DATETIME text helpers as they were
// before their allocation-free rewrite (values.go), for the differential
// tests in values_fast_test.go.

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

func refParseDec(s string) (decNum, bool) {
	s = strings.TrimSpace(s)
	var d decNum
	if s == "" {
		return d, false
	}
	if s[0] == '-' || s[0] == '+' {
		d.neg = s[0] == '-'
		s = s[1:]
	}
	mant, expPart := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expPart = s[:i], s[i+1:]
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	if intPart == "" && frac == "" {
		return d, false
	}
	for _, c := range intPart + frac {
		if c < '0' || c > '9' {
			return d, false
		}
	}
	if expPart != "" {
		e, err := strconv.Atoi(expPart)
		if err != nil || e > 1000 || e < -1000 {
			return d, false
		}
		d.exp = e
	}
	d.digits = strings.TrimLeft(intPart+frac, "0")
	d.exp -= len(frac)
	return refNorm(d), true
}

func refNorm(d decNum) decNum {
	d.digits = strings.TrimLeft(d.digits, "0")
	if d.digits == "" {
		d.neg = false
		d.exp = 0
	}
	return d
}

func refDropDigits(d decNum, k int) decNum {
	if k <= 0 {
		return d
	}
	n := len(d.digits)
	roundUp := false
	if k <= n {
		roundUp = d.digits[n-k] >= '5'
		d.digits = d.digits[:n-k]
	} else {
		d.digits = ""
	}
	d.exp += k
	if roundUp {
		b := []byte(d.digits)
		i := len(b) - 1
		for ; i >= 0; i-- {
			if b[i] == '9' {
				b[i] = '0'
			} else {
				b[i]++
				break
			}
		}
		if i < 0 {
			b = append([]byte{'1'}, b...)
		}
		d.digits = string(b)
	}
	return refNorm(d)
}

func refRoundSig(d decNum, p int) decNum {
	d = refDropDigits(d, len(d.digits)-p)
	for len(d.digits) > p && strings.HasSuffix(d.digits, "0") {
		d.digits = d.digits[:len(d.digits)-1]
		d.exp++
	}
	return d
}

func refFormat(d decNum, scale int) string {
	digits, exp := d.digits, d.exp
	if scale < 0 {
		for len(digits) > 0 && digits[len(digits)-1] == '0' && exp < 0 {
			digits = digits[:len(digits)-1]
			exp++
		}
	} else if -exp < scale {
		digits += strings.Repeat("0", scale+exp)
		exp = -scale
	}
	if digits == "" {
		if scale > 0 {
			return "0." + strings.Repeat("0", scale)
		}
		return "0"
	}
	var s string
	switch {
	case exp >= 0:
		s = digits + strings.Repeat("0", exp)
	case len(digits)+exp > 0:
		p := len(digits) + exp
		s = digits[:p] + "." + digits[p:]
	default:
		s = "0." + strings.Repeat("0", -(len(digits)+exp)) + digits
	}
	if d.neg {
		s = "-" + s
	}
	return s
}

func refDecStorage(d decNum) any {
	if d.digits == "" {
		return int64(0)
	}
	if d.exp >= 0 && len(d.digits)+d.exp <= 18 {
		v, _ := strconv.ParseInt(refFormat(d, -1), 10, 64)
		return v
	}
	if len(d.digits) <= 15 {
		f, _ := strconv.ParseFloat(refFormat(d, -1), 64)
		return f
	}
	return refFormat(d, -1)
}

func refDecFromFloat(f float64, sig int) decNum {
	d, _ := refParseDec(strconv.FormatFloat(f, 'g', sig, 64))
	return d
}

func refDTFormat(v dtVal) string {
	var b strings.Builder
	for i := qIdx(v.start); i <= qIdx(v.end); i++ {
		if i > qIdx(v.start) {
			b.WriteByte(dtSepAfter[i-1])
		}
		switch i {
		case 0:
			fmt.Fprintf(&b, "%04d", v.f[0])
		case 6:
			s := fmt.Sprintf("%05d", v.f[6])
			n := v.end - 10
			if n < 1 || n > 5 {
				n = 5
			}
			b.WriteString(s[:n])
		default:
			fmt.Fprintf(&b, "%02d", v.f[i])
		}
	}
	return b.String()
}

func refParseDT(s string, want int) (dtVal, error) {
	var v dtVal
	parts, seps, err := splitDT(strings.TrimSpace(s))
	if err != nil {
		return v, err
	}
	k := -1
	if matchStart(qIdx(want), len(parts), seps) {
		k = qIdx(want)
	} else {
		for i := 0; i <= 6; i++ {
			if matchStart(i, len(parts), seps) {
				k = i
				break
			}
		}
	}
	if k < 0 {
		return v, newErr(-1262, 0, "")
	}
	for i, p := range parts {
		fi := k + i
		if fi == 6 {
			if len(p) > 5 {
				p = p[:5]
			}
			n, _ := strconv.ParseInt(p+strings.Repeat("0", 5-len(p)), 10, 64)
			v.f[6] = n
			continue
		}
		if (fi == 0 && len(p) > 4) || (fi > 0 && len(p) > 2) {
			return v, newErr(-1263, 0, "")
		}
		v.f[fi], _ = strconv.ParseInt(p, 10, 64)
	}
	v.start = idxQ(k)
	last := k + len(parts) - 1
	v.end = idxQ(last)
	if last == 6 {
		n := len(parts[len(parts)-1])
		if n > 5 {
			n = 5
		}
		v.end = 10 + n
	}
	return v, v.validate()
}

func refRoundScale(d decNum, scale int) decNum { return refDropDigits(d, -d.exp-scale) }

func refDaysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
