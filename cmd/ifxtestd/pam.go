package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ifxgo/ifx/ifxtest"
	"github.com/ifxgo/ifx/sqli"
)

// parsePAMSteps turns -pam values into a PAM script: "password" is a
// password prompt answered by -password; "STYLE:TEXT:ANSWER" is a prompt
// (STYLE 1 or 2; the answer follows the last colon, so "2:Code: :123"
// asks "Code: "), "STYLE:TEXT" a message (3 or 4).
func parsePAMSteps(specs []string, password string) ([]ifxtest.PAMStep, error) {
	var steps []ifxtest.PAMStep
	for _, s := range specs {
		if s == "password" {
			steps = append(steps, ifxtest.PAMStep{Style: sqli.PAMPromptEchoOff, Text: "Password: ", Answer: password})
			continue
		}
		st, rest, ok := strings.Cut(s, ":")
		style, err := strconv.Atoi(st)
		if !ok || err != nil || style < 1 || style > 4 {
			return nil, fmt.Errorf("-pam %q: want password or STYLE:TEXT[:ANSWER], STYLE 1, 2, 3 or 4", s)
		}
		text, answer := rest, ""
		if style <= 2 {
			// The answer follows the last colon: prompt texts end in one.
			i := strings.LastIndexByte(rest, ':')
			if i < 0 {
				return nil, fmt.Errorf("-pam %q: a prompt needs :ANSWER", s)
			}
			text, answer = rest[:i], rest[i+1:]
		}
		steps = append(steps, ifxtest.PAMStep{Style: int16(style), Text: text, Answer: answer})
	}
	return steps, nil
}
