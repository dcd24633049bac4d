package engine

import (
	"errors"
	"math"

	"modernc.org/sqlite/vtab"
)

// TABLE(ifx_generate(n)) reads a SQLite virtual table that counts 1…n in
// Go (module ifx_generate), where a recursive CTE made SQLite insert every
// row into an ephemeral b-tree and read it back. Every database has the
// table in its main schema (created when the engine opens it, so views
// can use it too), and the translated query reads it as
//
//	(SELECT value FROM ifx__generate WHERE n = <n> LIMIT -1 OFFSET 0)
//
// with n a hidden column that BestIndex turns into the Filter argument.
// The OFFSET (SQLite's flattener keeps a subquery with one) makes the
// subquery a co-routine whose value the outer query copies from a
// register: flattened, SQLite called Column through the driver's
// trampoline for every use of the value in the select list, five times
// a row on bench/'s fetch100k (TestGeneratorValueReadOncePerRow).

// genTable is the generator table's name in every database; it is not in
// the Informix catalog, so Informix SQL cannot name it.
const genTable = "ifx__generate"

// genTableSQL creates the generator table of a database.
const genTableSQL = "CREATE VIRTUAL TABLE IF NOT EXISTS main." + genTable + " USING ifx_generate"

type genModule struct{}

func (genModule) Create(ctx vtab.Context, args []string) (vtab.Table, error) {
	return genModule{}.Connect(ctx, args)
}

func (genModule) Connect(ctx vtab.Context, _ []string) (vtab.Table, error) {
	if err := ctx.Declare("CREATE TABLE x(value INTEGER, n HIDDEN)"); err != nil {
		return nil, err
	}
	return genVTable{}, nil
}

type genVTable struct{}

// BestIndex requires n = …: without it there is no end to count to.
func (genVTable) BestIndex(info *vtab.IndexInfo) error {
	for i := range info.Constraints {
		c := &info.Constraints[i]
		if c.Usable && c.Column == 1 && c.Op == vtab.OpEQ {
			c.ArgIndex, c.Omit = 0, true
			info.IdxNum = 1
			info.EstimatedCost = 1000
			info.EstimatedRows = 1000
			info.OrderByConsumed = len(info.OrderBy) == 1 && info.OrderBy[0].Column == 0 && !info.OrderBy[0].Desc
			return nil
		}
	}
	info.IdxNum = 0
	info.EstimatedCost = math.MaxFloat64 / 4
	return nil
}

func (genVTable) Open() (vtab.Cursor, error) { return &genCursor{}, nil }
func (genVTable) Disconnect() error          { return nil }
func (genVTable) Destroy() error             { return nil }

type genCursor struct {
	v, n int64
	// box holds v as a vtab.Value: SQLite asks for the column once per
	// reference in the query, and boxing an int64 allocates.
	box vtab.Value
}

func (c *genCursor) Filter(idxNum int, _ string, vals []vtab.Value) error {
	c.v, c.n, c.box = 1, 0, int64(1)
	if idxNum != 1 || len(vals) != 1 {
		return errors.New("ifx_generate: no row count")
	}
	switch x := vals[0].(type) {
	case nil:
	case int64:
		c.n = x
	case float64:
		// The recursive CTE this replaces counted while v < n.
		c.n = int64(math.Ceil(x))
	default:
		n, err := toInt64(x)
		if err != nil {
			return err
		}
		c.n = n
	}
	return nil
}

func (c *genCursor) Next() error {
	c.v++
	c.box = c.v
	return nil
}

func (c *genCursor) Eof() bool             { return c.v > c.n }
func (c *genCursor) Rowid() (int64, error) { return c.v, nil }
func (c *genCursor) Close() error          { return nil }

func (c *genCursor) Column(col int) (vtab.Value, error) {
	if col == 1 {
		return c.n, nil
	}
	return c.box, nil
}
