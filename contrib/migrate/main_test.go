package ifxmigrate_test

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// migrate runs Lock in goroutines and database/sql keeps one per pool:
// every test closes what it opened, and goleak checks that it did.
func TestMain(m *testing.M) {
	if url := os.Getenv(lockChildEnv); url != "" {
		os.Exit(lockChild(url))
	}
	code := m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintf(os.Stderr, "goleak: errors on successful test run: %v\n", err)
			code = 1
		}
	}
	os.Exit(code)
}
