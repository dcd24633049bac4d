package informix

import (
	"database/sql"
	"fmt"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/migrator"
	"gorm.io/gorm/schema"

	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// Migrator is GORM's migrator with the catalog queries and DDL of IDS:
// it reads systables, syscolumns, sysindexes and sysconstraints (IDS has
// no information_schema) and writes IDS's ALTER TABLE forms.
type Migrator struct {
	migrator.Migrator
}

// name is how the catalog stores a name: lower case, unless DELIMIDENT
// quoting keeps the case.
func (m Migrator) name(s string) string {
	if d, ok := m.Dialector.(Dialector); ok && d.DelimIdent {
		return s
	}
	if d, ok := m.Dialector.(*Dialector); ok && d.DelimIdent {
		return s
	}
	return strings.ToLower(s)
}

// tableName is the table a value or name stands for.
func (m Migrator) tableName(stmt *gorm.Statement) string {
	return m.name(stmt.Table)
}

// CurrentDatabase returns the open database's name.
func (m Migrator) CurrentDatabase() (name string) {
	m.DB.Raw("SELECT DBINFO('dbname') FROM systables WHERE tabid = 1").Row().Scan(&name)
	return strings.TrimSpace(name)
}

// GetTables lists the user tables (tabid 100 and above are not the
// catalog's).
func (m Migrator) GetTables() (tables []string, err error) {
	err = m.DB.Raw("SELECT tabname FROM systables WHERE tabid >= 100 AND tabtype = 'T' ORDER BY tabname").Scan(&tables).Error
	for i := range tables {
		tables[i] = strings.TrimSpace(tables[i])
	}
	return tables, err
}

// HasTable reports whether the table exists.
func (m Migrator) HasTable(value any) bool {
	var n int64
	m.RunWithValue(value, func(stmt *gorm.Statement) error {
		return m.DB.Raw("SELECT COUNT(*) FROM systables WHERE tabname = ? AND tabtype = 'T'", m.tableName(stmt)).Row().Scan(&n)
	})
	return n > 0
}

// RenameTable renames a table (RENAME TABLE old TO new).
func (m Migrator) RenameTable(oldName, newName any) error {
	var from, to any
	for i, v := range []any{oldName, newName} {
		var name any
		if s, ok := v.(string); ok {
			name = clause.Table{Name: s}
		} else {
			stmt := &gorm.Statement{DB: m.DB}
			if err := stmt.Parse(v); err != nil {
				return err
			}
			name = clause.Table{Name: stmt.Table}
		}
		if i == 0 {
			from = name
		} else {
			to = name
		}
	}
	return m.DB.Exec("RENAME TABLE ? TO ?", from, to).Error
}

// HasColumn reports whether the table has the column (by field or
// column name).
func (m Migrator) HasColumn(value any, field string) bool {
	var n int64
	m.RunWithValue(value, func(stmt *gorm.Statement) error {
		name := field
		if stmt.Schema != nil {
			if f := stmt.Schema.LookUpField(field); f != nil {
				name = f.DBName
			}
		}
		return m.DB.Raw("SELECT COUNT(*) FROM syscolumns c, systables t WHERE c.tabid = t.tabid AND t.tabname = ? AND c.colname = ?",
			m.tableName(stmt), m.name(name)).Row().Scan(&n)
	})
	return n > 0
}

// DropColumn drops a column (ALTER TABLE t DROP col: IDS has no COLUMN
// keyword there).
func (m Migrator) DropColumn(value any, name string) error {
	return m.RunWithValue(value, func(stmt *gorm.Statement) error {
		if stmt.Schema != nil {
			if f := stmt.Schema.LookUpField(name); f != nil {
				name = f.DBName
			}
		}
		return m.DB.Exec("ALTER TABLE ? DROP ?", m.CurrentTable(stmt), clause.Column{Name: name}).Error
	})
}

// AlterColumn changes a column's type (ALTER TABLE t MODIFY (col type)).
func (m Migrator) AlterColumn(value any, field string) error {
	return m.RunWithValue(value, func(stmt *gorm.Statement) error {
		if stmt.Schema == nil {
			return fmt.Errorf("informix: AlterColumn needs a model")
		}
		f := stmt.Schema.LookUpField(field)
		if f == nil {
			return fmt.Errorf("informix: failed to look up field with name: %s", field)
		}
		return m.DB.Exec("ALTER TABLE ? MODIFY (? ?)", m.CurrentTable(stmt), clause.Column{Name: f.DBName}, m.FullDataTypeOf(f)).Error
	})
}

// RenameColumn renames a column (RENAME COLUMN t.old TO new).
func (m Migrator) RenameColumn(value any, oldName, newName string) error {
	return m.RunWithValue(value, func(stmt *gorm.Statement) error {
		if stmt.Schema != nil {
			if f := stmt.Schema.LookUpField(oldName); f != nil {
				oldName = f.DBName
			}
			if f := stmt.Schema.LookUpField(newName); f != nil {
				newName = f.DBName
			}
		}
		return m.DB.Exec("RENAME COLUMN ?.? TO ?", clause.Table{Name: stmt.Table}, clause.Column{Name: oldName}, clause.Column{Name: newName}).Error
	})
}

// FullDataTypeOf is the column definition in IDS's order: type, DEFAULT,
// then the NOT NULL and UNIQUE constraints.
func (m Migrator) FullDataTypeOf(field *schema.Field) clause.Expr {
	expr := clause.Expr{SQL: m.DataTypeOf(field)}
	if field.HasDefaultValue && (field.DefaultValueInterface != nil || field.DefaultValue != "") && !field.AutoIncrement {
		if b, ok := field.DefaultValueInterface.(bool); ok {
			// IDS writes BOOLEAN literals as 't' and 'f'.
			expr.SQL += map[bool]string{true: " DEFAULT 't'", false: " DEFAULT 'f'"}[b]
		} else if field.DefaultValueInterface != nil {
			stmt := &gorm.Statement{DB: m.DB}
			m.Dialector.BindVarTo(stmt, stmt, field.DefaultValueInterface)
			expr.SQL += " DEFAULT " + m.Dialector.Explain(stmt.SQL.String(), field.DefaultValueInterface)
		} else if field.DefaultValue != "(-)" {
			expr.SQL += " DEFAULT " + field.DefaultValue
		}
	}
	if field.NotNull {
		expr.SQL += " NOT NULL"
	}
	if field.Unique {
		expr.SQL += " UNIQUE"
	}
	return expr
}

// HasIndex reports whether the table has the index (by name, or by the
// name GORM derives from a field).
func (m Migrator) HasIndex(value any, name string) bool {
	var n int64
	m.RunWithValue(value, func(stmt *gorm.Statement) error {
		if stmt.Schema != nil {
			if idx := stmt.Schema.LookIndex(name); idx != nil {
				name = idx.Name
			}
		}
		return m.DB.Raw("SELECT COUNT(*) FROM sysindexes i, systables t WHERE i.tabid = t.tabid AND t.tabname = ? AND i.idxname = ?",
			m.tableName(stmt), m.name(name)).Row().Scan(&n)
	})
	return n > 0
}

// DropIndex drops an index (DROP INDEX name: index names are unique per
// database in IDS).
func (m Migrator) DropIndex(value any, name string) error {
	return m.RunWithValue(value, func(stmt *gorm.Statement) error {
		if stmt.Schema != nil {
			if idx := stmt.Schema.LookIndex(name); idx != nil {
				name = idx.Name
			}
		}
		return m.DB.Exec("DROP INDEX ?", clause.Column{Name: name}).Error
	})
}

// RenameIndex renames an index (RENAME INDEX old TO new).
func (m Migrator) RenameIndex(value any, oldName, newName string) error {
	return m.DB.Exec("RENAME INDEX ? TO ?", clause.Column{Name: oldName}, clause.Column{Name: newName}).Error
}

// HasConstraint reports whether the table has the named constraint.
func (m Migrator) HasConstraint(value any, name string) bool {
	var n int64
	m.RunWithValue(value, func(stmt *gorm.Statement) error {
		constraint, table := m.GuessConstraintInterfaceAndTable(stmt, name)
		if constraint != nil {
			name = constraint.GetName()
		}
		return m.DB.Raw("SELECT COUNT(*) FROM sysconstraints c, systables t WHERE c.tabid = t.tabid AND t.tabname = ? AND c.constrname = ?",
			m.name(table), m.name(name)).Row().Scan(&n)
	})
	return n > 0
}

// DropConstraint drops a constraint (ALTER TABLE t DROP CONSTRAINT name).
func (m Migrator) DropConstraint(value any, name string) error {
	return m.RunWithValue(value, func(stmt *gorm.Statement) error {
		constraint, table := m.GuessConstraintInterfaceAndTable(stmt, name)
		if constraint != nil {
			name = constraint.GetName()
		}
		return m.DB.Exec("ALTER TABLE ? DROP CONSTRAINT ?", clause.Table{Name: table}, clause.Column{Name: name}).Error
	})
}

// ColumnTypes describes the table's columns from syscolumns, named as
// DataTypeOf names them, so that a second AutoMigrate finds nothing to
// change.
func (m Migrator) ColumnTypes(value any) ([]gorm.ColumnType, error) {
	var types []gorm.ColumnType
	err := m.RunWithValue(value, func(stmt *gorm.Statement) error {
		defaults, err := m.defaults(m.tableName(stmt))
		if err != nil {
			return err
		}
		rows, err := m.DB.Raw(`SELECT c.colname, c.coltype, c.collength, c.extended_id, c.colno FROM syscolumns c, systables t
WHERE c.tabid = t.tabid AND t.tabname = ? ORDER BY c.colno`, m.tableName(stmt)).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				name                   string
				coltype, collen, colno int64
				extendedID             sql.NullInt64
			)
			if err := rows.Scan(&name, &coltype, &collen, &extendedID, &colno); err != nil {
				return err
			}
			ct := columnType(strings.TrimSpace(name), sqli.TypeCode(coltype), collen, extendedID.Int64)
			if d, ok := defaults[colno]; ok {
				ct.DefaultValueValue = defaultValue(d, sqli.TypeCode(coltype), collen)
			}
			types = append(types, ct)
		}
		return rows.Err()
	})
	return types, err
}

// columnType decodes a syscolumns row.
func columnType(name string, code sqli.TypeCode, collen, extendedID int64) migrator.ColumnType {
	ct := migrator.ColumnType{
		NameValue:     sql.NullString{String: name, Valid: true},
		NullableValue: sql.NullBool{Bool: code.Nullable(), Valid: true},
	}
	base := code.Base()
	typeName := base.String()
	full := typeName
	switch base {
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		n := collen & 0xff // collength holds min<<8 | max
		ct.LengthValue = sql.NullInt64{Int64: n, Valid: true}
		full = fmt.Sprintf("%s(%d)", typeName, n)
	case sqli.TypeChar, sqli.TypeNChar:
		ct.LengthValue = sql.NullInt64{Int64: collen, Valid: true}
		full = fmt.Sprintf("%s(%d)", typeName, collen)
	case sqli.TypeUDTVar, sqli.TypeLVarChar:
		typeName = "LVARCHAR"
		ct.LengthValue = sql.NullInt64{Int64: collen, Valid: true}
		full = fmt.Sprintf("LVARCHAR(%d)", collen)
	case sqli.TypeUDTFixed:
		switch extendedID {
		case sqli.XIDBlob:
			typeName = "BLOB"
		case sqli.XIDClob:
			typeName = "CLOB"
		default:
			typeName = "BOOLEAN"
		}
		full = typeName
	case sqli.TypeDecimal, sqli.TypeMoney:
		p, s := collen>>8, collen&0xff
		ct.DecimalSizeValue = sql.NullInt64{Int64: p, Valid: true}
		ct.ScaleValue = sql.NullInt64{Int64: s, Valid: true}
		full = fmt.Sprintf("%s(%d,%d)", typeName, p, s)
	case sqli.TypeDateTime, sqli.TypeInterval:
		typeName += " " + ifxtype.Qualifier(collen).String()
		full = typeName
	case sqli.TypeSerial, sqli.TypeSerial8, sqli.TypeBigSerial:
		ct.AutoIncrementValue = sql.NullBool{Bool: true, Valid: true}
	}
	ct.DataTypeValue = sql.NullString{String: typeName, Valid: true}
	ct.ColumnTypeValue = sql.NullString{String: full, Valid: true}
	return ct
}

// GetTypeAliases lets a column read back under IDS's synonym match the
// name DataTypeOf wrote.
func (m Migrator) GetTypeAliases(name string) []string {
	switch strings.ToLower(name) {
	case "int8":
		return []string{"bigint"}
	case "serial8":
		return []string{"bigserial"}
	case "integer":
		return []string{"int"}
	}
	return nil
}

// sysDefault is a sysdefaults row: its kind (L literal, C CURRENT, T
// TODAY, U USER, N NULL, S DBSERVERNAME) and, for a literal, its text.
type sysDefault struct {
	kind, value string
}

// defaults reads the table's column defaults by column number.
func (m Migrator) defaults(table string) (map[int64]sysDefault, error) {
	rows, err := m.DB.Raw(`SELECT d.colno, d.type, d.default FROM sysdefaults d, systables t
WHERE d.tabid = t.tabid AND t.tabname = ?`, table).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]sysDefault{}
	for rows.Next() {
		var (
			colno int64
			kind  string
			value sql.NullString
		)
		if err := rows.Scan(&colno, &kind, &value); err != nil {
			return nil, err
		}
		out[colno] = sysDefault{kind: strings.TrimSpace(kind), value: strings.TrimSpace(value.String)}
	}
	return out, rows.Err()
}

// defaultValue is the default as GORM compares it with a field's
// default tag; a NULL default is no default.
func defaultValue(d sysDefault, code sqli.TypeCode, collen int64) sql.NullString {
	switch d.kind {
	case "L":
		return sql.NullString{String: d.value, Valid: true}
	case "C":
		v := "CURRENT"
		if code.Base() == sqli.TypeDateTime {
			v += " " + ifxtype.Qualifier(collen).String()
		}
		return sql.NullString{String: v, Valid: true}
	case "T":
		return sql.NullString{String: "TODAY", Valid: true}
	case "U":
		return sql.NullString{String: "USER", Valid: true}
	case "S":
		return sql.NullString{String: "DBSERVERNAME", Valid: true}
	}
	return sql.NullString{}
}
