package engine

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/ifxgo/ifx/ifxtype"
)

// One table of composite texts, read by ifxtest's parser and by the
// driver's (ifxtype.DecodeComposite), which are written independently:
// both must accept the same texts with the same values and refuse the
// same ones.
func TestCompositeParsersAgree(t *testing.T) {
	for _, tc := range []struct {
		typ, text string
		ok        bool
	}{
		{"SET(integer not null)", "SET{1          ,2          }", true},
		{"SET(integer not null)", "set{ 7, 12, 59, 4 }", true},
		{"SET(integer not null)", "SET{}", true},
		{"SET(integer not null)", "NULL", true},
		{"LIST(varchar(10) not null)", "LIST{'a','it''s',\"q\"}", true},
		{"LIST(varchar(10) not null)", "LIST{'a,b','}',')'}", true},
		{"MULTISET(bigint not null)", "MULTISET{-9223372036854775807,9223372036854775807}", true},
		{"LIST(decimal(8,2) not null)", "LIST{1.50,-2}", true},
		{"LIST(boolean not null)", "LIST{'t',f}", true},
		{"ROW(name varchar(50), age integer)", "ROW('Alice',30         )", true},
		{"ROW(name varchar(50), age integer)", "ROW(NULL,NULL)", true},
		{"ROW(a integer, b SET(varchar(10) not null))", "ROW(1,SET{'x'})", true},
		{"LIST(ROW(a integer, b SET(varchar(10) not null)) not null)", "LIST{ROW(1          ,SET{'x'}),ROW(NULL,SET{})}", true},
		{"LIST(LIST(smallint not null) not null)", "LIST{LIST{1},LIST{}}", true},
		{"SET(integer not null)", "SET{1,NULL}", false},
		{"SET(integer not null)", "SET{1,}", false},
		{"SET(integer not null)", "SET{1", false},
		{"SET(integer not null)", "SET{1} x", false},
		{"SET(integer not null)", "ROW(1)", false},
		{"SET(integer not null)", "SET{'x'}", false},
		{"SET(integer not null)", "SET{99999999999}", false},
		{"LIST(varchar(10) not null)", "LIST{'open}", false},
		{"ROW(name varchar(50), age integer)", "ROW('a')", false},
		{"ROW(name varchar(50), age integer)", "ROW('a',1,2)", false},
		{"ROW(name varchar(50), age integer)", "SET{1}", false},
		{"LIST(LIST(smallint not null) not null)", "LIST{1}", false},
	} {
		et, err := typeFromText(tc.typ)
		if err != nil {
			t.Fatalf("%s: %v", tc.typ, err)
		}
		ct, err := ifxtype.ParseCompositeType(tc.typ)
		if err != nil {
			t.Fatalf("%s: %v", tc.typ, err)
		}
		mine, mineErr := parseCompText(tc.text, et)
		if mineErr == nil {
			// The scalar conversions decide what parsing leaves open.
			_, mineErr = canonFromDecoded(mine, et)
		}
		theirs, theirErr := ifxtype.DecodeComposite(tc.text, ct, ifxtype.DefaultCompositeLimits)
		if (mineErr == nil) != tc.ok || (theirErr == nil) != tc.ok {
			t.Errorf("%s %q: ifxtest %v, ifxtype %v; want ok=%v", tc.typ, tc.text, mineErr, theirErr, tc.ok)
			continue
		}
		if !tc.ok {
			continue
		}
		if a, b := normEngine(mine, et), normDriver(theirs); a != b {
			t.Errorf("%s %q: ifxtest reads %s, ifxtype %s", tc.typ, tc.text, a, b)
		}
	}
}

// normEngine prints what parseCompText returned, scalars by the engine's
// own conversion to their type's canonical value.
func normEngine(v any, t ifxType) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, normEngine(e, t.comp.elem))
		}
		return "{" + strings.Join(parts, ";") + "}"
	case compRowVal:
		var parts []string
		for i, e := range x {
			parts = append(parts, normEngine(e, t.comp.fields[i].t))
		}
		return "(" + strings.Join(parts, ";") + ")"
	}
	c, err := canonFromDecoded(v, t)
	if err != nil {
		return "ERR " + err.Error()
	}
	switch y := c.(type) {
	case bool:
		if y {
			return "t"
		}
		return "f"
	case Decimal:
		d, _ := ifxtype.ParseDecimal(string(y))
		return trimZeros(d.String())
	}
	return fmt.Sprint(c)
}

// normDriver prints what ifxtype.DecodeComposite returned the same way.
func normDriver(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []any:
		var parts []string
		for _, e := range x {
			parts = append(parts, normDriver(e))
		}
		return "{" + strings.Join(parts, ";") + "}"
	case *ifxtype.Row:
		var parts []string
		for _, f := range x.Fields {
			parts = append(parts, normDriver(f.Value))
		}
		return "(" + strings.Join(parts, ";") + ")"
	case bool:
		if x {
			return "t"
		}
		return "f"
	case int16:
		return strconv.Itoa(int(x))
	case int32:
		return strconv.Itoa(int(x))
	case ifxtype.Decimal:
		return trimZeros(x.String())
	}
	return fmt.Sprint(v)
}

// trimZeros drops a decimal's trailing fraction zeros: the column's
// scale, which only the engine applies, does not change the value.
func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
