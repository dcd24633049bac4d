package engine

// routineQualifier returns how many tokens of a routine name's qualifiers
// ([database:][owner.]) stand before the routine's own name when the next
// tokens call a qualified routine, as IBM JDBC's catalog queries do
// ("informix.schema_precision(…)", "testdb:ifx_param_types(1)"); 0 when
// they do not. The qualifiers only locate the routine: this server has one
// database's routines in reach and its built-ins belong to informix.
func (p *parser) routineQualifier() int {
	isIdent := func(k int) bool { return p.peekN(k).kind == tIdent }
	isOp := func(k int, op string) bool { t := p.peekN(k); return t.kind == tOp && t.text == op }
	n := 0
	if isIdent(0) && isOp(1, ":") && isIdent(2) {
		n = 2
	}
	if isIdent(n) && isOp(n+1, ".") && isIdent(n+2) && isOp(n+3, "(") {
		return n + 2
	}
	if n > 0 && isOp(n+1, "(") {
		return n
	}
	return 0
}
