package informix

import (
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/schema"
)

// constraintSQL writes a constraint the IDS way, with the name after the
// definition ("FOREIGN KEY (c) REFERENCES t (c) CONSTRAINT name"), where
// other databases put "CONSTRAINT name" first. IDS has ON DELETE CASCADE
// and no other referential action; the others are left out (the default,
// refusing the delete, is RESTRICT/NO ACTION).
func constraintSQL(stmt *gorm.Statement, c schema.ConstraintInterface) (string, []any) {
	switch c := c.(type) {
	case *schema.Constraint:
		var fks, refs []any
		for _, f := range c.ForeignKeys {
			fks = append(fks, clause.Column{Name: f.DBName})
		}
		for _, f := range c.References {
			refs = append(refs, clause.Column{Name: f.DBName})
		}
		sql := "FOREIGN KEY ? REFERENCES ??"
		if strings.EqualFold(c.OnDelete, "CASCADE") {
			sql += " ON DELETE CASCADE"
		}
		return sql + " CONSTRAINT ?", []any{fks, clause.Table{Name: c.ReferenceSchema.Table}, refs, clause.Column{Name: c.Name}}
	case *schema.UniqueConstraint:
		return "UNIQUE (?) CONSTRAINT ?", []any{clause.Column{Name: c.Field.DBName}, clause.Column{Name: c.Name}}
	case *schema.CheckConstraint:
		return "CHECK (?) CONSTRAINT ?", []any{clause.Expr{SQL: c.Constraint}, clause.Column{Name: c.Name}}
	}
	return "", nil
}

// CreateTable creates the tables of the models: columns, the primary key
// and the constraints in IDS syntax, then the indexes (IDS has no INDEX
// clause in CREATE TABLE).
func (m Migrator) CreateTable(values ...any) error {
	for _, value := range m.ReorderModels(values, false) {
		tx := m.DB.Session(&gorm.Session{})
		if err := m.RunWithValue(value, func(stmt *gorm.Statement) error {
			if stmt.Schema == nil {
				return errors.New("informix: CreateTable needs a model")
			}
			sql := "CREATE TABLE ? ("
			vars := []any{m.CurrentTable(stmt)}
			for _, dbName := range stmt.Schema.DBNames {
				field := stmt.Schema.FieldsByDBName[dbName]
				if !field.IgnoreMigration {
					sql += "? ?,"
					vars = append(vars, clause.Column{Name: dbName}, m.FullDataTypeOf(field))
				}
			}
			if len(stmt.Schema.PrimaryFields) > 0 {
				var pks []any
				for _, f := range stmt.Schema.PrimaryFields {
					pks = append(pks, clause.Column{Name: f.DBName})
				}
				sql += "PRIMARY KEY ?,"
				vars = append(vars, pks)
			}
			add := func(c schema.ConstraintInterface) {
				s, v := constraintSQL(stmt, c)
				sql += s + ","
				vars = append(vars, v...)
			}
			if !m.DB.DisableForeignKeyConstraintWhenMigrating && !m.DB.IgnoreRelationshipsWhenMigrating {
				for _, rel := range stmt.Schema.Relationships.Relations {
					if rel.Field.IgnoreMigration {
						continue
					}
					if c := rel.ParseConstraint(); c != nil && c.Schema == stmt.Schema {
						add(c)
					}
				}
			}
			for _, uni := range stmt.Schema.ParseUniqueConstraints() {
				add(&uni)
			}
			for _, chk := range stmt.Schema.ParseCheckConstraints() {
				add(&chk)
			}
			sql = strings.TrimSuffix(sql, ",") + ")"
			if opt, ok := m.DB.Get("gorm:table_options"); ok {
				sql += fmt.Sprint(opt)
			}
			if err := tx.Exec(sql, vars...).Error; err != nil {
				return err
			}
			for _, idx := range stmt.Schema.ParseIndexes() {
				if err := tx.Migrator().CreateIndex(value, idx.Name); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// CreateConstraint adds a constraint to an existing table (ALTER TABLE t
// ADD CONSTRAINT definition CONSTRAINT name).
func (m Migrator) CreateConstraint(value any, name string) error {
	return m.RunWithValue(value, func(stmt *gorm.Statement) error {
		c, table := m.GuessConstraintInterfaceAndTable(stmt, name)
		if c == nil {
			return nil
		}
		var target any = clause.Table{Name: table}
		if stmt.TableExpr != nil {
			target = stmt.TableExpr
		}
		sql, vars := constraintSQL(stmt, c)
		return m.DB.Exec("ALTER TABLE ? ADD CONSTRAINT "+sql, append([]any{target}, vars...)...).Error
	})
}
