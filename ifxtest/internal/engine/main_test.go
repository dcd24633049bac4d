package engine

import (
	"testing"

	"go.uber.org/goleak"
)

// database/sql and SQLite goroutines must be gone when the tests end.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
