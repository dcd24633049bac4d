//go:build !ifxstdlib

package main

import "errors"

// Built without the ifxstdlib tag: bench/run.sh builds goclient with
// -tags ifxstdlib first and falls back to this when github.com/ifxgo/ifx/stdlib
// does not compile yet.
func init() {
	modes["sql"] = func() (client, error) {
		return nil, errors.New("built without -tags ifxstdlib (TODO: github.com/ifxgo/ifx/stdlib did not build when bench/run.sh ran; see its build log)")
	}
}
