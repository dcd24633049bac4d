package ifxconn

import (
	"os"
)

// applyEnvironment takes defaults from the process environment, before
// the DSN overrides them.
func (c *Config) applyEnvironment() error {
	if v := os.Getenv("INFORMIXSERVER"); v != "" {
		c.Server = v
	}
	if v := os.Getenv("IFX_HOST"); v != "" {
		if err := c.setHostList(v, 0); err != nil {
			return err
		}
	}
	if v := os.Getenv("IFX_PORT"); v != "" {
		if err := c.setPorts(v); err != nil {
			return err
		}
	}
	if v := os.Getenv("IFX_USER"); v != "" {
		c.User = v
	}
	if v := os.Getenv("IFX_PASSWORD"); v != "" {
		c.Password = v
	}
	if v := os.Getenv("IFX_DATABASE"); v != "" {
		c.Database = v
	}
	if v := os.Getenv("CLIENT_LOCALE"); v != "" {
		c.ClientLocale = v
	}
	if v := os.Getenv("DB_LOCALE"); v != "" {
		c.DBLocale = v
	}
	return nil
}
