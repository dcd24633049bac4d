package informix_test

import (
	"testing"

	"go.uber.org/goleak"
)

// ifxtest servers and pooled connections run goroutines; none may outlive
// the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
