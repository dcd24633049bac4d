package informix_test

import (
	"testing"

	"go.uber.org/goleak"
)

// ifxtest servers and pooled connections run goroutines; none may outlive
// the tests. GORM's PrepareStmt cache starts one that never ends (its
// internal/lru says so, "done channel is never closed"): not ours.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("gorm.io/gorm/internal/lru.NewLRU[...].func1"))
}
