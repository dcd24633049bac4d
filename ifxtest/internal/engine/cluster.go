package engine

// ForgetCaches drops what the engine keeps in memory about its database
// files (SERIAL counters, the schema generation of prepared statements),
// so that the files are read afresh. A secondary that shares its files
// with a primary calls it when it is promoted: until then another
// process wrote them.
func (e *Engine) ForgetCaches() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, db := range e.dbs {
		db.serialMu.Lock()
		clear(db.serials)
		db.serialMu.Unlock()
		db.gen.Add(1)
	}
}
