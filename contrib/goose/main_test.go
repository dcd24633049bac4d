package ifxgoose_test

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// database/sql keeps goroutines per pool and goose per provider:
// every test closes what it opened, and goleak checks that it did.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintf(os.Stderr, "goleak: errors on successful test run: %v\n", err)
			code = 1
		}
	}
	os.Exit(code)
}
