package ifxtest

import (
	"fmt"
	"strings"

	"github.com/ifxgo/ifx/ifxtest/internal/engine"
	"github.com/ifxgo/ifx/sqli"
)

// Server roles in a high-availability cluster (Config.Role).
const (
	// RoleStandard is a server in no cluster (the default).
	RoleStandard = "standard"
	// RolePrimary is a cluster's primary: it takes writes.
	RolePrimary = "primary"
	// RoleSecondary is a read-only secondary (HDR, RSS or SDS with
	// UPDATABLE_SECONDARY 0, IDS's default): it answers queries and
	// refuses every write (docs/PROTOCOL.md, "Primary and secondaries").
	RoleSecondary = "secondary"
)

// isamDRSecondary is ISAM error -140, "operation illegal on a DR
// Secondary", which accompanies the SQL error of a write refused by a
// read-only secondary.
const isamDRSecondary = -140

// checkRole resolves Config.Role.
func checkRole(r string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(r)) {
	case "", RoleStandard:
		return RoleStandard, nil
	case RolePrimary:
		return RolePrimary, nil
	case RoleSecondary, "hdr", "rss", "sds":
		return RoleSecondary, nil
	}
	return "", fmt.Errorf("ifxtest: Role %q: want primary, secondary or standard", r)
}

// Role returns the server's current role.
func (s *Server) Role() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.role
}

// Promote makes a secondary the primary, as onmode -d make primary (HDR)
// or a Connection Manager failover does: writes are taken from now on,
// and a database opened afterwards is no longer reported read-only.
// Connections already open keep their session. A server that shares its
// DBDir with a dead primary (a shared-disk secondary) sees every write
// the primary committed. Promoting a primary or a standard server is an
// error.
func (s *Server) Promote() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.role != RoleSecondary {
		return fmt.Errorf("ifxtest: Promote: the server is %s, not a secondary", s.role)
	}
	// Counters cached while the files belonged to the primary are stale.
	s.engine.ForgetCaches()
	s.role = RolePrimary
	s.cfg.Role = RolePrimary
	return nil
}

func (s *Server) readOnly() bool { return s.Role() == RoleSecondary }

// refusedOnSecondary returns the error a read-only secondary answers a
// statement of type typ with, or nil when the statement only reads. IDS
// refuses the write when it is executed, not when it is prepared: a DML
// statement fails with its own "could not" code, DDL with -26097, and
// all with ISAM -140 (docs/PROTOCOL.md, "Primary and secondaries").
func refusedOnSecondary(typ int) *engine.Error {
	switch typ {
	case engine.StmtInsert:
		return &engine.Error{SQLCode: -271, ISAMCode: isamDRSecondary}
	case engine.StmtUpdate, engine.StmtUpdateAll:
		return &engine.Error{SQLCode: -346, ISAMCode: isamDRSecondary}
	case engine.StmtDelete, engine.StmtDeleteAll, engine.StmtTruncate:
		return &engine.Error{SQLCode: -240, ISAMCode: isamDRSecondary}
	case engine.StmtCreateDatabase, engine.StmtDropDatabase, engine.StmtCreateTable,
		engine.StmtDropTable, engine.StmtCreateIndex, engine.StmtDropIndex,
		engine.StmtGrant, engine.StmtRevoke, engine.StmtRenameTable, engine.StmtRenameColumn,
		engine.StmtAlterTable, engine.StmtCreateView, engine.StmtDropView,
		engine.StmtCreateSynonym, engine.StmtDropSynonym, engine.StmtCreateProcedure,
		engine.StmtDropProcedure, engine.StmtCreateTrigger, engine.StmtDropTrigger,
		engine.StmtCreateRole, engine.StmtDropRole, engine.StmtUpdateStatistics:
		return &engine.Error{SQLCode: -26097, ISAMCode: isamDRSecondary}
	}
	return nil
}

// refuseWrite fails the current statement when this server is a
// read-only secondary and st writes; it reports whether it did.
func (c *conn) refuseWrite(st *stmt) bool {
	if !c.srv.readOnly() {
		return false
	}
	if e := refusedOnSecondary(st.es.Type); e != nil {
		c.fail(e)
		return true
	}
	return false
}

// roleWarnings adds the read-only bit (sqlwarn6) to a DBOPEN reply's
// warnings on a secondary: it is how a client learns, at no cost, that
// the server it logged in to takes no writes.
func (c *conn) roleWarnings(w int16) int16 {
	if c.srv.readOnly() {
		w |= sqli.DBWarnReadOnly
	}
	return w
}
