package engine

import "strings"

// Trigger routines (IBM Guide to SQL: Tutorial, "Trigger routines";
// Guide to SQL: Syntax, "CREATE PROCEDURE statement", Referencing
// Clause): a procedure declared with REFERENCING OLD AS o NEW AS n FOR
// table, called from a FOR EACH ROW action by EXECUTE PROCEDURE …
// WITH TRIGGER REFERENCES. It reads the triggering row as o.column and
// n.column and may change the row being written with LET n.column = ….
// EXECUTE FUNCTION f(…) INTO column, … in a FOR EACH ROW action sets the
// row's columns to the function's results the same way.
//
// The correlated columns are variables the FOR EACH ROW routine shares
// with the trigger routine it calls, under hidden names that no SQL text
// can spell ("ifx old.column", "ifx new.column"); after the row's actions
// the new values that changed are written to the row (trigger_fire.go).

// trigRefClause is a trigger routine's REFERENCING … FOR table.
type trigRefClause struct {
	oldName, newName string
	table            tableName
}

// Hidden names of the correlated columns.
const (
	trigOldVar = "ifx old."
	trigNewVar = "ifx new."
)

// trigRefClause parses REFERENCING {OLD [AS] o | NEW [AS] n} … FOR table
// [;] in CREATE PROCEDURE.
func (p *parser) trigRefClause() (*trigRefClause, error) {
	p.next() // REFERENCING
	r := &trigRefClause{}
	for p.isKw("old") || p.isKw("new") {
		t := p.next()
		p.acceptKw("as")
		n, err := p.ident()
		if err != nil {
			return nil, err
		}
		switch {
		case t.text == "old" && r.oldName == "":
			r.oldName = n
		case t.text == "new" && r.newName == "":
			r.newName = n
		default:
			return nil, p.errAt(t)
		}
	}
	if r.oldName == "" && r.newName == "" {
		return nil, p.fail()
	}
	if err := p.expectKw("for"); err != nil {
		return nil, err
	}
	var err error
	if r.table, err = p.tableName(); err != nil {
		return nil, err
	}
	p.acceptOp(";")
	return r, nil
}

// triggerRefs gives a trigger routine called WITH TRIGGER REFERENCES the
// caller's correlated columns under its own correlation names; they are
// the same variables, so its LET n.column changes the caller's row.
func (fr *splFrame) triggerRefs(def *createRoutineStmt) (map[string]*splVar, error) {
	if def.trigRef == nil {
		e := newErr(-999, 0, "")
		e.Message += " (" + def.name + " is called WITH TRIGGER REFERENCES but has no REFERENCING clause)"
		return nil, e
	}
	out := map[string]*splVar{}
	found := false
	for name, v := range fr.scopes[0] {
		switch {
		case strings.HasPrefix(name, trigOldVar) && def.trigRef.oldName != "":
			out[def.trigRef.oldName+"."+name[len(trigOldVar):]] = v
		case strings.HasPrefix(name, trigNewVar) && def.trigRef.newName != "":
			out[def.trigRef.newName+"."+name[len(trigNewVar):]] = v
		default:
			continue
		}
		found = true
	}
	if !found {
		e := newErr(-999, 0, "")
		e.Message += " (WITH TRIGGER REFERENCES outside the FOR EACH ROW actions of a trigger)"
		return nil, e
	}
	return out, nil
}
