package ifxtest

import (
	"testing"

	"go.uber.org/goleak"
)

// Every connection goroutine and poller must be gone when the tests end.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
