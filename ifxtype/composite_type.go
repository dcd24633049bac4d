package ifxtype

import (
	"fmt"
	"strings"

	"github.com/ifxgo/ifx/sqli"
)

// CompositeKind says which constructor a composite type uses.
type CompositeKind uint8

// The kinds of a CompositeType. KindScalar is every built-in or opaque
// type; the others are IDS's type constructors.
const (
	KindScalar CompositeKind = iota
	KindSet
	KindMultiset
	KindList
	KindRow
)

// String returns the constructor's keyword ("SET", …) or "scalar".
func (k CompositeKind) String() string {
	switch k {
	case KindSet:
		return "SET"
	case KindMultiset:
		return "MULTISET"
	case KindList:
		return "LIST"
	case KindRow:
		return "ROW"
	}
	return "scalar"
}

// kindOfCode is the constructor a DESCRIBE or catalog type code names
// (KindScalar for any other code).
func kindOfCode(t sqli.TypeCode) CompositeKind {
	switch t {
	case sqli.TypeSet:
		return KindSet
	case sqli.TypeMultiset:
		return KindMultiset
	case sqli.TypeList:
		return KindList
	case sqli.TypeRow:
		return KindRow
	}
	return KindScalar
}

// IsCollection reports whether k is SET, MULTISET or LIST.
func (k CompositeKind) IsCollection() bool { return k >= KindSet && k <= KindList }

// CompositeType is a type as IDS prints it in a DESCRIBE's extended name,
// e.g. "ROW(name varchar(50), age integer)" or "SET(integer not null)"
// (docs/PROTOCOL.md, "Composite types"), parsed into a tree.
type CompositeType struct {
	Kind    CompositeKind
	Scalar  string         // lower-case scalar type text, e.g. "varchar(10)" (KindScalar)
	NotNull bool           // the element or field was declared NOT NULL
	Elem    *CompositeType // element type (collections)
	Fields  []CompositeField
	// Name is a named ROW type's name (read from the catalog), printed
	// in its fields' place; "" for an unnamed ROW and the others.
	Name string
}

// CompositeField is one field of a ROW type.
type CompositeField struct {
	Name string
	Type *CompositeType
}

// String prints t the way IDS prints types in a DESCRIBE.
func (t *CompositeType) String() string {
	var b strings.Builder
	t.write(&b)
	return b.String()
}

func (t *CompositeType) write(b *strings.Builder) {
	switch {
	case t.Kind.IsCollection():
		b.WriteString(t.Kind.String())
		b.WriteByte('(')
		t.Elem.write(b)
		b.WriteByte(')')
	case t.Kind == KindRow && t.Name != "":
		b.WriteString(t.Name)
	case t.Kind == KindRow:
		b.WriteString("ROW(")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.Name)
			b.WriteByte(' ')
			f.Type.write(b)
		}
		b.WriteByte(')')
	default:
		b.WriteString(t.Scalar)
	}
	if t.NotNull {
		b.WriteString(" not null")
	}
}

// maxTypeDepth bounds the nesting of a type text, which comes from the
// wire like the values it describes.
const maxTypeDepth = 64

// ParseCompositeType parses a type as IDS prints it: a scalar type name
// with its parameters, SET/MULTISET/LIST(elem [NOT NULL]) or
// ROW(name type [NOT NULL], …), nested to at most 64 levels. Errors wrap
// ErrSyntax or ErrLimit.
func ParseCompositeType(s string) (*CompositeType, error) {
	p := typeParser{s: s}
	t, err := p.parse(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, p.errf("unexpected %q", p.s[p.i:])
	}
	return t, nil
}

type typeParser struct {
	s string
	i int
}

func (p *typeParser) errf(format string, args ...any) error {
	return fmt.Errorf("%w: composite type %q at %d: %s", ErrSyntax, p.s, p.i, fmt.Sprintf(format, args...))
}

func (p *typeParser) space() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// word reads an identifier (letters, digits, '_', '$').
func (p *typeParser) word() string {
	p.space()
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			p.i++
			continue
		}
		break
	}
	return p.s[start:p.i]
}

func (p *typeParser) accept(c byte) bool {
	p.space()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *typeParser) parse(depth int) (*CompositeType, error) {
	if depth >= maxTypeDepth {
		return nil, &LimitError{What: "type nesting depth", Limit: maxTypeDepth}
	}
	w := p.word()
	if w == "" {
		return nil, p.errf("type name expected")
	}
	t := &CompositeType{}
	switch strings.ToLower(w) {
	case "set":
		t.Kind = KindSet
	case "multiset":
		t.Kind = KindMultiset
	case "list":
		t.Kind = KindList
	case "row":
		t.Kind = KindRow
	}
	switch {
	case t.Kind.IsCollection():
		if !p.accept('(') {
			return nil, p.errf("( expected")
		}
		e, err := p.parse(depth + 1)
		if err != nil {
			return nil, err
		}
		t.Elem = e
		if !p.accept(')') {
			return nil, p.errf(") expected")
		}
	case t.Kind == KindRow:
		if !p.accept('(') {
			return nil, p.errf("( expected")
		}
		for {
			name := p.word()
			if name == "" {
				return nil, p.errf("field name expected")
			}
			ft, err := p.parse(depth + 1)
			if err != nil {
				return nil, err
			}
			t.Fields = append(t.Fields, CompositeField{Name: name, Type: ft})
			if p.accept(')') {
				break
			}
			if !p.accept(',') {
				return nil, p.errf(", or ) expected")
			}
		}
	default:
		t.Scalar = strings.ToLower(w)
		if err := p.scalarRest(t); err != nil {
			return nil, err
		}
	}
	p.notNull(t)
	return t, nil
}

// scalarRest reads what follows a scalar type's first word: a
// parenthesised parameter list, "precision" after "double", and DATETIME
// and INTERVAL qualifiers ("year to fraction(3)").
func (p *typeParser) scalarRest(t *CompositeType) error {
	for {
		save := p.i
		p.space()
		if p.i < len(p.s) && p.s[p.i] == '(' {
			end := strings.IndexByte(p.s[p.i:], ')')
			if end < 0 {
				return p.errf(") expected")
			}
			t.Scalar += strings.ToLower(strings.ReplaceAll(p.s[p.i:p.i+end+1], " ", ""))
			p.i += end + 1
			continue
		}
		w := strings.ToLower(p.word())
		switch w {
		case "precision", "year", "month", "day", "hour", "minute", "second", "fraction", "to":
			t.Scalar += " " + w
			continue
		}
		p.i = save
		return nil
	}
}

func (p *typeParser) notNull(t *CompositeType) {
	save := p.i
	if strings.EqualFold(p.word(), "not") && strings.EqualFold(p.word(), "null") {
		t.NotNull = true
		return
	}
	p.i = save
}
