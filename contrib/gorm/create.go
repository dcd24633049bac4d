package informix

import (
	"reflect"

	"gorm.io/gorm"
	"gorm.io/gorm/callbacks"
	"gorm.io/gorm/clause"
)

// create replaces GORM's create callback: IDS has no multi-row VALUES,
// so each row is its own INSERT, and the SERIAL/BIGSERIAL value the server
// generated for it goes into the row's primary key. An ON CONFLICT clause
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
	var affected int64
	for i, row := range values.Values {
		stmt.SQL.Reset()
		stmt.Vars = stmt.Vars[:0]
		cols, vals := withoutDefaults(values.Columns, row)
		if len(cols) == 0 && stmt.Schema != nil {
			// No value to give: IDS has no DEFAULT VALUES, but a 0 for a
			// SERIAL column makes the server generate the next value.
			if pk := stmt.Schema.PrioritizedPrimaryField; pk != nil && pk.AutoIncrement {
				cols, vals = []clause.Column{{Name: pk.DBName}}, []any{0}
			}
		}
		stmt.AddClause(clause.Values{Columns: cols, Values: [][]any{vals}})
		stmt.Build("INSERT", "VALUES")
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
	if affected == 0 || stmt.Schema == nil {
		return affected, true
	}
	pk := stmt.Schema.PrioritizedPrimaryField
	if pk == nil || !pk.HasDefaultValue || !pk.Readable {
		return affected, true
	}
	id, err := result.LastInsertId()
	if err != nil || id <= 0 {
		return affected, true // no SERIAL in this table: nothing to fill
	}
	switch dest := stmt.Dest.(type) {
	case map[string]any:
		dest[pk.DBName] = id
		return affected, true
	case *map[string]any:
		(*dest)[pk.DBName] = id
		return affected, true
	case []map[string]any:
		if i < len(dest) && dest[i] != nil {
			dest[i][pk.DBName] = id
		}
		return affected, true
	case *[]map[string]any:
		if i < len(*dest) && (*dest)[i] != nil {
			(*dest)[i][pk.DBName] = id
		}
		return affected, true
	}
	rv := stmt.ReflectValue
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if i >= rv.Len() {
			return affected, true
		}
		rv = rv.Index(i)
	case reflect.Struct:
	default:
		return affected, true
	}
	if reflect.Indirect(rv).Kind() != reflect.Struct {
		return affected, true
	}
	if _, zero := pk.ValueOf(stmt.Context, rv); zero {
		db.AddError(pk.Set(stmt.Context, rv, id))
	}
	return affected, true
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
