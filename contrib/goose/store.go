package ifxgoose

import (
	"database/sql"
	"fmt"
	"io/fs"
	"regexp"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/database"
)

// identifier is a table name goose may splice into SQL unquoted.
var identifier = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_$]*\.)?[A-Za-z_][A-Za-z0-9_$]*$`)

// NewStore returns a goose store for Informix keeping versions in
// tableName (goose.DefaultTablename is goose's usual name).
func NewStore(tableName string) (database.Store, error) {
	if !identifier.MatchString(tableName) {
		return nil, fmt.Errorf("ifxgoose: table name %q: only letters, digits, _ and $, optionally owner.table", tableName)
	}
	return database.NewStoreFromQuerier(tableName, Querier{})
}

// MustStore is NewStore for a table name known to be valid; it panics
// otherwise.
func MustStore(tableName string) database.Store {
	s, err := NewStore(tableName)
	if err != nil {
		panic(err)
	}
	return s
}

// NewProvider is goose.NewProvider for Informix, with the store keeping
// versions in goose.DefaultTablename. db is an ifx database/sql handle
// (github.com/ifxgo/ifx/stdlib). To name another table, call
// goose.NewProvider(goose.DialectCustom, db, fsys, goose.WithStore(s))
// with s from NewStore.
func NewProvider(db *sql.DB, fsys fs.FS, opts ...goose.ProviderOption) (*goose.Provider, error) {
	s, err := NewStore(goose.DefaultTablename)
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectCustom, db, fsys, append([]goose.ProviderOption{goose.WithStore(s)}, opts...)...)
}
