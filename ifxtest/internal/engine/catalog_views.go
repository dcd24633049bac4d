package engine

import (
	"context"
	"strings"
)

// sysindexesCols are the columns of the catalog view sysindexes. IDS
// keeps index keys in sysindices (a table since 9.x) and offers the
// older part1…part16 layout as the view sysindexes; here sysindices
// already has that layout, so the view selects these of its columns and
// follows every CREATE INDEX, constraint and DROP as sysindices does.
var sysindexesCols = []string{"idxname", "owner", "tabid", "idxtype", "clustered",
	"part1", "part2", "part3", "part4", "part5", "part6", "part7", "part8",
	"part9", "part10", "part11", "part12", "part13", "part14", "part15", "part16",
	"levels", "leaves", "nunique", "clust", "idxflags"}

// addCatalogViews creates the catalog views of a new database over the
// registered catalog tables, with tabids after the tables'.
func addCatalogViews(ctx context.Context, c dbConn, tables []*tableInfo) error {
	var base *tableInfo
	for _, ti := range tables {
		if ti.name == "sysindices" {
			base = ti
		}
	}
	if base == nil {
		return nil
	}
	view := &tableInfo{name: "sysindexes", owner: "informix", view: true, tabid: int64(len(catalogDDL) + 1)}
	var names, exprs []string
	for _, n := range sysindexesCols {
		t, x := tInteger(), "0" // idxflags (the index's lock mode): sysindices has none here
		if col := base.col(n); col != nil {
			t, x = col.t, n
		}
		view.cols = append(view.cols, colInfo{name: n, no: len(view.cols) + 1, t: t})
		names, exprs = append(names, n), append(exprs, x)
	}
	q := "CREATE VIEW sysindexes (" + quoteList(names) + ") AS SELECT " + strings.Join(exprs, ", ") + " FROM sysindices"
	if _, err := c.ExecContext(ctx, q); err != nil {
		return err
	}
	return registerTable(ctx, c, view, "V")
}
