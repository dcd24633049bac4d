package main

import (
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain runs ifxsql itself when a test starts this binary as a child
// (under a pseudo-terminal, or to measure its memory), so the tests need
// no separate build. Otherwise run starts an embedded server when no DSN
// is given: its connection goroutines and pollers must be gone when run
// returns.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	goleak.VerifyTestMain(m)
}

// childEnv makes the test binary act as ifxsql.
const childEnv = "IFXSQL_TEST_CHILD"
