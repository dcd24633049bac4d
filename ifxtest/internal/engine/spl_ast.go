package engine

// SPL (Stored Procedure Language) statements, as IBM's "SPL statements"
// reference (Guide to SQL: Syntax) lists them. Each is a Go type that
// runs itself against a splFrame (spl_exec.go); the parser is
// spl_parse.go. A new statement kind is one type here, one case in
// splParser.stmt and its exec method.

// splStmt is one SPL statement of a routine body.
type splStmt interface {
	exec(fr *splFrame) (splFlow, error)
}

// splFlow says how a statement ended: normally, or by EXIT, CONTINUE or
// RETURN, which unwind to the loop or routine they name.
type splFlow struct {
	kind int    // flowNext, flowExit, flowContinue, flowReturn
	loop string // EXIT/CONTINUE: "for", "while", "foreach", or "" for the innermost
}

const (
	flowNext = iota
	flowExit
	flowContinue
	flowReturn
)

// splBlock is a statement block: its DEFINEs, ON EXCEPTION handlers and
// statements. The routine body and BEGIN … END are blocks; so is each
// branch and loop body (they open no scope of their own in IDS, but a
// scope here is harmless: DEFINE is only allowed at a block's start).
type splBlock struct {
	defines  []*splDefine
	handlers []*splHandler
	stmts    []splStmt
	scope    bool // BEGIN … END or the body: DEFINEs are local to it
}

// splDefine is DEFINE [GLOBAL] names type|LIKE table.column [DEFAULT v].
type splDefine struct {
	names    []string
	t        ifxType
	like     *tableName
	likeCol  string
	global   bool
	def      expr
	hasValue bool
}

// splHandler is ON EXCEPTION [IN (codes)] [SET sqlvar[, isamvar[, textvar]]]
// … END EXCEPTION [WITH RESUME].
type splHandler struct {
	codes  []int
	set    []string
	body   *splBlock
	resume bool
}

// splLet is LET targets = expressions | (SELECT …) | function(args).
type splLet struct {
	p       int
	targets []string
	exprs   []expr
	sel     *selectStmt // LET a, b = (SELECT x, y …)
	call    *splCall    // LET a, b = f(args) of a user routine (decided when run)
}

type splIf struct {
	conds  []expr
	blocks []*splBlock
	els    *splBlock
}

// splFor is FOR v = a TO b [STEP s] or FOR v IN (ranges and values).
type splFor struct {
	v     string
	items []splForItem
	body  *splBlock
}

type splForItem struct {
	from, to, step expr // to == nil: one value
}

type splWhile struct {
	cond expr
	body *splBlock
}

type splExitStmt struct{ flow splFlow }

// splForeach is FOREACH [cursor [WITH HOLD] FOR] SELECT … INTO … | EXECUTE
// FUNCTION|PROCEDURE f(args) INTO vars, body, END FOREACH.
type splForeach struct {
	cursor string
	sel    *splSQL
	call   *splCall
	body   *splBlock
	rowid  bool // the query's last item is the row's rowid (a named cursor)
}

// splCursorVar names the hidden variable holding a FOREACH cursor's rowid.
func splCursorVar(cursor string) string { return "ifx cursor " + cursor }

type splReturn struct {
	exprs  []expr
	resume bool
}

// splCall is CALL r(args) [RETURNING vars], and a call of a user routine
// from LET or FOREACH.
type splCall struct {
	p         int
	name      string
	args      []expr
	returning []string
	trigRefs  bool // WITH TRIGGER REFERENCES: a trigger routine (trigger_routine.go)
}

type splRaise struct {
	code, isam, text expr
}

type splNoop struct{} // TRACE

type splSystem struct{ p int }

// splSQL is an SQL statement in a body: INSERT, UPDATE, DELETE, or SELECT
// with an INTO list of SPL variables. SPL variables in it are bound as
// parameters when it runs (the translator resolves them, translate.go).
type splSQL struct {
	p    int
	ast  statement
	into []string
	src  string
}
