package ifxconn

// ParseConfigOptions adjusts ParseConfigWithOptions for a package layered
// on the driver, which reads its own settings from the same DSN (as
// ifxpool reads its pool_* keys).
type ParseConfigOptions struct {
	// ExtraOption is offered every key the driver does not know, with its
	// value unquoted or unescaped as the DSN form requires, before the key
	// is reported as unknown (or, in the JDBC form, sent as a server
	// environment variable). Returning true claims the key; a non-nil
	// error then fails the parse, with the DSN's password masked.
	ExtraOption func(key, value string) (claimed bool, err error)
}

// ParseConfigWithOptions is ParseConfig for packages layered on the
// driver: keys the driver does not know go to opts.ExtraOption first.
func ParseConfigWithOptions(dsn string, opts ParseConfigOptions) (*Config, error) {
	return parseConfig(dsn, opts.ExtraOption)
}
