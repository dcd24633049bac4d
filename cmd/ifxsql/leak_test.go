package main

import (
	"testing"

	"go.uber.org/goleak"
)

// run starts an embedded server when no DSN is given: its connection
// goroutines and pollers must be gone when run returns.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
