package engine

import "context"

// ---- expressions ----

type expr interface{ pos() int }

type (
	numLit struct {
		p    int
		text string
	}
	strLit struct {
		p   int
		val string
	}
	nullLit struct{ p int }
	boolLit struct {
		p   int
		val bool
	}
	paramRef struct {
		p   int
		idx int
	}
	colRef struct {
		p     int
		parts []string
	}
	unaryExpr struct {
		p  int
		op string // "-", "+", "not"
		x  expr
	}
	binExpr struct {
		p    int
		op   string
		l, r expr
	}
	isNullExpr struct {
		p   int
		x   expr
		not bool
	}
	betweenExpr struct {
		p         int
		x, lo, hi expr
		not       bool
	}
	inExpr struct {
		p    int
		x    expr
		list []expr
		sub  *selectStmt
		not  bool
	}
	likeExpr struct {
		p            int
		x, pat, esc  expr
		not, matches bool
	}
	existsExpr struct {
		p   int
		sub *selectStmt
		not bool
	}
	subqExpr struct {
		p   int
		sub *selectStmt
	}
	caseExpr struct {
		p            int
		operand      expr
		whens, thens []expr
		els          expr
	}
	funcExpr struct {
		p        int
		name     string
		args     []expr
		distinct bool
		star     bool
		mode     string  // TRIM: leading/trailing/both
		qual     ifxType // EXTEND target qualifier
		hasQual  bool
	}
	castExpr struct {
		p int
		x expr
		t ifxType
	}
	dtLitExpr struct {
		p    int
		text string
		t    ifxType
	}
	kwExpr struct {
		p  int
		kw string  // today, current, user, sysdate
		t  ifxType // CURRENT qualifier
	}
	unitsExpr struct {
		p     int
		x     expr
		field int
	}
	// substrExpr is the substring operator, column[first,last].
	substrExpr struct {
		p           int
		x           *colRef
		first, last int
	}
)

func (e *numLit) pos() int      { return e.p }
func (e *strLit) pos() int      { return e.p }
func (e *nullLit) pos() int     { return e.p }
func (e *boolLit) pos() int     { return e.p }
func (e *paramRef) pos() int    { return e.p }
func (e *colRef) pos() int      { return e.p }
func (e *unaryExpr) pos() int   { return e.p }
func (e *binExpr) pos() int     { return e.p }
func (e *isNullExpr) pos() int  { return e.p }
func (e *betweenExpr) pos() int { return e.p }
func (e *inExpr) pos() int      { return e.p }
func (e *likeExpr) pos() int    { return e.p }
func (e *existsExpr) pos() int  { return e.p }
func (e *subqExpr) pos() int    { return e.p }
func (e *caseExpr) pos() int    { return e.p }
func (e *funcExpr) pos() int    { return e.p }
func (e *castExpr) pos() int    { return e.p }
func (e *dtLitExpr) pos() int   { return e.p }
func (e *kwExpr) pos() int      { return e.p }
func (e *unitsExpr) pos() int   { return e.p }
func (e *substrExpr) pos() int  { return e.p }

// ---- SELECT ----

type selectStmt struct {
	p         int
	with      []cteDef
	core      *selectCore
	setOps    []setOp
	orderBy   []orderItem
	limit     expr
	offset    expr
	intoTemp  string
	intoNoLog bool
	forUpdate bool // FOR UPDATE [OF ...]: refused by a scroll cursor (-526)
}

func (x *selectStmt) describe() stmtInfo {
	if x.intoTemp != "" {
		return stmtInfo{typ: StmtSelectInto, writes: true}
	}
	return stmtInfo{typ: StmtSelect}
}

func (x *selectStmt) translate(t *translator, st *Stmt) error {
	var err error
	var post *postState
	if hoistable(x) {
		post = &postState{core: x.core}
		t.post = post
	}
	st.sql, st.cols, err = t.selectSQL(x, nil, false)
	t.post, st.post = nil, nil
	if post != nil {
		st.post = post.convs
	}
	if err == nil && x.intoTemp == "" {
		for _, c := range st.cols {
			st.Columns = append(st.Columns, c.t.column(c.name))
		}
	}
	return err
}

func (x *selectStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	if st.returnsRows() {
		return st.drain(ctx, args)
	}
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.execIntoTemp(ctx, x) })
}

type cteDef struct {
	name string
	cols []string
	sel  *selectStmt
}

type setOp struct {
	op   string // "union", "union all", "intersect", "except"
	core *selectCore
}

type selectCore struct {
	p        int
	distinct bool
	first    expr
	skip     expr
	items    []selItem
	from     []fromItem
	where    expr
	groupBy  []expr
	having   expr
}

type selItem struct {
	e     expr
	alias string
	star  bool
	qual  string
}

type orderItem struct {
	e     expr
	desc  bool
	nulls string
}

type fromItem interface{ fromPos() int }

type tableName struct {
	p               int
	db, owner, name string
}

type tableSrc struct {
	tn    tableName
	alias string
}

type genSrc struct { // TABLE(ifx_generate(n))
	p     int
	n     expr
	alias string
	cols  []string
}

type subSrc struct {
	p     int
	sel   *selectStmt
	alias string
	cols  []string
}

type joinSrc struct {
	kind        string // inner, left, right, full, cross
	left, right fromItem
	on          expr
	using       []string
}

func (t *tableSrc) fromPos() int { return t.tn.p }
func (t *genSrc) fromPos() int   { return t.p }
func (t *subSrc) fromPos() int   { return t.p }
func (t *joinSrc) fromPos() int  { return t.left.fromPos() }

// ---- DML ----

type insertStmt struct {
	p     int
	table tableName
	cols  []string
	rows  [][]expr
	sel   *selectStmt
}

func (x *insertStmt) describe() stmtInfo {
	return stmtInfo{typ: StmtInsert, table: x.table.name, writes: true}
}

func (x *insertStmt) translate(t *translator, st *Stmt) error {
	sqlText, target, serials, err := t.insert(x)
	st.sql, st.serials = sqlText, serials
	if err == nil && st.nparams > 0 {
		for _, c := range target {
			st.Columns = append(st.Columns, c.t.column(c.name))
		}
	}
	return err
}

func (x *insertStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execWrite(ctx, args)
}

type setClause struct {
	cols []string
	vals []expr
	sub  *selectStmt
}

type updateStmt struct {
	p     int
	table tableName
	alias string
	sets  []setClause
	where expr
}

func (x *updateStmt) describe() stmtInfo {
	typ := StmtUpdate
	if x.where == nil {
		typ = StmtUpdateAll
	}
	return stmtInfo{typ: typ, table: x.table.name, writes: true, where: &x.where}
}

func (x *updateStmt) translate(t *translator, st *Stmt) error {
	var err error
	st.sql, err = t.update(x)
	return err
}

func (x *updateStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execWrite(ctx, args)
}

type deleteStmt struct {
	p     int
	table tableName
	alias string
	where expr
}

func (x *deleteStmt) describe() stmtInfo {
	typ := StmtDelete
	if x.where == nil {
		typ = StmtDeleteAll
	}
	return stmtInfo{typ: typ, table: x.table.name, writes: true, where: &x.where}
}

func (x *deleteStmt) translate(t *translator, st *Stmt) error {
	var err error
	st.sql, err = t.delete(x)
	return err
}

func (x *deleteStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execWrite(ctx, args)
}

// ---- DDL ----

type defaultSpec struct {
	kind string // literal, null, today, current, user
	lit  expr
}

type refSpec struct {
	table   tableName
	cols    []string
	cascade bool
}

type colDef struct {
	p           int
	name        string
	t           ifxType
	serialStart int64
	notNull     bool
	def         *defaultSpec
	pk, unique  bool
	consName    string
	ref         *refSpec
	check       expr
	checkText   string
	// blobspace names the blobspace of a BYTE/TEXT column (IN name);
	// empty for IN TABLE or no clause.
	blobspace    string
	blobspacePos int
}

type tableCons struct {
	kind      byte // 'P', 'U', 'R', 'C'
	name      string
	cols      []string
	ref       *refSpec
	check     expr
	checkText string
}

type createTableStmt struct {
	p           int
	name        tableName
	temp, noLog bool
	ifNotExists bool
	cols        []colDef
	cons        []tableCons
}

func (x *createTableStmt) describe() stmtInfo {
	if x.temp {
		return stmtInfo{typ: StmtCreateTempTable, writes: true}
	}
	return stmtInfo{typ: StmtCreateTable, writes: true}
}

func (x *createTableStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *createTableStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execCreateTable(ctx, x, st.src) })
}

type idxCol struct {
	name string
	desc bool
}

type createIndexStmt struct {
	p           int
	name        string
	table       tableName
	unique      bool
	cluster     bool
	cols        []idxCol
	ifNotExists bool
}

func (x *createIndexStmt) describe() stmtInfo { return stmtInfo{typ: StmtCreateIndex, writes: true} }

func (x *createIndexStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *createIndexStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execCreateIndex(ctx, x) })
}

type createViewStmt struct {
	p           int
	name        tableName
	cols        []string
	sel         *selectStmt
	text        string
	ifNotExists bool
}

func (x *createViewStmt) describe() stmtInfo { return stmtInfo{typ: StmtCreateView, writes: true} }

func (x *createViewStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *createViewStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execCreateView(ctx, x, st.src) })
}

type dropStmt struct {
	p        int
	what     string // table, index, view, database
	name     tableName
	ifExists bool
}

func (x *dropStmt) describe() stmtInfo {
	typ := map[string]int{"table": StmtDropTable, "index": StmtDropIndex, "view": StmtDropView, "database": StmtDropDatabase}[x.what]
	return stmtInfo{typ: typ, noDB: x.what == "database", writes: x.what != "database"}
}

func (x *dropStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *dropStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	s := st.s
	if x.what == "database" {
		return st.execNoSQL(ctx, args, false, func() (Result, error) {
			if s.e.lookupDB(x.name.name) == nil && x.ifExists {
				return Result{}, nil
			}
			return Result{}, s.e.dropDatabase(ctx, x.name.name)
		})
	}
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return s.execDrop(ctx, x) })
}

type alterTableStmt struct {
	p     int
	table tableName
	adds  []colDef
	drops []string
}

func (x *alterTableStmt) describe() stmtInfo { return stmtInfo{typ: StmtAlterTable, writes: true} }

func (x *alterTableStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *alterTableStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execAlter(ctx, x, st.src) })
}

type renameStmt struct {
	p        int
	column   bool
	table    tableName
	old, new string
}

func (x *renameStmt) describe() stmtInfo {
	if x.column {
		return stmtInfo{typ: StmtRenameColumn, writes: true}
	}
	return stmtInfo{typ: StmtRenameTable, writes: true}
}

func (x *renameStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *renameStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, true, func() (Result, error) { return st.s.execRename(ctx, x) })
}

type createDBStmt struct {
	p           int
	name        string
	log, ansi   bool
	ifNotExists bool
}

func (x *createDBStmt) describe() stmtInfo { return stmtInfo{typ: StmtCreateDatabase, noDB: true} }

func (x *createDBStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *createDBStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	s := st.s
	return st.execNoSQL(ctx, args, false, func() (Result, error) {
		if s.e.lookupDB(x.name) != nil && x.ifNotExists {
			return Result{}, nil
		}
		if err := s.e.createDatabase(ctx, x.name, x.log, x.ansi, s.user); err != nil {
			return Result{}, err
		}
		if _, err := s.OpenDatabase(ctx, x.name); err != nil {
			return Result{}, err
		}
		return Result{}, s.recordDBLocale(ctx)
	})
}

type databaseStmt struct {
	p    int
	name string
}

func (x *databaseStmt) describe() stmtInfo { return stmtInfo{typ: StmtDatabase, noDB: true} }

func (x *databaseStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *databaseStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	return st.execNoSQL(ctx, args, false, func() (Result, error) {
		_, err := st.s.OpenDatabase(ctx, x.name)
		return Result{}, err
	})
}

// simpleStmt covers statements without SQL to run: transaction control,
// SET …, LOCK/UNLOCK, UPDATE STATISTICS, GRANT/REVOKE, CLOSE DATABASE.
type simpleStmt struct {
	p     int
	typ   int
	verb  string // begin, commit, rollback, savepoint, release, rollbackto, closedb, lockmode, isolation, noop, lock, unlock, truncate
	name  string
	table tableName
	wait  int // SET LOCK MODE: -1 forever, 0 not wait, n seconds
}

func (x *simpleStmt) describe() stmtInfo {
	return stmtInfo{typ: x.typ, noDB: x.sessionOnly(), writes: x.verb == "truncate"}
}

// sessionOnly reports the verbs that change only the session: they need
// no database.
func (x *simpleStmt) sessionOnly() bool {
	switch x.verb {
	case "noop", "lockmode", "isolation":
		return true
	}
	return false
}

func (x *simpleStmt) translate(_ *translator, st *Stmt) error { return noSQL(st) }

func (x *simpleStmt) exec(ctx context.Context, st *Stmt, args []Value) (Result, error) {
	needTx := true
	switch x.verb {
	case "begin", "commit", "rollback", "closedb", "noop", "isolation", "lockmode":
		needTx = false
	}
	return st.execNoSQL(ctx, args, needTx, func() (Result, error) { return x.run(ctx, st.s) })
}
