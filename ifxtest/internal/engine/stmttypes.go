package engine

// Statement type codes (sqlstype.h) reported in Stmt.Type.
const (
	StmtDatabase            = 1
	StmtSelect              = 2
	StmtSelectInto          = 3 // SELECT … INTO TEMP
	StmtUpdate              = 4 // UPDATE … WHERE
	StmtDelete              = 5 // DELETE … WHERE
	StmtInsert              = 6
	StmtLockTable           = 10
	StmtUnlockTable         = 11
	StmtCreateDatabase      = 12
	StmtDropDatabase        = 13
	StmtCreateTable         = 14
	StmtDropTable           = 15
	StmtCreateIndex         = 16
	StmtDropIndex           = 17
	StmtGrant               = 18
	StmtRevoke              = 19
	StmtRenameTable         = 20
	StmtRenameColumn        = 21
	StmtAlterTable          = 29
	StmtUpdateStatistics    = 30
	StmtCloseDatabase       = 31
	StmtDeleteAll           = 32 // DELETE without WHERE
	StmtUpdateAll           = 33 // UPDATE without WHERE
	StmtBeginWork           = 34
	StmtCommitWork          = 35
	StmtRollbackWork        = 36
	StmtCreateView          = 40
	StmtDropView            = 41
	StmtCreateSynonym       = 43
	StmtDropSynonym         = 44
	StmtCreateTempTable     = 45
	StmtSetLockMode         = 46
	StmtSetIsolation        = 48
	StmtSetLog              = 49
	StmtSetExplain          = 50
	StmtSetOptimization     = 52
	StmtCreateProcedure     = 53
	StmtDropProcedure       = 54
	StmtSetConstraints      = 55
	StmtExecuteProcedure    = 56
	StmtSetDebugFile        = 57
	StmtCreateTrigger       = 70
	StmtDropTrigger         = 71
	StmtSetDataskip         = 73
	StmtSetPDQPriority      = 74
	StmtSetSessionAuth      = 80
	StmtCreateRole          = 83
	StmtDropRole            = 84
	StmtSetRole             = 85
	StmtSetEnvironment      = 110
	StmtSetStatementCache   = 115
	StmtTruncate            = 122
	StmtSavepoint           = 159
	StmtReleaseSavepoint    = 160
	StmtRollbackToSavepoint = 161
)

// internal aliases used by error mapping
const (
	stInsert    = StmtInsert
	stUpdate    = StmtUpdate
	stUpdateAll = StmtUpdateAll
	stDelete    = StmtDelete
	stDeleteAll = StmtDeleteAll
)
