package engine

import "testing"

// A database takes the DB_LOCALE of the session that creates it, recorded
// as IDS records it: the " GL_CTYPE" and " GL_COLLATE" rows of systables.
func TestCreateDatabaseTakesTheClientLocale(t *testing.T) {
	e := newEngine(t)
	u := newSession(t, e, "")
	u.SetDBLocale("en_US.utf8")
	exec(t, u, "create database u8 with log")
	eq(t, "utf8 ctype", one(t, u, "select site from systables where tabname = ' GL_CTYPE'"), Value("en_US.57372"))
	eq(t, "utf8 collate", one(t, u, "select site from systables where tabname = ' GL_COLLATE'"), Value("en_US.57372"))

	d := newSession(t, e, "")
	exec(t, d, "create database l1 with log")
	eq(t, "default", one(t, d, "select site from systables where tabname = ' GL_CTYPE'"), Value("en_US.819"))

	// The locale belongs to the database, not to whoever opens it later.
	exec(t, d, "database u8")
	eq(t, "opened by another", one(t, d, "select site from systables where tabname = ' GL_CTYPE'"), Value("en_US.57372"))

	for in, want := range map[string]string{"en_US.8859-1": "en_US.819", "en_US.UTF-8": "en_US.57372", "de_DE.819": "de_DE.819", "": ""} {
		eq(t, in, normalizeLocale(in), want)
	}
}
