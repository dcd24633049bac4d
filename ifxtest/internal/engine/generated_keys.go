package engine

// GeneratedKeys lists the SERIAL, SERIAL8 and BIGSERIAL columns of an
// INSERT's table, in table order, with the values res says the INSERT
// generated: what JDBC's getGeneratedKeys returns (docs/PROTOCOL.md,
// "Generated keys"). Statements other than INSERT have none.
func (st *Stmt) GeneratedKeys(res Result) ([]Column, []Value) {
	if st.Type != StmtInsert || len(st.serials) == 0 {
		return nil, nil
	}
	refs := append([]serialRef(nil), st.serials...)
	// table order, as DESCRIBE of the table lists them
	for i := 1; i < len(refs); i++ {
		for j := i; j > 0 && refs[j].col.no < refs[j-1].col.no; j-- {
			refs[j], refs[j-1] = refs[j-1], refs[j]
		}
	}
	cols := make([]Column, 0, len(refs))
	vals := make([]Value, 0, len(refs))
	for _, r := range refs {
		t := r.col.t
		t.notNull = false
		cols = append(cols, t.column(r.col.name))
		switch t.code {
		case TypeSerial:
			vals = append(vals, int64(res.Serial))
		case TypeSerial8:
			vals = append(vals, res.Serial8)
		default:
			vals = append(vals, res.BigSerial)
		}
	}
	return cols, vals
}
