package ifx

import (
	"container/list"

	"github.com/ifxgo/ifx/ifxtype"
)

// stmtCache keeps the statements Query, QueryRow and Exec prepared, by
// SQL text, so that running the same text again costs one round trip
// instead of two (no PREPARE). Least recently used ones are released on
// the server when it is full.
type stmtCache struct {
	capacity int
	bySQL    map[string]*list.Element // of *cachedStmt
	lru      list.List                // front: most recently used
}

type cachedStmt struct {
	sql string
	p   *prepared
}

func newStmtCache(capacity int) *stmtCache {
	if capacity <= 0 {
		return nil
	}
	return &stmtCache{capacity: capacity, bySQL: make(map[string]*list.Element, capacity)}
}

func (sc *stmtCache) get(sql string) *prepared {
	e := sc.bySQL[sql]
	if e == nil {
		return nil
	}
	sc.lru.MoveToFront(e)
	return e.Value.(*cachedStmt).p
}

// put adds p and returns the statement it pushed out, if any.
func (sc *stmtCache) put(sql string, p *prepared) (evicted *prepared) {
	if sc.lru.Len() >= sc.capacity {
		last := sc.lru.Back()
		cs := sc.lru.Remove(last).(*cachedStmt)
		delete(sc.bySQL, cs.sql)
		evicted = cs.p
	}
	sc.bySQL[sql] = sc.lru.PushFront(&cachedStmt{sql: sql, p: p})
	return evicted
}

func (sc *stmtCache) remove(sql string) {
	if e := sc.bySQL[sql]; e != nil {
		sc.lru.Remove(e)
		delete(sc.bySQL, sql)
	}
}

// cacheable reports whether a prepared statement of this type is worth
// keeping: DML and EXECUTE PROCEDURE, which applications run again and
// again with new arguments.
func cacheable(stmtType int16) bool {
	switch ifxtype.StatementType(stmtType) {
	case ifxtype.StmtSelect, ifxtype.StmtInsert, ifxtype.StmtUpdate, ifxtype.StmtDelete, ifxtype.StmtExecProcedure:
		return true
	}
	return false
}

// keepsStatements reports whether running a statement of this type
// leaves prepared statements valid. Anything else (DDL, DATABASE, types
// not known here) empties the cache: a re-prepare costs a round trip, a
// stale statement a wrong result.
func keepsStatements(stmtType int16) bool {
	return ifxtype.StatementType(stmtType).KeepsStatements()
}

// prepareCached returns the prepared statement for sql, from the cache
// or from the server; release says the caller must release it when done
// (it is not kept).
func (c *Conn) prepareCached(sql string, nParams int) (p *prepared, release, fromCache bool, err error) {
	if c.stmts != nil {
		if p := c.stmts.get(sql); p != nil {
			return p, false, true, nil
		}
	}
	p, err = c.prepare(sql, nParams)
	if err != nil {
		return nil, false, false, err
	}
	if c.stmts == nil || !cacheable(p.stmtType) {
		return p, true, false, nil
	}
	if ev := c.stmts.put(sql, p); ev != nil {
		c.queueRelease(ev.id)
	}
	return p, false, false, nil
}

// dropCached forgets sql's statement and releases it on the server.
func (c *Conn) dropCached(sql string, p *prepared) {
	c.stmts.remove(sql)
	c.queueRelease(p.id)
}

// clearStmtCache releases every cached statement.
func (c *Conn) clearStmtCache() {
	c.pc.DropRoutineHandles()
	if c.stmts == nil || c.stmts.lru.Len() == 0 {
		return
	}
	for e := c.stmts.lru.Front(); e != nil; e = e.Next() {
		c.queueRelease(e.Value.(*cachedStmt).p.id)
	}
	c.stmts = newStmtCache(c.stmts.capacity)
}

// noteStatementType empties the statement cache after a statement that
// may invalidate prepared statements.
func (c *Conn) noteStatementType(stmtType int16) {
	if !keepsStatements(stmtType) {
		c.clearStmtCache()
	}
}

// isStaleStatement reports the server's verdict on a prepared statement
// whose table changed since: -710, table dropped, altered or renamed.
// Nothing ran, so the statement is prepared again and run once more.
func isStaleStatement(err error) bool {
	return SQLCode(err) == -710
}
