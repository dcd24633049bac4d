package ifx_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/ifxgo/ifx"
)

func TestErrorClassifiers(t *testing.T) {
	e := func(code, isam int) error {
		return fmt.Errorf("wrapped: %w", &ifx.Error{SQLCode: code, ISAMCode: isam})
	}
	cases := []struct {
		err  error
		is   func(error) bool
		want bool
	}{
		{e(-239, -100), ifx.IsUniqueViolation, true},
		{e(-268, -100), ifx.IsUniqueViolation, true},
		{e(-391, 0), ifx.IsNotNullViolation, true},
		{e(-206, -111), ifx.IsNoSuchTable, true},
		{e(-217, 0), ifx.IsNoSuchColumn, true},
		{e(-244, -143), ifx.IsLockConflict, true},
		{e(-244, -154), ifx.IsLockConflict, true},
		{e(-243, -107), ifx.IsLockConflict, true},
		{e(-206, -111), ifx.IsLockConflict, false},
		{e(-213, -157), ifx.IsInterrupted, true},
		{e(-908, 0), ifx.IsConnectionLost, true},
		{e(-25582, 0), ifx.IsConnectionLost, true},
		{e(-201, 0), ifx.IsConnectionLost, false},
		{io.ErrUnexpectedEOF, ifx.IsConnectionLost, true},
		{ifx.ErrConnClosed, ifx.IsConnectionLost, true},
		{nil, ifx.IsConnectionLost, false},
		{errors.New("x"), ifx.IsUniqueViolation, false},
	}
	for i, tc := range cases {
		if got := tc.is(tc.err); got != tc.want {
			t.Errorf("case %d (%v): %v", i, tc.err, got)
		}
	}
	if !errors.Is(e(-206, -111), &ifx.Error{SQLCode: -206}) {
		t.Error("errors.Is on SQLCODE")
	}
	if errors.Is(e(-206, -111), &ifx.Error{SQLCode: -206, ISAMCode: -100}) {
		t.Error("errors.Is ignores the ISAM code")
	}
	if ifx.SQLCode(e(-329, 0)) != -329 || ifx.SQLCode(context.Canceled) != 0 {
		t.Error("SQLCode")
	}
}
