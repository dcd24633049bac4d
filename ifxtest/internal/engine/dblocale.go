package engine

import (
	"context"
	"strings"
)

// defaultDBLocale is Informix's default locale, as IDS records it in a
// database's catalog: en_US with code set 819 (ISO 8859-1).
const defaultDBLocale = "en_US.819"

// SetDBLocale sets the session's DB_LOCALE, from the client's environment.
// As in IDS, a database is created with the locale of the session that
// creates it; an empty value keeps the default.
func (s *Session) SetDBLocale(v string) {
	s.dbLocale = normalizeLocale(v)
}

// normalizeLocale writes a locale the way IDS records it in systables
// (" GL_CTYPE" and " GL_COLLATE" rows): the code set as its number, so
// en_US.utf8 is en_US.57372 and en_US.8859-1 is en_US.819. A code set
// ifxtest does not know is kept as given.
func normalizeLocale(v string) string {
	v = strings.TrimSpace(v)
	lang, cs, ok := strings.Cut(v, ".")
	if v == "" || !ok {
		return ""
	}
	switch strings.ToLower(strings.ReplaceAll(cs, "-", "")) {
	case "utf8", "57372":
		cs = "57372"
	case "88591", "819":
		cs = "819"
	}
	return lang + "." + cs
}

// recordDBLocale writes the creating session's locale into the catalog of
// the database it has just created and opened.
func (s *Session) recordDBLocale(ctx context.Context) error {
	loc := s.dbLocale
	if loc == "" || loc == defaultDBLocale || s.conn == nil {
		return nil
	}
	_, err := s.conn.ExecContext(ctx, `UPDATE systables SET site = ? WHERE tabname IN (' GL_COLLATE', ' GL_CTYPE')`, loc)
	return err
}
