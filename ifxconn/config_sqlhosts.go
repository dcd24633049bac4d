package ifxconn

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/ifxgo/ifx/internal/sqlhosts"
)

// resolveSQLHosts fills c.Hosts from the sqlhosts file when the DSN and
// the environment name no host: Server names a server entry (one
// address) or a group (its members, tried in order, each logging in
// under its own DBSERVERNAME). The file is SQLHostsFile (option
// sqlhosts=PATH), else INFORMIXSQLHOSTS, else $INFORMIXDIR/etc/sqlhosts.
// A file named by the first two must exist and hold the name; the third
// is only consulted when present, so that a machine with an Informix
// installation but no entry keeps the default host (docs/PROTOCOL.md,
// "sqlhosts").
func (c *Config) resolveSQLHosts() error {
	if len(c.Hosts) != 0 || c.Server == "" {
		return nil
	}
	path, explicit := c.SQLHostsFile, c.SQLHostsFile != ""
	if path == "" {
		path, explicit = sqlhosts.Path(os.Getenv)
	}
	if path == "" {
		return nil
	}
	f, err := sqlhosts.Load(path)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	entries, err := f.Resolve(c.Server)
	if err != nil {
		if !explicit {
			return nil
		}
		return err
	}
	tls := entries[0].TLS()
	for _, e := range entries {
		if e.TLS() != tls {
			return fmt.Errorf("sqlhosts %s:%d: group %s mixes TLS (onsocssl) and plain members; one connection setting cannot serve both", path, e.Line, c.Server)
		}
		port, err := e.Port(context.Background())
		if err != nil {
			return fmt.Errorf("sqlhosts %s: %w", path, err)
		}
		c.Hosts = append(c.Hosts, HostPort{Host: e.Host, Port: port, Server: e.Name})
	}
	if tls && c.TLSMode == "" && c.TLSConfig == nil {
		c.TLSMode = TLSVerifyFull
	}
	return nil
}
