package engine

import (
	"context"
	"sort"

	"modernc.org/sqlite/vtab"
)

// sysmaster:syssessions lists the server's sessions (IDS: one row per
// session, "syssessions", Administrator's Reference, The sysmaster
// database). Liquibase's Informix support reads the current user from it
// (select username from sysmaster:informix.syssessions where sid =
// dbinfo('sessionid')). ifxtest keeps it as a SQLite virtual table over the
// live sessions, with the columns it knows: sid and username; uid, pid,
// hostname, tty, connected and feprogram are 0 or empty (GAP).
const sessionsDDL = `create table syssessions (sid integer, username char(32), uid smallint, pid integer,
	hostname char(256), tty char(16), connected integer, feprogram varchar(255))`

type sessModule struct{}

func (sessModule) Create(ctx vtab.Context, args []string) (vtab.Table, error) {
	return sessModule{}.Connect(ctx, args)
}

func (sessModule) Connect(ctx vtab.Context, _ []string) (vtab.Table, error) {
	if err := ctx.Declare(`CREATE TABLE x(sid INT, username TEXT, uid INT, pid INT, hostname TEXT, tty TEXT,
		connected INT, feprogram TEXT)`); err != nil {
		return nil, err
	}
	return sessVTable{}, nil
}

type sessVTable struct{}

func (sessVTable) BestIndex(info *vtab.IndexInfo) error {
	info.EstimatedCost, info.EstimatedRows = 100, 100
	return nil
}
func (sessVTable) Open() (vtab.Cursor, error) { return &sessCursor{}, nil }
func (sessVTable) Disconnect() error          { return nil }
func (sessVTable) Destroy() error             { return nil }

type sessCursor struct {
	rows [][2]any // sid, username
	i    int
}

func (c *sessCursor) Filter(int, string, []vtab.Value) error {
	c.rows, c.i = nil, 0
	sessionRegistry.Range(func(_, v any) bool {
		s := v.(*Session)
		c.rows = append(c.rows, [2]any{s.id, s.user})
		return true
	})
	sort.Slice(c.rows, func(i, j int) bool { return c.rows[i][0].(int64) < c.rows[j][0].(int64) })
	return nil
}

func (c *sessCursor) Next() error           { c.i++; return nil }
func (c *sessCursor) Eof() bool             { return c.i >= len(c.rows) }
func (c *sessCursor) Rowid() (int64, error) { return int64(c.i + 1), nil }
func (c *sessCursor) Close() error          { return nil }

func (c *sessCursor) Column(col int) (vtab.Value, error) {
	switch col {
	case 0:
		return c.rows[c.i][0], nil
	case 1:
		return c.rows[c.i][1], nil
	case 2, 3, 6:
		return int64(0), nil
	}
	return "", nil
}

// addSessionsTable creates sysmaster's syssessions and its catalog rows.
func addSessionsTable(ctx context.Context, c dbConn) error {
	st, _, err := parse(sessionsDDL)
	if err != nil {
		return err
	}
	_, ti, err := createTableSQL(st.(*createTableStmt), nil)
	if err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, "CREATE VIRTUAL TABLE IF NOT EXISTS main.syssessions USING ifx_sessions"); err != nil {
		return err
	}
	if ti.tabid, err = nextTabid(ctx, c); err != nil {
		return err
	}
	ti.owner = "informix"
	return registerTable(ctx, c, ti, "T")
}
