package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/peterh/liner"
)

// interact reads statements at a prompt with line editing and history.
// liner keeps the terminal's signals off only while it reads a line, so
// Ctrl-C at the prompt is a key (the line is cleared) and Ctrl-C while a
// statement runs is SIGINT (the statement is cancelled).
func (s *session) interact(database string) error {
	ln := liner.NewLiner()
	defer ln.Close()
	ln.SetCtrlCAborts(true)
	ln.SetMultiLineMode(true)
	history := historyFile()
	if history != "" {
		if f, err := os.Open(history); err == nil {
			ln.ReadHistory(f)
			f.Close()
		}
	}
	defer func() {
		if history == "" {
			return
		}
		if f, err := os.Create(history); err == nil {
			ln.WriteHistory(f)
			f.Close()
		}
	}()
	if !s.quiet {
		fmt.Fprintln(s.stderr, `ifxsql: \h for help, \q or Ctrl-D to quit`)
	}
	f := &feeder{s: s}
	var entry strings.Builder // the statement as typed, for the history
	for !s.quit {
		prompt := database + "> "
		if f.pending() {
			prompt = strings.Repeat(" ", len(database)) + "-> "
		}
		line, err := ln.Prompt(prompt)
		switch {
		case errors.Is(err, liner.ErrPromptAborted):
			f.reset()
			entry.Reset()
			continue
		case errors.Is(err, io.EOF):
			fmt.Fprintln(s.stdout)
			return nil
		case err != nil:
			return err
		}
		if entry.Len() > 0 {
			entry.WriteByte(' ')
		}
		entry.WriteString(strings.TrimSpace(line))
		if err := f.feedLine(line); err != nil && err != errStop {
			return err
		}
		if !f.pending() {
			if h := strings.TrimSpace(entry.String()); h != "" {
				ln.AppendHistory(h)
			}
			entry.Reset()
		}
	}
	return nil
}

// historyFile is $IFXSQL_HISTORY, else ~/.ifxsql_history.
func historyFile() string {
	if h := os.Getenv("IFXSQL_HISTORY"); h != "" {
		return h
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".ifxsql_history")
}
