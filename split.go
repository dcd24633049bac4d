package ifx

import "github.com/ifxgo/ifx/internal/sqltext"

// SplitStatements splits an SQL script into its statements, as ifxsql
// does before running them one by one; migration tools can use it the
// same way. A semicolon ends a statement unless it is inside a quoted
// string or name ('…', "…"), a comment (-- …, /* … */, { … }), the body
// of a CREATE [DBA] PROCEDURE or FUNCTION (up to END PROCEDURE or END
// FUNCTION), or the parenthesised action list of a CREATE TRIGGER.
//
// Each statement comes back without its semicolon and trimmed of white
// space, keeping the comments before it; pieces holding only comments
// are dropped, so every statement returned can be sent to the server as
// it is:
//
//	for _, stmt := range ifx.SplitStatements(script) {
//		if _, err := conn.Exec(ctx, stmt); err != nil {
//			return fmt.Errorf("%.40q: %w", stmt, err)
//		}
//	}
func SplitStatements(sql string) []string { return sqltext.Split(sql) }
