package engine

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
)

// Composite type codes (sqltypes.h); docs/PROTOCOL.md, "Composite types".
const (
	TypeSet      = 19
	TypeMultiset = 20
	TypeList     = 21
	TypeRow      = 22
)

// compType is the structure of a composite ifxType: the element type of a
// collection or the fields of a ROW.
type compType struct {
	elem   ifxType
	fields []compField
}

type compField struct {
	name string
	t    ifxType
}

// isComposite reports whether t is a SET, MULTISET, LIST or ROW.
func (t ifxType) isComposite() bool { return t.comp != nil }

// compText prints a type as IDS prints it in a DESCRIBE's extended name,
// "ROW(name varchar(50), age integer)", "SET(integer not null)".
func compText(t ifxType) string {
	var b strings.Builder
	writeTypeText(&b, t)
	return b.String()
}

func writeTypeText(b *strings.Builder, t ifxType) {
	switch {
	case t.comp == nil:
		if (t.code == TypeVarchar || t.code == TypeNvarchar) && t.length>>8 == 0 {
			n := "varchar"
			if t.code == TypeNvarchar {
				n = "nvarchar"
			}
			fmt.Fprintf(b, "%s(%d)", n, t.length&0xff)
		} else {
			b.WriteString(t.nullable().String())
		}
	case t.code == TypeRow:
		b.WriteString("ROW(")
		for i, f := range t.comp.fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.name)
			b.WriteByte(' ')
			writeTypeText(b, f.t)
		}
		b.WriteByte(')')
	default:
		b.WriteString(map[int]string{TypeSet: "SET", TypeMultiset: "MULTISET", TypeList: "LIST"}[t.code])
		b.WriteByte('(')
		writeTypeText(b, t.comp.elem)
		b.WriteByte(')')
	}
	if t.notNull {
		b.WriteString(" not null")
	}
}

// compositeSpec parses the rest of SET(…), MULTISET(…), LIST(…) or
// ROW(…) in a type position; kw is the constructor, already consumed.
// Collection elements must be declared NOT NULL and cannot be SERIAL,
// BYTE or TEXT (IBM SQL Reference, "Collection Data Types").
func (p *parser) compositeSpec(kw token) (ifxType, int64, error) {
	if err := p.expectOp("("); err != nil {
		return ifxType{}, 0, err
	}
	t := ifxType{code: map[string]int{"set": TypeSet, "multiset": TypeMultiset, "list": TypeList, "row": TypeRow}[kw.text], comp: &compType{}}
	if t.code == TypeRow {
		for {
			name, err := p.ident()
			if err != nil {
				return ifxType{}, 0, err
			}
			at := p.peek()
			ft, _, err := p.typeSpec()
			if err != nil {
				return ifxType{}, 0, err
			}
			if ft.isSerial() || ft.code == TypeByte || ft.code == TypeText {
				return ifxType{}, 0, p.errAt(at)
			}
			if p.acceptKw("not") {
				if err := p.expectKw("null"); err != nil {
					return ifxType{}, 0, err
				}
				ft.notNull = true
			}
			t.comp.fields = append(t.comp.fields, compField{name: name, t: ft})
			if !p.acceptOp(",") {
				break
			}
		}
	} else {
		at := p.peek()
		et, _, err := p.typeSpec()
		if err != nil {
			return ifxType{}, 0, err
		}
		if et.isSerial() || et.code == TypeByte || et.code == TypeText {
			return ifxType{}, 0, p.errAt(at)
		}
		// The element's NOT NULL is mandatory.
		if err := p.expectKw("not"); err != nil {
			return ifxType{}, 0, err
		}
		if err := p.expectKw("null"); err != nil {
			return ifxType{}, 0, err
		}
		et.notNull = true
		t.comp.elem = et
	}
	if err := p.expectOp(")"); err != nil {
		return ifxType{}, 0, err
	}
	t.length = 2048 // CHOICE: no evidence of the encoded_length IDS describes
	return t, 0, nil
}

var typeTextCache sync.Map // type text → ifxType

// typeFromText parses a type text written by compText (the catalog keeps
// composite column types so, and translated SQL passes them to the Go
// functions).
func typeFromText(s string) (ifxType, error) {
	if t, ok := typeTextCache.Load(s); ok {
		return t.(ifxType), nil
	}
	toks, err := lex(s, false)
	if err != nil {
		return ifxType{}, err
	}
	p := &parser{src: s, toks: toks}
	t, _, err := p.typeSpec()
	if err != nil {
		return ifxType{}, err
	}
	if p.acceptKw("not") {
		if err := p.expectKw("null"); err != nil {
			return ifxType{}, err
		}
		t.notNull = true
	}
	if p.peek().kind != tEOF {
		return ifxType{}, p.fail()
	}
	typeTextCache.Store(s, t)
	return t, nil
}

// collectionOpen reports whether a '{' after toks opens a collection
// literal: it follows SET, MULTISET or LIST.
func collectionOpen(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	return t.kind == tIdent && !t.quoted && (t.text == "set" || t.text == "multiset" || t.text == "list")
}

// compTextTable keeps the type text of each composite extended id. It is
// not in the Informix catalog (sysxtdtypes has the type's row, but IDS
// keeps its structure in sysattrtypes), so Informix SQL cannot name it.
const compTextTable = "ifx__xtdtext"

// registerCompType gives a composite column type its extended id (user
// types start at 2048) and records it in sysxtdtypes and compTextTable.
func registerCompType(ctx context.Context, c dbConn, t ifxType) (int32, error) {
	if _, err := c.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+compTextTable+" (extended_id INTEGER PRIMARY KEY, text TEXT)"); err != nil {
		return 0, err
	}
	var xid int32
	if err := c.QueryRowContext(ctx, "SELECT MAX(2047, COALESCE((SELECT MAX(extended_id) FROM sysxtdtypes), 0)) + 1").Scan(&xid); err != nil {
		return 0, err
	}
	mode := "C"
	if t.code == TypeRow {
		mode = "R"
	}
	if _, err := c.ExecContext(ctx, `INSERT INTO sysxtdtypes (extended_id, domain, mode, owner, name, type, source,
		maxlen, length, byvalue, cannothash, align, locator) VALUES (?, ?, ?, 'informix', NULL, ?, 0, 2048, 0, 'F', 'F', 4, 0)`,
		xid, mode, mode, t.code); err != nil {
		return 0, err
	}
	if err := writeAttrTypes(ctx, c, xid, t); err != nil {
		return 0, err
	}
	_, err := c.ExecContext(ctx, "INSERT INTO "+compTextTable+" (extended_id, text) VALUES (?, ?)", xid, compText(t.nullable()))
	return xid, err
}

// loadCompTypes gives the composite columns of ti their structure.
func loadCompTypes(ctx context.Context, c dbConn, prefix string, ti *tableInfo) error {
	for i := range ti.cols {
		ct := &ti.cols[i].t
		if ct.code < TypeSet || ct.code > TypeRow {
			continue
		}
		var text string
		if err := c.QueryRowContext(ctx, "SELECT text FROM "+prefix+compTextTable+" WHERE extended_id = ?", ct.xid).Scan(&text); err != nil {
			return fmt.Errorf("composite type %d of column %s: %w", ct.xid, ti.cols[i].name, err)
		}
		t, err := typeFromText(text)
		if err != nil {
			return err
		}
		var name sql.NullString
		// A named ROW type keeps its name (sysxtdtypes.name).
		_ = c.QueryRowContext(ctx, "SELECT name FROM "+prefix+"sysxtdtypes WHERE extended_id = ?", ct.xid).Scan(&name)
		t.notNull, t.xid, t.xname = ct.notNull, ct.xid, name.String
		*ct = t
	}
	return nil
}
