package engine

import "testing"

// Every database has the whole catalog the Guide to SQL: Reference
// documents, at tabids below 100, and sysmaster adds its own tables: IDS's
// sysmaster systables has far more than 50 rows, which informix-driver's
// scroll-cursor test relies on.
func TestCatalogTables(t *testing.T) {
	e := newEngine(t)
	s := newSession(t, e, "testdb")
	for _, name := range []string{"sysaggregates", "sysattrtypes", "syscasts", "syscolattribs", "sysdomains",
		"syserrors", "sysinherits", "syslangauth", "syslogmap", "sysopclasses", "sysroutinelangs", "systabamdata",
		"systraceclasses", "systracemsgs", "sysxtddesc", "sysxtdtypeauth", "syssequences"} {
		id := one(t, s, "select tabid from systables where tabname = ?", name)
		if n, ok := id.(int64); !ok || n < 1 || n >= 90 {
			t.Errorf("%s: tabid %v", name, id)
		}
		eq(t, name+" is empty", one(t, s, "select count(*) from "+name), Decimal("0"))
	}
	eq(t, "sequence columns", one(t, s, "select count(*) from syscolumns c, systables t where c.tabid = t.tabid and t.tabname = 'syssequences'"), Decimal("10"))
	sm := newSession(t, e, "sysmaster")
	if rows := query(t, sm, "select tabid from systables"); len(rows) < 50 {
		t.Errorf("sysmaster systables has %d rows", len(rows))
	}
}
