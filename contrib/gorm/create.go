package informix

import (
	"reflect"

	"gorm.io/gorm"
	"gorm.io/gorm/callbacks"
	"gorm.io/gorm/clause"
)

// create replaces GORM's create callback: IDS has no multi-row VALUES,
// so each row is its own INSERT (several rows travel pipelined, see
// createBatch), and the SERIAL/BIGSERIAL value the server generated for
// it goes into the row's primary key. An ON CONFLICT clause
// (GORM's upsert) is not expressible in an INSERT and is ignored; use
// MERGE through Exec for upserts.
func create(db *gorm.DB) {
	if db.Error != nil {
		return
	}
	stmt := db.Statement
	if stmt.Schema != nil && !stmt.Unscoped {
		for _, c := range stmt.Schema.CreateClauses {
			stmt.AddClause(c)
		}
	}
	if stmt.SQL.Len() > 0 { // raw SQL
		exec(db, 0)
		return
	}
	stmt.AddClauseIfNotExists(clause.Insert{})
	values := callbacks.ConvertToCreateValues(stmt)
	if db.Error != nil {
		return
	}
	if len(values.Values) > 1 && !db.DryRun && createBatch(db, values.Columns, values.Values) {
		return
	}
	var affected int64
	for i, row := range values.Values {
		buildRow(stmt, values.Columns, row)
		if db.DryRun || db.Error != nil {
			continue
		}
		n, ok := exec(db, i)
		affected += n
		if !ok {
			break
		}
	}
	db.RowsAffected = affected
	if stmt.Result != nil {
		stmt.Result.RowsAffected = affected
	}
}

// buildRow builds the one-row INSERT of row into stmt.SQL and stmt.Vars.
func buildRow(stmt *gorm.Statement, columns []clause.Column, row []any) {
	stmt.SQL.Reset()
	stmt.Vars = stmt.Vars[:0]
	cols, vals := withoutDefaults(columns, row)
	if len(cols) == 0 && stmt.Schema != nil {
		// No value to give: IDS has no DEFAULT VALUES, but a 0 for a
		// SERIAL column makes the server generate the next value.
		if pk := stmt.Schema.PrioritizedPrimaryField; pk != nil && pk.AutoIncrement {
			cols, vals = []clause.Column{{Name: pk.DBName}}, []any{0}
		}
	}
	stmt.AddClause(clause.Values{Columns: cols, Values: [][]any{vals}})
	stmt.Build("INSERT", "VALUES")
}

// exec runs the statement built for row i and sets that row's
// auto-increment key; ok is false when it failed.
func exec(db *gorm.DB, i int) (affected int64, ok bool) {
	stmt := db.Statement
	if db.DryRun {
		return 0, true
	}
	result, err := stmt.ConnPool.ExecContext(stmt.Context, stmt.SQL.String(), stmt.Vars...)
	if db.AddError(err) != nil {
		return 0, false
	}
	affected, _ = result.RowsAffected()
	db.RowsAffected = affected
	if stmt.Result != nil {
		stmt.Result.Result = result
	}
	if affected == 0 {
		return affected, true
	}
	if id, err := result.LastInsertId(); err == nil {
		setKey(db, i, id)
	}
	return affected, true
}

// setKey puts the SERIAL/BIGSERIAL value id the server generated for row
// i of the Create into that row's auto-increment primary key, when the
// key was left for the server to fill.
func setKey(db *gorm.DB, i int, id int64) {
	stmt := db.Statement
	if id <= 0 || stmt.Schema == nil {
		return // no SERIAL in this table: nothing to fill
	}
	pk := stmt.Schema.PrioritizedPrimaryField
	if pk == nil || !pk.HasDefaultValue || !pk.Readable {
		return
	}
	switch dest := stmt.Dest.(type) {
	case map[string]any:
		dest[pk.DBName] = id
		return
	case *map[string]any:
		(*dest)[pk.DBName] = id
		return
	case []map[string]any:
		if i < len(dest) && dest[i] != nil {
			dest[i][pk.DBName] = id
		}
		return
	case *[]map[string]any:
		if i < len(*dest) && (*dest)[i] != nil {
			(*dest)[i][pk.DBName] = id
		}
		return
	}
	rv := stmt.ReflectValue
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if i >= rv.Len() {
			return
		}
		rv = rv.Index(i)
	case reflect.Struct:
	default:
		return
	}
	if reflect.Indirect(rv).Kind() != reflect.Struct {
		return
	}
	if _, zero := pk.ValueOf(stmt.Context, rv); zero {
		db.AddError(pk.Set(stmt.Context, rv, id))
	}
}

// withoutDefaults drops the columns GORM marked DEFAULT for this row (in
// a slice where other rows set them): IDS has no DEFAULT in VALUES, and
// leaving the column out has the same effect.
func withoutDefaults(cols []clause.Column, row []any) ([]clause.Column, []any) {
	keep := -1
	for i, v := range row {
		if isDefault(v) {
			keep = i
			break
		}
	}
	if keep < 0 {
		return cols, row
	}
	c2 := append([]clause.Column(nil), cols[:keep]...)
	v2 := append([]any(nil), row[:keep]...)
	for i := keep + 1; i < len(row); i++ {
		if !isDefault(row[i]) {
			c2 = append(c2, cols[i])
			v2 = append(v2, row[i])
		}
	}
	return c2, v2
}

func isDefault(v any) bool {
	e, ok := v.(clause.Expr)
	return ok && e.SQL == "DEFAULT" && len(e.Vars) == 0
}
