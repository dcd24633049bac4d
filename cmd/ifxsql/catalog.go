package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ifxgo/ifx"
	"github.com/ifxgo/ifx/ifxtype"
	"github.com/ifxgo/ifx/sqli"
)

// listTables prints the user tables (and views unless tablesOnly) from
// systables; tabid 100 and up are not the catalog's own.
func (s *session) listTables(ctx context.Context, tablesOnly bool) error {
	q := "SELECT tabname, owner, CASE tabtype WHEN 'T' THEN 'table' WHEN 'V' THEN 'view' WHEN 'S' THEN 'synonym' " +
		"ELSE tabtype END AS type FROM systables WHERE tabid >= 100"
	if tablesOnly {
		q += " AND tabtype = 'T'"
	}
	return s.query(ctx, q+" ORDER BY tabname")
}

// listRoutines prints the user-defined routines from sysprocedures.
func (s *session) listRoutines(ctx context.Context) error {
	return s.query(ctx, "SELECT procname, owner, CASE isproc WHEN 't' THEN 'procedure' ELSE 'function' END AS kind, "+
		"numargs FROM sysprocedures WHERE internal = 'f' AND mode <> 'I' ORDER BY procname")
}

func (s *session) query(ctx context.Context, q string, args ...any) error {
	rows, err := s.conn.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return s.printRows(rows)
}

// describe prints a table's columns and, when indexes is set, its indexes
// and constraints, from syscolumns, sysindexes and sysconstraints.
func (s *session) describe(ctx context.Context, name string, columns, indexes bool) error {
	owner, table := "", name
	if i := strings.IndexByte(name, '.'); i >= 0 {
		owner, table = strings.Trim(name[:i], `"`), name[i+1:]
	}
	if strings.HasPrefix(table, `"`) {
		table = strings.Trim(table, `"`)
	} else {
		table = strings.ToLower(table) // IDS folds undelimited names
	}
	q := "SELECT tabid FROM systables WHERE tabname = ?"
	args := []any{table}
	if owner != "" {
		q += " AND owner = ?"
		args = append(args, owner)
	}
	var tabid int64
	if err := s.conn.QueryRow(ctx, q, args...).Scan(&tabid); err != nil {
		if errors.Is(err, ifx.ErrNoRows) {
			return fmt.Errorf("no table %q", name)
		}
		return err
	}
	colNames := map[int64]string{}
	var colRows [][]string
	rows, err := s.conn.Query(ctx, "SELECT colname, colno, coltype, collength, extended_id FROM syscolumns WHERE tabid = ? ORDER BY colno", tabid)
	if err != nil {
		return err
	}
	for rows.Next() {
		var cname string
		var colno, coltype, collength, xid int64
		if err := rows.Scan(&cname, &colno, &coltype, &collength, &xid); err != nil {
			rows.Close()
			return err
		}
		colNames[colno] = cname
		nulls := "yes"
		if coltype&0x100 != 0 {
			nulls = "no"
		}
		colRows = append(colRows, []string{cname, columnType(coltype, collength, xid), nulls})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if columns {
		if !s.quiet {
			fmt.Fprintf(s.out, "Table %s\n", table)
		}
		s.printCells([]string{"column", "type", "nulls"}, colRows)
	}
	if !indexes {
		return nil
	}
	if err := s.printIndexes(ctx, tabid, colNames); err != nil {
		return err
	}
	if !s.quiet {
		fmt.Fprintln(s.out, "Constraints")
	}
	return s.query(ctx, "SELECT constrname AS name, CASE constrtype WHEN 'P' THEN 'primary key' WHEN 'U' THEN 'unique' "+
		"WHEN 'R' THEN 'foreign key' WHEN 'C' THEN 'check' WHEN 'N' THEN 'not null' ELSE constrtype END AS type, "+
		"idxname AS index FROM sysconstraints WHERE tabid = ? ORDER BY constrname", tabid)
}

func (s *session) printIndexes(ctx context.Context, tabid int64, colNames map[int64]string) error {
	parts := make([]string, 16)
	for i := range parts {
		parts[i] = "part" + strconv.Itoa(i+1)
	}
	rows, err := s.conn.Query(ctx, "SELECT idxname, idxtype, clustered, "+strings.Join(parts, ", ")+
		" FROM sysindexes WHERE tabid = ? ORDER BY idxname", tabid)
	if err != nil {
		return err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		kind := "duplicates"
		if str(vals[1]) == "U" {
			kind = "unique"
		}
		if str(vals[2]) == "C" {
			kind += ", clustered"
		}
		var cols []string
		for _, v := range vals[3:] {
			n, ok := toInt(v)
			if !ok || n == 0 {
				continue
			}
			c := colNames[abs(n)]
			if n < 0 {
				c += " DESC" // a negative part is a descending key
			}
			cols = append(cols, c)
		}
		out = append(out, []string{str(vals[0]), kind, strings.Join(cols, ", ")})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if !s.quiet {
		fmt.Fprintln(s.out, "Indexes")
	}
	s.printCells([]string{"index", "type", "columns"}, out)
	return nil
}

// printCells prints rows that ifxsql made itself in the session's format.
func (s *session) printCells(header []string, rows [][]string) {
	cols := make([]ifx.Column, len(header))
	for i, h := range header {
		cols[i] = ifx.Column{Name: h, Type: sqli.TypeVarChar}
	}
	rw := newResultWriter(s.format, s.out, cols, s.quiet)
	for _, r := range rows {
		rw.row(r)
	}
	rw.end(int64(len(rows)))
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimRight(s, " ")
}

func toInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	}
	return 0, false
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// Extended type ids of the built-in opaque types (sysxtdtypes).
var extendedNames = map[int64]string{1: "LVARCHAR", 5: "BOOLEAN", 10: "BLOB", 11: "CLOB"}

// columnType decodes syscolumns.coltype and collength into the type as
// IDS declares it: the low byte is the type code (256 added for NOT
// NULL), and collength packs lengths, precision and qualifiers the same
// way the type's length does in a DESCRIBE.
func columnType(coltype, collength, extendedID int64) string {
	t := sqli.TypeCode(coltype).Base()
	l := collength
	switch t {
	case sqli.TypeChar, sqli.TypeNChar:
		return fmt.Sprintf("%s(%d)", t, l)
	case sqli.TypeVarChar, sqli.TypeNVarChar:
		if minLen := l >> 8 & 0xff; minLen > 0 {
			return fmt.Sprintf("%s(%d,%d)", t, l&0xff, minLen)
		}
		return fmt.Sprintf("%s(%d)", t, l&0xff)
	case sqli.TypeDecimal, sqli.TypeMoney:
		p, sc := l>>8&0xff, l&0xff
		if sc == 0xff {
			return fmt.Sprintf("%s(%d)", t, p)
		}
		return fmt.Sprintf("%s(%d,%d)", t, p, sc)
	case sqli.TypeDateTime:
		return "DATETIME " + ifxtype.Qualifier(uint16(l)).String()
	case sqli.TypeInterval:
		return "INTERVAL " + ifxtype.Qualifier(uint16(l)).String()
	case sqli.TypeUDTVar, sqli.TypeUDTFixed:
		if n, ok := extendedNames[extendedID]; ok {
			if n == "LVARCHAR" {
				return fmt.Sprintf("LVARCHAR(%d)", l)
			}
			return n
		}
	case sqli.TypeLVarChar:
		return fmt.Sprintf("LVARCHAR(%d)", l)
	}
	return t.String()
}
