package ifx_test

import (
	"reflect"
	"testing"

	"github.com/ifxgo/ifx"
)

func TestSplitStatementsKeepsRoutineBodies(t *testing.T) {
	script := "CREATE PROCEDURE p()\n  DEFINE i INT;\n  LET i = 1;\nEND PROCEDURE;\n/* a; b */ EXECUTE PROCEDURE p();\n-- done\n"
	want := []string{
		"CREATE PROCEDURE p()\n  DEFINE i INT;\n  LET i = 1;\nEND PROCEDURE",
		"/* a; b */ EXECUTE PROCEDURE p()",
	}
	if got := ifx.SplitStatements(script); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
