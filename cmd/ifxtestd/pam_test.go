package main

import (
	"testing"

	"github.com/ifxgo/ifx/ifxtest"
)

func TestParsePAMSteps(t *testing.T) {
	steps, err := parsePAMSteps([]string{"password", "4:Welcome: have a nice day", "2:One-time code: :424242"}, "in4mix")
	if err != nil {
		t.Fatal(err)
	}
	want := []ifxtest.PAMStep{
		{Style: 1, Text: "Password: ", Answer: "in4mix"},
		{Style: 4, Text: "Welcome: have a nice day"},
		{Style: 2, Text: "One-time code: ", Answer: "424242"},
	}
	if len(steps) != len(want) {
		t.Fatalf("%+v", steps)
	}
	for i := range want {
		if steps[i] != want[i] {
			t.Errorf("step %d: %+v, want %+v", i, steps[i], want[i])
		}
	}
	for _, bad := range []string{"", "7:x:y", "x", "1:no answer"} {
		if _, err := parsePAMSteps([]string{bad}, "p"); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
