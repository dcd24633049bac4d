package main

import (
	"os"
	"runtime/pprof"
)

// startCPUProfile writes a CPU profile of the server to path until the
// returned stop runs (at exit): the benchmarks' server CPU, broken down
// by function (go tool pprof). An empty path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
