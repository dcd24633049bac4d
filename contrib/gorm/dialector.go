package informix

import (
	"database/sql"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/callbacks"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/migrator"
	"gorm.io/gorm/schema"

	_ "github.com/ifxgo/ifx/stdlib" // registers the "informix" driver
)

// DriverName is the database/sql driver the dialector opens by default.
const DriverName = "informix"

// Config configures a Dialector.
type Config struct {
	DriverName string        // "informix" when empty
	DSN        string        // any DSN form package stdlib accepts
	Conn       gorm.ConnPool // an open *sql.DB (or other pool) to use instead of DSN
	// DelimIdent quotes identifiers with double quotes, for servers run
	// with DELIMIDENT set (where a quoted name keeps its case).
	DelimIdent bool
}

// Dialector is GORM's view of Informix. Make one with Open or New.
type Dialector struct {
	*Config
}

// Open returns a Dialector for dsn.
func Open(dsn string) gorm.Dialector {
	return &Dialector{Config: &Config{DSN: dsn}}
}

// New returns a Dialector for cfg.
func New(cfg Config) gorm.Dialector {
	return &Dialector{Config: &cfg}
}

// Name implements gorm.Dialector.
func (d Dialector) Name() string { return "informix" }

// Initialize implements gorm.Dialector: the callbacks (with one-row
// inserts), the connection pool and the SKIP/FIRST paging.
func (d Dialector) Initialize(db *gorm.DB) error {
	callbacks.RegisterDefaultCallbacks(db, &callbacks.Config{
		CreateClauses: []string{"INSERT", "VALUES"},
		QueryClauses:  []string{"SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "FOR"},
		UpdateClauses: []string{"UPDATE", "SET", "WHERE"},
		DeleteClauses: []string{"DELETE", "FROM", "WHERE"},
	})
	if err := db.Callback().Create().Replace("gorm:create", create); err != nil {
		return err
	}
	if d.Conn != nil {
		db.ConnPool = d.Conn
	} else {
		name := d.DriverName
		if name == "" {
			name = DriverName
		}
		sqlDB, err := sql.Open(name, d.DSN)
		if err != nil {
			return err
		}
		db.ConnPool = sqlDB
	}
	if sqlDB, ok := db.ConnPool.(*sql.DB); ok {
		// Transactions keep their connection, for pipelined batch Create.
		db.ConnPool = &pool{DB: sqlDB}
	}
	db.ClauseBuilders["SELECT"] = buildSelect
	return db.Callback().Query().Before("gorm:query").Register("informix:limit_zero", limitZero)
}

// limitZero makes Limit(0) read no rows, as GORM means it: FIRST takes
// only a positive count, so the query gets a false condition instead.
func limitZero(db *gorm.DB) {
	if db.Error != nil || db.Statement.SQL.Len() > 0 {
		return
	}
	if lc, ok := db.Statement.Clauses["LIMIT"]; ok {
		if l, ok := lc.Expression.(clause.Limit); ok && l.Limit != nil && *l.Limit == 0 {
			db.Statement.AddClause(clause.Where{Exprs: []clause.Expression{clause.Expr{SQL: "1 = 0"}}})
		}
	}
}

// buildSelect writes SELECT [SKIP n] [FIRST m] and the column list: IDS
// pages in the select list, not in a trailing LIMIT clause.
func buildSelect(c clause.Clause, b clause.Builder) {
	b.WriteString("SELECT ")
	if stmt, ok := b.(*gorm.Statement); ok {
		if lc, ok := stmt.Clauses["LIMIT"]; ok {
			if l, ok := lc.Expression.(clause.Limit); ok {
				if l.Offset > 0 {
					b.WriteString("SKIP " + strconv.Itoa(l.Offset) + " ")
				}
				if l.Limit != nil && *l.Limit > 0 {
					b.WriteString("FIRST " + strconv.Itoa(*l.Limit) + " ")
				}
			}
		}
	}
	if c.Expression != nil {
		c.Expression.Build(b)
	} else {
		b.WriteByte('*')
	}
}

// Migrator implements gorm.Dialector.
func (d Dialector) Migrator(db *gorm.DB) gorm.Migrator {
	return Migrator{migrator.Migrator{Config: migrator.Config{
		DB:                          db,
		Dialector:                   d,
		CreateIndexAfterCreateTable: true, // IDS has no INDEX clause in CREATE TABLE
	}}}
}

// DataTypeOf implements gorm.Dialector.
func (d Dialector) DataTypeOf(field *schema.Field) string {
	switch field.DataType {
	case schema.Bool:
		return "BOOLEAN"
	case schema.Int, schema.Uint:
		size := field.Size
		if field.DataType == schema.Uint && size < 64 {
			size *= 2 // an unsigned value needs the next signed size
		}
		switch {
		case field.AutoIncrement && size <= 32:
			return "SERIAL"
		case field.AutoIncrement:
			return "BIGSERIAL"
		case size <= 16:
			return "SMALLINT"
		case size <= 32:
			return "INTEGER"
		}
		return "BIGINT"
	case schema.Float:
		if field.Precision > 0 {
			return "DECIMAL(" + strconv.Itoa(field.Precision) + "," + strconv.Itoa(field.Scale) + ")"
		}
		if field.Size > 0 && field.Size <= 32 {
			return "SMALLFLOAT"
		}
		return "FLOAT"
	case schema.String:
		size := field.Size
		if size == 0 && (field.PrimaryKey || isIndexed(field)) {
			size = 255
		}
		switch {
		case size > 0 && size <= 255:
			return "VARCHAR(" + strconv.Itoa(size) + ")"
		case size > 255 && size <= 32739:
			return "LVARCHAR(" + strconv.Itoa(size) + ")"
		}
		return "LVARCHAR"
	case schema.Time:
		return "DATETIME YEAR TO FRACTION(5)"
	case schema.Bytes:
		return "BYTE"
	}
	return string(field.DataType)
}

// isIndexed reports whether the field is in an index or unique: IDS
// cannot index an LVARCHAR longer than a key allows.
func isIndexed(field *schema.Field) bool {
	if field.Unique {
		return true
	}
	for key := range field.TagSettings {
		if key == "INDEX" || key == "UNIQUEINDEX" || key == "UNIQUE_INDEX" {
			return true
		}
	}
	return false
}

// DefaultValueOf implements gorm.Dialector.
func (d Dialector) DefaultValueOf(*schema.Field) clause.Expression {
	return clause.Expr{SQL: "DEFAULT"}
}

// BindVarTo implements gorm.Dialector: ifx binds ? placeholders.
func (d Dialector) BindVarTo(w clause.Writer, _ *gorm.Statement, _ any) {
	w.WriteByte('?')
}

// QuoteTo implements gorm.Dialector: names as they are, or in double
// quotes (each dotted part) with DelimIdent.
func (d Dialector) QuoteTo(w clause.Writer, name string) {
	if !d.DelimIdent {
		w.WriteString(name)
		return
	}
	for i, part := range strings.Split(name, ".") {
		if i > 0 {
			w.WriteByte('.')
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(part, `"`, `""`))
		w.WriteByte('"')
	}
}

// Explain implements gorm.Dialector.
func (d Dialector) Explain(sql string, vars ...any) string {
	return logger.ExplainSQL(sql, nil, `'`, vars...)
}

// SavePoint implements gorm.SavePointerDialectorInterface (IDS 11.50 and
// later have SAVEPOINT), so nested Transaction calls roll back alone.
func (d Dialector) SavePoint(tx *gorm.DB, name string) error {
	return tx.Exec("SAVEPOINT " + name).Error
}

// RollbackTo implements gorm.SavePointerDialectorInterface.
func (d Dialector) RollbackTo(tx *gorm.DB, name string) error {
	return tx.Exec("ROLLBACK TO SAVEPOINT " + name).Error
}
