package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

const helpText = `Meta-commands (each on a line of its own):
  \d             list tables and views        \d NAME   describe a table
  \dt            list tables                  \df       list routines
  \x             vertical output on/off       \timing   show each statement's time
  \o [FILE]      send results to FILE (none: back to stdout)
  \i FILE        run the statements of FILE
  \set [NAME VALUE]  show or change a setting: format, timeout, quiet, stop_on_error
  \conninfo      show the connection          \h        this help
  \q             quit (Ctrl-D too)
dbaccess forms: INFO TABLES; INFO COLUMNS FOR t; INFO INDEXES FOR t;
Statements end at ';'. Ctrl-C cancels the running statement, or clears the line at the prompt.
`

// meta runs one backslash command.
func (s *session) meta(line string) error {
	fields := strings.Fields(line)
	cmd, args := fields[0], fields[1:]
	arg := strings.TrimSpace(strings.TrimPrefix(line, cmd))
	ctx := context.Background()
	var err error
	switch cmd {
	case `\q`:
		s.quit = true
		return nil
	case `\h`, `\?`:
		fmt.Fprint(s.out, helpText)
	case `\d`:
		if arg == "" {
			err = s.listTables(ctx, false)
		} else {
			err = s.describe(ctx, arg, true, true)
		}
	case `\dt`:
		err = s.listTables(ctx, true)
	case `\df`:
		err = s.listRoutines(ctx)
	case `\timing`:
		s.timing = toggle(args, s.timing)
		fmt.Fprintf(s.stderr, "Timing is %s.\n", onOff(s.timing))
	case `\x`:
		if toggle(args, s.format == "vertical") {
			s.format = "vertical"
		} else if s.format == "vertical" {
			s.format = "table"
		}
		fmt.Fprintf(s.stderr, "Expanded display is %s.\n", onOff(s.format == "vertical"))
	case `\o`:
		err = s.setOutput(arg)
	case `\i`:
		if arg == "" {
			err = fmt.Errorf(`\i needs a file name`)
			break
		}
		var f *os.File
		if f, err = os.Open(arg); err == nil {
			err = s.runScript(f, arg)
			f.Close()
			if err == errStop {
				return err
			}
		}
	case `\set`:
		err = s.set(args)
	case `\conninfo`:
		cfg := s.conn.Config()
		hosts := make([]string, len(cfg.Hosts))
		for i, h := range cfg.Hosts {
			hosts[i] = h.String()
		}
		fmt.Fprintf(s.out, "database %q on server %q at %s as user %q\n", cfg.Database, cfg.Server, strings.Join(hosts, ","), cfg.User)
	default:
		err = fmt.Errorf(`unknown command %s (\h lists them)`, cmd)
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "ifxsql: %s: %v\n", cmd, err)
		s.failed = true
		if s.stopOnError {
			return errStop
		}
	}
	return nil
}

// set shows the settings, or changes one.
func (s *session) set(args []string) error {
	if len(args) == 0 {
		fmt.Fprintf(s.out, "format = %s\ntimeout = %v\nquiet = %s\nstop_on_error = %s\ntiming = %s\n",
			s.format, s.timeout, onOff(s.quiet), onOff(s.stopOnError), onOff(s.timing))
		return nil
	}
	if len(args) != 2 {
		return fmt.Errorf("usage: \\set NAME VALUE")
	}
	name, val := strings.ToLower(args[0]), args[1]
	switch name {
	case "format":
		if !validFormat(val) {
			return fmt.Errorf("unknown format %q (table, csv, tsv, json, vertical)", val)
		}
		s.format = val
	case "timeout":
		d, err := time.ParseDuration(val)
		if err != nil {
			return err
		}
		s.timeout = d
	case "quiet", "stop_on_error", "timing":
		b, err := parseOnOff(val)
		if err != nil {
			return err
		}
		switch name {
		case "quiet":
			s.quiet = b
		case "stop_on_error":
			s.stopOnError = b
		default:
			s.timing = b
		}
	default:
		return fmt.Errorf("unknown setting %q", name)
	}
	return nil
}

func validFormat(f string) bool {
	switch f {
	case "table", "csv", "tsv", "json", "vertical":
		return true
	}
	return false
}

func toggle(args []string, cur bool) bool {
	if len(args) > 0 {
		if b, err := parseOnOff(args[0]); err == nil {
			return b
		}
	}
	return !cur
}

func parseOnOff(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "on", "true", "1", "yes":
		return true, nil
	case "off", "false", "0", "no":
		return false, nil
	}
	return strconv.ParseBool(v)
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// infoForm is a parsed dbaccess INFO statement.
type infoForm struct {
	what  string // TABLES, COLUMNS or INDEXES
	table string
}

// infoCommand recognises dbaccess's INFO TABLES, INFO COLUMNS FOR t and
// INFO INDEXES FOR t, which dbaccess answers itself from the catalog.
func infoCommand(sql string) (infoForm, bool) {
	f := strings.Fields(sql)
	if len(f) < 2 || !strings.EqualFold(f[0], "INFO") {
		return infoForm{}, false
	}
	what := strings.ToUpper(f[1])
	switch {
	case what == "TABLES" && len(f) == 2:
		return infoForm{what: what}, true
	case (what == "COLUMNS" || what == "INDEXES") && len(f) == 4 && strings.EqualFold(f[2], "FOR"):
		return infoForm{what: what, table: f[3]}, true
	}
	return infoForm{}, false
}

func (s *session) info(ctx context.Context, f infoForm) error {
	switch f.what {
	case "TABLES":
		return s.listTables(ctx, true)
	case "COLUMNS":
		return s.describe(ctx, f.table, true, false)
	}
	return s.describe(ctx, f.table, false, true)
}
