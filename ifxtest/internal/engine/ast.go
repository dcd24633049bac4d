package engine

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

type deleteStmt struct {
	p     int
	table tableName
	alias string
	where expr
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

type createViewStmt struct {
	p           int
	name        tableName
	cols        []string
	sel         *selectStmt
	text        string
	ifNotExists bool
}

type dropStmt struct {
	p        int
	what     string // table, index, view, database
	name     tableName
	ifExists bool
}

type alterTableStmt struct {
	p     int
	table tableName
	adds  []colDef
	drops []string
}

type renameStmt struct {
	p        int
	column   bool
	table    tableName
	old, new string
}

type createDBStmt struct {
	p           int
	name        string
	log, ansi   bool
	ifNotExists bool
}

type databaseStmt struct {
	p    int
	name string
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
